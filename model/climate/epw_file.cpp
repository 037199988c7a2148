#include "model/climate/epw_file.h"

#include "model/climate/hourly_gaps.h"
#include "model/climate/text_lines.h"
#include "model/core/finite_number.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

namespace headroom::model {

namespace {

// EPW data-row layout (EnergyPlus Auxiliary Programs, "Weather Converter Program", EPW
// data dictionary): 35 fields; the ones read here, 0-based.
constexpr std::size_t kFieldCount = 35;
constexpr std::size_t kMonthField = 1;
constexpr std::size_t kDayField = 2;
constexpr std::size_t kHourField = 3;
constexpr std::size_t kDryBulbField = 6;
constexpr std::size_t kDewPointField = 7;
constexpr std::size_t kRelativeHumidityField = 8;
constexpr std::size_t kPressureField = 9;
constexpr int kMaxErrors = 25;

/// The header lines EnergyPlus writes before the data, in order.
constexpr std::array<std::string_view, 8> kHeaderKeywords{"LOCATION",
                                                          "DESIGN CONDITIONS",
                                                          "TYPICAL/EXTREME PERIODS",
                                                          "GROUND TEMPERATURES",
                                                          "HOLIDAYS/DAYLIGHT SAVINGS",
                                                          "COMMENTS 1",
                                                          "COMMENTS 2",
                                                          "DATA PERIODS"};

/// One hourly variable: its field, name, missing-value code and valid range (the EPW
/// data dictionary's "missing" and minimum/maximum values).
struct Variable {
    std::size_t field;
    const char* name;
    double missingAtOrAbove;
    double minimum;
    double maximum;
};
constexpr std::array<Variable, 4> kVariables{{
    {kDryBulbField, "dry-bulb temperature", 99.9, -70.0, 70.0},
    {kDewPointField, "dew-point temperature", 99.9, -70.0, 70.0},
    {kRelativeHumidityField, "relative humidity", 999.0, 0.0, 110.0},
    {kPressureField, "station pressure", 999999.0, 31000.0, 120000.0},
}};

constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

struct Field {
    std::string_view text;
    int column; ///< 1-based
};

std::vector<Field> splitFields(std::string_view line) {
    std::vector<Field> fields;
    std::size_t start = 0;
    while (true) {
        const std::size_t comma = line.find(',', start);
        const std::size_t end = comma == std::string_view::npos ? line.size() : comma;
        fields.push_back({line.substr(start, end - start), static_cast<int>(start) + 1});
        if (comma == std::string_view::npos) {
            break;
        }
        start = comma + 1;
    }
    return fields;
}

std::optional<int> parseInteger(std::string_view text) {
    text = trim(text);
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    int value = 0;
    const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

/// What a message shows of a field: a short, printable excerpt.
std::string shown(std::string_view text) {
    return quotedExcerpt(text, 40);
}

class Parser {
public:
    Parser(const std::string& fileName, Diagnostics& diagnostics)
        : m_fileName(fileName)
        , m_diagnostics(diagnostics) {}

    bool tooManyErrors() const { return m_errors >= kMaxErrors; }

    void report(Severity severity, DiagnosticKind kind, int line, int column, std::string message) {
        if (severity == Severity::Error) {
            ++m_errors;
            if (m_errors == kMaxErrors) {
                message += " (further errors not shown)";
            } else if (m_errors > kMaxErrors) {
                return;
            }
        }
        m_diagnostics.add(
            {m_fileName, line, column, std::string(), severity, kind, std::move(message)});
    }
    void error(DiagnosticKind kind, int line, int column, std::string message) {
        report(Severity::Error, kind, line, column, std::move(message));
    }

    std::optional<double> number(const Field& field, int line, const char* what, double minimum,
                                 double maximum) {
        const auto value = parseFiniteNumber(trim(field.text));
        if (!value) {
            error(DiagnosticKind::Syntax, line, field.column,
                  std::string("expected a finite number for ") + what + ", found " +
                      shown(field.text));
            return std::nullopt;
        }
        if (!finiteInRange(*value, minimum, maximum)) {
            std::ostringstream text;
            text << what << " " << *value << " is outside " << minimum << " to " << maximum;
            error(DiagnosticKind::Meaning, line, field.column, text.str());
            return std::nullopt;
        }
        return value;
    }

    bool parseLocation(std::string_view line, WeatherStation& station) {
        const auto fields = splitFields(line);
        if (trim(fields[0].text) != "LOCATION") {
            // Not quoted: a path naming another kind of file (/etc/passwd) must not print it.
            error(DiagnosticKind::Syntax, 1, 1,
                  "not an EPW file: the first line does not start with 'LOCATION,'");
            return false;
        }
        if (fields.size() < 10) {
            error(DiagnosticKind::Syntax, 1, static_cast<int>(line.size()) + 1,
                  "LOCATION has " + std::to_string(fields.size()) +
                      " fields, expected 10 (city, region, country, source, WMO, latitude, "
                      "longitude, UTC offset, elevation)");
            return false;
        }
        station.city = std::string(trim(fields[1].text));
        station.region = std::string(trim(fields[2].text));
        station.country = std::string(trim(fields[3].text));
        station.dataSource = std::string(trim(fields[4].text));
        station.wmo = std::string(trim(fields[5].text));
        const auto latitude = number(fields[6], 1, "latitude", -90.0, 90.0);
        const auto longitude = number(fields[7], 1, "longitude", -180.0, 180.0);
        const auto offset = number(fields[8], 1, "UTC offset", -12.0, 14.0);
        const auto elevation = number(fields[9], 1, "elevation", -1000.0, 9999.9);
        if (!latitude || !longitude || !offset || !elevation) {
            return false;
        }
        station.latitudeDeg = *latitude;
        station.longitudeDeg = *longitude;
        station.utcOffsetHours = *offset;
        station.elevationM = *elevation;
        return true;
    }

    /// Checks the header lines after LOCATION; returns the index of the first data line.
    std::optional<std::size_t> parseHeader(const std::vector<TextLine>& lines) {
        std::size_t keyword = 1;
        for (std::size_t i = 1; i < lines.size() && i < 64; ++i) {
            const std::string_view text = lines[i].text;
            const auto fields = splitFields(text);
            const std::string_view head = trim(fields[0].text);
            const auto found = std::find(kHeaderKeywords.begin() + 1, kHeaderKeywords.end(), head);
            if (found == kHeaderKeywords.end()) {
                error(DiagnosticKind::Syntax, static_cast<int>(i) + 1, 1,
                      "expected the EPW header line '" + std::string(kHeaderKeywords[keyword]) +
                          "', found " + shown(text));
                return std::nullopt;
            }
            keyword = static_cast<std::size_t>(found - kHeaderKeywords.begin());
            if (head == "DATA PERIODS") {
                // DATA PERIODS,<number of periods>,<records per hour>,...
                if (fields.size() >= 3) {
                    const auto perHour = parseInteger(fields[2].text);
                    if (perHour && *perHour != 1) {
                        error(DiagnosticKind::Meaning, static_cast<int>(i) + 1, fields[2].column,
                              "expected 1 record per hour, found " + std::to_string(*perHour) +
                                  " (only hourly EPW files are read)");
                        return std::nullopt;
                    }
                }
                return i + 1;
            }
            if (keyword + 1 < kHeaderKeywords.size()) {
                ++keyword;
            }
        }
        error(DiagnosticKind::Syntax, static_cast<int>(std::min<std::size_t>(lines.size(), 64)), 1,
              "no 'DATA PERIODS' header line before the hourly data");
        return std::nullopt;
    }

    const std::string& m_fileName;
    Diagnostics& m_diagnostics;
    int m_errors = 0;
};

/// The month, day and hour the k-th row of a year must carry.
struct Stamp {
    int month;
    int day;
    int hour;
};

std::vector<Stamp> expectedTimeline(bool leap) {
    std::vector<Stamp> timeline;
    timeline.reserve(leap ? 8784 : 8760);
    for (int m = 1; m <= 12; ++m) {
        const int days = kDaysInMonth[static_cast<std::size_t>(m - 1)] + (leap && m == 2 ? 1 : 0);
        for (int d = 1; d <= days; ++d) {
            for (int h = 1; h <= 24; ++h) {
                timeline.push_back({m, d, h});
            }
        }
    }
    return timeline;
}

std::string describeRows(const std::vector<int>& lineOf, const HourlyGap& gap) {
    const std::size_t n = lineOf.size();
    const int first = lineOf[gap.first];
    const int last = lineOf[(gap.first + gap.count - 1) % n];
    return first == last ? "line " + std::to_string(first)
                         : "lines " + std::to_string(first) + "-" + std::to_string(last);
}

} // namespace

std::optional<EpwFile> EpwFile::parse(std::string_view text, const std::string& fileName,
                                      Diagnostics& diagnostics) {
    Parser parser(fileName, diagnostics);
    const std::vector<TextLine> lines = splitTextLines(text);
    if (lines.empty()) {
        parser.error(DiagnosticKind::Syntax, 1, 1, "the file is empty, expected an EPW header");
        return std::nullopt;
    }
    EpwFile file;
    Climate& climate = file.m_climate;
    if (!parser.parseLocation(lines[0].text, climate.station)) {
        return std::nullopt;
    }
    const auto firstData = parser.parseHeader(lines);
    if (!firstData) {
        return std::nullopt;
    }

    // Data rows: everything after DATA PERIODS up to trailing blank lines.
    std::size_t end = lines.size();
    while (end > *firstData && trim(lines[end - 1].text).empty()) {
        --end;
    }
    const std::size_t rows = end - *firstData;
    const bool leap = rows == 8784;
    if (rows != 8760 && rows != 8784) {
        parser.error(DiagnosticKind::Meaning, static_cast<int>(end), 1,
                     "expected 8760 or 8784 hourly rows, found " + std::to_string(rows));
    }
    const std::vector<Stamp> timeline = expectedTimeline(leap);

    climate.month.reserve(rows);
    climate.day.reserve(rows);
    climate.hour.reserve(rows);
    std::array<std::vector<double>, kVariables.size()> values;
    std::array<std::vector<char>, kVariables.size()> missing;
    for (std::size_t v = 0; v < kVariables.size(); ++v) {
        values[v].assign(rows, 0.0);
        missing[v].assign(rows, 0);
    }
    std::vector<int> lineOf(rows);
    bool timelineReported = false;
    for (std::size_t r = 0; r < rows && !parser.tooManyErrors(); ++r) {
        const std::size_t index = *firstData + r;
        const int lineNumber = static_cast<int>(index) + 1;
        lineOf[r] = lineNumber;
        const std::string_view line = lines[index].text;
        if (const auto nul = line.find('\0'); nul != std::string_view::npos) {
            // A text file holds no NUL: this row was damaged, whichever field it is in.
            parser.error(DiagnosticKind::Syntax, lineNumber, static_cast<int>(nul) + 1,
                         "a NUL byte (\\x00) in the row: not text");
            continue;
        }
        const auto fields = splitFields(line);
        if (fields.size() != kFieldCount) {
            const int column = fields.size() > kFieldCount ? fields[kFieldCount].column
                                                           : static_cast<int>(line.size()) + 1;
            parser.error(DiagnosticKind::Syntax, lineNumber, column,
                         "expected " + std::to_string(kFieldCount) + " fields, found " +
                             std::to_string(fields.size()));
            continue;
        }
        // Month, day, hour: integers that must follow the calendar hour by hour.
        std::array<int, 3> stamp{};
        bool stampOk = true;
        constexpr std::array<std::size_t, 3> kStampFields{kMonthField, kDayField, kHourField};
        constexpr std::array<const char*, 3> kStampNames{"month", "day", "hour"};
        for (std::size_t s = 0; s < 3; ++s) {
            const Field& field = fields[kStampFields[s]];
            const auto value = parseInteger(field.text);
            if (!value) {
                parser.error(DiagnosticKind::Syntax, lineNumber, field.column,
                             "field " + std::to_string(kStampFields[s] + 1) + " (" +
                                 kStampNames[s] + "): expected an integer, found " +
                                 shown(field.text));
                stampOk = false;
                continue;
            }
            stamp[s] = *value;
        }
        if (stampOk && r < timeline.size() && !timelineReported) {
            const Stamp& want = timeline[r];
            if (stamp[0] != want.month || stamp[1] != want.day || stamp[2] != want.hour) {
                parser.error(DiagnosticKind::Meaning, lineNumber, fields[kMonthField].column,
                             "expected month/day/hour " + std::to_string(want.month) + "/" +
                                 std::to_string(want.day) + " " + std::to_string(want.hour) +
                                 ", found " + std::to_string(stamp[0]) + "/" +
                                 std::to_string(stamp[1]) + " " + std::to_string(stamp[2]) +
                                 " (rows must run hour by hour from 1/1 1 to 12/31 24)");
                timelineReported = true; // every later row would repeat the same complaint
            }
        }
        climate.month.push_back(static_cast<std::uint8_t>(std::clamp(stamp[0], 0, 255)));
        climate.day.push_back(static_cast<std::uint8_t>(std::clamp(stamp[1], 0, 255)));
        climate.hour.push_back(static_cast<std::uint8_t>(std::clamp(stamp[2], 0, 255)));

        for (std::size_t v = 0; v < kVariables.size(); ++v) {
            const Variable& variable = kVariables[v];
            const Field& field = fields[variable.field];
            const auto value = parseFiniteNumber(trim(field.text));
            const std::string where =
                "field " + std::to_string(variable.field + 1) + " (" + variable.name + ")";
            if (!value) {
                parser.error(DiagnosticKind::Syntax, lineNumber, field.column,
                             where + ": expected a finite number, found " + shown(field.text));
                continue;
            }
            if (*value >= variable.missingAtOrAbove) {
                missing[v][r] = 1;
                continue;
            }
            if (!finiteInRange(*value, variable.minimum, variable.maximum)) {
                std::ostringstream message;
                message << where << ": " << *value << " is outside the EPW range "
                        << variable.minimum << " to " << variable.maximum;
                parser.error(DiagnosticKind::Meaning, lineNumber, field.column, message.str());
                continue;
            }
            values[v][r] = *value;
        }
    }
    if (diagnostics.hasErrors()) {
        return std::nullopt;
    }

    // Missing values: short gaps interpolated (warning), long ones refused (error).
    for (std::size_t v = 0; v < kVariables.size(); ++v) {
        for (const HourlyGap& gap :
             fillShortGaps(values[v], missing[v], kMaxInterpolatedGapHours)) {
            const std::string rowsText = describeRows(lineOf, gap);
            const int firstLine = lineOf[gap.first];
            const int column =
                splitFields(
                    lines[static_cast<std::size_t>(firstLine - 1)].text)[kVariables[v].field]
                    .column;
            if (gap.filled) {
                file.m_interpolatedValues += gap.count;
                parser.report(Severity::Warning, DiagnosticKind::Meaning, firstLine, column,
                              std::string(kVariables[v].name) + " missing for " +
                                  std::to_string(gap.count) + " hour(s) (" + rowsText +
                                  "), interpolated");
            } else {
                parser.error(DiagnosticKind::Meaning, firstLine, column,
                             std::string(kVariables[v].name) + " missing for " +
                                 std::to_string(gap.count) + " consecutive hours (" + rowsText +
                                 "), more than the " + std::to_string(kMaxInterpolatedGapHours) +
                                 " that are interpolated");
            }
        }
    }
    if (diagnostics.hasErrors()) {
        return std::nullopt;
    }

    climate.dryBulbC = std::move(values[0]);
    climate.dewPointC = std::move(values[1]);
    // The EPW range allows relative humidity up to 110 %; Climate promises 0-100.
    for (double& rh : values[2]) {
        rh = std::min(rh, 100.0);
    }
    climate.relativeHumidityPct = std::move(values[2]);
    climate.pressurePa = std::move(values[3]);
    climate.provenance = "EPW " + fileName;
    return file;
}

std::optional<EpwFile> EpwFile::load(const std::filesystem::path& path, Diagnostics& diagnostics) {
    const std::string fileName = path.string();
    auto text = readTextFile(path, fileName, diagnostics);
    if (!text) {
        return std::nullopt;
    }
    auto file = parse(*text, fileName, diagnostics);
    if (file) {
        file->m_climate.provenance = "EPW " + path.filename().string();
    }
    return file;
}

std::optional<Climate> EpwFile::readClimate(const std::filesystem::path& path,
                                            Diagnostics& diagnostics) {
    auto file = load(path, diagnostics);
    if (!file) {
        return std::nullopt;
    }
    return std::move(*file).climate();
}

} // namespace headroom::model
