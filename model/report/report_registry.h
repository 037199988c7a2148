#pragma once
// The one list of report writers. The model registers csv and json itself; ui/report adds
// pdf with registerWriter(). The CLI's --format and the desktop export dialog list from it.

#include "model/report/report_writer.h"

#include <memory>
#include <mutex>
#include <string_view>
#include <vector>

namespace headroom::model {

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
