#include "ui/views/diagnostics_view.h"

#include <QFileInfo>
#include <QHeaderView>
#include <QStyle>

namespace headroom::ui {

DiagnosticsView::DiagnosticsView(QWidget* parent)
    : QTreeWidget(parent) {
    setObjectName("diagnostics");
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setHeaderLabels({tr("Severity"), tr("Location"), tr("Field"), tr("Message")});
    header()->setStretchLastSection(true);
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        const QString pointer = item->data(0, kPointerRole).toString();
        if (!pointer.isEmpty()) {
            emit pointerActivated(pointer);
        }
    });
}

void DiagnosticsView::setDiagnostics(const QString& source, const model::Diagnostics& diagnostics) {
    if (diagnostics.empty()) {
        m_sources.remove(source);
    } else {
        m_sources.insert(source, diagnostics);
    }
    rebuild();
}

void DiagnosticsView::rebuild() {
    clear();
    for (auto it = m_sources.cbegin(); it != m_sources.cend(); ++it) {
        for (const model::Diagnostic& d : it.value().items()) {
            QString location = QFileInfo(QString::fromStdString(d.file)).fileName();
            if (d.line > 0) {
                location += QStringLiteral(":%1:%2").arg(d.line).arg(std::max(d.column, 1));
            }
            auto* item = new QTreeWidgetItem(
                this, {QString::fromLatin1(model::severityName(d.severity)), location,
                       QString::fromStdString(d.pointer), QString::fromStdString(d.message)});
            const auto icon =
                d.severity == model::Severity::Error
                    ? QStyle::SP_MessageBoxCritical
                    : (d.severity == model::Severity::Warning ? QStyle::SP_MessageBoxWarning
                                                              : QStyle::SP_MessageBoxInformation);
            item->setIcon(0, style()->standardIcon(icon));
            item->setData(0, kPointerRole, QString::fromStdString(d.pointer));
            item->setToolTip(3, QString::fromStdString(model::formatDiagnostic(d)));
        }
    }
    for (int column = 0; column < 3; ++column) {
        resizeColumnToContents(column);
    }
    emit countsChanged(errorCount(), warningCount());
}

int DiagnosticsView::errorCount() const {
    int count = 0;
    for (const auto& diagnostics : m_sources) {
        count += diagnostics.count(model::Severity::Error);
    }
    return count;
}

int DiagnosticsView::warningCount() const {
    int count = 0;
    for (const auto& diagnostics : m_sources) {
        count += diagnostics.count(model::Severity::Warning);
    }
    return count;
}

QStringList DiagnosticsView::lines() const {
    QStringList result;
    for (const auto& diagnostics : m_sources) {
        for (const model::Diagnostic& d : diagnostics.items()) {
            result << QString::fromStdString(model::formatDiagnostic(d));
        }
    }
    return result;
}

} // namespace headroom::ui
