#pragma once
// What the cost inputs of a plan's uncertainty scale, and the range the cost catalog gives
// them: the one place the site check and the draws (model/plan/plan_uncertainty.cpp) read.

#include "model/site/site.h"

#include <optional>
#include <string_view>

namespace headroom::model {

/// The /cost field a cost input scales ("/cost/construction_per_mw_it"); empty for an input
/// that is not a cost.
std::string_view costFieldOf(PlanInput input);

/// A scale's triangular distribution.
struct TriangularScales {
    double min = 1.0, mode = 1.0, max = 1.0;
};

/// The cost catalog's range of the figure input scales, as scales of its central figure
/// (resources/catalog/costs.json: construction 9.3 to 15.0 MUSD/MW about 11.7 gives 79.5 %
/// to 128.2 % about 100 %); nothing for an input the catalog does not price.
std::optional<TriangularScales> catalogRangeScales(PlanInput input);

} // namespace headroom::model
