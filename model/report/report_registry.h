#pragma once
// The one list of report writers. The model registers csv and json itself; ui/report adds
// pdf with registerWriter(). The CLI's --format and the desktop export dialog list from it.

#include "model/report/report_writer.h"

#include <functional>
#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace headroom::model {

/// Writes a set of files into outDir, all or nothing: write(staging) puts each file into a
/// fresh folder inside outDir and lists it, and only when it has succeeded are they renamed
/// into place. On failure the staged files are removed and the previous set in outDir is
/// left as it was. The files listed are the final paths.
WriteOutcome writeFileSet(const std::filesystem::path& outDir,
                          const std::function<WriteOutcome(const std::filesystem::path&)>& write);

/// writeFileSet of the reports of every writer into options.outDir.
WriteOutcome writeReportSet(const RunResult& result,
                            const std::vector<const ReportWriter*>& writers,
                            const ReportOptions& options);

/// The folder `headroom-cli run SITE` writes into without --out: out/<site file stem>, or
/// out/site when the stem could leave out/ ("..." gives ".."; a hidden name, an empty one).
std::filesystem::path defaultReportFolder(const std::filesystem::path& site);

class ReportRegistry {
public:
    /// The process-wide registry, holding the model's writers (csv, json) from the start.
    static ReportRegistry& instance();

    /// Adds a writer; one with the same shortName() is replaced.
    void registerWriter(std::unique_ptr<ReportWriter> writer);
    /// nullptr when no writer has that short name.
    const ReportWriter* find(std::string_view shortName) const;
    /// Every writer, sorted by short name.
    std::vector<const ReportWriter*> writers() const;

    ReportRegistry() = default;
    ReportRegistry(const ReportRegistry&) = delete;
    ReportRegistry& operator=(const ReportRegistry&) = delete;

private:
    mutable std::mutex m_mutex;
    std::vector<std::unique_ptr<ReportWriter>> m_writers;
};

} // namespace headroom::model
