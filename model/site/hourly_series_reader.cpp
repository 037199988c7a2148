#include "model/site/hourly_series_reader.h"

#include "model/core/finite_number.h"
#include "model/core/text_file.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <fstream>
#include <iterator>
#include <optional>

namespace headroom::model {

HourCalendar HourCalendar::standardYear() {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    HourCalendar calendar;
    for (int m = 0; m < 12; ++m) {
        for (int d = 0; d < kDays[m]; ++d) {
            for (int h = 1; h <= 24; ++h) {
                calendar.month.push_back(static_cast<std::uint8_t>(m + 1));
                calendar.hour.push_back(static_cast<std::uint8_t>(h));
            }
        }
    }
    return calendar;
}

HourCalendar HourCalendar::fromClimate(const Climate& climate) {
    return {climate.month, climate.hour};
}

namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

class SeriesResolver {
public:
    SeriesResolver(const FieldDef& field, const std::string& pointer, const HourCalendar& calendar,
                   const SeriesContext& context)
        : m_field(field)
        , m_pointer(pointer)
        , m_calendar(calendar)
        , m_context(context)
        , m_scale(seriesScaleFromSi(field.quantity)) {}

    HourlySeries resolve(const json& value) {
        HourlySeries series;
        const std::size_t hours = m_calendar.hours();
        if (value.is_string()) {
            series.values.assign(hours, quantity(value) * m_scale);
        } else if (value.is_array() && value.size() == 24 && !value.front().is_array()) {
            std::array<double, 24> profile{};
            for (std::size_t h = 0; h < 24; ++h) {
                profile[h] = quantity(value[h]) * m_scale;
            }
            series.values.resize(hours);
            for (std::size_t i = 0; i < hours; ++i) {
                series.values[i] = profile[m_calendar.hour[i] - 1u];
            }
        } else if (value.is_array()) {
            series.values = fromTable(
                [&](std::size_t m, std::size_t h) { return quantity(value[m][h]) * m_scale; });
        } else if (value.contains("table")) {
            const double unit = unitFactor(value) * m_scale;
            series.values = fromTable([&](std::size_t m, std::size_t h) {
                return value["table"][m][h].get<double>() * unit;
            });
        } else {
            series.values = fromCsv(value);
        }
        return series;
    }

private:
    template <class Cell> std::vector<double> fromTable(Cell cell) {
        std::vector<double> values(m_calendar.hours());
        for (std::size_t i = 0; i < values.size(); ++i) {
            values[i] = cell(m_calendar.month[i] - 1u, m_calendar.hour[i] - 1u);
        }
        return values;
    }

    double quantity(const json& value) const {
        auto parsed = parseQuantityOfKind(m_field.quantity, value.get<std::string>());
        return parsed ? *parsed.value : 0.0;
    }

    double unitFactor(const json& value) const {
        if (!value.contains("unit")) {
            return 1.0; // a plain fraction
        }
        auto parsed =
            parseQuantityOfKind(m_field.quantity, "1 " + value["unit"].get<std::string>());
        return parsed ? *parsed.value : 1.0;
    }

    void report(const std::string& pointer, Severity severity, DiagnosticKind kind,
                std::string message) const {
        TextPosition at;
        if (m_context.located != nullptr) {
            at = m_context.located->valuePosition(pointer);
        }
        m_context.diagnostics->add(
            {m_context.fileName, at.line, at.column, pointer, severity, kind, std::move(message)});
    }

    void reportInCsv(const std::string& csvName, int line, int column, std::string message) const {
        m_context.diagnostics->add({csvName, line, column, m_pointer, Severity::Error,
                                    DiagnosticKind::Syntax, std::move(message)});
    }

    // One CSV record split on commas; quoted cells may hold commas and "" escapes.
    static std::vector<std::string> splitCsv(std::string_view line,
                                             std::vector<int>* columns = nullptr) {
        std::vector<std::string> cells;
        std::string cell;
        bool inQuotes = false;
        int column = 1;
        int cellStart = 1;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const char c = line[i];
            if (inQuotes) {
                if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
                    cell += '"';
                    ++i;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    cell += c;
                }
            } else if (c == '"') {
                inQuotes = true;
            } else if (c == ',') {
                cells.push_back(cell);
                if (columns != nullptr) {
                    columns->push_back(cellStart);
                }
                cell.clear();
                cellStart = column + 1;
            } else {
                cell += c;
            }
            if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
                ++column;
            }
        }
        cells.push_back(cell);
        if (columns != nullptr) {
            columns->push_back(cellStart);
        }
        return cells;
    }

    static std::string trim(std::string text) {
        const auto first = text.find_first_not_of(" \t");
        if (first == std::string::npos) {
            return {};
        }
        return text.substr(first, text.find_last_not_of(" \t") - first + 1);
    }

    std::vector<double> fromCsv(const json& value) {
        const std::string name = value["csv"].get<std::string>();
        const std::string csvPointer = m_pointer + "/csv";
        fs::path path(name);
        if (path.is_relative()) {
            path = m_context.baseDir / path;
        }
        const TextFile file = readTextFile(path);
        if (file.status == TextFile::Status::NotFound) {
            report(csvPointer, Severity::Error, DiagnosticKind::NotFound,
                   "cannot find the CSV file \"" + name + "\" (looked for " + path.string() + ")");
            return {};
        }
        if (file.status != TextFile::Status::Ok) {
            report(csvPointer, Severity::Error, DiagnosticKind::Unreadable,
                   "the CSV file \"" + name + "\" (" + path.string() + ") " +
                       describeStatus(file.status));
            return {};
        }
        const std::string& text = file.text;
        return fromCsvText(value, text, path.string());
    }

public:
    /// The column's values from the CSV file's text; csvName labels its diagnostics.
    std::vector<double> fromCsvText(const json& value, std::string_view text,
                                    const std::string& csvName) {
        auto columns = fromCsvColumns(value, {value["column"].get<std::string>()}, text, csvName);
        return columns.empty() ? std::vector<double>{} : std::move(columns.front());
    }

    /// Several columns' values in one pass over the text (value's "column" is not read);
    /// empty when any has an error.
    std::vector<std::vector<double>> fromCsvColumns(const json& value,
                                                    const std::vector<std::string>& wanted,
                                                    std::string_view text,
                                                    const std::string& csvName) {
        const std::string name = value["csv"].get<std::string>();
        const std::string csvPointer = m_pointer + "/csv";
        std::vector<std::string_view> lines;
        std::size_t start = 0;
        while (start < text.size()) {
            std::size_t end = text.find('\n', start);
            if (end == std::string::npos) {
                end = text.size();
            }
            std::string_view line = text.substr(start, end - start);
            if (!line.empty() && line.back() == '\r') {
                line.remove_suffix(1);
            }
            lines.push_back(line);
            start = end + 1;
        }
        while (!lines.empty() && lines.back().empty()) {
            lines.pop_back(); // a final newline, or trailing blank lines
        }
        if (lines.empty()) {
            report(csvPointer, Severity::Error, DiagnosticKind::Syntax,
                   "the CSV file \"" + name + "\" is empty: expected a header row and " +
                       std::to_string(m_calendar.hours()) + " hourly rows");
            return {};
        }
        std::string header(lines[0]);
        if (header.rfind("\xEF\xBB\xBF", 0) == 0) {
            header.erase(0, 3);
        }
        const auto names = splitCsv(header);
        std::vector<std::size_t> indices;
        for (const std::string& column : wanted) {
            std::size_t index = names.size();
            for (std::size_t i = 0; i < names.size(); ++i) {
                if (trim(names[i]) == column) {
                    index = i;
                }
            }
            if (index == names.size()) {
                // A few short names at most: the file may be of another kind entirely.
                std::vector<std::string> trimmed;
                for (const auto& n : names) {
                    trimmed.push_back(trim(n));
                }
                const auto listed = headerNamesExcerpt(trimmed);
                report(m_pointer + "/column", Severity::Error, DiagnosticKind::Meaning,
                       "no column " + quotedExcerpt(column, 40) + " in " +
                           quotedExcerpt(name, 200) +
                           (listed ? "; its columns are: " + *listed
                                   : ": its first line is not a CSV header row"));
                return {};
            }
            indices.push_back(index);
        }
        const std::size_t rows = lines.size() - 1;
        if (rows != m_calendar.hours()) {
            report(csvPointer, Severity::Error, DiagnosticKind::Meaning,
                   "\"" + name + "\" has " + std::to_string(rows) +
                       " data rows; the climate year has " + std::to_string(m_calendar.hours()) +
                       " hours");
            return {};
        }
        const double unitSi = unitFactor(value);
        const double unit = unitSi * m_scale;
        const std::string unitText =
            value.contains("unit") ? " " + value["unit"].get<std::string>() : std::string();
        std::vector<std::vector<std::optional<double>>> cells(
            wanted.size(), std::vector<std::optional<double>>(rows));
        bool bad = false;
        // Every bad row up to a few is reported; a file of garbage then gives a short list
        // and a count, not one line per row.
        constexpr int kReportedRows = 10;
        int reported = 0;
        std::size_t unreported = 0;
        std::size_t firstUnreportedLine = 0;
        const auto badRow = [&](int lineNumber, int columnNumber, std::string message) {
            bad = true;
            if (reported < kReportedRows) {
                ++reported;
                reportInCsv(csvName, lineNumber, columnNumber, std::move(message));
            } else if (unreported++ == 0) {
                firstUnreportedLine = static_cast<std::size_t>(lineNumber);
            }
        };
        for (std::size_t r = 0; r < rows; ++r) {
            std::vector<int> columns;
            const auto fields = splitCsv(lines[r + 1], &columns);
            const int lineNumber = static_cast<int>(r + 2);
            for (std::size_t c = 0; c < wanted.size(); ++c) {
                const std::string& column = wanted[c];
                const std::size_t index = indices[c];
                if (fields.size() <= index) {
                    badRow(lineNumber, 1,
                           "row has " + std::to_string(fields.size()) + " fields; column \"" +
                               column + "\" is field " + std::to_string(index + 1));
                    continue;
                }
                const std::string cell = trim(fields[index]);
                if (cell.empty()) {
                    continue;
                }
                const auto parsed = parseFiniteNumber(cell);
                if (!parsed) {
                    badRow(lineNumber, columns[index],
                           "column " + quotedExcerpt(column, 40) +
                               ": expected a finite number, got " + quotedExcerpt(cell, 40));
                    continue;
                }
                const double number = *parsed;
                // The same range as a constant written in the site file (the field table).
                if (auto expected = quantityRangeExpectation(m_field, number * unitSi)) {
                    badRow(lineNumber, columns[index],
                           "column " + quotedExcerpt(column, 40) + ": expected " + *expected +
                               ", got " + quotedExcerpt(cell + unitText, 40));
                    continue;
                }
                cells[c][r] = number * unit;
            }
        }
        if (unreported > 0) {
            reportInCsv(csvName, static_cast<int>(firstUnreportedLine), 1,
                        std::to_string(unreported) + " more rows from this line on have errors " +
                            "like those above");
        }
        if (bad) {
            return {};
        }
        std::vector<std::vector<double>> out;
        for (std::size_t c = 0; c < wanted.size(); ++c) {
            auto values = fillGaps(cells[c], value, name, wanted[c]);
            if (values.empty()) {
                return {};
            }
            if (value.contains("time_zone") && value["time_zone"] == "utc") {
                // Row i is UTC hour i; local standard hour i is UTC hour i - offset.
                const auto shift = static_cast<long>(std::lround(-m_context.utcOffsetHours));
                const auto n = static_cast<long>(values.size());
                std::vector<double> local(values.size());
                for (long i = 0; i < n; ++i) {
                    local[static_cast<std::size_t>(i)] =
                        values[static_cast<std::size_t>(((i + shift) % n + n) % n)];
                }
                values = std::move(local);
            }
            out.push_back(std::move(values));
        }
        return out;
    }

private:
    std::vector<double> fillGaps(const std::vector<std::optional<double>>& cells, const json& value,
                                 const std::string& name, const std::string& column) {
        double maxGapHours = 6.0;
        if (value.contains("max_gap")) {
            if (auto gap = units::parseQuantity<units::Time>(value["max_gap"].get<std::string>())) {
                maxGapHours = gap.value->value() / 3600.0;
            }
        }
        std::vector<double> values(cells.size());
        std::size_t filled = 0;
        std::size_t gaps = 0;
        std::size_t firstGapLine = 0;
        std::size_t r = 0;
        while (r < cells.size()) {
            if (cells[r]) {
                values[r] = *cells[r];
                ++r;
                continue;
            }
            std::size_t end = r;
            while (end < cells.size() && !cells[end]) {
                ++end;
            }
            const std::size_t length = end - r;
            if (static_cast<double>(length) > maxGapHours || length == cells.size()) {
                report(m_pointer + "/csv", Severity::Error, DiagnosticKind::Meaning,
                       "\"" + name + "\" column \"" + column + "\" is blank from line " +
                           std::to_string(r + 2) + " to line " + std::to_string(end + 1) + " (" +
                           std::to_string(length) + " hours); gaps longer than " +
                           formatHours(maxGapHours) +
                           " are not interpolated (set \"max_gap\" to allow them)");
                return {};
            }
            // Linear interpolation between the neighbours; an edge gap copies its one neighbour.
            const std::optional<double> before = r > 0 ? cells[r - 1] : std::nullopt;
            const std::optional<double> after = end < cells.size() ? cells[end] : std::nullopt;
            for (std::size_t k = r; k < end; ++k) {
                if (before && after) {
                    const double t =
                        static_cast<double>(k - r + 1) / static_cast<double>(length + 1);
                    values[k] = *before + t * (*after - *before);
                } else {
                    values[k] = before ? *before : *after;
                }
            }
            if (gaps == 0) {
                firstGapLine = r + 2;
            }
            ++gaps;
            filled += length;
            r = end;
        }
        if (gaps > 0) {
            report(m_pointer + "/csv", Severity::Warning, DiagnosticKind::Meaning,
                   "interpolated " + std::to_string(filled) + " blank hours of \"" + name +
                       "\" column \"" + column + "\" in " + std::to_string(gaps) +
                       (gaps == 1 ? " gap" : " gaps") + " (the first at line " +
                       std::to_string(firstGapLine) + ")");
        }
        return values;
    }

    static std::string formatHours(double hours) {
        char buffer[32];
        std::snprintf(buffer, sizeof buffer, "%g h", hours);
        return buffer;
    }

    const FieldDef& m_field;
    const std::string& m_pointer;
    const HourCalendar& m_calendar;
    const SeriesContext& m_context;
    double m_scale = 1.0;
};

} // namespace

HourlySeries resolveSeries(const FieldDef& field, const nlohmann::json& value,
                           const std::string& pointer, const HourCalendar& calendar,
                           const SeriesContext& context) {
    return SeriesResolver(field, pointer, calendar, context).resolve(value);
}

std::vector<std::vector<double>>
resolveCsvColumnsText(const FieldDef& field, const nlohmann::json& value,
                      const std::vector<std::string>& columns, std::string_view csvText,
                      const std::string& csvName, const std::string& pointer,
                      const HourCalendar& calendar, const SeriesContext& context) {
    return SeriesResolver(field, pointer, calendar, context)
        .fromCsvColumns(value, columns, csvText, csvName);
}

HourlySeries resolveCsvSeriesText(const FieldDef& field, const nlohmann::json& value,
                                  std::string_view csvText, const std::string& csvName,
                                  const std::string& pointer, const HourCalendar& calendar,
                                  const SeriesContext& context) {
    HourlySeries series;
    series.values =
        SeriesResolver(field, pointer, calendar, context).fromCsvText(value, csvText, csvName);
    return series;
}

} // namespace headroom::model
