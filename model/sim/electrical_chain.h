#pragma once
// The power path from the utility to the racks: MV/LV transformers, UPS, PDU/busway.
// Each stage is a set of identical units; a unit rated R at per-unit load x loses
// R (a + b x + c x^2) (no-load, proportional and square-law terms: core/switching,
// conduction and I^2R losses; the usual polynomial loss model of transformers and UPSs,
// e.g. IEC 62040-3 efficiency curves fitted to three terms). Redundancy decides how
// many units share the load: N, N+1, 2N, distributed redundant xN/(x-1) (4N/3, 3N/2),
// block redundant (N loaded blocks plus an unloaded catcher). Simplifications: the load
// shares evenly among the loaded units; power factor is 1; losses of switchgear and
// cabling are in the proportional terms; generators idle (no fuel burned). The loss
// coefficients and ratings come from the site (the field table's defaults follow the UPS
// mode and the distribution design).

#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// How many units a stage installs and how many of them carry load.
struct StageLayout {
    int installed = 0;
    int loaded = 0;
    double unitRatingKw = 0.0;

    /// Per-unit load fraction at a stage load.
    bool operator==(const StageLayout&) const = default;
    double unitLoad(double loadKw) const {
        return loaded > 0 && unitRatingKw > 0.0 ? loadKw / (loaded * unitRatingKw) : 0.0;
    }
};

/// Units to carry designLoadKw with the given redundancy (N = ceil(design / rating)).
StageLayout layoutFor(Redundancy redundancy, double designLoadKw, double unitRatingKw);

/// Loss of a stage at a load, kW: loaded units at their share, spares at no load.
double stageLossKw(const StageLayout& layout, const LossModel& loss, double loadKw);

/// Losses of the chain in one hour, kW (one hall).
struct ChainLosses {
    double transformerKw = 0.0, upsKw = 0.0, pduKw = 0.0;
    double facilityKw = 0.0; ///< drawn from the utility
};

/// One hall's chain, sized for a design load.
class ElectricalChain {
public:
    /// designItKw: rack-input IT the hall's plant is built for; designMechanicalKw and
    /// designAncillaryKw: the rest of the hall's design-hour demand.
    ElectricalChain(const Electrical& electrical, double designItKw, double designMechanicalKw,
                    double designAncillaryKw);

    /// What a rack-input load (it + psu) sets upstream in every hour it is the same: the
    /// PDU loss and, when the mechanical load is not on the UPS, the UPS's load and loss.
    struct RackLoad {
        double rackInputKw = 0.0, pduKw = 0.0;
        double upsOutKw = 0.0, upsKw = 0.0; ///< mechanical load on the UPS: set per hour
    };
    RackLoad rackLoad(double rackInputKw) const;
    /// The whole chain: rack input, mechanical and ancillary loads in, losses out.
    ChainLosses evaluate(const RackLoad& rack, double mechanicalKw, double ancillaryKw) const;
    ChainLosses evaluate(double rackInputKw, double mechanicalKw, double ancillaryKw) const {
        return evaluate(rackLoad(rackInputKw), mechanicalKw, ancillaryKw);
    }

    const StageLayout& transformers() const { return m_transformers; }
    const StageLayout& ups() const { return m_ups; }
    const StageLayout& pdus() const { return m_pdus; }

    /// Every constant equal: the same losses every hour (fill_check's shared screens).
    bool operator==(const ElectricalChain&) const = default;

private:
    /// A stage's loss as a quadratic in its load: A + B L + C L^2 (the unit polynomial
    /// summed over the units, precomputed for the hourly loop).
    struct Quadratic {
        double a = 0.0, b = 0.0, c = 0.0;
        double operator()(double loadKw) const { return a + loadKw * (b + c * loadKw); }
        bool operator==(const Quadratic&) const = default;
    };
    static Quadratic quadraticOf(const StageLayout& layout, const LossModel& loss);

    bool m_mechanicalOnUps;
    StageLayout m_transformers, m_ups, m_pdus;
    Quadratic m_transformerQ, m_upsQ, m_pduQ;
};

// Inline: the hourly loop walks the chain once an hour (model/sim/hall_model.h).
inline ChainLosses ElectricalChain::evaluate(const RackLoad& rack, double mechanicalKw,
                                             double ancillaryKw) const {
    // Walk upstream: each stage's input is its output plus its loss. The mechanical load is
    // on the UPS's output or on the transformers' (with the ancillary load).
    ChainLosses out;
    out.pduKw = rack.pduKw;
    double transformerOutKw = 0.0;
    if (m_mechanicalOnUps) {
        const double upsOutKw = rack.rackInputKw + rack.pduKw + mechanicalKw;
        out.upsKw = m_upsQ(upsOutKw);
        transformerOutKw = upsOutKw + out.upsKw + ancillaryKw;
    } else {
        out.upsKw = rack.upsKw;
        transformerOutKw = rack.upsOutKw + rack.upsKw + mechanicalKw + ancillaryKw;
    }
    out.transformerKw = m_transformerQ(transformerOutKw);
    out.facilityKw = transformerOutKw + out.transformerKw;
    return out;
}

} // namespace headroom::model
