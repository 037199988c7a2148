#pragma once
// The one run service of the model: a scenario in, a RunResult out.
// The desktop app, headroom-cli run and the batch runner all call this.

#include "model/core/feedback.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

#include <string>

namespace headroom::model {

/// A site with its overrides applied, and the hash that names it.
struct Scenario {
    Site site;
    std::string hash; ///< hex SHA-256 of the canonical scenario document
};

RunResult simulate(const Scenario& scenario, Feedback& feedback);

/// As above, into an existing result whose hourly arrays' storage is reused: a sweep runs
/// scenario after scenario without allocating or faulting in ~2 MB of arrays each time.
void simulate(const Scenario& scenario, Feedback& feedback, RunResult& result);

} // namespace headroom::model
