#pragma once
// The Plan view (issue 19): a site's plan over years (its /plan section, model/plan), as
// the horizon's totals, four charts drawn by the same builders as the plan's PDF (design-hour
// IT by generation, energy and PUE, water and the months that stop being water-free, carbon
// and CUE) and a table of the years. A site without a plan shows why the view is empty.
// The plan's uncertainty is drawn on demand (it costs its draws times a plan): bands on the
// energy, water and carbon charts and a tornado chart.

#include "model/core/feedback.h"
#include "model/result/plan_result.h"
#include "ui/charts/charts.h"

#include <QHash>
#include <QScrollArea>

#include <memory>
#include <thread>

class QCustomPlot;
class QLabel;
class QProgressBar;
class QPushButton;
class QTableWidget;

namespace headroom::ui {

class PlanView : public QScrollArea {
    Q_OBJECT

public:
    explicit PlanView(QWidget* parent = nullptr);

    ~PlanView() override;

    /// The plan of the newest result and the site it ran; null when the site has none.
    /// A site that declares /plan/uncertainty offers to draw it (drawUncertainty).
    void setPlan(std::shared_ptr<const model::PlanResult> plan,
                 std::shared_ptr<const model::Site> site = nullptr);
    void setUnitSystem(UnitSystem system);

    /// The plot of a plan chart kind ("plan_capacity", ...), or null.
    QCustomPlot* plot(const QString& id) const { return m_plots.value(id); }
    /// One row per year: year, generations, IT, energy, PUE, water, carbon, CUE, the
    /// zero-water months and the months no longer water-free.
    QTableWidget* years() const { return m_years; }
    /// The plan shown (with its uncertainty once drawn).
    const std::shared_ptr<const model::PlanResult>& plan() const { return m_plan; }
    /// The horizon's totals, or why there is no plan.
    QString horizonText() const;
    /// Runs the site's declared draws in the background (the same runner as headroom-cli
    /// plan); the bands and the tornado appear when they finish. While they run, a progress
    /// bar shows the fraction of the plans done and a Cancel button stops them. A newer plan
    /// cancels them.
    void drawUncertainty();
    /// Stops the draws in flight and leaves the view as it was before they began.
    void cancelDrawing();
    /// The button that calls drawUncertainty: shown when the site declares draws and the
    /// plan has not run them yet.
    QPushButton* drawButton() const { return m_draw; }
    /// The draws' progress (0-1000: thousandths of the plans done), shown while they run.
    QProgressBar* drawProgress() const { return m_progress; }
    /// The button that calls cancelDrawing, shown while the draws run.
    QPushButton* cancelButton() const { return m_cancel; }

private:
    class DrawFeedback;
    void rebuild();
    void stopDrawing();
    void showDrawing(bool drawing);

    QHash<QString, QCustomPlot*> m_plots;
    QLabel* m_horizon;
    QWidget* m_charts;
    QTableWidget* m_years;
    QPushButton* m_draw;
    QProgressBar* m_progress;
    QPushButton* m_cancel;
    std::shared_ptr<const model::PlanResult> m_plan;
    std::shared_ptr<const model::Site> m_site;
    UnitSystem m_system = UnitSystem::SI;
    std::shared_ptr<model::Feedback> m_drawing; ///< of the draws in flight, to cancel them
    int m_generation = 0;                       ///< of the newest draws begun
    std::thread m_worker;
};

} // namespace headroom::ui
