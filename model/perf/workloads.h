#pragma once
// What the deployed chips deliver: training and inference workloads evaluated over the
// hourly simulation (a summer run costs more water than a winter run).

#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// Fills result.training and result.inference from the site's workloads, using
/// result.compute and the hourly series already in result.
void evaluateWorkloads(const Site& site, RunResult& result);

} // namespace headroom::model
