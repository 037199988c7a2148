#include "model/sim/hall_model.h"

#include <algorithm>

namespace headroom::model {

namespace {

HallDesign hallDesign(const Site& site, const ItLoad& itLoad) {
    HallDesign d;
    const ItPower peak = itLoad.evaluate(1.0);
    d.peakRackKw = peak.itKw + peak.psuLossKw;
    d.hallRatingKw = units::toKilowatts(site.campus.itPowerPerHall);
    d.rackKw = d.hallRatingKw > 0.0 ? std::max(d.hallRatingKw, d.peakRackKw) : d.peakRackKw;
    d.liquidShare = site.cooling.liquid ? std::clamp(site.cooling.liquid->itShare, 0.0, 1.0) : 0.0;
    d.lightingKw = site.electrical.lightingWPerM2 * site.campus.floorAreaPerHall.value() / 1e3;
    d.ancillaryFraction = site.electrical.ancillaryFraction;
    // Design heat of the hall's plant: its rating, split as the deployment splits it, plus
    // ~3 % for PDU losses and lighting.
    const double liquidFractionOfRack =
        d.peakRackKw > 0.0 ? d.liquidShare * peak.itKw / d.peakRackKw : d.liquidShare;
    d.liquidKw = d.rackKw * liquidFractionOfRack;
    d.airKw = d.rackKw * (1.0 - liquidFractionOfRack) * 1.03;
    return d;
}

/// The chain is sized for the mechanical load of the hall's rating at the design hours.
ElectricalChain designChain(const Site& site, const HallDesign& d, const CoolingPlant& plant,
                            const OutdoorSeries& outdoor) {
    double designMechanicalKw = 0.0;
    for (std::size_t h : designHours(outdoor)) {
        const CoolingHour c =
            plant.evaluate(outdoorAt(*site.climate, outdoor, h), d.airKw, d.liquidKw);
        designMechanicalKw = std::max(designMechanicalKw, c.mechanicalKw());
    }
    const double designAncillaryKw = d.lightingKw + d.ancillaryFraction * d.rackKw;
    return ElectricalChain(site.electrical, d.rackKw, designMechanicalKw, designAncillaryKw);
}

} // namespace

std::array<std::size_t, 3> designHours(const OutdoorSeries& outdoor) {
    return {outdoor.hottestDryBulbHour, outdoor.hottestWetBulbHour, outdoor.highestEnthalpyHour};
}

HallModel::HallModel(const Site& site, const ComputeSizing& compute, const OutdoorSeries& outdoor)
    : m_itLoad(site.it, static_cast<double>(compute.servers) / std::max(compute.hallsUsed, 1),
               compute.networkPowerKw / std::max(compute.hallsUsed, 1))
    , m_design(hallDesign(site, m_itLoad))
    , m_plant(site.cooling, m_design.airKw, m_design.liquidKw)
    , m_chain(designChain(site, m_design, m_plant, outdoor)) {}

void HallModel::setUtilization(double utilization) {
    m_lastUtilization = utilization;
    const ItPower it = m_itLoad.evaluate(utilization);
    const double rackKw = it.itKw + it.psuLossKw;
    const ElectricalChain::RackLoad rack = m_chain.rackLoad(rackKw);
    const double liquidKw = m_design.liquidShare * it.itKw;
    const double airKw = it.itKw - liquidKw + it.psuLossKw + rack.pduKw + m_design.lightingKw;
    m_last = {it, rack, m_design.lightingKw + m_design.ancillaryFraction * rackKw, liquidKw,
              m_plant.airLoad(airKw)};
}

} // namespace headroom::model
