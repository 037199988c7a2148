#include "ui/main_window.h"

#include "model/run/new_site.h"
#include "model/site/site_reader.h"
#include "ui/document/site_document.h"
#include "ui/run/site_run.h"
#include "ui/views/diagnostics_view.h"
#include "ui/views/new_site_dialog.h"

#include <QAction>
#include <QDialog>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>
#include <QSettings>
#include <QStatusBar>

// The main window's document lifecycle: opening a site, a weather file or a result store,
// new sites, saving, the unsaved-changes question, crash recovery and the recent files.

namespace headroom::ui {

namespace {
constexpr int kMaxRecentFiles = 8;
const char* const kRecentKey = "recentFiles";
} // namespace

bool MainWindow::openFile(const QString& path) {
    // A weather file (an EPW or an hourly CSV) is not a site: offer to make one from it.
    // A result store opens in the batch explorer.
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QStringLiteral("epw") || suffix == QStringLiteral("csv")) {
        return newSiteDialog(path);
    }
    if (suffix == QStringLiteral("sqlite") || suffix == QStringLiteral("db")) {
        return openResultStore(path);
    }
    // Read first: a file that does not parse must not cost the open document anything.
    const DocumentLoad load = readSiteDocument(path);
    if (!load.document) {
        m_diagnostics->setDiagnostics("open", load.diagnostics);
        showView("diagnostics");
        statusBar()->showMessage(
            tr("Could not open %1; the diagnostics say why.").arg(QFileInfo(path).fileName()));
        return false;
    }
    if (!maybeSave()) {
        return false;
    }
    m_recovery->discard();
    m_diagnostics->setDiagnostics("open", load.diagnostics);
    m_document->open(path);
    addRecentFile(m_document->filePath());
    statusBar()->showMessage(tr("Opened %1").arg(m_document->displayName()), 4000);
    return true;
}

bool MainWindow::newFromSample(const QString& samplePath) {
    const DocumentLoad load = readSiteDocument(samplePath);
    if (!load.document) {
        m_diagnostics->setDiagnostics("open", load.diagnostics);
        showView("diagnostics");
        return false;
    }
    m_recovery->discard();
    m_diagnostics->setDiagnostics("open", {});
    m_document->resetUntitled(*load.document, QFileInfo(samplePath).fileName(), load.numberText);
    return true;
}

void MainWindow::newFromDocument(const Json& document, const QString& suggestedName) {
    m_recovery->discard();
    m_diagnostics->setDiagnostics("open", {});
    m_document->resetUntitled(document, suggestedName);
    statusBar()->showMessage(tr("New site %1: save it to keep it").arg(suggestedName), 6000);
}

bool MainWindow::newSiteDialog(const QString& weatherFile) {
    NewSiteDialog dialog(this);
    if (!weatherFile.isEmpty()) {
        dialog.setWeatherFile(weatherFile);
    }
    const bool accepted =
        m_newSitePrompt ? m_newSitePrompt(dialog) : dialog.exec() == QDialog::Accepted;
    const auto document = dialog.document();
    if (!accepted || !document || !maybeSave()) {
        return false;
    }
    newFromDocument(*document, dialog.suggestedFileName());
    return true;
}

bool MainWindow::replaceWeather(const QString& weatherFile) {
    // A site that refers to a file keeps referring; any other gets a digest.
    const bool reference = m_document->contains("/climate/epw");
    model::Diagnostics diagnostics;
    const auto climate = model::climateSection(weatherFile.toStdString(),
                                               reference ? model::WeatherAttachment::Reference
                                                         : model::WeatherAttachment::Digest,
                                               m_document->filePath().toStdString(), diagnostics);
    m_diagnostics->setDiagnostics("weather", diagnostics);
    if (!climate) {
        showView("diagnostics");
        return false;
    }
    // One edit: the whole weather source at once, so "more than one weather source" never
    // arises and one undo brings the old one back.
    m_document->setValue("/climate", Json::parse(climate->dump()));
    statusBar()->showMessage(tr("Weather replaced by %1; the location is unchanged")
                                 .arg(QFileInfo(weatherFile).fileName()),
                             6000);
    return true;
}

bool MainWindow::saveTo(const QString& path) {
    // A file the reader refuses is saved only when the user says so, knowing why.
    const model::SiteLoad load = readEditedSite(m_document->json(), path);
    if (load.diagnostics.hasErrors()) {
        QStringList problems;
        for (const model::Diagnostic& diagnostic : load.diagnostics.items()) {
            if (diagnostic.severity == model::Severity::Error) {
                problems << QString::fromStdString(
                    diagnostic.pointer.empty() ? diagnostic.message
                                               : diagnostic.pointer + ": " + diagnostic.message);
            }
        }
        const int count = static_cast<int>(problems.size());
        constexpr int kListed = 10;
        if (count > kListed) {
            problems = problems.mid(0, kListed)
                       << tr("… and %1 more (see Diagnostics)").arg(count - kListed);
        }
        const QString summary = tr("%1 has %n error(s); Headroom will not run it until they are "
                                   "fixed:\n\n%2",
                                   "", count)
                                    .arg(QFileInfo(path).fileName(), problems.join('\n'));
        const bool saveAnyway =
            m_invalidSavePrompt ? m_invalidSavePrompt(summary)
                                : QMessageBox::warning(this, tr("Save a site with errors?"),
                                                       summary + tr("\n\nSave it anyway?"),
                                                       QMessageBox::Save | QMessageBox::Cancel,
                                                       QMessageBox::Cancel) == QMessageBox::Save;
        if (!saveAnyway) {
            statusBar()->showMessage(tr("Not saved: the site has errors."), 6000);
            return false;
        }
    }
    QString error;
    if (!m_document->save(path, &error)) {
        QMessageBox::warning(this, tr("Save failed"),
                             tr("Could not save %1:\n%2").arg(path, error));
        return false;
    }
    addRecentFile(m_document->filePath());
    statusBar()->showMessage(tr("Saved %1").arg(m_document->displayName()), 4000);
    return true;
}

bool MainWindow::save() {
    return m_document->isUntitled() ? saveAs() : saveTo(m_document->filePath());
}

bool MainWindow::saveAs() {
    const QString start = m_document->isUntitled()
                              ? QDir::home().filePath(m_document->displayName())
                              : m_document->filePath();
    const QString path =
        QFileDialog::getSaveFileName(this, tr("Save Site As"), start, tr("Headroom site (*.json)"));
    return !path.isEmpty() && saveTo(path);
}

void MainWindow::openDialog() {
    const QString start =
        m_document->isUntitled() ? QDir::homePath() : QFileInfo(m_document->filePath()).path();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Site"), start,
                                                      tr("Headroom site (*.json);;All files (*)"));
    if (!path.isEmpty()) {
        openFile(path);
    }
}

bool MainWindow::maybeSave() {
    if (!m_document->isModified()) {
        return true;
    }
    int choice = 2;
    if (m_unsavedPrompt) {
        choice = m_unsavedPrompt();
    } else {
        const auto answer = QMessageBox::warning(
            this, tr("Unsaved changes"),
            tr("%1 has unsaved changes. Save them?").arg(m_document->displayName()),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        choice = answer == QMessageBox::Save ? 0 : (answer == QMessageBox::Discard ? 1 : 2);
    }
    if (choice == 0) {
        return save();
    }
    return choice == 1;
}

bool MainWindow::offerRecovery(const std::function<bool(const Recovery&)>& ask) {
    const auto recovery = RecoveryStore::findRecovery(m_recovery->folder());
    if (!recovery) {
        return false;
    }
    bool restore = false;
    if (ask) {
        restore = ask(*recovery);
    } else {
        const QString name =
            recovery->sitePath.isEmpty() ? recovery->displayName : recovery->sitePath;
        restore = QMessageBox::question(
                      this, tr("Restore unsaved edits?"),
                      tr("Headroom closed without saving edits to %1. Restore them?").arg(name),
                      QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
    }
    QFile::remove(recovery->recoveryFile);
    if (!restore) {
        return false;
    }
    if (recovery->sitePath.isEmpty()) {
        m_document->resetUntitled(recovery->document, recovery->displayName);
        m_document->restore(recovery->document, QString());
    } else {
        m_document->restore(recovery->document, recovery->sitePath);
    }
    m_recovery->writeNow(); // until saved, the restored edits stay recoverable
    statusBar()->showMessage(tr("Restored unsaved edits to %1").arg(m_document->displayName()));
    return true;
}

void MainWindow::addRecentFile(const QString& path) {
    QSettings settings;
    QStringList recent = settings.value(kRecentKey).toStringList();
    recent.removeAll(path);
    recent.prepend(path);
    while (recent.size() > kMaxRecentFiles) {
        recent.removeLast();
    }
    settings.setValue(kRecentKey, recent);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu() {
    if (!m_recentMenu) {
        return;
    }
    m_recentMenu->clear();
    const QStringList recent = QSettings().value(kRecentKey).toStringList();
    for (int i = 0; i < recent.size(); ++i) {
        const QString path = recent[i];
        QAction* action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
            [this, path] { openFile(path); });
        action->setToolTip(path);
    }
    m_recentMenu->setEnabled(!recent.isEmpty());
}

} // namespace headroom::ui
