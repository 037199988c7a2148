#include "model/sim/electrical_chain.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

namespace {
int unitsFor(double loadKw, double ratingKw) {
    return loadKw > 0.0 && ratingKw > 0.0 ? static_cast<int>(std::ceil(loadKw / ratingKw - 1e-9))
                                          : 0;
}
// PDU/busway "units" are taken as 250 kW sections; only their count's rounding depends
// on it, the loss is per unit of rating.
constexpr double kPduSectionKw = 250.0;
} // namespace

StageLayout layoutFor(Redundancy redundancy, double designLoadKw, double unitRatingKw) {
    StageLayout layout;
    layout.unitRatingKw = unitRatingKw;
    const int n = std::max(unitsFor(designLoadKw, unitRatingKw), designLoadKw > 0.0 ? 1 : 0);
    switch (redundancy) {
    case Redundancy::N:
        layout.installed = layout.loaded = n;
        break;
    case Redundancy::NPlus1:
        layout.installed = layout.loaded = n + 1; // the spare shares the load
        break;
    case Redundancy::TwoN:
        layout.installed = layout.loaded = 2 * n; // two systems, each carrying half
        break;
    case Redundancy::DistributedRedundant4N3:
        // xN/(x-1) with x = 4: each unit normally at most 3/4 loaded, (x-1)/x.
        layout.installed = layout.loaded = static_cast<int>(std::ceil(n * 4.0 / 3.0 - 1e-9));
        break;
    case Redundancy::DistributedRedundant3N2:
        layout.installed = layout.loaded = static_cast<int>(std::ceil(n * 3.0 / 2.0 - 1e-9));
        break;
    case Redundancy::Block:
        // N loaded blocks and one energized, unloaded catcher block.
        layout.loaded = n;
        layout.installed = n + 1;
        break;
    }
    return layout;
}

double stageLossKw(const StageLayout& layout, const LossModel& loss, double loadKw) {
    const double x = layout.unitLoad(loadKw);
    // P_loss = R (a + b x + c x^2) per loaded unit; spares idle at R a.
    const double loaded = layout.loaded * layout.unitRatingKw *
                          (loss.noLoad + x * (loss.proportional + x * loss.square));
    const double spares = (layout.installed - layout.loaded) * layout.unitRatingKw * loss.noLoad;
    return loaded + spares;
}

ElectricalChain::ElectricalChain(const Electrical& electrical, double designItKw,
                                 double designMechanicalKw, double designAncillaryKw)
    : m_mechanicalOnUps(electrical.mechanicalOnUps) {
    const double upsRatingKw = units::toKilowatts(electrical.upsModuleRating);
    const double transformerRatingKw = units::toKilowatts(electrical.transformerRating);
    const double upsDesignKw = designItKw + (m_mechanicalOnUps ? designMechanicalKw : 0.0);
    const double facilityDesignKw = designItKw + designMechanicalKw + designAncillaryKw;
    m_pdus = layoutFor(electrical.redundancy, designItKw, kPduSectionKw);
    m_ups = layoutFor(electrical.redundancy, upsDesignKw, upsRatingKw);
    m_transformers = layoutFor(electrical.redundancy, facilityDesignKw, transformerRatingKw);
    m_pduQ = quadraticOf(m_pdus, electrical.pduLoss);
    m_upsQ = quadraticOf(m_ups, electrical.upsLoss);
    m_transformerQ = quadraticOf(m_transformers, electrical.transformerLoss);
}

ElectricalChain::Quadratic ElectricalChain::quadraticOf(const StageLayout& layout,
                                                        const LossModel& loss) {
    // k loaded units of rating R at x = L / (k R): k R (a + b x + c x^2) = k R a + b L +
    // c L^2 / (k R); the spares add (installed - k) R a.
    Quadratic q;
    const double loadedKw = layout.loaded * layout.unitRatingKw;
    if (loadedKw <= 0.0) {
        return q;
    }
    q.a = layout.installed * layout.unitRatingKw * loss.noLoad;
    q.b = loss.proportional;
    q.c = loss.square / loadedKw;
    return q;
}

ElectricalChain::RackLoad ElectricalChain::rackLoad(double rackInputKw) const {
    RackLoad rack;
    rack.rackInputKw = rackInputKw;
    rack.pduKw = m_pduQ(rackInputKw);
    if (!m_mechanicalOnUps) {
        rack.upsOutKw = rackInputKw + rack.pduKw;
        rack.upsKw = m_upsQ(rack.upsOutKw);
    }
    return rack;
}

} // namespace headroom::model
