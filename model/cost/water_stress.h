#pragma once
// The year's site water beside the baseline water stress of the basin it is drawn from
// (WRI Aqueduct 4.0 [kuzma-2023-aqueduct], as the site file gives it). The stress-weighted
// figure is GRI 303-5's "water consumption from all areas with water stress" [gri-303-2018]:
// each cubic metre weighs 1 in a basin Aqueduct rates high (40-80 % of supply withdrawn) or
// extremely high (> 80 %), 0 elsewhere, as GRI's guidance sets the threshold.

#include "model/core/diagnostic.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// Whether GRI 303 counts the category as an area with water stress (high or above).
bool isWaterStressed(WaterStressCategory category);

/// The site's water stress over result's year (site.waterStress must hold a section); warns,
/// at /cooling/design, when a design that uses water is chosen in a stressed basin.
WaterStressResult siteWaterStress(const Site& site, const RunResult& result,
                                  Diagnostics& diagnostics);

} // namespace headroom::model
