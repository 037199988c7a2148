#pragma once
// Every error and warning with its location: from opening the file, from reading the
// site, from the run, and the entries the property editor holds as invalid.
// Double-clicking one goes to its field.

#include "model/core/diagnostic.h"

#include <QMap>
#include <QTreeWidget>

namespace headroom::ui {

class DiagnosticsView : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr int kPointerRole = Qt::UserRole + 1;

    explicit DiagnosticsView(QWidget* parent = nullptr);

    /// Replaces the diagnostics of one source ("open", "site", "run", "editor").
    void setDiagnostics(const QString& source, const model::Diagnostics& diagnostics);
    int errorCount() const;
    int warningCount() const;
    /// Every row as "file:line:col: severity: pointer: message".
    QStringList lines() const;

signals:
    /// The user asked to go to the field at pointer.
    void pointerActivated(const QString& pointer);
    void countsChanged(int errors, int warnings);

private:
    void rebuild();

    QMap<QString, model::Diagnostics> m_sources;
};

} // namespace headroom::ui
