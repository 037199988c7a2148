// Fuzzes the hourly series (grid CSV) reader. The first byte picks the options a site
// file could set (field, calendar length, time zone, max_gap); the rest is the CSV text.
// Any text gives one finite, in-range value per hour and no error, or an error and no
// values; never a crash or a hang. Short calendars let the fuzzer reach the cell checks
// without writing 8760 rows.
#include "model/site/hourly_series_reader.h"
#include "model/site/site_fields.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

headroom::model::HourCalendar shortCalendar(std::size_t days) {
    headroom::model::HourCalendar calendar;
    for (std::size_t d = 0; d < days; ++d) {
        for (int h = 1; h <= 24; ++h) {
            calendar.month.push_back(static_cast<std::uint8_t>(1 + d / 31));
            calendar.hour.push_back(static_cast<std::uint8_t>(h));
        }
    }
    return calendar;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    if (size == 0) {
        return 0;
    }
    const std::uint8_t options = data[0];
    static const char* const pointers[] = {"/grid/carbon_intensity", "/grid/water_intensity",
                                           "/it/utilization", "/grid/carbon_intensity"};
    static const char* const units[] = {"g/kWh", "gal/MWh", "%", "kg/kWh"};
    const std::size_t which = options & 3u;
    const FieldDef& field = *findSiteField(pointers[which]);
    nlohmann::json spec = {{"csv", "grid.csv"}, {"column", "value"}, {"unit", units[which]}};
    if (options & 4u) {
        spec["time_zone"] = "utc";
    }
    if (options & 8u) {
        spec["max_gap"] = "1 d";
    }
    static const HourCalendar oneDay = shortCalendar(1);
    static const HourCalendar twoDays = shortCalendar(2);
    static const HourCalendar year = HourCalendar::standardYear();
    const HourCalendar& calendar = (options & 0x30u) == 0x30u ? year
                                   : (options & 0x10u)        ? twoDays
                                                              : oneDay;
    Diagnostics diagnostics;
    SeriesContext context{"site.json", "/nonexistent-fuzz-base", nullptr,
                          static_cast<double>(static_cast<std::int8_t>(options)) / 8.0,
                          &diagnostics};
    const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
    const auto series =
        resolveCsvSeriesText(field, spec, text, "grid.csv", pointers[which], calendar, context);
    if (diagnostics.hasErrors() != series.values.empty()) {
        std::abort();
    }
    if (diagnostics.hasErrors()) {
        return 0;
    }
    if (series.values.size() != calendar.hours()) {
        std::abort();
    }
    // The field's range in the series' own scale (kg/kWh, L/kWh, 0-1).
    const double scale = seriesScaleFromSi(field.quantity);
    const double low = *parseQuantityOfKind(field.quantity, field.min).value * scale;
    const double high = *parseQuantityOfKind(field.quantity, field.max).value * scale;
    for (const double value : series.values) {
        if (!std::isfinite(value) || value < low - 1e-9 || value > high + 1e-9) {
            std::abort();
        }
    }
    return 0;
}
