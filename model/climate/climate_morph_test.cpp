// morphClimate (Belcher, Hacker & Powell 2005) on the Chicago O'Hare TMY3 year of
// tests/data/weather: zero change is the identity, each month's mean moves by exactly its
// dTEMP, its mean daily range by its dRANGE, relative humidity is kept, no hour leaves
// physical bounds, and a morph past them is refused at the first offending hour.
#include "model/climate/climate_morph.h"

#include "model/climate/epw_file.h"
#include "model/climate/psychrometrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>

namespace {

using namespace headroom::model;

const Climate& chicago() {
    static const Climate climate = [] {
        Diagnostics diagnostics;
        auto c = EpwFile::readClimate(std::filesystem::path(HEADROOM_TEST_DATA_DIR) / "weather" /
                                          "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
                                      diagnostics);
        return *c;
    }();
    return climate;
}

std::array<double, 12> monthlyMeans(const Climate& c) {
    std::array<double, 12> sum{};
    std::array<int, 12> n{};
    for (std::size_t h = 0; h < c.hours(); ++h) {
        sum[c.month[h] - 1] += c.dryBulbC[h];
        ++n[c.month[h] - 1];
    }
    for (int m = 0; m < 12; ++m) {
        sum[m] /= n[m];
    }
    return sum;
}

std::array<double, 12> meanDailyRanges(const Climate& c) {
    std::map<std::pair<int, int>, std::pair<double, double>> days;
    for (std::size_t h = 0; h < c.hours(); ++h) {
        auto [it, fresh] = days.try_emplace({c.month[h], c.day[h]}, c.dryBulbC[h], c.dryBulbC[h]);
        it->second.first = std::min(it->second.first, c.dryBulbC[h]);
        it->second.second = std::max(it->second.second, c.dryBulbC[h]);
    }
    std::array<double, 12> sum{};
    std::array<int, 12> n{};
    for (const auto& [key, e] : days) {
        sum[key.first - 1] += e.second - e.first;
        ++n[key.first - 1];
    }
    for (int m = 0; m < 12; ++m) {
        sum[m] /= n[m];
    }
    return sum;
}

/// A mid-century-like signal: +2.8 K on the mean in every month, its daily range widened
/// by 0.5 K in summer and narrowed by 0.3 K in winter.
MonthlyClimateChange warming() {
    MonthlyClimateChange change;
    change.meanDeltaK.fill(2.8);
    for (int m = 0; m < 12; ++m) {
        change.rangeDeltaK[m] = (m >= 4 && m <= 8) ? 0.5 : -0.3;
    }
    return change;
}

TEST(ClimateMorph, ZeroChangeReturnsTheYearUnchanged) {
    const auto outcome = morphClimate(chicago(), MonthlyClimateChange{});
    ASSERT_TRUE(outcome.climate);
    EXPECT_EQ(outcome.climate->dryBulbC, chicago().dryBulbC);
    EXPECT_EQ(outcome.climate->dewPointC, chicago().dewPointC);
    EXPECT_EQ(outcome.climate->relativeHumidityPct, chicago().relativeHumidityPct);
    EXPECT_EQ(outcome.climate->pressurePa, chicago().pressurePa);
}

TEST(ClimateMorph, MonthlyMeansMoveByExactlyTheirChange) {
    auto change = warming();
    change.meanDeltaK[9] = 4.0; // October warmer still: the months are independent
    const auto outcome = morphClimate(chicago(), change);
    ASSERT_TRUE(outcome.climate);
    const auto before = monthlyMeans(chicago());
    const auto after = monthlyMeans(*outcome.climate);
    const auto rangeBefore = meanDailyRanges(chicago());
    const auto rangeAfter = meanDailyRanges(*outcome.climate);
    for (int m = 0; m < 12; ++m) {
        // Exact up to summation rounding over ~744 hours: 1e-9 K.
        EXPECT_NEAR(after[m] - before[m], change.meanDeltaK[m], 1e-9) << "month " << m + 1;
        // The stretch scales every day's range by the same 1 + alpha, so the mean daily
        // range moves by exactly dRANGE (Belcher et al. 2005 eqn 3).
        EXPECT_NEAR(rangeAfter[m] - rangeBefore[m], change.rangeDeltaK[m], 1e-9)
            << "month " << m + 1;
    }
}

TEST(ClimateMorph, KeepsRelativeHumidityAndPhysicalBounds) {
    const auto outcome = morphClimate(chicago(), warming());
    ASSERT_TRUE(outcome.climate);
    const Climate& c = *outcome.climate;
    double moistureGain = 0.0;
    for (std::size_t h = 0; h < c.hours(); ++h) {
        ASSERT_LE(c.dewPointC[h], c.dryBulbC[h]) << "hour " << h;
        ASSERT_LE(c.relativeHumidityPct[h], 100.0) << "hour " << h;
        ASSERT_GE(c.relativeHumidityPct[h], 0.0) << "hour " << h;
        // Relative humidity from the morphed dry bulb and dew point equals the present
        // hour's (ASHRAE HoF 2017 ch.1 eqns 24, 36), to 1e-6.
        const auto rh = [](double t, double td) {
            return psychro::saturationVapourPressurePa(std::min(td, t)) /
                   psychro::saturationVapourPressurePa(t);
        };
        ASSERT_NEAR(rh(c.dryBulbC[h], c.dewPointC[h]),
                    rh(chicago().dryBulbC[h], chicago().dewPointC[h]), 1e-6)
            << "hour " << h;
        moistureGain += c.dewPointC[h] - chicago().dewPointC[h];
    }
    // Warmer air at the same relative humidity holds more water: dew points rise on average.
    EXPECT_GT(moistureGain / static_cast<double>(c.hours()), 2.0);
}

TEST(ClimateMorph, EachDewPointIsTheSolveOfItsVapourPressure) {
    // The morph solves each morphed dew point from the present one (psychro::dewPointNear):
    // it is dewPointFromVapourPressure() of e = rh es(T), to that solver's 1e-10 K, for
    // warmings of the Chicago year from -3 to +8 K (dew points crossing 0 degC included) and a
    // stretch of the daily range.
    for (const double scale : {-1.0, 0.3, 1.0, 2.9}) {
        SCOPED_TRACE(scale);
        const auto outcome = morphClimate(chicago(), warming().scaled(scale));
        ASSERT_TRUE(outcome.climate);
        const Climate& c = *outcome.climate;
        int crossings = 0;
        for (std::size_t h = 0; h < c.hours(); ++h) {
            const double t0 = chicago().dryBulbC[h];
            const double rh =
                psychro::saturationVapourPressurePa(std::min(chicago().dewPointC[h], t0)) /
                psychro::saturationVapourPressurePa(t0);
            const double e = rh * psychro::saturationVapourPressurePa(c.dryBulbC[h]);
            ASSERT_NEAR(c.dewPointC[h],
                        std::min(psychro::dewPointFromVapourPressure(e), c.dryBulbC[h]), 1e-10)
                << "hour " << h;
            crossings += (c.dewPointC[h] < 0.0) != (chicago().dewPointC[h] < 0.0) ? 1 : 0;
        }
        if (scale != 0.3) {
            EXPECT_GT(crossings, 10);
        }
    }
}

TEST(ClimateMorph, ScalesLinearly) {
    const auto half = warming().scaled(0.5);
    EXPECT_DOUBLE_EQ(half.meanDeltaK[0], 1.4);
    EXPECT_DOUBLE_EQ(half.rangeDeltaK[6], 0.25);
    EXPECT_TRUE(warming().scaled(0.0).isZero());
    EXPECT_FALSE(half.isZero());
}

TEST(ClimateMorph, AMorpherMakesMorphClimatesYearsAndKeepsThem) {
    const auto present = std::make_shared<const Climate>(chicago());
    ClimateMorpher morpher(present);
    const auto year = morpher.morphed(warming());
    ASSERT_TRUE(year);
    // Bit for bit the year morphClimate makes: a plan's figures do not depend on the cache.
    const auto direct = morphClimate(chicago(), warming());
    ASSERT_TRUE(direct.climate);
    EXPECT_EQ(year->dryBulbC, direct.climate->dryBulbC);
    EXPECT_EQ(year->dewPointC, direct.climate->dewPointC);
    EXPECT_EQ(year->relativeHumidityPct, direct.climate->relativeHumidityPct);
    EXPECT_EQ(year->provenance, direct.climate->provenance);
    // The same change of the same present year is morphed once, by any morpher of it.
    EXPECT_EQ(ClimateMorpher(present).morphed(warming()), year);
    EXPECT_NE(morpher.morphed(warming().scaled(0.5)), year);
    // Another present year, even an equal one, is another key.
    EXPECT_NE(ClimateMorpher(std::make_shared<const Climate>(chicago())).morphed(warming()), year);
    // A refused morph is nothing.
    MonthlyClimateChange hot;
    hot.meanDeltaK[6] = 30.0;
    EXPECT_FALSE(morpher.morphed(hot));
}

TEST(ClimateMorph, RefusesAMorphPastPhysicalBounds) {
    MonthlyClimateChange hot;
    hot.meanDeltaK[6] = 30.0; // July's 35 degC hours would pass 60 degC
    const auto outcome = morphClimate(chicago(), hot);
    EXPECT_FALSE(outcome.climate);
    ASSERT_TRUE(outcome.error);
    EXPECT_EQ(chicago().month[outcome.error->hour], 7);
    EXPECT_NE(outcome.error->message.find("outside the -50 to 60 degC"), std::string::npos)
        << outcome.error->message;

    MonthlyClimateChange collapse;
    collapse.rangeDeltaK[0] = -50.0; // January's mean daily range is ~8 K
    const auto refused = morphClimate(chicago(), collapse);
    ASSERT_TRUE(refused.error);
    EXPECT_NE(refused.error->message.find("month 1"), std::string::npos);
}

} // namespace
