#include "ui/charts/plan_charts.h"

#include "model/report/plan_report.h"
#include "ui/charts/chart_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace headroom::ui {

using model::PlanResult;

namespace {

QVector<double> yearKeys(const PlanResult& plan) {
    QVector<double> keys;
    for (const auto& year : plan.years) {
        keys.push_back(year.year);
    }
    return keys;
}

/// One value per year, from each year's site-year run.
template <class Get> QVector<double> perYear(const PlanResult& plan, Get get) {
    QVector<double> values;
    for (const auto& year : plan.years) {
        values.push_back(get(year));
    }
    return values;
}

double maximum(const QVector<double>& values) {
    return values.isEmpty() ? 0.0 : *std::max_element(values.begin(), values.end());
}

/// Years along the bottom: every year labelled up to 12 of them, every other one beyond.
QCPAxis* setYearAxis(QCPAxisRect* rect, const PlanResult& plan) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    const int step = plan.years.size() > 12 ? 2 : 1;
    for (int year = plan.firstYear; year <= plan.lastYear; year += step) {
        ticker->addTick(year, QString::number(year));
    }
    x->setTicker(ticker);
    x->setRange(plan.firstYear - 0.6, plan.lastYear + 0.6);
    return x;
}

/// A line of one value per year on the right axis (a ratio beside the bars' total).
QCPGraph* addRatioLine(QCustomPlot& plot, QCPAxisRect* rect, const PlanResult& plan,
                       const QString& name, const QVector<double>& values, const QColor& color) {
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y2 = rect->axis(QCPAxis::atRight);
    y2->setVisible(true);
    y2->setLabel(name);
    QCPGraph* graph = plot.addGraph(x, y2);
    graph->setName(name);
    graph->setPen(QPen(color, 1.6));
    graph->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 5));
    graph->setData(yearKeys(plan), values, true);
    return graph;
}

/// The range of a ratio's axis: its values with a margin, never collapsed to a point.
void fitRatioAxis(QCPAxis* axis, const QVector<double>& values) {
    double low = 0.0, high = 0.0;
    bool any = false;
    for (const double v : values) {
        if (std::isfinite(v)) {
            low = any ? std::min(low, v) : v;
            high = any ? std::max(high, v) : v;
            any = true;
        }
    }
    const double margin = std::max(0.1 * (high - low), 0.02 * std::abs(high) + 1e-3);
    axis->setRange(low - margin, high + margin);
}

/// The index of a figure in a list of names; -1 when absent.
int figureIndex(const std::vector<std::string>& figures, const char* name) {
    const auto it = std::find(figures.begin(), figures.end(), name);
    return it == figures.end() ? -1 : static_cast<int>(it - figures.begin());
}

/// The P10-P90 band of a year figure over the plan's draws, shaded between its two
/// quantile lines, with the P50 dashed; nothing when the plan ran no draws.
void addBand(QCustomPlot& plot, QCPAxisRect* rect, const PlanResult& plan, const char* figure,
             double scale, const QColor& color) {
    if (!plan.uncertainty || plan.uncertainty->years.empty()) {
        return;
    }
    const model::PlanUncertaintyResult& u = *plan.uncertainty;
    const int f = figureIndex(u.yearFigures, figure);
    if (f < 0) {
        return;
    }
    QVector<double> p10, p50, p90;
    for (std::size_t y = 0; y < u.years.size(); ++y) {
        const model::PlanBand& band = u.years[y][static_cast<std::size_t>(f)];
        p10.push_back(band.p10 * scale);
        p50.push_back(band.p50 * scale);
        p90.push_back(band.p90 * scale);
    }
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    QCPGraph* low = plot.addGraph(x, y);
    low->setPen(QPen(color.darker(140), 1.0));
    low->setData(yearKeys(plan), p10, true);
    low->removeFromLegend();
    QCPGraph* high = plot.addGraph(x, y);
    high->setName(QStringLiteral("P10\u2013P90, %1 draws").arg(u.draws));
    high->setPen(QPen(color.darker(140), 1.0));
    QColor fill = color.darker(140);
    fill.setAlpha(60);
    high->setBrush(fill);
    high->setChannelFillGraph(low);
    high->setData(yearKeys(plan), p90, true);
    QCPGraph* median = plot.addGraph(x, y);
    median->setName(QStringLiteral("P50"));
    median->setPen(QPen(color.darker(170), 1.4, Qt::DashLine));
    median->setData(yearKeys(plan), p50, true);
    const double top = maximum(p90);
    if (std::isfinite(top) && top > y->range().upper / 1.1) {
        fitValueAxis(y, top);
    }
}

} // namespace

QString monthList(const std::vector<int>& months) {
    QStringList names;
    for (const int month : months) {
        names << monthLabel(month);
    }
    return names.join(QStringLiteral(", "));
}

void buildPlanCapacityChart(QCustomPlot& plot, const PlanResult& plan,
                            const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Design-hour IT by generation"));
    QCPAxis* x = setYearAxis(rect, plan);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Design-hour IT (MW)"));
    QCPBars* below = nullptr;
    QVector<double> stacked(static_cast<int>(plan.years.size()), 0.0);
    const std::vector<std::string> platforms = model::planPlatforms(plan);
    for (std::size_t p = 0; p < platforms.size(); ++p) {
        QVector<double> mw;
        for (const auto& year : plan.years) {
            double value = 0.0;
            for (const auto& g : year.generations) {
                value += g.platformId == platforms[p] ? g.deployedItMw : 0.0;
            }
            mw.push_back(value);
            stacked[static_cast<int>(mw.size()) - 1] += value;
        }
        auto* bars = makeBars(x, y, QString::fromStdString(platforms[p]),
                              palette::generation(static_cast<int>(p)));
        bars->setWidth(0.7);
        bars->setData(yearKeys(plan), mw, true);
        if (below) {
            bars->moveAbove(below);
        }
        below = bars;
    }
    fitValueAxis(y, maximum(stacked));
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

void buildPlanEnergyChart(QCustomPlot& plot, const PlanResult& plan, const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Facility energy and PUE by year"));
    QCPAxis* x = setYearAxis(rect, plan);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Facility energy (GWh)"));
    const QVector<double> gwh =
        perYear(plan, [](const auto& year) { return year.result.annual.facilityEnergyMwh / 1e3; });
    auto* bars = makeBars(x, y, QStringLiteral("Facility energy"), palette::energy);
    bars->setWidth(0.7);
    bars->setData(yearKeys(plan), gwh, true);
    fitValueAxis(y, maximum(gwh));
    addBand(plot, rect, plan, "facility_energy_mwh", 1e-3, palette::energy);
    // PUE is undefined in a year without IT: no point is drawn there.
    const QVector<double> pue = perYear(plan, [](const auto& year) {
        return year.result.annual.itEnergyMwh > 0.0 ? year.result.annual.pue
                                                    : std::numeric_limits<double>::quiet_NaN();
    });
    addRatioLine(plot, rect, plan, QStringLiteral("PUE"), pue, palette::loss);
    fitRatioAxis(rect->axis(QCPAxis::atRight), pue);
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

void buildPlanWaterChart(QCustomPlot& plot, const PlanResult& plan, const ChartContext& context) {
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Site water and zero-water months by year"));
    QCPAxis* x = setYearAxis(rect, plan);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Site water (%1)")
                    .arg(QString::fromStdString(context.units.waterVolumeUnit())));
    const double scale = context.units.waterVolume(1.0);
    const QVector<double> water =
        perYear(plan, [&](const auto& year) { return year.result.annual.waterM3 * scale; });
    auto* bars = makeBars(x, y, QStringLiteral("Site water"), palette::water);
    bars->setWidth(0.7);
    bars->setData(yearKeys(plan), water, true);
    fitValueAxis(y, maximum(water));
    addBand(plot, rect, plan, "water_m3", scale, palette::water);
    const QVector<double> months = perYear(plan, [](const auto& year) {
        return static_cast<double>(year.result.annual.zeroWaterMonths.size());
    });
    addRatioLine(plot, rect, plan, QStringLiteral("Zero-water months"), months, palette::energy);
    rect->axis(QCPAxis::atRight)->setRange(0.0, 12.5);
    // The months a year loses from its water-free window, named above its bar.
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const std::vector<int> lost = model::monthsNoLongerWaterFree(plan, i);
        if (lost.empty()) {
            continue;
        }
        auto* label = new QCPItemText(&plot);
        label->setClipAxisRect(rect);
        label->position->setAxes(x, y);
        label->position->setCoords(plan.years[i].year, water[static_cast<int>(i)]);
        label->setPositionAlignment(Qt::AlignBottom | Qt::AlignHCenter);
        label->setRotation(-90.0);
        label->setText(QStringLiteral("%1 needs water").arg(monthList(lost)));
        label->setColor(palette::binding);
    }
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

void buildPlanCarbonChart(QCustomPlot& plot, const PlanResult& plan, const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Carbon and CUE by year"));
    QCPAxis* x = setYearAxis(rect, plan);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Location-based carbon (kt CO\u2082e)"));
    const QVector<double> kt =
        perYear(plan, [](const auto& year) { return year.result.annual.carbonLocationT / 1e3; });
    auto* bars = makeBars(x, y, QStringLiteral("Carbon, location-based"), palette::carbon);
    bars->setWidth(0.7);
    bars->setData(yearKeys(plan), kt, true);
    fitValueAxis(y, maximum(kt));
    addBand(plot, rect, plan, "carbon_location_t", 1e-3, palette::carbon);
    const QVector<double> cue = perYear(plan, [](const auto& year) {
        return year.result.annual.itEnergyMwh > 0.0 ? year.result.annual.cueKgPerKwh
                                                    : std::numeric_limits<double>::quiet_NaN();
    });
    addRatioLine(plot, rect, plan, QStringLiteral("CUE (kg CO\u2082e/kWh)"), cue,
                 palette::carbonMarket);
    fitRatioAxis(rect->axis(QCPAxis::atRight), cue);
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignRight);
}

std::vector<PlanTornadoBar> planTornadoBars(const PlanResult& plan, const char* figure) {
    std::vector<PlanTornadoBar> bars;
    if (!plan.uncertainty) {
        return bars;
    }
    const model::PlanUncertaintyResult& u = *plan.uncertainty;
    const int f = figureIndex(u.horizonFigures, figure);
    const auto& fields = model::planHorizonFields();
    if (f < 0) {
        return bars;
    }
    // Against the plan as written: every input at 100 %.
    const double base = fields[static_cast<std::size_t>(f)].get(plan);
    for (const model::PlanTornadoInput& input : u.tornado) {
        const auto percent = [&](double value) {
            return base != 0.0 ? (value / base - 1.0) * 100.0 : 0.0;
        };
        bars.push_back({QString::fromStdString(model::planInputName(input.declared.input)),
                        percent(input.atLow[static_cast<std::size_t>(f)]),
                        percent(input.atHigh[static_cast<std::size_t>(f)])});
    }
    // The widest swing on top, as a tornado is read.
    std::stable_sort(
        bars.begin(), bars.end(), [](const PlanTornadoBar& a, const PlanTornadoBar& b) {
            return std::abs(a.highPercent - a.lowPercent) < std::abs(b.highPercent - b.lowPercent);
        });
    return bars;
}

void buildPlanTornadoChart(QCustomPlot& plot, const PlanResult& plan, const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect =
        resetPlot(plot, QStringLiteral("What moves the horizon: each input at its low and high"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    x->setLabel(QStringLiteral("Change from the plan as written (%)"));
    // Two rows per input, horizon water above horizon carbon; low and high from 0 %.
    const std::pair<const char*, QString> figures[] = {
        {"water_m3", QStringLiteral("water")}, {"carbon_location_t", QStringLiteral("carbon")}};
    const std::vector<PlanTornadoBar> order = planTornadoBars(plan, "water_m3");
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto* low = new QCPBars(y, x);
    low->setName(QStringLiteral("input at its low"));
    low->setPen(QPen(palette::water.darker(150)));
    low->setBrush(palette::water);
    low->setWidth(0.8);
    auto* high = new QCPBars(y, x);
    high->setName(QStringLiteral("input at its high"));
    high->setPen(QPen(palette::loss.darker(150)));
    high->setBrush(palette::loss);
    high->setWidth(0.8);
    double reach = 1.0;
    double row = 0.0;
    for (const PlanTornadoBar& input : order) {
        for (const auto& [figure, label] : figures) {
            for (const PlanTornadoBar& bar : planTornadoBars(plan, figure)) {
                if (bar.input != input.input) {
                    continue;
                }
                row += 1.0;
                low->addData(row, bar.lowPercent);
                high->addData(row, bar.highPercent);
                ticker->addTick(row, QStringLiteral("%1, %2").arg(bar.input, label));
                reach = std::max({reach, std::abs(bar.lowPercent), std::abs(bar.highPercent)});
            }
        }
        row += 0.5; // a gap between inputs
    }
    y->setTicker(ticker);
    y->setRange(0.3, std::max(1.0, row + 0.2));
    x->setRange(-1.1 * reach, 1.1 * reach);
    if (order.empty()) {
        auto* note = new QCPItemText(&plot);
        note->setClipAxisRect(rect);
        note->position->setType(QCPItemPosition::ptAxisRectRatio);
        note->position->setCoords(0.5, 0.5);
        note->setText(QStringLiteral("No draws: declare /plan/uncertainty"));
    }
    addLegend(plot, rect, Qt::AlignBottom | Qt::AlignRight);
}

const std::vector<PlanChartKind>& planChartKinds() {
    static const std::vector<PlanChartKind> kinds = {
        {"plan_capacity", QStringLiteral("Capacity"), buildPlanCapacityChart},
        {"plan_energy", QStringLiteral("Energy"), buildPlanEnergyChart},
        {"plan_water", QStringLiteral("Water"), buildPlanWaterChart},
        {"plan_carbon", QStringLiteral("Carbon"), buildPlanCarbonChart},
        {"plan_tornado", QStringLiteral("Uncertainty"), buildPlanTornadoChart,
         [](const PlanResult& plan) { return plan.uncertainty.has_value(); }},
    };
    return kinds;
}

} // namespace headroom::ui
