#pragma once
// The plan's PDF (issue 19): a site's plan over years on its own pages: the horizon's
// totals, the plan charts (drawn by the Plan view's builders, as vectors), and the years
// and their hardware generations as tables. headroom-cli plan --format pdf writes it.

#include "model/result/plan_result.h"
#include "ui/report/pdf_report.h"

#include <QString>

namespace headroom::ui {

/// Writes the plan's report to path (replacing it only when complete). Needs a
/// QApplication (ensureOffscreenApplication() for a headless caller).
PdfReportStatus writePlanPdfReport(const model::PlanResult& plan, const QString& path,
                                   const PdfReportOptions& options);

} // namespace headroom::ui
