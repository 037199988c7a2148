#include "model/site/site_variants.h"

#include "model/json/array_index_token.h"
#include "model/site/site_binding.h"
#include "model/site/site_read_steps.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

namespace headroom::model {
namespace {

using json = nlohmann::json;

/// A value the document has, the row that reads it, and the array index each "*" of the
/// row's pointer stands for.
struct BoundValue {
    const FieldDef* field = nullptr;
    std::vector<std::size_t> indices;
};

/// The row of the value at pointer when its binding may run alone on the base's Site, or
/// nothing. It may when the row's type is a number of some kind: its binding writes members
/// that no later row writes (the field table's test checks that every such binding commutes
/// with every later row's), no default rule reads it (rules choose by a design, an Enum;
/// tested too), and it resolves no series against the weather. /format, /climate and
/// /location are left out: they choose the format upgrade, the weather and its hours.
/// Pointers with "~" escapes are left out too (read whole, they keep json_pointer's own
/// treatment of them).
std::optional<BoundValue> boundAlone(const json& document, std::string_view pointer) {
    if (pointer.find('~') != std::string_view::npos || !pointer.starts_with('/') ||
        pointer.starts_with("/format") || pointer.starts_with("/climate") ||
        pointer.starts_with("/location")) {
        return std::nullopt;
    }
    BoundValue bound;
    std::string pattern;
    const json* at = &document;
    while (!pointer.empty()) {
        const std::size_t end = std::min(pointer.find('/', 1), pointer.size());
        const std::string_view token = pointer.substr(1, end - 1);
        pointer.remove_prefix(end);
        if (at->is_object()) {
            const auto member = at->find(token);
            if (member == at->end()) {
                return std::nullopt;
            }
            at = &*member;
            pattern.append("/").append(token);
        } else if (at->is_array()) {
            const auto index = arrayIndexToken(token, at->size());
            if (!index) {
                return std::nullopt;
            }
            at = &(*at)[*index];
            bound.indices.push_back(*index);
            pattern += "/*";
        } else {
            return std::nullopt;
        }
    }
    bound.field = findSiteField(pattern);
    if (bound.field == nullptr || bound.field->to == nullptr) {
        return std::nullopt;
    }
    switch (bound.field->type) {
    case FieldType::Number:
    case FieldType::Integer:
    case FieldType::Quantity:
    case FieldType::CountOrFill:
    case FieldType::Ratio:
    case FieldType::MonthDay:
        return bound;
    default:
        return std::nullopt;
    }
}

} // namespace

struct SiteVariants::AssumptionLists {
    /// What replaces the base's: (index in the base's list, the new text), in index order.
    using Edits = std::vector<std::pair<std::size_t, std::string>>;
    /// Enough for the distinct values of a sweep's sourced fields; past it, lists are made
    /// anew (the same lists: only the sharing is lost).
    static constexpr std::size_t kCapacity = 1024;

    Assumptions listFor(const Assumptions& base, Edits edits) {
        const std::lock_guard lock(mutex);
        if (const auto found = lists.find(edits); found != lists.end()) {
            return found->second;
        }
        auto list = std::make_shared<std::vector<Assumption>>(*base);
        for (const auto& [index, text] : edits) {
            (*list)[index].text = text;
        }
        if (lists.size() >= kCapacity) {
            lists.clear();
        }
        return lists.emplace(std::move(edits), std::move(list)).first->second;
    }

    std::mutex mutex;
    std::map<Edits, Assumptions> lists;
};

SiteVariants::~SiteVariants() = default;

SiteVariants::SiteVariants(json document, std::string fileName, std::filesystem::path baseDir,
                           ClimateCache* climates, std::string climateKey)
    : m_file(std::move(fileName))
    , m_baseDir(std::move(baseDir))
    , m_assumptionLists(std::make_unique<AssumptionLists>()) {
    // An older format is upgraded before it is read: its pointers are not the table's.
    const bool current = document.is_object() && document.contains("format") &&
                         document["format"] == std::string(kSiteFormat);
    std::size_t acrossFieldsAt = 0;
    SiteLoad base = readSiteDocument(std::move(document), m_file, m_baseDir, climates,
                                     std::move(climateKey), acrossFieldsAt);
    if (!current || !base.site) {
        return;
    }
    m_document = std::move(base.document);
    m_site = std::move(base.site);
    const auto& items = base.diagnostics.items();
    for (std::size_t i = 0; i < acrossFieldsAt; ++i) {
        m_fieldDiagnostics.add(items[i]);
    }
}

std::optional<SiteVariantRead> SiteVariants::read(const std::vector<Override>& overrides) const {
    if (!m_site) {
        return std::nullopt;
    }
    SiteVariantRead variant{*m_site, m_fieldDiagnostics};
    // What the steps report for the variant: anything at all, and it is read whole (a
    // message may quote a value as the edited document spells it).
    Diagnostics found;
    std::vector<Assumption> sources;
    const SiteReadContext context(m_document, nullptr, m_file, m_baseDir, found, sources);
    AssumptionLists::Edits assumptionEdits; // of the values the file gives a source for
    for (const Override& edit : overrides) {
        const auto bound = boundAlone(m_document, edit.pointer);
        if (!bound) {
            return std::nullopt;
        }
        checkSiteValue(context, *bound->field, edit.value, edit.pointer);
        const auto& base = m_fieldDiagnostics.items();
        const bool diagnosed = std::any_of(base.begin(), base.end(), [&](const Diagnostic& d) {
            return d.pointer == edit.pointer || d.pointer.starts_with(edit.pointer + "/");
        });
        if (!found.empty() || diagnosed) {
            return std::nullopt;
        }
        bound->field->to(variant.site, FieldValue(*bound->field, edit.value, bound->indices));
        // A value the file gives a source for is listed with the value: the new one now.
        for (std::size_t i = 0; i < m_site->assumptions->size(); ++i) {
            const Assumption& assumption = (*m_site->assumptions)[i];
            if (assumption.origin == AssumptionOrigin::File && assumption.pointer == edit.pointer) {
                std::string text = sourcedValueText(edit.value);
                const auto at = std::find_if(assumptionEdits.begin(), assumptionEdits.end(),
                                             [&](const auto& e) { return e.first == i; });
                if (at != assumptionEdits.end()) {
                    at->second = std::move(text); // a later override of the same field wins
                } else {
                    assumptionEdits.emplace_back(i, std::move(text));
                }
            }
        }
    }
    if (!assumptionEdits.empty()) {
        std::sort(assumptionEdits.begin(), assumptionEdits.end());
        variant.site.assumptions =
            m_assumptionLists->listFor(m_site->assumptions, std::move(assumptionEdits));
    }
    checkSiteAcrossFields(context, variant.site);
    if (!found.empty()) {
        return std::nullopt;
    }
    return variant;
}

} // namespace headroom::model
