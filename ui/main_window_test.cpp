// The main window under the offscreen platform: opening, a malformed file, editing with
// key clicks and undo, save and reopen, and recovery after the real app is killed.
#include "ui/main_window.h"

#include "model/batch/result_store.h"
#include "model/site/site_fields.h"
#include "tests/support/sample_run_result.h"
#include "ui/document/site_document.h"
#include "ui/editor/property_editor.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"
#include "ui/views/diagnostics_view.h"
#include "ui/views/new_site_dialog.h"

#include <QAction>
#include <QApplication>
#include <QDialogButtonBox>
#include <QDir>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>
#include <gtest/gtest.h>

#include <unistd.h>

namespace headroom::ui {
namespace {

// Settings and recovery files of these tests stay in the build folder, not the user's,
// and in a folder of each test process's own: ctest runs test cases in parallel, and one
// case's recovery file must never be seen, or removed, by another.
const QString kTestHome =
    QStringLiteral(HEADROOM_BINARY_DIR "/test-home/ui_test-%1").arg(::getpid());
const bool kIsolated = [] {
    qputenv("XDG_CONFIG_HOME", (kTestHome + "/config").toUtf8());
    qputenv("XDG_DATA_HOME", (kTestHome + "/data").toUtf8());
    return true;
}();

const char* const kSite = R"({
  "format": "headroom-site/1",
  "name": "Window test",
  "cooling": {"supply_air": {"max": "27 degC", "min": "18 degC"}},
  "campus": {"utility_interconnect": "300 MW"}
})";

QString writeFile(const QString& path, const QByteArray& text) {
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(text);
    return path;
}

class MainWindowTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(kIsolated);
        QCoreApplication::setOrganizationName("Headroom");
        QCoreApplication::setApplicationName("Headroom");
        QDir(kTestHome + "/data").removeRecursively();
    }
    QTemporaryDir m_dir;
};

TEST_F(MainWindowTest, OpensWithItsTitleAndMenus) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(window.windowTitle().contains("Headroom "));
    EXPECT_GE(window.menuBar()->actions().size(), 4);
    EXPECT_TRUE(window.viewNames().contains("dashboard"));
    EXPECT_TRUE(window.viewNames().contains("diagnostics"));
}

TEST_F(MainWindowTest, AMalformedFileShowsItsDiagnosticsAndKeepsTheOpenDocument) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.document()->setValue("/name", "Edited, unsaved");
    const Json before = window.document()->json();

    const QString bad = writeFile(m_dir.filePath("bad.json"),
                                  "{\n  \"format\": \"headroom-site/1\",\n  \"name\": \"x\"\n");
    EXPECT_FALSE(window.openFile(bad));
    EXPECT_EQ(window.currentView(), "diagnostics");
    const QStringList lines = window.diagnosticsView()->lines();
    ASSERT_EQ(lines.size(), 1);
    EXPECT_TRUE(lines.front().startsWith(bad + ":4:1: error:")) << lines.front().toStdString();

    EXPECT_EQ(window.document()->json(), before);
    EXPECT_TRUE(window.document()->isModified());
    EXPECT_EQ(window.document()->filePath(), m_dir.filePath("site.json"));
    EXPECT_EQ(window.document()->undoStack()->count(), 1);
}

TEST_F(MainWindowTest, KeyClicksInThePropertyEditorEditAndUndoRestores) {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.goToField("/cooling/supply_air/max");
    auto* field = qobject_cast<QuantityField*>(
        window.propertyEditor()->fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);
    QLineEdit* edit = field->valueEdit();
    edit->selectAll();
    QTest::keyClicks(edit, "30");
    QTest::keyClick(edit, Qt::Key_Return);
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "30 degC");
    EXPECT_TRUE(window.isWindowModified());

    // Ctrl+Z, typed where the focus is, reaches the Edit menu's Undo.
    QTest::keyClick(edit, Qt::Key_Z, Qt::ControlModifier);
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "27 degC");
    EXPECT_EQ(edit->text(), "27");
    EXPECT_FALSE(window.document()->isModified());
}

// Issue 18: a report exported from an edited scenario names what differs from the file.
TEST_F(MainWindowTest, AnEditedDocumentNamesWhereItDiffersFromItsSavedFile) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    EXPECT_FALSE(window.unsavedEdits()); // the saved file itself
    window.document()->setValue("/cooling/supply_air/max", "25 degC");
    window.document()->setValue("/campus/utility_interconnect", "250 MW");
    ASSERT_TRUE(window.unsavedEdits());
    EXPECT_EQ(*window.unsavedEdits(), (std::vector<std::string>{"/campus/utility_interconnect",
                                                                "/cooling/supply_air/max"}));
    ASSERT_TRUE(window.document()->save(m_dir.filePath("site.json")));
    EXPECT_FALSE(window.unsavedEdits());
}

// Issue 18: F1 on a field shows the field table's text for it, and the pane follows the
// focus; Help > User Guide shows the README.
TEST_F(MainWindowTest, F1OnAFieldShowsItsHelpAndTheUserGuideOpens) {
    MainWindow window;
    window.show();
    QApplication::setActiveWindow(&window);
    ASSERT_TRUE(QTest::qWaitForWindowActive(&window));
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.goToField("/cooling/supply_air/max");
    ASSERT_NE(QApplication::focusWidget(), nullptr);
    QTest::keyClick(QApplication::focusWidget(), Qt::Key_F1);
    ASSERT_TRUE(window.helpPane()->isVisible());
    const model::FieldDef* field = model::findSiteField("/cooling/supply_air/max");
    ASSERT_NE(field, nullptr);
    QString help = window.helpPane()->toPlainText();
    EXPECT_TRUE(help.contains("/cooling/supply_air/max"));
    EXPECT_TRUE(help.simplified().contains(
        QString::fromUtf8(field->doc.data(), static_cast<qsizetype>(field->doc.size()))
            .simplified()));
    EXPECT_TRUE(help.contains("Takes a temperature with its unit")) << help.toStdString();
    EXPECT_TRUE(help.contains("Default")) << help.toStdString();
    // The open pane follows the focus to the next field.
    window.goToField("/campus/utility_interconnect");
    EXPECT_TRUE(window.helpPane()->toPlainText().contains("/campus/utility_interconnect"));

    QAction* guide = nullptr;
    for (QAction* action : window.menuBar()->actions()) {
        if (action->menu() && action->text() == "&Help") {
            for (QAction* item : action->menu()->actions()) {
                if (item->text() == "&User Guide") {
                    guide = item;
                }
            }
        }
    }
    ASSERT_NE(guide, nullptr);
    guide->trigger();
    auto* text = window.findChild<QTextBrowser*>("userGuideText");
    ASSERT_NE(text, nullptr);
    EXPECT_TRUE(text->toPlainText().contains("headroom-cli run"));
}

TEST_F(MainWindowTest, AnInvalidEntryIsListedInTheDiagnostics) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.goToField("/campus/utility_interconnect");
    auto* field = qobject_cast<QuantityField*>(
        window.propertyEditor()->fieldWidget("/campus/utility_interconnect"));
    ASSERT_NE(field, nullptr);
    field->valueEdit()->selectAll();
    QTest::keyClicks(field->valueEdit(), "300 degC");
    QTest::keyClick(field->valueEdit(), Qt::Key_Return);
    EXPECT_EQ(window.document()->value("/campus/utility_interconnect"), "300 MW");
    const QStringList lines = window.diagnosticsView()->lines();
    ASSERT_EQ(lines.size(), 1);
    EXPECT_TRUE(lines.front().contains("/campus/utility_interconnect: entry not applied: "
                                       "expected a power"))
        << lines.front().toStdString();
}

TEST_F(MainWindowTest, SaveThenReopenGivesTheSameDocument) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.document()->setValue("/campus/utility_interconnect", "280 MW");
    const QString copy = m_dir.filePath("saved.json");
    // The test site lacks required sections: saving it asks first, saying what is wrong.
    QString asked;
    window.setInvalidSavePrompt([&](const QString& problems) {
        asked = problems;
        return false;
    });
    EXPECT_FALSE(window.saveTo(copy));
    EXPECT_FALSE(QFile::exists(copy));
    EXPECT_TRUE(asked.contains("saved.json has")) << asked.toStdString();
    EXPECT_TRUE(asked.contains("missing required field \"location\"")) << asked.toStdString();
    EXPECT_TRUE(window.document()->isModified());
    window.setInvalidSavePrompt([](const QString&) { return true; });
    ASSERT_TRUE(window.saveTo(copy));
    EXPECT_FALSE(window.document()->isModified());
    EXPECT_FALSE(window.isWindowModified());

    MainWindow reopened;
    ASSERT_TRUE(reopened.openFile(copy));
    EXPECT_EQ(reopened.document()->json(), window.document()->json());
    EXPECT_EQ(reopened.document()->value("/campus/utility_interconnect"), "280 MW");
}

TEST_F(MainWindowTest, ADoubleClickedDiagnosticGoesToItsField) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    model::Diagnostics diagnostics;
    diagnostics.add({"site.json", 4, 30, "/cooling/supply_air/min", model::Severity::Warning,
                     model::DiagnosticKind::Meaning, "below the ASHRAE recommended range"});
    window.diagnosticsView()->setDiagnostics("test", diagnostics);
    QTreeWidgetItem* item = window.diagnosticsView()->topLevelItem(0);
    ASSERT_NE(item, nullptr);
    emit window.diagnosticsView()->itemActivated(item, 0);
    EXPECT_EQ(window.siteTree()->selectedPointer(), "/cooling/supply_air");
    EXPECT_NE(window.propertyEditor()->fieldWidget("/cooling/supply_air/min"), nullptr);
}

TEST_F(MainWindowTest, ADroppedFileOpensAndJoinsTheRecentFiles) {
    MainWindow window;
    const QString path = writeFile(m_dir.filePath("dropped.json"), kSite);
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(path)});
    QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &enter);
    EXPECT_TRUE(enter.isAccepted());
    QDropEvent drop(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&window, &drop);
    EXPECT_EQ(window.document()->filePath(), path);
    EXPECT_EQ(QSettings().value("recentFiles").toStringList().value(0), path);
}

TEST_F(MainWindowTest, TheWindowLayoutAndUnitsAreRememberedAcrossStarts) {
    {
        MainWindow window;
        window.show();
        window.resize(1111, 777);
        window.setUnitSystem(UnitSystem::IP);
        window.close(); // an unmodified document closes without asking
    }
    MainWindow again;
    EXPECT_EQ(again.size(), QSize(1111, 777));
    EXPECT_TRUE(again.findChild<QAction*>("ipUnits")->isChecked());
    again.setUnitSystem(UnitSystem::SI);
}

TEST_F(MainWindowTest, QuittingWithUnsavedEditsAsksAndCancelKeepsTheWindow) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    window.document()->setValue("/name", "unsaved");
    int asked = 0;
    window.setUnsavedPrompt([&] {
        ++asked;
        return 2; // cancel
    });
    EXPECT_FALSE(window.close());
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(window.isVisible());
    window.setUnsavedPrompt([] { return 1; }); // discard
    EXPECT_TRUE(window.close());
}

// Spawns the real app, makes an edit, kills it with SIGKILL, and starts again.
TEST_F(MainWindowTest, TheRecoveryFileRestoresEditsAfterTheAppIsKilled) {
    const QString app = QStringLiteral(HEADROOM_BINARY_DIR "/app/headroom");
    ASSERT_TRUE(QFile::exists(app)) << "the headroom binary is not built at " << app.toStdString();
    const QString site = writeFile(m_dir.filePath("site.json"), kSite);
    QProcess process;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert("QT_QPA_PLATFORM", "offscreen");
    environment.insert("XDG_CONFIG_HOME", kTestHome + "/config");
    environment.insert("XDG_DATA_HOME", kTestHome + "/data");
    process.setProcessEnvironment(environment);
    process.start(app, {"--set", "/cooling/supply_air/max=29.5 degC", site});
    ASSERT_TRUE(process.waitForStarted(10000));

    // The recovery copy appears a short while after the edit.
    const QString folder = kTestHome + "/data/Headroom/Headroom/recovery";
    QDeadlineTimer deadline(20000);
    while (QDir(folder).entryList({"*.json"}, QDir::Files).isEmpty() && !deadline.hasExpired()) {
        QTest::qWait(50);
    }
    process.kill(); // SIGKILL: no clean shutdown, no chance to remove the file
    ASSERT_TRUE(process.waitForFinished(10000));
    EXPECT_EQ(process.exitStatus(), QProcess::CrashExit);
    ASSERT_FALSE(QDir(folder).entryList({"*.json"}, QDir::Files).isEmpty())
        << "no recovery file in " << folder.toStdString();

    // The next start finds it and, when the user says yes, restores the edit unsaved.
    MainWindow window;
    QString offered;
    EXPECT_TRUE(window.offerRecovery([&](const Recovery& recovery) {
        offered = recovery.sitePath;
        return true;
    }));
    EXPECT_EQ(offered, QFileInfo(site).absoluteFilePath());
    EXPECT_EQ(window.document()->value("/cooling/supply_air/max"), "29.5 degC");
    EXPECT_EQ(window.document()->value("/name"), "Window test");
    EXPECT_TRUE(window.document()->isModified());
    EXPECT_EQ(window.document()->filePath(), QFileInfo(site).absoluteFilePath());
    // The file on disk was never touched.
    SiteDocument onDisk;
    ASSERT_TRUE(onDisk.open(site).document);
    EXPECT_EQ(onDisk.value("/cooling/supply_air/max"), "27 degC");
}

TEST_F(MainWindowTest, DeclinedRecoveryIsRemovedAndNotOfferedAgain) {
    SiteDocument document;
    RecoveryStore store(&document, kTestHome + "/data/Headroom/Headroom/recovery");
    document.resetUntitled(Json::parse(kSite), "untitled.json");
    document.setValue("/name", "Lost");
    ASSERT_TRUE(store.writeNow());
    MainWindow window;
    EXPECT_FALSE(window.offerRecovery([](const Recovery&) { return false; }));
    EXPECT_FALSE(window.offerRecovery([](const Recovery&) { return true; }));
}

// File > New Site… (and opening an .epw) through the dialog: the same model function as
// `headroom-cli init`; the new site is untitled, named by its slug, and validates.
TEST_F(MainWindowTest, OpeningAnEpwOffersANewSiteMadeThroughTheDialog) {
    MainWindow window;
    const QString epw = QStringLiteral(
        HEADROOM_SOURCE_DIR "/tests/data/weather/USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw");
    QString preview;
    QString grid;
    window.setNewSitePrompt([&](NewSiteDialog& dialog) {
        preview = dialog.preview()->text();
        grid = dialog.findChild<QLabel*>("gridChoice")->text();
        EXPECT_TRUE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        dialog.nameEdit()->setText("Dialog Site, IL");
        emit dialog.nameEdit()->editingFinished();
        return true;
    });
    ASSERT_TRUE(window.openFile(epw));
    EXPECT_TRUE(preview.contains("41.98° N, -87.92° E, 201 m, UTC-6")) << preview.toStdString();
    EXPECT_TRUE(grid.contains("eGRID subregion RFCW")) << grid.toStdString();
    SiteDocument* document = window.document();
    EXPECT_TRUE(document->isUntitled());
    EXPECT_EQ(document->displayName(), "dialog-site-il.json");
    EXPECT_EQ(document->value("/name"), "Dialog Site, IL");
    EXPECT_EQ(document->value("/grid/carbon_intensity"), "0.4155 kg/kWh");
    EXPECT_TRUE(document->contains("/climate/digest"));

    // Replacing the weather is one undoable edit of the whole source: never two sources.
    const QString phoenix =
        QStringLiteral(HEADROOM_SOURCE_DIR
                       "/tests/data/weather/USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw");
    ASSERT_TRUE(window.replaceWeather(phoenix));
    EXPECT_EQ(document->value("/climate/digest/station/city"), "Phoenix Sky Harbor Intl Ap");
    EXPECT_EQ(document->value("/climate").size(), 2u); // the digest and its source
    EXPECT_EQ(document->undoStack()->count(), 1);
    document->undoStack()->undo();
    EXPECT_EQ(document->value("/climate/digest/station/city"), "Chicago Ohare Intl Ap");
}

// Opening a result store shows it in the batch explorer (so `headroom STORE.sqlite` and
// --screenshot reach it); opening an hourly CSV offers a new site through its column mapping.
TEST_F(MainWindowTest, OpeningAStoreShowsTheExplorerAndACsvOffersANewSite) {
    const QString store = m_dir.filePath("sweep.sqlite");
    {
        model::Diagnostics diagnostics;
        auto written = model::ResultStore::open(store.toStdString(), diagnostics);
        ASSERT_TRUE(written);
        const auto runId =
            written->ensureRun({"0store00", "sweep.json", "base.json", "list", 1}, diagnostics);
        ASSERT_TRUE(runId);
        model::RunResult result = headroom::testing::makeSampleRunResult();
        result.hourly = {};
        const std::vector<model::ScenarioRecord> records{{0, "{}", "hash0", &result, {}}};
        ASSERT_TRUE(written->write(*runId, records, false, diagnostics));
    }
    MainWindow window;
    ASSERT_TRUE(window.openFile(store));
    EXPECT_EQ(window.currentView(), "batch");
    bool mapped = false;
    window.setNewSitePrompt([&](NewSiteDialog& dialog) {
        mapped = dialog.csvMapping().box->isVisibleTo(&dialog);
        return false; // cancelled: nothing is made
    });
    EXPECT_FALSE(window.openFile(QStringLiteral(
        HEADROOM_SOURCE_DIR "/tests/data/weather/IRL_Dublin.Airport_MetEireann_hly532_2017.csv")));
    EXPECT_TRUE(mapped);
}

TEST_F(MainWindowTest, AWeatherFileWithErrorsShowsItsDiagnosticsAndMakesNothing) {
    MainWindow window;
    ASSERT_TRUE(window.openFile(writeFile(m_dir.filePath("site.json"), kSite)));
    const Json before = window.document()->json();
    const QString bad =
        writeFile(m_dir.filePath("bad.epw"), "LOCATION,Nowhere,XX,USA,TMY3,1,north,0,0,0\n");
    QString preview;
    window.setNewSitePrompt([&](NewSiteDialog& dialog) {
        preview = dialog.preview()->text();
        EXPECT_FALSE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
        EXPECT_FALSE(dialog.document());
        return true;
    });
    EXPECT_FALSE(window.openFile(bad));
    EXPECT_TRUE(preview.contains("bad.epw:1:32: error: expected a finite number for latitude"))
        << preview.toStdString();
    EXPECT_EQ(window.document()->json(), before);
    EXPECT_FALSE(window.replaceWeather(bad));
    EXPECT_EQ(window.document()->json(), before);
    EXPECT_EQ(window.currentView(), "diagnostics");
}

} // namespace
} // namespace headroom::ui
