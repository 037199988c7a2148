#pragma once
// The one run service of the model: a scenario in, a RunResult out.
// The desktop app, headroom-cli run and the batch runner all call this.

#include "model/core/feedback.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

#include <optional>
#include <string>

namespace headroom::model {

/// A deployment sized from a site (model/sizing), with what sizing reported.
struct SizedDeployment {
    ComputeSizing compute;
    Diagnostics diagnostics;
};

/// A site with its overrides applied, and the hash that names it.
struct Scenario {
    Site site;
    std::string hash; ///< hex SHA-256 of the canonical scenario document
    /// The site's deployment, when whoever made the scenario sized it already
    /// (RunService::prepare does, to refuse one the site cannot hold); simulate() sizes
    /// it otherwise. Either way the site is sized once.
    std::optional<SizedDeployment> deployment{};
};

/// A fresh result each run; the storage of its hourly arrays is recycled from results
/// dropped before (HourlyResults), so a sweep, a plan's years and a session's edits do not
/// allocate and fault in ~1.5 MB of arrays a year.
RunResult simulate(const Scenario& scenario, Feedback& feedback);

} // namespace headroom::model
