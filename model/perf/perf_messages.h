#pragma once
// What the performance engine's errors say: one way to add one, and its figures written
// with the model's one number formatter (model/units/display_units.h).

#include "model/core/diagnostic.h"
#include "model/units/display_units.h"

#include <string>

namespace headroom::model::perf_messages {

inline void addError(Diagnostics& diagnostics, const std::string& pointer, std::string message) {
    diagnostics.add(Diagnostic{"", 0, 0, pointer, Severity::Error, DiagnosticKind::Meaning,
                               std::move(message)});
}

/// The checks of a job's inputs: each failed one is an error at the job's pointer plus its
/// field; `failed` says whether any was.
struct InputChecks {
    Diagnostics& diagnostics;
    const std::string& pointer;
    bool failed = false;

    void need(bool ok, const char* field, const std::string& message) {
        if (!ok) {
            addError(diagnostics, pointer + field, message);
            failed = true;
        }
    }
};

/// "80.0 GiB"
inline std::string gibibytes(double bytes) {
    return formatFixed(bytes / (1024.0 * 1024.0 * 1024.0), 1) + " GiB";
}

/// "45.20 ms"
inline std::string milliseconds(double seconds) {
    return formatFixed(seconds * 1e3, 2) + " ms";
}

} // namespace headroom::model::perf_messages
