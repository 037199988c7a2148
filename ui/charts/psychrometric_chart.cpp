// The psychrometric chart (dry-bulb across, humidity ratio up, ASHRAE Fundamentals
// ch. 1 relations from model/climate/psychrometrics.h) and the chart context, which
// needs the standard pressure at the site's elevation.
#include "model/climate/psychrometrics.h"
#include "ui/charts/chart_style.h"
#include "ui/charts/charts.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

namespace psychro = model::psychro;

ChartContext chartContextFor(const model::RunResult& result, UnitSystem units) {
    ChartContext context;
    context.units = DisplayUnits(units);
    if (!result.inputs) {
        return context;
    }
    const model::RunInputs& site = *result.inputs;
    const auto celsius = [](units::Temperature t) { return t.value() - 273.15; };
    const model::SupplyEnvelope& e = site.envelope;
    EnvelopeLimits limits;
    limits.minDryBulbC = celsius(e.minDryBulb);
    limits.maxDryBulbC = celsius(e.maxDryBulb);
    limits.maxDewPointC = celsius(e.maxDewPoint);
    if (e.minDewPoint) {
        limits.minDewPointC = celsius(*e.minDewPoint);
    }
    limits.minRelativeHumidity = e.minRelativeHumidity;
    limits.maxRelativeHumidity = e.maxRelativeHumidity;
    // An unread envelope (all zero) would draw a meaningless box.
    if (limits.maxDryBulbC > limits.minDryBulbC) {
        context.envelope = limits;
    }
    // ASHRAE Fundamentals 2017 ch. 1 eqn 3: standard atmosphere at the site's elevation.
    context.pressurePa = psychro::standardPressurePa(site.location.elevation.value());
    return context;
}

void buildPsychrometricChart(QCustomPlot& plot, const model::RunResult& result,
                             const ChartContext& context) {
    QCPAxisRect* rect =
        resetPlot(plot, QStringLiteral("The year's hours on a psychrometric chart"));
    QCPAxis* x = rect->axis(QCPAxis::atBottom);
    QCPAxis* y = rect->axis(QCPAxis::atLeft);
    const DisplayUnits& units = context.units;
    const double p = context.pressurePa;
    x->setLabel(QStringLiteral("Dry-bulb temperature (%1)")
                    .arg(QString::fromStdString(units.temperatureUnit())));
    y->setLabel(QStringLiteral("Humidity ratio (%1)")
                    .arg(QString::fromStdString(units.humidityRatioUnit())));

    // The chart spans the hours, and at least the envelope.
    double tLo = -10.0, tHi = 35.0;
    for (double t : result.hourly.dryBulbC) {
        tLo = std::min(tLo, t);
        tHi = std::max(tHi, t);
    }
    tLo = std::floor(tLo / 5.0) * 5.0;
    tHi = std::ceil(tHi / 5.0) * 5.0;
    const double wTop = psychro::humidityRatioFromRelativeHumidity(std::min(tHi, 35.0), 1.0, p);

    // Relative-humidity curves, 20 % to 100 % (saturation).
    const int steps = 60;
    for (int rh = 20; rh <= 100; rh += 20) {
        auto* curve = new QCPCurve(x, y);
        QVector<double> ts, ws;
        for (int i = 0; i <= steps; ++i) {
            const double t = tLo + (tHi - tLo) * i / steps;
            const double w = psychro::humidityRatioFromRelativeHumidity(t, rh / 100.0, p);
            if (w > wTop * 1.05) {
                break;
            }
            ts << units.temperature(t);
            ws << units.humidityRatio(w);
        }
        curve->setData(ts, ws);
        curve->setPen(
            QPen(rh == 100 ? QColor(0x40, 0x40, 0x40) : palette::gridLine, rh == 100 ? 1.2 : 0.6));
        if (!ts.isEmpty()) {
            auto* label = new QCPItemText(&plot);
            label->position->setAxes(x, y);
            label->position->setCoords(ts.back(), ws.back());
            label->setPositionAlignment(Qt::AlignRight | Qt::AlignBottom);
            QFont small = plot.font();
            small.setPointSizeF(small.pointSizeF() * 0.85);
            label->setFont(small);
            label->setColor(QColor(0x70, 0x70, 0x70));
            label->setText(QStringLiteral("%1 %").arg(rh));
        }
    }

    // The hours: one dot each, from the outdoor dew point (humidity ratio is set by it).
    auto* hoursGraph = plot.addGraph(x, y);
    hoursGraph->setName(QStringLiteral("Outdoor hours"));
    hoursGraph->setLineStyle(QCPGraph::lsNone);
    hoursGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, Qt::NoPen, QBrush(palette::hours), 2.2));
    hoursGraph->setAdaptiveSampling(false);
    const std::size_t n = std::min(result.hourly.dryBulbC.size(), result.hourly.dewPointC.size());
    QVector<QCPGraphData> points;
    points.reserve(static_cast<int>(n));
    for (std::size_t i = 0; i < n; ++i) {
        const double w = psychro::humidityRatioFromDewPoint(result.hourly.dewPointC[i], p);
        points.append(
            QCPGraphData(units.temperature(result.hourly.dryBulbC[i]), units.humidityRatio(w)));
    }
    // QCPGraph keeps its data sorted by key; the dots do not care about order.
    hoursGraph->data()->set(points, false);

    if (context.envelope) {
        const EnvelopeLimits& e = *context.envelope;
        const double wMaxDewPoint = psychro::humidityRatioFromDewPoint(e.maxDewPointC, p);
        const double wMinDewPoint =
            e.minDewPointC ? psychro::humidityRatioFromDewPoint(*e.minDewPointC, p) : 0.0;
        const auto lower = [&](double t) {
            return std::max(wMinDewPoint, psychro::humidityRatioFromRelativeHumidity(
                                              t, e.minRelativeHumidity, p));
        };
        const auto upper = [&](double t) {
            return std::min(wMaxDewPoint, psychro::humidityRatioFromRelativeHumidity(
                                              t, e.maxRelativeHumidity, p));
        };
        // Closed outline: along the lower bound, then back along the upper one.
        QVector<double> ts, ws;
        const int edge = 30;
        for (int i = 0; i <= edge; ++i) {
            const double t = e.minDryBulbC + (e.maxDryBulbC - e.minDryBulbC) * i / edge;
            ts << units.temperature(t);
            ws << units.humidityRatio(lower(t));
        }
        for (int i = edge; i >= 0; --i) {
            const double t = e.minDryBulbC + (e.maxDryBulbC - e.minDryBulbC) * i / edge;
            ts << units.temperature(t);
            ws << units.humidityRatio(std::max(upper(t), lower(t)));
        }
        ts << ts.front();
        ws << ws.front();
        auto* envelope = new QCPCurve(x, y);
        envelope->setName(QStringLiteral("Supply-air envelope"));
        QVector<double> order(ts.size());
        for (int i = 0; i < order.size(); ++i) {
            order[i] = i;
        }
        envelope->setData(order, ts, ws, true);
        envelope->setPen(QPen(palette::envelope.darker(250), 1.5));
        envelope->setBrush(palette::envelope);
    }

    x->setRange(units.temperature(tLo), units.temperature(tHi));
    y->setRange(0.0, units.humidityRatio(wTop * 1.05));
    // The curves are decoration: only the hours and the envelope go in the legend.
    addLegend(plot, rect, Qt::AlignTop | Qt::AlignLeft);
}

} // namespace headroom::ui
