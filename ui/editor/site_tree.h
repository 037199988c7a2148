#pragma once
// The site's sections as a tree (location and climate, grid, buildings and halls,
// electrical, cooling, IT deployment, fabric, workloads); each item names the JSON
// pointer of the object the property editor shows when it is selected.

#include "ui/document/site_document.h"

#include <QTreeWidget>

namespace headroom::ui {

class SiteTree : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr int kPointerRole = Qt::UserRole + 1;

    explicit SiteTree(SiteDocument* document, QWidget* parent = nullptr);

    /// Rebuilds from the document, keeping the selection where it still exists.
    void rebuild();
    /// Selects the deepest item whose pointer is a prefix of pointer.
    void selectPointer(const QString& pointer);
    QString selectedPointer() const;
    /// True when the value at pointer is shown as a tree item rather than a form field.
    static bool isSection(const Json& value);

signals:
    void pointerSelected(const QString& pointer);

private:
    void addChildren(QTreeWidgetItem* parent, const Json& value, const QString& pointer);

    SiteDocument* m_document;
};

/// "max_dew_point" -> "Max dew point".
QString labelForKey(const QString& key);
/// Escapes a key for a JSON pointer (RFC 6901: ~ -> ~0, / -> ~1).
QString escapePointerToken(const QString& key);

} // namespace headroom::ui
