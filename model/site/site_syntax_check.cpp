#include "model/bibliography/bibliography.h"
#include "model/site/site_binding.h"
#include "model/site/site_read_steps.h"

#include <algorithm>

namespace headroom::model {
namespace {

using json = nlohmann::json;

const char* article(std::string_view noun) {
    return (!noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos)
               ? "an"
               : "a";
}

std::string joinChoices(const std::vector<EnumChoice>& choices) {
    std::string text;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        text += (i == 0 ? "" : (i + 1 == choices.size() ? " or " : ", ")) +
                quotedExcerpt(choices[i].name);
    }
    return text;
}

std::string quantityExpectation(QuantityKind kind) {
    const auto info = quantityKindInfo(kind);
    return std::string(article(info.name)) + " " + info.name + " such as " +
           quotedExcerpt(info.example);
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

// Checks the whole document against the table, collecting every problem, and records
// what the file sources.
class SyntaxCheck : SiteReadContext {
public:
    explicit SyntaxCheck(const SiteReadContext& context)
        : SiteReadContext(context) {}

    void run() {
        if (!m_doc.is_object()) {
            error("", "expected a site object {\"format\": \"headroom-site/1\", ...}, got " +
                          describeFound(m_doc));
            return;
        }
        checkObject(m_doc, "", "");
        checkClimateChoice();
    }

private:
    void checkObject(const json& object, const std::string& pointer, const std::string& pattern) {
        const auto& children = childFields(pattern);
        for (const auto& [key, value] : object.items()) {
            const std::string member = pointer + "/" + escapePointerToken(key);
            const std::string memberPattern = pattern + "/" + escapePointerToken(key);
            if (key == "source") {
                checkSource(value, member, children);
                continue;
            }
            const FieldDef* field = findSiteField(memberPattern);
            if (field == nullptr) {
                if (const auto* retired = findRetiredField(memberPattern)) {
                    report(member, Severity::Error, DiagnosticKind::Meaning,
                           quotedExcerpt(key) +
                               " is no longer read: " + std::string(retired->replacement),
                           true);
                    continue;
                }
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
                        "unknown key " + quotedExcerpt(key) + " is ignored; " +
                            (closest.empty() ? "expected one of: " + known + ", source"
                                             : "did you mean " + quotedExcerpt(closest) + "?"),
                        true);
                continue;
            }
            checkField(*field, value, member);
        }
        for (const auto* child : children) {
            const std::string name(child->pointer.substr(child->pointer.rfind('/') + 1));
            if (child->required && !object.contains(name)) {
                error(pointer, "missing required field " + quotedExcerpt(name) + ": " +
                                   std::string(child->doc));
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
                warning(member, "source for unknown field " + quotedExcerpt(key), true);
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
        return checkRange(field, *parsed.value, quotedExcerpt(text), pointer);
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
                        "unknown key " + quotedExcerpt(key) + " is ignored", true);
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
                error(pointer,
                      std::string("missing required field \"unit\": the unit of the ") +
                          (csv ? "column" : "table") + "'s numbers, such as " +
                          quotedExcerpt(std::string(info.example)
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
                          quotedExcerpt(std::string(info.example)
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
};

} // namespace

void checkSiteSyntax(const SiteReadContext& context) {
    SyntaxCheck(context).run();
}

} // namespace headroom::model
