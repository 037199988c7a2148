#include "model/report/csv_writer.h"

#include "model/report/json_summary.h"

#include <cmath>
#include <cstdio>
#include <functional>

namespace headroom::model {
namespace {

/// A column in SI and its form in the report's units: its name, and the conversion of a
/// value. IP reports change temperatures to degF and water to US gallons; power, energy
/// and carbon stay in kW, MWh and metric tonnes, as US datacenter reports keep them
/// (model/units/display_units.h, the rule the desktop and the PDF follow too).
struct Column {
    std::string siName;
    DisplayUnits units;
    std::string name() const { return units.namedUnit(siName); }
};

Column columnFor(const std::string& siName, UnitSystem units) {
    return {siName, DisplayUnits(units)};
}

std::string valueText(const Column& column, double value) {
    return formatNumber(column.units.named(column.siName, value));
}

double at(const std::vector<double>& series, std::size_t i) {
    // A series the simulation did not fill is written as empty fields, not invented zeros.
    return i < series.size() ? series[i] : std::nan("");
}

} // namespace

std::string csvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string quoted = "\"";
    for (const char c : text) {
        if (c == '"') {
            quoted += '"'; // RFC 4180 section 2.7: a quote inside is doubled
        }
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string csvRow(const std::vector<std::string>& fields) {
    std::string row;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i > 0) {
            row += ',';
        }
        row += csvField(fields[i]);
    }
    row += "\r\n";
    return row;
}

std::string isoHourStart(int year, int month, int day, int hourEnding, double utcOffsetHours) {
    const int offsetMinutes = static_cast<int>(std::lround(utcOffsetHours * 60.0));
    const int absMinutes = std::abs(offsetMinutes);
    char buffer[40];
    std::snprintf(buffer, sizeof buffer, "%04d-%02d-%02dT%02d:00%c%02d:%02d", year, month, day,
                  hourEnding - 1, offsetMinutes < 0 ? '-' : '+', absMinutes / 60, absMinutes % 60);
    return buffer;
}

std::string hourlyCsv(const RunResult& result, UnitSystem units) {
    const HourlyResults& h = result.hourly;
    const std::size_t hours = h.hours();
    bool leap = false;
    for (std::size_t i = 0; i < hours && i < h.month.size() && i < h.day.size(); ++i) {
        leap = leap || (h.month[i] == 2 && h.day[i] == 29);
    }
    const int year = leap ? 2000 : 2001;

    std::vector<Column> columns;
    std::vector<std::string> header = {"timestamp", "month", "day", "hour_ending"};
    for (const auto& column : hourlyFields()) {
        columns.push_back(columnFor(column.name, units));
        header.push_back(columns.back().name());
        if (column.name == "psu_loss_kw") {
            columns.push_back(columnFor("it_input_power_kw", units));
            header.push_back(columns.back().name());
        }
        if (column.name == "facility_power_kw") {
            header.push_back("cooling_mode");
        }
        if (column.name == "humidification_l") {
            columns.push_back(columnFor("water_l", units));
            header.push_back(columns.back().name());
        }
    }
    std::string text;
    text.reserve(hours * 320 + 512);
    text += csvRow(header);
    std::vector<std::string> fields;
    for (std::size_t i = 0; i < hours; ++i) {
        fields.clear();
        const int month = i < h.month.size() ? h.month[i] : 0;
        const int day = i < h.day.size() ? h.day[i] : 0;
        const int hour = i < h.hour.size() ? h.hour[i] : 0;
        fields.push_back(isoHourStart(year, month, day, hour, result.utcOffsetHours));
        fields.push_back(std::to_string(month));
        fields.push_back(std::to_string(day));
        fields.push_back(std::to_string(hour));
        std::size_t c = 0;
        for (const auto& column : hourlyFields()) {
            fields.push_back(valueText(columns[c++], at(h.*column.values, i)));
            if (column.name == "psu_loss_kw") {
                // At the rack input: the IT energy of PUE (The Green Grid WP #49), which
                // it_energy_mwh integrates.
                fields.push_back(valueText(columns[c++], at(h.itPowerKw, i) + at(h.psuLossKw, i)));
            }
            if (column.name == "facility_power_kw") {
                fields.push_back(i < h.mode.size() ? coolingModeName(h.mode[i]) : "");
            }
            if (column.name == "humidification_l") {
                const double water = at(h.evaporationL, i) + at(h.blowdownL, i) + at(h.driftL, i) +
                                     at(h.humidificationL, i);
                fields.push_back(valueText(columns[c++], water));
            }
        }
        text += csvRow(fields);
    }
    return text;
}

std::string monthlyCsv(const RunResult& result, UnitSystem units) {
    const MonthlyResults& m = result.monthly;
    std::vector<Column> columns;
    std::vector<std::string> header = {"month"};
    for (const auto& field : monthlyFields()) {
        columns.push_back(columnFor(field.name, units));
        header.push_back(columns.back().name());
    }
    std::string text = csvRow(header);
    for (std::size_t month = 0; month < 12; ++month) {
        std::vector<std::string> fields = {std::to_string(month + 1)};
        for (std::size_t c = 0; c < monthlyFields().size(); ++c) {
            const auto value = monthlyValue(monthlyFields()[c], m, month);
            fields.push_back(value ? valueText(columns[c], *value) : std::string());
        }
        text += csvRow(fields);
    }
    return text;
}

std::vector<std::string> summaryCsvHeader(UnitSystem units) {
    std::vector<std::string> header = {"site", "scenario_hash"};
    for (const auto& field : kpiFields()) {
        header.push_back(field.type == KpiType::Real ? columnFor(field.name, units).name()
                                                     : field.name);
    }
    return header;
}

std::vector<std::string> summaryCsvValues(const RunResult& result, UnitSystem units) {
    std::vector<std::string> values = {result.siteName, result.scenarioHash};
    for (const auto& field : kpiFields()) {
        const KpiValue value = field.get(result);
        if (const auto* real = std::get_if<double>(&value)) {
            values.push_back(valueText(columnFor(field.name, units), *real));
        } else {
            values.push_back(formatKpi(value));
        }
    }
    return values;
}

WriteOutcome CsvReportWriter::write(const RunResult& result, const ReportOptions& options) const {
    return writeTextFiles(options.outDir,
                          {{"hourly.csv", hourlyCsv(result, options.units)},
                           {"monthly.csv", monthlyCsv(result, options.units)},
                           {"summary.csv", csvRow(summaryCsvHeader(options.units)) +
                                               csvRow(summaryCsvValues(result, options.units))}});
}

} // namespace headroom::model
