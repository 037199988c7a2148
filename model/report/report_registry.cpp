#include "model/report/report_registry.h"

#include "model/report/csv_writer.h"
#include "model/report/json_summary.h"

#include <algorithm>

namespace headroom::model {

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
