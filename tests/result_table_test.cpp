// Issue 16: the result table (model/report/json_summary.h) is the only description of a
// figure. Every row reaches the JSON summary, summary.csv, the result store's kpis table
// and the compare view; every headline row reaches the CLI table, the dashboard and the PDF
// summary. A presentation that keeps a list of its own misses a row added to the table,
// and fails here.
#include "model/batch/result_store.h"
#include "model/batch/store_dump.h"
#include "model/report/csv_writer.h"
#include "model/report/json_summary.h"
#include "tests/support/pdf_tools.h"
#include "tests/support/sample_run_result.h"
#include "ui/report/pdf_report.h"
#include "ui/views/compare_view.h"
#include "ui/views/dashboard_view.h"

#include <QProcess>
#include <QTableWidget>
#include <QTemporaryDir>
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>

namespace headroom {
namespace {

using model::KpiField;

std::vector<const KpiField*> rows(bool headlineOnly) {
    std::vector<const KpiField*> out;
    for (const KpiField& field : model::kpiFields()) {
        if (!headlineOnly || field.display.headline) {
            out.push_back(&field);
        }
    }
    return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

const model::RunResult& sample() {
    static const model::RunResult result = testing::makeSampleRunResult();
    return result;
}

TEST(ResultTable, EveryRowIsDescribed) {
    ASSERT_GT(rows(true).size(), 10u);
    for (const KpiField* field : rows(false)) {
        EXPECT_FALSE(field->display.label.empty()) << field->name;
        EXPECT_FALSE(field->display.description.empty()) << field->name;
        // The kind converts as the name's SI suffix says (the CSV's and the JSON's rule).
        for (const auto system : {model::UnitSystem::SI, model::UnitSystem::IP}) {
            const model::DisplayUnits units(system);
            EXPECT_DOUBLE_EQ(units.value(field->display.kind, 2.5), units.named(field->name, 2.5))
                << field->name;
        }
    }
}

TEST(ResultTable, JsonCsvAndStoreListEveryRow) {
    const auto json = model::summaryJson(sample());
    const auto header = model::summaryCsvHeader(model::UnitSystem::SI);
    for (const KpiField* field : rows(false)) {
        EXPECT_TRUE(field->nestedInJson || json.contains(field->name)) << field->name;
        EXPECT_TRUE(contains(header, field->name)) << field->name;
    }
    QTemporaryDir dir;
    const std::filesystem::path path = dir.filePath(QStringLiteral("store.sqlite")).toStdString();
    {
        model::Diagnostics diagnostics;
        ASSERT_TRUE(model::ResultStore::open(path, diagnostics));
    }
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    const std::string columns =
        model::testing::sqliteQueryText(db, "SELECT name FROM pragma_table_info('kpis')");
    sqlite3_close(db);
    for (const KpiField* field : rows(false)) {
        EXPECT_NE(columns.find("\n" + field->name + "|\n"), std::string::npos) << field->name;
    }
}

TEST(ResultTable, TheCompareViewListsEveryNumericRow) {
    ui::CompareView view;
    auto result = std::make_shared<const model::RunResult>(sample());
    view.setBaseline(result, "a");
    view.setCurrent(result, "b");
    std::vector<std::string> listed;
    for (int row = 0; row < view.table()->rowCount(); ++row) {
        // Each row carries its result-table key beside the label it shows.
        listed.push_back(view.table()->item(row, 0)->data(Qt::UserRole).toString().toStdString());
    }
    for (const KpiField* field : rows(false)) {
        if (field->type != model::KpiType::Text) {
            EXPECT_TRUE(contains(listed, field->name)) << field->name;
        }
    }
}

TEST(ResultTable, TheDashboardHasATilePerHeadlineRow) {
    ui::DashboardView view;
    view.setResult(std::make_shared<const model::RunResult>(sample()));
    QStringList expected;
    for (const KpiField* field : rows(true)) {
        expected << QString::fromStdString(field->name);
        EXPECT_FALSE(view.tileText(QString::fromStdString(field->name)).isEmpty()) << field->name;
    }
    EXPECT_EQ(view.tileIds(), expected);
}

TEST(ResultTable, ThePdfSummaryPrintsEveryHeadlineLabel) {
    ASSERT_TRUE(testing::haveTool("pdftotext"))
        << "poppler-utils is not installed (packaging/install-deps.sh installs it)";
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("report.pdf"));
    ASSERT_TRUE(ui::writePdfReport(sample(), pdf, ui::PdfReportOptions{}).ok);
    const testing::ToolRun text =
        testing::runTool(QStringLiteral("pdftotext"),
                         {QStringLiteral("-layout"), QStringLiteral("-f"), QStringLiteral("2"),
                          QStringLiteral("-l"), QStringLiteral("5"), pdf, QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    for (const KpiField* field : rows(true)) {
        EXPECT_TRUE(text.output.contains(QString::fromStdString(field->display.label)))
            << field->display.label;
    }
}

TEST(ResultTable, TheCliTablePrintsEveryHeadlineLabel) {
    QTemporaryDir dir;
    QProcess cli;
    cli.start(QStringLiteral(HEADROOM_CLI),
              {QStringLiteral("run"), QStringLiteral("--format"), QStringLiteral("json"),
               QStringLiteral("--out"), dir.path()});
    ASSERT_TRUE(cli.waitForFinished(300000));
    ASSERT_EQ(cli.exitCode(), 0) << cli.readAllStandardError().toStdString();
    const std::string out = cli.readAllStandardOutput().toStdString();
    for (const KpiField* field : rows(true)) {
        EXPECT_NE(out.find("  " + field->display.label + "  "), std::string::npos)
            << field->display.label << " is not in\n"
            << out;
    }
}

} // namespace
} // namespace headroom
