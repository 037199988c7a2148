#include "model/run/scenario_overrides.h"

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

} // namespace headroom::model
