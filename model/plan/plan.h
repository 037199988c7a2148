#pragma once
// A site over years (the site file's /plan): each year of the horizon is simulated as its
// own site-year with the halls energized by then, the hardware its refresh policy has
// put in them, the year's utilization and grid carbon, and the present-day weather morphed
// by the year's warming (model/climate/climate_morph.h). A year running several platforms
// simulates each platform's halls as a site of its own (with their share of the
// interconnect and water supply: identical halls split the campus evenly) and adds the
// runs hour by hour; its key figures are computed from the sums, as a single run's are.

#include "model/core/feedback.h"
#include "model/result/plan_result.h"
#include "model/sim/simulate.h"

namespace headroom::model {

/// The weather of each year of a plan: the year's climate (the present-day year, or it
/// morphed by the year's warming), its outdoor states and its mean warming. What every run
/// of the plan at the same warming shares (the draws of one rounded warming,
/// plan_uncertainty.h): made once, it lives as long as this does, whatever the morph and
/// outdoor-state caches keep meanwhile.
struct PlanWeather {
    struct Year {
        std::shared_ptr<const Climate> climate;       ///< null: the morph was refused
        std::shared_ptr<const OutdoorSeries> outdoor; ///< of climate, at the site's elevation
        double meanWarmingK = 0.0; ///< mean of the twelve monthly dry-bulb changes applied
        /// The year's Cambium carbon on the climate's hours, kg/kWh (empty: no /plan/grid/cambium).
        std::vector<double> cambiumKgPerKwh;
    };
    std::vector<Year> years; ///< first year first
    /// The horizon's first year's Cambium carbon, from which a draw's grid change scale
    /// moves each year's (empty: no Cambium).
    std::vector<double> firstYearCambiumKgPerKwh;
};

/// The weather of the years of site's plan (which it must have; SiteReader has checked that
/// every morph stays in bounds).
PlanWeather planWeather(const Site& site);

/// Runs the plan of scenario.site (which must have one; SiteReader has checked it).
PlanResult runPlan(const Scenario& scenario, Feedback& feedback);

/// As above, in the weather planWeather() made for a site with the same climate, location
/// and /plan/climate (warming included) as scenario.site: the same figures, bit for bit.
PlanResult runPlan(const Scenario& scenario, const PlanWeather& weather, Feedback& feedback);

/// What a worker running plan after plan keeps between them (the draws of the uncertainty):
/// the last plan, whose years' hourly arrays the next one reuses, and the runs of a year's
/// other platforms. A plan is then run without allocating and faulting in ~2 MB of hourly
/// arrays a site-year.
struct PlanBuffers {
    PlanResult plan;
    std::vector<RunResult> runs;
};

/// As above, into buffers.plan (returned): the same figures, bit for bit.
const PlanResult& runPlan(const Scenario& scenario, const PlanWeather& weather, Feedback& feedback,
                          PlanBuffers& buffers);

/// The site one year of the plan runs for one platform's halls (exposed for tests): halls
/// of the campus, platform, UltraServers (nothing: fill), the year's climate.
Site planYearSite(const Site& site, int year, int halls, const std::string& platformId,
                  std::optional<int> ultraServers, std::shared_ptr<const Climate> climate);

} // namespace headroom::model
