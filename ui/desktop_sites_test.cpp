// The desktop app on the real sample sites with the real simulation: tiles against the
// CLI's JSON summary of the same file, an edit typed into the property editor changes a KPI
// and undo restores it, and a screenshot of every view is written to the build folder.
#include "model/batch/result_store.h"
#include "model/report/json_summary.h"
#include "model/sim/simulate.h"
#include "model/site/site_reader.h"
#include "tests/support/pdf_tools.h"
#include "ui/document/site_document.h"
#include "ui/editor/property_editor.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"
#include "ui/main_window.h"
#include "ui/run/site_run.h"
#include "ui/views/batch_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/plan_view.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <cmath>
#include <unistd.h>

namespace headroom::ui {
namespace {

// One folder per test process: ctest runs the cases in parallel.
const QString kTestHome =
    QStringLiteral(HEADROOM_BINARY_DIR "/test-home/ui_sites_test-%1").arg(::getpid());
const bool kIsolated = [] {
    qputenv("XDG_CONFIG_HOME", (kTestHome + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (kTestHome + "/data").toUtf8());
    return true;
}();
// Debug builds on a busy machine: generous, the runs take well under a second each.
constexpr int kRunTimeoutMs = 120000;

QString sampleDir() {
    return QStringLiteral(HEADROOM_SOURCE_DIR "/sample_sites");
}

QStringList sampleSites() {
    return QDir(sampleDir()).entryList({"*.json"}, QDir::Files, QDir::Name);
}

/// The JSON summary of a site file from the real CLI: `headroom-cli run SITE --json`.
nlohmann::json cliJsonSummary(const QString& path) {
    const QString cli = QStringLiteral(HEADROOM_BINARY_DIR "/app/headroom-cli");
    QTemporaryDir out;
    QProcess process;
    process.start(cli, {"run", path, "--format", "json", "--out", out.path(), "--json"});
    EXPECT_TRUE(process.waitForFinished(kRunTimeoutMs)) << cli.toStdString();
    EXPECT_EQ(process.exitCode(), 0) << process.readAllStandardError().toStdString();
    const QByteArray text = process.readAllStandardOutput();
    return nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
}

class DesktopSites : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(kIsolated);
        QCoreApplication::setOrganizationName("Headroom");
        QCoreApplication::setApplicationName("Headroom");
        ASSERT_FALSE(sampleSites().isEmpty()) << "no sample sites in " << sampleDir().toStdString();
    }
};

TEST_F(DesktopSites, TilesMatchTheJsonSummaryOfEachSampleSite) {
    for (const QString& name : sampleSites()) {
        SCOPED_TRACE(name.toStdString());
        const QString path = sampleDir() + '/' + name;
        MainWindow window(&runSiteDocument);
        ASSERT_TRUE(window.openFile(path));
        ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
        const nlohmann::json summary = cliJsonSummary(path);
        ASSERT_TRUE(summary.is_object());
        // The same scenario: the run service names it by the same hash for both.
        ASSERT_TRUE(window.runner()->latest().result);
        EXPECT_EQ(window.runner()->latest().result->scenarioHash,
                  summary.at("scenario_hash").get<std::string>());
        const DashboardView* dashboard = window.dashboard();
        // Same inputs, same code path: the figures agree to the last bit, and the
        // tiles print them rounded.
        for (const char* key :
             {"pue", "wue_site_l_per_kwh", "wue_source_l_per_kwh", "cue_kg_per_kwh",
              "facility_energy_mwh", "water_m3", "carbon_location_t", "peak_facility_mw", "chips",
              "ultraservers", "zero_water_month_count"}) {
            EXPECT_DOUBLE_EQ(dashboard->tileValue(key), summary.at(key).get<double>()) << key;
        }
        EXPECT_DOUBLE_EQ(dashboard->tileValue("peak_pflops_fp8"),
                         summary.at("peak_pflops").at("fp8").get<double>());
        const std::string binding = summary.at("binding_constraint");
        EXPECT_EQ(dashboard->tileText("binding_constraint").toLower().replace(' ', '_'),
                  QString::fromStdString(binding));
        EXPECT_DOUBLE_EQ(dashboard->tileValue("headroom_mw"),
                         summary.at("headroom").at(binding).at("headroom_mw").get<double>());
        EXPECT_EQ(dashboard->tileText("pue"),
                  QLocale().toString(summary.at("pue").get<double>(), 'f', 3));
    }
}

/// Shows the window active (key clicks need focus), opens the Indiana sample and waits for
/// its first result.
::testing::AssertionResult showIndianaResult(MainWindow& window) {
    window.show();
    QApplication::setActiveWindow(&window);
    if (!QTest::qWaitForWindowActive(&window)) {
        return ::testing::AssertionFailure() << "the window did not become active";
    }
    if (!window.openFile(sampleDir() + "/st-joseph-county-in.json")) {
        return ::testing::AssertionFailure() << "the Indiana sample did not open";
    }
    if (!window.waitForResults(kRunTimeoutMs)) {
        return ::testing::AssertionFailure() << "no result within " << kRunTimeoutMs << " ms";
    }
    return ::testing::AssertionSuccess();
}

TEST_F(DesktopSites, AnEditTypedIntoAFieldChangesTheKpiAndUndoRestoresIt) {
    MainWindow window(&runSiteDocument);
    ASSERT_TRUE(showIndianaResult(window));
    const double pue = window.dashboard()->tileValue("pue");
    ASSERT_GT(pue, 1.0);
    // The header says what the site is, and the verdict what limits it and what relieves it.
    const QString header = window.dashboard()->headerText();
    EXPECT_TRUE(header.contains("IT deployed")) << header.toStdString();
    EXPECT_TRUE(header.contains("airside economizer evaporative")) << header.toStdString();
    EXPECT_TRUE(window.dashboard()->verdictText().contains(" binds at "))
        << window.dashboard()->verdictText().toStdString();

    // A 20 degC supply-air limit leaves the economizer far fewer hours: PUE rises.
    window.goToField("/cooling/supply_air/max");
    auto* field = qobject_cast<QuantityField*>(
        window.propertyEditor()->fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(window.dashboard()->tileDelta("pue"), "");
    field->valueEdit()->selectAll();
    // No Enter: the figures follow the keystrokes (the run starts 150 ms after the last).
    QTest::keyClicks(field->valueEdit(), "20");
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "20 degC");
    EXPECT_TRUE(window.dashboard()->isStale()); // the old figures are marked at once
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    EXPECT_FALSE(window.dashboard()->isStale());
    const double edited = window.dashboard()->tileValue("pue");
    EXPECT_GT(edited, pue);
    // Each changed figure shows its change against the saved file, to its own decimals.
    const QString delta = window.dashboard()->tileDelta("pue");
    EXPECT_TRUE(delta.startsWith('+') && delta.endsWith("vs saved")) << delta.toStdString();
    EXPECT_NEAR(delta.mid(1).section(' ', 0, 0).toDouble(), edited - pue, 0.0005);
    QTest::keyClick(field->valueEdit(), Qt::Key_Return);
    EXPECT_EQ(window.document()->undoStack()->count(), 1); // "2", "20": one edit

    QTest::keyClick(field->valueEdit(), Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "27 degC");
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    EXPECT_DOUBLE_EQ(window.dashboard()->tileValue("pue"), pue);
    EXPECT_FALSE(window.document()->isModified());
    EXPECT_EQ(window.dashboard()->tileDelta("pue"), "");
}

TEST_F(DesktopSites, AnOutOfRangeEntryIsMarkedWithTheReadersDiagnostic) {
    MainWindow window(&runSiteDocument);
    window.show();
    ASSERT_TRUE(window.openFile(sampleDir() + "/st-joseph-county-in.json"));
    window.goToField("/cooling/supply_air/max");
    auto* field = qobject_cast<QuantityField*>(
        window.propertyEditor()->fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);
    field->valueEdit()->selectAll();
    QTest::keyClicks(field->valueEdit(), "90");
    QTest::keyClick(field->valueEdit(), Qt::Key_Return);
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "27 degC");
    EXPECT_FALSE(field->error().isEmpty());
    EXPECT_EQ(window.document()->undoStack()->count(), 0);
}

TEST_F(DesktopSites, AnAddedOptionalFieldChangesTheResultUndoRemovesItAndSaveKeepsIt) {
    MainWindow window(&runSiteDocument);
    ASSERT_TRUE(showIndianaResult(window));
    ASSERT_TRUE(window.runner()->latest().result);
    const model::RunResult before = *window.runner()->latest().result;
    const auto water = static_cast<std::size_t>(model::Constraint::WaterSupply);
    // The Indiana file sets no daily water supply: the limit is absent (unlimited).
    const QString pointer = "/campus/water_supply_per_day";
    ASSERT_FALSE(window.document()->contains(pointer));
    ASSERT_FALSE(before.capacity.maxItMw[water].has_value());
    ASSERT_GT(before.annual.waterMaxDayM3, 0.0); // evaporative assist draws water

    window.siteTree()->selectPointer("/campus");
    PropertyEditor* editor = window.propertyEditor();
    ASSERT_EQ(editor->objectPointer(), "/campus");
    QAction* add = nullptr;
    for (QAction* action : editor->addFieldButton()->menu()->actions()) {
        if (action->data().toString() == "water_supply_per_day") {
            add = action;
        }
    }
    ASSERT_NE(add, nullptr);
    add->trigger();
    auto* field = qobject_cast<QuantityField*>(editor->fieldWidget(pointer));
    ASSERT_NE(field, nullptr);
    QTest::keyClicks(field->valueEdit(), "20000 m3");
    QTest::keyClick(field->valueEdit(), Qt::Key_Return);
    EXPECT_EQ(window.document()->value(pointer), "20000 m3");
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    const model::RunResult after = *window.runner()->latest().result;
    // simulate.cpp: the water limit is supply x IT / the thirstiest day's water, a finite
    // capacity; what the site draws and uses is unchanged by a limit on what it may draw.
    ASSERT_TRUE(after.capacity.maxItMw[water].has_value());
    EXPECT_GT(*after.capacity.maxItMw[water], 0.0);
    EXPECT_DOUBLE_EQ(after.annual.pue, before.annual.pue);
    EXPECT_DOUBLE_EQ(after.annual.waterM3, before.annual.waterM3);

    EXPECT_EQ(window.document()->undoStack()->count(), 1);
    window.document()->undoStack()->undo();
    EXPECT_FALSE(window.document()->contains(pointer));
    EXPECT_EQ(editor->fieldWidget(pointer), nullptr);
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    EXPECT_FALSE(window.runner()->latest().result->capacity.maxItMw[water].has_value());

    window.document()->undoStack()->redo();
    QTemporaryDir dir;
    const QString saved = dir.filePath("indiana.json");
    ASSERT_TRUE(window.saveTo(saved));
    SiteDocument reopened;
    ASSERT_TRUE(reopened.open(saved).document);
    EXPECT_EQ(reopened.value(pointer), "20000 m3");
    EXPECT_EQ(reopened.json(), window.document()->json());
}

void expectScreenshot(MainWindow& window, const QString& view) {
    ASSERT_TRUE(window.showView(view)) << view.toStdString();
    QApplication::processEvents();
    const QString path = QStringLiteral(HEADROOM_BINARY_DIR "/screenshots/%1.png").arg(view);
    QDir().mkpath(QFileInfo(path).path());
    ASSERT_TRUE(window.saveScreenshot(path)) << path.toStdString();
    const QImage image(path);
    ASSERT_FALSE(image.isNull());
    EXPECT_EQ(image.width(), window.width());
    // Not blank: a picture of a view has many colours.
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7) {
        for (int x = 0; x < image.width(); x += 7) {
            colours.insert(image.pixel(x, y));
        }
    }
    EXPECT_GT(colours.size(), 8) << view.toStdString();
}

TEST_F(DesktopSites, AScreenshotOfEachViewIsWrittenToTheBuildFolder) {
    const QString indiana = sampleDir() + "/st-joseph-county-in.json";
    MainWindow window(&runSiteDocument);
    window.resize(1400, 900);
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));

    // The baseline for compare: Phoenix, run from its file beside the open Indiana site.
    ASSERT_TRUE(window.setBaselineFile(sampleDir() + "/phoenix-az.json"));
    ASSERT_TRUE(window.openFile(indiana));
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return window.compareView()->hasBaseline(); }, kRunTimeoutMs));
    // A third column: Umatilla County, run from its file as a variant.
    ASSERT_TRUE(window.addVariantFile(sampleDir() + "/umatilla-county-or.json"));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return window.compareView()->variantCount() == 1; }, kRunTimeoutMs));

    // A small store of real runs for the batch explorer: four supply-air limits.
    QTemporaryDir dir;
    const QString store = dir.filePath("sweep.sqlite");
    {
        model::Diagnostics diagnostics;
        auto results = model::ResultStore::open(store.toStdString(), diagnostics);
        ASSERT_TRUE(results);
        const auto runId = results->ensureRun(
            {"desktop-test", "sweep.json", indiana.toStdString(), "list", 4}, diagnostics);
        ASSERT_TRUE(runId);
        SiteDocument document;
        ASSERT_TRUE(document.open(indiana).document);
        std::vector<RunOutcome> outcomes;
        std::vector<model::ScenarioRecord> records;
        for (int i = 0; i < 4; ++i) {
            const std::string limit = std::to_string(21 + 3 * i) + " degC";
            Json variant = document.json();
            variant["cooling"]["supply_air"]["max"] = limit;
            model::Feedback feedback;
            outcomes.push_back(runSiteDocument(variant, indiana, feedback));
            ASSERT_TRUE(outcomes.back().result);
            model::ScenarioRecord record;
            record.index = i;
            record.parametersJson = "{\"/cooling/supply_air/max\":\"" + limit + "\"}";
            record.scenarioHash = outcomes.back().result->scenarioHash;
            records.push_back(record);
        }
        for (std::size_t i = 0; i < records.size(); ++i) {
            records[i].result = outcomes[i].result.get();
        }
        ASSERT_TRUE(results->write(*runId, records, false, diagnostics));
    }
    ASSERT_TRUE(window.openResultStore(store));
    EXPECT_EQ(window.batchView()->table().rows.size(), 4u);

    for (const QString& view : window.viewNames()) {
        expectScreenshot(window, view);
    }
}

// File > Export Report > Plan PDF (issue 19): the plan the Plan view shows, written as the
// CLI's plan PDF; pdftotext finds its title, every year and the horizon's water as printed.
TEST_F(DesktopSites, ExportsThePlanAsAPdf) {
    ASSERT_TRUE(headroom::testing::haveTool("pdftotext"))
        << "poppler-utils is not installed (packaging/install-deps.sh installs it)";
    MainWindow window(&runSiteDocument);
    QTemporaryDir dir;
    const QString pdf = dir.filePath(QStringLiteral("plan.pdf"));
    EXPECT_FALSE(window.exportPlanPdf(pdf)) << "nothing to export before a plan has run";
    ASSERT_TRUE(window.openFile(
        QStringLiteral(HEADROOM_SOURCE_DIR "/sample_sites/st-joseph-county-in-plan.json")));
    ASSERT_TRUE(window.waitForResults(kRunTimeoutMs));
    const auto plan = window.planView()->plan();
    ASSERT_TRUE(plan);
    bool listed = false;
    for (QAction* action : window.menuBar()->findChildren<QAction*>()) {
        listed = listed || action->text().startsWith(QStringLiteral("Plan PDF"));
    }
    EXPECT_TRUE(listed) << "File > Export Report lists the plan PDF";
    ASSERT_TRUE(window.exportPlanPdf(pdf));
    const auto text = headroom::testing::runTool(
        QStringLiteral("pdftotext"), {QStringLiteral("-layout"), pdf, QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.output.contains(QStringLiteral("Plan over years")));
    for (const model::PlanYearResult& year : plan->years) {
        EXPECT_TRUE(text.output.contains(QString::number(year.year))) << year.year;
    }
    double water = 0.0;
    for (const model::PlanYearResult& year : plan->years) {
        water += year.result.annual.waterM3;
    }
    // The horizon's water, to the row's 0 decimals (pdf_tools' printed(): US grouping).
    EXPECT_TRUE(text.output.contains(headroom::testing::printed(water, 0)))
        << headroom::testing::printed(water, 0).toStdString();
}

} // namespace
} // namespace headroom::ui
