#include "model/run/scenario_overrides.h"

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

} // namespace headroom::model
