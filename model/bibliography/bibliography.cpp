#include "model/bibliography/bibliography.h"

#include "model/bibliography/embedded_references.h"
#include "model/json/located_json.h"

#include <algorithm>
#include <stdexcept>

namespace headroom::model {
namespace {

using nlohmann::json;

bool isIdChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

/// An id: lowercase letters, digits and hyphens, a letter first, a hyphen inside, no
/// hyphen at either end or twice in a row.
bool isCitationId(std::string_view id) {
    if (id.empty() || id.front() < 'a' || id.front() > 'z' || id.back() == '-' ||
        id.find('-') == std::string_view::npos || id.find("--") != std::string_view::npos) {
        return false;
    }
    return std::all_of(id.begin(), id.end(), isIdChar);
}

std::string text(const json& entry, const char* key) {
    const auto it = entry.find(key);
    return it != entry.end() && it->is_string() ? it->get<std::string>() : std::string();
}

/// "Family, G." for a person, the literal name for an organisation.
std::string personName(const json& person) {
    if (const std::string literal = text(person, "literal"); !literal.empty()) {
        return literal;
    }
    std::string name = text(person, "family");
    const std::string given = text(person, "given");
    if (!given.empty()) {
        name += ", ";
        // Initials of each given name: "Md Abu Bakar" -> "M. A. B.".
        bool start = true;
        for (char c : given) {
            if (c == ' ' || c == '-') {
                start = true;
                continue;
            }
            if (start) {
                name += std::string(1, c) + ". ";
                start = false;
            }
        }
        name.pop_back();
    }
    return name;
}

std::string authors(const json& entry) {
    const auto it = entry.find("author");
    if (it == entry.end() || !it->is_array() || it->empty()) {
        return text(entry, "publisher");
    }
    std::vector<std::string> names;
    for (const auto& person : *it) {
        names.push_back(personName(person));
    }
    // Up to six names, then "et al.", as most author-year styles shorten a long list.
    std::string out;
    const std::size_t shown = names.size() > 6 ? 6 : names.size();
    for (std::size_t i = 0; i < shown; ++i) {
        out +=
            (i == 0 ? "" : (i + 1 == shown && shown == names.size() ? " and " : ", ")) + names[i];
    }
    return shown < names.size() ? out + " et al." : out;
}

std::string year(const json& entry) {
    const auto issued = entry.find("issued");
    if (issued == entry.end() || !issued->contains("date-parts")) {
        return "n.d.";
    }
    const json& parts = (*issued)["date-parts"];
    if (!parts.is_array() || parts.empty() || !parts[0].is_array() || parts[0].empty() ||
        !parts[0][0].is_number_integer()) {
        return "n.d.";
    }
    return std::to_string(parts[0][0].get<int>());
}

/// Appends "part." unless part is empty; a part ending in ? or ! keeps its own mark.
void sentence(std::string& out, const std::string& part) {
    if (part.empty()) {
        return;
    }
    out += out.empty() ? "" : " ";
    out += part;
    if (const char last = part.back(); last != '.' && last != '?' && last != '!') {
        out += '.';
    }
}

} // namespace

std::optional<Bibliography> Bibliography::fromJson(std::string_view input,
                                                   const std::string& fileName,
                                                   Diagnostics& diagnostics) {
    auto parsed = parseLocatedJson(input, fileName);
    diagnostics.append(parsed.diagnostics);
    if (!parsed.json) {
        return std::nullopt;
    }
    const LocatedJson& located = *parsed.json;
    bool ok = true;
    auto error = [&](const std::string& pointer, std::string message) {
        const auto at = located.valuePosition(pointer);
        diagnostics.add(Diagnostic{fileName, at.line, at.column, pointer, Severity::Error,
                                   DiagnosticKind::Meaning, std::move(message)});
        ok = false;
    };
    if (!located.value.is_array()) {
        error("", "expected a CSL-JSON array of references");
        return std::nullopt;
    }
    std::vector<std::string> seen;
    for (std::size_t i = 0; i < located.value.size(); ++i) {
        const json& entry = located.value[i];
        const std::string pointer = "/" + std::to_string(i);
        if (!entry.is_object()) {
            error(pointer, "expected a reference object");
            continue;
        }
        const std::string id = text(entry, "id");
        if (!isCitationId(id)) {
            error(pointer + "/id", "expected an id of lowercase letters, digits and hyphens "
                                   "holding a hyphen, such as \"lbnl-2024-usage\", got " +
                                       quotedExcerpt(id));
        } else if (std::find(seen.begin(), seen.end(), id) != seen.end()) {
            error(pointer + "/id", "the id \"" + id + "\" is used twice");
        }
        seen.push_back(id);
        for (const char* key : {"type", "title", "URL"}) {
            if (text(entry, key).empty()) {
                error(pointer, std::string("a reference needs a \"") + key + "\" string");
            }
        }
        if (year(entry) == "n.d.") {
            error(pointer, "a reference needs \"issued\": {\"date-parts\": [[year]]}");
        }
        if (!entry.contains("author") && text(entry, "publisher").empty()) {
            error(pointer, "a reference needs an \"author\" list or a \"publisher\"");
        }
    }
    if (!ok) {
        return std::nullopt;
    }
    Bibliography bibliography;
    bibliography.m_entries = located.value;
    for (std::size_t i = 0; i < bibliography.m_entries.size(); ++i) {
        bibliography.m_byId.emplace(text(bibliography.m_entries[i], "id"), i);
    }
    return bibliography;
}

const Bibliography& Bibliography::builtin() {
    static const Bibliography bibliography = [] {
        Diagnostics diagnostics;
        const auto& file = embeddedReferenceFiles().front();
        auto parsed = fromJson(file.text, "resources/" + std::string(file.name), diagnostics);
        if (!parsed) {
            // The bibliography test reads the same file; reaching this is a build defect.
            throw std::logic_error("the built-in bibliography is invalid: " +
                                   formatDiagnostic(diagnostics.items().front()));
        }
        return std::move(*parsed);
    }();
    return bibliography;
}

const json* Bibliography::entry(std::string_view id) const {
    const auto it = m_byId.find(id);
    return it != m_byId.end() ? &m_entries[it->second] : nullptr;
}

std::vector<std::string> Bibliography::ids() const {
    std::vector<std::string> out;
    for (const auto& e : m_entries) {
        out.push_back(text(e, "id"));
    }
    return out;
}

std::string Bibliography::format(std::string_view id) const {
    const json* e = entry(id);
    if (e == nullptr) {
        return {};
    }
    std::string out = authors(*e) + " (" + year(*e) + ").";
    sentence(out, text(*e, "title"));
    sentence(out, text(*e, "container-title"));
    if (e->contains("author")) {
        sentence(out, text(*e, "publisher"));
    }
    if (const std::string page = text(*e, "page"); !page.empty()) {
        sentence(out, "p. " + page);
    }
    out += " " + text(*e, "URL");
    return out;
}

std::vector<std::string> citedIds(std::string_view input) {
    std::vector<std::string> out;
    for (std::size_t open = input.find('['); open != std::string_view::npos;
         open = input.find('[', open + 1)) {
        const std::size_t close = input.find(']', open + 1);
        if (close == std::string_view::npos) {
            break;
        }
        const std::string_view id = input.substr(open + 1, close - open - 1);
        if (isCitationId(id) && std::find(out.begin(), out.end(), id) == out.end()) {
            out.emplace_back(id);
        }
    }
    return out;
}

std::vector<std::string> unknownCitations(std::string_view input,
                                          const Bibliography& bibliography) {
    std::vector<std::string> out;
    for (auto& id : citedIds(input)) {
        if (!bibliography.contains(id)) {
            out.push_back(std::move(id));
        }
    }
    return out;
}

} // namespace headroom::model
