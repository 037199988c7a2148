#pragma once
// The model's layers (simulation, cost, carbon) report a problem with what a value means, as
// opposed to how it is written, at the site-file field to blame: this is how they add one.

#include "model/core/diagnostic.h"

#include <string>
#include <utility>

namespace headroom::model {

inline void addMeaningNote(Diagnostics& diagnostics, Severity severity, std::string pointer,
                           std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.kind = DiagnosticKind::Meaning;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    diagnostics.add(std::move(d));
}

} // namespace headroom::model
