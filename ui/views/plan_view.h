#pragma once
// The Plan view (issue 19): a site's plan over years (its /plan section, model/plan), as
// the horizon's totals, four charts drawn by the same builders as the plan's PDF (design-hour
// IT by generation, energy and PUE, water and the months that stop being water-free, carbon
// and CUE) and a table of the years. A site without a plan shows why the view is empty.

#include "model/result/plan_result.h"
#include "ui/charts/charts.h"

#include <QHash>
#include <QScrollArea>

#include <memory>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace headroom::ui {

class PlanView : public QScrollArea {
    Q_OBJECT

public:
    explicit PlanView(QWidget* parent = nullptr);

    /// The plan of the newest result; null when the site has none.
    void setPlan(std::shared_ptr<const model::PlanResult> plan);
    void setUnitSystem(UnitSystem system);

    /// The plot of a plan chart kind ("plan_capacity", ...), or null.
    QCustomPlot* plot(const QString& id) const { return m_plots.value(id); }
    /// One row per year: year, generations, IT, energy, PUE, water, carbon, CUE, the
    /// zero-water months and the months no longer water-free.
    QTableWidget* years() const { return m_years; }
    /// The horizon's totals, or why there is no plan.
    QString horizonText() const;

private:
    void rebuild();

    QHash<QString, QCustomPlot*> m_plots;
    QLabel* m_horizon;
    QWidget* m_charts;
    QTableWidget* m_years;
    std::shared_ptr<const model::PlanResult> m_plan;
    UnitSystem m_system = UnitSystem::SI;
};

} // namespace headroom::ui
