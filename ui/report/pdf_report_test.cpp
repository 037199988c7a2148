// The PDF report checked with the tools a reader would use (poppler-utils): pdfinfo for
// the page count and size, pdftotext for the printed KPIs against the JSON summary,
// pdffonts for embedded fonts, pdfimages for "charts as vectors", pdftoppm for pages
// that render and are not blank. Tests skip when a tool is not installed.
#include "ui/report/pdf_report.h"

#include "model/report/json_summary.h"
#include "model/report/report_registry.h"
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

#include <cmath>
#include <iostream>
#include <memory>

namespace headroom::ui {
namespace {

struct Tool {
    QString output;
    int exitCode = -1;
};

/// Runs a poppler tool; an empty optional-like result (exitCode -1) when absent.
Tool run(const QString& program, const QStringList& arguments) {
    Tool tool;
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        return tool;
    }
    QProcess process;
    process.start(path, arguments);
    process.waitForFinished(60000);
    tool.exitCode = process.exitCode();
    tool.output = QString::fromUtf8(process.readAllStandardOutput());
    return tool;
}

#define REQUIRE_TOOL(name)                                                                         \
    if (QStandardPaths::findExecutable(QStringLiteral(name)).isEmpty())                            \
    GTEST_SKIP() << name " (poppler-utils) is not installed"

/// The number as the report prints it, made here independently of the report's code:
/// US-English digit grouping, fixed decimals.
QString printed(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0) {
        rounded = 0.0;
    }
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(rounded, 'f', decimals);
}

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
        s_site = std::make_unique<model::Site>(headroom::testing::makeSampleSite());
        PdfReportOptions a4;
        a4.site = s_site.get();
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
        s_site.reset();
    }
    static QString a4Path() { return s_dir->filePath(QStringLiteral("a4.pdf")); }
    static QString letterPath() { return s_dir->filePath(QStringLiteral("letter.pdf")); }

    static std::unique_ptr<QTemporaryDir> s_dir;
    static std::unique_ptr<model::RunResult> s_result;
    static std::unique_ptr<model::Site> s_site;
    static PdfReportStatus s_a4, s_letter;
};

std::unique_ptr<QTemporaryDir> PdfReportTest::s_dir;
std::unique_ptr<model::RunResult> PdfReportTest::s_result;
std::unique_ptr<model::Site> PdfReportTest::s_site;
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

/// Every KPI of the JSON summary, with the decimals the summary table prints, appears on
/// the line of the summary that names it.
void expectSummaryMatchesJson(const QString& pdf, const model::RunResult& result, bool ip) {
    const Tool text = run(QStringLiteral("pdftotext"),
                          {QStringLiteral("-layout"), QStringLiteral("-f"), QStringLiteral("2"),
                           QStringLiteral("-l"), QStringLiteral("2"), pdf, QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    const QStringList lines = text.output.split(QLatin1Char('\n'));
    const nlohmann::ordered_json json = model::summaryJson(result);
    const double gallonsPerM3 = 1000.0 / 3.785411784;
    const double gallonsPerLitre = 1.0 / 3.785411784;
    struct Expected {
        QString label;
        double value;
        int decimals;
    };
    const auto binding = json["binding_constraint"].get<std::string>();
    const std::vector<Expected> expected{
        {"PUE", json["pue"].get<double>(), 3},
        {"WUE, site", json["wue_site_l_per_kwh"].get<double>() * (ip ? gallonsPerLitre : 1.0), 3},
        {"WUE, source", json["wue_source_l_per_kwh"].get<double>() * (ip ? gallonsPerLitre : 1.0),
         3},
        {"CUE", json["cue_kg_per_kwh"].get<double>(), 3},
        {"IT energy", json["it_energy_mwh"].get<double>(), 0},
        {"Facility energy", json["facility_energy_mwh"].get<double>(), 0},
        {"Site water", json["water_m3"].get<double>() * (ip ? gallonsPerM3 : 1.0), 0},
        {"Source water", json["source_water_m3"].get<double>() * (ip ? gallonsPerM3 : 1.0), 0},
        {"Carbon, location-based", json["carbon_location_t"].get<double>(), 0},
        {"Carbon, market-based", json["carbon_market_t"].get<double>(), 0},
        {"Peak facility power", json["peak_facility_mw"].get<double>(), 1},
        {"Peak IT power", json["peak_it_mw"].get<double>(), 1},
        {"Chips", json["chips"].get<double>(), 0},
        {"UltraServers", json["ultraservers"].get<double>(), 0},
        {"Racks", json["racks"].get<double>(), 0},
        {"Peak compute, dense FP8", json["peak_pflops"]["fp8"].get<double>(), 1},
        {"Peak compute, dense BF16", json["peak_pflops"]["bf16"].get<double>(), 1},
        {"Headroom under it", json["headroom"][binding]["headroom_mw"].get<double>(), 1},
    };
    for (const Expected& e : expected) {
        const QString value = printed(e.value, e.decimals);
        bool found = false;
        for (const QString& line : lines) {
            const QString trimmed = line.trimmed();
            if (trimmed.startsWith(e.label + QStringLiteral("  ")) && line.contains(value)) {
                found = true;
            }
        }
        EXPECT_TRUE(found) << e.label.toStdString() << " = " << value.toStdString()
                           << " not on its line of the summary:\n"
                           << text.output.toStdString();
    }
    // "hall_power" prints as "Hall power".
    QString label = QString::fromStdString(binding).replace(QLatin1Char('_'), QLatin1Char(' '));
    label[0] = label[0].toUpper();
    EXPECT_TRUE(text.output.contains(QRegularExpression(
        QStringLiteral("Binding constraint\\s+%1").arg(QRegularExpression::escape(label)))))
        << text.output.toStdString();
}

TEST_F(PdfReportTest, PdftotextShowsEveryKpiOfTheJsonSummary) {
    REQUIRE_TOOL("pdftotext");
    expectSummaryMatchesJson(a4Path(), *s_result, false);
    expectSummaryMatchesJson(letterPath(), *s_result, true);
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
          "South Bend", "WMO 725350", "South Bend airport stands in for New Carlisle",
          "AWS fleet 1.15", "LBNL 2024, zone 5A", "Bill of materials", "Trn2 UltraServer",
          "Dense 405B, 15T tokens", "70B chat, FP8", "eGRID2023 RFCW [O]",
          "the weather station is 24 km from the site", "Monthly PUE and WUE"}) {
        EXPECT_TRUE(text.output.contains(QString::fromUtf8(expected))) << expected;
    }
    const Tool ip = run(QStringLiteral("pdftotext"), {letterPath(), QStringLiteral("-")});
    EXPECT_TRUE(ip.output.contains(QStringLiteral("gal/kWh")));
    EXPECT_TRUE(ip.output.contains(QStringLiteral("tons")));
    EXPECT_TRUE(ip.output.contains(QStringLiteral("ft\u00b2")));
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
    const PdfReportStatus status = writePdfReport(*s_result, path, PdfReportOptions{});
    ASSERT_TRUE(status.ok) << status.error.toStdString();
    REQUIRE_TOOL("pdftotext");
    const Tool text = run(QStringLiteral("pdftotext"), {path, QStringLiteral("-")});
    EXPECT_TRUE(text.output.contains(QStringLiteral("No site was given")));
}

TEST_F(PdfReportTest, RegisteredWriterWritesReportPdf) {
    registerPdfWriter();
    const model::ReportWriter* writer = model::ReportRegistry::instance().find("pdf");
    ASSERT_NE(writer, nullptr);
    EXPECT_EQ(writer->extensions(), std::vector<std::string>{"pdf"});
    model::ReportOptions options;
    options.outDir = (s_dir->path() + QStringLiteral("/registry")).toStdString();
    options.paper = "letter";
    options.site = s_site.get();
    const model::WriteOutcome outcome = writer->write(*s_result, options);
    ASSERT_TRUE(outcome.ok);
    ASSERT_EQ(outcome.files.size(), 1u);
    EXPECT_EQ(outcome.files[0].filename(), "report.pdf");
    EXPECT_TRUE(QFile::exists(QString::fromStdString(outcome.files[0].string())));
    options.paper = "a3";
    EXPECT_FALSE(writer->write(*s_result, options).ok);
}

TEST(ThermalClimateZone, FromDegreeDaysOfConstantYears) {
    // ASHRAE 169-2013 Table A-3. A constant 30 degC year: CDD10 = 20 x 365 = 7300 > 6000.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 30.0)), 0);
    // 18 degC: HDD18 = 0, CDD10 = 8 x 365 = 2920 -> zone 3.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 18.0)), 3);
    // 8 degC: HDD18 = 10 x 365 = 3650 -> zone 5 (3000 < HDD18 <= 4000).
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 8.0)), 5);
    // 0 degC: HDD18 = 18 x 365 = 6570 -> zone 7.
    EXPECT_EQ(thermalClimateZone(std::vector<double>(8760, 0.0)), 7);
    EXPECT_EQ(thermalClimateZone(std::vector<double>(100, 0.0)), -1);
}

} // namespace
} // namespace headroom::ui
