#pragma once
// Chart builders: each fills a QCustomPlot from a RunResult. The desktop views and the
// PDF report call the same builders, so a chart on screen and in the report are one
// drawing. Each builder resets the plot first, so a view can rebuild in place.

#include "model/result/run_result.h"
#include "model/units/display_units.h"

#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QCustomPlot;

namespace headroom::ui {

/// The model's units and their one formatter (model/units/display_units.h).
using model::DisplayUnits;
using model::UnitSystem;

/// How this desktop's locale writes numbers (its group separator and decimal point; "–"
/// for a figure that does not exist), for model::formatFixed and formatQuantity.
model::NumberStyle localeNumberStyle();
/// value with fixed decimals as this desktop's locale writes it.
QString localNumber(double value, int decimals);

/// The supply-air envelope, in degrees Celsius and fractions: the limits the duration
/// curves and the psychrometric chart draw.
struct EnvelopeLimits {
    double minDryBulbC = 18.0;
    double maxDryBulbC = 27.0;
    double maxDewPointC = 15.0;
    std::optional<double> minDewPointC;
    double minRelativeHumidity = 0.08;
    double maxRelativeHumidity = 0.80;
};

/// What the charts need beyond the RunResult.
struct ChartContext {
    DisplayUnits units;
    std::optional<EnvelopeLimits> envelope; ///< from the site; absent draws no limits
    double pressurePa = 101325.0;           ///< for humidity ratios on the psychrometric chart
};

/// The context of a result's site (its envelope, and the standard pressure at its elevation).
ChartContext chartContextFor(const model::RunResult& result, UnitSystem units);

void buildMonthlyPueWueChart(QCustomPlot& plot, const model::RunResult& result,
                             const ChartContext& context);
/// Cooling mode of every hour: day of year across, hour of day up.
void buildCoolingModeHeatmap(QCustomPlot& plot, const model::RunResult& result,
                             const ChartContext& context);
/// Carbon-free share of every hour (24/7 CFE): day of year across, hour of day up, in
/// bands of 20 %; an empty frame that says so without /clean_energy.
void buildCfeHeatmap(QCustomPlot& plot, const model::RunResult& result,
                     const ChartContext& context);
void buildMonthlyWaterChart(QCustomPlot& plot, const model::RunResult& result,
                            const ChartContext& context);
void buildMonthlyCarbonChart(QCustomPlot& plot, const model::RunResult& result,
                             const ChartContext& context);
void buildElectricalLossChart(QCustomPlot& plot, const model::RunResult& result,
                              const ChartContext& context);
void buildCapacityHeadroomChart(QCustomPlot& plot, const model::RunResult& result,
                                const ChartContext& context);
/// Outdoor dry-bulb and wet-bulb sorted hottest first, with the envelope limits.
void buildTemperatureDurationChart(QCustomPlot& plot, const model::RunResult& result,
                                   const ChartContext& context);
/// Every hour of the year on a psychrometric chart, with the supply envelope drawn.
void buildPsychrometricChart(QCustomPlot& plot, const model::RunResult& result,
                             const ChartContext& context);

/// One chart the report and the desktop both show, in report order.
struct ChartKind {
    const char* id; ///< "monthly_pue_wue", ...
    QString title;
    void (*build)(QCustomPlot&, const model::RunResult&, const ChartContext&);
};
const std::vector<ChartKind>& chartKinds();

/// Display names, for legends and tables.
QString coolingModeLabel(model::CoolingMode mode);
QString constraintLabel(model::Constraint constraint);
QString monthLabel(int month); ///< 1-12 -> "Jan"

/// What the zero-water months owe to the envelope: "zero water, with 640 hours drier than
/// the envelope's minimum (-12 °C dew point, 8 % RH), not humidified", and the hours more
/// humid than its maximum, counted in those months; empty when none left the envelope
/// then. Without envelope limits (a result alone) the limits are not named.
QString envelopeExcursionText(const model::RunResult& result,
                              const std::optional<EnvelopeLimits>& envelope,
                              const DisplayUnits& units);

} // namespace headroom::ui
