#pragma once
// The uncertainty of a plan (/plan/uncertainty): N seeded draws of the whole plan, each
// declared input's scale drawn from its distribution; P10, P50 and P90 over the draws of
// each year's headline figures and of the horizon's; and a tornado: the plan run with one
// input at its low and then its high scale, every other as written. A draw is made from
// its index alone (model/core/seeded_draw.h), so the numbers do not depend on the threads.
// A draw's warming is rounded to /plan/uncertainty/warming_step, so the draws share a few
// warmings: they run grouped by warming, each warming's years morphed once for its group.

#include "model/core/feedback.h"
#include "model/result/plan_result.h"
#include "model/sim/simulate.h"

#include <utility>
#include <vector>

namespace headroom::model {

struct PlanUncertaintyOptions {
    int draws = 0;
    long long seed = 0;
    int jobs = 1; ///< worker threads; the numbers are the same for any count
};

/// The draws and the tornado of scenario.site's /plan/uncertainty (which it must have).
PlanUncertaintyResult runPlanUncertainty(const Scenario& scenario,
                                         const PlanUncertaintyOptions& options, Feedback& feedback);

/// The site with each input at its scale (1: as written); what a draw and a tornado end run.
Site scaledPlanSite(const Site& site, const std::vector<std::pair<PlanInput, double>>& scales);

/// input with a catalog_range distribution's min, mode and max filled from the cost
/// catalog (model/site/plan_inputs.h); any other as it is.
PlanUncertainInput withCatalogRange(PlanUncertainInput input);

/// The scale of declared input p (the p-th of the list) in draw index under seed.
double drawnScale(const PlanUncertainInput& input, long long seed, std::size_t index,
                  std::size_t p);

/// Every declared input's scale in draw index under seed, in the order declared: its
/// drawnScale(), the warming's rounded to declared.warmingStep (roundToStep()).
std::vector<std::pair<PlanInput, double>> drawScales(const PlanUncertainty& declared,
                                                     long long seed, std::size_t index);

/// An input's tornado scales: min and max, or a normal's P10 and P90 (never below 0).
std::pair<double, double> tornadoScales(const PlanUncertainInput& input);

/// The p-quantile of values by Hyndman and Fan's (1996) definition 7, linear between the
/// order statistics (R's and NumPy's default); NaN values are left out, NaN when all are.
double sampleQuantile(std::vector<double> values, double p);

/// The year figures the draws band, as result-table names.
const std::vector<std::string>& planBandFigures();

} // namespace headroom::model
