#pragma once
// Compare: two sites, or two variants of one, side by side. The baseline is pinned from
// the current result (a variant: pin, edit, compare) or run from another site file; the
// other side follows the current document live. Every KPI of the summary with its
// difference, and the monthly PUE, WUE and water of both overlaid.

#include "model/result/run_result.h"
#include "ui/charts/charts.h"

#include <QWidget>

#include <array>
#include <memory>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace headroom::ui {

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    void setBaseline(std::shared_ptr<const model::RunResult> result, const QString& name);
    void setCurrent(std::shared_ptr<const model::RunResult> result, const QString& name);
    bool hasBaseline() const { return static_cast<bool>(m_baseline); }
    /// SI or IP: water in m3 or gallons, WUE in L/kWh or gal/kWh (DisplayUnits).
    void setUnitSystem(UnitSystem system);

    QTableWidget* table() const { return m_table; }
    /// The baseline, current and difference of a summary KPI ("pue"), NaN when absent.
    std::array<double, 3> row(const QString& kpi) const;
    /// The same row as the table shows it, in the display units; with the row's name there.
    std::array<double, 3> shownRow(const QString& kpi) const;
    QCustomPlot* monthlyPlot() const { return m_pue; }
    QCustomPlot* monthlyWaterPlot() const { return m_water; }

signals:
    void pinRequested();
    void openBaselineRequested();

private:
    void refresh();

    std::shared_ptr<const model::RunResult> m_baseline;
    std::shared_ptr<const model::RunResult> m_current;
    QString m_baselineName;
    QString m_currentName;
    QLabel* m_title;
    QTableWidget* m_table;
    QCustomPlot* m_pue;
    QCustomPlot* m_water;
    UnitSystem m_system = UnitSystem::SI;
};

} // namespace headroom::ui
