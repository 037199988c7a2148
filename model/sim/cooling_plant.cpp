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
    m_dewAtMaxRhSupplyMaxC = psychro::dewPointFromVapourPressure(m_maxRh * m_pwsSupplyMax);
    m_evapEffectiveness = std::clamp(cooling.evaporativeEffectiveness, 0.0, 1.0);
    m_indirectEffectiveness = std::clamp(cooling.indirectEffectiveness, 0.0, 1.0);
    m_towerApproachK = cooling.towerApproach.value();
    // Blowdown B = E / (C - 1): the reader refuses C <= 1.
    m_cycles = cooling.cyclesOfConcentration;
    m_driftFraction = std::max(cooling.driftFraction, 0.0);
    // Design fan power: design airflow (m = Q / (cp dT), volume at the design supply state)
    // times the design specific fan power (above 0: the reader refuses 0).
    const double sfpWPerM3s = cooling.designSpecificFanPower.value();
    const double designMassKgPerS = designAirHeatKw * 1e3 / (kCpAir * m_deltaK);
    const double designDensity =
        psychro::moistAirDensityKgPerM3(m_supplyMaxC, 0.008, psychro::standardPressurePa(0.0));
    m_designFanKw = sfpWPerM3s * (designMassKgPerS / designDensity) / 1e3;
    m_inverseDesignAirHeatKw = designAirHeatKw > 0.0 ? 1.0 / designAirHeatKw : 0.0;
    m_designFanRiseK = m_deltaK * m_designFanKw * m_inverseDesignAirHeatKw; // fanRiseK
    // Heat rejection is sized for the design coil load (hall and fan heat) and the compressor
    // heat at a design COP of about 4.
    m_designRejectedKw = kDesignRejectionFactor * (designAirHeatKw + m_designFanKw);

    // Chilled water: a fixed supply temperature when the site gives one, else reset from the
    // supply-air limit through the coil (chilledWaterC).
    m_fixedChilledWater = cooling.chilledWaterSupply.has_value();
    m_chilledWaterC = m_fixedChilledWater ? units::toCelsius(*cooling.chilledWaterSupply) : 0.0;
    m_inverseCoilEffectiveness = 1.0 / std::clamp(cooling.coilEffectiveness, 0.05, 1.0);
    // Constant Carnot fraction: COP = eta T_evap / lift (Gordon & Ng 2000), eta from the
    // design point COP_d at lift_d with the design evaporating temperature.
    const double designLiftK = cooling.chillerDesignLift.value();
    const double designCop = cooling.chillerCopAtDesign;
    const double designChilledC = chilledWaterC(m_designFanRiseK);
    m_carnotFraction = designCop * designLiftK / (designChilledC - kEvaporatorBelowK + kKelvin);

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
    return affinity(m_designFanKw, heatKw * m_inverseDesignAirHeatKw);
}

double CoolingPlant::fanRiseK(double heatKw) const {
    // Fan heat. The fan-wall motors sit in the air they move, so their whole electrical input
    // ends as sensible heat in the supply air (ASHRAE Handbook - Fundamentals 2017, ch. 18,
    // "Electric motors": motor and driven equipment both in the air stream). The sensible
    // heat of air, q = m cp dT (ch. 1), with the IT's airflow m = Q / (cp dT_IT) gives the
    // rise dT_fan = P_fan / (m cp) = dT_IT P_fan / Q: 0.6 K when the fans draw 5 % of the
    // heat of a hall with a 12 K rise. With P_fan = P_d f^3 at the load fraction f = Q / Q_d
    // (fanKw), dT_fan = (dT_IT P_d / Q_d) f^2.
    const double f = heatKw * m_inverseDesignAirHeatKw;
    return m_designFanRiseK * f * f;
}

double CoolingPlant::chilledWaterC(double fanRiseK) const {
    if (m_fixedChilledWater) {
        return m_chilledWaterC;
    }
    // Chilled-water reset from the supply-air limit. The coil (draw-through: the fans sit
    // after it) takes return air at t_ra = t_s,max + dT down to t_s,max - dT_fan, and the
    // water need be no colder than that takes. Air is the smaller capacity stream (a 12 K
    // air rise against a 6 K water rise), so the coil effectiveness is
    // e = (t_ra - t_coil) / (t_ra - t_chws) (effectiveness-NTU, ASHRAE HoF 2017 ch. 4) and
    // t_chws = t_ra - (t_ra - t_coil) / e. This is the chilled-water supply reset of
    // ASHRAE 90.1-2016 s6.5.4.4, driven by the one load the water serves; e is the CRAH coil
    // effectiveness of Lei & Masanet's data-centre model (2022, 0.65-0.9).
    return m_supplyMaxC + m_deltaK - (m_deltaK + fanRiseK) * m_inverseCoilEffectiveness;
}

double CoolingPlant::dehumidifyingCoilKw(const OutdoorState& o, double massKgPerS, double wTarget,
                                         double dewC, double riseK) const {
    // A coil dries air only by cooling it to the dew point of the humidity it must reach
    // (the air leaves it saturated: the coil's apparatus dew point, ASHRAE HoF 2017 ch. 1).
    // Return air, as dry as the supply since the hall adds no moisture, is mixed in after
    // the coil to bring the supply back to its maximum less the fans' rise:
    // f t_dp + (1 - f) t_r = t_s - dT_fan with t_r = t_s + dT, so only the outdoor share
    // f = (dT + dT_fan) / (t_s + dT - t_dp) passes the coil, whose load is f m (h_o - h_dp).
    const double share =
        std::min(1.0, (m_deltaK + riseK) / std::max(m_supplyMaxC + m_deltaK - dewC, 1e-9));
    const double hOutdoor = enthalpy(o.dryBulbC, o.humidityRatio);
    return share * massKgPerS * std::max(hOutdoor - enthalpy(dewC, wTarget), 0.0) / 1e3;
}

void CoolingPlant::addTrim(double dutyKw, const OutdoorState& o, double fanRiseK,
                           CoolingHour& out) const {
    if (dutyKw <= 0.0) {
        return;
    }
    const double chilledC = chilledWaterC(fanRiseK);
    // The trim chiller of the air-side designs, on a chilled-water coil: air-cooled, or
    // water-cooled on cooling towers (LBNL 2024 tabulates both behind an airside economizer).
    const bool waterCooled = m_design == CoolingDesign::AirsideEconomizerWaterCooledChillers;
    const double sinkC = waterCooled ? o.wetBulbC + m_towerApproachK : o.dryBulbC;
    const double compressorKw =
        dutyKw / chillerCop(chilledC - kEvaporatorBelowK, sinkC, waterCooled);
    out.compressorKw += compressorKw;
    out.mechanicalDutyKw += dutyKw;
    out.pumpKw += kChilledWaterPumpKwPerKw * dutyKw;
    const double rejectedKw = dutyKw + compressorKw;
    if (waterCooled) {
        addTowers(rejectedKw, out);
        return;
    }
    const double fraction = m_designAirHeatKw > 0.0 ? rejectedKw / m_designAirHeatKw : 0.0;
    out.heatRejectionKw +=
        kCondenserFanKwPerKw * m_designAirHeatKw * fraction * fraction * fraction;
}

void CoolingPlant::addTowers(double rejectedKw, CoolingHour& out) const {
    if (rejectedKw <= 0.0) {
        return;
    }
    const double fraction = m_designRejectedKw > 0.0 ? rejectedKw / m_designRejectedKw : 0.0;
    out.pumpKw += kCondenserPumpKwPerKw * rejectedKw;
    out.heatRejectionKw += affinity(kTowerFanKwPerKw * m_designRejectedKw, fraction);
    // Towers: evaporation = heat rejected / latent heat; blowdown E / (C - 1); drift a
    // fraction of the circulating water, m_w = Q / (cp_w range).
    const double evaporationL = rejectedKw * 1e3 / kHfgTower * kSecondsPerHour;
    const double circulatingL = rejectedKw * 1e3 / (kCpWater * kTowerRangeK) * kSecondsPerHour;
    out.evaporative = true;
    out.evaporationL += evaporationL;
    out.blowdownL += evaporationL / (m_cycles - 1.0);
    out.driftL += m_driftFraction * circulatingL;
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

CoolingPlant::AirLoad CoolingPlant::airLoad(double airHeatKw) const {
    AirLoad air;
    air.heatKw = airHeatKw;
    air.massKgPerS = airHeatKw * 1e3 / (kCpAir * m_deltaK); // m = Q / (cp dT)
    air.fanKw = fanKw(airHeatKw);
    air.riseK = fanRiseK(airHeatKw);
    // Warming by the fans lowers the relative humidity by p_ws(t_o) / p_ws(t_s), a factor
    // within exp(-0.12 dT_fan) (d ln p_ws / dT < 0.12 /K above -50 degC, HoF ch. 1).
    air.dryScreenFactor = std::exp(0.12 * air.riseK);
    return air;
}

CoolingPlant::PressureTerms CoolingPlant::pressureTerms(double p) const {
    PressureTerms terms;
    terms.pressurePa = p;
    terms.wMaxDew = humidityRatio(m_pwsMaxDew, p);
    terms.wMinDew = m_hasMinDewPoint ? humidityRatio(m_pwsMinDew, p) : 0.0;
    terms.wHighAtMin = std::min(terms.wMaxDew, humidityRatio(m_maxRh * m_pwsSupplyMin, p));
    terms.wLowAtMin = std::max(terms.wMinDew, humidityRatio(m_minRh * m_pwsSupplyMin, p));
    terms.wHighAtMax = std::min(terms.wMaxDew, humidityRatio(m_maxRh * m_pwsSupplyMax, p));
    return terms;
}

void CoolingPlant::airsideEconomizer(const OutdoorState& o, const AirLoad& air,
                                     const PressureTerms& pressure, CoolingHour& out) const {
    const double heatKw = air.heatKw;
    const double massKgPerS = air.massKgPerS;
    const double t = o.dryBulbC;
    const double w = o.humidityRatio;
    const double p = o.pressurePa;
    const double wMaxDew = pressure.wMaxDew;
    const double wMinDew = pressure.wMinDew;
    out.fanKw = air.fanKw;
    // The fans sit after the dampers, media and coil and warm the air by riseK (no moisture):
    // what those deliver must be the envelope's limits less the rise.
    const double riseK = air.riseK;
    // A coil that recirculates carries the hall's heat and the fans'.
    const double recirculateKw = heatKw + out.fanKw;

    if (t + riseK < m_supplyMinC) {
        // Mix outdoor and return air so that the fans bring it to the minimum supply:
        // f t_o + (1 - f) t_r = t_s - dT_fan with t_r = t_s + dT gives
        // f = (dT + dT_fan) / (t_s + dT - t_o). Supply W = outdoor W.
        out.mode = CoolingMode::Recirculation;
        const double outdoorFraction = (m_deltaK + riseK) / (m_supplyMinC + m_deltaK - t);
        const double wHigh = pressure.wHighAtMin;
        const double wLow = pressure.wLowAtMin;
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
    const double supplyC = t + riseK;
    if (supplyC <= m_supplyMaxC) {
        // 100 % outside air; supply = outdoor air warmed by the fans. Its relative humidity
        // is taken at the supply temperature.
        out.mode = CoolingMode::FreeCooling;
        // The supply's saturation pressure is computed only in hours near an RH limit
        // (the fans' warming lowers the relative humidity by at most air.dryScreenFactor).
        const bool nearRhLimit =
            o.relativeHumidity > m_maxRh || o.relativeHumidity < m_minRh * air.dryScreenFactor;
        double wHigh = wMaxDew;
        double wLow = wMinDew;
        double pwsSupply = 0.0;
        if (nearRhLimit) {
            pwsSupply = psychro::saturationVapourPressurePa(supplyC);
            wHigh = std::min(wHigh, humidityRatio(m_maxRh * pwsSupply, p));
            wLow = std::max(wLow, humidityRatio(m_minRh * pwsSupply, p));
        }
        if (w > wHigh) {
            // Dehumidify outdoor air on the coil to the limit, unless recirculating with the
            // coil carrying the whole heat is cheaper. The limit's dew point: the dew-point
            // maximum's, or that of the relative-humidity maximum's vapour pressure.
            const double dewC = wHigh < wMaxDew
                                    ? psychro::dewPointFromVapourPressure(m_maxRh * pwsSupply)
                                    : m_maxDewPointC;
            const double coilKw = dehumidifyingCoilKw(o, massKgPerS, wHigh, dewC, riseK);
            if (coilKw < recirculateKw) {
                out.mode = CoolingMode::PartialMechanical;
                addTrim(coilKw, o, riseK, out);
            } else {
                out.mode = CoolingMode::Mechanical;
                addTrim(recirculateKw, o, riseK, out);
            }
        } else if (w < wLow) {
            if (m_humidify) {
                out.humidificationL = massKgPerS * (wLow - w) * kSecondsPerHour;
            } else {
                out.outsideEnvelope = EnvelopeExcursion::TooDry;
            }
        }
        return;
    }

    // Hot hour: evaporate toward the maximum supply (less the fans' rise), trim the rest, or
    // recirculate.
    const double ts = m_supplyMaxC - riseK;
    const double wHigh = pressure.wHighAtMax;
    double trimKw = 0.0;
    double deltaW = 0.0;
    if (w >= wHigh) {
        // Outdoor air already too humid to take water: the coil dries it.
        trimKw = dehumidifyingCoilKw(
            o, massKgPerS, wHigh, wHigh < wMaxDew ? m_dewAtMaxRhSupplyMaxC : m_maxDewPointC, riseK);
    } else {
        // Direct evaporative cooler: t_out = t_db - eps (t_db - t_wb) at best.
        const double tTarget = std::max(t - m_evapEffectiveness * (t - o.wetBulbC), ts);
        double tAfter = tTarget;
        double wAfter = adiabaticW(hOutdoor, tTarget);
        if (wAfter > wHigh) {
            // Stopped by the humidity limit: the temperature on the adiabatic line at wHigh
            // (eqn 30 solved for t).
            wAfter = wHigh;
            tAfter = (hOutdoor - kHfg0 * wAfter) / (kCpAir + kCpVapour * wAfter);
        }
        deltaW = wAfter - w;
        trimKw = massKgPerS * (kCpAir + kCpVapour * wAfter) * std::max(tAfter - ts, 0.0) / 1e3;
    }
    if (trimKw <= 0.0 && deltaW > 0.0) {
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
    addTrim(trimKw, o, riseK, out);
}

void CoolingPlant::indirectEvaporative(const OutdoorState& o, const AirLoad& air,
                                       CoolingHour& out) const {
    // Hall air loops through an air-to-air exchanger; scavenger (outdoor) air takes the heat,
    // evaporatively cooled first when needed. Return air at the maximum supply + dT; the
    // exchanger delivers the maximum less the process fans' rise.
    const double heatKw = air.heatKw;
    const double massKgPerS = air.massKgPerS;
    const double processFanKw = air.fanKw;
    const double riseK = air.riseK;
    const double recirculateKw = heatKw + processFanKw;
    const double tr = m_supplyMaxC + m_deltaK;
    const double ts = m_supplyMaxC - riseK;
    const double t = o.dryBulbC;
    const double eps = m_indirectEffectiveness;
    out.fanKw = processFanKw;
    if (eps <= 0.0 || t >= tr) {
        out.mode = CoolingMode::Mechanical;
        addTrim(recirculateKw, o, riseK, out);
        return;
    }
    // Exchanger: t_supply = t_r - eps (t_r - t_scavenger) (effectiveness-NTU, equal flows).
    const double tSupplyDry = tr - eps * (tr - t);
    if (tSupplyDry <= ts) {
        out.mode = t < m_supplyMinC ? CoolingMode::Recirculation : CoolingMode::FreeCooling;
        // Scavenger flow throttled to the needed share of its full duty; its fans' heat
        // leaves with the scavenger air.
        const double share = (tr - ts) / (eps * (tr - t));
        out.fanKw += fanKw(heatKw * share);
        return;
    }
    out.fanKw += air.fanKw; // scavenger fans at full flow from here on
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
    if (trimKw < recirculateKw) {
        out.mode = CoolingMode::PartialMechanical;
        addEvaporation(massKgPerS, adiabaticW(hOutdoor, tScavengerMin) - o.humidityRatio, out);
        out.pumpKw += kEvaporativePumpKwPerKw * heatKw;
        addTrim(trimKw, o, riseK, out);
    } else {
        out.mode = CoolingMode::Mechanical;
        addTrim(recirculateKw, o, riseK, out);
    }
}

void CoolingPlant::chilledWater(const OutdoorState& o, const AirLoad& air, CoolingHour& out) const {
    // CRAH/fan-wall air side; the coil carries the hall heat and its fans' heat. Chilled water
    // at chilledWaterC(), returning kChilledWaterDeltaK warmer. The economizer (tower water
    // through a plate exchanger, or a dry cooler, adiabatically assisted or not) precools the
    // return water; the chiller takes what is left.
    out.fanKw = air.fanKw;
    const double loadKw = air.heatKw + out.fanKw;
    const double supplyC = chilledWaterC(air.riseK);
    const double returnC = supplyC + kChilledWaterDeltaK;
    const double t = o.dryBulbC;
    double dryCoolerAirC = t; // air entering the dry coolers, after any adiabatic precooling
    double sinkC = 0.0;       // water leaving the heat rejection
    double precoolC = 0.0;    // return water after the economizer
    switch (m_design) {
    case CoolingDesign::ChilledWaterTowers:
        sinkC = o.wetBulbC + m_towerApproachK;
        precoolC = sinkC + kEconomizerHxApproachK;
        break;
    case CoolingDesign::ChilledWaterAdiabaticDryCoolers: {
        // Dry coolers carry glycol (they stand in freezing air), kept out of the chilled
        // water by a plate exchanger, as the tower water is.
        const double dryRiseK = kDryEconomizerApproachK + kEconomizerHxApproachK;
        if (t + dryRiseK > supplyC) {
            // Adiabatic assist: pads wetted only as far as the economizer needs, at most to
            // the media's limit t_db - eps (t_db - t_wb) (the adiabatic-saturation line).
            const double airMinC = t - m_evapEffectiveness * (t - o.wetBulbC);
            dryCoolerAirC = std::max(airMinC, supplyC - dryRiseK);
        }
        sinkC = dryCoolerAirC + kDryEconomizerApproachK;
        precoolC = sinkC + kEconomizerHxApproachK;
        break;
    }
    default: // air-cooled chillers behind a dry economizer coil
        sinkC = t + kDryEconomizerApproachK;
        precoolC = sinkC;
        break;
    }
    double chillerDutyKw = 0.0;
    if (precoolC <= supplyC) {
        out.mode = CoolingMode::FreeCooling;
    } else if (precoolC < returnC) {
        out.mode = CoolingMode::PartialMechanical;
        chillerDutyKw = loadKw * (precoolC - supplyC) / (returnC - supplyC);
    } else {
        out.mode = CoolingMode::Mechanical;
        chillerDutyKw = loadKw;
    }
    double compressorKw = 0.0;
    if (chillerDutyKw > 0.0) {
        // Condenser on tower water, on the adiabatic dry coolers' fluid, or on outdoor air.
        const bool waterCooled = m_design != CoolingDesign::AirCooledChillers;
        compressorKw = chillerDutyKw / chillerCop(supplyC - kEvaporatorBelowK,
                                                  waterCooled ? sinkC : t, waterCooled);
    }
    out.compressorKw += compressorKw;
    out.mechanicalDutyKw += chillerDutyKw;
    const double rejectedKw = loadKw + compressorKw;
    const double fraction = m_designRejectedKw > 0.0 ? rejectedKw / m_designRejectedKw : 0.0;
    out.pumpKw += kChilledWaterPumpKwPerKw * loadKw;
    switch (m_design) {
    case CoolingDesign::ChilledWaterTowers:
        addTowers(rejectedKw, out);
        break;
    case CoolingDesign::ChilledWaterAdiabaticDryCoolers:
        out.pumpKw += kCondenserPumpKwPerKw * rejectedKw; // the glycol loop
        out.heatRejectionKw += affinity(kDryCoolerFanKwPerKw * m_designRejectedKw, fraction);
        if (dryCoolerAirC < t) {
            // Pad evaporation into the dry coolers' air, m_a = Q / (cp dT_air), on the
            // adiabatic line to the precooled temperature.
            const double airKgPerS = rejectedKw * 1e3 / (kCpAir * kDryCoolerAirRiseK);
            const double wetW = adiabaticW(enthalpy(t, o.humidityRatio), dryCoolerAirC);
            addEvaporation(airKgPerS, wetW - o.humidityRatio, out);
            out.pumpKw += kEvaporativePumpKwPerKw * rejectedKw;
            if (out.mode == CoolingMode::FreeCooling) {
                out.mode = CoolingMode::Evaporative;
            }
        }
        break;
    default: {
        const double fanDesignKw =
            (chillerDutyKw > 0.0 ? kCondenserFanKwPerKw : kDryCoolerFanKwPerKw) *
            m_designRejectedKw;
        out.heatRejectionKw += affinity(fanDesignKw, fraction);
        break;
    }
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
    return evaluate(outdoor, airLoad(airHeatKw), pressureTerms(outdoor.pressurePa), liquidHeatKw);
}

} // namespace headroom::model
