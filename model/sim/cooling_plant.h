#pragma once
// The cooling plant of one hall in one hour: which mode it runs in, what its fans, pumps,
// compressors and heat-rejection fans draw, and what water it evaporates, bleeds and loses.
//
// Simplifications (each stated where it is used in the .cpp):
// - steady state every hour; no thermal storage, no control dead bands or start-up;
// - air-side supply held at the envelope limits: mixing to the minimum dry-bulb in cold
//   hours, economizing up to the maximum; airflow from the heat and the design supply/return
//   difference (m = Q / (cp dT)), fan power from a design specific fan power and the cube
//   affinity law; the supply fans' power ends as heat in the air they move (motors in the
//   air stream), so the economizer, media and coils deliver the envelope less that rise
//   and the coils and heat rejection carry it;
// - chilled water at a fixed temperature when the site gives one, else reset each hour to
//   the warmest water the coil can bring return air to the supply-air maximum with (coil
//   effectiveness); condenser water floats with the tower's wet-bulb, and condensing
//   temperatures with it;
// - in a recirculating economizer the hall adds no moisture, so the supply humidity ratio
//   is the outdoor one; evaporative coolers follow the adiabatic-saturation line (constant
//   enthalpy, ASHRAE HoF 2017 ch. 1), approaching the wet-bulb by their effectiveness;
// - compressors follow a constant fraction of the Carnot COP (second-law efficiency held
//   at its design value; Gordon & Ng, "Cool Thermodynamics", 2000, ch. 3), calibrated to
//   the site's design COP and lift; no part-load degradation;
// - cooling towers reject all heat as latent heat (evaporation = heat / h_fg, the usual
//   upper-bound rule); blowdown = evaporation / (cycles - 1); drift a fraction of the
//   circulating water;
// - adiabatic dry coolers wet their pads only as far as the economizer needs (at most to the
//   media's effectiveness) and evaporate into their own air stream (m = Q / (cp dT_air));
// - closed-loop designs (indirect evaporative, chilled water, air-cooled chillers) keep
//   the hall air out of contact with outside air, so they never humidify.

#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// The outdoor state of one hour, as the plant needs it.
struct OutdoorState {
    double dryBulbC = 0.0;
    double wetBulbC = 0.0;
    double humidityRatio = 0.0;    ///< kg water / kg dry air
    double relativeHumidity = 0.0; ///< 0-1
    double pressurePa = 101325.0;
};

/// What the plant does in one hour, one hall.
struct CoolingHour {
    CoolingMode mode = CoolingMode::FreeCooling;
    bool evaporative = false; ///< evaporative media, towers or adiabatic assist wetted
    /// Humidity the plant could not hold: too dry (no humidifier) or too humid.
    EnvelopeExcursion outsideEnvelope = EnvelopeExcursion::Inside;
    double fanKw = 0.0, pumpKw = 0.0, compressorKw = 0.0, heatRejectionKw = 0.0;
    double evaporationL = 0.0, blowdownL = 0.0, driftL = 0.0, humidificationL = 0.0;
    double mechanicalDutyKw = 0.0; ///< heat the compressors remove

    double mechanicalKw() const { return fanKw + pumpKw + compressorKw + heatRejectionKw; }
    double waterL() const { return evaporationL + blowdownL + driftL + humidificationL; }
};

/// A hall's plant, built for its design heat loads.
class CoolingPlant {
public:
    CoolingPlant(const Cooling& cooling, double designAirHeatKw, double designLiquidHeatKw);

    /// What the air side's heat sets in every hour it is the same (all the hours of one
    /// utilization): airflow, fan power, the fans' temperature rise.
    struct AirLoad {
        double heatKw = 0.0;     ///< heat the air side removes
        double massKgPerS = 0.0; ///< dry-air flow, m = Q / (cp dT)
        double fanKw = 0.0;
        double riseK = 0.0;           ///< supply-air rise from the fans' heat
        double dryScreenFactor = 1.0; ///< exp(0.12 riseK), airsideEconomizer's RH screen
    };
    AirLoad airLoad(double airHeatKw) const;

    /// What the outdoor pressure sets in every hour it is the same (a climate digest's
    /// month, a weather file's hours of one station pressure): the humidity ratios of the
    /// envelope's limits that airsideEconomizer compares the outdoor air with, each a
    /// division an hour otherwise.
    struct PressureTerms {
        double pressurePa = 0.0;
        double wMaxDew = 0.0, wMinDew = 0.0; ///< at the dew-point limits (0: no minimum)
        /// The humidity limits of air brought to the supply minimum (recirculation) and of
        /// air at the supply maximum (hot hours): the dew-point and relative-humidity
        /// limits' tighter one.
        double wHighAtMin = 0.0, wLowAtMin = 0.0, wHighAtMax = 0.0;
    };
    PressureTerms pressureTerms(double pressurePa) const;

    /// airHeatKw: heat the air side removes; liquidHeatKw: heat the liquid loop removes.
    CoolingHour evaluate(const OutdoorState& outdoor, double airHeatKw, double liquidHeatKw) const;
    /// The same, with the air side's and the pressure's terms computed once for many hours
    /// (pressure: pressureTerms(outdoor.pressurePa)).
    CoolingHour evaluate(const OutdoorState& outdoor, const AirLoad& air,
                         const PressureTerms& pressure, double liquidHeatKw) const;

    /// Compressor COP for an evaporating temperature and a heat sink (constant Carnot
    /// fraction). waterCooled: the sink is tower water, else outdoor air.
    double chillerCop(double evaporatingC, double sinkC, bool waterCooled) const;

    double supplyMinC() const { return m_supplyMinC; }
    double supplyMaxC() const { return m_supplyMaxC; }

    /// Every constant equal: the same plant every hour (fill_check's shared screens).
    bool operator==(const CoolingPlant&) const = default;

private:
    void airsideEconomizer(const OutdoorState& o, const AirLoad& air, const PressureTerms& pressure,
                           CoolingHour& out) const;
    void indirectEvaporative(const OutdoorState& o, const AirLoad& air, CoolingHour& out) const;
    void chilledWater(const OutdoorState& o, const AirLoad& air, CoolingHour& out) const;
    void liquidLoop(const OutdoorState& o, double heatKw, CoolingHour& out) const;
    double fanKw(double heatKw) const;
    /// Supply-air temperature rise from the fans' heat, K.
    double fanRiseK(double heatKw) const;
    /// Chilled-water supply temperature for the hour's fan rise, degC.
    double chilledWaterC(double fanRiseK) const;
    void addTrim(double dutyKw, const OutdoorState& o, double fanRiseK, CoolingHour& out) const;
    void addTowers(double rejectedKw, CoolingHour& out) const;
    /// Load of a coil drying outdoor air to wTarget, whose dew point is dewC, kW.
    double dehumidifyingCoilKw(const OutdoorState& o, double massKgPerS, double wTarget,
                               double dewC, double riseK) const;
    void addEvaporation(double massFlowKgPerS, double deltaW, CoolingHour& out) const;

    CoolingDesign m_design;
    double m_supplyMinC, m_supplyMaxC, m_deltaK;
    double m_maxDewPointC, m_minDewPointC;
    bool m_hasMinDewPoint;
    double m_minRh, m_maxRh;
    bool m_humidify;
    double m_pwsSupplyMin, m_pwsSupplyMax, m_pwsMaxDew, m_pwsMinDew; ///< Pa
    /// The dew point of air at the relative-humidity maximum and the supply maximum: the
    /// coil's target when that limit binds in a hot hour, the same whatever the pressure.
    double m_dewAtMaxRhSupplyMaxC;
    double m_evapEffectiveness, m_indirectEffectiveness;
    double m_towerApproachK, m_cycles, m_driftFraction;
    bool m_fixedChilledWater;
    double m_chilledWaterC, m_inverseCoilEffectiveness, m_carnotFraction;
    double m_designAirHeatKw, m_designFanKw, m_designRejectedKw;
    double m_inverseDesignAirHeatKw, m_designFanRiseK;
    double m_designLiquidHeatKw;
    bool m_hasLiquid;
    double m_liquidSupplyC, m_liquidApproachK, m_adiabaticAboveC, m_liquidPumpKwPerKw;
};

// Inline: the hourly loop calls it every hour, and inlined the hour's CoolingHour is built in
// the loop's own frame rather than returned through memory from another file.
inline CoolingHour CoolingPlant::evaluate(const OutdoorState& outdoor, const AirLoad& air,
                                          const PressureTerms& pressure,
                                          double liquidHeatKw) const {
    CoolingHour out;
    if (air.heatKw > 0.0) {
        switch (m_design) {
        case CoolingDesign::AirsideEconomizerEvaporative:
        case CoolingDesign::AirsideEconomizerWaterCooledChillers:
            airsideEconomizer(outdoor, air, pressure, out);
            break;
        case CoolingDesign::IndirectEvaporative:
            indirectEvaporative(outdoor, air, out);
            break;
        case CoolingDesign::ChilledWaterTowers:
        case CoolingDesign::ChilledWaterAdiabaticDryCoolers:
        case CoolingDesign::AirCooledChillers:
            chilledWater(outdoor, air, out);
            break;
        }
    } else {
        out.mode = CoolingMode::Recirculation;
    }
    if (m_hasLiquid && liquidHeatKw > 0.0) {
        // The hour's mode is the more energy-hungry of the air side and the liquid loop.
        liquidLoop(outdoor, liquidHeatKw, out);
    }
    return out;
}

} // namespace headroom::model
