#include "ui/views/assumptions_view.h"

#include <QHeaderView>

namespace headroom::ui {

AssumptionsView::AssumptionsView(QWidget* parent)
    : QTreeWidget(parent) {
    setObjectName("assumptions");
    setRootIsDecorated(false);
    setAlternatingRowColors(true);
    setHeaderLabels({tr("Field"), tr("Value"), tr("Origin"), tr("Source")});
    header()->setStretchLastSection(true);
    setToolTip(tr("\"default\": the site file does not give the field, so the run took the "
                  "default for its design; \"file\": the file gives it, with a source."));
    connect(this, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem* item) {
        emit pointerActivated(item->data(0, kPointerRole).toString());
    });
}

void AssumptionsView::setResult(const std::shared_ptr<const model::RunResult>& result) {
    clear();
    if (!result || !result->assumptions) {
        return;
    }
    for (const model::Assumption& a : *result->assumptions) {
        auto* item = new QTreeWidgetItem(
            this, {QString::fromStdString(a.pointer), QString::fromStdString(a.text),
                   QString::fromLatin1(model::assumptionOriginName(a.origin)),
                   QString::fromStdString(a.source)});
        item->setData(0, kPointerRole, QString::fromStdString(a.pointer));
        item->setToolTip(3, QString::fromStdString(a.source));
    }
    for (int column = 0; column < 3; ++column) {
        resizeColumnToContents(column);
    }
}

int AssumptionsView::defaultCount() const {
    int count = 0;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        count += topLevelItem(i)->text(2) == QLatin1String("default") ? 1 : 0;
    }
    return count;
}

} // namespace headroom::ui
