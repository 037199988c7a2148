#pragma once
// The PDF report as a writer of the model's registry (model/report/report_registry.h),
// so that headroom-cli --format pdf and the desktop export dialog list it.

namespace headroom::ui {

/// Adds the "pdf" writer to model::ReportRegistry::instance(). Safe to call more than once.
void registerPdfWriter();

} // namespace headroom::ui
