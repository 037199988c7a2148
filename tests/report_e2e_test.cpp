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

} // namespace
