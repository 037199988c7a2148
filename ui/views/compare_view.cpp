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
#include <functional>
#include <limits>

namespace headroom::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const QColor kBaselineColour(0x7f, 0x8c, 0x8d);
/// One colour per compared column; the current result (the last) always takes the first.
const std::array<QColor, 5> kColumnColours = {QColor(0x1f, 0x4e, 0x79), QColor(0xc0, 0x39, 0x2b),
                                              QColor(0x27, 0xae, 0x60), QColor(0x8e, 0x44, 0xad),
                                              QColor(0xd3, 0x54, 0x00)};
// Cell backgrounds of a change from the baseline, light enough to read black text on.
const QColor kBetterBackground(0xd4, 0xef, 0xdf);
const QColor kWorseBackground(0xf5, 0xd5, 0xd2);

QColor columnColour(std::size_t column, std::size_t count) {
    // The current result is the last column and keeps the colour it had alone.
    const std::size_t shifted = column + 1 == count ? 0 : column + 1;
    return kColumnColours[shifted % kColumnColours.size()];
}

/// A value already in display units, to the decimals its row shows.
QString shown(double value, const model::KpiField& field, const DisplayUnits& units) {
    return localNumber(value, units.decimals(field.display.kind, field.display.decimals));
}

struct Series {
    model::Monthly values;
    QString name;
    QColor colour;
    Qt::PenStyle style;
};

/// Monthly values of every column, the baseline dashed under the others.
void overlay(QCustomPlot& plot, const QString& title, const QString& unit,
             const std::vector<Series>& series) {
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
    for (const Series& s : series) {
        QCPGraph* graph = plot.addGraph();
        graph->setName(s.name);
        graph->setPen(QPen(s.colour, 2, s.style));
        graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, s.colour, 5));
        graph->setData(months, QVector<double>(s.values.begin(), s.values.end()), true);
    }
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

QString zeroWaterMonths(const model::RunResult& result) {
    QStringList names;
    for (const int month : result.annual.zeroWaterMonths) {
        names << monthLabel(month);
    }
    return names.isEmpty() ? QObject::tr("none") : names.join(", ");
}

} // namespace

CompareView::CompareView(QWidget* parent)
    : QWidget(parent)
    , m_title(new QLabel)
    , m_table(new QTableWidget(0, 4))
    , m_pue(new QCustomPlot)
    , m_water(new QCustomPlot) {
    setObjectName("compare");
    m_table->setObjectName("comparison");
    m_table->verticalHeader()->setVisible(false);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_title->setWordWrap(true);
    auto* pin = new QPushButton(tr("Pin as Baseline"));
    pin->setToolTip(tr("The current result becomes the baseline every column is compared with"));
    auto* open = new QPushButton(tr("Baseline from Site File…"));
    auto* pinVariant = new QPushButton(tr("Pin as Variant"));
    pinVariant->setToolTip(tr("Keep the current result as a column of its own, then edit on"));
    auto* addFile = new QPushButton(tr("Add Site File…"));
    addFile->setToolTip(tr("Run another site file and add it as a column"));
    auto* clear = new QPushButton(tr("Clear Variants"));
    connect(pin, &QPushButton::clicked, this, &CompareView::pinRequested);
    connect(open, &QPushButton::clicked, this, &CompareView::openBaselineRequested);
    connect(pinVariant, &QPushButton::clicked, this, &CompareView::pinVariantRequested);
    connect(addFile, &QPushButton::clicked, this, &CompareView::addVariantFileRequested);
    connect(clear, &QPushButton::clicked, this, &CompareView::clearVariants);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {pin, open, pinVariant, addFile, clear}) {
        buttons->addWidget(button);
    }
    buttons->addStretch(1);
    auto* charts = new QSplitter(Qt::Vertical);
    charts->addWidget(m_pue);
    charts->addWidget(m_water);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_table);
    split->addWidget(charts);
    split->setSizes({640, 400});
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addLayout(buttons);
    layout->addWidget(split, 1);
    refresh();
}

void CompareView::setBaseline(std::shared_ptr<const model::RunResult> result, const QString& name) {
    m_baseline = {std::move(result), name};
    refresh();
}

void CompareView::addVariant(std::shared_ptr<const model::RunResult> result, const QString& name) {
    if (result) {
        m_variants.push_back({std::move(result), name});
        refresh();
    }
}

void CompareView::clearVariants() {
    m_variants.clear();
    refresh();
}

void CompareView::setCurrent(std::shared_ptr<const model::RunResult> result, const QString& name) {
    m_current = {std::move(result), name};
    refresh();
}

void CompareView::setUnitSystem(UnitSystem system) {
    m_system = system;
    refresh();
}

std::vector<const CompareView::Column*> CompareView::compared() const {
    std::vector<const Column*> columns;
    for (const Column& variant : m_variants) {
        columns.push_back(&variant);
    }
    columns.push_back(&m_current);
    return columns;
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
    const double a = m_baseline.result ? model::kpiNumber(*field, *m_baseline.result) : kNaN;
    const double b = m_current.result ? model::kpiNumber(*field, *m_current.result) : kNaN;
    return {a, b, b - a};
}

model::KpiChange CompareView::change(const QString& kpi, int column) const {
    const model::KpiField* field = model::findKpiField(kpi.toStdString());
    const auto columns = compared();
    if (!field || column < 0 || column >= static_cast<int>(columns.size()) || !m_baseline.result ||
        !columns[static_cast<std::size_t>(column)]->result) {
        return model::KpiChange::Unknown;
    }
    const model::RunResult& other = *columns[static_cast<std::size_t>(column)]->result;
    if (field->type == model::KpiType::Text) {
        return field->get(*m_baseline.result) == field->get(other) ? model::KpiChange::Same
                                                                   : model::KpiChange::Changed;
    }
    const DisplayUnits units(m_system);
    const double a = units.value(field->display.kind, model::kpiNumber(*field, *m_baseline.result));
    const double b = units.value(field->display.kind, model::kpiNumber(*field, other));
    // A difference that rounds away at the row's shown decimals is none: never "-0.000",
    // never coloured.
    const int decimals = units.decimals(field->display.kind, field->display.decimals);
    if (std::isfinite(a) && std::isfinite(b) && std::abs(b - a) < 0.5 * std::pow(10.0, -decimals)) {
        return model::KpiChange::Same;
    }
    return model::judgeChange(*field, a, b);
}

void CompareView::refresh() {
    const auto columns = compared();
    QStringList names;
    for (const Column* column : columns) {
        names << "<b>" + column->name.toHtmlEscaped() + "</b>";
    }
    m_title->setText(
        m_baseline.result
            ? tr("Baseline <b>%1</b> against %2. Green: better than the baseline, red: worse, "
                 "by each figure's direction.")
                  .arg(m_baseline.name.toHtmlEscaped(), names.join(", "))
            : tr("Nothing to compare yet: pin the current result, or pick a site file, as the "
                 "baseline; then pin variants or add site files beside it."));
    QStringList headers = {tr("KPI"), m_baseline.name.isEmpty() ? tr("Baseline") : m_baseline.name};
    for (const Column* column : columns) {
        headers << (column->name.isEmpty() ? tr("Current") : column->name) << tr("Change");
    }
    m_table->setRowCount(0);
    m_table->setColumnCount(static_cast<int>(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    const DisplayUnits units(m_system);
    const auto text = [&](const model::KpiField& field, const Column& column) -> QString {
        if (!column.result) {
            return QStringLiteral("–");
        }
        if (field.type == model::KpiType::Text) {
            return QString::fromStdString(model::displayKpi(field, *column.result, units, {}));
        }
        const double value =
            units.value(field.display.kind, model::kpiNumber(field, *column.result));
        return std::isfinite(value) ? shown(value, field, units)
                                    : QString::fromStdString(field.display.absent);
    };
    for (const model::KpiField& field : model::kpiFields()) {
        const QString key = QString::fromStdString(field.name);
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        // A row is named as a person reads it, with its unit: "WUE, site (L/kWh)".
        const std::string unit =
            field.type == model::KpiType::Text ? std::string() : units.unit(field.display.kind);
        const QString label =
            QString::fromStdString(field.display.label + (unit.empty() ? "" : " (" + unit + ")"));
        auto* name = new QTableWidgetItem(label);
        name->setData(Qt::UserRole, key);
        name->setToolTip(label + ": " + QString::fromStdString(field.display.description));
        m_table->setItem(r, 0, name);
        auto* base = new QTableWidgetItem(text(field, m_baseline));
        base->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        m_table->setItem(r, 1, base);
        const double a =
            m_baseline.result
                ? units.value(field.display.kind, model::kpiNumber(field, *m_baseline.result))
                : kNaN;
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const Column& column = *columns[c];
            const model::KpiChange judged = change(key, static_cast<int>(c));
            const double b = column.result ? units.value(field.display.kind,
                                                         model::kpiNumber(field, *column.result))
                                           : kNaN;
            const double difference = b - a;
            QString delta = QStringLiteral("–");
            if (judged == model::KpiChange::Same) {
                delta = field.type == model::KpiType::Text ? QString() : QStringLiteral("0");
            } else if (field.type == model::KpiType::Text) {
                delta = judged == model::KpiChange::Changed ? tr("changed") : QStringLiteral("–");
            } else if (std::isfinite(difference)) {
                delta = (difference > 0 ? "+" : "") + shown(difference, field, units);
            }
            auto* value = new QTableWidgetItem(text(field, column));
            auto* changeItem = new QTableWidgetItem(delta);
            changeItem->setData(Qt::UserRole, static_cast<int>(judged));
            if (std::isfinite(difference) && std::abs(a) > 0 && judged != model::KpiChange::Same) {
                changeItem->setToolTip(tr("%1%2 % against %3")
                                           .arg(difference > 0 ? "+" : "")
                                           .arg(localNumber(difference / std::abs(a) * 100.0, 1))
                                           .arg(m_baseline.name));
            }
            if (field.name == "zero_water_month_count" && column.result) {
                value->setToolTip(tr("Zero-water months: %1").arg(zeroWaterMonths(*column.result)));
            }
            for (QTableWidgetItem* item : {value, changeItem}) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
                if (judged == model::KpiChange::Better) {
                    item->setBackground(kBetterBackground);
                } else if (judged == model::KpiChange::Worse) {
                    item->setBackground(kWorseBackground);
                }
            }
            if (judged != model::KpiChange::Same && judged != model::KpiChange::Unknown) {
                QFont bold = changeItem->font();
                bold.setBold(true);
                changeItem->setFont(bold);
            }
            m_table->setItem(r, static_cast<int>(2 + 2 * c), value);
            m_table->setItem(r, static_cast<int>(3 + 2 * c), changeItem);
        }
        if (field.name == "zero_water_month_count" && m_baseline.result) {
            base->setToolTip(tr("Zero-water months: %1").arg(zeroWaterMonths(*m_baseline.result)));
        }
    }
    m_table->resizeColumnsToContents();

    const auto series = [&](const std::function<double(const model::RunResult&, int)>& get) {
        std::vector<Series> out;
        const auto add = [&](const Column& column, const QColor& colour, Qt::PenStyle style) {
            if (!column.result) {
                return;
            }
            Series s{{}, column.name, colour, style};
            for (int m = 0; m < 12; ++m) {
                s.values[static_cast<std::size_t>(m)] = get(*column.result, m);
            }
            out.push_back(std::move(s));
        };
        add(m_baseline, kBaselineColour, Qt::DashLine);
        for (std::size_t c = 0; c < columns.size(); ++c) {
            add(*columns[c], columnColour(c, columns.size()), Qt::SolidLine);
        }
        return out;
    };
    overlay(*m_pue, tr("Monthly PUE"), tr("PUE"), series([](const model::RunResult& r, int m) {
        return r.monthly.pue[static_cast<std::size_t>(m)];
    }));
    overlay(*m_water, tr("Monthly water"), QString::fromStdString(units.waterVolumeUnit()),
            series([&units](const model::RunResult& r, int m) {
                return units.waterVolume(r.monthly.waterM3[static_cast<std::size_t>(m)]);
            }));
}

} // namespace headroom::ui
