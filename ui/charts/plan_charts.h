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
/// Site water (bars) and zero-water months (line) by year; a year whose water-free months
/// shrink names the months it lost above its bar ("Oct needs water").
void buildPlanWaterChart(QCustomPlot& plot, const model::PlanResult& plan,
                         const ChartContext& context);
/// Location-based carbon (bars) and CUE (line) by year.
void buildPlanCarbonChart(QCustomPlot& plot, const model::PlanResult& plan,
                          const ChartContext& context);

/// One plan chart the PDF and the Plan view both show, in report order.
struct PlanChartKind {
    const char* id; ///< "plan_capacity", ...
    QString title;
    void (*build)(QCustomPlot&, const model::PlanResult&, const ChartContext&);
};
const std::vector<PlanChartKind>& planChartKinds();

/// "Oct, Nov": months as the charts and tables name them.
QString monthList(const std::vector<int>& months);

} // namespace headroom::ui
