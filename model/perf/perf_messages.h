#pragma once
// What the performance engine's errors say: one way to add one, the checks every job makes
// of its inputs, and figures written with the model's one number formatter
// (model/units/display_units.h).

#include "model/catalog/transformer.h"
#include "model/core/diagnostic.h"
#include "model/perf/accelerator_system.h"
#include "model/units/display_units.h"

#include <string>
#include <string_view>
#include <type_traits>

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
/// A message is its text, or what writes it (called only when the check fails: a job that
/// passes, as nearly all do, writes none).
struct InputChecks {
    Diagnostics& diagnostics;
    const std::string& pointer;
    bool failed = false;

    template <class Message> void need(bool ok, const char* field, const Message& message) {
        if (!ok) {
            fail(pointer + field, message);
        }
    }
    template <class Message>
    void needOf(bool ok, std::string_view sitePointer, const Message& message) {
        if (!ok) {
            fail(std::string(sitePointer), message);
        }
    }

private:
    template <class Message> void fail(const std::string& sitePointer, const Message& message) {
        if constexpr (std::is_invocable_v<const Message&>) {
            addError(diagnostics, sitePointer, message());
        } else {
            addError(diagnostics, sitePointer, std::string(message));
        }
        failed = true;
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
