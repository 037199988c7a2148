// The CSV reports parsed back with an RFC 4180 reader: row counts, column names with
// units, timestamps, quoting, and sums that equal the run's annual totals.
#include "model/report/csv_writer.h"
#include "model/report/json_summary.h"
#include "model/report/synthetic_run_result.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <unistd.h>

namespace headroom::model {
namespace {

using Table = std::vector<std::vector<std::string>>;

/// A strict RFC 4180 reader: CRLF records, quoted fields with doubled quotes.
Table parseCsv(const std::string& text) {
    Table rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                field += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == '"') {
            EXPECT_TRUE(field.empty()) << "quote inside an unquoted field at " << i;
            quoted = true;
        } else if (c == ',') {
            row.push_back(field);
            field.clear();
        } else if (c == '\r') {
            EXPECT_TRUE(i + 1 < text.size() && text[i + 1] == '\n') << "bare CR at " << i;
            row.push_back(field);
            field.clear();
            rows.push_back(row);
            row.clear();
            ++i;
        } else {
            EXPECT_NE(c, '\n') << "bare LF at " << i;
            field += c;
        }
    }
    EXPECT_FALSE(quoted);
    EXPECT_TRUE(row.empty() && field.empty()) << "last record not ended by CRLF";
    return rows;
}

double columnSum(const Table& table, const std::string& name) {
    const auto& header = table.front();
    const auto it = std::find(header.begin(), header.end(), name);
    EXPECT_NE(it, header.end()) << "no column " << name;
    if (it == header.end()) {
        return 0.0;
    }
    const auto column = static_cast<std::size_t>(it - header.begin());
    double sum = 0.0;
    for (std::size_t r = 1; r < table.size(); ++r) {
        EXPECT_EQ(table[r].size(), header.size()) << "row " << r;
        sum += std::stod(table[r][column]);
    }
    return sum;
}

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Tolerance: the writer prints shortest round-trip doubles, so the only error is the
// summation order of 8760 terms: 1e-9 relative is ample and far below a printed digit.
constexpr double kRelative = 1e-9;

TEST(CsvWriter, HourlySumsToTheAnnualTotals) {
    const RunResult run = testing::syntheticRunResult();
    const Table table = parseCsv(hourlyCsv(run, UnitSystem::SI));
    ASSERT_EQ(table.size(), 8761u);
    EXPECT_NEAR(columnSum(table, "it_input_power_kw") / 1000.0, run.annual.itEnergyMwh,
                kRelative * run.annual.itEnergyMwh);
    EXPECT_NEAR(columnSum(table, "facility_power_kw") / 1000.0, run.annual.facilityEnergyMwh,
                kRelative * run.annual.facilityEnergyMwh);
    EXPECT_NEAR(columnSum(table, "water_l") / 1000.0, run.annual.waterM3,
                kRelative * run.annual.waterM3);
    EXPECT_NEAR(columnSum(table, "carbon_kg") / 1000.0, run.annual.carbonLocationT,
                kRelative * run.annual.carbonLocationT);
    const double parts = columnSum(table, "evaporation_l") + columnSum(table, "blowdown_l") +
                         columnSum(table, "drift_l") + columnSum(table, "humidification_l");
    EXPECT_NEAR(parts / 1000.0, run.annual.waterM3, kRelative * run.annual.waterM3);
    EXPECT_NEAR((columnSum(table, "it_power_kw") + columnSum(table, "psu_loss_kw")) / 1000.0,
                run.annual.itEnergyMwh, kRelative * run.annual.itEnergyMwh);
}

TEST(CsvWriter, HourlyTimestampsAreIso8601LocalStandardTime) {
    const RunResult run = testing::syntheticRunResult();
    const Table table = parseCsv(hourlyCsv(run, UnitSystem::SI));
    ASSERT_EQ(table.size(), 8761u);
    EXPECT_EQ(table[0][0], "timestamp");
    EXPECT_EQ(table[1][0], "2001-01-01T00:00-05:00");
    EXPECT_EQ(table[25][0], "2001-01-02T00:00-05:00");
    EXPECT_EQ(table[8760][0], "2001-12-31T23:00-05:00");
    std::map<std::string, int> modes;
    const auto modeColumn = static_cast<std::size_t>(
        std::find(table[0].begin(), table[0].end(), "cooling_mode") - table[0].begin());
    for (std::size_t r = 1; r < table.size(); ++r) {
        ++modes[table[r][modeColumn]];
    }
    for (int m = 0; m < kCoolingModeCount; ++m) {
        EXPECT_EQ(modes[coolingModeName(static_cast<CoolingMode>(m))],
                  run.annual.modeHours[static_cast<std::size_t>(m)]);
    }
}

TEST(CsvWriter, IsoHourStartHandlesHalfHourOffsets) {
    EXPECT_EQ(isoHourStart(2001, 7, 4, 24, 5.5), "2001-07-04T23:00+05:30");
    EXPECT_EQ(isoHourStart(2000, 2, 29, 1, 0.0), "2000-02-29T00:00+00:00");
    EXPECT_EQ(isoHourStart(2001, 1, 1, 1, -3.5), "2001-01-01T00:00-03:30");
}

TEST(CsvWriter, MonthlySumsToTheAnnualTotals) {
    const RunResult run = testing::syntheticRunResult();
    const Table table = parseCsv(monthlyCsv(run, UnitSystem::SI));
    ASSERT_EQ(table.size(), 13u);
    EXPECT_NEAR(columnSum(table, "it_energy_mwh"), run.annual.itEnergyMwh,
                kRelative * run.annual.itEnergyMwh);
    EXPECT_NEAR(columnSum(table, "water_m3"), run.annual.waterM3, kRelative * run.annual.waterM3);
    EXPECT_NEAR(columnSum(table, "carbon_location_t"), run.annual.carbonLocationT,
                kRelative * run.annual.carbonLocationT);
    EXPECT_NEAR(columnSum(table, "carbon_market_t"), run.annual.carbonMarketT,
                kRelative * run.annual.carbonMarketT);
    EXPECT_NEAR(columnSum(table, "water_hours"), 8760.0 - run.annual.waterFreeHours, 0.0);
    // Issue 14: the hours outside the envelope, by month, sum to the year's.
    ASSERT_GT(run.annual.hoursTooDry, 0);
    EXPECT_EQ(columnSum(table, "hours_outside_envelope"), run.annual.hoursOutsideEnvelope);
    EXPECT_EQ(columnSum(table, "hours_too_dry"), run.annual.hoursTooDry);
    EXPECT_EQ(columnSum(table, "hours_too_humid"), run.annual.hoursTooHumid);
}

TEST(CsvWriter, ImperialUnitsConvertWaterAndTemperature) {
    const RunResult run = testing::syntheticRunResult();
    const Table hourly = parseCsv(hourlyCsv(run, UnitSystem::IP));
    // 1 US gal = 3.785411784 L exactly (NIST SP 811).
    EXPECT_NEAR(columnSum(hourly, "water_gal") * 3.785411784 / 1000.0, run.annual.waterM3,
                kRelative * run.annual.waterM3);
    const auto header = hourly.front();
    EXPECT_EQ(std::count(header.begin(), header.end(), "dry_bulb_f"), 1);
    EXPECT_EQ(std::count(header.begin(), header.end(), "dry_bulb_c"), 0);
    const auto dryBulb = static_cast<std::size_t>(
        std::find(header.begin(), header.end(), "dry_bulb_f") - header.begin());
    EXPECT_NEAR(std::stod(hourly[1][dryBulb]), run.hourly.dryBulbC[0] * 1.8 + 32.0, 1e-12);
    const Table monthly = parseCsv(monthlyCsv(run, UnitSystem::IP));
    EXPECT_NEAR(columnSum(monthly, "water_gal") * 3.785411784 / 1000.0, run.annual.waterM3,
                kRelative * run.annual.waterM3);
    EXPECT_NEAR(columnSum(monthly, "it_energy_mwh"), run.annual.itEnergyMwh,
                kRelative * run.annual.itEnergyMwh);
}

TEST(CsvWriter, SummaryQuotesTextAndMatchesTheKpis) {
    const RunResult run = testing::syntheticRunResult();
    const std::string text =
        csvRow(summaryCsvHeader(UnitSystem::SI)) + csvRow(summaryCsvValues(run, UnitSystem::SI));
    EXPECT_NE(text.find("\"Test, \"\"site\"\"\""), std::string::npos) << text;
    const Table table = parseCsv(text);
    ASSERT_EQ(table.size(), 2u);
    EXPECT_EQ(table[1][0], "Test, \"site\"");
    EXPECT_EQ(table[1][1], run.scenarioHash);
    EXPECT_EQ(std::stod(table[1][2]), run.annual.pue) << "round trip must be exact";
    EXPECT_EQ(columnSum(table, "water_m3"), run.annual.waterM3);
    EXPECT_EQ(columnSum(table, "chips"), 6400.0);
    EXPECT_EQ(columnSum(table, "hours_outside_envelope"), run.annual.hoursOutsideEnvelope);
    EXPECT_EQ(columnSum(table, "hours_too_dry"), run.annual.hoursTooDry);
}

TEST(CsvWriter, WriterPutsThreeFilesInTheFolder) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("headroom-csv-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const RunResult run = testing::syntheticRunResult();
    const auto outcome =
        CsvReportWriter().write(run, {dir / "nested", UnitSystem::SI, "a4", std::nullopt});
    ASSERT_TRUE(outcome.ok);
    ASSERT_EQ(outcome.files.size(), 3u);
    EXPECT_EQ(parseCsv(slurp(dir / "nested" / "hourly.csv")).size(), 8761u);
    EXPECT_EQ(parseCsv(slurp(dir / "nested" / "monthly.csv")).size(), 13u);
    EXPECT_EQ(parseCsv(slurp(dir / "nested" / "summary.csv")).size(), 2u);
    std::filesystem::remove_all(dir);
}

TEST(CsvWriter, AnUnwritableFolderIsADiagnosticNotACrash) {
    const RunResult run = testing::syntheticRunResult();
    const auto outcome =
        CsvReportWriter().write(run, {"/proc/no-such-dir", UnitSystem::SI, "a4", std::nullopt});
    EXPECT_FALSE(outcome.ok);
    EXPECT_TRUE(outcome.diagnostics.hasErrors());
}

} // namespace
} // namespace headroom::model
