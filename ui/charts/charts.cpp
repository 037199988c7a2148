#include "ui/charts/charts.h"

#include "ui/charts/chart_style.h"

#include <QLocale>
#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>

namespace headroom::ui {

using model::Constraint;
using model::CoolingMode;
using model::RunResult;

QString coolingModeLabel(CoolingMode mode) {
    switch (mode) {
    case CoolingMode::Recirculation:
        return QStringLiteral("Recirculation");
    case CoolingMode::FreeCooling:
        return QStringLiteral("Free cooling");
    case CoolingMode::Evaporative:
        return QStringLiteral("Evaporative");
    case CoolingMode::PartialMechanical:
        return QStringLiteral("Partial mechanical");
    case CoolingMode::Mechanical:
        return QStringLiteral("Mechanical");
    }
    return QStringLiteral("?");
}

QString constraintLabel(Constraint constraint) {
    switch (constraint) {
    case Constraint::UtilityInterconnect:
        return QStringLiteral("Utility interconnect");
    case Constraint::HallPower:
        return QStringLiteral("Hall power");
    case Constraint::RackPositions:
        return QStringLiteral("Rack positions");
    case Constraint::Cooling:
        return QStringLiteral("Cooling");
    case Constraint::WaterSupply:
        return QStringLiteral("Water supply");
    }
    return QStringLiteral("?");
}

QString monthLabel(int month) {
    static const std::array<const char*, 12> names{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? QString::fromLatin1(names[month - 1]) : QString();
}

model::NumberStyle localeNumberStyle() {
    const QLocale locale;
    model::NumberStyle style;
    if (!(locale.numberOptions() & QLocale::OmitGroupSeparator)) {
        style.groupSeparator = locale.groupSeparator().toStdString();
    }
    style.decimalPoint = locale.decimalPoint().toStdString();
    style.missing = "\u2013";
    return style;
}

QString localNumber(double value, int decimals) {
    return QString::fromStdString(model::formatFixed(value, decimals, localeNumberStyle()));
}

QString envelopeExcursionText(const model::RunResult& result,
                              const std::optional<EnvelopeLimits>& envelope,
                              const DisplayUnits& units) {
    double dry = 0.0, humid = 0.0;
    for (const int month : result.annual.zeroWaterMonths) {
        dry += result.monthly.hoursTooDry[static_cast<std::size_t>(month - 1)];
        humid += result.monthly.hoursTooHumid[static_cast<std::size_t>(month - 1)];
    }
    if (dry == 0.0 && humid == 0.0) {
        return {};
    }
    const QString degrees = QString::fromStdString(units.temperatureUnit());
    const auto temperature = [&](double celsius) {
        return QString::number(units.temperature(celsius), 'g', 3) + ' ' + degrees;
    };
    const auto percent = [](double fraction) {
        return QString::number(100.0 * fraction, 'g', 3) + QStringLiteral(" % RH");
    };
    QStringList parts;
    if (dry > 0.0) {
        QString limit;
        if (envelope) {
            limit = envelope->minDewPointC
                        ? QStringLiteral(" (%1 dew point, %2)")
                              .arg(temperature(*envelope->minDewPointC),
                                   percent(envelope->minRelativeHumidity))
                        : QStringLiteral(" (%1)").arg(percent(envelope->minRelativeHumidity));
        }
        parts << QStringLiteral("%1 hours drier than the envelope's minimum%2, not humidified")
                     .arg(QString::number(dry, 'f', 0), limit);
    }
    if (humid > 0.0) {
        const QString limit = envelope ? QStringLiteral(" (%1 dew point, %2)")
                                             .arg(temperature(envelope->maxDewPointC),
                                                  percent(envelope->maxRelativeHumidity))
                                       : QString();
        parts << QStringLiteral("%1 hours more humid than its maximum%2, not dried")
                     .arg(QString::number(humid, 'f', 0), limit);
    }
    return QStringLiteral("zero water, with ") + parts.join(QStringLiteral(" and "));
}

namespace {

QVector<double> monthKeys() {
    QVector<double> keys(12);
    for (int i = 0; i < 12; ++i) {
        keys[i] = i + 1;
    }
    return keys;
}

QVector<double> toVector(const model::Monthly& values, double scale = 1.0) {
    QVector<double> out(12);
    for (int i = 0; i < 12; ++i) {
        out[i] = values[i] * scale;
    }
    return out;
}

void setMonthTicks(QCPAxis* axis) {
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    for (int month = 1; month <= 12; ++month) {
        ticker->addTick(month, monthLabel(month));
    }
    axis->setTicker(ticker);
    axis->setRange(0.4, 12.6);
}

QString quantityLabel(const QString& what, const std::string& unit) {
    return QStringLiteral("%1 (%2)").arg(what, QString::fromStdString(unit));
}

double sumKwhToMwh(const std::vector<double>& hourlyKw) {
    double total = 0.0;
    for (double kw : hourlyKw) {
        total += kw; // one hour at kW = kWh
    }
    return total / 1000.0;
}

/// QCPColorMap draws its cells as one bitmap. In a PDF (a vectorized painter) this map
/// draws them as filled rectangles instead, one per run of equal cells along a row, so
/// that the report holds no images and stays sharp at any zoom.
class VectorColorMap : public QCPColorMap {
public:
    using QCPColorMap::QCPColorMap;

protected:
    void draw(QCPPainter* painter) override {
        if (!painter->modes().testFlag(QCPPainter::pmVectorized)) {
            QCPColorMap::draw(painter);
            return;
        }
        QCPColorMapData* map = data();
        const int keys = map->keySize();
        const int values = map->valueSize();
        if (keys == 0 || values == 0 || !keyAxis() || !valueAxis()) {
            return;
        }
        const double halfKey = keys > 1 ? map->keyRange().size() / (keys - 1) / 2.0 : 0.5;
        const double halfValue = values > 1 ? map->valueRange().size() / (values - 1) / 2.0 : 0.5;
        painter->setPen(Qt::NoPen);
        for (int v = 0; v < values; ++v) {
            int start = 0;
            while (start < keys) {
                const double cell = map->cell(start, v);
                int end = start + 1;
                while (end < keys && map->cell(end, v) == cell) {
                    ++end;
                }
                double key0 = 0.0, key1 = 0.0, value = 0.0;
                map->cellToCoord(start, v, &key0, &value);
                map->cellToCoord(end - 1, v, &key1, &value);
                const QPointF corner0 = coordsToPixels(key0 - halfKey, value - halfValue);
                const QPointF corner1 = coordsToPixels(key1 + halfKey, value + halfValue);
                painter->setBrush(QColor::fromRgba(mGradient.color(cell, mDataRange)));
                // Overlap neighbours by a hair so no seams show between rectangles.
                painter->drawRect(
                    QRectF(corner0, corner1).normalized().adjusted(-0.2, -0.2, 0.2, 0.2));
                start = end;
            }
        }
    }
};

} // namespace

void buildMonthlyPueWueChart(QCustomPlot& plot, const RunResult& result,
                             const ChartContext& context) {
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Monthly PUE and WUE"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* pueAxis = rect->axis(QCPAxis::atLeft);
    QCPAxis* wueAxis = rect->axis(QCPAxis::atRight);
    wueAxis->setVisible(true);
    setMonthTicks(x);
    pueAxis->setLabel(QStringLiteral("PUE"));
    wueAxis->setLabel(
        quantityLabel(QStringLiteral("WUE site"), context.units.waterIntensityUnit()));

    const double toDisplay = context.units.waterIntensity(1.0);
    auto* wue = makeBars(x, wueAxis, QStringLiteral("WUE site"), palette::water);
    wue->setWidth(0.6);
    wue->setData(monthKeys(), toVector(result.monthly.wueSiteLPerKwh, toDisplay), true);
    double maxWue = 0.0;
    for (double v : result.monthly.wueSiteLPerKwh) {
        maxWue = std::max(maxWue, v * toDisplay);
    }
    fitValueAxis(wueAxis, maxWue > 0.0 ? maxWue : 0.1 * toDisplay);

    auto* pue = plot.addGraph(x, pueAxis);
    pue->setName(QStringLiteral("PUE"));
    pue->setPen(QPen(palette::energy, 2.0));
    pue->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, 5));
    pue->setData(monthKeys(), toVector(result.monthly.pue), true);
    double lo = 1.0, hi = 1.0;
    for (double v : result.monthly.pue) {
        if (v > 0.0) {
            hi = std::max(hi, v);
        }
    }
    lo = 1.0;
    pueAxis->setRange(lo, hi + std::max(0.05, 0.25 * (hi - lo)));
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

namespace {

/// A day-of-year x hour-of-day map of whole levels 0..levels-1, each in its colour, drawn as
/// vectors, with an empty legend beside it for the caller's key. (A QCPColorScale would draw
/// its bar as a bitmap; a legend of empty bars stays vector in the PDF.)
QCPLegend* drawDayHourMap(QCustomPlot& plot, QCPAxis* x, QCPAxis* y, int days, int levels,
                          const std::function<int(int day, int hour)>& level,
                          const std::function<QColor(int level)>& colour) {
    auto* map = new VectorColorMap(x, y);
    map->data()->setSize(std::max(days, 1), 24);
    map->data()->setRange(QCPRange(1, std::max(days, 2)), QCPRange(1, 24));
    for (int day = 0; day < days; ++day) {
        for (int hour = 0; hour < 24; ++hour) {
            map->data()->setCell(day, hour, static_cast<double>(level(day, hour)));
        }
    }
    QCPColorGradient gradient;
    gradient.clearColorStops();
    for (int i = 0; i < levels; ++i) {
        gradient.setColorStopAt(static_cast<double>(i) / (levels - 1), colour(i));
    }
    gradient.setLevelCount(levels);
    map->setGradient(gradient);
    map->setDataRange(QCPRange(0, levels - 1));
    map->setInterpolate(false);
    map->setTightBoundary(false);
    x->setRange(0.5, std::max(days, 1) + 0.5);
    y->setRange(0.5, 24.5);
    auto hourTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    hourTicks->setTickStep(6);
    y->setTicker(hourTicks);

    auto* legend = new QCPLegend;
    plot.plotLayout()->addElement(1, 1, legend);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(plot.font());
    legend->setBorderPen(Qt::NoPen);
    legend->setIconSize(14, 10);
    plot.plotLayout()->setColumnStretchFactor(1, 0.001);
    return legend;
}

} // namespace

void buildCoolingModeHeatmap(QCustomPlot& plot, const RunResult& result,
                             const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Cooling mode by hour"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const std::size_t hours = result.hourly.mode.size();
    const int days = static_cast<int>(hours / 24);
    x->setLabel(QStringLiteral("Day of year"));
    y->setLabel(QStringLiteral("Hour of day (ending)"));
    // The key: one legend entry per mode, in its colour, with its hours.
    QCPLegend* legend = drawDayHourMap(
        plot, x, y, days, model::kCoolingModeCount,
        [&](int day, int hour) {
            return static_cast<int>(result.hourly.mode[static_cast<std::size_t>(day) * 24 + hour]);
        },
        [](int level) { return palette::coolingMode(level); });
    for (int i = 0; i < model::kCoolingModeCount; ++i) {
        const int hoursInMode = result.annual.modeHours[static_cast<std::size_t>(i)];
        auto* key = makeBars(x, y,
                             QStringLiteral("%1\n%2 h")
                                 .arg(coolingModeLabel(static_cast<CoolingMode>(i)))
                                 .arg(hoursInMode),
                             palette::coolingMode(i));
        key->addToLegend(legend);
    }
    plot.legend = legend;
}

void buildCfeHeatmap(QCustomPlot& plot, const RunResult& result, const ChartContext& context) {
    (void)context;
    if (!result.cfe) {
        QCPAxisRect* rect =
            resetPlot(plot, QStringLiteral("24/7 carbon-free energy: no /clean_energy section"));
        rect->axis(QCPAxis::atBottom)->setLabel(QStringLiteral("Day of year"));
        rect->axis(QCPAxis::atLeft)->setLabel(QStringLiteral("Hour of day (ending)"));
        return;
    }
    const model::CfeResult& cfe = *result.cfe;
    QCPAxisRect* rect = resetPlot(
        plot, QStringLiteral("Carbon-free share by hour (%1 grid): %2 % over the year")
                  .arg(QString::fromStdString(cfe.gridMix), localNumber(100.0 * cfe.cfeShare, 1)));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const std::vector<double>& facilityKw = result.hourly.facilityPowerKw;
    const std::size_t hours = std::min(cfe.hourlyCarbonFreeKwh.size(), facilityKw.size());
    const int days = static_cast<int>(hours / 24);
    x->setLabel(QStringLiteral("Day of year"));
    y->setLabel(QStringLiteral("Hour of day (ending)"));
    // Bands of 20 %: equal cells along a row merge into one rectangle in the PDF, and the
    // legend counts the hours in each. An hour's share is its carbon-free energy over its
    // consumption (one-hour steps: kW is kWh); an hour that consumed nothing has no share
    // and is drawn apart, in the level after the bands.
    constexpr int kBands = 5;
    constexpr int kNoConsumption = kBands;
    std::array<int, kBands + 1> hoursInLevel{};
    QCPLegend* legend = drawDayHourMap(
        plot, x, y, days, kBands + 1,
        [&](int day, int hour) {
            const auto i = static_cast<std::size_t>(day) * 24 + static_cast<std::size_t>(hour);
            const int level = facilityKw[i] > 0.0
                                  ? std::clamp(static_cast<int>(cfe.hourlyCarbonFreeKwh[i] /
                                                                facilityKw[i] * kBands),
                                               0, kBands - 1)
                                  : kNoConsumption;
            ++hoursInLevel[static_cast<std::size_t>(level)];
            return level;
        },
        [](int level) {
            return level == kNoConsumption ? palette::noConsumption
                                           : palette::carbonFreeBand(level, kBands);
        });
    for (int i = kBands - 1; i >= 0; --i) {
        auto* key = makeBars(x, y,
                             QStringLiteral("%1-%2 %\n%3 h")
                                 .arg(100 * i / kBands)
                                 .arg(100 * (i + 1) / kBands)
                                 .arg(hoursInLevel[static_cast<std::size_t>(i)]),
                             palette::carbonFreeBand(i, kBands));
        key->addToLegend(legend);
    }
    if (const int idle = hoursInLevel[kNoConsumption]; idle > 0) {
        makeBars(x, y, QStringLiteral("No consumption\n%1 h").arg(idle), palette::noConsumption)
            ->addToLegend(legend);
    }
    plot.legend = legend;
}

void buildMonthlyWaterChart(QCustomPlot& plot, const RunResult& result,
                            const ChartContext& context) {
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Monthly site water by cause"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    setMonthTicks(x);
    y->setLabel(quantityLabel(QStringLiteral("Water"), context.units.waterVolumeUnit()));
    const double scale = context.units.waterVolume(1.0);
    const std::array<std::pair<const model::Monthly*, QString>, 4> causes{{
        {&result.monthly.evaporationM3, QStringLiteral("Evaporation")},
        {&result.monthly.blowdownM3, QStringLiteral("Blowdown")},
        {&result.monthly.driftM3, QStringLiteral("Drift")},
        {&result.monthly.humidificationM3, QStringLiteral("Humidification")},
    }};
    QCPBars* below = nullptr;
    model::Monthly stacked{};
    for (std::size_t i = 0; i < causes.size(); ++i) {
        auto* bars = makeBars(x, y, causes[i].second, palette::waterCause(static_cast<int>(i)));
        bars->setWidth(0.7);
        bars->setData(monthKeys(), toVector(*causes[i].first, scale), true);
        if (below) {
            bars->moveAbove(below);
        }
        below = bars;
        for (int m = 0; m < 12; ++m) {
            stacked[m] += (*causes[i].first)[m] * scale;
        }
    }
    fitValueAxis(y, *std::max_element(stacked.begin(), stacked.end()));
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

void buildMonthlyCarbonChart(QCustomPlot& plot, const RunResult& result,
                             const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Monthly carbon emissions"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    setMonthTicks(x);
    y->setLabel(QStringLiteral("Emissions (t CO\u2082e)"));
    auto* group = new QCPBarsGroup(&plot);
    auto* location = makeBars(x, y, QStringLiteral("Location-based"), palette::carbon);
    auto* market = makeBars(x, y, QStringLiteral("Market-based"), palette::carbonMarket);
    for (auto* bars : {location, market}) {
        bars->setWidth(0.38);
        bars->setBarsGroup(group);
    }
    location->setData(monthKeys(), toVector(result.monthly.carbonLocationT), true);
    market->setData(monthKeys(), toVector(result.monthly.carbonMarketT), true);
    double maximum = 0.0;
    for (int m = 0; m < 12; ++m) {
        maximum =
            std::max({maximum, result.monthly.carbonLocationT[m], result.monthly.carbonMarketT[m]});
    }
    fitValueAxis(y, maximum);
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

void buildElectricalLossChart(QCustomPlot& plot, const RunResult& result,
                              const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Electrical losses by stage"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Annual loss (MWh)"));
    const std::array<std::pair<const std::vector<double>*, QString>, 4> stages{{
        {&result.hourly.transformerLossKw, QStringLiteral("Transformers")},
        {&result.hourly.upsLossKw, QStringLiteral("UPS")},
        {&result.hourly.pduLossKw, QStringLiteral("PDU / busway")},
        {&result.hourly.psuLossKw, QStringLiteral("Rack PSUs")},
    }};
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    QVector<double> keys, values;
    const double itMwh = result.annual.itEnergyMwh;
    auto* bars = makeBars(x, y, QStringLiteral("Loss"), palette::loss);
    bars->setWidth(0.6);
    double maximum = 0.0;
    for (std::size_t i = 0; i < stages.size(); ++i) {
        const double mwh = sumKwhToMwh(*stages[i].first);
        keys << static_cast<double>(i + 1);
        values << mwh;
        ticker->addTick(static_cast<double>(i + 1), stages[i].second);
        maximum = std::max(maximum, mwh);
    }
    bars->setData(keys, values, true);
    fitValueAxis(y, maximum * 1.1);
    for (int i = 0; i < keys.size(); ++i) {
        auto* label = new QCPItemText(&plot);
        label->setClipToAxisRect(false);
        label->position->setAxes(x, y);
        label->position->setCoords(keys[i], values[i]);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 2));
        label->setFont(plot.font());
        const double percent = itMwh > 0.0 ? 100.0 * values[i] / itMwh : 0.0;
        label->setText(QStringLiteral("%1 MWh\n%2 % of IT")
                           .arg(QLocale::c().toString(values[i], 'f', 0))
                           .arg(percent, 0, 'f', 2));
    }
    x->setTicker(ticker);
    x->setRange(0.4, static_cast<double>(stages.size()) + 0.6);
}

void buildCapacityHeadroomChart(QCustomPlot& plot, const RunResult& result,
                                const ChartContext& context) {
    (void)context;
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Capacity by constraint"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    y->setLabel(QStringLiteral("Most IT power supported (MW)"));
    auto ticker = QSharedPointer<QCPAxisTickerText>::create();
    auto* limits = makeBars(x, y, QStringLiteral("Constraint limit"), palette::capacity);
    auto* binding = makeBars(x, y, QStringLiteral("Binding constraint"), palette::binding);
    limits->setWidth(0.6);
    binding->setWidth(0.6);
    // Design-hour IT, what the headroom is measured from: every chip at full utilization, at
    // the rack input (above the year's peak IT at the stated utilization).
    const double deployed = result.capacity.deployedItMw;
    double maximum = deployed;
    int key = 0;
    for (int i = 0; i < model::kConstraintCount; ++i) {
        const auto& limit = result.capacity.maxItMw[static_cast<std::size_t>(i)];
        const double maxIt = limit.value_or(0.0);
        const auto constraint = static_cast<Constraint>(i);
        ++key;
        // A constraint the site does not set (no water limit) has no bound.
        const bool bounded = limit && maxIt > 0.0;
        ticker->addTick(key, bounded
                                 ? constraintLabel(constraint)
                                 : constraintLabel(constraint) + QStringLiteral("\n(no limit)"));
        if (!bounded) {
            continue;
        }
        (constraint == result.capacity.binding ? binding : limits)->addData(key, maxIt);
        maximum = std::max(maximum, maxIt);
        auto* label = new QCPItemText(&plot);
        label->position->setAxes(x, y);
        label->position->setCoords(key, maxIt);
        label->setPositionAlignment(Qt::AlignHCenter | Qt::AlignBottom);
        label->setPadding(QMargins(0, 0, 0, 2));
        label->setFont(plot.font());
        const double headroom =
            result.capacity.headroomMw[static_cast<std::size_t>(i)].value_or(0.0);
        label->setText(QStringLiteral("%1 MW\n%2%3 MW")
                           .arg(maxIt, 0, 'f', 1)
                           .arg(headroom >= 0.0 ? QStringLiteral("+") : QString())
                           .arg(headroom, 0, 'f', 1));
    }
    x->setTicker(ticker);
    x->setRange(0.4, key + 0.6);
    fitValueAxis(y, maximum * 1.15);

    auto* line = new QCPItemStraightLine(&plot);
    line->point1->setAxes(x, y);
    line->point2->setAxes(x, y);
    line->point1->setCoords(0, deployed);
    line->point2->setCoords(1, deployed);
    line->setPen(QPen(palette::limit, 1.5, Qt::DashLine));
    auto* deployedLabel = new QCPItemText(&plot);
    deployedLabel->position->setAxes(x, y);
    deployedLabel->position->setCoords(key + 0.55, deployed);
    deployedLabel->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
    deployedLabel->setFont(plot.font());
    deployedLabel->setColor(palette::limit);
    deployedLabel->setText(QStringLiteral("design-hour IT %1 MW").arg(deployed, 0, 'f', 1));
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignRight);
}

void buildTemperatureDurationChart(QCustomPlot& plot, const RunResult& result,
                                   const ChartContext& context) {
    QCPAxisRect* rect = resetPlot(plot, QStringLiteral("Outdoor temperature duration curves"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const DisplayUnits& units = context.units;
    x->setLabel(QStringLiteral("Hours of the year at or above"));
    y->setLabel(quantityLabel(QStringLiteral("Temperature"), units.temperatureUnit()));
    double lo = 1e9, hi = -1e9;
    const auto addCurve = [&](const std::vector<double>& celsius, const QString& name,
                              const QColor& color) {
        std::vector<double> sorted(celsius.begin(), celsius.end());
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        QVector<double> keys(static_cast<int>(sorted.size()));
        QVector<double> values(static_cast<int>(sorted.size()));
        for (std::size_t i = 0; i < sorted.size(); ++i) {
            keys[static_cast<int>(i)] = static_cast<double>(i + 1);
            values[static_cast<int>(i)] = units.temperature(sorted[i]);
        }
        if (!sorted.empty()) {
            hi = std::max(hi, values.front());
            lo = std::min(lo, values.back());
        }
        auto* graph = plot.addGraph(x, y);
        graph->setName(name);
        graph->setPen(QPen(color, 1.5));
        graph->setData(keys, values, true);
    };
    addCurve(result.hourly.dryBulbC, QStringLiteral("Dry-bulb"), palette::dryBulb);
    addCurve(result.hourly.wetBulbC, QStringLiteral("Wet-bulb"), palette::wetBulb);
    const double hours = static_cast<double>(std::max<std::size_t>(result.hourly.hours(), 1));
    x->setRange(0, hours);
    auto hourTicks = QSharedPointer<QCPAxisTickerFixed>::create();
    hourTicks->setTickStep(1000);
    hourTicks->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    x->setTicker(hourTicks);
    if (context.envelope) {
        const EnvelopeLimits& e = *context.envelope;
        // Labels sit at different hours so that close limits (18 and 17 degC) stay legible.
        const auto limit = [&](double celsius, const QString& text, Qt::PenStyle style,
                               double labelAt) {
            const double value = units.temperature(celsius);
            auto* line = new QCPItemStraightLine(&plot);
            line->point1->setAxes(x, y);
            line->point2->setAxes(x, y);
            line->point1->setCoords(0, value);
            line->point2->setCoords(1, value);
            line->setPen(QPen(palette::limit, 1.0, style));
            auto* label = new QCPItemText(&plot);
            label->position->setAxes(x, y);
            label->position->setCoords(hours * labelAt, value);
            label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
            label->setFont(plot.font());
            label->setColor(palette::limit);
            label->setText(QStringLiteral("%1 %2 %3")
                               .arg(text)
                               .arg(value, 0, 'f', 1)
                               .arg(QString::fromStdString(units.temperatureUnit())));
            lo = std::min(lo, value);
            hi = std::max(hi, value);
        };
        limit(e.maxDryBulbC, QStringLiteral("supply air max"), Qt::DashLine, 0.99);
        limit(e.minDryBulbC, QStringLiteral("supply air min"), Qt::DotLine, 0.99);
        limit(e.maxDewPointC, QStringLiteral("max dew point"), Qt::DashDotLine, 0.62);
    }
    if (lo > hi) {
        lo = 0.0;
        hi = 1.0;
    }
    y->setRange(lo - 0.05 * (hi - lo), hi + 0.1 * (hi - lo));
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignRight);
}

const std::vector<ChartKind>& chartKinds() {
    static const std::vector<ChartKind> kinds{
        {"monthly_pue_wue", QStringLiteral("Monthly PUE and WUE"), &buildMonthlyPueWueChart},
        {"cooling_mode", QStringLiteral("Cooling mode by hour"), &buildCoolingModeHeatmap},
        {"cfe_heatmap", QStringLiteral("Carbon-free share by hour"), &buildCfeHeatmap},
        {"monthly_water", QStringLiteral("Monthly water by cause"), &buildMonthlyWaterChart},
        {"monthly_carbon", QStringLiteral("Monthly carbon"), &buildMonthlyCarbonChart},
        {"electrical_losses", QStringLiteral("Electrical losses by stage"),
         &buildElectricalLossChart},
        {"capacity_headroom", QStringLiteral("Capacity headroom by constraint"),
         &buildCapacityHeadroomChart},
        {"temperature_duration", QStringLiteral("Outdoor temperature duration curves"),
         &buildTemperatureDurationChart},
        {"psychrometric", QStringLiteral("Psychrometric chart"), &buildPsychrometricChart},
    };
    return kinds;
}

} // namespace headroom::ui
