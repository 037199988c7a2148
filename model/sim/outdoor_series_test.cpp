// The outdoor series of a year are the psychrometric functions of each of its hours: the
// humidity ratio and relative humidity bit for bit, the wet bulb to its solver's tolerance
// (deriveOutdoorSeries takes it from psychro::stateFromDewPoint, which starts the solve
// from the bracket [dew point, dry bulb]), and the design hours those give.
#include "model/sim/outdoor_series.h"

#include "model/climate/psychrometrics.h"
#include "model/sim/sim_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

using namespace headroom::model;

TEST(OutdoorSeries, EachHourIsThePsychrometricFunctionsOfItsWeather) {
    for (const char* file : {"USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
                             "USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw",
                             "NOR_OS_Oslo.Blindern.014920_TMYx.2007-2021.epw"}) {
        SCOPED_TRACE(file);
        const auto climate = headroom::model::testing::testDataClimate(file);
        ASSERT_TRUE(climate);
        const double elevationM = climate->station.elevationM;
        const OutdoorSeries series = deriveOutdoorSeries(*climate, elevationM);
        ASSERT_EQ(series.wetBulbC.size(), climate->hours());
        const double standardPa = psychro::standardPressurePa(elevationM);
        for (std::size_t h = 0; h < climate->hours(); ++h) {
            const double p = climate->pressurePa[h] > 10000.0 ? climate->pressurePa[h] : standardPa;
            const double t = climate->dryBulbC[h];
            const double w =
                psychro::humidityRatioFromDewPoint(std::min(climate->dewPointC[h], t), p);
            ASSERT_EQ(series.pressurePa[h], p) << h;
            ASSERT_EQ(series.humidityRatio[h], w) << h;
            ASSERT_EQ(series.relativeHumidity[h],
                      psychro::relativeHumidityFromHumidityRatio(t, w, p))
                << h;
            ASSERT_NEAR(series.wetBulbC[h], psychro::wetBulbFromHumidityRatio(t, w, p), 1e-9) << h;
        }
        const auto highest = [](const std::vector<double>& v) {
            return static_cast<std::size_t>(std::max_element(v.begin(), v.end()) - v.begin());
        };
        EXPECT_EQ(series.hottestDryBulbHour, highest(climate->dryBulbC));
        EXPECT_EQ(series.hottestWetBulbHour, highest(series.wetBulbC));
    }
}

} // namespace
