#pragma once
// Compute: the chip and platform the site deploys (catalog entry with overrides), the
// rack and fabric bill of materials, and what the chips deliver: each training run's
// layout and step time (compute / exposed communication / bubble) and implied MFU, its
// costs started in January and July, the fabric trade-off at 1:1, 2:1 and 4:1, and each
// inference service's replica, batch and per-token costs (model/perf).

#include "model/result/run_result.h"
#include "model/site/site.h"
#include "ui/charts/charts.h"

#include <QWidget>

#include <memory>

class QTableWidget;
class QLabel;

namespace headroom::ui {

class ComputeView : public QWidget {
    Q_OBJECT

public:
    explicit ComputeView(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const model::RunResult> result,
                   std::shared_ptr<const model::Site> site);
    /// SI or IP: water in m3/L or US gallons, cooling duty in MWth or tons (DisplayUnits).
    void setUnitSystem(UnitSystem system);

    QTableWidget* sizing() const { return m_sizing; }
    QTableWidget* billOfMaterials() const { return m_bom; }
    QTableWidget* training() const { return m_training; }
    QTableWidget* inference() const { return m_inference; }
    QTableWidget* steps() const { return m_steps; }
    QTableWidget* seasons() const { return m_seasons; }
    QTableWidget* fabricTradeOff() const { return m_fabric; }
    /// What the training and inference boxes say when the site has none, and how to add one.
    QLabel* noTrainingMessage() const { return m_noTraining; }
    QLabel* noInferenceMessage() const { return m_noInference; }

private:
    void refresh();
    void setHeaders();

    std::shared_ptr<const model::RunResult> m_result;
    std::shared_ptr<const model::Site> m_site;
    UnitSystem m_system = UnitSystem::SI;
    QLabel* m_catalog;
    QTableWidget* m_sizing;
    QTableWidget* m_bom;
    QTableWidget* m_training;
    QTableWidget* m_inference;
    QTableWidget* m_steps;
    QTableWidget* m_seasons;
    QTableWidget* m_fabric;
    QLabel* m_noTraining;
    QLabel* m_noInference;
};

} // namespace headroom::ui
