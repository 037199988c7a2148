#include "model/report/report_registry.h"

#include "model/core/atomic_file.h"
#include "model/report/csv_writer.h"
#include "model/report/json_summary.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <system_error>

namespace headroom::model {

WriteOutcome writeFileSet(const std::filesystem::path& outDir,
                          const std::function<WriteOutcome(const std::filesystem::path&)>& write) {
    namespace fs = std::filesystem;
    WriteOutcome outcome;
    const auto fail = [&](const fs::path& file, const std::string& message) {
        Diagnostic diagnostic;
        diagnostic.file = file.string();
        diagnostic.kind = DiagnosticKind::Unreadable;
        diagnostic.message = message;
        outcome.diagnostics.add(std::move(diagnostic));
        return outcome;
    };
    std::error_code error;
    fs::create_directories(outDir, error);
    if (error) {
        return fail(outDir, "cannot create the folder: " + error.message());
    }
    // The staging folder sits in outDir (one file system: the renames are atomic) and has
    // an unguessable name made by mkdtemp (mode 0700).
    std::string pattern = (outDir / ".headroom-reports-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        return fail(outDir, std::string("cannot create a staging folder: ") + std::strerror(errno));
    }
    const fs::path staging = pattern;
    WriteOutcome staged = write(staging);
    outcome.diagnostics.append(staged.diagnostics);
    if (!staged.ok) {
        fs::remove_all(staging, error);
        return outcome;
    }
    for (const fs::path& file : staged.files) {
        // What would make a rename fail, checked before the first one replaces anything.
        const fs::path target = outDir / file.filename();
        if (fs::is_directory(fs::symlink_status(target, error))) {
            fs::remove_all(staging, error);
            return fail(target, "cannot replace: is a folder");
        }
    }
    for (const fs::path& file : staged.files) {
        const fs::path target = outDir / file.filename();
        fs::rename(file, target, error);
        if (error) {
            // Same folder, same file system: only a target that is a folder gets here.
            fs::remove_all(staging, error);
            return fail(target, "cannot replace: " + error.message());
        }
        outcome.files.push_back(target);
    }
    fs::remove(staging, error);
    outcome.ok = true;
    return outcome;
}

WriteOutcome writeTextFiles(const std::filesystem::path& folder,
                            const std::vector<std::pair<std::string, std::string>>& files) {
    WriteOutcome outcome;
    std::error_code error;
    std::filesystem::create_directories(folder, error); // a failure shows at the first file
    for (const auto& [name, text] : files) {
        const auto path = folder / name;
        if (auto failure = writeFileAtomically(path, text)) {
            outcome.diagnostics.add(*failure);
            return outcome;
        }
        outcome.files.push_back(path);
    }
    outcome.ok = true;
    return outcome;
}

WriteOutcome writeReportSet(const RunResult& result,
                            const std::vector<const ReportWriter*>& writers,
                            const ReportOptions& options) {
    return writeFileSet(options.outDir, [&](const std::filesystem::path& staging) {
        ReportOptions staged = options;
        staged.outDir = staging;
        WriteOutcome all;
        for (const ReportWriter* writer : writers) {
            WriteOutcome one = writer->write(result, staged);
            all.diagnostics.append(one.diagnostics);
            if (!one.ok) {
                return all;
            }
            all.files.insert(all.files.end(), one.files.begin(), one.files.end());
        }
        all.ok = true;
        return all;
    });
}

std::filesystem::path defaultReportFolder(const std::filesystem::path& site) {
    std::string stem = site.stem().string();
    if (stem.empty() || stem.front() == '.') {
        stem = "site";
    }
    return std::filesystem::path("out") / stem;
}

ReportRegistry& ReportRegistry::instance() {
    static ReportRegistry* registry = [] {
        auto* made = new ReportRegistry;
        made->registerWriter(std::make_unique<CsvReportWriter>());
        made->registerWriter(std::make_unique<JsonSummaryWriter>());
        return made;
    }();
    return *registry;
}

void ReportRegistry::registerWriter(std::unique_ptr<ReportWriter> writer) {
    const std::lock_guard lock(m_mutex);
    const std::string name = writer->shortName();
    auto existing = std::find_if(m_writers.begin(), m_writers.end(),
                                 [&](const auto& w) { return w->shortName() == name; });
    if (existing != m_writers.end()) {
        *existing = std::move(writer);
    } else {
        m_writers.push_back(std::move(writer));
    }
    std::sort(m_writers.begin(), m_writers.end(),
              [](const auto& a, const auto& b) { return a->shortName() < b->shortName(); });
}

const ReportWriter* ReportRegistry::find(std::string_view shortName) const {
    const std::lock_guard lock(m_mutex);
    for (const auto& writer : m_writers) {
        if (writer->shortName() == shortName) {
            return writer.get();
        }
    }
    return nullptr;
}

std::vector<const ReportWriter*> ReportRegistry::writers() const {
    const std::lock_guard lock(m_mutex);
    std::vector<const ReportWriter*> out;
    for (const auto& writer : m_writers) {
        out.push_back(writer.get());
    }
    return out;
}

} // namespace headroom::model
