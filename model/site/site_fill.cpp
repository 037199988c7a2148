#include "model/site/site_binding.h"
#include "model/site/site_read_steps.h"

#include <algorithm>

namespace headroom::model {
namespace {

using json = nlohmann::json;

// The generic reader: Site from the table, row by row.
class SiteFill : SiteReadContext {
public:
    explicit SiteFill(const SiteReadContext& context)
        : SiteReadContext(context) {}

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

private:
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
            const auto& members = childFields(patternOf(section));
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
};

} // namespace

void fillSite(const SiteReadContext& context, Site& site, const HourCalendar& calendar) {
    SiteFill(context).fill(site, calendar);
}

} // namespace headroom::model
