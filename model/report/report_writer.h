#pragma once
// Report writers share one interface (after Tiled's FileFormat): a short
// name, the extensions it writes, a description, and write(). The registry
// (report_registry.h) lists them for the CLI's --format and the desktop export dialog.

#include "model/core/diagnostic.h"
#include "model/result/run_result.h"
#include "model/units/display_units.h"

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace headroom::model {

struct ReportOptions {
    std::filesystem::path outDir; ///< created when missing
    UnitSystem units = UnitSystem::SI;
    std::string paper = "a4"; ///< "a4" or "letter", for paged formats
    /// Set when the run is of a scenario with unsaved edits (the desktop's): the pointers
    /// where it differs from its saved file, none when it has no file. Reports flag it.
    std::optional<std::vector<std::string>> unsavedEdits;
};

struct WriteOutcome {
    bool ok = false;
    std::vector<std::filesystem::path> files; ///< every file written, in order
    Diagnostics diagnostics;
};

/// Writes each (file name, text) into folder atomically, in order, listing each written;
/// stops at the first that fails. The body of a writer's write(), or of writeFileSet's callback.
WriteOutcome writeTextFiles(const std::filesystem::path& folder,
                            const std::vector<std::pair<std::string, std::string>>& files);

class ReportWriter {
public:
    virtual ~ReportWriter() = default;
    /// "csv", "json", "pdf": what --format names.
    virtual std::string shortName() const = 0;
    /// Extensions without the dot ("csv").
    virtual std::vector<std::string> extensions() const = 0;
    /// One line for --help and the export dialog.
    virtual std::string description() const = 0;
    /// Writes this format's files into options.outDir, each atomically.
    virtual WriteOutcome write(const RunResult& result, const ReportOptions& options) const = 0;
};

} // namespace headroom::model
