#include "model/cost/embodied_carbon.h"

namespace headroom::model {

std::optional<DieCarbon> dieCarbon(double areaMm2, int nodeNm, const CostCatalog& catalog) {
    const NodeFactor* node = catalog.nodeFactor(nodeNm);
    if (node == nullptr) {
        return std::nullopt;
    }
    const double areaM2 = areaMm2 * 1e-6;
    // E = A x CPA [gupta-2022-act]: the fab's energy, gases and materials per area of wafer
    // processed, over the yield, are all in the node's CPA.
    return DieCarbon{areaM2 * node->kgPerM2, areaM2 * node->lowKgPerM2, areaM2 * node->highKgPerM2};
}

} // namespace headroom::model
