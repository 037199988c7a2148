#include "ui/views/published_run_dialog.h"

#include "model/perf/published_run.h"
#include "model/units/quantity_parser.h"
#include "ui/charts/charts.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>

#include <optional>
#include <string>

namespace headroom::ui {
namespace {

// Parses one field; on failure writes "<field>: <message>" into problem.
template <class Q>
std::optional<Q> readField(const QLineEdit* edit, const QString& field, QString& problem) {
    const auto parsed = units::parseQuantity<Q>(edit->text().toStdString());
    if (!parsed && problem.isEmpty()) {
        problem = field + QStringLiteral(": ") + QString::fromStdString(parsed.error.message);
    }
    return parsed.value;
}

} // namespace

PublishedRunDialog::PublishedRunDialog(QWidget* parent)
    : QDialog(parent)
    , m_accelerators(new QLineEdit(QStringLiteral("10000"), this))
    , m_duration(new QLineEdit(QStringLiteral("14.8 d"), this))
    , m_power(new QLineEdit(QStringLiteral("330 W"), this))
    , m_pue(new QLineEdit(QStringLiteral("1.10"), this))
    , m_carbon(new QLineEdit(QStringLiteral("0.429 kg/kWh"), this))
    , m_wue(new QLineEdit(this))
    , m_ewif(new QLineEdit(this))
    , m_results(new QLabel(this)) {
    setObjectName(QStringLiteral("publishedRunDialog"));
    setWindowTitle(tr("Published Training Run"));
    // The defaults are Patterson et al. 2021's GPT-3 row [patterson-2021-carbon].
    m_wue->setPlaceholderText(tr("optional, e.g. 0.55 L/kWh"));
    m_ewif->setPlaceholderText(tr("optional, e.g. 3.142 L/kWh"));
    m_results->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_results->setWordWrap(true);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Accelerators"), m_accelerators);
    form->addRow(tr("Duration"), m_duration);
    form->addRow(tr("Average power per accelerator"), m_power);
    form->addRow(tr("PUE"), m_pue);
    form->addRow(tr("Grid carbon intensity"), m_carbon);
    form->addRow(tr("WUE (site)"), m_wue);
    form->addRow(tr("EWIF (grid water)"), m_ewif);
    form->addRow(m_results);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    form->addRow(buttons);
    for (QLineEdit* edit : {m_accelerators, m_duration, m_power, m_pue, m_carbon, m_wue, m_ewif}) {
        connect(edit, &QLineEdit::textChanged, this, &PublishedRunDialog::recompute);
    }
    recompute();
}

void PublishedRunDialog::recompute() {
    QString problem;
    model::PublishedRun run;
    run.accelerators = readField<units::Dimensionless>(m_accelerators, tr("Accelerators"), problem)
                           .value_or(units::Dimensionless())
                           .value();
    run.duration =
        readField<units::Time>(m_duration, tr("Duration"), problem).value_or(run.duration);
    run.averagePower =
        readField<units::Power>(m_power, tr("Power"), problem).value_or(run.averagePower);
    run.pue = readField<units::Dimensionless>(m_pue, tr("PUE"), problem)
                  .value_or(units::Dimensionless())
                  .value();
    run.carbonIntensity =
        readField<units::CarbonIntensity>(m_carbon, tr("Carbon intensity"), problem)
            .value_or(run.carbonIntensity);
    if (!m_wue->text().trimmed().isEmpty()) {
        run.wue = readField<units::WaterIntensity>(m_wue, tr("WUE"), problem);
    }
    if (!m_ewif->text().trimmed().isEmpty()) {
        run.ewif = readField<units::WaterIntensity>(m_ewif, tr("EWIF"), problem);
    }
    model::Diagnostics diagnostics;
    std::optional<model::PublishedRunResult> result;
    if (problem.isEmpty()) {
        result = model::evaluatePublishedRun(run, diagnostics);
        if (!result && !diagnostics.empty()) {
            problem = QString::fromStdString(diagnostics.items().front().message);
        }
    }
    if (!result) {
        m_results->setText(tr("Cannot compute: %1").arg(problem));
        return;
    }
    const double kWhPerJ = 1.0 / 3.6e6;
    QString text = tr("IT energy %1 MWh · facility energy %2 MWh · carbon %3 t CO₂e")
                       .arg(localNumber(result->itEnergy.value() * kWhPerJ / 1e3, 1),
                            localNumber(result->facilityEnergy.value() * kWhPerJ / 1e3, 1),
                            localNumber(result->carbon.value() / 1e3, 1));
    if (run.wue || run.ewif) {
        text += tr("\nwater on-site %1 ML · off-site %2 ML · total %3 ML")
                    .arg(localNumber(result->onSiteWater.value() / 1e3, 3),
                         localNumber(result->offSiteWater.value() / 1e3, 3),
                         localNumber(result->totalWater().value() / 1e3, 3));
    }
    m_results->setText(text);
}

} // namespace headroom::ui
