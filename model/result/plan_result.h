#pragma once
// What a site plan produces (model/plan): one site-year per year of the horizon, each a
// RunResult like a single run's (so every report row reads it), with the generations of
// hardware it ran and the warming its weather was morphed by.

#include "model/result/run_result.h"
#include "model/site/site.h"

#include <optional>

#include <string>
#include <vector>

namespace headroom::model {

/// The hardware of one platform running in a year.
struct PlanGeneration {
    std::string platformId;
    std::string chipId;
    int buildings = 0; ///< the buildings its halls are in
    int halls = 0;
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

/// P10, P50 and P90 of a figure over the draws (Hyndman and Fan 1996, definition 7); NaN
/// where no draw has the figure (a year before any building is energized has no PUE).
struct PlanBand {
    double p10 = 0.0, p50 = 0.0, p90 = 0.0;
};

/// One input of the tornado: the plan run with that input at its low and high scale and
/// every other as written; a horizon figure's bar is atHigh - atLow.
struct PlanTornadoInput {
    PlanUncertainInput declared;
    double low = 1.0, high = 1.0;      ///< the scales the two runs used
    std::vector<double> atLow, atHigh; ///< per figure of PlanUncertaintyResult::horizonFigures
};

/// A plan's uncertainty: seeded draws of the whole plan over its declared inputs.
struct PlanUncertaintyResult {
    long long seed = 0;
    int draws = 0;
    /// The step each draw's warming scale was rounded to (/plan/uncertainty/warming_step; 0:
    /// not rounded). The tornado's runs are not rounded.
    double warmingStep = 0.0;
    /// What the draws assumed: the run's assumptions under /plan/uncertainty (each default
    /// taken, the step's among them, and each figure the file gives a source for).
    std::vector<Assumption> assumptions;
    std::vector<std::string> yearFigures;     ///< result-table names ("water_m3")
    std::vector<std::string> horizonFigures;  ///< keys of plan.json's "horizon"
    std::vector<std::vector<PlanBand>> years; ///< [year][year figure]
    std::vector<PlanBand> horizon;            ///< [horizon figure]
    std::vector<PlanTornadoInput> tornado;    ///< in the order the inputs are declared
};

struct PlanResult {
    std::string siteName;
    std::string scenarioHash; ///< of the site document the plan ran
    int firstYear = 0, lastYear = 0;
    std::vector<PlanYearResult> years;
    /// The draws over /plan/uncertainty, when they ran (headroom-cli plan --draws).
    std::optional<PlanUncertaintyResult> uncertainty;
};

} // namespace headroom::model
