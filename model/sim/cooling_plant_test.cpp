#include "model/sim/cooling_plant.h"

#include "model/climate/psychrometrics.h"
#include "model/sim/sim_test_support.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

constexpr double kPa = 101325.0;

OutdoorState state(double dryBulbC, double dewPointC) {
    OutdoorState o;
    o.dryBulbC = dryBulbC;
    o.pressurePa = kPa;
    o.humidityRatio = psychro::humidityRatioFromDewPoint(dewPointC, kPa);
    o.wetBulbC = psychro::wetBulbFromHumidityRatio(dryBulbC, o.humidityRatio, kPa);
    o.relativeHumidity = psychro::relativeHumidityFromHumidityRatio(dryBulbC, o.humidityRatio, kPa);
    return o;
}

Cooling coolingOf(CoolingDesign design) {
    Cooling c = testing::indianaLikeSite(nullptr).cooling;
    c.design = design;
    return c;
}

constexpr double kHeatKw = 10000.0;

// Direct airside economizer, envelope 18-27 degC, dew point <= 24 degC, 8-85 % RH.
TEST(CoolingPlant, AirsideModesAtHandPickedStates) {
    const CoolingPlant plant(coolingOf(CoolingDesign::AirsideEconomizerEvaporative), kHeatKw, 0.0);
    {
        const CoolingHour h = plant.evaluate(state(-10.0, -20.0), kHeatKw, 0.0);
        EXPECT_EQ(h.mode, CoolingMode::Recirculation);
        EXPECT_EQ(h.waterL(), 0.0);
        EXPECT_EQ(h.compressorKw, 0.0);
        // ~5 % RH at 18 degC, below 8 %, no humidifier.
        EXPECT_EQ(h.outsideEnvelope, EnvelopeExcursion::TooDry);
    }
    {
        const CoolingHour h = plant.evaluate(state(22.0, 10.0), kHeatKw, 0.0);
        EXPECT_EQ(h.mode, CoolingMode::FreeCooling);
        EXPECT_EQ(h.waterL(), 0.0);
        EXPECT_GT(h.fanKw, 0.0);
    }
    {
        // Hot and dry (Twb ~18 degC): 85 % effective pad reaches ~20 degC, under 27.
        const CoolingHour h = plant.evaluate(state(32.0, 10.0), kHeatKw, 0.0);
        EXPECT_EQ(h.mode, CoolingMode::Evaporative);
        EXPECT_GT(h.evaporationL, 0.0);
        EXPECT_GT(h.blowdownL, 0.0);
        EXPECT_EQ(h.compressorKw, 0.0);
        EXPECT_TRUE(h.evaporative);
        // Evaporation = m (W_s - W_o): sensible heat of cooling the airflow m = Q / (cp dT)
        // from 32 degC to 27 degC less the fans' rise (which they add after the media:
        // dT_fan = dT P_fan / Q, about 1 K at the 1.2 kW/(m3/s) design) becomes latent heat,
        // so E ~ m cp (5 K + dT_fan) / h_fg.
        const double m = kHeatKw * 1e3 / (1006.0 * 12.0);
        const double fanRiseK = 12.0 * h.fanKw / kHeatKw;
        EXPECT_GT(fanRiseK, 0.9);
        EXPECT_LT(fanRiseK, 1.1);
        EXPECT_NEAR(h.evaporationL, m * 1006.0 * (5.0 + fanRiseK) / 2.45e6 * 3600.0,
                    0.03 * h.evaporationL);
    }
    {
        // Hot and humid: dew point 26 degC is above the 24 degC limit: no evaporation can help;
        // outside air at 35 degC is hotter than the 39 degC return? No, cooler: dehumidifying
        // coil on outside air vs recirculation, whichever loads the coil less.
        const CoolingHour h = plant.evaluate(state(35.0, 26.0), kHeatKw, 0.0);
        EXPECT_TRUE(h.mode == CoolingMode::Mechanical || h.mode == CoolingMode::PartialMechanical);
        EXPECT_EQ(h.waterL(), 0.0);
        EXPECT_GT(h.compressorKw, 0.0);
    }
    {
        // Hotter than the return air (27 + 12 = 39 degC) and humid: dampers closed; the
        // coil carries the hall's heat and the fans'.
        const CoolingHour h = plant.evaluate(state(42.0, 27.0), kHeatKw, 0.0);
        EXPECT_EQ(h.mode, CoolingMode::Mechanical);
        EXPECT_EQ(h.waterL(), 0.0);
        EXPECT_GT(h.fanKw, 0.05 * kHeatKw);
        EXPECT_NEAR(h.mechanicalDutyKw, kHeatKw + h.fanKw, 1e-9);
    }
    {
        // Hot, moderately humid: evaporation to the humidity limit, then trim.
        const CoolingHour h = plant.evaluate(state(36.0, 21.0), kHeatKw, 0.0);
        EXPECT_EQ(h.mode, CoolingMode::PartialMechanical);
        EXPECT_GT(h.evaporationL, 0.0);
        EXPECT_GT(h.compressorKw, 0.0);
        EXPECT_LT(h.mechanicalDutyKw, kHeatKw);
    }
}

// Cool, nearly saturated air recirculated to the 18 degC minimum holds more water than
// the envelope allows at 18 degC (85 % RH there is a 15.5 degC dew point): too humid, on
// the other side of the envelope from the too-dry winter hour above. 16 degC stays below
// the minimum with the fans' ~1 K rise.
TEST(CoolingPlant, ColdFogIsTooHumid) {
    const CoolingPlant plant(coolingOf(CoolingDesign::AirsideEconomizerEvaporative), kHeatKw, 0.0);
    const CoolingHour fog = plant.evaluate(state(16.0, 15.9), kHeatKw, 0.0);
    EXPECT_EQ(fog.mode, CoolingMode::Recirculation);
    EXPECT_EQ(fog.outsideEnvelope, EnvelopeExcursion::TooHumid);
    EXPECT_EQ(plant.evaluate(state(16.0, 10.0), kHeatKw, 0.0).outsideEnvelope,
              EnvelopeExcursion::Inside);
}

TEST(CoolingPlant, HumidifiesOnlyWhenAskedAndNeeded) {
    Cooling c = coolingOf(CoolingDesign::AirsideEconomizerEvaporative);
    c.envelope.humidify = true;
    c.envelope.minRelativeHumidity = 0.30;
    const CoolingPlant plant(c, kHeatKw, 0.0);
    const CoolingHour dry = plant.evaluate(state(-5.0, -20.0), kHeatKw, 0.0);
    EXPECT_GT(dry.humidificationL, 0.0);
    EXPECT_EQ(dry.outsideEnvelope, EnvelopeExcursion::Inside);
    const CoolingHour moist = plant.evaluate(state(10.0, 5.0), kHeatKw, 0.0);
    EXPECT_EQ(moist.humidificationL, 0.0);
}

TEST(CoolingPlant, IndirectEvaporativeModes) {
    const CoolingPlant plant(coolingOf(CoolingDesign::IndirectEvaporative), kHeatKw, 0.0);
    // Return 39 degC, 70 % exchanger: dry cooling holds 27 degC while t_o <= 39 - 12/0.7 = 21.9.
    EXPECT_EQ(plant.evaluate(state(20.0, 5.0), kHeatKw, 0.0).mode, CoolingMode::FreeCooling);
    EXPECT_EQ(plant.evaluate(state(20.0, 5.0), kHeatKw, 0.0).waterL(), 0.0);
    // Below the 18 degC supply minimum the exchanger is throttled: labelled recirculation.
    EXPECT_EQ(plant.evaluate(state(5.0, 0.0), kHeatKw, 0.0).mode, CoolingMode::Recirculation);
    EXPECT_LT(plant.evaluate(state(5.0, 0.0), kHeatKw, 0.0).fanKw,
              plant.evaluate(state(20.0, 5.0), kHeatKw, 0.0).fanKw);
    const CoolingHour wet = plant.evaluate(state(30.0, 10.0), kHeatKw, 0.0);
    EXPECT_EQ(wet.mode, CoolingMode::Evaporative);
    EXPECT_GT(wet.evaporationL, 0.0);
    const CoolingHour trim = plant.evaluate(state(34.0, 24.0), kHeatKw, 0.0);
    EXPECT_EQ(trim.mode, CoolingMode::PartialMechanical);
    EXPECT_GT(trim.compressorKw, 0.0);
}

TEST(CoolingPlant, ChilledWaterTowersAlwaysEvaporate) {
    const CoolingPlant plant(coolingOf(CoolingDesign::ChilledWaterTowers), kHeatKw, 0.0);
    // Tower water = Twb + 4 K; economizer through a 1.5 K exchanger; chilled water reset to
    // 39 - (12 + 1.0) / 0.8 = 22.7 degC, returning at 28.7 degC.
    const CoolingHour cold = plant.evaluate(state(5.0, 0.0), kHeatKw, 0.0);
    EXPECT_EQ(cold.mode, CoolingMode::FreeCooling);
    EXPECT_EQ(cold.compressorKw, 0.0);
    // Tower: evaporation = heat / h_fg, the heat being the hall's and the fans' (10 MW +
    // 0.85 MW) / 2.43 MJ/kg = 4.47 kg/s = 16,070 L/h.
    EXPECT_NEAR(cold.evaporationL, (kHeatKw + cold.fanKw) * 1e3 / 2.43e6 * 3600.0, 1e-6);
    EXPECT_NEAR(cold.blowdownL, cold.evaporationL / 3.0, 1e-6); // 4 cycles
    // Few cycles, as given (B = E / (C - 1) = 5 E at 1.2; no floor hides them).
    Cooling few = coolingOf(CoolingDesign::ChilledWaterTowers);
    few.cyclesOfConcentration = 1.2;
    const CoolingHour hard =
        CoolingPlant(few, kHeatKw, 0.0).evaluate(state(5.0, 0.0), kHeatKw, 0.0);
    EXPECT_NEAR(hard.blowdownL, 5.0 * hard.evaporationL, 1e-6);
    EXPECT_GT(cold.driftL, 0.0);
    const CoolingHour hot = plant.evaluate(state(33.0, 23.0), kHeatKw, 0.0);
    EXPECT_EQ(hot.mode, CoolingMode::Mechanical);
    EXPECT_GT(hot.evaporationL, cold.evaporationL); // compressor heat rejected too
    // Twb 14.3 degC: tower water 18.3, precooled return 19.8 degC, under the 22.7 supply.
    EXPECT_EQ(plant.evaluate(state(18.0, 12.0), kHeatKw, 0.0).mode, CoolingMode::FreeCooling);
    // Twb 20.6 degC: precooled return 26.1 degC, between supply and return.
    const CoolingHour mild = plant.evaluate(state(24.0, 19.0), kHeatKw, 0.0);
    EXPECT_EQ(mild.mode, CoolingMode::PartialMechanical);
}

TEST(CoolingPlant, AirCooledChillersNeverUseWater) {
    const CoolingPlant plant(coolingOf(CoolingDesign::AirCooledChillers), kHeatKw, 0.0);
    for (double t = -30.0; t <= 48.0; t += 2.0) {
        const CoolingHour h = plant.evaluate(state(t, std::min(t - 3.0, 28.0)), kHeatKw, 0.0);
        EXPECT_EQ(h.waterL(), 0.0) << t;
        EXPECT_FALSE(h.evaporative) << t;
    }
    EXPECT_EQ(plant.evaluate(state(0.0, -5.0), kHeatKw, 0.0).mode, CoolingMode::FreeCooling);
    EXPECT_EQ(plant.evaluate(state(35.0, 20.0), kHeatKw, 0.0).mode, CoolingMode::Mechanical);
}

// The LBNL 2024 airside design with a water-cooled trim chiller: the same modes and media
// water as the air-cooled twin, plus tower water for the trim's heat, and a better COP.
TEST(CoolingPlant, AirsideWaterCooledTrimEvaporatesInTowers) {
    const CoolingPlant air(coolingOf(CoolingDesign::AirsideEconomizerEvaporative), kHeatKw, 0.0);
    const CoolingPlant water(coolingOf(CoolingDesign::AirsideEconomizerWaterCooledChillers),
                             kHeatKw, 0.0);
    const CoolingHour mild = water.evaluate(state(22.0, 10.0), kHeatKw, 0.0);
    EXPECT_EQ(mild.mode, CoolingMode::FreeCooling);
    EXPECT_EQ(mild.waterL(), 0.0); // no trim, no tower water
    // Hot and humid (dew point 26 degC over the 24 degC limit): the coil dries the air.
    const CoolingHour a = air.evaluate(state(35.0, 26.0), kHeatKw, 0.0);
    const CoolingHour w = water.evaluate(state(35.0, 26.0), kHeatKw, 0.0);
    EXPECT_EQ(a.mode, w.mode);
    EXPECT_NEAR(a.mechanicalDutyKw, w.mechanicalDutyKw, 1e-9);
    EXPECT_EQ(a.waterL(), 0.0);
    EXPECT_LT(w.compressorKw, a.compressorKw); // condensing on tower water, not 35 degC air
    // Tower evaporation = (duty + compressor heat) / h_fg.
    EXPECT_NEAR(w.evaporationL, (w.mechanicalDutyKw + w.compressorKw) * 1e3 / 2.43e6 * 3600.0,
                1e-6 * w.evaporationL);
    EXPECT_GT(w.driftL, 0.0);
}

// Chilled water on dry coolers with adiabatic assist: dry while the air is cold enough,
// pads wetted only as far as needed, chiller when even wet air is too warm.
TEST(CoolingPlant, AdiabaticDryCoolersWetOnlyWhenNeeded) {
    const CoolingPlant plant(coolingOf(CoolingDesign::ChilledWaterAdiabaticDryCoolers), kHeatKw,
                             0.0);
    // Chilled water reset to 22.7 degC; glycol leaves 6 K above the air, 1.5 K more across
    // the plate exchanger: dry free cooling up to 15.2 degC air.
    const CoolingHour cold = plant.evaluate(state(10.0, 0.0), kHeatKw, 0.0);
    EXPECT_EQ(cold.mode, CoolingMode::FreeCooling);
    EXPECT_EQ(cold.waterL(), 0.0);
    EXPECT_EQ(cold.compressorKw, 0.0);
    // 22 degC and dry (Twb ~12.6 degC): pads bring the air to 15.2 degC, no chiller.
    const CoolingHour dryWarm = plant.evaluate(state(22.0, 2.0), kHeatKw, 0.0);
    EXPECT_EQ(dryWarm.mode, CoolingMode::Evaporative);
    EXPECT_GT(dryWarm.evaporationL, 0.0);
    EXPECT_EQ(dryWarm.compressorKw, 0.0);
    // Wetting to the needed temperature only: more water at 26 degC than at 22 degC.
    const CoolingHour drier = plant.evaluate(state(26.0, 2.0), kHeatKw, 0.0);
    EXPECT_GT(drier.evaporationL, dryWarm.evaporationL);
    // 34 degC, dew point 24 degC (Twb ~26 degC): pads reach ~27 degC, the chiller trims.
    const CoolingHour hot = plant.evaluate(state(34.0, 24.0), kHeatKw, 0.0);
    EXPECT_EQ(hot.mode, CoolingMode::Mechanical);
    EXPECT_GT(hot.compressorKw, 0.0);
    EXPECT_GT(hot.evaporationL, 0.0);
    EXPECT_TRUE(hot.evaporative);
}

// Carnot-fraction COP (Gordon & Ng 2000): calibrated to COP 6 at 20 K lift, falls as the
// lift grows: COP(lift) = 6 x 20 / lift at the design evaporating temperature.
TEST(CoolingPlant, CopFallsWithLift) {
    Cooling c = coolingOf(CoolingDesign::ChilledWaterTowers);
    c.chilledWaterSupply = units::celsius(18.0); // fixed: the design evaporates at 15 degC
    const CoolingPlant plant(c, kHeatKw, 0.0);
    const double evap = 15.0; // 18 degC chilled water - 3 K
    // Water-cooled: condensing = sink + 7.5 K. Sink 27.5 -> lift 20 K -> COP 6.
    EXPECT_NEAR(plant.chillerCop(evap, 27.5, true), 6.0, 1e-9);
    EXPECT_NEAR(plant.chillerCop(evap, 37.5, true), 6.0 * 20.0 / 30.0, 1e-9);
    EXPECT_GT(plant.chillerCop(evap, 20.0, false), plant.chillerCop(evap, 35.0, false));
}

TEST(CoolingPlant, LiquidLoopDryThenAdiabatic) {
    Cooling c = coolingOf(CoolingDesign::AirCooledChillers);
    LiquidCooling liquid;
    liquid.itShare = 0.7;
    liquid.facilitySupply = units::celsius(32.0);
    liquid.dryCoolerApproach = units::kelvinDifference(5.0);
    liquid.adiabaticAbove = units::celsius(27.0);
    liquid.pumpWPerKw = 15.0; // the field table default, 1.5 %
    c.liquid = liquid;
    const CoolingPlant plant(c, 3000.0, 7000.0);
    const CoolingHour cool = plant.evaluate(state(20.0, 10.0), 3000.0, 7000.0);
    EXPECT_EQ(cool.waterL(), 0.0);
    EXPECT_GT(cool.pumpKw, 0.0);
    // 33 degC dry-bulb: 33 + 5 > 32, adiabatic assist needed; Twb ~21 degC reaches it.
    const CoolingHour hot = plant.evaluate(state(33.0, 15.0), 3000.0, 7000.0);
    EXPECT_GT(hot.evaporationL, 0.0);
    EXPECT_TRUE(hot.evaporative);
}

} // namespace
} // namespace headroom::model
