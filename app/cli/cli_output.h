#pragma once
// Text made at the boundary (docs/ARCHITECTURE.md): diagnostics on stderr as
// "file:line:col: severity: pointer: message".

#include "model/core/diagnostic.h"

#include <iostream>

namespace headroom::cli {

inline void printDiagnostics(const model::Diagnostics& diagnostics) {
    for (const auto& diagnostic : diagnostics.items()) {
        std::cerr << model::formatDiagnostic(diagnostic) << "\n";
    }
}

} // namespace headroom::cli
