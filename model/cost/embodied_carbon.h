#pragma once
// Embodied carbon of accelerator silicon: a logic die's manufacturing carbon is its area
// times the carbon per area of its process node, E = A x CPA (ACT's model of fabrication:
// CPA = (CI_fab x EPA + GPA + MPA) / yield, Gupta et al. 2022 [gupta-2022-act]). The
// per-node CPA is LLMCarbon's table [faiz-2024-llmcarbon]; its range is ACT's CPA with a
// solar-powered fab (low) and with Taiwan's grid (high), from ACT's per-node energy, gas
// and material figures. Packaging, memory and the rest of the server are not in it.

#include "model/catalog/cost_catalog.h"

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

} // namespace headroom::model
