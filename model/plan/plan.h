#pragma once
// A site over years (the site file's /plan): each year of the horizon is simulated as its
// own site-year with the buildings energized by then, the hardware its refresh policy has
// put in them, the year's utilization and grid carbon, and the present-day weather morphed
// by the year's warming (model/climate/climate_morph.h). A year running several platforms
// simulates each platform's buildings as a site of its own (with their share of the
// interconnect and water supply: identical buildings split the campus evenly) and adds the
// runs hour by hour; its key figures are computed from the sums, as a single run's are.

#include "model/core/feedback.h"
#include "model/result/plan_result.h"
#include "model/sim/simulate.h"

namespace headroom::model {

/// Runs the plan of scenario.site (which must have one; SiteReader has checked it).
PlanResult runPlan(const Scenario& scenario, Feedback& feedback);

/// The site one year of the plan runs for one platform's buildings (exposed for tests):
/// buildings of the campus, platform, UltraServers (nothing: fill), the year's climate.
Site planYearSite(const Site& site, int year, int buildings, const std::string& platformId,
                  std::optional<int> ultraServers, std::shared_ptr<const Climate> climate);

} // namespace headroom::model
