#pragma once
// What the performance engine's errors say: one way to add one, the checks every job makes
// of its inputs, and figures written with the model's one number formatter
// (model/units/display_units.h).

#include "model/catalog/transformer.h"
#include "model/core/diagnostic.h"
#include "model/perf/accelerator_system.h"
#include "model/units/display_units.h"

#include <string>

namespace headroom::model::perf_messages {

/// Where a site file sets the machine the engine runs on: the deployed chip (whose single
/// figures /it/chip_overrides replaces) and its platform (/it/platform_overrides).
inline constexpr const char* kChipPointer = "/it/chip";
inline constexpr const char* kPlatformPointer = "/it/platform";

inline void addError(Diagnostics& diagnostics, const std::string& pointer, std::string message) {
    diagnostics.add(Diagnostic{"", 0, 0, pointer, Severity::Error, DiagnosticKind::Meaning,
                               std::move(message)});
}

/// The checks of a job's inputs: each failed one is an error at the job's pointer plus its
/// field (need) or at a site pointer of the machine (needOf); `failed` says whether any was.
struct InputChecks {
    Diagnostics& diagnostics;
    const std::string& pointer;
    bool failed = false;

    void need(bool ok, const char* field, const std::string& message) {
        needOf(ok, pointer + field, message);
    }
    void needOf(bool ok, const std::string& sitePointer, const std::string& message) {
        if (!ok) {
            addError(diagnostics, sitePointer, message);
            failed = true;
        }
    }
};

/// The shape fields both kinds of job read (layers, hidden, heads, kv_heads, vocabulary),
/// each checked at its own field under the workload.
void checkShape(InputChecks& checks, const TransformerShape& model);

/// What both kinds of job need of the machine: a dense rate at the precision (at the
/// workload's /precision), HBM capacity and bandwidth and, in a scale-up domain of more than
/// one chip, its bandwidth (at /it/chip), and a positive achievable fraction.
void checkMachine(InputChecks& checks, const AcceleratorSystem& system, Precision precision);

/// "80.0 GiB"
inline std::string gibibytes(double bytes) {
    return formatFixed(bytes / (1024.0 * 1024.0 * 1024.0), 1) + " GiB";
}

/// "45.20 ms"
inline std::string milliseconds(double seconds) {
    return formatFixed(seconds * 1e3, 2) + " ms";
}

} // namespace headroom::model::perf_messages
