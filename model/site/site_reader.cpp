#include "model/site/site_reader.h"

#include "model/bibliography/bibliography.h"
#include "model/catalog/catalog.h"
#include "model/climate/climate_digest.h"
#include "model/climate/csv_weather.h"
#include "model/climate/epw_file.h"
#include "model/climate/psychrometrics.h"
#include "model/core/text_file.h"
#include "model/json/located_json.h"
#include "model/site/hourly_series_reader.h"
#include "model/site/site_binding.h"
#include "model/site/site_catalog.h"
#include "model/site/site_fields.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

/// User text in a message is cut short: a 10 MB key or value makes a short line.
std::string inQuotes(std::string_view text) {
    return quotedExcerpt(text);
}

const char* article(std::string_view noun) {
    return (!noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos)
               ? "an"
               : "a";
}

/// "a number 27", "an object", "true", "a string \"x\"": what was found, for messages.
std::string describeFound(const json& value) {
    switch (value.type()) {
    case json::value_t::string:
        return "a string " + quotedExcerpt(value.get_ref<const std::string&>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "a number " + value.dump();
    case json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::null:
        return "null";
    default:
        return "a value";
    }
}

std::string joinChoices(const std::vector<EnumChoice>& choices) {
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        text +=
            (i == 0 ? "" : (i + 1 == choices.size() ? " or " : ", ")) + inQuotes(choices[i].name);
    }
    return text;
}

std::string quantityExpectation(QuantityKind kind) {
    const auto info = quantityKindInfo(kind);
    return std::string(article(info.name)) + " " + info.name + " such as " + inQuotes(info.example);
}

/// Levenshtein distance, for "did you mean" suggestions on unknown keys.
std::size_t editDistance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
            diagonal = above;
        }
    }
    return row[b.size()];
}

/// Replaces array indices with "*" to find a pointer's field definition.
std::string patternOf(const std::string& pointer) {
    std::string pattern;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        const std::size_t next = pointer.find('/', pos + 1);
        const std::string token =
            pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        const bool index = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        pattern += "/" + (index ? std::string("*") : token);
        pos = next == std::string::npos ? pointer.size() : next;
    }
    return pattern;
}

// Reads, checks and builds one site. Check first (the whole document, collecting every
// problem), then build only when nothing failed, then resolve references.
class SiteReader {
public:
    SiteReader(const json& document, const LocatedJson* located, std::string fileName,
               fs::path baseDir, Diagnostics& diagnostics, ClimateCache* climates = nullptr)
        : m_doc(document)
        , m_located(located)
        , m_file(std::move(fileName))
        , m_baseDir(std::move(baseDir))
        , m_diagnostics(diagnostics)
        , m_climates(climates) {}

    std::optional<Site> read() {
        if (!m_doc.is_object()) {
            error("", "expected a site object {\"format\": \"headroom-site/1\", ...}, got " +
                          describeFound(m_doc));
            return std::nullopt;
        }
        checkObject(m_doc, "", "");
        checkClimateChoice();
        if (m_diagnostics.hasErrors()) {
            return std::nullopt;
        }
        Site site;
        HourCalendar calendar = HourCalendar::standardYear();
        if (auto climate = sharedClimate()) {
            calendar = HourCalendar::fromClimate(*climate);
            site.climate = std::move(climate);
        }
        fill(site, calendar);
        checkCatalogIds(site, [&](const std::string& pointer, std::string message) {
            error(pointer, std::move(message));
        });
        if (!m_diagnostics.hasErrors()) {
            checkEnvelope(site);
            checkPlacement(site);
            checkPlausibility(site);
        }
        if (m_diagnostics.hasErrors()) {
            return std::nullopt;
        }
        return site;
    }

private:
    // ---- diagnostics ------------------------------------------------------------------

    void report(const std::string& pointer, Severity severity, DiagnosticKind kind,
                std::string message, bool atKey = false) {
        TextPosition at;
        if (m_located != nullptr) {
            at = atKey ? m_located->keyPosition(pointer) : m_located->valuePosition(pointer);
        }
        m_diagnostics.add(
            {m_file, at.line, at.column, pointer, severity, kind, std::move(message)});
    }
    void error(const std::string& pointer, std::string message,
               DiagnosticKind kind = DiagnosticKind::Meaning) {
        report(pointer, Severity::Error, kind, std::move(message));
    }
    void warning(const std::string& pointer, std::string message, bool atKey = false) {
        report(pointer, Severity::Warning, DiagnosticKind::Meaning, std::move(message), atKey);
    }

    // ---- checking ---------------------------------------------------------------------

    void checkObject(const json& object, const std::string& pointer, const std::string& pattern) {
        const auto children = childFields(pattern);
        for (const auto& [key, value] : object.items()) {
            const std::string member = pointer + "/" + escapePointerToken(key);
            const std::string memberPattern = pattern + "/" + escapePointerToken(key);
            if (key == "source") {
                checkSource(value, member, children);
                continue;
            }
            const FieldDef* field = findSiteField(memberPattern);
            if (field == nullptr) {
                std::string known;
                std::string closest;
                std::size_t closestDistance = 3; // suggest only near misses: typos, not guesses
                for (const auto* child : children) {
                    const std::string name(child->pointer.substr(child->pointer.rfind('/') + 1));
                    known += (known.empty() ? "" : ", ") + name;
                    // The distance is at least the difference in length: a long key is no
                    // typo, and its quadratic distance would take seconds.
                    if (key.size() >= name.size() + closestDistance) {
                        continue;
                    }
                    if (const auto distance = editDistance(key, name); distance < closestDistance) {
                        closestDistance = distance;
                        closest = name;
                    }
                }
                warning(member,
                        "unknown key " + inQuotes(key) + " is ignored; " +
                            (closest.empty() ? "expected one of: " + known + ", source"
                                             : "did you mean " + inQuotes(closest) + "?"),
                        true);
                continue;
            }
            checkField(*field, value, member);
        }
        for (const auto* child : children) {
            const std::string name(child->pointer.substr(child->pointer.rfind('/') + 1));
            if (child->required && !object.contains(name)) {
                error(pointer,
                      "missing required field " + inQuotes(name) + ": " + std::string(child->doc));
            }
        }
    }

    /// Records a sourced assumption; each id it cites that the bibliography lacks gets a
    /// warning at the source string (the figure still reads: a typo in a citation is no
    /// reason to refuse a site).
    void addAssumption(const std::string& sourcePointer, Assumption assumption) {
        for (const auto& id : unknownCitations(assumption.source)) {
            warning(sourcePointer, "cites [" + id +
                                       "], which is not in Headroom's bibliography "
                                       "(resources/references.json)");
        }
        m_assumptions.push_back(std::move(assumption));
    }

    // "source" is a string for the whole object, or an object naming a source per member.
    void checkSource(const json& value, const std::string& pointer,
                     const std::vector<const FieldDef*>& siblings) {
        const std::string owner = pointer.substr(0, pointer.rfind('/'));
        if (value.is_string()) {
            addAssumption(pointer, {owner, "", value.get<std::string>()});
            return;
        }
        if (!value.is_object()) {
            error(pointer, "expected a source string, or an object of source strings by field "
                           "name, got " +
                               describeFound(value));
            return;
        }
        const json* parent = findValue(owner);
        for (const auto& item : value.items()) {
            // Named, not structured, bindings: clang 14 cannot capture the latter.
            const std::string& key = item.key();
            const json& text = item.value();
            const std::string member = pointer + "/" + escapePointerToken(key);
            const bool known =
                std::any_of(siblings.begin(), siblings.end(), [&](const FieldDef* field) {
                    return field->pointer.substr(field->pointer.rfind('/') + 1) == key;
                });
            if (!known) {
                warning(member, "source for unknown field " + inQuotes(key), true);
            }
            if (!text.is_string()) {
                error(member, "expected a source string, got " + describeFound(text));
                continue;
            }
            std::string written;
            if (parent != nullptr && parent->contains(key)) {
                const json& target = (*parent)[key];
                written = target.is_string() ? target.get<std::string>() : target.dump();
            }
            addAssumption(
                member, {owner + "/" + escapePointerToken(key), written, text.get<std::string>()});
        }
    }

    void checkField(const FieldDef& field, const json& value, const std::string& pointer) {
        switch (field.type) {
        case FieldType::Object:
            if (!value.is_object()) {
                return typeError(pointer, "an object", value);
            }
            return checkObject(value, pointer, std::string(field.pointer));
        case FieldType::ObjectArray:
            if (!value.is_array()) {
                return typeError(pointer, "an array of objects", value);
            }
            for (std::size_t i = 0; i < value.size(); ++i) {
                const std::string element = pointer + "/" + std::to_string(i);
                if (!value[i].is_object()) {
                    typeError(element, "an object", value[i]);
                } else {
                    checkObject(value[i], element, std::string(field.pointer) + "/*");
                }
            }
            return;
        case FieldType::Opaque:
            if (!value.is_object()) {
                typeError(pointer, "an object", value);
            }
            return;
        case FieldType::String:
        case FieldType::Path:
        case FieldType::CatalogId:
            if (!value.is_string()) {
                return typeError(pointer, "a string", value);
            }
            if (field.type != FieldType::String && value.get<std::string>().empty()) {
                error(pointer, field.type == FieldType::Path ? "expected a file name, got \"\""
                                                             : "expected a catalog id, got \"\"");
            }
            return;
        case FieldType::Number:
        case FieldType::Integer:
            return checkNumber(field, value, pointer);
        case FieldType::Boolean:
            if (!value.is_boolean()) {
                typeError(pointer, "true or false", value);
            }
            return;
        case FieldType::Enum:
            if (!value.is_string() || findChoice(field, value.get<std::string>()) == nullptr) {
                error(pointer, "expected one of " + joinChoices(field.choices) + ", got " +
                                   describeFound(value));
            }
            return;
        case FieldType::Quantity:
            checkQuantity(field, value, pointer);
            return;
        case FieldType::QuantityList:
            if (!value.is_array() || value.size() != static_cast<std::size_t>(field.count)) {
                return typeError(pointer,
                                 "an array of " + std::to_string(field.count) + " " +
                                     quantityKindInfo(field.quantity).name + " strings",
                                 value);
            }
            for (std::size_t i = 0; i < value.size(); ++i) {
                checkQuantity(field, value[i], pointer + "/" + std::to_string(i));
            }
            return;
        case FieldType::Series:
            return checkSeries(field, value, pointer);
        case FieldType::CountOrFill:
            if (value.is_string() && value.get<std::string>() == "fill") {
                return;
            }
            if (!value.is_number_integer()) {
                return typeError(pointer, "a whole number or \"fill\"", value);
            }
            return checkNumber(field, value, pointer);
        case FieldType::Ratio:
            if (!parseRatio(value)) {
                typeError(pointer, "a ratio such as \"3:1\" or a number of at least 1", value);
            }
            return;
        case FieldType::MonthDay:
            if (!parseMonthDay(value)) {
                typeError(pointer, "a date \"MM-DD\" such as \"06-01\"", value);
            }
            return;
        }
    }

    void typeError(const std::string& pointer, const std::string& expected, const json& value) {
        error(pointer, "expected " + expected + ", got " + describeFound(value));
    }

    void checkNumber(const FieldDef& field, const json& value, const std::string& pointer) {
        const bool integer = field.type != FieldType::Number;
        if (integer ? !value.is_number_integer() : !value.is_number()) {
            return typeError(pointer, integer ? "a whole number" : "a number", value);
        }
        const double number = value.get<double>();
        const auto low = parseNumberText(field.min);
        const auto high = parseNumberText(field.max);
        const bool belowMin = low && (field.exclusiveMin ? number <= *low : number < *low);
        if (belowMin || (high && number > *high)) {
            std::string range;
            if (low && high) {
                range = (field.exclusiveMin ? "above " + std::string(field.min) + " and at most "
                                            : "from " + std::string(field.min) + " to ") +
                        std::string(field.max);
            } else if (low) {
                range = (field.exclusiveMin ? "above " : "of at least ") + std::string(field.min);
            } else {
                range = "of at most " + std::string(field.max);
            }
            error(pointer, std::string("expected ") + (integer ? "a whole number " : "a number ") +
                               range + ", got " + value.dump());
        }
    }

    /// Checks a quantity string and its range; the SI value when valid.
    std::optional<double> checkQuantity(const FieldDef& field, const json& value,
                                        const std::string& pointer) {
        if (!value.is_string()) {
            typeError(pointer, quantityExpectation(field.quantity), value);
            return std::nullopt;
        }
        const std::string text = value.get<std::string>();
        auto parsed = parseQuantityOfKind(field.quantity, text);
        if (!parsed) {
            error(pointer, parsed.error.message);
            return std::nullopt;
        }
        return checkRange(field, *parsed.value, inQuotes(text), pointer);
    }

    std::optional<double> checkRange(const FieldDef& field, double si, const std::string& found,
                                     const std::string& pointer) {
        if (auto expected = quantityRangeExpectation(field, si)) {
            error(pointer, "expected " + *expected + ", got " + found);
            return std::nullopt;
        }
        return si;
    }

    void checkSeries(const FieldDef& field, const json& value, const std::string& pointer) {
        const auto info = quantityKindInfo(field.quantity);
        std::string expected = quantityExpectation(field.quantity);
        if (field.shapes & kSeriesDayProfile) {
            expected += ", an array of 24 hourly values";
        }
        if (field.shapes & kSeriesMonthByHour) {
            expected += ", a 12x24 month-by-hour table";
        }
        expected += " or {\"csv\": \"file.csv\", \"column\": \"name\", \"unit\": \"...\"}";
        if (value.is_string()) {
            checkQuantity(field, value, pointer);
            return;
        }
        if (value.is_array()) {
            if ((field.shapes & kSeriesDayProfile) && value.size() == 24 &&
                !value.front().is_array()) {
                for (std::size_t h = 0; h < 24; ++h) {
                    checkQuantity(field, value[h], pointer + "/" + std::to_string(h));
                }
                return;
            }
            if ((field.shapes & kSeriesMonthByHour) && checkTableShape(value, pointer)) {
                for (std::size_t m = 0; m < 12; ++m) {
                    for (std::size_t h = 0; h < 24; ++h) {
                        checkQuantity(field, value[m][h],
                                      pointer + "/" + std::to_string(m) + "/" + std::to_string(h));
                    }
                }
                return;
            }
            if (!(field.shapes & kSeriesMonthByHour) || value.size() != 12) {
                typeError(pointer, expected, value);
            }
            return;
        }
        if (!value.is_object()) {
            typeError(pointer, expected, value);
            return;
        }
        const bool csv = value.contains("csv");
        const bool table = value.contains("table");
        if ((csv && !(field.shapes & kSeriesCsv)) ||
            (table && !(field.shapes & kSeriesMonthByHour)) || csv == table) {
            typeError(pointer, expected, value);
            return;
        }
        const std::vector<std::string_view> allowed =
            csv ? std::vector<std::string_view>{"csv",       "column",  "unit",
                                                "time_zone", "max_gap", "source"}
                : std::vector<std::string_view>{"table", "unit", "source"};
        for (const auto& [key, member] : value.items()) {
            if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
                warning(pointer + "/" + escapePointerToken(key),
                        "unknown key " + inQuotes(key) + " is ignored", true);
            }
        }
        if (value.contains("source") && !value["source"].is_string()) {
            typeError(pointer + "/source", "a source string", value["source"]);
        } else if (value.contains("source")) {
            addAssumption(pointer + "/source", {pointer, "", value["source"].get<std::string>()});
        }
        const bool unitRequired = field.quantity != QuantityKind::Fraction;
        if (!value.contains("unit")) {
            if (unitRequired) {
                error(pointer, std::string("missing required field \"unit\": the unit of the ") +
                                   (csv ? "column" : "table") + "'s numbers, such as " +
                                   inQuotes(std::string(info.example)
                                                .substr(std::string(info.example).find(' ') + 1)));
            }
        } else if (!value["unit"].is_string()) {
            typeError(pointer + "/unit", "a unit string", value["unit"]);
        } else {
            auto parsed =
                parseQuantityOfKind(field.quantity, "1 " + value["unit"].get<std::string>());
            if (!parsed) {
                error(pointer + "/unit",
                      "expected a unit of " + std::string(article(info.name)) + " " + info.name +
                          " such as " +
                          inQuotes(std::string(info.example)
                                       .substr(std::string(info.example).find(' ') + 1)) +
                          ", got " + value["unit"].dump());
            }
        }
        if (csv) {
            if (!value["csv"].is_string() || value["csv"].get<std::string>().empty()) {
                typeError(pointer + "/csv", "a CSV file name", value["csv"]);
            }
            if (!value.contains("column")) {
                error(pointer, "missing required field \"column\": the CSV column to read");
            } else if (!value["column"].is_string()) {
                typeError(pointer + "/column", "a column name", value["column"]);
            }
            if (value.contains("time_zone") &&
                (!value["time_zone"].is_string() ||
                 (value["time_zone"] != "local" && value["time_zone"] != "utc"))) {
                error(pointer + "/time_zone",
                      "expected \"local\" (rows in local standard time) or \"utc\", got " +
                          describeFound(value["time_zone"]));
            }
            if (value.contains("max_gap")) {
                const json& gap = value["max_gap"];
                auto hours = gap.is_string()
                                 ? units::parseQuantity<units::Time>(gap.get<std::string>())
                                 : units::QuantityResult<units::Time>{};
                if (!gap.is_string()) {
                    typeError(pointer + "/max_gap", "a time such as \"6 h\"", gap);
                } else if (!hours) {
                    error(pointer + "/max_gap", hours.error.message);
                }
            }
            return;
        }
        const json& rows = value["table"];
        if (!checkTableShape(rows, pointer + "/table")) {
            return;
        }
        // The unit's SI factor, to hold each number to the field's range; a bad or missing
        // unit has its own error above.
        std::optional<double> unitSi;
        if (!unitRequired && !value.contains("unit")) {
            unitSi = 1.0;
        } else if (value.contains("unit") && value["unit"].is_string()) {
            if (auto parsed =
                    parseQuantityOfKind(field.quantity, "1 " + value["unit"].get<std::string>())) {
                unitSi = *parsed.value;
            }
        }
        const std::string unitText = value.contains("unit") && value["unit"].is_string()
                                         ? " " + value["unit"].get<std::string>()
                                         : std::string();
        for (std::size_t m = 0; m < 12; ++m) {
            for (std::size_t h = 0; h < 24; ++h) {
                const std::string cell =
                    pointer + "/table/" + std::to_string(m) + "/" + std::to_string(h);
                if (!rows[m][h].is_number()) {
                    typeError(cell, "a number (the unit is given by \"unit\")", rows[m][h]);
                } else if (unitSi) {
                    checkRange(field, rows[m][h].get<double>() * *unitSi,
                               rows[m][h].dump() + unitText, cell);
                }
            }
        }
    }

    bool checkTableShape(const json& rows, const std::string& pointer) {
        if (!rows.is_array() || rows.size() != 12) {
            typeError(pointer, "a table of 12 rows (January to December) of 24 hourly values",
                      rows);
            return false;
        }
        for (std::size_t m = 0; m < 12; ++m) {
            if (!rows[m].is_array() || rows[m].size() != 24) {
                typeError(pointer + "/" + std::to_string(m),
                          "a row of 24 hourly values (hour-ending 1 to 24)", rows[m]);
                return false;
            }
        }
        return true;
    }

    void checkClimateChoice() {
        const json* climate = findValue("/climate");
        if (climate == nullptr || !climate->is_object()) {
            return;
        }
        const int given = static_cast<int>(climate->contains("epw")) +
                          static_cast<int>(climate->contains("digest")) +
                          static_cast<int>(climate->contains("csv"));
        if (given != 1) {
            error("/climate", std::string(given == 0 ? "missing the weather: "
                                                     : "more than one weather source: ") +
                                  "give exactly one of \"epw\", \"digest\" or \"csv\"");
        }
    }

    // ---- building ---------------------------------------------------------------------

    const json* findValue(const std::string& pointer) const {
        const json::json_pointer ptr(pointer);
        return m_doc.contains(ptr) ? &m_doc.at(ptr) : nullptr;
    }

    /// The value at pointer, or its field's default for this design; null when neither.
    json value(const std::string& pointer) const {
        if (const json* found = findValue(pointer)) {
            return *found;
        }
        const FieldDef* field = findSiteField(patternOf(pointer));
        if (field == nullptr) {
            return nullptr;
        }
        const auto fallback = fieldDefault(*field, m_doc);
        return fallback ? json::parse(fallback->json) : json(nullptr);
    }

    /// The value the run takes at pointer (the file's, or its default), read as its row
    /// reads it; nothing when there is neither, or when no row matches pointer.
    template <class Read> auto taken(const std::string& pointer, Read read) const {
        using Result = decltype(read(std::declval<const FieldValue&>()));
        const FieldDef* field = findSiteField(patternOf(pointer));
        const json found = value(pointer);
        return field == nullptr || found.is_null()
                   ? std::optional<Result>()
                   : std::optional<Result>(read(FieldValue(*field, found, {})));
    }
    std::string text(const std::string& pointer) const {
        return taken(pointer, [](const FieldValue& v) { return v.text(); }).value_or("");
    }
    std::optional<double> number(const std::string& pointer) const {
        return taken(pointer, [](const FieldValue& v) { return v.number(); });
    }
    int choice(const std::string& pointer) const {
        return taken(pointer, [](const FieldValue& v) { return v.integer(); }).value_or(0);
    }

    /// A pointer a pattern names in this document, and the array index each "*" stands for.
    struct Expanded {
        std::string pointer;
        std::vector<std::size_t> indices;
    };
    /// The pointers a pattern names in this document: "*" stands for each index of an
    /// array the document holds.
    std::vector<Expanded> expand(std::string_view pattern) const {
        std::vector<Expanded> pointers{{}};
        std::size_t pos = 0;
        while (pos < pattern.size()) {
            const std::size_t next = pattern.find('/', pos + 1);
            const std::string_view token = pattern.substr(
                pos + 1, next == std::string_view::npos ? std::string_view::npos : next - pos - 1);
            std::vector<Expanded> grown;
            for (const Expanded& prefix : pointers) {
                if (token != "*") {
                    grown.push_back({prefix.pointer + "/" + std::string(token), prefix.indices});
                    continue;
                }
                const json* array = findValue(prefix.pointer);
                for (std::size_t i = 0; array != nullptr && i < array->size(); ++i) {
                    grown.push_back({prefix.pointer + "/" + std::to_string(i), prefix.indices});
                    grown.back().indices.push_back(i);
                }
            }
            pointers = std::move(grown);
            pos = next == std::string_view::npos ? pattern.size() : next;
        }
        return pointers;
    }

    /// Whether a field absent from the file takes its default in this run: every section
    /// around it is present, or absent but with nothing required in it (an absent
    /// /electrical is the default chain; an absent /cooling/liquid, which requires a share,
    /// is an option not taken, and its members' defaults play no part).
    bool defaultApplies(const std::string& pointer) const {
        for (std::size_t slash = pointer.rfind('/'); slash != 0 && slash != std::string::npos;
             slash = pointer.rfind('/', slash - 1)) {
            const std::string section = pointer.substr(0, slash);
            if (findValue(section) != nullptr) {
                return true; // present sections hold the rest (the reader checked them)
            }
            const auto members = childFields(patternOf(section));
            if (std::any_of(members.begin(), members.end(),
                            [](const FieldDef* field) { return field->required; })) {
                return false;
            }
        }
        return true;
    }

    /// A default's JSON text as a report prints it: a string without its quotes.
    static std::string valueText(const std::string& jsonText) {
        if (jsonText.size() >= 2 && jsonText.front() == '"' &&
            jsonText.find('\\') == std::string::npos) {
            return jsonText.substr(1, jsonText.size() - 2);
        }
        return jsonText;
    }

    /// Fills site from the table, in table order: each value the run takes (the file's, or
    /// the default that applies) goes where its row's binding says, and each default taken
    /// is listed with its source. The climate is known: series resolve to its hours.
    void fill(Site& site, const HourCalendar& calendar) const {
        std::vector<Assumption> assumptions = m_assumptions;
        for (const FieldDef& field : siteFields()) {
            std::optional<std::optional<DesignDefault>> fallback; // looked up once, if needed
            for (const auto& [pointer, indices] : expand(field.pointer)) {
                const json* given = findValue(pointer);
                json taken;
                if (given == nullptr) {
                    if (!fallback) {
                        fallback = fieldDefault(field, m_doc);
                    }
                    if (!*fallback || !defaultApplies(pointer)) {
                        continue;
                    }
                    taken = json::parse((*fallback)->json);
                    given = &taken;
                    assumptions.push_back({pointer, valueText((*fallback)->json),
                                           std::string((*fallback)->source),
                                           AssumptionOrigin::Default});
                }
                if (field.to == nullptr) {
                    continue; // a section, or what the climate source reads
                }
                HourlySeries series;
                if (field.type == FieldType::Series) {
                    series = resolveSeries(field, *given, pointer, calendar,
                                           {m_file, m_baseDir, m_located,
                                            site.location.utcOffsetHours, &m_diagnostics});
                }
                field.to(site, FieldValue(field, *given, indices, &series));
            }
        }
        site.assumptions = std::make_shared<const std::vector<Assumption>>(std::move(assumptions));
    }

    // ---- physics: combinations of valid fields a model cannot compute ------------------

    /// The value at pointer as the file spells it ("27 degC", 4), or its default.
    std::string shown(const std::string& pointer) const { return value(pointer).dump(); }
    /// The field to blame for a conflict between two: the later one when the file gives it.
    std::string blamed(const std::string& first, const std::string& second) const {
        return findValue(second) != nullptr || findValue(first) == nullptr ? second : first;
    }
    static std::string figure(double value, const char* unit) {
        char text[64];
        std::snprintf(text, sizeof text, "%.4g %s", value, unit);
        return text;
    }

    /// The supply envelope must hold some air: dry-bulb, dew point and relative humidity
    /// limits that no state of moist air meets would leave every hour outside it.
    void checkEnvelope(const Site& site) {
        const std::string a = "/cooling/supply_air/";
        const auto& env = site.cooling.envelope;
        const double minC = units::toCelsius(env.minDryBulb);
        const double maxC = units::toCelsius(env.maxDryBulb);
        const double maxDewC = units::toCelsius(env.maxDewPoint);
        if (minC > maxC) {
            const std::string at = blamed(a + "min", a + "max");
            error(at, at == a + "max" ? "expected a temperature at or above the supply minimum " +
                                            shown(a + "min") + " (" + a + "min), got " + shown(at)
                                      : "expected a temperature at or below the supply maximum " +
                                            shown(a + "max") + " (" + a + "max), got " + shown(at));
            return;
        }
        if (maxDewC > maxC) {
            const std::string at = blamed(a + "max", a + "max_dew_point");
            error(at, at == a + "max"
                          ? "expected a temperature at or above the maximum supply dew point " +
                                shown(a + "max_dew_point") + " (" + a +
                                "max_dew_point): air is never below its dew point, got " + shown(at)
                          : "expected a dew point at or below the supply maximum " +
                                shown(a + "max") + " (" + a +
                                "max): air is never below its dew point, got " + shown(at));
            return;
        }
        if (env.minDewPoint && units::toCelsius(*env.minDewPoint) > maxDewC) {
            error(a + "min_dew_point", "expected a dew point at or below the maximum supply dew "
                                       "point " +
                                           shown(a + "max_dew_point") + " (" + a +
                                           "max_dew_point), got " + shown(a + "min_dew_point"));
            return;
        }
        if (env.minRelativeHumidity > env.maxRelativeHumidity) {
            const std::string at = blamed(a + "max_rh", a + "min_rh");
            error(at, at == a + "min_rh"
                          ? "expected a relative humidity at or below the maximum " +
                                shown(a + "max_rh") + " (" + a + "max_rh), got " + shown(at)
                          : "expected a relative humidity at or above the minimum " +
                                shown(a + "min_rh") + " (" + a + "min_rh), got " + shown(at));
            return;
        }
        // Vapour pressure p_w = RH p_ws(t) (ASHRAE HoF 2017 ch. 1 eqn 12/22): the driest air
        // the RH floor allows is at the coolest supply, the most humid the RH ceiling allows
        // at the warmest; the dew-point band must meet the range between them.
        const double pwsMin = psychro::saturationVapourPressurePa(minC);
        const double pwsMax = psychro::saturationVapourPressurePa(maxC);
        const double pwsMaxDew = psychro::saturationVapourPressurePa(maxDewC);
        if (env.minRelativeHumidity * pwsMin > pwsMaxDew) {
            const std::string at = blamed(a + "max_dew_point", a + "min_rh");
            error(
                at,
                at == a + "min_rh"
                    ? "expected a relative humidity of at most " +
                          figure(100.0 * pwsMaxDew / pwsMin, "%") + ": at the supply minimum " +
                          shown(a + "min") + " more puts the dew point above the maximum " +
                          shown(a + "max_dew_point") + " (" + a + "max_dew_point), got " + shown(at)
                    : "expected a dew point the minimum relative humidity " + shown(a + "min_rh") +
                          " allows at the supply minimum " + shown(a + "min") + ": at least " +
                          figure(dewPointOf(env.minRelativeHumidity * pwsMin), "degC") + ", got " +
                          shown(at));
            return;
        }
        if (env.minDewPoint) {
            const double pwsMinDew =
                psychro::saturationVapourPressurePa(units::toCelsius(*env.minDewPoint));
            if (env.maxRelativeHumidity * pwsMax < pwsMinDew) {
                const std::string at = blamed(a + "min_dew_point", a + "max_rh");
                error(at, at == a + "max_rh"
                              ? "expected a relative humidity of at least " +
                                    figure(100.0 * pwsMinDew / pwsMax, "%") +
                                    ": at the supply maximum " + shown(a + "max") +
                                    " less puts the dew point below the minimum " +
                                    shown(a + "min_dew_point") + " (" + a + "min_dew_point), got " +
                                    shown(at)
                              : "expected a dew point the maximum relative humidity " +
                                    shown(a + "max_rh") + " allows at the supply maximum " +
                                    shown(a + "max") + ": at most " +
                                    figure(dewPointOf(env.maxRelativeHumidity * pwsMax), "degC") +
                                    ", got " + shown(at));
            }
        }
    }

    /// Dew point of air at vapour pressure pw (ASHRAE HoF 2017 ch. 1 eqns 20 and 39).
    static double dewPointOf(double vapourPressurePa) {
        const double p = psychro::standardPressurePa(0.0);
        return psychro::dewPointFromHumidityRatio(
            psychro::humidityRatioFromVapourPressure(vapourPressurePa, p), p);
    }

    /// One server must fit in a rack, one UltraServer in a row and in a hall, and the
    /// deployment's chips must be countable; otherwise sizing has nothing to place.
    void checkPlacement(const Site& site) {
        const auto& it = site.it;
        const auto& platform = it.platform;
        const auto& campus = site.campus;
        const long long chipsPerUs =
            static_cast<long long>(platform.serversPerUltraServer) * platform.chipsPerServer;
        if (it.ultraServers && static_cast<long long>(*it.ultraServers) * chipsPerUs > kMaxChips) {
            error("/it/ultraservers",
                  "expected a whole number of at most " + std::to_string(kMaxChips / chipsPerUs) +
                      ": Headroom counts at most " + std::to_string(kMaxChips) + " chips and " +
                      "one UltraServer holds " + std::to_string(chipsPerUs) + ", got " +
                      shown("/it/ultraservers"));
            return;
        }
        const std::string server = "one " + inQuotes(platform.id) + " server";
        const double inputKw = units::toKilowatts(serverInputPower(it));
        const double rackKw = units::toKilowatts(campus.rackPowerLimit);
        if (inputKw > rackKw * (1.0 + 1e-12)) {
            error("/campus/hall/rack_power_limit",
                  "expected a power of at least " + figure(inputKw, "kW") + ", what " + server +
                      " draws at its power supplies (" + std::to_string(platform.chipsPerServer) +
                      " chips of " + figure(units::toKilowatts(it.chip.peakPower) * 1e3, "W") +
                      ", host, fans and NICs, at " + figure(100.0 * it.psuEfficiency[3], "%") +
                      " PSU efficiency), got " + shown("/campus/hall/rack_power_limit"));
            return;
        }
        if (platform.rackUnitsPerServer > it.rackUnitsPerRack) {
            const std::string at =
                blamed("/it/platform_overrides/rack_units_per_server", "/it/rack_units");
            error(at, at == "/it/rack_units"
                          ? "expected a whole number of at least " +
                                std::to_string(platform.rackUnitsPerServer) + ", the height of " +
                                server + " in rack units, got " + shown(at)
                          : "expected a whole number of at most " +
                                std::to_string(it.rackUnitsPerRack) + ", the rack units of a " +
                                "rack (/it/rack_units), got " + shown(at));
            return;
        }
        const int byPower = static_cast<int>(std::floor(rackKw / inputKw + 1e-9));
        const int perRack = std::min(byPower, it.rackUnitsPerRack / platform.rackUnitsPerServer);
        const int serversPerUs = platform.serversPerUltraServer;
        const int racksPerUs = serversPerUs <= perRack ? 1 : (serversPerUs + perRack - 1) / perRack;
        const std::string spans = "one UltraServer spans " + std::to_string(racksPerUs) +
                                  " adjacent racks (" + std::to_string(perRack) +
                                  " of its servers to a rack)";
        if (racksPerUs > campus.racksPerRow) {
            error("/campus/hall/racks_per_row", "expected a whole number of at least " +
                                                    std::to_string(racksPerUs) + ": " + spans +
                                                    ", got " + shown("/campus/hall/racks_per_row"));
            return;
        }
        if (racksPerUs > campus.rackPositionsPerHall) {
            error("/campus/hall/rack_positions",
                  "expected a whole number of at least " + std::to_string(racksPerUs) + ": " +
                      spans + ", got " + shown("/campus/hall/rack_positions"));
            return;
        }
        const double ultraServerKw = serversPerUs * units::toKilowatts(serverPeakPower(it));
        if (ultraServerKw > units::toKilowatts(campus.itPowerPerHall) * (1.0 + 1e-12)) {
            error("/campus/hall/it_power",
                  "expected a power of at least " + figure(ultraServerKw, "kW") + ", one " +
                      inQuotes(platform.id) + " UltraServer at peak, got " +
                      shown("/campus/hall/it_power"));
            return;
        }
    }

    /// Warnings, not errors, for the figures a planner most often mistypes (a unit off by
    /// a thousand, ft2 for m2, kW for MW): the value is possible, but far outside what real
    /// halls have. Each bound says where it comes from.
    void checkPlausibility(const Site& site) {
        const auto& campus = site.campus;
        const double hallKw = units::toKilowatts(campus.itPowerPerHall);
        const double areaM2 = campus.floorAreaPerHall.value();
        // IT power per m2 of hall floor. Air-cooled enterprise halls run about 1 to 3 kW/m2
        // (ASHRAE TC 9.9, "Datacom Equipment Power Trends and Cooling Applications", 2nd
        // ed., 2012, ch. 3 [ashrae-power-trends-2012]); the densest AI racks today, NVIDIA
        // GB200 NVL72 at about 120 kW [nvidia-gb200-nvl72] [semianalysis-2024-gb200], on a 0.6 m
        // x 1.2 m footprint plus its share of the aisles (about 3 m2 a rack) give about 40 kW/m2.
        // Warned outside 0.1 to 60 kW/m2: a tenth of the sparsest, half again the densest.
        if (hallKw > 0.0 && areaM2 > 0.0) {
            const double density = hallKw / areaM2;
            if (density < 0.1 || density > 60.0) {
                warning("/campus/hall/floor_area",
                        "implausible: " + figure(density, "kW/m2") + " of IT power per m2 of " +
                            "hall floor (" + shown("/campus/hall/it_power") + " on " +
                            shown("/campus/hall/floor_area") + "); real halls have 0.1 to 60 " +
                            "kW/m2 (ASHRAE TC 9.9 power trends; NVIDIA GB200 NVL72 racks). " +
                            "Check the unit (m2 or ft2)");
            }
        }
        // Rack feeds: a few kW in enterprise rooms, up to about 132 kW for NVIDIA GB200
        // NVL72 [semianalysis-2024-gb200]. Warned outside 1 to 250 kW.
        const double rackKw = units::toKilowatts(campus.rackPowerLimit);
        if (rackKw > 0.0 && (rackKw < 1.0 || rackKw > 250.0)) {
            warning("/campus/hall/rack_power_limit",
                    "implausible: " + shown("/campus/hall/rack_power_limit") + " per rack " +
                        "position; racks are fed 1 to 250 kW (the densest, NVIDIA GB200 NVL72, "
                        "about 132 kW). Check the unit (kW or MW)");
        }
        // The interconnect feeds IT times PUE. Large fleets report annual PUEs of 1.1 to 1.6
        // (Google data center efficiency, 2023 fleet PUE 1.10 [google-2023-efficiency]; Uptime
        // Institute Global Data Center Survey 2023, average 1.58 [uptime-2023-survey]): an
        // interconnect more than 10 times the IT power is a unit slip far more often than a plan.
        const double itKw = hallKw * campus.halls();
        const double interconnectKw = units::toKilowatts(campus.utilityInterconnect);
        if (itKw > 0.0 && interconnectKw > 10.0 * itKw) {
            warning("/campus/utility_interconnect",
                    "implausible: " + shown("/campus/utility_interconnect") + " is " +
                        figure(interconnectKw / itKw, "times") + " the campus IT power (" +
                        figure(itKw / 1000.0, "MW") + " in " + std::to_string(campus.halls()) +
                        " halls); sites draw 1.1 to 1.6 times their IT power (annual PUE, Google "
                        "2023; Uptime Institute 2023). Check the unit (MW or GW)");
        }
    }

    fs::path resolvePath(const std::string& name) const {
        const fs::path path(name);
        return path.is_relative() ? m_baseDir / path : path;
    }

    /// The climate, from the cache when there is one: the same object for every variant
    /// of a site, so the simulation's per-climate series are derived once too.
    std::shared_ptr<const Climate> sharedClimate() {
        auto resolve = [&] {
            ClimateCache::Entry entry;
            const std::size_t before = m_diagnostics.items().size();
            if (auto climate = resolveClimate()) {
                entry.climate = std::make_shared<const Climate>(std::move(*climate));
            }
            const auto& items = m_diagnostics.items();
            for (std::size_t i = before; i < items.size(); ++i) {
                entry.diagnostics.add(items[i]);
            }
            return entry;
        };
        if (m_climates == nullptr) {
            return resolve().climate;
        }
        const std::string key = m_doc.at("climate").dump() + "\n" +
                                m_doc.value("location", json::object()).dump() + "\n" +
                                m_baseDir.string();
        bool made = false;
        auto entry = m_climates->get(key, [&] {
            made = true;
            return resolve();
        });
        if (!made) {
            m_diagnostics.append(entry.diagnostics);
        }
        return entry.climate;
    }

    std::optional<Climate> resolveClimate() {
        const json& climate = m_doc.at("climate");
        if (climate.contains("epw")) {
            const std::string name = climate["epw"].get<std::string>();
            const fs::path path = resolvePath(name);
            std::error_code ec;
            if (!fs::exists(path, ec)) {
                error("/climate/epw",
                      "cannot find the weather file \"" + name + "\" (looked for " + path.string() +
                          ")",
                      DiagnosticKind::NotFound);
                return std::nullopt;
            }
            if (fs::is_directory(path, ec)) {
                error("/climate/epw",
                      "cannot read the weather file \"" + name + "\": " + path.string() +
                          " is a folder",
                      DiagnosticKind::Unreadable);
                return std::nullopt;
            }
            Diagnostics epw;
            auto result = EpwFile::readClimate(path, epw);
            appendUnder("/climate/epw", epw); // problems inside the EPW name the field too
            if (!result && !epw.hasErrors()) {
                error("/climate/epw", "cannot read the weather file \"" + name + "\"",
                      DiagnosticKind::Unreadable);
            }
            return result;
        }
        if (climate.contains("digest")) {
            return climateFromDigestField();
        }
        return climateFromCsvField();
    }

    // Diagnostics from a climate reader, re-anchored under the field that named the data.
    void appendUnder(const std::string& base, const Diagnostics& diagnostics) {
        for (auto diagnostic : diagnostics.items()) {
            if (diagnostic.file.empty()) {
                diagnostic.pointer = base + diagnostic.pointer;
                diagnostic.file = m_file;
                if (m_located != nullptr) {
                    const auto at = m_located->valuePosition(diagnostic.pointer);
                    diagnostic.line = at.line;
                    diagnostic.column = at.column;
                }
            } else if (diagnostic.pointer.empty()) {
                diagnostic.pointer = base; // located in the data file, named by this field
            }
            m_diagnostics.add(diagnostic);
        }
    }

    std::optional<Climate> climateFromDigestField() {
        Diagnostics digest;
        auto climate = climateFromDigest(m_doc.at("climate").at("digest"), digest);
        appendUnder("/climate/digest", digest);
        if (!climate && !digest.hasErrors()) {
            error("/climate/digest", "cannot regenerate the weather year from this digest");
        }
        return climate;
    }

    std::optional<Climate> climateFromCsvField() {
        const std::string c = "/climate/csv/";
        CsvWeatherMapping mapping;
        mapping.timestampColumn = text(c + "timestamp");
        mapping.timestampIsUtc = choice(c + "time_zone") != 0;
        mapping.temperatureColumn = text(c + "temperature");
        mapping.temperatureUnit = text(c + "temperature_unit");
        mapping.relativeHumidityColumn = text(c + "relative_humidity");
        mapping.pressureColumn = text(c + "pressure");
        mapping.pressureUnit = text(c + "pressure_unit");
        mapping.pressureReference =
            static_cast<CsvWeatherMapping::PressureReference>(choice(c + "pressure_reference"));
        mapping.stationElevationM =
            number(c + "station_elevation").value_or(number("/location/elevation").value_or(0.0));
        mapping.utcOffsetHours = number("/location/utc_offset").value_or(0.0);
        mapping.stationName = text(c + "station");
        mapping.dataSource = text(c + "data_source");
        mapping.latitudeDeg = number("/location/latitude").value_or(0.0);
        mapping.longitudeDeg = number("/location/longitude").value_or(0.0);

        const std::string name = text(c + "file");
        const fs::path path = resolvePath(name);
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            error(c + "file",
                  "cannot find the weather CSV \"" + name + "\" (looked for " + path.string() + ")",
                  DiagnosticKind::NotFound);
            return std::nullopt;
        }
        Diagnostics csv;
        auto climate = CsvWeather::load(path, mapping, csv);
        appendUnder("/climate/csv", csv);
        if (!climate && !csv.hasErrors()) {
            error(c + "file", "cannot read the weather CSV \"" + name + "\"",
                  DiagnosticKind::Unreadable);
        }
        return climate;
    }

    const json& m_doc;
    const LocatedJson* m_located;
    std::string m_file;
    fs::path m_baseDir;
    Diagnostics& m_diagnostics;
    ClimateCache* m_climates = nullptr;
    std::vector<Assumption> m_assumptions;
};

} // namespace

bool upgradeSiteDocument(nlohmann::json& document, const std::string& fileName,
                         Diagnostics& diagnostics) {
    // Upgrade steps from version N to N+1, applied in turn. "headroom-site/1" is the
    // first version, so the chain is empty; a /2 reader adds {1, upgradeFrom1} here.
    struct Step {
        int from;
        void (*apply)(nlohmann::json&);
    };
    static const std::vector<Step> steps{};

    auto fail = [&](std::string message) {
        diagnostics.add({fileName, 0, 0, "/format", Severity::Error, DiagnosticKind::Meaning,
                         std::move(message)});
        return false;
    };
    if (!document.is_object()) {
        return true; // the reader reports the wrong type itself
    }
    if (!document.contains("format")) {
        return fail("missing required field \"format\": expected \"" + std::string(kSiteFormat) +
                    "\" as the file's first member");
    }
    const auto& format = document["format"];
    const std::string prefix = "headroom-site/";
    int version = 0;
    if (format.is_string()) {
        const std::string text = format.get<std::string>();
        if (text.rfind(prefix, 0) == 0) {
            const char* begin = text.data() + prefix.size();
            const char* end = text.data() + text.size();
            auto [ptr, ec] = std::from_chars(begin, end, version);
            if (ec != std::errc() || ptr != end) {
                version = 0;
            }
        }
    }
    if (version <= 0) {
        return fail("expected \"format\": \"" + std::string(kSiteFormat) + "\", got " +
                    format.dump() + ": this is not a Headroom site file");
    }
    if (version > kSiteFormatVersion) {
        return fail("format " + format.dump() + " is newer than this Headroom reads (\"" +
                    std::string(kSiteFormat) + "\"): update Headroom");
    }
    for (int from = version; from < kSiteFormatVersion; ++from) {
        auto step = std::find_if(steps.begin(), steps.end(),
                                 [&](const Step& candidate) { return candidate.from == from; });
        if (step == steps.end()) {
            return fail("format " + format.dump() + " is not supported: no upgrade from version " +
                        std::to_string(from));
        }
        step->apply(document);
    }
    document["format"] = std::string(kSiteFormat);
    return true;
}

namespace {

SiteLoad readParsed(SiteLoad load, const LocatedJson* located, const std::string& fileName,
                    const fs::path& baseDir, ClimateCache* climates = nullptr) {
    Diagnostics upgrade;
    const bool upgraded = upgradeSiteDocument(load.document, fileName, upgrade);
    for (auto diagnostic : upgrade.items()) {
        if (located != nullptr) {
            const auto at = located->valuePosition(diagnostic.pointer);
            diagnostic.line = at.line;
            diagnostic.column = at.column;
        }
        load.diagnostics.add(diagnostic);
    }
    if (!upgraded) {
        return load;
    }
    load.site =
        SiteReader(load.document, located, fileName, baseDir, load.diagnostics, climates).read();
    return load;
}

} // namespace

SiteLoad readSiteText(std::string_view text, const std::string& fileName, const fs::path& baseDir) {
    SiteLoad load;
    auto parsed = parseLocatedJson(text, fileName);
    load.diagnostics = parsed.diagnostics;
    if (!parsed.json) {
        return load;
    }
    load.document = parsed.json->value;
    load.numberText = parsed.json->numbers;
    return readParsed(std::move(load), &*parsed.json, fileName, baseDir);
}

SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const fs::path& baseDir) {
    SiteLoad load;
    load.document = document;
    return readParsed(std::move(load), nullptr, fileName, baseDir);
}

SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const fs::path& baseDir, ClimateCache* climates) {
    SiteLoad load;
    load.document = document;
    return readParsed(std::move(load), nullptr, fileName, baseDir, climates);
}

ClimateCache::Entry ClimateCache::get(const std::string& key, const std::function<Entry()>& make) {
    const std::lock_guard lock(m_mutex);
    auto found = m_entries.find(key);
    if (found == m_entries.end()) {
        found = m_entries.emplace(key, make()).first;
    }
    return found->second;
}

SiteLoad readSiteFile(const fs::path& path) {
    const std::string fileName = path.string();
    TextFile file = readTextFile(path);
    if (file.status != TextFile::Status::Ok) {
        SiteLoad load;
        const auto kind = file.status == TextFile::Status::NotFound ? DiagnosticKind::NotFound
                                                                    : DiagnosticKind::Unreadable;
        const std::string message = file.status == TextFile::Status::NotFound
                                        ? "no such file"
                                        : describeStatus(file.status);
        load.diagnostics.add({fileName, 0, 0, "", Severity::Error, kind, message});
        return load;
    }
    return readSiteText(file.text, fileName, path.parent_path());
}

} // namespace headroom::model
