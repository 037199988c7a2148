#pragma once
// Keeps a recovery copy of unsaved edits (docs/ARCHITECTURE.md, "Errors and data safety"): a short
// while after each edit the document is written atomically to a file in the app's local
// data folder; a save or a clean quit removes it. A file still there at the next start
// means the app died with unsaved edits, and the start offers to restore them.

#include "ui/document/site_document.h"

#include <QObject>
#include <QString>
#include <QTimer>

#include <optional>

namespace headroom::ui {

/// One recovery file found at start: the document, and the site file it belongs to.
struct Recovery {
    QString recoveryFile;
    QString sitePath; ///< empty for an untitled document
    QString displayName;
    Json document;
};

class RecoveryStore : public QObject {
    Q_OBJECT

public:
    /// Watches document; folder defaults to <AppLocalDataLocation>/recovery.
    explicit RecoveryStore(SiteDocument* document, QString folder = QString(),
                           QObject* parent = nullptr);
    ~RecoveryStore() override;

    static QString defaultFolder();
    /// The newest readable recovery file in folder, if any.
    static std::optional<Recovery> findRecovery(const QString& folder = QString());

    void setDelay(int milliseconds) { m_timer.setInterval(milliseconds); }
    QString folder() const { return m_folder; }
    /// The file this document's edits are written to.
    QString recoveryFile() const;
    /// Writes now (used by the timer); returns false when the write failed.
    bool writeNow();
    /// Removes this document's recovery file (after a save, or on a clean quit).
    void discard();

signals:
    void written(const QString& path);

private:
    void documentChanged();

    SiteDocument* m_document;
    QString m_folder;
    QString m_lastFile;
    QTimer m_timer;
};

} // namespace headroom::ui
