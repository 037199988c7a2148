#pragma once
// Tests only: the errors among diagnostics as text, one formatted diagnostic per line, for
// assertion messages ("" when there is none). Header-only.

#include "model/core/diagnostic.h"

#include <string>

namespace headroom::testing {

inline std::string errors(const model::Diagnostics& diagnostics) {
    std::string text;
    for (const auto& d : diagnostics.items()) {
        if (d.severity == model::Severity::Error) {
            text += (text.empty() ? "" : "\n") + model::formatDiagnostic(d);
        }
    }
    return text;
}

} // namespace headroom::testing
