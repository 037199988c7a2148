#pragma once
// What a site plan produces (model/plan): one site-year per year of the horizon, each a
// RunResult like a single run's (so every report row reads it), with the generations of
// hardware it ran and the warming its weather was morphed by.

#include "model/result/run_result.h"

#include <string>
#include <vector>

namespace headroom::model {

/// The hardware of one platform running in a year.
struct PlanGeneration {
    std::string platformId;
    std::string chipId;
    int buildings = 0;
    int ultraServers = 0;
    int chips = 0;
    double deployedItMw = 0.0; ///< every chip at full utilization, at the rack input
};

struct PlanYearResult {
    int year = 0;
    std::vector<PlanGeneration> generations;
    double meanWarmingK = 0.0; ///< mean of the twelve monthly dry-bulb changes applied
    /// The site-year: its generations' runs added hour by hour, the key figures computed
    /// from the sums. Workloads are a single-year analysis: a plan year has none.
    RunResult result;
};

struct PlanResult {
    std::string siteName;
    std::string scenarioHash; ///< of the site document the plan ran
    int firstYear = 0, lastYear = 0;
    std::vector<PlanYearResult> years;
};

} // namespace headroom::model
