// The PDF report checked with the tools a reader would use (poppler-utils): pdfinfo for
// the page count and size, pdftotext for the printed KPIs against the JSON summary,
// pdffonts for embedded fonts, pdfimages for "charts as vectors", pdftoppm for pages
// that render and are not blank. Tests skip when a tool is not installed.
#include "ui/report/pdf_report.h"

#include "model/report/fabric_trade_off.h"
#include "model/report/json_summary.h"
#include "model/report/report_registry.h"
#include "model/report/verdict.h"
#include "model/sim/simulate.h"
#include "model/site/site_reader.h"
#include "tests/support/pdf_tools.h"
#include "tests/support/sample_run_result.h"
#include "ui/report/pdf_report_writer.h"

#include <QDir>
#include <QFile>
#include <QImage>
#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <memory>

namespace headroom::ui {
namespace {

using headroom::testing::expectSummaryMatchesJson;
using Tool = headroom::testing::ToolRun;

Tool run(const QString& program, const QStringList& arguments) {
    return headroom::testing::runTool(program, arguments);
}

#define REQUIRE_TOOL(name)                                                                         \
    ASSERT_TRUE(headroom::testing::haveTool(name))                                                 \
        << name " (poppler-utils is not installed; packaging/install-deps.sh installs it)"

class PdfReportTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        s_dir = std::make_unique<QTemporaryDir>();
        // To look at the reports: HEADROOM_KEEP_TEST_PDF=1 keeps the folder.
        if (qEnvironmentVariableIsSet("HEADROOM_KEEP_TEST_PDF")) {
            s_dir->setAutoRemove(false);
            std::cerr << "reports kept in " << s_dir->path().toStdString() << "\n";
        }
        s_result = std::make_unique<model::RunResult>(headroom::testing::makeSampleRunResult());
        PdfReportOptions a4;
        a4.date = QDate(2026, 11, 25);
        s_a4 = writePdfReport(*s_result, a4Path(), a4);
        PdfReportOptions letter = a4;
        letter.pageSize = QPageSize::Letter;
        letter.units = UnitSystem::IP;
        s_letter = writePdfReport(*s_result, letterPath(), letter);
    }
    static void TearDownTestSuite() {
        s_dir.reset();
        s_result.reset();
    }
    static QString a4Path() { return s_dir->filePath(QStringLiteral("a4.pdf")); }
    static QString letterPath() { return s_dir->filePath(QStringLiteral("letter.pdf")); }

    static std::unique_ptr<QTemporaryDir> s_dir;
    static std::unique_ptr<model::RunResult> s_result;
    static PdfReportStatus s_a4, s_letter;
};

std::unique_ptr<QTemporaryDir> PdfReportTest::s_dir;
std::unique_ptr<model::RunResult> PdfReportTest::s_result;
PdfReportStatus PdfReportTest::s_a4;
PdfReportStatus PdfReportTest::s_letter;

TEST_F(PdfReportTest, WritesBothPaperSizes) {
    ASSERT_TRUE(s_a4.ok) << s_a4.error.toStdString();
    ASSERT_TRUE(s_letter.ok) << s_letter.error.toStdString();
    // Title, summary, 4 chart pages, then tables: at least 7 pages.
    EXPECT_GE(s_a4.pages, 7);
}

TEST_F(PdfReportTest, PdfinfoReportsPageCountAndSize) {
    REQUIRE_TOOL("pdfinfo");
    const Tool a4 = run(QStringLiteral("pdfinfo"), {a4Path()});
    ASSERT_EQ(a4.exitCode, 0);
    EXPECT_TRUE(
        a4.output.contains(QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(s_a4.pages))))
        << a4.output.toStdString();
    // ISO 216 A4 is 210 x 297 mm = 595.276 x 841.89 pt; US Letter is 612 x 792 pt.
    // Qt rounds the media box to whole points: 595 x 842.
    EXPECT_TRUE(a4.output.contains(QRegularExpression(
        QStringLiteral("Page size:\\s+595(\\.\\d+)? x 84[12](\\.\\d+)? pts \\(A4\\)"))))
        << a4.output.toStdString();
    const Tool letter = run(QStringLiteral("pdfinfo"), {letterPath()});
    ASSERT_EQ(letter.exitCode, 0);
    EXPECT_TRUE(letter.output.contains(QStringLiteral("612 x 792 pts (letter)")))
        << letter.output.toStdString();
    EXPECT_TRUE(letter.output.contains(
        QRegularExpression(QStringLiteral("Pages:\\s+%1\\n").arg(s_letter.pages))));
}

TEST_F(PdfReportTest, PdftotextShowsEveryKpiOfTheJsonSummary) {
    REQUIRE_TOOL("pdftotext");
    const auto json = model::summaryJson(*s_result);
    expectSummaryMatchesJson(a4Path(), json, false);
    expectSummaryMatchesJson(letterPath(), json, true);
}

TEST_F(PdfReportTest, PdftotextShowsTitlePageAndTables) {
    REQUIRE_TOOL("pdftotext");
    Tool text = run(QStringLiteral("pdftotext"), {a4Path(), QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    // Wrapped cells break lines: compare with the whitespace collapsed.
    text.output = text.output.simplified();
    for (const char* expected :
         {"Headroom site report",
          "3f6a0c9e2b7d4e1f8a5c6b3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f", "2026-11-25",
          "South Bend", "WMO 725350",
          // The design in words, from its choice in the site field table.
          "Airside economizer with evaporative assist",
          "South Bend airport stands in for New Carlisle", "AWS fleet 1.15", "LBNL 2024, zone 5A",
          "Bill of materials", "Trn2 UltraServer", "Dense 405B, 15T tokens", "70B chat, FP8",
          "eGRID2023 RFCW [O]", "the weather station is 24 km from the site", "Monthly PUE and WUE",
          // The References section: every cited work in full (resources/references.json).
          "References", "[epa-egrid-2023] U.S. Environmental Protection Agency (2025). Emissions",
          "[lbnl-2024-usage] Shehabi, A., Smith, S. J.", "[iso-30134-2] ISO/IEC JTC 1/SC 39 (2016)",
          "https://eta-publications.lbl.gov/"}) {
        EXPECT_TRUE(text.output.contains(QString::fromUtf8(expected))) << expected;
    }
    const Tool ip = run(QStringLiteral("pdftotext"), {letterPath(), QStringLiteral("-")});
    EXPECT_TRUE(ip.output.contains(QStringLiteral("gal/kWh")));
    EXPECT_TRUE(ip.output.contains(QStringLiteral("tons")));
    EXPECT_TRUE(ip.output.contains(QStringLiteral("ft\u00b2")));
}

// The fabric trade-off prints the columns the Compute view shows, from the one description
// (model/report/fabric_trade_off.h): its headers in order, and each option's row, read with
// pdftotext -layout (one table row to a line), is the description's cells.
TEST_F(PdfReportTest, PdftotextShowsTheFabricTradeOffFromItsDescription) {
    REQUIRE_TOOL("pdftotext");
    const model::DisplayUnits si;
    const auto& columns = model::fabricTradeOffColumns();
    QStringList headers;
    for (const auto& column : columns) {
        headers << QString::fromStdString(model::fabricTradeOffHeader(column, si));
    }
    const Tool text = run(QStringLiteral("pdftotext"), {a4Path(), QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.output.simplified().contains(headers.join(' ')))
        << headers.join(' ').toStdString();

    const Tool layout = run(QStringLiteral("pdftotext"),
                            {QStringLiteral("-layout"), a4Path(), QStringLiteral("-")});
    ASSERT_EQ(layout.exitCode, 0);
    const QString table =
        layout.output.mid(layout.output.indexOf(QStringLiteral("fabric trade-off")));
    const QStringList lines = table.split('\n');
    const auto& options = s_result->training.front().fabricOptions;
    ASSERT_EQ(options.size(), 3U);
    for (const model::FabricOption& o : options) {
        QStringList cells;
        for (const auto& column : columns) {
            cells << QString::fromStdString(model::fabricTradeOffCell(
                column, o, options.front(), si, model::englishNumberStyle()));
        }
        const auto line = std::find_if(lines.begin(), lines.end(), [&](const QString& l) {
            return l.trimmed().startsWith(cells.front() + ' ');
        });
        ASSERT_NE(line, lines.end()) << cells.front().toStdString();
        EXPECT_EQ(line->simplified(), cells.join(' '));
    }
}

// Issue 14: the run's assumptions with their origin, and beside the zero-water months the
// hours in them the air was drier than the envelope's minimum (-9 degC dew point, 8 % RH).
TEST_F(PdfReportTest, PdftotextShowsAssumptionsAndHoursOutsideTheEnvelope) {
    REQUIRE_TOOL("pdftotext");
    Tool text = run(QStringLiteral("pdftotext"), {a4Path(), QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    text.output = text.output.simplified();
    const model::RunResult& r = *s_result;
    double dry = 0.0;
    for (const int month : r.annual.zeroWaterMonths) {
        dry += r.monthly.hoursTooDry[static_cast<std::size_t>(month - 1)];
    }
    ASSERT_GT(dry, 0.0);
    for (const QString& expected :
         {QStringLiteral("zero water, with %1 hours drier than the envelope's minimum (-9 \u00b0C "
                         "dew point, 8 % RH), not humidified")
              .arg(QString::number(dry, 'f', 0)),
          QStringLiteral("Hours outside the supply envelope's humidity limits: %1 (%2 too dry, "
                         "0 too humid)")
              .arg(formatNumber(r.annual.hoursOutsideEnvelope, 0),
                   formatNumber(r.annual.hoursTooDry, 0)),
          QStringLiteral("/electrical/ups/no_load"), QStringLiteral("double-conversion UPS"),
          QStringLiteral("Origin")}) {
        EXPECT_TRUE(text.output.contains(expected)) << expected.toStdString();
    }
}

// Issue 18: page 1 leads with the verdict, the headline figures against their published
// references and the risks the run found; the report of an edited scenario says so there,
// naming where it differs from its saved file.
TEST_F(PdfReportTest, PageOneHasTheVerdictReferencesRisksAndTheEditedFlag) {
    REQUIRE_TOOL("pdftotext");
    const auto pageOne = [](const QString& pdf) {
        const Tool text = run(QStringLiteral("pdftotext"),
                              {QStringLiteral("-f"), QStringLiteral("1"), QStringLiteral("-l"),
                               QStringLiteral("1"), pdf, QStringLiteral("-")});
        EXPECT_EQ(text.exitCode, 0);
        return text.output.simplified();
    };
    const QString saved = pageOne(a4Path());
    const model::DisplayUnits si(UnitSystem::SI);
    const auto english = model::englishNumberStyle();
    const std::vector<std::string> risks = model::riskTexts(*s_result, si, english);
    ASSERT_FALSE(risks.empty()); // the sample's dry winter hours
    for (const std::string& expected :
         {model::verdictText(*s_result, si, english), std::string("Against published figures"),
          std::string("AWS fleet 1.15"), std::string("Risks"), risks.front()}) {
        EXPECT_TRUE(saved.contains(QString::fromStdString(expected))) << expected;
    }
    EXPECT_FALSE(saved.contains(QStringLiteral("Edited scenario")));

    PdfReportOptions options;
    options.unsavedEdits = std::vector<std::string>{"/cooling/supply_air/max", "/it/ultraservers"};
    const QString path = s_dir->filePath(QStringLiteral("edited.pdf"));
    ASSERT_TRUE(writePdfReport(*s_result, path, options).ok);
    EXPECT_TRUE(pageOne(path).contains(
        QStringLiteral("Edited scenario \u2014 differs from the saved file in: "
                       "/cooling/supply_air/max, /it/ultraservers.")));
    // The summary stays on page 2 (where every reader of it looks).
    headroom::testing::expectSummaryMatchesJson(path, model::summaryJson(*s_result), false);
}

TEST_F(PdfReportTest, PdffontsListsOnlyEmbeddedFonts) {
    REQUIRE_TOOL("pdffonts");
    for (const QString& pdf : {a4Path(), letterPath()}) {
        const Tool fonts = run(QStringLiteral("pdffonts"), {pdf});
        ASSERT_EQ(fonts.exitCode, 0);
        const QStringList lines = fonts.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ASSERT_GT(lines.size(), 2) << "no fonts at all:\n" << fonts.output.toStdString();
        for (int i = 2; i < lines.size(); ++i) {
            // name type encoding emb sub uni object ID: emb is fifth from the end.
            const QStringList columns = lines[i].split(QLatin1Char(' '), Qt::SkipEmptyParts);
            ASSERT_GE(columns.size(), 7) << lines[i].toStdString();
            EXPECT_EQ(columns[columns.size() - 5], QStringLiteral("yes")) << lines[i].toStdString();
        }
    }
}

TEST_F(PdfReportTest, PdfimagesFindsNoImages) {
    REQUIRE_TOOL("pdfimages");
    const Tool images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), a4Path()});
    ASSERT_EQ(images.exitCode, 0);
    // Two header lines and no image rows: every chart, the heatmap included, is vectors.
    EXPECT_EQ(images.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2)
        << images.output.toStdString();
}

TEST_F(PdfReportTest, PdftoppmRendersEveryPageAndNoneIsBlank) {
    REQUIRE_TOOL("pdftoppm");
    const QString prefix = s_dir->filePath(QStringLiteral("page"));
    const Tool render =
        run(QStringLiteral("pdftoppm"),
            {QStringLiteral("-png"), QStringLiteral("-r"), QStringLiteral("30"), a4Path(), prefix});
    ASSERT_EQ(render.exitCode, 0);
    const QStringList pages =
        QDir(s_dir->path()).entryList({QStringLiteral("page*.png")}, QDir::Files, QDir::Name);
    ASSERT_EQ(pages.size(), s_a4.pages);
    for (const QString& page : pages) {
        const QImage image(s_dir->filePath(page));
        ASSERT_FALSE(image.isNull()) << page.toStdString();
        int inked = 0;
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                inked += qGray(image.pixel(x, y)) < 200 ? 1 : 0;
            }
        }
        // A page with a footer line only would ink about 100 pixels at 30 dpi.
        EXPECT_GT(inked, 300) << page.toStdString() << " is blank";
    }
}

TEST_F(PdfReportTest, FailsCleanlyWhereItCannotWrite) {
    PdfReportOptions options;
    const QString path = s_dir->filePath(QStringLiteral("missing/folder/report.pdf"));
    const PdfReportStatus status = writePdfReport(*s_result, path, options);
    EXPECT_FALSE(status.ok);
    EXPECT_FALSE(status.error.isEmpty());
    EXPECT_FALSE(QFile::exists(path));
}

TEST_F(PdfReportTest, WritesWithoutASiteAndSaysWhatIsMissing) {
    const QString path = s_dir->filePath(QStringLiteral("no-site.pdf"));
    model::RunResult withoutSite = *s_result;
    withoutSite.inputs.reset();
    const PdfReportStatus status = writePdfReport(withoutSite, path, PdfReportOptions{});
    ASSERT_TRUE(status.ok) << status.error.toStdString();
    REQUIRE_TOOL("pdftotext");
    const Tool text = run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    EXPECT_TRUE(text.output.contains(QStringLiteral("Written from a result alone")));
}

TEST_F(PdfReportTest, RegisteredWriterWritesReportPdf) {
    registerPdfWriter();
    const model::ReportWriter* writer = model::ReportRegistry::instance().find("pdf");
    ASSERT_NE(writer, nullptr);
    EXPECT_EQ(writer->extensions(), std::vector<std::string>{"pdf"});
    model::ReportOptions options;
    options.outDir = (s_dir->path() + QStringLiteral("/registry")).toStdString();
    options.paper = "letter";
    const model::WriteOutcome outcome = writer->write(*s_result, options);
    ASSERT_TRUE(outcome.ok);
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename().string(), model::reportFileStem(*s_result) + ".pdf");
    EXPECT_TRUE(QFile::exists(QString::fromStdString(outcome.files[0].string())));
    options.paper = "a3";
    EXPECT_FALSE(writer->write(*s_result, options).ok);
}

// The real Indiana sample site, read by the site reader and simulated: the report of an
// actual result, checked the same way as the hand-made one.
TEST(PdfReportIndiana, ReportsTheSimulatedSampleSite) {
    const std::filesystem::path file =
        std::filesystem::path(HEADROOM_SOURCE_DIR) / "sample_sites" / "st-joseph-county-in.json";
    model::SiteLoad load = model::readSiteFile(file);
    ASSERT_TRUE(load.site.has_value()) << "the sample site does not read";
    const model::Scenario scenario{*load.site, "indiana-sample"};
    model::Feedback feedback;
    const model::RunResult result = model::simulate(scenario, feedback);
    ASSERT_GT(result.annual.itEnergyMwh, 0.0);

    QTemporaryDir dir;
    if (qEnvironmentVariableIsSet("HEADROOM_KEEP_TEST_PDF")) {
        dir.setAutoRemove(false);
        std::cerr << "Indiana report kept in " << dir.path().toStdString() << "\n";
    }
    PdfReportOptions options;
    const QString path = dir.filePath(QStringLiteral("indiana.pdf"));
    const PdfReportStatus status = writePdfReport(result, path, options);
    ASSERT_TRUE(status.ok) << status.error.toStdString();
    EXPECT_GE(status.pages, 7);
    REQUIRE_TOOL("pdftotext");
    expectSummaryMatchesJson(path, model::summaryJson(result), false);
    Tool text = run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    text.output = text.output.simplified();
    EXPECT_TRUE(text.output.contains(QString::fromStdString(result.siteName)));
    EXPECT_TRUE(text.output.contains(QStringLiteral("Climate station")));
    EXPECT_FALSE(text.output.contains(QStringLiteral("No site was given")));
    REQUIRE_TOOL("pdfimages");
    const Tool images = run(QStringLiteral("pdfimages"), {QStringLiteral("-list"), path});
    EXPECT_EQ(images.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2);
}

} // namespace
} // namespace headroom::ui
