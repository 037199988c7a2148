#pragma once
// The desktop's side of the run service: an edited site document (JSON, with the path
// it belongs to) read through the model's site reader, the same reader the CLI uses.

#include "model/site/site_reader.h"
#include "ui/document/site_document.h"
#include "ui/run/simulation_runner.h"

#include <QString>

#include <optional>

namespace headroom::ui {

/// Reads an edited document. While it still matches the file on disk it is read from the
/// file's text, so diagnostics carry lines and columns; after edits they carry pointers.
model::SiteLoad readEditedSite(const Json& document, const QString& sitePath);

/// The reader's verdict on one candidate value: the first error at pointer (or inside
/// it) when value replaced the current one, or nothing when it reads cleanly there.
std::optional<QString> checkFieldValue(const Json& document, const QString& sitePath,
                                       const QString& pointer, const Json& value);

/// The desktop's SimulationRunner::Compute: reads the document and simulates it (the
/// scenario named by the SHA-256 of its canonical document, as the CLI names it).
RunOutcome runSiteDocument(const Json& document, const QString& sitePath,
                           model::Feedback& feedback);

} // namespace headroom::ui
