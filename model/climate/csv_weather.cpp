#include "model/climate/csv_weather.h"

#include "model/climate/hourly_gaps.h"
#include "model/climate/psychrometrics.h"
#include "model/climate/text_lines.h"
#include "model/core/finite_number.h"
#include "model/units/quantity_parser.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <map>
#include <sstream>
#include <system_error>
#include <vector>

namespace headroom::model {

namespace {

constexpr int kMaxErrors = 25;

struct Field {
    std::string text;
    int column; ///< 1-based
};

/// Splits one CSV record (RFC 4180 quoting, on a single line).
std::vector<Field> splitCsv(std::string_view line) {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
        Field field{std::string(), static_cast<int>(i) + 1};
        if (i < line.size() && line[i] == '"') {
            ++i;
            while (i < line.size()) {
                if (line[i] == '"') {
                    if (i + 1 < line.size() && line[i + 1] == '"') {
                        field.text += '"';
                        i += 2;
                        continue;
                    }
                    ++i;
                    break;
                }
                field.text += line[i++];
            }
            while (i < line.size() && line[i] != ',') {
                ++i;
            }
        } else {
            const std::size_t comma = line.find(',', i);
            const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
            field.text = std::string(line.substr(i, end - i));
            i = end;
        }
        fields.push_back(std::move(field));
        if (i >= line.size()) {
            break;
        }
        ++i; // the comma
        if (i == line.size()) {
            fields.push_back({std::string(), static_cast<int>(i) + 1});
            break;
        }
    }
    return fields;
}

// Civil-calendar arithmetic (proleptic Gregorian), after H. Hinnant, "chrono-Compatible
// Low-Level Date Algorithms" (days_from_civil / civil_from_days).
std::int64_t daysFromCivil(std::int64_t y, int m, int d) {
    y -= m <= 2 ? 1 : 0;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const std::int64_t yoe = y - era * 400;
    const std::int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct CivilDate {
    std::int64_t year;
    int month;
    int day;
};

CivilDate civilFromDays(std::int64_t z) {
    z += 719468;
    const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    const std::int64_t doe = z - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
    const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
    return {yoe + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

bool isLeapYear(std::int64_t y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

std::int64_t floorDiv(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

/// Parses an ISO 8601 date-time; minutes since 1970-01-01 00:00 (UTC when the text or
/// the default says so), or an error message with its offset in the text.
struct ParsedTime {
    std::int64_t minutes = 0;
    bool hasOffset = false;
    std::string error;
    std::size_t errorOffset = 0;
};

ParsedTime parseIsoTimestamp(std::string_view text) {
    ParsedTime result;
    std::size_t pos = 0;
    auto fail = [&](std::string message) {
        result.error = std::move(message);
        result.errorOffset = pos;
        return result;
    };
    auto digits = [&](std::size_t count, int& out) {
        if (pos + count > text.size()) {
            return false;
        }
        int value = 0;
        for (std::size_t k = 0; k < count; ++k) {
            const char c = text[pos + k];
            if (c < '0' || c > '9') {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        out = value;
        pos += count;
        return true;
    };
    auto expect = [&](char c) {
        if (pos < text.size() && text[pos] == c) {
            ++pos;
            return true;
        }
        return false;
    };
    int year = 0;
    int month = 0;
    int day = 0;
    int hour = 0;
    int minute = 0;
    int second = 0;
    if (!digits(4, year) || !expect('-') || !digits(2, month) || !expect('-') || !digits(2, day)) {
        return fail("expected an ISO 8601 date YYYY-MM-DD");
    }
    if (month < 1 || month > 12 || day < 1 ||
        day > kDaysInMonth[static_cast<std::size_t>(month - 1)] +
                  (month == 2 && isLeapYear(year) ? 1 : 0)) {
        pos = 5;
        return fail("no such date");
    }
    if (!(expect('T') || expect(' ')) || !digits(2, hour) || !expect(':') || !digits(2, minute)) {
        return fail("expected a time hh:mm after the date (YYYY-MM-DDThh:mm)");
    }
    if (expect(':')) {
        if (!digits(2, second)) {
            return fail("expected seconds ss");
        }
        if (expect('.')) {
            while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
                ++pos;
            }
        }
    }
    if (hour > 24 || minute > 59 || second > 60 || (hour == 24 && (minute != 0 || second != 0))) {
        return fail("no such time of day");
    }
    std::int64_t offsetMinutes = 0;
    if (expect('Z')) {
        result.hasOffset = true;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
        const int sign = text[pos] == '-' ? -1 : 1;
        ++pos;
        int offsetHours = 0;
        int offsetMins = 0;
        if (!digits(2, offsetHours)) {
            return fail("expected a UTC offset +hh:mm");
        }
        expect(':');
        if (pos < text.size()) {
            if (!digits(2, offsetMins)) {
                return fail("expected a UTC offset +hh:mm");
            }
        }
        result.hasOffset = true;
        offsetMinutes = sign * (offsetHours * 60 + offsetMins);
    }
    if (pos != text.size()) {
        return fail("unexpected text after the timestamp");
    }
    // Seconds are dropped: observations are matched to whole minutes, then to hours.
    result.minutes = daysFromCivil(year, month, day) * 1440 + hour * 60 + minute - offsetMinutes;
    return result;
}

struct Observation {
    int line;
    std::int64_t hourIndex; ///< local standard hours since 1970, hour-ending
    std::array<double, 3> values;
    std::array<char, 3> missing;
};

/// A linear map from a unit to SI (K or Pa), found by asking the units layer.
struct UnitMap {
    double scale = 1.0;
    double offset = 0.0;
};

} // namespace

std::optional<Climate> CsvWeather::parse(std::string_view text, const std::string& fileName,
                                         const CsvWeatherMapping& mapping,
                                         Diagnostics& diagnostics) {
    int errors = 0;
    auto report = [&](Severity severity, DiagnosticKind kind, int line, int column,
                      std::string message) {
        if (severity == Severity::Error) {
            ++errors;
            if (errors == kMaxErrors) {
                message += " (further errors not shown)";
            } else if (errors > kMaxErrors) {
                return;
            }
        }
        diagnostics.add({fileName, line, column, std::string(), severity, kind, message});
    };
    auto error = [&](DiagnosticKind kind, int line, int column, std::string message) {
        report(Severity::Error, kind, line, column, std::move(message));
    };

    // The mapping itself.
    UnitMap temperatureUnit;
    UnitMap pressureUnit;
    {
        const auto zero = units::parseQuantity<units::Temperature>("0 " + mapping.temperatureUnit);
        const auto one = units::parseQuantity<units::Temperature>("1 " + mapping.temperatureUnit);
        if (!zero || !one) {
            error(DiagnosticKind::Meaning, 0, 0,
                  "temperature unit '" + mapping.temperatureUnit + "': " + zero.error.message);
        } else {
            temperatureUnit = {one.value->value() - zero.value->value(),
                               zero.value->value() - 273.15};
        }
        const auto pressure = units::parseQuantity<units::Pressure>("1 " + mapping.pressureUnit);
        if (!pressure) {
            error(DiagnosticKind::Meaning, 0, 0,
                  "pressure unit '" + mapping.pressureUnit + "': " + pressure.error.message);
        } else {
            pressureUnit = {pressure.value->value(), 0.0};
        }
        if (mapping.stationElevationM < -500.0 || mapping.stationElevationM > 6000.0) {
            error(DiagnosticKind::Meaning, 0, 0,
                  "station elevation " + std::to_string(mapping.stationElevationM) +
                      " m is outside -500 to 6000 m");
        }
        if (mapping.utcOffsetHours < -12.0 || mapping.utcOffsetHours > 14.0) {
            error(DiagnosticKind::Meaning, 0, 0,
                  "UTC offset " + std::to_string(mapping.utcOffsetHours) +
                      " h is outside -12 to +14 h");
        }
    }

    std::vector<TextLine> lines = splitTextLines(text);
    if (lines.empty()) {
        error(DiagnosticKind::Syntax, 1, 1, "the file is empty, expected a header row");
        return std::nullopt;
    }
    std::string_view headerLine = lines[0].text;
    if (headerLine.substr(0, 3) == "\xEF\xBB\xBF") {
        headerLine.remove_prefix(3); // UTF-8 byte-order mark
    }
    const auto header = splitCsv(headerLine);
    // Column indices: timestamp, temperature, relative humidity, pressure.
    const std::array<std::pair<const std::string*, const char*>, 4> wanted{{
        {&mapping.timestampColumn, "timestamp"},
        {&mapping.temperatureColumn, "temperature"},
        {&mapping.relativeHumidityColumn, "relative humidity"},
        {&mapping.pressureColumn, "pressure"},
    }};
    std::array<std::size_t, 4> columnIndex{};
    for (std::size_t w = 0; w < wanted.size(); ++w) {
        const std::string& name = *wanted[w].first;
        if (name.empty()) {
            error(DiagnosticKind::Meaning, 0, 0,
                  std::string("the column mapping names no ") + wanted[w].second + " column");
            continue;
        }
        const auto found = std::find_if(header.begin(), header.end(),
                                        [&](const Field& f) { return trim(f.text) == name; });
        if (found == header.end()) {
            std::vector<std::string> names;
            for (const auto& f : header) {
                names.emplace_back(trim(f.text));
            }
            const auto listed = headerNamesExcerpt(names);
            error(DiagnosticKind::Meaning, 1, 1,
                  std::string("no ") + wanted[w].second + " column " + quotedExcerpt(name, 40) +
                      (listed ? " in the header (columns: " + *listed + ")"
                              : ": the first line is not a CSV header row"));
            continue;
        }
        columnIndex[w] = static_cast<std::size_t>(found - header.begin());
    }
    if (errors > 0) {
        return std::nullopt;
    }
    const std::size_t neededFields = *std::max_element(columnIndex.begin(), columnIndex.end()) + 1;
    const std::int64_t utcOffsetMinutes = std::llround(mapping.utcOffsetHours * 60.0);

    // Rows.
    constexpr std::array<const char*, 3> kNames{"temperature", "relative humidity", "pressure"};
    std::vector<Observation> observations;
    observations.reserve(lines.size());
    for (std::size_t i = 1; i < lines.size() && errors < kMaxErrors; ++i) {
        const int lineNumber = static_cast<int>(i) + 1;
        if (trim(lines[i].text).empty()) {
            continue;
        }
        const auto fields = splitCsv(lines[i].text);
        if (fields.size() < neededFields) {
            error(DiagnosticKind::Syntax, lineNumber, static_cast<int>(lines[i].text.size()) + 1,
                  "expected at least " + std::to_string(neededFields) + " fields, found " +
                      std::to_string(fields.size()));
            continue;
        }
        Observation obs{lineNumber, 0, {0.0, 0.0, 0.0}, {0, 0, 0}};
        const Field& stamp = fields[columnIndex[0]];
        const ParsedTime time = parseIsoTimestamp(trim(stamp.text));
        if (!time.error.empty()) {
            error(DiagnosticKind::Syntax, lineNumber,
                  stamp.column + static_cast<int>(time.errorOffset),
                  "timestamp " + quotedExcerpt(stamp.text, 40) + ": " + time.error);
            continue;
        }
        // To local standard time, then to the hour it ends: an observation at 00:00
        // belongs to hour 24 of the day before (EnergyPlus hour-ending convention).
        const std::int64_t localMinutes =
            time.minutes + ((time.hasOffset || mapping.timestampIsUtc) ? utcOffsetMinutes : 0);
        obs.hourIndex = -floorDiv(-localMinutes, 60);
        bool rowOk = true;
        for (std::size_t v = 0; v < 3; ++v) {
            const Field& field = fields[columnIndex[v + 1]];
            const std::string_view value = trim(field.text);
            if (value.empty() || value == "NA" || value == "NaN" || value == "nan") {
                obs.missing[v] = 1;
                continue;
            }
            const auto parsed = parseFiniteNumber(value);
            if (!parsed) {
                error(DiagnosticKind::Syntax, lineNumber, field.column,
                      std::string(kNames[v]) + " (column " +
                          quotedExcerpt(*wanted[v + 1].first, 40) +
                          "): expected a finite number, found " + quotedExcerpt(field.text, 40));
                rowOk = false;
                continue;
            }
            const double number = *parsed;
            double si = number;
            double minimum = 0.0;
            double maximum = 0.0;
            if (v == 0) {
                si = number * temperatureUnit.scale + temperatureUnit.offset;
                minimum = -90.0;
                maximum = 70.0;
            } else if (v == 1) {
                minimum = 0.0;
                maximum = 105.0; // sensors read a little over 100 % in fog
            } else {
                si = number * pressureUnit.scale;
                minimum = 30000.0;
                maximum = 110000.0;
            }
            if (!finiteInRange(si, minimum, maximum)) {
                std::ostringstream message;
                message << kNames[v] << " (column " << quotedExcerpt(*wanted[v + 1].first, 40)
                        << ") " << quotedExcerpt(value, 40) << " is outside the plausible range "
                        << minimum << " to " << maximum
                        << (v == 0   ? " degC"
                            : v == 1 ? " %"
                                     : " Pa");
                error(DiagnosticKind::Meaning, lineNumber, field.column, message.str());
                rowOk = false;
                continue;
            }
            obs.values[v] = v == 1 ? std::min(si, 100.0) : si;
        }
        if (rowOk) {
            observations.push_back(obs);
        }
    }
    if (errors > 0) {
        return std::nullopt;
    }
    if (observations.empty()) {
        error(DiagnosticKind::Meaning, 1, 1, "no observations after the header row");
        return std::nullopt;
    }

    // Which year: the one most hours fall in (by the start of their hour).
    std::map<std::int64_t, int> yearCounts;
    for (const auto& obs : observations) {
        ++yearCounts[civilFromDays(floorDiv(obs.hourIndex - 1, 24)).year];
    }
    const std::int64_t year =
        std::max_element(yearCounts.begin(), yearCounts.end(), [](const auto& a, const auto& b) {
            return a.second < b.second;
        })->first;
    const bool leap = isLeapYear(year);
    const std::size_t hours = leap ? 8784 : 8760;
    std::vector<int> slotLine(hours, 0);
    std::array<std::vector<double>, 3> values;
    std::array<std::vector<char>, 3> missing;
    for (std::size_t v = 0; v < 3; ++v) {
        values[v].assign(hours, 0.0);
        missing[v].assign(hours, 1);
    }
    for (const auto& obs : observations) {
        const std::int64_t startHour = obs.hourIndex - 1;
        const CivilDate date = civilFromDays(floorDiv(startHour, 24));
        if (date.month == 2 && date.day == 29 && !leap) {
            error(DiagnosticKind::Meaning, obs.line, 1,
                  "an observation on 29 February in a file whose year " + std::to_string(year) +
                      " is not a leap year");
            continue;
        }
        const std::int64_t dayOfYear =
            daysFromCivil(year, date.month, date.day) - daysFromCivil(year, 1, 1);
        const auto slot =
            static_cast<std::size_t>(dayOfYear * 24 + (startHour - floorDiv(startHour, 24) * 24));
        if (slotLine[slot] != 0) {
            error(DiagnosticKind::Meaning, obs.line, 1,
                  "a second observation for " + std::to_string(date.month) + "/" +
                      std::to_string(date.day) + " hour " + std::to_string(slot % 24 + 1) +
                      " local standard time (the first is on line " +
                      std::to_string(slotLine[slot]) + "); one year of hourly rows is expected");
            continue;
        }
        slotLine[slot] = obs.line;
        for (std::size_t v = 0; v < 3; ++v) {
            values[v][slot] = obs.values[v];
            missing[v][slot] = obs.missing[v];
        }
    }
    if (errors > 0) {
        return std::nullopt;
    }

    // The timeline, and gaps: short ones interpolated, long ones refused.
    Climate climate;
    climate.month.reserve(hours);
    climate.day.reserve(hours);
    climate.hour.reserve(hours);
    for (int m = 1; m <= 12; ++m) {
        const int days = kDaysInMonth[static_cast<std::size_t>(m - 1)] + (leap && m == 2 ? 1 : 0);
        for (int d = 1; d <= days; ++d) {
            for (int h = 1; h <= 24; ++h) {
                climate.month.push_back(static_cast<std::uint8_t>(m));
                climate.day.push_back(static_cast<std::uint8_t>(d));
                climate.hour.push_back(static_cast<std::uint8_t>(h));
            }
        }
    }
    auto slotName = [&](std::size_t slot) {
        return std::to_string(climate.month[slot]) + "/" + std::to_string(climate.day[slot]) +
               " hour " + std::to_string(climate.hour[slot]);
    };
    for (std::size_t v = 0; v < 3; ++v) {
        for (const HourlyGap& gap :
             fillShortGaps(values[v], missing[v], kMaxInterpolatedGapHours)) {
            const std::size_t last = (gap.first + gap.count - 1) % hours;
            // Point at the first row inside the gap, or else the row just before it.
            int line = 0;
            for (std::size_t k = 0; k < gap.count && line == 0; ++k) {
                line = slotLine[(gap.first + k) % hours];
            }
            if (line == 0) {
                line = slotLine[(gap.first + hours - 1) % hours];
            }
            const std::string span = gap.count == 1 ? slotName(gap.first)
                                                    : slotName(gap.first) + " to " + slotName(last);
            if (gap.filled) {
                report(Severity::Warning, DiagnosticKind::Meaning, line, 1,
                       std::string(kNames[v]) + " missing for " + std::to_string(gap.count) +
                           " hour(s) (" + span + ", local standard time), interpolated");
            } else {
                error(DiagnosticKind::Meaning, line, 1,
                      std::string(kNames[v]) + " missing for " + std::to_string(gap.count) +
                          " consecutive hours (" + span + ", local standard time), more than the " +
                          std::to_string(kMaxInterpolatedGapHours) + " that are interpolated");
            }
        }
    }
    if (errors > 0) {
        return std::nullopt;
    }

    climate.dryBulbC = std::move(values[0]);
    climate.relativeHumidityPct = std::move(values[1]);
    climate.pressurePa.resize(hours);
    climate.dewPointC.resize(hours);
    for (std::size_t k = 0; k < hours; ++k) {
        const double t = climate.dryBulbC[k];
        const double p =
            mapping.pressureReference == CsvWeatherMapping::PressureReference::MeanSeaLevel
                ? psychro::stationPressureFromSeaLevelPa(values[2][k], t, mapping.stationElevationM)
                : values[2][k];
        climate.pressurePa[k] = p;
        const double w = psychro::humidityRatioFromRelativeHumidity(
            t, climate.relativeHumidityPct[k] / 100.0, p);
        climate.dewPointC[k] = psychro::dewPointFromHumidityRatio(w, p);
    }
    climate.station.city = mapping.stationName;
    climate.station.dataSource = mapping.dataSource;
    climate.station.latitudeDeg = mapping.latitudeDeg;
    climate.station.longitudeDeg = mapping.longitudeDeg;
    climate.station.utcOffsetHours = mapping.utcOffsetHours;
    climate.station.elevationM = mapping.stationElevationM;
    climate.provenance = "CSV " + fileName;
    return climate;
}

std::optional<std::vector<std::string>> CsvWeather::columns(const std::filesystem::path& path,
                                                            Diagnostics& diagnostics) {
    const auto text = readTextFile(path, path.string(), diagnostics);
    if (!text) {
        return std::nullopt;
    }
    const auto lines = splitTextLines(*text);
    if (lines.empty() || trim(lines[0].text).empty()) {
        diagnostics.add({path.string(), 1, 1, std::string(), Severity::Error,
                         DiagnosticKind::Syntax, "the file is empty, expected a header row"});
        return std::nullopt;
    }
    std::string_view header = lines[0].text;
    if (header.substr(0, 3) == "\xEF\xBB\xBF") {
        header.remove_prefix(3); // UTF-8 byte-order mark
    }
    std::vector<std::string> names;
    for (const Field& field : splitCsv(header)) {
        names.emplace_back(trim(field.text));
    }
    return names;
}

std::optional<Climate> CsvWeather::load(const std::filesystem::path& path,
                                        const CsvWeatherMapping& mapping,
                                        Diagnostics& diagnostics) {
    const auto text = readTextFile(path, path.string(), diagnostics);
    if (!text) {
        return std::nullopt;
    }
    auto climate = parse(*text, path.string(), mapping, diagnostics);
    if (climate) {
        climate->provenance = "CSV " + path.filename().string();
        if (climate->station.city.empty()) {
            climate->station.city = path.stem().string();
        }
    }
    return climate;
}

} // namespace headroom::model
