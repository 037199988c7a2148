#include "tests/support/sample_run_result.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numbers>

namespace headroom::testing {

namespace {

/// What the sample run assumed: sourced figures of its file and defaults it took.
model::Assumptions sampleAssumptions() {
    using model::AssumptionOrigin;
    static const model::Assumptions assumptions =
        std::make_shared<const std::vector<model::Assumption>>(std::vector<model::Assumption>{
            {"/grid/carbon_intensity", "0.4155 kg/kWh", "eGRID2023 RFCW [O] [epa-egrid-2023]",
             AssumptionOrigin::File},
            {"/grid/water_intensity", "2.2 L/kWh", "WRI via Li et al., Illinois 2.233 L/kWh [I]",
             AssumptionOrigin::File},
            {"/cooling/supply_air/max", "27 degC", "ASHRAE TC9.9 recommended 18-27 degC",
             AssumptionOrigin::File},
            {"/it/chip", "trainium2", "AWS Neuron documentation [O]", AssumptionOrigin::File},
            {"/electrical/ups/no_load", "1.5 %",
             "double-conversion UPS: 97.1 % at full load, 93.3 % at a quarter",
             AssumptionOrigin::Default},
            {"/electrical/pdu/square", "1.5 %", "conductor I^2 R loss at rated current",
             AssumptionOrigin::Default},
        });
    return assumptions;
}

/// A small deterministic generator, so that every run of a test sees the same year.
class Noise {
public:
    double next() { // uniform in [-1, 1)
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return static_cast<double>(m_state >> 11) / static_cast<double>(1ULL << 53) * 2.0 - 1.0;
    }

private:
    std::uint64_t m_state = 42;
};

} // namespace

model::RunResult makeSampleRunResult() {
    using model::CoolingMode;
    model::RunResult r;
    r.siteName = "Sample campus, St. Joseph County, Indiana";
    r.scenarioHash = "3f6a0c9e2b7d4e1f8a5c6b3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f";
    r.climateProvenance = "synthetic year for tests (South Bend-like)";

    const std::array<int, 12> daysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto& h = r.hourly;
    Noise noise;
    const double itDesignKw = 64000.0;
    for (int month = 1, doy = 0; month <= 12; ++month) {
        for (int day = 1; day <= daysInMonth[month - 1]; ++day, ++doy) {
            const double dayOffset = 3.0 * noise.next();
            for (int hour = 1; hour <= 24; ++hour) {
                h.month.push_back(static_cast<std::uint8_t>(month));
                h.day.push_back(static_cast<std::uint8_t>(day));
                h.hour.push_back(static_cast<std::uint8_t>(hour));
                // South Bend normals: about -4 degC in January, 23 degC in July.
                const double season =
                    10.0 - 13.5 * std::cos(2.0 * std::numbers::pi * (doy - 15.0) / 365.0);
                const double daily = 5.0 * std::cos(2.0 * std::numbers::pi * (hour - 15.0) / 24.0);
                const double db = season + daily + dayOffset + 1.0 * noise.next();
                const double depression = 5.0 + 4.0 * (daily + 5.0) / 10.0 + 2.0 * noise.next();
                const double dp = db - std::max(0.5, depression);
                h.dryBulbC.push_back(db);
                h.dewPointC.push_back(dp);
                h.wetBulbC.push_back(db - (db - dp) / 3.0); // rough: fine for a fixture

                const double it = itDesignKw * (0.85 + 0.05 * noise.next());
                CoolingMode mode = CoolingMode::Recirculation;
                if (db > 33.0) {
                    mode = CoolingMode::Mechanical;
                } else if (db > 29.0 || dp > 19.0) {
                    mode = CoolingMode::PartialMechanical;
                } else if (db > 22.0) {
                    mode = CoolingMode::Evaporative;
                } else if (db > 12.0) {
                    mode = CoolingMode::FreeCooling;
                }
                const double fan = 0.018 * it;
                const double compressor = mode == CoolingMode::Mechanical          ? 0.12 * it
                                          : mode == CoolingMode::PartialMechanical ? 0.05 * it
                                                                                   : 0.0;
                const double pump = mode >= CoolingMode::Evaporative ? 0.002 * it : 0.0;
                const double heatRejection = compressor > 0.0 ? 0.01 * it : 0.0;
                const double psu = 0.045 * it;
                const double pdu = 0.015 * it;
                const double ups = 0.03 * it;
                const double transformer = 0.011 * it;
                const double ancillary = 0.01 * it;
                h.itPowerKw.push_back(it);
                h.psuLossKw.push_back(psu);
                h.fanPowerKw.push_back(fan);
                h.pumpPowerKw.push_back(pump);
                h.compressorPowerKw.push_back(compressor);
                h.heatRejectionPowerKw.push_back(heatRejection);
                h.transformerLossKw.push_back(transformer);
                h.upsLossKw.push_back(ups);
                h.pduLossKw.push_back(pdu);
                h.ancillaryPowerKw.push_back(ancillary);
                h.facilityPowerKw.push_back(it + psu + fan + pump + compressor + heatRejection +
                                            transformer + ups + pdu + ancillary);
                h.mode.push_back(mode);
                // Direct evaporative media: about 1.6 L per kWh of heat at full assist.
                const double evaporation = mode == CoolingMode::Evaporative
                                               ? 1.0 * it * (db - 22.0) / 7.0
                                           : mode == CoolingMode::PartialMechanical ? 1.2 * it
                                                                                    : 0.0;
                h.evaporationL.push_back(evaporation);
                h.blowdownL.push_back(evaporation / 3.0); // 4 cycles of concentration
                h.driftL.push_back(evaporation * 0.002);
                // Not humidified, as the sample site (humidify false): dry hours leave the
                // envelope instead (outsideEnvelope below).
                h.humidificationL.push_back(0.0);
                h.gridCarbonKgPerKwh.push_back(0.4155 + 0.05 * std::sin(hour / 24.0 * 6.28));
                h.gridWaterLPerKwh.push_back(2.2);
                h.carbonKg.push_back(h.facilityPowerKw.back() * h.gridCarbonKgPerKwh.back());
            }
        }
    }

    auto& m = r.monthly;
    auto& a = r.annual;
    double water = 0.0, gridWater = 0.0, peakFacility = 0.0, peakIt = 0.0;
    double mechanical = 0.0, losses = 0.0;
    int waterFree = 0, run = 0, longestRun = 0;
    std::array<double, 12> monthWaterL{}, monthGridL{};
    for (std::size_t i = 0; i < h.hours(); ++i) {
        const int mi = h.month[i] - 1;
        const double itMwh = h.itPowerKw[i] / 1000.0;
        const double facilityMwh = h.facilityPowerKw[i] / 1000.0;
        const double waterL =
            h.evaporationL[i] + h.blowdownL[i] + h.driftL[i] + h.humidificationL[i];
        m.itEnergyMwh[mi] += itMwh;
        m.facilityEnergyMwh[mi] += facilityMwh;
        m.evaporationM3[mi] += h.evaporationL[i] / 1000.0;
        m.blowdownM3[mi] += h.blowdownL[i] / 1000.0;
        m.driftM3[mi] += h.driftL[i] / 1000.0;
        m.humidificationM3[mi] += h.humidificationL[i] / 1000.0;
        m.waterM3[mi] += waterL / 1000.0;
        m.waterHours[mi] += waterL > 0.0 ? 1.0 : 0.0;
        // Winter air drier than the site's -9 degC dew-point minimum, not humidified.
        h.outsideEnvelope.push_back(waterL == 0.0 && h.dewPointC[i] < -9.0
                                        ? model::EnvelopeExcursion::TooDry
                                        : model::EnvelopeExcursion::Inside);
        if (h.outsideEnvelope.back() == model::EnvelopeExcursion::TooDry) {
            m.hoursOutsideEnvelope[mi] += 1.0;
            m.hoursTooDry[mi] += 1.0;
            ++a.hoursOutsideEnvelope;
            ++a.hoursTooDry;
        }
        m.carbonLocationT[mi] += h.carbonKg[i] / 1000.0;
        m.carbonMarketT[mi] += h.carbonKg[i] / 1000.0 * 0.6; // 40 % contracted renewables
        const double mech =
            h.fanPowerKw[i] + h.pumpPowerKw[i] + h.compressorPowerKw[i] + h.heatRejectionPowerKw[i];
        const double loss = h.transformerLossKw[i] + h.upsLossKw[i] + h.pduLossKw[i];
        m.mechanicalEnergyMwh[mi] += mech / 1000.0;
        m.electricalLossMwh[mi] += loss / 1000.0;
        mechanical += mech / 1000.0;
        losses += (loss + h.psuLossKw[i]) / 1000.0;
        monthWaterL[mi] += waterL;
        monthGridL[mi] += facilityMwh * 1000.0 * h.gridWaterLPerKwh[i];
        water += waterL / 1000.0;
        gridWater += facilityMwh * h.gridWaterLPerKwh[i];
        peakFacility = std::max(peakFacility, h.facilityPowerKw[i] / 1000.0);
        peakIt = std::max(peakIt, h.itPowerKw[i] / 1000.0);
        a.modeHours[static_cast<std::size_t>(h.mode[i])] += 1;
        if (waterL == 0.0) {
            ++waterFree;
            ++run;
            longestRun = std::max(longestRun, run);
        } else {
            run = 0;
        }
    }
    for (int i = 0; i < 12; ++i) {
        m.pue[i] = m.facilityEnergyMwh[i] / m.itEnergyMwh[i];
        m.wueSiteLPerKwh[i] = monthWaterL[i] / (m.itEnergyMwh[i] * 1000.0);
        m.wueSourceLPerKwh[i] = (monthWaterL[i] + monthGridL[i]) / (m.itEnergyMwh[i] * 1000.0);
        a.itEnergyMwh += m.itEnergyMwh[i];
        a.facilityEnergyMwh += m.facilityEnergyMwh[i];
        a.carbonLocationT += m.carbonLocationT[i];
        a.carbonMarketT += m.carbonMarketT[i];
        if (m.waterM3[i] == 0.0) {
            a.zeroWaterMonths.push_back(i + 1);
        }
    }
    a.pue = a.facilityEnergyMwh / a.itEnergyMwh;
    a.ppueCooling = (a.itEnergyMwh + mechanical) / a.itEnergyMwh;
    a.ppuePower = (a.itEnergyMwh + losses) / a.itEnergyMwh;
    a.waterM3 = water;
    a.gridWaterM3 = gridWater;
    a.wueSiteLPerKwh = water / a.itEnergyMwh;
    a.wueSourceLPerKwh = (water + gridWater) / a.itEnergyMwh;
    a.cueKgPerKwh = a.carbonLocationT / a.itEnergyMwh;
    a.peakFacilityMw = peakFacility;
    a.peakItMw = peakIt;
    a.waterFreeHours = waterFree;
    a.longestWaterFreeRunDays = longestRun / 24;
    a.mlcAnnualized = mechanical / a.itEnergyMwh;
    a.elcAnnualized = losses / a.itEnergyMwh;

    // 64 MW of IT in 4 halls of 16 MW: Trn2 UltraServers at about 26 kW a rack.
    auto& c = r.compute;
    c.ultraServers = 1200;
    c.servers = 4800;
    c.chips = 76800;
    c.racks = 2400;
    c.rows = 120;
    c.hallsUsed = 4;
    c.strandedPowerPerRackKw = 1.4;
    c.strandedPowerPerHallKw = 840.0;
    c.networkPowerKw = 1900.0;
    c.fabricTiers = 3;
    c.switchesPerTier = {600, 600, 300};
    c.transceivers = 153600;
    c.cables = 76800;
    c.bisectionTbps = 15360.0;
    // 76,800 chips x 1,299 / 667 / 181 TF; Trainium2 publishes no dense TF32 rate.
    c.peakPflops = {99840.0, 51225.6, 13900.8, std::nullopt};
    auto& p = r.plant;
    p.transformers = 48;
    p.upsModules = 96;
    p.generators = 40;
    p.coolingUnits = 160;
    p.transformerRatingMw = 3.0;
    p.upsModuleRatingMw = 1.5;
    p.generatorRatingMw = 2.5;
    p.designHourFacilityMw = peakFacility;
    p.upsLoadFraction = 0.42;
    r.billOfMaterials = {
        {"compute", "Trn2 UltraServer (64 Trainium2)", 1200, "each"},
        {"compute", "Rack, 48U", 2400, "each"},
        {"network", "51.2 Tb/s switch (tier 1, leaf)", 600, "each"},
        {"network", "51.2 Tb/s switch (tier 2, spine)", 600, "each"},
        {"network", "51.2 Tb/s switch (tier 3, core)", 300, "each"},
        {"network", "800G transceiver", 153600, "each"},
        {"electrical", "MV/LV transformer, 3 MW", 48, "each"},
        {"electrical", "UPS module, 1.5 MW", 96, "each"},
        {"electrical", "Standby generator, 2.5 MW", 40, "each"},
        {"cooling", "Air handler with evaporative media", 160, "each"},
    };

    auto& cap = r.capacity;
    cap.maxItMw = {260.0, 64.0 * 1.05, 70.0, 80.0, 95.0};
    for (int i = 0; i < model::kConstraintCount; ++i) {
        cap.headroomMw[static_cast<std::size_t>(i)] =
            *cap.maxItMw[static_cast<std::size_t>(i)] - peakIt;
    }
    cap.binding = model::Constraint::HallPower;
    cap.maxUltraServers = 1290;

    // A Llama-3-class 405B run [dubey-2024-llama3] on the whole deployment: its layout,
    // step and costs as the performance engine would give them (figures made up to be
    // plausible; the model's own tests check the engine).
    model::TrainingResult training;
    training.name = "Dense 405B, 15T tokens";
    training.flops = 6.0 * 405e9 * 15e12;
    training.layout = {8, 8, 64, 1, 4, "selective", "optimizer", 2, 4096};
    training.computeSeconds = 5.9;
    training.exposedCommSeconds = 0.8;
    training.bubbleSeconds = 0.6;
    training.stepSeconds = 7.3;
    training.mfu = 0.41;
    training.tokensPerSecond = 2048.0 * 8192.0 / training.stepSeconds;
    training.hours = 15e12 / training.tokensPerSecond / 3600.0;
    const auto costsOver = [&](double hours, double wue) {
        model::RunCosts spent;
        spent.itEnergyMwh = hours * 64.0 * 0.85;
        spent.facilityEnergyMwh = spent.itEnergyMwh * a.pue;
        spent.siteWaterM3 = spent.itEnergyMwh * wue;
        spent.sourceWaterM3 = spent.siteWaterM3 + spent.facilityEnergyMwh * 2.2;
        spent.carbonT = spent.facilityEnergyMwh * 0.4155;
        return spent;
    };
    training.costs = costsOver(training.hours, a.wueSiteLPerKwh);
    training.januaryStart = training.costs;
    training.julyStart = costsOver(training.hours, 2.0 * a.wueSiteLPerKwh);
    for (const double ratio : {1.0, 2.0, 4.0}) {
        model::FabricOption option;
        option.oversubscription = ratio;
        option.switches = static_cast<long long>(1500 / ratio);
        option.transceivers = static_cast<long long>(153600 / ratio);
        option.networkPowerKw = 2400.0 / ratio;
        option.stepSeconds = training.stepSeconds * (1.0 + 0.05 * (ratio - 1.0));
        option.hours = training.hours * (1.0 + 0.05 * (ratio - 1.0));
        option.facilityEnergyMwh = training.costs.facilityEnergyMwh * (1.0 + 0.04 * (ratio - 1.0));
        training.fabricOptions.push_back(option);
    }
    r.training.push_back(training);
    model::InferenceResult inference;
    inference.name = "70B chat, FP8";
    inference.chipsPerReplica = 4;
    inference.batch = 96;
    inference.prefillSeconds = 0.21;
    inference.decodeStepSeconds = 0.038;
    inference.tokensPerSecondPerChip = 2900.0;
    inference.siteTokensPerSecond = 2900.0 * 76800.0;
    inference.computeBound = false;
    inference.energyKwhPerMillionTokens = 0.062;
    inference.waterLPerMillionTokens = 0.011;
    inference.carbonKgPerMillionTokens = 0.029;
    r.inference.push_back(inference);
    r.productivity.tokensPerKwh = 1e6 / inference.energyKwhPerMillionTokens;
    r.productivity.tokensPerLitre = 1e6 / inference.waterLPerMillionTokens;
    r.productivity.tokensPerKgCo2e = 1e6 / inference.carbonKgPerMillionTokens;

    // 24/7 CFE on a PJM-like grid (figures made up): carbon-free at night from nuclear,
    // more by day from a solar contract.
    model::CfeResult& cfe = r.cfe.emplace();
    cfe.gridMix = "PJM";
    cfe.hourlyCarbonFreeKwh.resize(h.hours());
    for (std::size_t i = 0; i < cfe.hourlyCarbonFreeKwh.size(); ++i) {
        const int hour = h.hour[i];
        cfe.hourlyCarbonFreeKwh[i] = (hour > 9 && hour < 17 ? 0.85 : 0.38) * h.facilityPowerKw[i];
    }
    cfe.consumptionMwh = a.facilityEnergyMwh;
    cfe.cfeShare = (8.0 * 0.85 + 16.0 * 0.38) / 24.0;
    cfe.gridCfeShare = 0.38;
    cfe.hourlyMatchedShare = 0.24;
    cfe.annualMatchedShare = 0.40;
    cfe.hoursShort = static_cast<int>(h.hours());
    cfe.solarMwh = 0.40 * a.facilityEnergyMwh;
    cfe.surplusMwh = 0.02 * a.facilityEnergyMwh;
    r.waterStress = model::WaterStressResult{model::WaterStressCategory::High, 3.4, a.waterM3};

    model::Diagnostic note;
    note.file = "sample.json";
    note.line = 12;
    note.column = 5;
    note.pointer = "/climate";
    note.severity = model::Severity::Warning;
    note.message = "the weather station is 24 km from the site";
    r.diagnostics.add(note);
    r.assumptions = sampleAssumptions();
    r.inputs = model::RunInputs::of(makeSampleSite());
    return r;
}

model::Site makeSampleSite() {
    using namespace boost::units;
    model::Site site;
    site.name = "Sample campus, St. Joseph County, Indiana";
    site.location.latitudeDeg = 41.70;
    site.location.longitudeDeg = -86.50;
    site.location.elevation = 236.0 * si::meter;
    site.location.utcOffsetHours = -5.0;
    auto climate = std::make_shared<model::Climate>();
    climate->station.city = "South Bend";
    climate->station.region = "IN";
    climate->station.country = "USA";
    climate->station.dataSource = "TMY3";
    climate->station.wmo = "725350";
    climate->station.latitudeDeg = 41.707;
    climate->station.longitudeDeg = -86.316;
    climate->station.elevationM = 236.0;
    site.climate = climate;
    site.climateNote = "South Bend airport stands in for New Carlisle.";
    site.grid.region = "eGRID RFCW";
    site.campus.buildings = 1;
    site.campus.hallsPerBuilding = 4;
    site.campus.floorAreaPerHall = 5000.0 * si::square_meter;
    const auto kelvin = [](double celsius) {
        return units::Temperature((celsius + 273.15) * absolute<si::temperature>());
    };
    site.cooling.design = model::CoolingDesign::AirsideEconomizerEvaporative;
    site.cooling.envelope.minDryBulb = kelvin(18.0);
    site.cooling.envelope.maxDryBulb = kelvin(27.0);
    site.cooling.envelope.maxDewPoint = kelvin(15.0);
    site.cooling.envelope.minDewPoint = kelvin(-9.0);
    site.cooling.envelope.minRelativeHumidity = 0.08;
    site.cooling.envelope.maxRelativeHumidity = 0.80;
    site.assumptions = sampleAssumptions();
    return site;
}

} // namespace headroom::testing
