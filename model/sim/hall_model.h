#pragma once
// One hall of a sized deployment, hour by hour: its IT load and PSU losses (it_load), PDU
// losses, the heat the air side and the liquid loop must remove (IT + PSU + PDU losses +
// lighting; UPS and transformer losses are in ventilated electrical rooms, counted in
// ancillary), its cooling plant (cooling_plant), ancillary load, and the electrical chain
// upstream (electrical_chain). Identical halls are simulated once and scaled.

#include "model/result/run_result.h"
#include "model/sim/cooling_plant.h"
#include "model/sim/electrical_chain.h"
#include "model/sim/outdoor_series.h"
#include "model/site/site.h"
#include "model/sizing/it_load.h"

#include <array>
#include <limits>
#include <optional>

namespace headroom::model {

/// What one hall draws and loses in one hour.
struct HallHour {
    ItPower it;
    double pduKw = 0.0, ancillaryKw = 0.0;
    CoolingHour cooling;
    ChainLosses chain;

    double rackInputKw() const { return it.itKw + it.psuLossKw; }
};

/// The figures a hall's plant and chain are sized for.
struct HallDesign {
    double peakRackKw = 0.0;   ///< the deployment at peak, rack input
    double hallRatingKw = 0.0; ///< the hall's IT rating (0 when not given)
    double rackKw = 0.0;       ///< the rating, or the peak when higher or no rating
    double liquidShare = 0.0;  ///< of IT heat, to the liquid loop
    double liquidKw = 0.0, airKw = 0.0;
    double lightingKw = 0.0, ancillaryFraction = 0.0;

    bool operator==(const HallDesign&) const = default;
};

class HallModel {
public:
    /// One hall of the deployment in compute; outdoor gives the design hours its plant and
    /// chain are sized for.
    HallModel(const Site& site, const ComputeSizing& compute, const OutdoorSeries& outdoor);

    /// The hall in one hour of weather at a chip utilization (0-1). Inline, as is the
    /// chain's evaluate: the hourly loop calls it 8760 times a year, and inlined the hour's
    /// figures go from the plant to the loop's arrays without being copied through a
    /// HallHour on the stack twice.
    HallHour evaluate(const OutdoorState& outdoor, double utilization) {
        if (utilization != m_lastUtilization) {
            setUtilization(utilization);
        }
        if (outdoor.pressurePa != m_pressure.pressurePa) {
            m_pressure = m_plant.pressureTerms(outdoor.pressurePa);
        }
        // The plant's hour is made in its place in the HallHour, not copied there: a copy
        // reads it back in 16-byte pieces over the plant's 8- and 1-byte stores, which the
        // processor cannot forward (a stall of tens of cycles an hour).
        HallHour hall{m_last.it,
                      m_last.rack.pduKw,
                      m_last.ancillaryKw,
                      m_plant.evaluate(outdoor, m_last.air, m_pressure, m_last.liquidKw),
                      {}};
        hall.chain = m_chain.evaluate(m_last.rack, hall.cooling.mechanicalKw(), m_last.ancillaryKw);
        return hall;
    }

    const HallDesign& design() const { return m_design; }
    const ElectricalChain& chain() const { return m_chain; }

    /// Whether the two halls are the same model: every constant of their load, plant and
    /// chain equal, so that each hour's figures are too (fill_check shares the screens of
    /// such halls). The utilization and pressure last evaluated are not the model's.
    bool sameModel(const HallModel& other) const {
        return m_itLoad == other.m_itLoad && m_design == other.m_design &&
               m_plant == other.m_plant && m_chain == other.m_chain;
    }

private:
    /// Works out (and remembers) the terms that depend on the utilization alone.
    void setUtilization(double utilization);

    // Every member but the utilization's terms below is a constant of the model, compared
    // by sameModel().
    ItLoad m_itLoad;
    HallDesign m_design;
    CoolingPlant m_plant;
    ElectricalChain m_chain;
    // The IT load, PDU loss, ancillary load and the heat of each side depend on the
    // utilization alone: the last one's are remembered (constant and profile utilizations
    // repeat).
    struct UtilizationTerms {
        ItPower it;
        ElectricalChain::RackLoad rack;
        double ancillaryKw = 0.0, liquidKw = 0.0;
        CoolingPlant::AirLoad air;
    };
    std::optional<double> m_lastUtilization;
    UtilizationTerms m_last;
    // The pressure's terms of the plant, the last pressure's (a climate digest has one a
    // month). NaN: none yet.
    CoolingPlant::PressureTerms m_pressure{std::numeric_limits<double>::quiet_NaN()};
};

/// The outdoor state of hour h (inline: the hourly loop reads it 8760 times a year).
inline OutdoorState outdoorAt(const Climate& climate, const OutdoorSeries& outdoor, std::size_t h) {
    return OutdoorState{climate.dryBulbC[h], outdoor.wetBulbC[h], outdoor.humidityRatio[h],
                        outdoor.relativeHumidity[h], outdoor.pressurePa[h]};
}

/// The hottest dry-bulb, wet-bulb and enthalpy hours of the year.
std::array<std::size_t, 3> designHours(const OutdoorSeries& outdoor);

} // namespace headroom::model
