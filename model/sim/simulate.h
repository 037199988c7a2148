#pragma once
// The one run service of the model: a scenario in, a RunResult out.
// The desktop app, headroom-cli run and the batch runner all call this.

#include "model/core/feedback.h"
#include "model/result/run_result.h"
#include "model/sim/outdoor_series.h"
#include "model/site/site.h"

#include <memory>
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
    /// The outdoor states of site.climate at the site's elevation, when whoever made the
    /// scenario holds them (a plan's years at one warming, model/plan/plan.h: runs that share
    /// a climate share its states however many climates the cache keeps); simulate() takes
    /// them from the cache (outdoorSeries()) otherwise. Either way the same numbers.
    std::shared_ptr<const OutdoorSeries> outdoor{};
};

/// A fresh result each run; the storage of its hourly arrays is recycled from results
/// dropped before (HourlyResults), so a sweep, a plan's years and a session's edits do not
/// allocate and fault in ~1.5 MB of arrays a year.
RunResult simulate(const Scenario& scenario, Feedback& feedback);

} // namespace headroom::model
