#pragma once
// A realistic RunResult made by hand, for the chart and report tests while a result
// from simulate() is not at hand: an Indiana-like year (northern US, climate zone 5)
// on a 64 MW IT campus with an airside economizer. Hourly series come from a smooth
// seasonal and daily temperature model with deterministic noise; monthly and annual
// figures are aggregated from the hourly ones, so the result is self-consistent.

#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::testing {

/// Its inputs are those of makeSampleSite().
model::RunResult makeSampleRunResult();
/// The site the sample result stands for (envelope, climate station, assumptions).
model::Site makeSampleSite();

} // namespace headroom::testing
