#pragma once
// What the run assumed: every figure it took from a default (with its value and where
// the default comes from) and every figure the site file gives a source for. The same
// list as the JSON summary's "assumptions" and the PDF's table. Double-clicking a row
// goes to its field, where a default can be replaced by a figure of the planner's own.

#include "model/result/run_result.h"

#include <QTreeWidget>

#include <memory>

namespace headroom::ui {

class AssumptionsView : public QTreeWidget {
    Q_OBJECT

public:
    static constexpr int kPointerRole = Qt::UserRole + 1;

    explicit AssumptionsView(QWidget* parent = nullptr);

    /// Lists result's assumptions; a null result empties the view.
    void setResult(const std::shared_ptr<const model::RunResult>& result);
    /// Rows whose origin is "default".
    int defaultCount() const;

signals:
    /// The user asked to go to the field at pointer.
    void pointerActivated(const QString& pointer);
};

} // namespace headroom::ui
