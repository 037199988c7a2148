#pragma once
// CSV reports (RFC 4180: comma separated, CRLF line ends, fields quoted when they hold a
// comma, quote or line break): hourly.csv (one row per hour), monthly.csv (12 rows) and
// summary.csv (one row, the columns of the result store's kpis table). Units are in the
// column names (it_power_kw); timestamps are ISO 8601 in local standard time.

#include "model/report/report_writer.h"

#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// One CSV field, quoted only when RFC 4180 requires it.
std::string csvField(std::string_view text);
/// Fields joined by commas and ended with CRLF.
std::string csvRow(const std::vector<std::string>& fields);

/// ISO 8601 start of an hour-ending hour in local standard time, with its UTC offset:
/// month 1, day 1, hour 1 at UTC-5 -> "2001-01-01T00:00-05:00". A typical year has no
/// year of its own; the nominal year is 2001, or 2000 when the data holds Feb 29.
std::string isoHourStart(int year, int month, int day, int hourEnding, double utcOffsetHours);

std::string hourlyCsv(const RunResult& result, UnitSystem units);
std::string monthlyCsv(const RunResult& result, UnitSystem units);
/// The header and the value row of summary.csv (site, scenario_hash, then every KPI).
std::vector<std::string> summaryCsvHeader(UnitSystem units);
std::vector<std::string> summaryCsvValues(const RunResult& result, UnitSystem units);

/// Writes hourly.csv, monthly.csv and summary.csv.
class CsvReportWriter final : public ReportWriter {
public:
    std::string shortName() const override { return "csv"; }
    std::vector<std::string> extensions() const override { return {"csv"}; }
    std::string description() const override {
        return "CSV: hourly.csv (8760 rows), monthly.csv, summary.csv";
    }
    WriteOutcome write(const RunResult& result, const ReportOptions& options) const override;
};

} // namespace headroom::model
