// End to end: `headroom-cli run --format pdf,json` on the embedded Indiana sample site,
// then the PDF checked against the JSON summary the same run wrote (pdfinfo, pdftotext,
// pdffonts, pdfimages). Skips while this build's headroom-cli has no `run` command or
// poppler-utils is missing.
#include "tests/support/pdf_tools.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace {

using headroom::testing::haveTool;
using headroom::testing::runTool;

struct CliRun {
    int exitCode = -1;
    QString err;
};

CliRun runCli(const QStringList& arguments) {
    QProcess process;
    // The CLI must start Qt itself (offscreen) for the PDF: no display, no platform hint.
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("QT_QPA_PLATFORM"));
    env.remove(QStringLiteral("DISPLAY"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HEADROOM_CLI), arguments);
    process.waitForFinished(300000);
    return {process.exitCode(), QString::fromUtf8(process.readAllStandardError())};
}

nlohmann::json readJson(const QString& path) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return nlohmann::json::parse(file.readAll().toStdString(), nullptr, false);
}

TEST(ReportEndToEnd, IndianaPdfShowsTheKpisOfItsJsonSummary) {
    ASSERT_TRUE(haveTool("pdfinfo") && haveTool("pdftotext") && haveTool("pdffonts"))
        << "poppler-utils is not installed (packaging/install-deps.sh installs it)";
    QTemporaryDir dir;
    for (const bool ip : {false, true}) {
        const QString out = dir.filePath(ip ? QStringLiteral("ip") : QStringLiteral("si"));
        QStringList arguments{QStringLiteral("run"), QStringLiteral("--format"),
                              QStringLiteral("pdf,json"), QStringLiteral("--out"), out};
        if (ip) {
            arguments << QStringLiteral("--units") << QStringLiteral("ip")
                      << QStringLiteral("--paper") << QStringLiteral("letter");
        }
        const CliRun cli = runCli(arguments);
        ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();
        // Named by the site and the scenario: st-joseph-county-indiana-new-carlisle-<hash8>.pdf.
        const QStringList pdfs = QDir(out).entryList({QStringLiteral("st-joseph-county-*.pdf")});
        ASSERT_EQ(pdfs.size(), 1) << cli.err.toStdString();
        const QString pdf = out + QLatin1Char('/') + pdfs.front();
        ASSERT_TRUE(QFile::exists(pdf)) << cli.err.toStdString();
        const nlohmann::json summary = readJson(out + QStringLiteral("/summary.json"));
        ASSERT_TRUE(summary.is_object()) << "no summary.json beside the PDF";

        const auto info = runTool(QStringLiteral("pdfinfo"), {pdf});
        ASSERT_EQ(info.exitCode, 0);
        EXPECT_TRUE(
            info.output.contains(ip ? QStringLiteral("pts (letter)") : QStringLiteral("pts (A4)")))
            << info.output.toStdString();
        EXPECT_TRUE(
            info.output.contains(QRegularExpression(QStringLiteral("Pages:\\s+([7-9]|1\\d)\\n"))))
            << info.output.toStdString();

        headroom::testing::expectSummaryMatchesJson(pdf, summary, ip);

        const auto text = runTool(QStringLiteral("pdftotext"), {pdf, QStringLiteral("-")});
        const QString all = text.output.simplified();
        EXPECT_TRUE(
            all.contains(QString::fromStdString(summary["scenario_hash"].get<std::string>())));
        EXPECT_TRUE(all.contains(QStringLiteral("Climate station")));
        EXPECT_TRUE(all.contains(QStringLiteral("Assumptions and their sources")));
        EXPECT_FALSE(all.contains(QStringLiteral("No site was given")))
            << "the CLI did not pass the site to the PDF writer";

        const auto fonts = runTool(QStringLiteral("pdffonts"), {pdf});
        const QStringList rows = fonts.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        ASSERT_GT(rows.size(), 2);
        for (int i = 2; i < rows.size(); ++i) {
            const QStringList columns = rows[i].split(QLatin1Char(' '), Qt::SkipEmptyParts);
            EXPECT_EQ(columns[columns.size() - 5], QStringLiteral("yes")) << rows[i].toStdString();
        }
    }
}

TEST(ReportEndToEnd, OtherFormatsNeverStartQt) {
    QTemporaryDir dir;
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    // A platform that does not exist: Qt would abort if anything started it.
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("no-such-platform"));
    process.setProcessEnvironment(env);
    process.start(QStringLiteral(HEADROOM_CLI),
                  {QStringLiteral("run"), QStringLiteral("--format"), QStringLiteral("json"),
                   QStringLiteral("--out"), dir.path()});
    process.waitForFinished(300000);
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    EXPECT_TRUE(QFile::exists(dir.filePath(QStringLiteral("summary.json"))));
    EXPECT_TRUE(QDir(dir.path()).entryList({QStringLiteral("*.pdf")}).isEmpty());
}

// The plan's PDF (issue 19): `headroom-cli plan --format pdf,json` on the Indiana build-out
// sample; every year's row of the PDF's years table holds that year's figures of plan.json,
// printed to the table's decimals (pdf_tools' printed(): US-English grouping).
TEST(ReportEndToEnd, PlanPdfShowsEachYearOfItsJson) {
    ASSERT_TRUE(haveTool("pdftotext") && haveTool("pdfimages"))
        << "poppler-utils is not installed (packaging/install-deps.sh installs it)";
    QTemporaryDir dir;
    const CliRun cli =
        runCli({QStringLiteral("plan"),
                QStringLiteral(HEADROOM_SOURCE_DIR "/sample_sites/st-joseph-county-in-plan.json"),
                QStringLiteral("--format"), QStringLiteral("pdf,json"), QStringLiteral("--out"),
                dir.path(), QStringLiteral("--draws"), QStringLiteral("0")});
    ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();
    const QStringList pdfs = QDir(dir.path()).entryList({QStringLiteral("*-plan.pdf")});
    ASSERT_EQ(pdfs.size(), 1) << cli.err.toStdString();
    const QString pdf = dir.filePath(pdfs.front());
    const nlohmann::json plan = readJson(dir.filePath(QStringLiteral("plan.json")));
    ASSERT_EQ(plan["years"].size(), 15u);

    const auto text =
        runTool(QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.output.contains(QStringLiteral("Plan over years")));
    using headroom::testing::printed;
    for (const auto& year : plan["years"]) {
        const QString y = QString::number(year["year"].get<int>());
        SCOPED_TRACE(y.toStdString());
        // The row of the years table: it starts with the year and shows its energy.
        const QString energy = printed(year["facility_energy_mwh"].get<double>(), 0);
        QString row;
        for (const QString& line : text.output.split(QLatin1Char('\n'))) {
            if (line.trimmed().startsWith(y) && line.contains(energy)) {
                row = line;
            }
        }
        ASSERT_FALSE(row.isEmpty()) << "no row for the year with " << energy.toStdString();
        for (const auto& [key, decimals] :
             {std::pair{"design_hour_it_mw", 1}, std::pair{"pue", 3}, std::pair{"water_m3", 0},
              std::pair{"carbon_location_t", 0}, std::pair{"cue_kg_per_kwh", 3}}) {
            EXPECT_TRUE(row.contains(printed(year[key].get<double>(), decimals)))
                << key << " " << printed(year[key].get<double>(), decimals).toStdString()
                << " not in: " << row.toStdString();
        }
    }
    // Horizon site water, as its row prints it.
    EXPECT_TRUE(text.output.contains(printed(plan["horizon"]["water_m3"].get<double>(), 0)));
    // Charts as vectors: no images.
    const auto images = runTool(QStringLiteral("pdfimages"), {QStringLiteral("-list"), pdf});
    EXPECT_EQ(images.output.split(QLatin1Char('\n'), Qt::SkipEmptyParts).size(), 2)
        << images.output.toStdString();
}

// The plan PDF's uncertainty: a one-year variant of the sample with two draws of one input;
// the Uncertainty section prints the horizon's P10, P50 and P90 of plan.json and the tornado.
TEST(ReportEndToEnd, PlanPdfShowsTheUncertainty) {
    ASSERT_TRUE(haveTool("pdftotext")) << "poppler-utils is not installed";
    QTemporaryDir dir;
    nlohmann::json document =
        readJson(QStringLiteral(HEADROOM_SOURCE_DIR "/sample_sites/st-joseph-county-in-plan.json"));
    document["plan"]["last_year"] = 2025;
    document["plan"]["phases"] = {{{"year", 2025},
                                   {"first_building", 1},
                                   {"buildings", 7},
                                   {"platform", "trn2-ultraserver"}}};
    document["plan"]["uncertainty"]["inputs"] = {
        {{"input", "utilization"}, {"distribution", "uniform"}, {"min", "70 %"}, {"max", "120 %"}}};
    const QString site = dir.filePath(QStringLiteral("short-plan.json"));
    {
        QFile file(site);
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(QByteArray::fromStdString(document.dump(2)));
    }
    const CliRun cli = runCli({QStringLiteral("plan"), site, QStringLiteral("--format"),
                               QStringLiteral("pdf,json"), QStringLiteral("--out"), dir.path(),
                               QStringLiteral("--draws"), QStringLiteral("2")});
    ASSERT_EQ(cli.exitCode, 0) << cli.err.toStdString();
    const QStringList pdfs = QDir(dir.path()).entryList({QStringLiteral("*-plan.pdf")});
    ASSERT_EQ(pdfs.size(), 1);
    const nlohmann::json plan = readJson(dir.filePath(QStringLiteral("plan.json")));
    const auto text =
        runTool(QStringLiteral("pdftotext"),
                {QStringLiteral("-layout"), dir.filePath(pdfs.front()), QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.output.contains(QStringLiteral("Uncertainty")));
    EXPECT_TRUE(text.output.contains(QStringLiteral("2 draws of the whole plan")));
    // The warming step the draws used, a default, among the draws' assumptions (issue 19).
    EXPECT_TRUE(text.output.contains(QStringLiteral("Assumed by the draws")));
    EXPECT_TRUE(text.output.contains(QStringLiteral("/plan/uncertainty/warming_step")));
    using headroom::testing::printed;
    // The horizon's energy band, as its row prints it (to the row's 0 decimals).
    const auto& horizon = plan["uncertainty"]["horizon"];
    for (const char* q : {"p10", "p90"}) {
        EXPECT_TRUE(
            text.output.contains(printed(horizon[q]["facility_energy_mwh"].get<double>(), 0)))
            << q << " "
            << printed(horizon[q]["facility_energy_mwh"].get<double>(), 0).toStdString();
    }
    // The tornado's utilization row: the plan's water at 70 % and at 120 % utilization.
    const auto& bar = plan["uncertainty"]["tornado"][0];
    EXPECT_EQ(bar["input"], "utilization");
    EXPECT_TRUE(text.output.contains(printed(bar["at_high"]["water_m3"].get<double>(), 0)));
}

} // namespace
