#pragma once
// The design-review PDF: title page, summary KPIs beside their references, the charts
// (drawn by the same builders as the desktop views, as vectors), and the tables —
// months, bill of materials, workloads, assumptions with their sources, warnings.
// Needs a QApplication (QCustomPlot is a widget); ensureOffscreenApplication() makes one
// for a headless caller.

#include "model/result/run_result.h"
#include "ui/charts/charts.h"

#include <QDate>
#include <QPageSize>
#include <QString>

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace headroom::ui {

struct PdfReportOptions {
    QPageSize::PageSizeId pageSize = QPageSize::A4; ///< A4 or Letter
    UnitSystem units = UnitSystem::SI;
    QDate date = QDate::currentDate(); ///< printed on the title page
    /// A scenario with unsaved edits: where it differs from its saved file (none: it has
    /// no file). Page 1 flags it (model::ReportOptions::unsavedEdits).
    std::optional<std::vector<std::string>> unsavedEdits;
};

/// One line of the summary table, as printed.
struct KpiRow {
    QString label;
    QString value; ///< formatted; the precision is the report's (see summaryKpis)
    QString unit;
    QString reference; ///< the figure it compares with, and its source; empty when none
};

/// The summary table: the headline rows of the result table (model/report/json_summary.h),
/// each beside the published figures it compares with (model/report/reference_figures.h).
std::vector<KpiRow> summaryKpis(const model::RunResult& result, const PdfReportOptions& options);

/// How the report prints a number: US-English grouping ("12,345.6"), fixed decimals.
QString formatNumber(double value, int decimals);

struct PdfReportStatus {
    bool ok = false;
    QString error; ///< why not, when !ok
    int pages = 0;
};

/// Writes the report to path (replacing it only when complete: written beside it, then
/// renamed). Call on the thread that owns the QApplication.
PdfReportStatus writePdfReport(const model::RunResult& result, const QString& path,
                               const PdfReportOptions& options);

class ReportLayout;

/// Writes a report whose pages fill() lays down: every report's checks (a QApplication,
/// an A4 or Letter page), the file written beside path and renamed only when complete,
/// and its page count. writePdfReport and writePlanPdfReport are written through it.
PdfReportStatus writeReportPdf(const QString& path, const PdfReportOptions& options,
                               const QString& title, const QString& footer,
                               const std::function<void(ReportLayout&)>& fill);

/// Makes a QApplication on the offscreen platform if none exists (for headless callers
/// such as headroom-cli); it lives until the process exits.
void ensureOffscreenApplication();

} // namespace headroom::ui
