#pragma once
// Embodied carbon: what making the site's silicon, servers, switches and building emitted,
// before its first hour. A logic die's manufacturing carbon is its area times the carbon
// per area of its process node, E = A x CPA (ACT's model of fabrication:
// CPA = (CI_fab x EPA + GPA + MPA) / yield, Gupta et al. 2022 [gupta-2022-act]); the
// per-node CPA is LLMCarbon's table [faiz-2024-llmcarbon], its range ACT's CPA with a
// solar-powered fab (low) and with Taiwan's grid (high). Memory and flash are per GB, the
// rest of a server and a switch per unit, the building per MW of critical IT built (cost
// catalog, resources/catalog/costs.json). Each part is amortized straight-line over its
// asset class's service life (/cost/lives), as LLMCarbon amortizes hardware over its
// lifetime; the year's lifecycle carbon adds the location-based operational carbon.
// Left out: chip packaging, optics, cables, and the end of life.

#include "model/catalog/cost_catalog.h"
#include "model/core/diagnostic.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

#include <optional>

namespace headroom::model {

/// A die's embodied carbon, kg CO2e, with the range its node's factors support.
struct DieCarbon {
    double kg = 0.0;
    double lowKg = 0.0;
    double highKg = 0.0;
};

/// The embodied carbon of a die of areaMm2 made on the node nodeNm (4 and 5 are one class);
/// nothing for a node the catalog holds no factor for.
std::optional<DieCarbon> dieCarbon(double areaMm2, int nodeNm,
                                   const CostCatalog& catalog = CostCatalog::builtin());

/// The embodied and lifecycle carbon of the site-year in result (its sizing, hourly series
/// and workloads are final), with the site's /cost section (site.cost must hold one).
/// Notes a chip without a published die, whose dies are then left out.
EmbodiedCarbonResult siteEmbodiedCarbon(const Site& site, const RunResult& result,
                                        Diagnostics& diagnostics);

/// The year's side of e, whose parts and perYearT are set: the operational (location-based)
/// carbon of result, the lifecycle carbon, its intensity per peak PFLOP-hour and the first
/// training run's share. siteEmbodiedCarbon ends with it; a plan's year of several
/// platforms calls it on their parts added.
void completeEmbodiedYear(EmbodiedCarbonResult& e, const RunResult& result);

} // namespace headroom::model
