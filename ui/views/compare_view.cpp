#include "ui/views/compare_view.h"

#include "model/report/json_summary.h"
#include "ui/charts/charts.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>
#include <limits>
#include <optional>

namespace headroom::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kBaselineColour(0x7f, 0x8c, 0x8d);
const QColor kCurrentColour(0x1f, 0x4e, 0x79);

/// A value already in display units, to the decimals its row shows.
QString shown(double value, const model::KpiField& field, const DisplayUnits& units) {
    return localNumber(value, units.decimals(field.display.kind, field.display.decimals));
}

/// Two series of monthly values, baseline dashed under current.
void overlay(QCustomPlot& plot, const QString& title, const QString& unit,
             const model::Monthly* baseline, const model::Monthly* current,
             const QString& baselineName, const QString& currentName) {
    plot.clearGraphs();
    plot.clearItems();
    if (plot.plotLayout()->rowCount() == 1) {
        plot.plotLayout()->insertRow(0);
        plot.plotLayout()->addElement(0, 0, new QCPTextElement(&plot, title));
    }
    QVector<double> months;
    for (int m = 1; m <= 12; ++m) {
        months << m;
    }
    auto add = [&](const model::Monthly* values, const QString& name, const QColor& colour,
                   Qt::PenStyle style) {
        if (!values) {
            return;
        }
        QCPGraph* graph = plot.addGraph();
        graph->setName(name);
        graph->setPen(QPen(colour, 2, style));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, 5));
        graph->setData(months, QVector<double>(values->begin(), values->end()), true);
    };
    add(baseline, baselineName, kBaselineColour, Qt::DashLine);
    add(current, currentName, kCurrentColour, Qt::SolidLine);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int m = 1; m <= 12; ++m) {
        ticker->addTick(m, monthLabel(m));
    }
    plot.xAxis->setTicker(ticker);
    plot.xAxis->setRange(0.5, 12.5);
    plot.yAxis->setLabel(unit);
    plot.yAxis->rescale();
    plot.yAxis->scaleRange(1.15);
    plot.legend->setVisible(plot.graphCount() > 0);
    plot.replot();
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_table(new QTableWidget(0, 5))
    , m_pue(new QCustomPlot)
    , m_water(new QCustomPlot) {
    setObjectName("compare");
    m_table->setObjectName("comparison");
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    auto* pin = new QPushButton(tr("Pin Current as Baseline"));
    auto* open = new QPushButton(tr("Baseline from Site File…"));
    connect(pin, &QPushButton::clicked, this, &CompareView::pinRequested);
    connect(open, &QPushButton::clicked, this, &CompareView::openBaselineRequested);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(pin);
    top->addWidget(open);
    auto* charts = new QSplitter(Qt::Vertical);
    charts->addWidget(m_pue);
    charts->addWidget(m_water);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(charts);
    split->setSizes({560, 480});
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(split, 1);
    refresh();
}

void CompareView::setBaseline(std::shared_ptr<const model::RunResult> result, const QString& name) {
    m_baseline = std::move(result);
    m_baselineName = name;
    refresh();
}

void CompareView::setCurrent(std::shared_ptr<const model::RunResult> result, const QString& name) {
    m_current = std::move(result);
    m_currentName = name;
    refresh();
}

void CompareView::setUnitSystem(UnitSystem system) {
    m_system = system;
    refresh();
}

std::array<double, 3> CompareView::shownRow(const QString& kpi) const {
    const DisplayUnits units(m_system);
    const model::KpiField* field = model::findKpiField(kpi.toStdString());
    if (!field) {
        return {kNaN, kNaN, kNaN};
    }
    const auto kind = field->display.kind;
    const auto [a, b, difference] = row(kpi);
    // Every conversion here is linear (no offset), so the difference converts as a value.
    return {units.value(kind, a), units.value(kind, b), units.value(kind, difference)};
}

std::array<double, 3> CompareView::row(const QString& kpi) const {
    const model::KpiField* field = model::findKpiField(kpi.toStdString());
    if (!field) {
        return {kNaN, kNaN, kNaN};
    }
    const double a = m_baseline ? model::kpiNumber(*field, *m_baseline) : kNaN;
    const double b = m_current ? model::kpiNumber(*field, *m_current) : kNaN;
    return {a, b, b - a};
}

void CompareView::refresh() {
    m_title->setText(m_baseline
                         ? tr("Baseline <b>%1</b> against <b>%2</b>")
                               .arg(m_baselineName.toHtmlEscaped(), m_currentName.toHtmlEscaped())
                         : tr("Pin the current result, or pick a site file, as the baseline."));
    m_table->setRowCount(0);
    m_table->setHorizontalHeaderLabels(
        {tr("KPI"), m_baselineName.isEmpty() ? tr("Baseline") : m_baselineName,
         m_currentName.isEmpty() ? tr("Current") : m_currentName, tr("Difference"), tr("Change")});
    const DisplayUnits units(m_system);
    for (const model::KpiField& field : model::kpiFields()) {
        if (field.type == model::KpiType::Text) {
            continue;
        }
        const auto [a, b, difference] = shownRow(QString::fromStdString(field.name));
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const double change = std::abs(a) > 0 ? difference / std::abs(a) * 100.0 : kNaN;
        // A row is named as a person reads it, with its unit: "WUE, site (L/kWh)".
        const std::string unit = units.unit(field.display.kind);
        const QString name =
            QString::fromStdString(field.display.label + (unit.empty() ? "" : " (" + unit + ")"));
        // A difference that rounds away at the row's decimals is none: never "-0.000".
        const int decimals = units.decimals(field.display.kind, field.display.decimals);
        const bool none =
            std::isfinite(difference) && std::abs(difference) < 0.5 * std::pow(10.0, -decimals);
        const QStringList cells = {
            name, shown(a, field, units), shown(b, field, units),
            !std::isfinite(difference) ? QStringLiteral("–")
            : none                     ? QStringLiteral("0")
                   : (difference > 0 ? "+" : "") + shown(difference, field, units),
            std::isfinite(change)
                ? QStringLiteral("%1%2 %").arg(change > 0 ? "+" : "").arg(localNumber(change, 1))
                : QStringLiteral("–")};
        for (int c = 0; c < cells.size(); ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            if (c > 0) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            if (c >= 3 && std::isfinite(difference) && !none) {
                item->setFont([&] {
                    QFont bold = item->font();
                    bold.setBold(true);
                    return bold;
                }());
            }
            if (c == 0) { // the row's label, unit and meaning, from the result table
                item->setData(Qt::UserRole, QString::fromStdString(field.name));
                item->setToolTip(QString::fromStdString(field.display.label +
                                                        (unit.empty() ? "" : " (" + unit + ")") +
                                                        ": " + field.display.description));
            }
            m_table->setItem(r, c, item);
        }
    }
    m_table->resizeColumnsToContents();
    overlay(*m_pue, tr("Monthly PUE"), tr("PUE"), m_baseline ? &m_baseline->monthly.pue : nullptr,
            m_current ? &m_current->monthly.pue : nullptr, m_baselineName + tr(" PUE"),
            m_currentName + tr(" PUE"));
    const auto water = [&](const std::shared_ptr<const model::RunResult>& result) {
        std::optional<model::Monthly> shownWater;
        if (result) {
            shownWater = result->monthly.waterM3;
            for (double& value : *shownWater) {
                value = units.waterVolume(value);
            }
        }
        return shownWater;
    };
    const auto baselineWater = water(m_baseline);
    const auto currentWater = water(m_current);
    overlay(*m_water, tr("Monthly water"), QString::fromStdString(units.waterVolumeUnit()),
            baselineWater ? &*baselineWater : nullptr, currentWater ? &*currentWater : nullptr,
            m_baselineName, m_currentName);
}

} // namespace headroom::ui
