#include "model/sim/cooling_plant.h"

#include "model/climate/psychrometrics.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

namespace {

// Moist-air enthalpy h = cp_a t + W (h_fg0 + cp_v t), ASHRAE HoF 2017 ch. 1 eqn 30.
constexpr double kCpAir = 1006.0;        // J/(kg K), dry air
constexpr double kCpVapour = 1860.0;     // J/(kg K), water vapour
constexpr double kHfg0 = 2501000.0;      // J/kg, latent heat at 0 degC
constexpr double kCpWater = 4186.0;      // J/(kg K)
constexpr double kMolarRatio = 0.621945; // ASHRAE HoF 2017 ch. 1 eqn 20
// Latent heat of evaporation at ~30 degC tower water (steam tables: 2430 kJ/kg).
constexpr double kHfgTower = 2.43e6;
constexpr double kSecondsPerHour = 3600.0;
constexpr double kKelvin = 273.15;

// Plant assumptions (typical design values; stated so a reviewer can change them).
constexpr double kChilledWaterDeltaK = 6.0;     // chilled-water supply/return difference
constexpr double kEconomizerHxApproachK = 1.5;  // plate heat exchanger of the waterside economizer
constexpr double kTowerRangeK = 5.5;            // 10 degF tower range
constexpr double kDryEconomizerApproachK = 6.0; // dry cooler leaving fluid above dry-bulb
constexpr double kDryCoolerAirRiseK = 10.0;     // air temperature rise through a dry cooler
constexpr double kLiquidLoopDeltaK = 10.0;      // facility-water supply/return difference
constexpr double kEvaporatorBelowK = 3.0;       // refrigerant evaporates 3 K below the fluid
constexpr double kCondenserAboveAirK = 10.0;    // air-cooled condensing above outdoor dry-bulb
constexpr double kCondenserAboveWaterK = kTowerRangeK + 2.0; // above tower leaving water
constexpr double kMinLiftK = 5.0;                            // keeps the Carnot COP finite
constexpr double kMaxCop = 25.0;
// Pump and heat-rejection fan power per kW of heat at design flow.
constexpr double kChilledWaterPumpKwPerKw = 0.012;
constexpr double kCondenserPumpKwPerKw = 0.010;
constexpr double kEvaporativePumpKwPerKw = 0.002; // media recirculation pump
constexpr double kTowerFanKwPerKw = 0.008;
constexpr double kDryCoolerFanKwPerKw = 0.015;
constexpr double kCondenserFanKwPerKw = 0.020;
// Heat-rejection equipment is sized for the design heat plus the compressor heat at a
// design COP of about 4 (rejected = Q (1 + 1/COP)).
constexpr double kDesignRejectionFactor = 1.25;

// W from vapour pressure, ASHRAE HoF 2017 ch. 1 eqn 20.
double humidityRatio(double vapourPressurePa, double pressurePa) {
    return kMolarRatio * vapourPressurePa / (pressurePa - vapourPressurePa);
}
double enthalpy(double tC, double w) {
    return kCpAir * tC + w * (kHfg0 + kCpVapour * tC); // eqn 30
}
// Humidity ratio on the same enthalpy at temperature t: eqn 30 solved for W. An
// adiabatic (evaporative) process keeps the enthalpy (constant wet-bulb line).
double adiabaticW(double hJPerKg, double tC) {
    return (hJPerKg - kCpAir * tC) / (kHfg0 + kCpVapour * tC);
}
// Cube affinity law: fan/pump power scales with the cube of flow (speed).
double affinity(double designKw, double fraction) {
    const double f = std::max(fraction, 0.0);
    return designKw * f * f * f;
}

} // namespace

CoolingPlant::CoolingPlant(const Cooling& cooling, double designAirHeatKw,
                           double designLiquidHeatKw)
    : m_design(cooling.design)
    , m_designAirHeatKw(designAirHeatKw)
    , m_designLiquidHeatKw(designLiquidHeatKw) {
    // Every figure comes from the site: the reader fills the field table's defaults, and
    // a Site built in code states its own (model/sim/sim_test_support.h).
    const SupplyEnvelope& env = cooling.envelope;
    m_supplyMinC = units::toCelsius(env.minDryBulb);
    m_supplyMaxC = std::max(units::toCelsius(env.maxDryBulb), m_supplyMinC);
    m_maxDewPointC = units::toCelsius(env.maxDewPoint);
    m_hasMinDewPoint = env.minDewPoint.has_value();
    m_minDewPointC = m_hasMinDewPoint ? units::toCelsius(*env.minDewPoint) : -100.0;
    m_minRh = env.minRelativeHumidity;
    m_maxRh = env.maxRelativeHumidity;
    m_humidify = env.humidify;
    m_deltaK = cooling.supplyReturnDelta.value();
    m_pwsSupplyMin = psychro::saturationVapourPressurePa(m_supplyMinC);
    m_pwsSupplyMax = psychro::saturationVapourPressurePa(m_supplyMaxC);
    m_pwsMaxDew = psychro::saturationVapourPressurePa(m_maxDewPointC);
    m_pwsMinDew = m_hasMinDewPoint ? psychro::saturationVapourPressurePa(m_minDewPointC) : 0.0;
    m_evapEffectiveness = std::clamp(cooling.evaporativeEffectiveness, 0.0, 1.0);
    m_indirectEffectiveness = std::clamp(cooling.indirectEffectiveness, 0.0, 1.0);
    m_towerApproachK = cooling.towerApproach.value();
    // Blowdown B = E / (C - 1): the reader refuses C <= 1.
    m_cycles = cooling.cyclesOfConcentration;
    m_driftFraction = std::max(cooling.driftFraction, 0.0);
    m_chilledWaterC = units::toCelsius(cooling.chilledWaterSupply);
    // Constant Carnot fraction: COP = eta T_evap / lift (Gordon & Ng 2000), eta from the
    // design point COP_d at lift_d with the design evaporating temperature.
    const double designLiftK = cooling.chillerDesignLift.value();
    m_carnotFraction =
        cooling.chillerCopAtDesign * designLiftK / (m_chilledWaterC - kEvaporatorBelowK + kKelvin);

    // Design fan power: design airflow (m = Q / (cp dT), volume at the design supply state)
    // times the design specific fan power (above 0: the reader refuses 0).
    const double sfpWPerM3s = cooling.designSpecificFanPower.value();
    const double designMassKgPerS = designAirHeatKw * 1e3 / (kCpAir * m_deltaK);
    const double designDensity =
        psychro::moistAirDensityKgPerM3(m_supplyMaxC, 0.008, psychro::standardPressurePa(0.0));
    m_designFanKw = sfpWPerM3s * (designMassKgPerS / designDensity) / 1e3;

    m_hasLiquid = cooling.liquid.has_value() && designLiquidHeatKw > 0.0;
    if (cooling.liquid) {
        m_liquidSupplyC = units::toCelsius(cooling.liquid->facilitySupply);
        m_liquidApproachK = cooling.liquid->dryCoolerApproach.value();
        m_adiabaticAboveC = units::toCelsius(cooling.liquid->adiabaticAbove);
        m_liquidPumpKwPerKw = cooling.liquid->pumpWPerKw / 1e3;
    } else {
        // No liquid loop: these figures are never read (m_hasLiquid is false).
        m_liquidSupplyC = 0.0;
        m_liquidApproachK = 0.0;
        m_adiabaticAboveC = 0.0;
        m_liquidPumpKwPerKw = 0.0;
    }
}

double CoolingPlant::chillerCop(double evaporatingC, double sinkC, bool waterCooled) const {
    const double condensingC = sinkC + (waterCooled ? kCondenserAboveWaterK : kCondenserAboveAirK);
    const double liftK = std::max(condensingC - evaporatingC, kMinLiftK);
    return std::min(m_carnotFraction * (evaporatingC + kKelvin) / liftK, kMaxCop);
}

double CoolingPlant::fanKw(double heatKw) const {
    return m_designAirHeatKw > 0.0 ? affinity(m_designFanKw, heatKw / m_designAirHeatKw) : 0.0;
}

void CoolingPlant::addTrim(double dutyKw, double sinkC, CoolingHour& out) const {
    if (dutyKw <= 0.0) {
        return;
    }
    // Air-cooled trim chiller (the backup of the air-side designs) on a chilled-water coil.
    const double cop = chillerCop(m_chilledWaterC - kEvaporatorBelowK, sinkC, false);
    const double compressorKw = dutyKw / cop;
    out.compressorKw += compressorKw;
    out.mechanicalDutyKw += dutyKw;
    out.pumpKw += kChilledWaterPumpKwPerKw * dutyKw;
    const double rejectedKw = dutyKw + compressorKw;
    const double fraction = m_designAirHeatKw > 0.0 ? rejectedKw / m_designAirHeatKw : 0.0;
    out.heatRejectionKw +=
        kCondenserFanKwPerKw * m_designAirHeatKw * fraction * fraction * fraction;
}

void CoolingPlant::addEvaporation(double massFlowKgPerS, double deltaW, CoolingHour& out) const {
    if (massFlowKgPerS <= 0.0 || deltaW <= 0.0) {
        return;
    }
    // Evaporation = dry-air mass flow x rise of humidity ratio (kg/s -> L/h at 1 kg/L).
    const double evaporationL = massFlowKgPerS * deltaW * kSecondsPerHour;
    out.evaporative = true;
    out.evaporationL += evaporationL;
    // Sump bleed keeps dissolved solids at the design cycles: B = E / (C - 1).
    out.blowdownL += evaporationL / (m_cycles - 1.0);
}

void CoolingPlant::airsideEconomizer(const OutdoorState& o, double heatKw, CoolingHour& out) const {
    const double massKgPerS = heatKw * 1e3 / (kCpAir * m_deltaK); // m = Q / (cp dT)
    const double t = o.dryBulbC;
    const double w = o.humidityRatio;
    const double p = o.pressurePa;
    const double wMaxDew = humidityRatio(m_pwsMaxDew, p);
    const double wMinDew = m_hasMinDewPoint ? humidityRatio(m_pwsMinDew, p) : 0.0;
    out.fanKw = fanKw(heatKw);

    if (t < m_supplyMinC) {
        // Mix outdoor and return air to the minimum supply: f t_o + (1 - f) t_r = t_s with
        // t_r = t_s + dT gives f = dT / (t_s + dT - t_o). Supply W = outdoor W.
        out.mode = CoolingMode::Recirculation;
        const double outdoorFraction = m_deltaK / (m_supplyMinC + m_deltaK - t);
        const double wHigh = std::min(wMaxDew, humidityRatio(m_maxRh * m_pwsSupplyMin, p));
        const double wLow = std::max(wMinDew, humidityRatio(m_minRh * m_pwsSupplyMin, p));
        if (w > wHigh) {
            out.outsideEnvelope = EnvelopeExcursion::TooHumid;
        } else if (w < wLow) {
            if (m_humidify) {
                // Only the outdoor share leaves with exhaust: make up its moisture deficit.
                out.humidificationL = outdoorFraction * massKgPerS * (wLow - w) * kSecondsPerHour;
            } else {
                out.outsideEnvelope = EnvelopeExcursion::TooDry;
            }
        }
        return;
    }

    const double hOutdoor = enthalpy(t, w);
    if (t <= m_supplyMaxC) {
        // 100 % outside air; supply state = outdoor state.
        out.mode = CoolingMode::FreeCooling;
        const bool tooHumid = w > wMaxDew || o.relativeHumidity > m_maxRh;
        const bool tooDry = (m_hasMinDewPoint && w < wMinDew) || o.relativeHumidity < m_minRh;
        if (tooHumid) {
            // Dehumidify outdoor air on the coil to the limit (latent load m (h_o - h_s)),
            // unless recirculating with the coil carrying the whole heat is cheaper.
            const double pws = psychro::saturationVapourPressurePa(t);
            const double wTarget = std::min(wMaxDew, humidityRatio(m_maxRh * pws, p));
            const double coilKw = massKgPerS * (hOutdoor - enthalpy(t, wTarget)) / 1e3;
            if (coilKw < heatKw) {
                out.mode = CoolingMode::PartialMechanical;
                addTrim(coilKw, t, out);
            } else {
                out.mode = CoolingMode::Mechanical;
                addTrim(heatKw, t, out);
            }
        } else if (tooDry) {
            if (m_humidify) {
                const double pws = psychro::saturationVapourPressurePa(t);
                const double wLow = std::max(wMinDew, humidityRatio(m_minRh * pws, p));
                out.humidificationL = massKgPerS * std::max(wLow - w, 0.0) * kSecondsPerHour;
            } else {
                out.outsideEnvelope = EnvelopeExcursion::TooDry;
            }
        }
        return;
    }

    // Hot hour: evaporate toward the maximum supply, trim the rest, or recirculate.
    const double ts = m_supplyMaxC;
    const double wHigh = std::min(wMaxDew, humidityRatio(m_maxRh * m_pwsSupplyMax, p));
    // Sensible + latent load of the recirculating alternative is the hall heat itself.
    const double recirculateKw = heatKw;
    double trimKw = 0.0;
    double deltaW = 0.0;
    if (w >= wHigh) {
        // Outdoor air already too humid to take water: coil on outdoor air to (ts, wHigh).
        trimKw = massKgPerS * (hOutdoor - enthalpy(ts, wHigh)) / 1e3;
    } else {
        // Direct evaporative cooler: t_out = t_db - eps (t_db - t_wb) at best.
        const double tEvapMin = t - m_evapEffectiveness * (t - o.wetBulbC);
        const double wAtTarget = adiabaticW(hOutdoor, std::max(tEvapMin, ts));
        const double wAfter = std::min(wAtTarget, wHigh);
        // Temperature on the adiabatic line at wAfter: eqn 30 solved for t.
        const double tAfter = (hOutdoor - kHfg0 * wAfter) / (kCpAir + kCpVapour * wAfter);
        deltaW = wAfter - w;
        trimKw = massKgPerS * (kCpAir + kCpVapour * wAfter) * std::max(tAfter - ts, 0.0) / 1e3;
    }
    if (trimKw <= 1e-12 && deltaW > 0.0) {
        out.mode = CoolingMode::Evaporative;
    } else if (trimKw < recirculateKw) {
        out.mode = CoolingMode::PartialMechanical;
    } else {
        // Dampers closed: the coil carries the hall heat, no outdoor air, no evaporation.
        out.mode = CoolingMode::Mechanical;
        trimKw = recirculateKw;
        deltaW = 0.0;
    }
    if (deltaW > 0.0) {
        addEvaporation(massKgPerS, deltaW, out);
        out.pumpKw += kEvaporativePumpKwPerKw * heatKw;
    }
    addTrim(trimKw, t, out);
}

void CoolingPlant::indirectEvaporative(const OutdoorState& o, double heatKw,
                                       CoolingHour& out) const {
    // Hall air loops through an air-to-air exchanger; scavenger (outdoor) air takes the heat,
    // evaporatively cooled first when needed. Supply held at the maximum, return = ts + dT.
    const double massKgPerS = heatKw * 1e3 / (kCpAir * m_deltaK);
    const double ts = m_supplyMaxC;
    const double tr = ts + m_deltaK;
    const double t = o.dryBulbC;
    const double eps = m_indirectEffectiveness;
    out.fanKw = fanKw(heatKw);
    if (eps <= 0.0 || t >= tr) {
        out.mode = CoolingMode::Mechanical;
        addTrim(heatKw, t, out);
        return;
    }
    // Exchanger: t_supply = t_r - eps (t_r - t_scavenger) (effectiveness-NTU, equal flows).
    const double tSupplyDry = tr - eps * (tr - t);
    if (tSupplyDry <= ts) {
        out.mode = t < m_supplyMinC ? CoolingMode::Recirculation : CoolingMode::FreeCooling;
        // Scavenger flow throttled to the needed share of its full duty.
        const double share = (tr - ts) / (eps * (tr - t));
        out.fanKw += fanKw(heatKw * share);
        return;
    }
    out.fanKw += fanKw(heatKw); // scavenger fans at full flow from here on
    const double hOutdoor = enthalpy(t, o.humidityRatio);
    const double tScavengerMin = t - m_evapEffectiveness * (t - o.wetBulbC);
    const double tSupplyWet = tr - eps * (tr - tScavengerMin);
    if (tSupplyWet <= ts) {
        out.mode = CoolingMode::Evaporative;
        const double tScavengerNeeded = tr - (tr - ts) / eps;
        addEvaporation(massKgPerS, adiabaticW(hOutdoor, tScavengerNeeded) - o.humidityRatio, out);
        out.pumpKw += kEvaporativePumpKwPerKw * heatKw;
        return;
    }
    const double trimKw = massKgPerS * kCpAir * (tSupplyWet - ts) / 1e3;
    if (trimKw < heatKw) {
        out.mode = CoolingMode::PartialMechanical;
        addEvaporation(massKgPerS, adiabaticW(hOutdoor, tScavengerMin) - o.humidityRatio, out);
        out.pumpKw += kEvaporativePumpKwPerKw * heatKw;
        addTrim(trimKw, t, out);
    } else {
        out.mode = CoolingMode::Mechanical;
        addTrim(heatKw, t, out);
    }
}

void CoolingPlant::chilledWater(const OutdoorState& o, double heatKw, bool towers,
                                CoolingHour& out) const {
    // CRAH/fan-wall air side; chilled water at m_chilledWaterC, returning kChilledWaterDeltaK
    // warmer. The economizer (tower water or a dry cooler) precools the return water through
    // a plate exchanger; the chiller takes what is left.
    out.fanKw = fanKw(heatKw);
    const double sinkC = towers ? o.wetBulbC + m_towerApproachK // tower leaving water
                                : o.dryBulbC + kDryEconomizerApproachK;
    const double precoolC = sinkC + (towers ? kEconomizerHxApproachK : 0.0);
    const double supplyC = m_chilledWaterC;
    const double returnC = m_chilledWaterC + kChilledWaterDeltaK;
    double chillerDutyKw = 0.0;
    if (precoolC <= supplyC) {
        out.mode = CoolingMode::FreeCooling;
    } else if (precoolC < returnC) {
        out.mode = CoolingMode::PartialMechanical;
        chillerDutyKw = heatKw * (precoolC - supplyC) / (returnC - supplyC);
    } else {
        out.mode = CoolingMode::Mechanical;
        chillerDutyKw = heatKw;
    }
    double compressorKw = 0.0;
    if (chillerDutyKw > 0.0) {
        const double sinkForChiller = towers ? sinkC : o.dryBulbC;
        compressorKw =
            chillerDutyKw / chillerCop(supplyC - kEvaporatorBelowK, sinkForChiller, towers);
    }
    out.compressorKw += compressorKw;
    out.mechanicalDutyKw += chillerDutyKw;
    const double rejectedKw = heatKw + compressorKw;
    const double designRejectedKw = kDesignRejectionFactor * m_designAirHeatKw;
    const double fraction = designRejectedKw > 0.0 ? rejectedKw / designRejectedKw : 0.0;
    out.pumpKw += kChilledWaterPumpKwPerKw * heatKw;
    if (towers) {
        out.pumpKw += kCondenserPumpKwPerKw * rejectedKw;
        out.heatRejectionKw += affinity(kTowerFanKwPerKw * designRejectedKw, fraction);
        // Towers: evaporation = heat rejected / latent heat; blowdown E / (C - 1); drift a
        // fraction of the circulating water, m_w = Q / (cp_w range).
        const double evaporationL = rejectedKw * 1e3 / kHfgTower * kSecondsPerHour;
        const double circulatingL = rejectedKw * 1e3 / (kCpWater * kTowerRangeK) * kSecondsPerHour;
        out.evaporative = rejectedKw > 0.0;
        out.evaporationL += evaporationL;
        out.blowdownL += evaporationL / (m_cycles - 1.0);
        out.driftL += m_driftFraction * circulatingL;
    } else {
        const double fanDesignKw =
            (chillerDutyKw > 0.0 ? kCondenserFanKwPerKw : kDryCoolerFanKwPerKw) * designRejectedKw;
        out.heatRejectionKw += affinity(fanDesignKw, fraction);
    }
}

void CoolingPlant::liquidLoop(const OutdoorState& o, double heatKw, CoolingHour& out) const {
    // Direct-to-chip loop at the facility supply temperature, rejected by dry coolers whose
    // leaving fluid is approach above the (adiabatically precooled) air.
    const double t = o.dryBulbC;
    const double supplyC = m_liquidSupplyC;
    const double airMassKgPerS = heatKw * 1e3 / (kCpAir * kDryCoolerAirRiseK);
    const double designFanKw = kDryCoolerFanKwPerKw * m_designLiquidHeatKw;
    const double loadFraction = heatKw / m_designLiquidHeatKw;
    out.pumpKw += m_liquidPumpKwPerKw * heatKw;
    CoolingMode mode = CoolingMode::FreeCooling;
    double airInC = t;
    if (t + m_liquidApproachK <= supplyC) {
        // Dry: fans slow down as the air gets colder than it needs to be.
        // (With a zero approach the air can sit exactly at the supply: full speed.)
        const double speed = t < supplyC ? std::min(1.0, m_liquidApproachK / (supplyC - t)) : 1.0;
        out.heatRejectionKw += affinity(designFanKw, loadFraction * speed);
        out.mode = std::max(out.mode, mode);
        return;
    }
    out.heatRejectionKw += affinity(designFanKw, loadFraction);
    if (t > m_adiabaticAboveC) {
        const double hOutdoor = enthalpy(t, o.humidityRatio);
        const double airMinC = t - m_evapEffectiveness * (t - o.wetBulbC);
        airInC = std::max(airMinC, supplyC - m_liquidApproachK);
        addEvaporation(airMassKgPerS, adiabaticW(hOutdoor, airInC) - o.humidityRatio, out);
        mode = CoolingMode::Evaporative;
    }
    const double leavingC = airInC + m_liquidApproachK;
    if (leavingC > supplyC) {
        // Trim chiller cools the loop from leavingC to the supply: Q (dT_trim / dT_loop).
        const double dutyKw = std::min(heatKw * (leavingC - supplyC) / kLiquidLoopDeltaK, heatKw);
        const double cop = chillerCop(supplyC - kEvaporatorBelowK, t, false);
        out.compressorKw += dutyKw / cop;
        out.mechanicalDutyKw += dutyKw;
        mode = dutyKw < heatKw ? CoolingMode::PartialMechanical : CoolingMode::Mechanical;
    }
    out.mode = std::max(out.mode, mode);
}

CoolingHour CoolingPlant::evaluate(const OutdoorState& outdoor, double airHeatKw,
                                   double liquidHeatKw) const {
    CoolingHour out;
    if (airHeatKw > 0.0) {
        switch (m_design) {
        case CoolingDesign::AirsideEconomizerEvaporative:
            airsideEconomizer(outdoor, airHeatKw, out);
            break;
        case CoolingDesign::IndirectEvaporative:
            indirectEvaporative(outdoor, airHeatKw, out);
            break;
        case CoolingDesign::ChilledWaterTowers:
            chilledWater(outdoor, airHeatKw, true, out);
            break;
        case CoolingDesign::AirCooledChillers:
            chilledWater(outdoor, airHeatKw, false, out);
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
