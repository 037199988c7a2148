#pragma once
// The desktop app's main window: one site document, its tree and property editor, and
// the views of its newest result (dashboard, compute, diagnostics, ...). Edits rerun the
// simulation in the background; files open from the menu, the recent list, drag and drop
// or the command line; unsaved edits are kept in a recovery file.

#include "ui/document/recovery_store.h"
#include "ui/run/simulation_runner.h"
#include "ui/views/dashboard_view.h"

#include <QMainWindow>

#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

class QLabel;
class QMenu;
class QProgressBar;
class QTabWidget;
class QAction;

class QDockWidget;
class QTextBrowser;

namespace headroom::ui {

class SiteDocument;
class SiteTree;
class PropertyEditor;
class AssumptionsView;
class DiagnosticsView;
class ComputeView;
class PlanView;
class ChartsView;
class CompareView;
class BatchView;
class NewSiteDialog;

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    /// compute turns a document into a result (runSiteDocument in the app); without one
    /// the window edits files but shows no results.
    explicit MainWindow(SimulationRunner::Compute compute = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens path. On failure the open document stays as it was and the diagnostics view
    /// shows why; returns false.
    bool openFile(const QString& path);
    /// Starts an untitled document from a sample site file.
    bool newFromSample(const QString& samplePath);
    /// Starts an untitled document from a new site (File > New Site…, an opened .epw).
    void newFromDocument(const Json& document, const QString& suggestedName);
    /// Shows File > New Site… with weatherFile chosen; true when a site was made.
    bool newSiteDialog(const QString& weatherFile = {});
    /// Decides a New Site dialog (exec() when empty): tests accept it without a user.
    void setNewSitePrompt(std::function<bool(NewSiteDialog&)> ask) {
        m_newSitePrompt = std::move(ask);
    }
    /// Replaces the site's weather with weatherFile in one undoable edit (a digest, or a
    /// reference when the site already refers to a file); false, with the weather file's
    /// diagnostics, when it does not read.
    bool replaceWeather(const QString& weatherFile);
    bool saveTo(const QString& path);
    /// Offers the newest recovery file, if any; ask decides (a dialog when empty).
    /// Returns true when a document was restored.
    bool offerRecovery(const std::function<bool(const Recovery&)>& ask = {});
    /// Whether to go ahead when the document has unsaved edits; ask decides (a dialog
    /// when empty): 0 save, 1 discard, 2 cancel.
    void setUnsavedPrompt(std::function<int()> ask) { m_unsavedPrompt = std::move(ask); }
    /// Whether to save a document the site reader finds errors in; ask gets what is wrong
    /// (a dialog when empty) and returns true to save anyway.
    void setInvalidSavePrompt(std::function<bool(const QString&)> ask) {
        m_invalidSavePrompt = std::move(ask);
    }

    /// The view names, for --view: dashboard, compute, diagnostics, ...
    QStringList viewNames() const;
    bool showView(const QString& name);
    QString currentView() const;
    void setUnitSystem(UnitSystem system);
    /// Shows a finished run in every view (what the end of a background run calls).
    void showOutcome(const RunOutcome& outcome);
    /// Waits, spinning the event loop, until the newest result is shown.
    bool waitForResults(int timeoutMs);
    /// Renders the whole window to a PNG.
    bool saveScreenshot(const QString& path);

    SiteDocument* document() const { return m_document; }
    RecoveryStore* recoveryStore() const { return m_recovery; }
    SimulationRunner* runner() const { return m_runner; }
    SiteTree* siteTree() const { return m_tree; }
    PropertyEditor* propertyEditor() const { return m_editor; }
    /// The help pane (F1): the field table's text for the field with the focus.
    QTextBrowser* helpPane() const { return m_help; }
    /// Shows the help of the field at pointer in the help pane.
    void showFieldHelp(const QString& pointer);
    /// Help > User Guide: the README's guide, in a window of its own.
    QWidget* showUserGuide();
    DashboardView* dashboard() const { return m_dashboard; }
    DiagnosticsView* diagnosticsView() const { return m_diagnostics; }
    AssumptionsView* assumptionsView() const { return m_assumptions; }
    ComputeView* computeView() const { return m_compute; }
    PlanView* planView() const { return m_plan; }
    ChartsView* chartsView() const { return m_charts; }
    CompareView* compareView() const { return m_compareView; }
    BatchView* batchView() const { return m_batchView; }
    /// Opens a result store in the batch explorer; false (and diagnostics) when it cannot.
    bool openResultStore(const QString& path);
    /// Opens a batch scenario: the base site with the parameters applied as unsaved edits.
    bool openScenario(const QString& baseSite, const QString& parameters);
    /// With unsaved edits, where the document differs from its saved file (none: it has no
    /// file); nothing when it is the saved file. An exported report flags it.
    std::optional<std::vector<std::string>> unsavedEdits() const;
    /// Runs a site file in the background and makes it the comparison's baseline.
    bool setBaselineFile(const QString& path);
    /// Runs a site file in the background and adds it to the comparison as a variant.
    bool addVariantFile(const QString& path);
    /// File > Export Report > Plan PDF: the shown plan (with its uncertainty once drawn) as
    /// the PDF headroom-cli plan writes, to path. False, with the reason in the status bar
    /// and the diagnostics, when there is no plan or the file cannot be written.
    bool exportPlanPdf(const QString& path);
    /// How long the views took to show the newest result, in ms.
    double lastRefreshMs() const { return m_lastRefreshMs; }
    /// Goes to the field at pointer: selects its section and focuses its entry.
    void goToField(const QString& pointer);

protected:
    void closeEvent(QCloseEvent* event) override;
    void dragEnterEvent(QDragEnterEvent* event) override;
    void dropEvent(QDropEvent* event) override;

private:
    void createMenus();
    void createDocks();
    void addView(const QString& name, const QString& title, QWidget* view);
    bool maybeSave();
    bool save();
    bool saveAs();
    void openDialog();
    void addRecentFile(const QString& path);
    void updateRecentMenu();
    void updateTitle();
    void documentChanged();
    void resultArrived(quint64 revision, const RunOutcome& outcome);
    void exportReport(const QString& format);

    SiteDocument* m_document;
    RecoveryStore* m_recovery;
    SimulationRunner* m_runner = nullptr;
    SiteTree* m_tree;
    PropertyEditor* m_editor;
    QTextBrowser* m_help = nullptr;
    QDockWidget* m_helpDock = nullptr;
    QTabWidget* m_tabs;
    DashboardView* m_dashboard;
    ComputeView* m_compute;
    PlanView* m_plan;
    ChartsView* m_charts;
    CompareView* m_compareView;
    BatchView* m_batchView;
    SimulationRunner* m_baselineRunner = nullptr;
    /// Runs of other site files for compare, one at a time (the runner publishes only its
    /// newest request): the one running, and those waiting their turn.
    struct OtherRun {
        Json document;
        QString path;
        QString name;
        bool variant = false; ///< else the baseline
    };
    std::deque<OtherRun> m_otherRuns;
    quint64 m_baselineRevision = 0;
    bool runOtherFile(const QString& path, bool variant);
    AssumptionsView* m_assumptions;
    DiagnosticsView* m_diagnostics;
    QLabel* m_runStatus;
    QProgressBar* m_progress;
    QMenu* m_recentMenu = nullptr;
    QStringList m_viewNames;
    std::function<int()> m_unsavedPrompt;
    std::function<bool(const QString&)> m_invalidSavePrompt;
    std::function<bool(NewSiteDialog&)> m_newSitePrompt;
    RunOutcome m_latest;
    /// The revision the document was last clean at (opened or saved), and its result:
    /// the dashboard's deltas are against it.
    quint64 m_savedRevision = 0;
    std::shared_ptr<const model::RunResult> m_savedResult;
    double m_lastRefreshMs = 0.0;
};

} // namespace headroom::ui
