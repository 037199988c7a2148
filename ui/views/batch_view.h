#pragma once
// The batch explorer: a result store written by `headroom-cli batch` (SQLite), its
// scenarios as a table, and a scatter of any two KPIs with the Pareto front. Picking a
// point selects its scenario; opening it loads the base site with the scenario's
// parameters applied as unsaved edits.

#include "model/core/diagnostic.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QTableWidget;

namespace headroom::ui {

/// The scenarios of one run of a store, with every numeric KPI column.
struct BatchTable {
    QString storePath;
    QString baseSite;     ///< the sweep's base site, as stored
    QStringList kpiNames; ///< numeric kpis columns, in table order
    struct Row {
        qint64 index = 0;
        QString parameters;       ///< canonical JSON object: pointer -> value
        QString status;           ///< "ok" or "failed"
        std::vector<double> kpis; ///< NaN where the store has none
    };
    std::vector<Row> rows;
};

/// Reads the newest run of a store, read-only; diagnostics say why when it cannot.
std::optional<BatchTable> readBatchStore(const QString& path, model::Diagnostics& diagnostics);

/// Indices of the points no other point beats on both axes, sorted by x. "Beats" means
/// lower, or higher where maximize says so; NaN points never belong.
std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool maximizeX, bool maximizeY);

class BatchView : public QWidget {
    Q_OBJECT

public:
    explicit BatchView(QWidget* parent = nullptr);

    bool openStore(const QString& path, model::Diagnostics& diagnostics);
    const BatchTable& table() const { return m_table; }
    void setAxes(const QString& xKpi, const QString& yKpi);
    /// The rows on the current Pareto front, sorted by x.
    std::vector<std::size_t> front() const { return m_front; }
    /// Selects a scenario row (as a click on its point does).
    void selectRow(std::size_t row);
    int selectedRow() const;
    /// The row whose point is nearest a pixel of the scatter, if any is within reach.
    std::optional<std::size_t> rowAtPixel(const QPointF& pixel) const;
    QCustomPlot* scatter() const { return m_plot; }
    QTableWidget* scenarioTable() const { return m_rows; }

signals:
    /// Open the base site with these parameters (JSON object: pointer -> value).
    void openScenario(const QString& baseSite, const QString& parameters);

private:
    void fillTable();
    void replot();

    BatchTable m_table;
    std::vector<std::size_t> m_front;
    QLabel* m_title;
    QComboBox* m_x;
    QComboBox* m_y;
    QCheckBox* m_maximizeX;
    QCheckBox* m_maximizeY;
    QTableWidget* m_rows;
    QCustomPlot* m_plot;
};

} // namespace headroom::ui
