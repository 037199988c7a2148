#pragma once
// Text made at the boundary (docs/ARCHITECTURE.md): diagnostics on stderr as
// "file:line:col: severity: pointer: message".

#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <iostream>
#include <string>

namespace headroom::cli {

inline void printDiagnostics(const model::Diagnostics& diagnostics) {
    for (const auto& diagnostic : diagnostics.items()) {
        std::cerr << model::formatDiagnostic(diagnostic) << "\n";
    }
}

/// JSON for stdout. replace: a string that is not UTF-8 (a file name, a quoted field) comes
/// out with U+FFFD where nlohmann would throw type_error 316 and abort the command.
inline std::string jsonText(const nlohmann::json& value, int indent = 2) {
    return value.dump(indent, ' ', false, nlohmann::json::error_handler_t::replace);
}

} // namespace headroom::cli
