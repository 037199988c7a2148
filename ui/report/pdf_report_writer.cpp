#include "ui/report/pdf_report_writer.h"

#include "model/report/report_registry.h"
#include "model/report/verdict.h"
#include "ui/report/pdf_report.h"

#include <QString>

#include <memory>
#include <system_error>

namespace headroom::ui {

namespace {

class PdfReportWriter : public model::ReportWriter {
public:
    std::string shortName() const override { return "pdf"; }
    std::vector<std::string> extensions() const override { return {"pdf"}; }
    std::string description() const override {
        return "design-review report: verdict, KPIs, charts (vector), tables, assumptions "
               "(<site>-<scenario>.pdf)";
    }

    model::WriteOutcome write(const model::RunResult& result,
                              const model::ReportOptions& options) const override {
        model::WriteOutcome outcome;
        const auto fail = [&](const std::string& file, const std::string& message) {
            model::Diagnostic d;
            d.file = file;
            d.kind = model::DiagnosticKind::Unreadable;
            d.message = message;
            outcome.diagnostics.add(d);
            return outcome;
        };
        PdfReportOptions pdf;
        if (options.paper == "a4") {
            pdf.pageSize = QPageSize::A4;
        } else if (options.paper == "letter") {
            pdf.pageSize = QPageSize::Letter;
        } else {
            return fail("", "paper must be \"a4\" or \"letter\", got \"" + options.paper + "\"");
        }
        pdf.units = options.units;
        pdf.unsavedEdits = options.unsavedEdits;
        std::error_code error;
        std::filesystem::create_directories(options.outDir, error);
        // Named by the site and the scenario, so reports of variants do not overwrite
        // each other: "st-joseph-county-in-0adb40df.pdf".
        const std::filesystem::path path =
            options.outDir / (model::reportFileStem(result) + ".pdf");
        if (error) {
            return fail(options.outDir.string(), "cannot create the folder: " + error.message());
        }
        // QCustomPlot is a widget: a headless caller gets an offscreen QApplication here,
        // and only here, so that nothing else in the CLI starts Qt.
        ensureOffscreenApplication();
        const PdfReportStatus status =
            writePdfReport(result, QString::fromStdString(path.string()), pdf);
        if (!status.ok) {
            return fail(path.string(), status.error.toStdString());
        }
        outcome.ok = true;
        outcome.files.push_back(path);
        return outcome;
    }
};

} // namespace

void registerPdfWriter() {
    model::ReportRegistry::instance().registerWriter(std::make_unique<PdfReportWriter>());
}

} // namespace headroom::ui
