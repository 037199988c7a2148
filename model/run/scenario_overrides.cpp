#include "model/run/scenario_overrides.h"

#include "model/core/sha256.h"

#include <algorithm>

namespace headroom::model {

bool applyOverrides(nlohmann::json& document, const std::vector<Override>& overrides,
                    const std::string& fileName, Diagnostics& diagnostics) {
    bool ok = true;
    for (const auto& edit : overrides) {
        Diagnostic diagnostic;
        diagnostic.file = fileName;
        diagnostic.pointer = edit.pointer;
        try {
            const nlohmann::json::json_pointer pointer(edit.pointer);
            if (!document.contains(pointer)) {
                diagnostic.message = "no such field in the site";
                diagnostics.add(diagnostic);
                ok = false;
                continue;
            }
            document[pointer] = edit.value;
        } catch (const nlohmann::json::exception& error) {
            diagnostic.kind = DiagnosticKind::Syntax;
            diagnostic.message = "not a JSON pointer: " + std::string(error.what());
            diagnostics.add(diagnostic);
            ok = false;
        }
    }
    return ok;
}

std::string canonicalParameters(const std::vector<Override>& overrides) {
    nlohmann::json object = nlohmann::json::object(); // std::map: keys come out sorted
    for (const auto& edit : overrides) {
        object[edit.pointer] = edit.value;
    }
    return object.dump();
}

std::string canonicalDocument(const nlohmann::json& document) {
    // nlohmann::json keeps object members in a std::map, so dump() is already sorted and
    // its number output is the shortest round-trip form: one text per document.
    return document.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::map<std::string, std::string> canonicalMemberTexts(const nlohmann::json& document) {
    std::map<std::string, std::string> texts;
    if (document.is_object()) {
        for (const auto& [key, value] : document.items()) {
            texts.emplace(key, canonicalDocument(value));
        }
    }
    return texts;
}

std::string canonicalDocument(const nlohmann::json& base,
                              const std::map<std::string, std::string>& baseMembers,
                              const std::vector<Override>& overrides) {
    // Each override lands in one top-level member (RFC 6901: "~1" is "/", "~0" is "~"): a
    // copy of that member takes it, at the rest of its pointer, in the overrides' order.
    auto whole = [&] { // not an object, or an override of the root: nothing to reuse
        nlohmann::json document = base;
        for (const auto& edit : overrides) {
            document[nlohmann::json::json_pointer(edit.pointer)] = edit.value;
        }
        return canonicalDocument(document);
    };
    if (!base.is_object()) {
        return whole();
    }
    std::map<std::string, nlohmann::json> edited;
    for (const auto& edit : overrides) {
        if (edit.pointer.size() < 2 || edit.pointer[0] != '/') {
            return whole();
        }
        const std::size_t end = std::min(edit.pointer.find('/', 1), edit.pointer.size());
        std::string token = edit.pointer.substr(1, end - 1);
        for (std::size_t at = 0; (at = token.find('~', at)) != std::string::npos; ++at) {
            token.replace(at, 2, token.compare(at, 2, "~1") == 0 ? "/" : "~");
        }
        auto [member, fresh] = edited.try_emplace(token);
        if (fresh) {
            member->second = base.at(token);
        }
        member->second[nlohmann::json::json_pointer(edit.pointer.substr(end))] = edit.value;
    }
    // nlohmann's compact dump of an object: {"key":value,...} in std::map (sorted) order.
    // Sized for the reused members at once: the text is as long as the whole document
    // (an embedded climate digest makes it tens of kilobytes), and growing it by doubling
    // copied it five times over.
    std::size_t reusedBytes = 0;
    for (const auto& [key, member] : baseMembers) {
        reusedBytes += key.size() + member.size() + 4;
    }
    std::string text;
    text.reserve(reusedBytes + 1024);
    text += '{';
    bool first = true;
    for (const auto& [key, value] : base.items()) {
        if (!first) {
            text += ',';
        }
        first = false;
        text += canonicalDocument(nlohmann::json(key));
        text += ':';
        const auto member = edited.find(key);
        const auto reused = baseMembers.find(key);
        text += member != edited.end()        ? canonicalDocument(member->second)
                : reused != baseMembers.end() ? reused->second
                                              : canonicalDocument(value);
    }
    text += '}';
    return text;
}

std::optional<CanonicalCut> CanonicalCut::of(const nlohmann::json& base,
                                             const std::vector<std::string>& pointers) {
    CanonicalCut cut;
    cut.m_pointers = pointers;
    // Each value replaced by a marker string the text holds nowhere else; the text is cut
    // at the markers' canonical texts.
    nlohmann::json marked = base;
    std::vector<std::string> markers;
    const std::string mark(1, '\x01'); // written "\u0001": no site text holds it raw
    try {
        for (std::size_t i = 0; i < pointers.size(); ++i) {
            const std::string& pointer = pointers[i];
            for (std::size_t j = 0; j < pointers.size(); ++j) {
                const std::string& other = pointers[j];
                if (j != i && pointer.starts_with(other) &&
                    (pointer.size() == other.size() || pointer[other.size()] == '/')) {
                    return std::nullopt; // the same or inside another: the order matters
                }
            }
            const nlohmann::json::json_pointer at(pointer);
            if (pointer.empty() || !base.contains(at)) {
                return std::nullopt;
            }
            const std::string marker = mark + "headroom cut " + std::to_string(i) + mark;
            markers.push_back(canonicalDocument(nlohmann::json(marker)));
            marked[at] = marker;
        }
    } catch (const nlohmann::json::exception&) {
        return std::nullopt;
    }
    const std::string text = canonicalDocument(marked);
    std::vector<std::pair<std::size_t, std::size_t>> found; // (position, override)
    for (std::size_t i = 0; i < markers.size(); ++i) {
        const std::size_t at = text.find(markers[i]);
        if (at == std::string::npos || text.find(markers[i], at + 1) != std::string::npos) {
            return std::nullopt;
        }
        found.emplace_back(at, i);
    }
    std::sort(found.begin(), found.end());
    std::size_t from = 0;
    for (const auto& [at, i] : found) {
        cut.m_pieces.push_back(text.substr(from, at - from));
        cut.m_order.push_back(i);
        from = at + markers[i].size();
    }
    cut.m_pieces.push_back(text.substr(from));
    return cut;
}

std::string CanonicalCut::hash(const std::vector<Override>& overrides) const {
    Sha256 hasher;
    hasher.update(m_pieces.front());
    for (std::size_t k = 0; k < m_order.size(); ++k) {
        hasher.update(canonicalDocument(overrides[m_order[k]].value));
        hasher.update(m_pieces[k + 1]);
    }
    return sha256Hex(hasher.digest());
}

} // namespace headroom::model
