// ASHRAE 169 thermal zones from degree-days, and the station's distance from the site.
#include "model/climate/climate_zone.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

TEST(ThermalClimateZone, FromDegreeDaysOfConstantYears) {
    // ASHRAE 169-2013 Table A-3. A constant 30 degC year: CDD10 = 20 x 365 = 7300 > 6000.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 30.0)), 0);
    // 18 degC: HDD18 = 0, CDD10 = 8 x 365 = 2920 -> zone 3.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 18.0)), 3);
    // 8 degC: HDD18 = 10 x 365 = 3650 -> zone 5 (3000 < HDD18 <= 4000).
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 8.0)), 5);
    // 0 degC: HDD18 = 18 x 365 = 6570 -> zone 7.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 0.0)), 7);
    EXPECT_EQ(thermalClimateZone(std::vector<double>(100, 0.0)), -1);
}

TEST(StationDistance, HaversineOnTheMeanEarth) {
    // A degree of latitude on a 6371 km sphere is 6371 x pi / 180 = 111.195 km.
    EXPECT_NEAR(greatCircleDistanceKm(41.0, -86.0, 42.0, -86.0), 111.195, 1e-3);
    EXPECT_DOUBLE_EQ(greatCircleDistanceKm(41.7, -86.3, 41.7, -86.3), 0.0);
    // A quarter of the equator: 6371 x pi / 2 = 10007.543 km.
    EXPECT_NEAR(greatCircleDistanceKm(0.0, 0.0, 0.0, 90.0), 10007.543, 1e-3);
    WeatherStation station;
    station.latitudeDeg = 42.0;
    station.longitudeDeg = -86.0;
    EXPECT_NEAR(stationDistanceKm(station, 41.0, -86.0), 111.195, 1e-3);
}

} // namespace
} // namespace headroom::model
