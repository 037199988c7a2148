#pragma once
// Compare: any number of sites, or variants of one, side by side. The baseline is pinned
// from the current result or run from another site file; variants are added the same ways
// (a pinned result, another site's run); the last column follows the current document
// live. Every figure of the result table, each variant's value with its change from the
// baseline coloured by the row's direction (better, worse), and the monthly PUE and water
// of every column overlaid.

#include "model/report/json_summary.h"
#include "model/result/run_result.h"
#include "ui/charts/charts.h"

#include <QWidget>

#include <array>
#include <memory>
#include <vector>

class QCustomPlot;
class QLabel;
class QTableWidget;

namespace headroom::ui {

class CompareView : public QWidget {
    Q_OBJECT

public:
    explicit CompareView(QWidget* parent = nullptr);

    void setBaseline(std::shared_ptr<const model::RunResult> result, const QString& name);
    /// Adds a column between the baseline and the current result; any number of them.
    void addVariant(std::shared_ptr<const model::RunResult> result, const QString& name);
    void clearVariants();
    void setCurrent(std::shared_ptr<const model::RunResult> result, const QString& name);
    bool hasBaseline() const { return static_cast<bool>(m_baseline.result); }
    int variantCount() const { return static_cast<int>(m_variants.size()); }
    /// SI or IP: water in m3 or gallons, WUE in L/kWh or gal/kWh (DisplayUnits).
    void setUnitSystem(UnitSystem system);

    QTableWidget* table() const { return m_table; }
    /// The baseline, current and difference of a summary KPI ("pue"), NaN when absent.
    std::array<double, 3> row(const QString& kpi) const;
    /// The same row as the table shows it, in the display units; with the row's name there.
    std::array<double, 3> shownRow(const QString& kpi) const;
    /// How a compared column (0..variantCount()-1 the variants, variantCount() the current
    /// result) differs from the baseline in kpi: the colour its cells show.
    model::KpiChange change(const QString& kpi, int column) const;
    QCustomPlot* monthlyPlot() const { return m_pue; }
    QCustomPlot* monthlyWaterPlot() const { return m_water; }

signals:
    void pinRequested();
    void openBaselineRequested();
    void pinVariantRequested();
    void addVariantFileRequested();

private:
    struct Column {
        std::shared_ptr<const model::RunResult> result;
        QString name;
    };
    /// The variants, then the current result: every column compared with the baseline.
    std::vector<const Column*> compared() const;
    void refresh();

    Column m_baseline;
    std::vector<Column> m_variants;
    Column m_current;
    QLabel* m_title;
    QTableWidget* m_table;
    QCustomPlot* m_pue;
    QCustomPlot* m_water;
    UnitSystem m_system = UnitSystem::SI;
};

} // namespace headroom::ui
