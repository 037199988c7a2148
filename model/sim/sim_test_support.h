#pragma once
// Test-only builders: sites and climates for the simulation tests and benchmark.

#include "model/catalog/catalog.h"
#include "model/climate/epw_file.h"
#include "model/site/site.h"

#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>

namespace headroom::model::testing {

/// A year of synthetic weather: an annual and a daily sine around meanC, dew point a
/// fixed depression below the dry-bulb (capped at dewCapC), standard pressure.
inline std::shared_ptr<const Climate> syntheticClimate(double meanC, double annualSwingC,
                                                       double dailySwingC, double depressionC,
                                                       double dewCapC = 30.0) {
    auto climate = std::make_shared<Climate>();
    climate->provenance = "synthetic";
    constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int index = 0;
    for (int m = 0; m < 12; ++m) {
        for (int d = 1; d <= kDays[m]; ++d) {
            for (int h = 1; h <= 24; ++h, ++index) {
                const double pi = 3.141592653589793;
                // Coldest around 20 January, warmest around 20 July; warmest at 15:00.
                const double t = meanC -
                                 annualSwingC * std::cos(2 * pi * (index / 24.0 - 20) / 365) -
                                 dailySwingC * std::cos(2 * pi * (h - 3) / 24.0);
                climate->month.push_back(static_cast<std::uint8_t>(m + 1));
                climate->day.push_back(static_cast<std::uint8_t>(d));
                climate->hour.push_back(static_cast<std::uint8_t>(h));
                climate->dryBulbC.push_back(t);
                climate->dewPointC.push_back(std::min(t - depressionC, dewCapC));
                climate->relativeHumidityPct.push_back(50.0);
                climate->pressurePa.push_back(101325.0);
            }
        }
    }
    return climate;
}

#ifdef HEADROOM_TEST_DATA_DIR
/// An EPW file of tests/data/weather, or nothing when it cannot be read (the caller fails).
inline std::shared_ptr<const Climate> testDataClimate(const char* fileName) {
    const auto path = std::filesystem::path(HEADROOM_TEST_DATA_DIR) / "weather" / fileName;
    Diagnostics diagnostics;
    auto climate = EpwFile::readClimate(path, diagnostics);
    return climate ? std::make_shared<const Climate>(std::move(*climate)) : nullptr;
}
#endif

/// An Indiana-like Trainium2 campus [amazon-2025-rainier]: Trn2 UltraServers from the
/// built-in catalog, 2 halls of 16 MW, 2N electrical, airside economizer with direct
/// evaporative assist and air-cooled trim, a wide humidity envelope (ASHRAE A3-like: 8-85 %
/// RH, dew point up to 24 degC) with the recommended 18-27 degC dry-bulb and no humidifier;
/// RFCW grid carbon 0.4155 kg/kWh (eGRID2023) and Illinois EWIF 2.233 L/kWh (no Indiana
/// value exists [li-2023-thirsty]).
inline Site indianaLikeSite(std::shared_ptr<const Climate> climate) {
    using namespace units;
    Site site;
    site.name = "Indiana-like Trainium2 campus";
    site.location = {41.6, -86.7, Length(200.0 * si::meter), -5.0};
    site.climate = std::move(climate);
    site.grid.region = "eGRID RFCW";
    site.grid.carbonKgPerKwh.values = {0.4155};
    site.grid.waterLPerKwh.values = {2.233};
    site.campus.utilityInterconnect = megawatts(60.0);
    site.campus.buildings = 1;
    site.campus.hallsPerBuilding = 2;
    site.campus.itPowerPerHall = megawatts(16.0);
    site.campus.floorAreaPerHall = Area(5000.0 * si::square_meter);
    site.campus.rackPositionsPerHall = 800;
    site.campus.rackPowerLimit = kilowatts(40.0);
    site.electrical.redundancy = Redundancy::TwoN;
    site.electrical.transformerRating = megawatts(3.0);
    site.electrical.upsModuleRating = megawatts(1.5);
    site.electrical.generatorRating = megawatts(2.5);
    // The field table's defaults (site_fields_*.cpp), as a site file that names none reads:
    // double-conversion UPS, transformerless busways.
    site.electrical.transformerLoss = {0.002, 0.0, 0.010};
    site.electrical.upsLoss = {0.015, 0.010, 0.005};
    site.electrical.pduLoss = {0.0, 0.0, 0.015};
    site.electrical.lightingWPerM2 = 10.0;
    site.electrical.ancillaryFraction = 0.01;
    Cooling& c = site.cooling;
    c.design = CoolingDesign::AirsideEconomizerEvaporative;
    c.envelope.minDryBulb = celsius(18.0);
    c.envelope.maxDryBulb = celsius(27.0);
    c.envelope.maxDewPoint = celsius(24.0);
    c.envelope.minRelativeHumidity = 0.08;
    c.envelope.maxRelativeHumidity = 0.85;
    c.envelope.humidify = false;
    c.supplyReturnDelta = kelvinDifference(12.0);
    c.designSpecificFanPower = SpecificFanPower(1200.0 * si::watt / (si::cubic_meter / si::second));
    c.towerApproach = kelvinDifference(4.0);
    c.chillerDesignLift = kelvinDifference(20.0);
    c.chillerCopAtDesign = 6.0;
    c.coilEffectiveness = 0.80;
    c.evaporativeEffectiveness = 0.85;
    c.indirectEffectiveness = 0.70;
    c.cyclesOfConcentration = 4.0;
    c.driftFraction = 0.0002;
    const Catalog& catalog = Catalog::builtin();
    site.it.chip = *catalog.chip("trainium2");
    site.it.platform = *catalog.platform("trn2-ultraserver");
    site.it.ultraServers = 600; // 2,400 servers, 2 per 48U rack: 1,200 racks in 2 halls
    site.it.utilization.values = {0.85};
    site.fabric.switchId = "51.2t-64x800g";
    return site;
}

} // namespace headroom::model::testing
