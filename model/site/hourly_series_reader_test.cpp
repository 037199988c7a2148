// The CSV-column shape of series fields, from text: values in the field's unit, every
// problem located in the CSV file, and the field's range held as for a constant.
#include "model/site/hourly_series_reader.h"
#include "model/site/site_fields.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace headroom::model {
namespace {

using json = nlohmann::json;

HourCalendar oneDay() {
    HourCalendar calendar;
    for (int h = 1; h <= 24; ++h) {
        calendar.month.push_back(1);
        calendar.hour.push_back(static_cast<std::uint8_t>(h));
    }
    return calendar;
}

struct CsvRead {
    HourlySeries series;
    std::vector<std::string> diagnostics; ///< formatted, as the CLI prints them
};

CsvRead readCsv(const std::string& pointer, const json& spec, std::string_view text) {
    Diagnostics diagnostics;
    const SeriesContext context{"site.json", "/nonexistent", nullptr, -5.0, &diagnostics};
    CsvRead read;
    read.series = resolveCsvSeriesText(*findSiteField(pointer), spec, text, "grid.csv", pointer,
                                       oneDay(), context);
    for (const auto& d : diagnostics.items()) {
        read.diagnostics.push_back(formatDiagnostic(d));
    }
    return read;
}

/// "hour,value" and 24 rows; row h (1-based) holds cell(h).
template <class Cell> std::string day(Cell cell) {
    std::string text = "hour,value\n";
    for (int h = 1; h <= 24; ++h) {
        text += std::to_string(h) + "," + cell(h) + "\n";
    }
    return text;
}

const json kCarbon = {{"csv", "grid.csv"}, {"column", "value"}, {"unit", "g/kWh"}};

TEST(HourlySeriesCsv, ReadsAColumnInTheFieldsUnit) {
    const auto read = readCsv("/grid/carbon_intensity", kCarbon,
                              day([](int h) { return std::to_string(400 + h); }));
    ASSERT_TRUE(read.diagnostics.empty()) << ::testing::PrintToString(read.diagnostics);
    ASSERT_EQ(read.series.values.size(), 24u);
    // 401 g/kWh = 0.401 kg/kWh exactly (1 kg = 1000 g).
    EXPECT_NEAR(read.series.values[0], 0.401, 1e-15);
    EXPECT_NEAR(read.series.values[23], 0.424, 1e-15);
}

// Found by grid_csv_fuzz (tests/fuzz/regressions/grid_csv_fuzz/carbon_above_range): CSV
// cells skipped the range a constant is held to, so 24122 g/kWh loaded as 24 kg/kWh.
TEST(HourlySeriesCsv, ACellOutOfTheFieldsRangeIsLocatedInTheCsv) {
    const auto read =
        readCsv("/grid/carbon_intensity", kCarbon,
                day([](int h) { return h == 17 ? std::string("24122") : std::string("400"); }));
    EXPECT_TRUE(read.series.values.empty());
    EXPECT_EQ(read.diagnostics,
              (std::vector<std::string>{
                  "grid.csv:18:4: error: /grid/carbon_intensity: column \"value\": expected a "
                  "carbon intensity from 0 kg/kWh to 2 kg/kWh, got \"24122 g/kWh\""}));
    const json utilization = {{"csv", "grid.csv"}, {"column", "value"}};
    const auto negative =
        readCsv("/it/utilization", utilization,
                day([](int h) { return h == 1 ? std::string("-0.1") : std::string("0.7"); }));
    EXPECT_EQ(negative.diagnostics,
              (std::vector<std::string>{"grid.csv:2:3: error: /it/utilization: column \"value\": "
                                        "expected a fraction from 0 % to 100 %, got \"-0.1\""}));
}

TEST(HourlySeriesCsv, AFileOfGarbageGivesAShortList) {
    const auto read =
        readCsv("/grid/carbon_intensity", kCarbon, day([](int) { return std::string("n/a"); }));
    EXPECT_TRUE(read.series.values.empty());
    ASSERT_EQ(read.diagnostics.size(), 11u);
    EXPECT_EQ(read.diagnostics.front(), "grid.csv:2:3: error: /grid/carbon_intensity: column "
                                        "\"value\": expected a finite number, got \"n/a\"");
    EXPECT_EQ(read.diagnostics.back(), "grid.csv:12:1: error: /grid/carbon_intensity: 14 more "
                                       "rows from this line on have errors like those above");
}

TEST(HourlySeriesCsv, AHugeCellIsCutShortInTheMessage) {
    const std::string huge(10u << 20, '9'); // 10 MB of digits: out of a double's range
    const auto read = readCsv("/grid/carbon_intensity", kCarbon,
                              day([&](int h) { return h == 2 ? huge : std::string("400"); }));
    EXPECT_EQ(read.diagnostics,
              (std::vector<std::string>{"grid.csv:3:3: error: /grid/carbon_intensity: column "
                                        "\"value\": expected a finite number, got \"" +
                                        std::string(40, '9') + "...\" (10485760 bytes)"}));
}

// Issue 17 item 6: a missing column printed the whole first line of the file (2,236
// characters seen), whatever the file was.
TEST(HourlySeriesCsv, AMissingColumnListsAFewNamesNotTheLine) {
    std::string header;
    for (int c = 0; c < 250; ++c) {
        header += (c == 0 ? "" : ",") + ("column_" + std::to_string(c));
    }
    const auto wide = readCsv("/grid/carbon_intensity", kCarbon, header + "\n");
    ASSERT_EQ(wide.diagnostics.size(), 1u);
    EXPECT_LT(wide.diagnostics[0].size(), 400u) << wide.diagnostics[0];
    EXPECT_NE(wide.diagnostics[0].find("... (250 columns)"), std::string::npos);

    const auto passwd = readCsv("/grid/carbon_intensity", kCarbon,
                                "root:x:0:0:root:/root:/bin/bash\nsecret:x:1:1::/:/bin/sh\n");
    ASSERT_EQ(passwd.diagnostics.size(), 1u);
    EXPECT_EQ(passwd.diagnostics[0],
              "site.json: error: /grid/carbon_intensity/column: no column \"value\" in "
              "\"grid.csv\": its first line is not a CSV header row");
}

TEST(HourlySeriesCsv, NanAndInfinityCellsAreRefused) {
    const auto read =
        readCsv("/grid/carbon_intensity", kCarbon,
                day([](int h) { return h == 3 ? std::string("nan") : std::string("400"); }));
    ASSERT_EQ(read.diagnostics.size(), 1u);
    EXPECT_EQ(read.diagnostics[0], "grid.csv:4:3: error: /grid/carbon_intensity: column "
                                   "\"value\": expected a finite number, got \"nan\"");
}

} // namespace
} // namespace headroom::model
