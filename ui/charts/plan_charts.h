#pragma once
// Chart builders of a plan over years (model/plan): design-hour IT by generation, energy
// and PUE, site water with the months that stop being water-free, carbon and CUE. The
// desktop's Plan view and the plan's PDF call the same builders, as the site-year charts.

#include "model/result/plan_result.h"
#include "ui/charts/charts.h"

#include <vector>

class QCustomPlot;

namespace headroom::ui {

/// Design-hour IT by generation (platform), stacked, one bar per year.
void buildPlanCapacityChart(QCustomPlot& plot, const model::PlanResult& plan,
                            const ChartContext& context);
/// Facility energy (bars) and PUE (line) by year.
void buildPlanEnergyChart(QCustomPlot& plot, const model::PlanResult& plan,
                          const ChartContext& context);
/// The energy, water and carbon charts shade the P10-P90 band of the plan's draws (dashed
/// P50) when it ran them.
/// Site water (bars) and zero-water months (line) by year; a year whose water-free months
/// shrink names the months it lost above its bar ("Oct needs water").
void buildPlanWaterChart(QCustomPlot& plot, const model::PlanResult& plan,
                         const ChartContext& context);
/// Location-based carbon (bars) and CUE (line) by year.
void buildPlanCarbonChart(QCustomPlot& plot, const model::PlanResult& plan,
                          const ChartContext& context);

/// The tornado of a plan's uncertainty: horizon water and carbon with each declared input
/// at its low and its high scale, as changes from the plan as written; empty without draws.
void buildPlanTornadoChart(QCustomPlot& plot, const model::PlanResult& plan,
                           const ChartContext& context);

/// One input's tornado bar of a horizon figure, in % of the plan as written.
struct PlanTornadoBar {
    QString input;
    double lowPercent = 0.0, highPercent = 0.0;
};
/// The bars of a horizon figure ("water_m3"), the widest swing last (drawn on top).
std::vector<PlanTornadoBar> planTornadoBars(const model::PlanResult& plan, const char* figure);

/// One plan chart the PDF and the Plan view both show, in report order.
struct PlanChartKind {
    const char* id; ///< "plan_capacity", ...
    QString title;
    void (*build)(QCustomPlot&, const model::PlanResult&, const ChartContext&);
    /// Whether the plan has what the chart shows (null: always).
    bool (*applies)(const model::PlanResult&) = nullptr;
};
const std::vector<PlanChartKind>& planChartKinds();

/// "Oct, Nov": months as the charts and tables name them.
QString monthList(const std::vector<int>& months);

} // namespace headroom::ui
