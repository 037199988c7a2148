// Climate digest: size, determinism, and the accuracy issue 3 asks of the regenerated
// year against its source EPW (monthly mean dry bulb within 0.3 K and dew point within
// 0.5 K; annual hours with dry bulb > 24 degC, > 30 degC and wet bulb > 18 degC each
// within 10 %), for the five stations the issue names. The measured errors are printed.
#include "model/climate/climate_digest.h"

#include "model/climate/epw_file.h"
#include "model/climate/psychrometrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace {

using namespace headroom::model;
namespace fs = std::filesystem;

const fs::path kWeatherDir = fs::path(HEADROOM_TEST_DATA_DIR) / "weather";

struct YearFigures {
    std::array<double, 12> meanDryBulb{};
    std::array<double, 12> meanDewPoint{};
    double hoursAbove24 = 0;
    double hoursAbove30 = 0;
    double hoursWetBulbAbove18 = 0;
};

YearFigures figures(const Climate& climate) {
    YearFigures f;
    std::array<int, 12> count{};
    for (std::size_t i = 0; i < climate.hours(); ++i) {
        if (climate.month[i] == 2 && climate.day[i] == 29) {
            continue;
        }
        const std::size_t m = climate.month[i] - 1u;
        f.meanDryBulb[m] += climate.dryBulbC[i];
        f.meanDewPoint[m] += climate.dewPointC[i];
        ++count[m];
        const double t = climate.dryBulbC[i];
        const double p = climate.pressurePa[i];
        f.hoursAbove24 += t > 24.0 ? 1 : 0;
        f.hoursAbove30 += t > 30.0 ? 1 : 0;
        // A dew point above the dry bulb (it happens in EPW files) is saturation.
        const double w = psychro::humidityRatioFromDewPoint(std::min(climate.dewPointC[i], t), p);
        f.hoursWetBulbAbove18 += psychro::wetBulbFromHumidityRatio(t, w, p) > 18.0 ? 1 : 0;
    }
    for (std::size_t m = 0; m < 12; ++m) {
        f.meanDryBulb[m] /= count[m];
        f.meanDewPoint[m] /= count[m];
    }
    return f;
}

double relativeError(double got, double want) {
    return want == 0.0 ? (got == 0.0 ? 0.0 : 1.0) : (got - want) / want;
}

class DigestAccuracy : public ::testing::TestWithParam<const char*> {};

TEST_P(DigestAccuracy, MeetsIssueTolerances) {
    const fs::path path = kWeatherDir / GetParam();
    Diagnostics diagnostics;
    const auto source = EpwFile::readClimate(path, diagnostics);
    ASSERT_TRUE(source) << "missing or unreadable: " << path;
    const nlohmann::json digest = makeClimateDigest(*source, path.filename().string());
    const std::string text = digest.dump();
    EXPECT_LT(text.size(), 16u * 1024u) << "digest should stay under 16 kB";

    Diagnostics regenerateDiagnostics;
    const auto regenerated = climateFromDigest(nlohmann::json::parse(text), regenerateDiagnostics);
    ASSERT_TRUE(regenerated) << formatDiagnostic(regenerateDiagnostics.items().front());
    ASSERT_EQ(regenerated->hours(), 8760u);
    EXPECT_EQ(regenerated->provenance, "digest of " + path.filename().string());
    EXPECT_EQ(regenerated->station.wmo, source->station.wmo);

    const YearFigures want = figures(*source);
    const YearFigures got = figures(*regenerated);
    double worstDry = 0.0;
    double worstDew = 0.0;
    for (std::size_t m = 0; m < 12; ++m) {
        EXPECT_NEAR(got.meanDryBulb[m], want.meanDryBulb[m], 0.3) << "month " << m + 1;
        EXPECT_NEAR(got.meanDewPoint[m], want.meanDewPoint[m], 0.5) << "month " << m + 1;
        worstDry = std::max(worstDry, std::abs(got.meanDryBulb[m] - want.meanDryBulb[m]));
        worstDew = std::max(worstDew, std::abs(got.meanDewPoint[m] - want.meanDewPoint[m]));
    }
    EXPECT_LE(std::abs(relativeError(got.hoursAbove24, want.hoursAbove24)), 0.10);
    EXPECT_LE(std::abs(relativeError(got.hoursAbove30, want.hoursAbove30)), 0.10);
    EXPECT_LE(std::abs(relativeError(got.hoursWetBulbAbove18, want.hoursWetBulbAbove18)), 0.10);
    std::printf("[ digest   ] %s: %zu bytes; worst monthly mean error dry bulb %.3f K, dew "
                "point %.3f K; hours >24 degC %.0f vs %.0f (%+.1f %%), >30 degC %.0f vs %.0f "
                "(%+.1f %%), wet bulb >18 degC %.0f vs %.0f (%+.1f %%)\n",
                GetParam(), text.size(), worstDry, worstDew, got.hoursAbove24, want.hoursAbove24,
                100.0 * relativeError(got.hoursAbove24, want.hoursAbove24), got.hoursAbove30,
                want.hoursAbove30, 100.0 * relativeError(got.hoursAbove30, want.hoursAbove30),
                got.hoursWetBulbAbove18, want.hoursWetBulbAbove18,
                100.0 * relativeError(got.hoursWetBulbAbove18, want.hoursWetBulbAbove18));

    // Same digest, same bytes.
    Diagnostics again;
    const auto second = climateFromDigest(digest, again);
    ASSERT_TRUE(second);
    EXPECT_EQ(second->dryBulbC, regenerated->dryBulbC);
    EXPECT_EQ(second->dewPointC, regenerated->dewPointC);
    EXPECT_EQ(second->relativeHumidityPct, regenerated->relativeHumidityPct);
    EXPECT_EQ(second->pressurePa, regenerated->pressurePa);
}

INSTANTIATE_TEST_SUITE_P(
    IssueStations, DigestAccuracy,
    ::testing::Values("USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw",
                      "USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw",
                      "USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw",
                      "SGP_SG_Changi.Intl.AP.486980_TMYx.epw",
                      "NOR_OS_Oslo.Blindern.014920_TMYx.2007-2021.epw"),
    [](const ::testing::TestParamInfo<const char*>& param) {
        std::string name = std::string(param.param).substr(0, 12);
        std::replace_if(
            name.begin(), name.end(), [](char c) { return !std::isalnum(c); }, '_');
        return name;
    });

/// A synthetic year: a seasonal and daily cycle with a leap day, so the digest code runs
/// without any weather file.
Climate syntheticYear(bool leap) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    Climate climate;
    climate.station.city = "Synthetic";
    climate.station.wmo = "000001";
    climate.provenance = "synthetic";
    int k = 0;
    for (int m = 1; m <= 12; ++m) {
        for (int d = 1; d <= days[m - 1] + (leap && m == 2 ? 1 : 0); ++d) {
            for (int h = 1; h <= 24; ++h, ++k) {
                climate.month.push_back(static_cast<std::uint8_t>(m));
                climate.day.push_back(static_cast<std::uint8_t>(d));
                climate.hour.push_back(static_cast<std::uint8_t>(h));
                const double t = 12.0 - 12.0 * std::cos(6.2832 * k / 8760.0) +
                                 5.0 * std::sin(6.2832 * (h - 9) / 24.0) + (k * 7 % 13) * 0.1;
                climate.dryBulbC.push_back(std::round(t * 10.0) / 10.0);
                climate.dewPointC.push_back(std::round((t - 6.0 - (k % 5)) * 10.0) / 10.0);
                climate.relativeHumidityPct.push_back(50.0);
                climate.pressurePa.push_back(100000.0 + (k % 7) * 10.0);
            }
        }
    }
    return climate;
}

TEST(ClimateDigest, LeapYearSourceDropsFebruary29) {
    const Climate source = syntheticYear(true);
    ASSERT_EQ(source.hours(), 8784u);
    const auto digest = makeClimateDigest(source);
    EXPECT_EQ(digest["format"], kClimateDigestFormat);
    EXPECT_EQ(digest["source"], "synthetic");
    EXPECT_EQ(digest["months"][1]["day_dry_bulb_dC"].size(), 28u);
    Diagnostics diagnostics;
    const auto year = climateFromDigest(digest, diagnostics);
    ASSERT_TRUE(year);
    EXPECT_EQ(year->hours(), 8760u);
    EXPECT_EQ(year->month[59 * 24], 3);
    // The March distribution is the source's (hours 60*24.. of the leap year).
    std::vector<double> want(source.dryBulbC.begin() + 60 * 24, source.dryBulbC.begin() + 91 * 24);
    std::vector<double> got(year->dryBulbC.begin() + 59 * 24, year->dryBulbC.begin() + 90 * 24);
    std::sort(want.begin(), want.end());
    std::sort(got.begin(), got.end());
    for (std::size_t i = 0; i < want.size(); ++i) {
        ASSERT_NEAR(got[i], want[i], 1e-9) << i;
    }
}

TEST(ClimateDigest, RejectsAPartialYear) {
    Climate climate = syntheticYear(false);
    climate.dryBulbC.pop_back();
    EXPECT_THROW(makeClimateDigest(climate), std::invalid_argument);
}

const Diagnostic* firstError(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::Error) {
            return &d;
        }
    }
    return nullptr;
}

TEST(ClimateDigest, ReportsBrokenDigestsWithPointers) {
    const nlohmann::json good = makeClimateDigest(syntheticYear(false));
    struct Case {
        const char* what;
        std::function<void(nlohmann::json&)> breakIt;
        const char* pointer;
    };
    const std::vector<Case> cases{
        {"wrong format", [](auto& j) { j["format"] = "headroom-climate-digest/9"; }, "/format"},
        {"no months", [](auto& j) { j.erase("months"); }, "/months"},
        {"11 months", [](auto& j) { j["months"].erase(11); }, "/months"},
        {"short profile", [](auto& j) { j["months"][3]["dry_bulb_profile_dK"].erase(0); },
         "/months/3/dry_bulb_profile_dK"},
        {"text in days", [](auto& j) { j["months"][0]["day_dew_point_dC"][4] = "warm"; },
         "/months/0/day_dew_point_dC/4"},
        {"counts short",
         [](auto& j) {
             std::string c = j["months"][5]["dry_bulb_histogram"]["counts"];
             j["months"][5]["dry_bulb_histogram"]["counts"] = c.substr(0, c.size() - 1);
         },
         "/months/5/dry_bulb_histogram/counts"},
        {"bad counts", [](auto& j) { j["months"][6]["dew_point_histogram"]["counts"] = "1{2"; },
         "/months/6/dew_point_histogram/counts"},
        {"latitude", [](auto& j) { j["station"]["latitude_deg"] = 123.0; },
         "/station/latitude_deg"},
        {"pressure type", [](auto& j) { j["months"][2]["pressure_pa"] = "1 atm"; },
         "/months/2/pressure_pa"},
    };
    for (const auto& c : cases) {
        SCOPED_TRACE(c.what);
        nlohmann::json broken = good;
        c.breakIt(broken);
        Diagnostics diagnostics;
        EXPECT_FALSE(climateFromDigest(broken, diagnostics));
        const Diagnostic* error = firstError(diagnostics);
        ASSERT_NE(error, nullptr);
        EXPECT_EQ(error->pointer, c.pointer) << error->message;
    }
    Diagnostics notObject;
    EXPECT_FALSE(climateFromDigest(nlohmann::json::array(), notObject));
    EXPECT_NE(firstError(notObject), nullptr);
}

TEST(ClimateDigest, LargeCountsAndEmptyRunsRoundTrip) {
    // A month with one value for every hour (a count of 744 in one bin) and a wide,
    // sparse range: the histogram string's escapes are exercised.
    Climate climate = syntheticYear(false);
    for (std::size_t i = 0; i < 744; ++i) {
        climate.dryBulbC[i] = 5.0;
    }
    climate.dryBulbC[100] = -20.0;
    climate.dryBulbC[101] = 30.0;
    const auto digest = makeClimateDigest(climate);
    const std::string counts = digest["months"][0]["dry_bulb_histogram"]["counts"];
    EXPECT_NE(counts.find("{742}"), std::string::npos) << counts;
    EXPECT_NE(counts.find('~'), std::string::npos) << counts;
    Diagnostics diagnostics;
    const auto year = climateFromDigest(digest, diagnostics);
    ASSERT_TRUE(year) << formatDiagnostic(diagnostics.items().front());
    EXPECT_EQ(std::count(year->dryBulbC.begin(), year->dryBulbC.begin() + 744, 5.0), 742);
    EXPECT_DOUBLE_EQ(*std::min_element(year->dryBulbC.begin(), year->dryBulbC.begin() + 744),
                     -20.0);
    EXPECT_DOUBLE_EQ(*std::max_element(year->dryBulbC.begin(), year->dryBulbC.begin() + 744), 30.0);
}

} // namespace
