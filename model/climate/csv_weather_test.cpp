// CsvWeather on the Dublin Airport 2017 observations in tests/data/weather, and on small
// synthetic files for the timeline rules and every error path.
#include "model/climate/csv_weather.h"

#include "tests/support/dublin_csv.h"

#include "model/climate/psychrometrics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <numeric>
#include <sstream>
#include <string>

namespace {

using namespace headroom::model;
namespace fs = std::filesystem;

const fs::path& kDublin = headroom::testing::dublinCsv();
using headroom::testing::dublinMapping;

/// Magnus dew point over water, Alduchov & Eskridge (1996) coefficients: an independent
/// check on the ASHRAE-based derivation, good to about 0.1 K in this range.
double magnusDewPoint(double t, double rhPct) {
    const double a = std::log(rhPct / 100.0) + 17.625 * t / (243.04 + t);
    return 243.04 * a / (17.625 - a);
}

TEST(CsvWeather, ReadsDublinAirport2017) {
    Diagnostics diagnostics;
    const auto climate = CsvWeather::load(kDublin, dublinMapping(), diagnostics);
    ASSERT_TRUE(climate.has_value()) << "missing or unreadable: " << kDublin;
    EXPECT_TRUE(diagnostics.empty()) << formatDiagnostic(diagnostics.items().front());
    ASSERT_EQ(climate->hours(), 8760u);
    EXPECT_EQ(climate->provenance, "CSV IRL_Dublin.Airport_MetEireann_hly532_2017.csv");
    EXPECT_EQ(climate->station.city, "Dublin Airport");
    EXPECT_DOUBLE_EQ(climate->station.elevationM, 71.0);
    // tests/data/README.md: temp range -4.4 ... 26.1 degC, mean 10.07 degC (rounded to 0.01).
    const auto& t = climate->dryBulbC;
    EXPECT_NEAR(std::accumulate(t.begin(), t.end(), 0.0) / 8760.0, 10.07, 0.006);
    EXPECT_DOUBLE_EQ(*std::min_element(t.begin(), t.end()), -4.4);
    EXPECT_DOUBLE_EQ(*std::max_element(t.begin(), t.end()), 26.1);
    // Hour-ending placement: the 2017-01-01T00:00Z row (5.3 degC, 91 %, 1019.9 hPa) ends
    // hour 24 of 31 December; the 01:00Z row (4.9 degC, 95 %) is hour 1 of 1 January.
    EXPECT_EQ(climate->month[8759], 12);
    EXPECT_EQ(climate->hour[8759], 24);
    EXPECT_DOUBLE_EQ(climate->dryBulbC[8759], 5.3);
    EXPECT_DOUBLE_EQ(climate->relativeHumidityPct[8759], 91.0);
    EXPECT_DOUBLE_EQ(climate->dryBulbC[0], 4.9);
    EXPECT_DOUBLE_EQ(climate->relativeHumidityPct[0], 95.0);
    // Station pressure: hydrostatic drop rho g dz over 71 m with the ideal-gas density of
    // dry air at 5.3 degC (ASHRAE HoF ch.1 eqn 28): about 888 Pa; the exact value follows
    // the hypsometric equation (within 10 Pa of this linear estimate).
    const double rho = 101990.0 / (287.042 * (5.3 + 273.15));
    EXPECT_NEAR(climate->pressurePa[8759], 101990.0 - rho * 9.807 * 71.0, 10.0);
    EXPECT_NEAR(climate->pressurePa[8759],
                headroom::model::psychro::stationPressureFromSeaLevelPa(101990.0, 5.3, 71.0), 1e-6);
    for (std::size_t k = 0; k < climate->hours(); ++k) {
        if (climate->dewPointC[k] < 0.0) {
            continue; // ASHRAE gives the frost point over ice there; Magnus is over water
        }
        ASSERT_NEAR(climate->dewPointC[k],
                    magnusDewPoint(climate->dryBulbC[k], climate->relativeHumidityPct[k]), 0.15)
            << "hour " << k;
    }
}

class CsvSynthetic : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("headroom_csv_test_" +
                 std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()));
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path path = m_dir / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    fs::path m_dir;
};

CsvWeatherMapping simpleMapping() {
    CsvWeatherMapping mapping;
    mapping.timestampColumn = "time";
    mapping.temperatureColumn = "t";
    mapping.relativeHumidityColumn = "rh";
    mapping.pressureColumn = "p";
    mapping.pressureUnit = "Pa";
    return mapping;
}

/// A calendar year of UTC observations, hour by hour from YYYY-01-01T00:00Z; the value
/// of t is the hour index mod 30, so each row can be recognised.
std::string makeCsv(int year, std::size_t skipFrom = 0, std::size_t skipCount = 0,
                    const std::string& eol = "\n") {
    std::string text = "time,t,rh,p" + eol;
    const int days = (year % 4 == 0) ? 366 : 365;
    static const int monthDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::size_t k = 0;
    for (int m = 1; m <= 12; ++m) {
        for (int d = 1; d <= monthDays[m - 1] + (m == 2 && days == 366 ? 1 : 0); ++d) {
            for (int h = 0; h < 24; ++h, ++k) {
                if (k >= skipFrom && k < skipFrom + skipCount) {
                    continue;
                }
                char stamp[32];
                std::snprintf(stamp, sizeof stamp, "%04d-%02d-%02dT%02d:00Z", year, m, d, h);
                text += std::string(stamp) + "," + std::to_string(k % 30) + ",50,100000" + eol;
            }
        }
    }
    return text;
}

const Diagnostic* firstError(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::Error) {
            return &d;
        }
    }
    return nullptr;
}

TEST_F(CsvSynthetic, ShiftsUtcToLocalStandardTime) {
    auto mapping = simpleMapping();
    mapping.utcOffsetHours = -6.0;
    Diagnostics diagnostics;
    const auto climate =
        CsvWeather::load(write("shift.csv", makeCsv(2021, 0, 0, "\r\n")), mapping, diagnostics);
    ASSERT_TRUE(climate);
    EXPECT_TRUE(diagnostics.empty());
    ASSERT_EQ(climate->hours(), 8760u);
    // UTC 2021-01-01T06:00Z (k = 6) is local 00:00, the end of 31 Dec hour 24; the UTC
    // 07:00Z row (k = 7) is local hour 1 of 1 January.
    EXPECT_DOUBLE_EQ(climate->dryBulbC[0], 7.0);
    EXPECT_DOUBLE_EQ(climate->dryBulbC[8759], 6.0);
    // The first six UTC hours are local 31 Dec 18:00-23:00 of 2020, wrapped to the end.
    EXPECT_DOUBLE_EQ(climate->dryBulbC[8759 - 6], 0.0);
    // 50 % at 0 degC and 1000 hPa: the dew (frost) point holds the vapour pressure.
    const double w =
        headroom::model::psychro::humidityRatioFromDewPoint(climate->dewPointC[8759 - 6], 100000.0);
    EXPECT_NEAR(headroom::model::psychro::relativeHumidityFromHumidityRatio(0.0, w, 100000.0), 0.5,
                1e-9);
}

TEST_F(CsvSynthetic, LocalTimestampsAreNotShifted) {
    auto mapping = simpleMapping();
    mapping.utcOffsetHours = -6.0;
    mapping.timestampIsUtc = false;
    std::string text = makeCsv(2021);
    // Strip the Z so the timestamps carry no offset of their own.
    for (std::size_t pos; (pos = text.find("Z,")) != std::string::npos;) {
        text.erase(pos, 1);
    }
    Diagnostics diagnostics;
    const auto climate = CsvWeather::load(write("local.csv", text), mapping, diagnostics);
    ASSERT_TRUE(climate);
    EXPECT_DOUBLE_EQ(climate->dryBulbC[0], 1.0);
    EXPECT_DOUBLE_EQ(climate->dryBulbC[8759], 0.0);
}

TEST_F(CsvSynthetic, ExplicitOffsetWinsAndUnitsConvert) {
    auto mapping = simpleMapping();
    mapping.temperatureUnit = "degF";
    mapping.timestampIsUtc = false;
    std::string text = makeCsv(2021);
    // Every timestamp written one hour ahead of UTC: the rows become one hour earlier.
    for (std::size_t pos; (pos = text.find("Z,")) != std::string::npos;) {
        text.replace(pos, 1, "+01:00");
    }
    Diagnostics diagnostics;
    const auto climate = CsvWeather::load(write("offset.csv", text), mapping, diagnostics);
    ASSERT_TRUE(climate);
    // Row k is UTC hour k - 1, local standard (offset 0) hour k - 1, so it ends slot k - 2:
    // k = 2 ends hour 1 of 1 January; k = 1 ends hour 24 of 31 December. Values in degF.
    EXPECT_NEAR(climate->dryBulbC[0], (2.0 - 32.0) * 5.0 / 9.0, 1e-9);
    EXPECT_NEAR(climate->dryBulbC[8759], (1.0 - 32.0) * 5.0 / 9.0, 1e-9);
}

TEST_F(CsvSynthetic, InterpolatesMissingCellsAndRows) {
    std::string text = makeCsv(2021, 100, 2); // two rows absent
    // Empty the temperature on the row of k = 500.
    const std::string row500 = "2021-01-21T20:00Z,20,50,100000";
    const auto pos = text.find(row500);
    ASSERT_NE(pos, std::string::npos);
    text.replace(pos, row500.size(), "2021-01-21T20:00Z,,50,100000");
    Diagnostics diagnostics;
    const auto climate = CsvWeather::load(write("gaps.csv", text), simpleMapping(), diagnostics);
    ASSERT_TRUE(climate);
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_EQ(diagnostics.count(Severity::Warning), 4); // t, rh, p for the rows; t alone
    // Slot = k - 1 (hour ending). k = 99 -> 9, k = 102 -> 12 degC; 100 and 101 between.
    EXPECT_NEAR(climate->dryBulbC[99], 10.0, 1e-12);
    EXPECT_NEAR(climate->dryBulbC[100], 11.0, 1e-12);
    EXPECT_NEAR(climate->dryBulbC[499], 20.0, 1e-12); // between 19 and 21
}

TEST_F(CsvSynthetic, LongGapIsAnErrorNamingTheHours) {
    Diagnostics diagnostics;
    EXPECT_FALSE(
        CsvWeather::load(write("long.csv", makeCsv(2021, 1000, 7)), simpleMapping(), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, headroom::model::DiagnosticKind::Meaning);
    // k = 1000 is 2021-02-11T16:00Z, which ends hour 16 of 11 February.
    EXPECT_NE(error->message.find("7 consecutive hours (2/11 hour 16 to 2/11 hour 22"),
              std::string::npos)
        << error->message;
    EXPECT_EQ(error->line, 1000 + 1); // the row before the gap (k = 999 is line 1001)
}

TEST_F(CsvSynthetic, MalformedValueGivesLineAndColumn) {
    std::string text = makeCsv(2021);
    const std::string row = "2021-01-01T03:00Z,3,50,100000";
    text.replace(text.find(row), row.size(), "2021-01-01T03:00Z,3,5O,100000");
    Diagnostics diagnostics;
    EXPECT_FALSE(CsvWeather::load(write("bad.csv", text), simpleMapping(), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, headroom::model::DiagnosticKind::Syntax);
    EXPECT_EQ(error->line, 5);
    EXPECT_EQ(error->column, 21);
    // What the value is, the file's own name for its column, what was found and expected.
    EXPECT_EQ(error->message,
              "relative humidity (column \"rh\"): expected a finite number, found \"5O\"");
}

TEST_F(CsvSynthetic, ColumnsListsTheHeaderForAMapping) {
    Diagnostics diagnostics;
    const auto columns = CsvWeather::columns(write("columns.csv", makeCsv(2021)), diagnostics);
    ASSERT_TRUE(columns);
    EXPECT_EQ(*columns, (std::vector<std::string>{"time", "t", "rh", "p"}));
    EXPECT_FALSE(CsvWeather::columns(write("empty.csv", ""), diagnostics));
    ASSERT_NE(firstError(diagnostics), nullptr);
    EXPECT_EQ(firstError(diagnostics)->line, 1);
}

TEST_F(CsvSynthetic, BadTimestampGivesColumn) {
    std::string text = makeCsv(2021);
    text.replace(text.find("2021-01-01T05:00Z"), 17, "2021-01-01T05h00Z");
    Diagnostics diagnostics;
    EXPECT_FALSE(CsvWeather::load(write("stamp.csv", text), simpleMapping(), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->line, 7);
    EXPECT_EQ(error->column, 14);
}

TEST_F(CsvSynthetic, DuplicateHourAndMissingColumn) {
    std::string text = makeCsv(2021);
    text += "2021-03-01T10:00Z,1,50,100000\n";
    Diagnostics duplicate;
    EXPECT_FALSE(CsvWeather::load(write("dup.csv", text), simpleMapping(), duplicate));
    ASSERT_NE(firstError(duplicate), nullptr);
    EXPECT_NE(firstError(duplicate)->message.find("a second observation for 3/1 hour 10"),
              std::string::npos)
        << firstError(duplicate)->message;

    auto mapping = simpleMapping();
    mapping.pressureColumn = "msl";
    Diagnostics column;
    EXPECT_FALSE(CsvWeather::load(write("col.csv", makeCsv(2021)), mapping, column));
    ASSERT_NE(firstError(column), nullptr);
    EXPECT_EQ(firstError(column)->line, 1);
    EXPECT_NE(firstError(column)->message.find("no pressure column \"msl\""), std::string::npos);
}

TEST_F(CsvSynthetic, OutOfRangeAndBadUnit) {
    std::string text = makeCsv(2021);
    const std::string row = "2021-01-01T03:00Z,3,50,100000";
    text.replace(text.find(row), row.size(), "2021-01-01T03:00Z,3,50,1000");
    Diagnostics range;
    EXPECT_FALSE(CsvWeather::load(write("range.csv", text), simpleMapping(), range));
    ASSERT_NE(firstError(range), nullptr);
    EXPECT_EQ(firstError(range)->kind, headroom::model::DiagnosticKind::Meaning);
    EXPECT_EQ(firstError(range)->line, 5);

    auto mapping = simpleMapping();
    mapping.pressureUnit = "degC";
    Diagnostics unit;
    EXPECT_FALSE(CsvWeather::load(write("unit.csv", makeCsv(2021)), mapping, unit));
    ASSERT_NE(firstError(unit), nullptr);
    EXPECT_NE(firstError(unit)->message.find("pressure unit 'degC'"), std::string::npos);
}

TEST_F(CsvSynthetic, LeapYearAndMissingFile) {
    Diagnostics diagnostics;
    const auto climate =
        CsvWeather::load(write("leap.csv", makeCsv(2020)), simpleMapping(), diagnostics);
    ASSERT_TRUE(climate);
    EXPECT_EQ(climate->hours(), 8784u);

    Diagnostics missing;
    EXPECT_FALSE(CsvWeather::load(m_dir / "absent.csv", simpleMapping(), missing));
    ASSERT_EQ(missing.items().size(), 1u);
    EXPECT_EQ(missing.items()[0].kind, headroom::model::DiagnosticKind::NotFound);
}

} // namespace
