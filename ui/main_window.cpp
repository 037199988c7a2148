#include "ui/main_window.h"

#include "model/core/install_paths.h"
#include "model/core/version.h"
#include "model/report/report_registry.h"
#include "model/report/verdict.h"
#include "model/run/new_site.h"
#include "ui/document/site_document.h"
#include "ui/editor/field_help.h"
#include "ui/editor/property_editor.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"
#include "ui/embedded_user_guide.h"
#include "ui/report/plan_pdf_report.h"
#include "ui/run/site_run.h"
#include "ui/views/assumptions_view.h"
#include "ui/views/batch_view.h"
#include "ui/views/charts_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/compute_view.h"
#include "ui/views/diagnostics_view.h"
#include "ui/views/new_site_dialog.h"
#include "ui/views/plan_view.h"
#include "ui/views/published_run_dialog.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDeadlineTimer>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProgressBar>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QUndoStack>
#include <QVBoxLayout>

namespace headroom::ui {

MainWindow::MainWindow(SimulationRunner::Compute compute, QWidget* parent)
    : QMainWindow(parent)
    , m_document(new SiteDocument(this))
    , m_recovery(new RecoveryStore(m_document, QString(), this))
    , m_tree(new SiteTree(m_document))
    , m_editor(new PropertyEditor(m_document))
    , m_tabs(new QTabWidget(this))
    , m_dashboard(new DashboardView)
    , m_compute(new ComputeView)
    , m_plan(new PlanView)
    , m_charts(new ChartsView)
    , m_compareView(new CompareView)
    , m_batchView(new BatchView)
    , m_assumptions(new AssumptionsView)
    , m_diagnostics(new DiagnosticsView)
    , m_runStatus(new QLabel(this))
    , m_progress(new QProgressBar(this)) {
    setObjectName("mainWindow");
    setAcceptDrops(true);
    if (compute) {
        // The comparison's baseline from another file runs beside the live document.
        m_baselineRunner = new SimulationRunner(compute, this);
        connect(m_baselineRunner, &SimulationRunner::finished, this,
                [this](quint64, const RunOutcome& outcome) {
                    if (m_otherRuns.empty()) {
                        return;
                    }
                    const OtherRun run = std::move(m_otherRuns.front());
                    m_otherRuns.pop_front();
                    if (!m_otherRuns.empty()) {
                        m_baselineRunner->requestNow(m_otherRuns.front().document,
                                                     m_otherRuns.front().path,
                                                     ++m_baselineRevision);
                    }
                    if (run.variant) {
                        m_compareView->addVariant(outcome.result, run.name);
                    } else {
                        m_compareView->setBaseline(outcome.result, run.name);
                    }
                    m_diagnostics->setDiagnostics("baseline", outcome.diagnostics);
                });
        m_runner = new SimulationRunner(std::move(compute), this);
        connect(m_runner, &SimulationRunner::finished, this, &MainWindow::resultArrived);
        connect(m_runner, &SimulationRunner::staleChanged, this, [this](bool stale) {
            m_dashboard->setStale(stale);
            m_charts->setStale(stale);
            if (stale) {
                m_runStatus->setText(tr("Recomputing…"));
            }
        });
        connect(m_runner, &SimulationRunner::started, this, [this] {
            m_progress->setValue(0);
            m_progress->setVisible(true);
        });
        connect(m_runner, &SimulationRunner::progressed, this, [this](double fraction) {
            m_progress->setValue(static_cast<int>(fraction * 100.0));
        });
    }

    m_tabs->setObjectName("views");
    m_tabs->setDocumentMode(true);
    setCentralWidget(m_tabs);
    addView("dashboard", tr("Dashboard"), m_dashboard);
    addView("charts", tr("Charts"), m_charts);
    addView("compute", tr("Compute"), m_compute);
    addView("plan", tr("Plan"), m_plan);
    addView("compare", tr("Compare"), m_compareView);
    addView("batch", tr("Batch"), m_batchView);
    addView("assumptions", tr("Assumptions"), m_assumptions);
    addView("diagnostics", tr("Diagnostics"), m_diagnostics);

    createDocks();
    createMenus();

    m_progress->setMaximumWidth(160);
    m_progress->setRange(0, 100);
    m_progress->setVisible(false);
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_runStatus);

    connect(m_tree, &SiteTree::pointerSelected, m_editor, &PropertyEditor::showObject);
    connect(m_compareView, &CompareView::pinRequested, this, [this] {
        m_compareView->setBaseline(m_latest.result,
                                   tr("%1 (pinned)").arg(m_document->displayName()));
    });
    connect(m_compareView, &CompareView::openBaselineRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Baseline Site"), QString(),
                                                          tr("Headroom site (*.json)"));
        if (!path.isEmpty()) {
            setBaselineFile(path);
        }
    });
    connect(m_compareView, &CompareView::pinVariantRequested, this, [this] {
        m_compareView->addVariant(m_latest.result, tr("%1 (pinned %2)")
                                                       .arg(m_document->displayName())
                                                       .arg(m_compareView->variantCount() + 1));
    });
    connect(m_compareView, &CompareView::addVariantFileRequested, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Add Site to Compare"),
                                                          QString(), tr("Headroom site (*.json)"));
        if (!path.isEmpty()) {
            addVariantFile(path);
        }
    });
    connect(m_batchView, &BatchView::openScenario, this, &MainWindow::openScenario);
    // Entries are checked by the same site reader the run uses (ranges, catalog ids).
    m_editor->setCheck([this](const QString& pointer, const Json& value) {
        return checkFieldValue(m_document->json(), m_document->filePath(), pointer, value);
    });
    connect(m_diagnostics, &DiagnosticsView::pointerActivated, this, &MainWindow::goToField);
    connect(m_assumptions, &AssumptionsView::pointerActivated, this, &MainWindow::goToField);
    connect(m_diagnostics, &DiagnosticsView::countsChanged, this, [this](int errors, int warnings) {
        const int index = m_tabs->indexOf(m_diagnostics);
        m_tabs->setTabText(index, errors + warnings == 0
                                      ? tr("Diagnostics")
                                      : tr("Diagnostics (%1)").arg(errors + warnings));
    });
    connect(m_editor, &PropertyEditor::entryValidity, this, [this] {
        // Entries the editor holds back are listed with the rest, so none goes unnoticed.
        model::Diagnostics held;
        const auto invalid = m_editor->invalidEntries();
        for (auto it = invalid.cbegin(); it != invalid.cend(); ++it) {
            held.add({m_document->filePath().toStdString(), 0, 0, it.key().toStdString(),
                      model::Severity::Error, model::DiagnosticKind::Meaning,
                      "entry not applied: " + it.value().toStdString()});
        }
        m_diagnostics->setDiagnostics("editor", held);
    });
    connect(m_document, &SiteDocument::contentChanged, this, &MainWindow::documentChanged);
    connect(m_document, &SiteDocument::modifiedChanged, this, &MainWindow::updateTitle);
    // Clean again (opened, saved, undone back to the file): this revision is the file's.
    connect(m_document, &SiteDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified && m_savedRevision != m_document->revision()) {
            m_savedRevision = m_document->revision();
            m_savedResult.reset();
            if (m_runner && m_runner->publishedRevision() == m_savedRevision) {
                m_savedResult = m_latest.result;
            }
            m_dashboard->setSavedResult(m_savedResult);
        }
    });
    connect(m_document, &SiteDocument::filePathChanged, this, &MainWindow::updateTitle);

    QSettings settings;
    setUnitSystem(settings.value("displaySystem").toString() == "IP" ? UnitSystem::IP
                                                                     : UnitSystem::SI);
    resize(1400, 900);
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
    updateTitle();
}

MainWindow::~MainWindow() {
    // Children outlive this destructor; their signals must not reach a half-destroyed window.
    delete m_runner;
    delete m_baselineRunner;
    for (QObject* object :
         std::initializer_list<QObject*>{m_document, m_tree, m_editor, m_diagnostics, m_tabs}) {
        object->disconnect(this);
        object->blockSignals(true);
    }
    // The help pane follows the application's focus, which moves while ~QWidget destroys
    // the children.
    disconnect(qApp, &QApplication::focusChanged, this, nullptr);
    // ~QWidget closes the window, and the focused field's focus-out validates its entry
    // through this check, which reads members already gone (UBSan: member access within a
    // MainWindow that is only a QWidget by then).
    m_editor->setCheck({});
}

void MainWindow::addView(const QString& name, const QString& title, QWidget* view) {
    m_tabs->addTab(view, title);
    m_viewNames.append(name);
}

void MainWindow::createDocks() {
    auto* treeDock = new QDockWidget(tr("Site"), this);
    treeDock->setObjectName("siteDock");
    treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, treeDock);
    auto* editorDock = new QDockWidget(tr("Properties"), this);
    editorDock->setObjectName("propertiesDock");
    editorDock->setWidget(m_editor);
    addDockWidget(Qt::LeftDockWidgetArea, editorDock);
    resizeDocks({treeDock, editorDock}, {360, 360}, Qt::Horizontal);
    m_helpDock = new QDockWidget(tr("Help"), this);
    m_helpDock->setObjectName("helpDock");
    m_help = new QTextBrowser;
    m_help->setObjectName("fieldHelp");
    m_help->setHtml(tr("<p>Press <b>F1</b> on a field of the Properties to read what it is, "
                       "what it takes, its range, its default and where that comes from.</p>"));
    m_helpDock->setWidget(m_help);
    addDockWidget(Qt::LeftDockWidgetArea, m_helpDock);
    m_helpDock->hide();
    // While the pane is open it follows the focus from field to field.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget*, QWidget* now) {
        if (m_helpDock->isVisible()) {
            if (const QString pointer = m_editor->pointerAt(now); !pointer.isEmpty()) {
                showFieldHelp(pointer);
            }
        }
    });
}

void MainWindow::showFieldHelp(const QString& pointer) {
    m_help->setHtml(fieldHelpHtml(pointer, m_document->json()));
    m_helpDock->show();
    m_helpDock->raise();
}

QWidget* MainWindow::showUserGuide() {
    auto* guide = new QDialog(this);
    guide->setObjectName("userGuide");
    guide->setAttribute(Qt::WA_DeleteOnClose);
    guide->setWindowTitle(tr("Headroom User Guide"));
    auto* text = new QTextBrowser(guide);
    text->setObjectName("userGuideText");
    text->setOpenExternalLinks(true);
    // The README, compiled in: the guide is the one the repository and the package carry.
    for (const model::EmbeddedFile& file : model::embeddedUserGuideFiles()) {
        text->setMarkdown(
            QString::fromUtf8(file.text.data(), static_cast<qsizetype>(file.text.size())));
    }
    auto* layout = new QVBoxLayout(guide);
    layout->addWidget(text);
    guide->resize(900, 700);
    guide->show();
    return guide;
}

void MainWindow::createMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&New Site from Weather…"), QKeySequence::New, this,
                    [this] { newSiteDialog(); });
    QMenu* samples = file->addMenu(tr("New from &Sample"));
    const QDir sampleDir(
        QString::fromStdString((model::dataDirectory() / "sample_sites").string()));
    for (const QFileInfo& sample :
         sampleDir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        samples->addAction(sample.completeBaseName(), this,
                           [this, path = sample.absoluteFilePath()] {
                               if (maybeSave()) {
                                   newFromSample(path);
                               }
                           });
    }
    samples->setEnabled(!samples->isEmpty());
    file->addAction(tr("&Open…"), QKeySequence::Open, this, &MainWindow::openDialog);
    file->addAction(tr("Open Result &Store…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O), this,
                    [this] {
                        const QString path = QFileDialog::getOpenFileName(
                            this, tr("Open Result Store"), QString(),
                            tr("Headroom result store (*.sqlite *.db);;All files (*)"));
                        if (!path.isEmpty()) {
                            openResultStore(path);
                        }
                    });
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    file->addSeparator();
    file->addAction(tr("&Save"), QKeySequence::Save, this, &MainWindow::save);
    file->addAction(tr("Save &As…"), QKeySequence::SaveAs, this, &MainWindow::saveAs);
    QMenu* exportMenu = file->addMenu(tr("&Export Report"));
    for (const model::ReportWriter* writer : model::ReportRegistry::instance().writers()) {
        const QString name = QString::fromStdString(writer->shortName());
        QAction* action = exportMenu->addAction(
            tr("%1 — %2").arg(name.toUpper(), QString::fromStdString(writer->description())), this,
            [this, name] { exportReport(name); });
        if (name == "pdf") {
            action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
        }
    }
    // The plan has its own PDF (the years, not one site-year): the file headroom-cli plan
    // names, in a folder the user picks.
    exportMenu->addAction(tr("Plan PDF — the site's plan over years"), this, [this] {
        const auto plan = m_plan->plan();
        if (!plan) {
            QMessageBox::information(this, tr("Export"),
                                     tr("This site has no plan (a /plan section) to export."));
            return;
        }
        const QString name = QString::fromStdString(model::siteSlug(plan->siteName) + "-" +
                                                    plan->scenarioHash.substr(0, 8) + "-plan.pdf");
        const QString path =
            QFileDialog::getSaveFileName(this, tr("Export Plan PDF"), name, tr("PDF (*.pdf)"));
        if (!path.isEmpty()) {
            exportPlanPdf(path);
        }
    });
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = m_document->undoStack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = m_document->undoStack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    edit->addAction(tr("Replace &Weather…"), this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Replace Weather"), QString(),
                                                          tr("EnergyPlus weather (*.epw)"));
        if (!path.isEmpty()) {
            replaceWeather(path);
        }
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    for (int i = 0; i < m_tabs->count(); ++i) {
        view->addAction(m_tabs->tabText(i), QKeySequence(Qt::CTRL | (Qt::Key_1 + i)), this,
                        [this, i] { m_tabs->setCurrentIndex(i); });
    }
    view->addSeparator();
    auto* units = new QActionGroup(this);
    QAction* si = view->addAction(tr("SI Units"));
    QAction* ip = view->addAction(tr("IP Units"));
    for (QAction* action : {si, ip}) {
        action->setCheckable(true);
        units->addAction(action);
    }
    si->setChecked(true);
    si->setObjectName("siUnits");
    ip->setObjectName("ipUnits");
    connect(si, &QAction::triggered, this, [this] { setUnitSystem(UnitSystem::SI); });
    connect(ip, &QAction::triggered, this, [this] { setUnitSystem(UnitSystem::IP); });
    view->addAction(tr("&Rerun"), QKeySequence::Refresh, this, [this] {
        if (m_runner) {
            m_runner->requestNow(m_document->json(), m_document->filePath(),
                                 m_document->revision());
        }
    });

    QMenu* tools = menuBar()->addMenu(tr("&Tools"));
    tools->addAction(tr("&Published Training Run…"), this, [this] {
        auto* dialog = new PublishedRunDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->show();
    });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    QAction* fieldHelp = help->addAction(tr("Help on &Field"), this, [this] {
        const QString pointer = m_editor->pointerAt(QApplication::focusWidget());
        if (pointer.isEmpty()) {
            m_helpDock->show(); // it says how to use it
        } else {
            showFieldHelp(pointer);
        }
    });
    fieldHelp->setShortcut(QKeySequence::HelpContents); // F1
    help->addAction(tr("&User Guide"), this, [this] { showUserGuide(); });
    help->addAction(tr("&About Headroom"), this, [this] {
        QMessageBox::about(this, tr("About Headroom"),
                           tr("<b>Headroom %1</b><p>Datacenter capacity, power and water "
                              "planning.</p>")
                               .arg(QString::fromUtf8(kVersion)));
    });
}

QStringList MainWindow::viewNames() const {
    return m_viewNames;
}

bool MainWindow::showView(const QString& name) {
    const auto index = m_viewNames.indexOf(name);
    if (index < 0) {
        return false;
    }
    m_tabs->setCurrentIndex(static_cast<int>(index));
    return true;
}

QString MainWindow::currentView() const {
    return m_viewNames.value(m_tabs->currentIndex());
}

void MainWindow::setUnitSystem(UnitSystem system) {
    m_dashboard->setUnitSystem(system);
    m_charts->setUnitSystem(system);
    m_compute->setUnitSystem(system);
    m_plan->setUnitSystem(system);
    m_compareView->setUnitSystem(system);
    m_batchView->setUnitSystem(system);
    QSettings().setValue("displaySystem", system == UnitSystem::IP ? "IP" : "SI");
    if (auto* ip = findChild<QAction*>("ipUnits")) {
        ip->setChecked(system == UnitSystem::IP);
    }
    if (auto* si = findChild<QAction*>("siUnits")) {
        si->setChecked(system == UnitSystem::SI);
    }
}

void MainWindow::updateTitle() {
    setWindowFilePath(m_document->filePath());
    setWindowTitle(QStringLiteral("%1[*] — Headroom %2")
                       .arg(m_document->displayName(), QString::fromUtf8(kVersion)));
    setWindowModified(m_document->isModified());
}

void MainWindow::documentChanged() {
    updateTitle();
    if (m_runner) {
        m_runner->request(m_document->json(), m_document->filePath(), m_document->revision());
    } else {
        m_dashboard->setMessage(tr("This build has no simulation; the site can be edited."));
    }
}

void MainWindow::resultArrived(quint64 revision, const RunOutcome& outcome) {
    if (revision == m_savedRevision) {
        m_savedResult = outcome.result;
        m_dashboard->setSavedResult(m_savedResult);
    }
    showOutcome(outcome);
}

void MainWindow::showOutcome(const RunOutcome& outcome) {
    QElapsedTimer refresh;
    refresh.start();
    m_latest = outcome;
    m_progress->setVisible(false);
    m_diagnostics->setDiagnostics("run", outcome.diagnostics);
    if (outcome.result) {
        m_dashboard->setResult(outcome.result);
        m_dashboard->setStale(false);
    } else {
        const int errors = outcome.diagnostics.count(model::Severity::Error);
        m_dashboard->setMessage(
            tr("The site has %n error(s); see Diagnostics. Results return once it is valid.", "",
               errors));
    }
    m_compute->setResult(outcome.result, outcome.site);
    m_charts->setResult(outcome.result);
    m_plan->setPlan(outcome.plan, outcome.site);
    m_assumptions->setResult(outcome.result);
    m_compareView->setCurrent(outcome.result, m_document->displayName());
    // Every view is redrawn by now: the time from result to screen, shown beside the run's.
    m_lastRefreshMs = static_cast<double>(refresh.nsecsElapsed()) / 1e6;
    if (outcome.result) {
        m_runStatus->setText(tr("Up to date · run %1 s · views %2 ms")
                                 .arg(outcome.elapsedMs / 1000.0, 0, 'f', 2)
                                 .arg(m_lastRefreshMs, 0, 'f', 0));
    } else {
        m_runStatus->setText(
            tr("%n error(s)", "", outcome.diagnostics.count(model::Severity::Error)));
    }
}

bool MainWindow::openResultStore(const QString& path) {
    model::Diagnostics diagnostics;
    const bool opened = m_batchView->openStore(path, diagnostics);
    m_diagnostics->setDiagnostics("store", diagnostics);
    showView(opened ? "batch" : "diagnostics");
    return opened;
}

bool MainWindow::openScenario(const QString& baseSite, const QString& parameters) {
    const Json overrides = parseJsonValue(parameters.toStdString()).value_or(Json());
    if (!overrides.is_object() || !openFile(baseSite)) {
        return false;
    }
    // Each parameter becomes one undoable edit, so the scenario can be taken apart.
    for (const auto& [pointer, value] : overrides.items()) {
        m_document->setValue(QString::fromStdString(pointer), value);
    }
    showView("dashboard");
    return true;
}

std::optional<std::vector<std::string>> MainWindow::unsavedEdits() const {
    if (!m_document->isModified()) {
        return std::nullopt;
    }
    if (m_document->filePath().isEmpty()) {
        return std::vector<std::string>{}; // never saved: no file to differ from
    }
    const DocumentLoad saved = readSiteDocument(m_document->filePath());
    return saved.document ? changedPointers(*saved.document, m_document->json())
                          : std::vector<std::string>{};
}

bool MainWindow::setBaselineFile(const QString& path) {
    return runOtherFile(path, false);
}

bool MainWindow::addVariantFile(const QString& path) {
    return runOtherFile(path, true);
}

bool MainWindow::runOtherFile(const QString& path, bool variant) {
    const DocumentLoad load = readSiteDocument(path);
    m_diagnostics->setDiagnostics("baseline", load.diagnostics);
    if (!load.document || !m_baselineRunner) {
        return false;
    }
    m_otherRuns.push_back(
        {*load.document, QFileInfo(path).absoluteFilePath(), QFileInfo(path).fileName(), variant});
    if (m_otherRuns.size() == 1) { // else it starts when the runs before it have finished
        m_baselineRunner->requestNow(m_otherRuns.front().document, m_otherRuns.front().path,
                                     ++m_baselineRevision);
    }
    return true;
}

bool MainWindow::waitForResults(int timeoutMs) {
    return m_runner && m_runner->waitForIdle(timeoutMs);
}

bool MainWindow::saveScreenshot(const QString& path) {
    return grab().save(path, "PNG");
}

void MainWindow::goToField(const QString& pointer) {
    m_tree->selectPointer(pointer);
    QWidget* field = m_editor->fieldWidget(pointer);
    if (!field) {
        // Annotated values ({"value": ..., "source": ...}) are edited at their /value.
        field = m_editor->fieldWidget(pointer + "/value");
    }
    if (field) {
        m_editor->ensureWidgetVisible(field);
        if (auto* quantity = qobject_cast<QuantityField*>(field)) {
            quantity->valueEdit()->setFocus();
        } else {
            field->setFocus();
        }
    }
}

void MainWindow::exportReport(const QString& format) {
    const model::ReportWriter* writer =
        model::ReportRegistry::instance().find(format.toStdString());
    if (!writer || !m_latest.result) {
        QMessageBox::information(this, tr("Export"), tr("There is no result to export yet."));
        return;
    }
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Export Report To"));
    if (folder.isEmpty()) {
        return;
    }
    model::ReportOptions options;
    options.outDir = folder.toStdString();
    options.units = QSettings().value("displaySystem").toString() == "IP" ? model::UnitSystem::IP
                                                                          : model::UnitSystem::SI;
    options.unsavedEdits = unsavedEdits();
    const model::WriteOutcome outcome = model::writeReportSet(*m_latest.result, {writer}, options);
    if (!outcome.ok) {
        m_diagnostics->setDiagnostics("export", outcome.diagnostics);
        showView("diagnostics");
        return;
    }
    statusBar()->showMessage(
        tr("Wrote %n file(s) to %1", "", static_cast<int>(outcome.files.size())).arg(folder), 6000);
}

bool MainWindow::exportPlanPdf(const QString& path) {
    const auto plan = m_plan->plan();
    if (!plan) {
        statusBar()->showMessage(tr("This site has no plan to export."), 6000);
        return false;
    }
    PdfReportOptions options;
    options.units =
        QSettings().value("displaySystem").toString() == "IP" ? UnitSystem::IP : UnitSystem::SI;
    const PdfReportStatus status = writePlanPdfReport(*plan, path, options);
    if (!status.ok) {
        model::Diagnostics diagnostics;
        model::Diagnostic failure;
        failure.file = path.toStdString();
        failure.kind = model::DiagnosticKind::Unreadable;
        failure.message = status.error.toStdString();
        diagnostics.add(failure);
        m_diagnostics->setDiagnostics("export", diagnostics);
        showView("diagnostics");
        return false;
    }
    statusBar()->showMessage(tr("Wrote %1 (%n page(s))", "", status.pages).arg(path), 6000);
    return true;
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (!maybeSave()) {
        event->ignore();
        return;
    }
    m_recovery->discard();
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
    if (event->mimeData()->hasUrls()) {
        event->acceptProposedAction();
    }
}

void MainWindow::dropEvent(QDropEvent* event) {
    const auto urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.front().isLocalFile()) {
        openFile(urls.front().toLocalFile());
        event->acceptProposedAction();
    }
}

} // namespace headroom::ui
