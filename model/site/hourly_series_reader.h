#pragma once
// Resolves a site file's series fields (grid carbon and water intensity, utilization)
// to one value per hour of the climate year: from a constant, a 12x24 month-by-hour
// table, a 24-hour profile, or a CSV column. CSV gaps of blank cells up to max_gap
// (default 6 h) are interpolated with a warning; longer gaps are an error naming rows.

#include "model/climate/climate.h"
#include "model/core/diagnostic.h"
#include "model/json/located_json.h"
#include "model/site/site.h"
#include "model/site/site_fields.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// Month (1-12) and hour-ending (1-24) of each hour of the year.
struct HourCalendar {
    std::vector<std::uint8_t> month;
    std::vector<std::uint8_t> hour;

    std::size_t hours() const { return month.size(); }
    /// 8760 hours of a non-leap year, used when no climate calendar is at hand.
    static HourCalendar standardYear();
    static HourCalendar fromClimate(const Climate& climate);
};

struct SeriesContext {
    std::string fileName;          ///< the site file, for diagnostics
    std::filesystem::path baseDir; ///< relative CSV paths start here
    const LocatedJson* located = nullptr;
    double utcOffsetHours = 0.0; ///< for CSV rows in UTC
    Diagnostics* diagnostics = nullptr;
};

/// The series at pointer, in kg/kWh, L/kWh or 0-1 (seriesScaleFromSi), one value per
/// calendar hour. The value must already have passed the reader's shape checks.
HourlySeries resolveSeries(const FieldDef& field, const nlohmann::json& value,
                           const std::string& pointer, const HourCalendar& calendar,
                           const SeriesContext& context);

/// The CSV-column shape alone, from the CSV file's text (resolveSeries reads the file and
/// calls this): value is the checked {"csv", "column", ...} object, csvName labels the
/// diagnostics located in the CSV. Empty values when diagnostics got an error.
HourlySeries resolveCsvSeriesText(const FieldDef& field, const nlohmann::json& value,
                                  std::string_view csvText, const std::string& csvName,
                                  const std::string& pointer, const HourCalendar& calendar,
                                  const SeriesContext& context);

/// Several columns of one CSV text in a single pass, as resolveCsvSeriesText reads one
/// (value's "column" is not read): one series per name of columns, in their order; empty
/// when diagnostics got an error.
std::vector<std::vector<double>>
resolveCsvColumnsText(const FieldDef& field, const nlohmann::json& value,
                      const std::vector<std::string>& columns, std::string_view csvText,
                      const std::string& csvName, const std::string& pointer,
                      const HourCalendar& calendar, const SeriesContext& context);

} // namespace headroom::model
