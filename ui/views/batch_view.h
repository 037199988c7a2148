#pragma once
// The batch explorer: a result store written by `headroom-cli batch` (SQLite) as a table
// with a column per swept parameter (with its unit) and per KPI (named, unit and precision
// from the result table), sorted by any column, filtered by an expression
// ("pue < 1.2 and water_m3 < 20000", model/batch/row_filter.h), the best scenario by a KPI
// under the filter in one action, and a scatter of any two KPIs with the Pareto front by
// each one's direction (log axes, zoom and pan, the legend outside the data). Picking a
// point selects its scenario; opening it loads the base site with the scenario's
// parameters applied as unsaved edits.

#include "model/batch/row_filter.h"
#include "model/core/diagnostic.h"
#include "model/report/json_summary.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableView;

namespace headroom::ui {

/// One column of the explorer: a swept parameter (its JSON pointer, the unit its values are
/// written in) or a numeric KPI of the store's kpis table (its result-table row).
struct BatchColumn {
    QString key;       ///< "/cooling/supply_air/max", "water_m3": what a filter names
    QString label;     ///< "Site water"; a parameter's pointer
    QString unit;      ///< "m³", "degC"; empty for a ratio or a count
    int decimals = -1; ///< -1: as stored (a parameter), else the result table's precision
    model::KpiDirection direction = model::KpiDirection::Neutral;
    bool parameter = false;
    QString description;
};

/// The scenarios of the newest run of a store: parameters first, then every numeric KPI.
struct BatchTable {
    QString storePath;
    QString baseSite; ///< the sweep's base site, as stored
    std::vector<BatchColumn> columns;
    struct Row {
        qint64 index = 0;
        QString parameters;        ///< canonical JSON object: pointer -> value
        QString status;            ///< "ok" or "failed"
        QStringList parameterText; ///< each parameter as written, in column order
    };
    std::vector<Row> rows;
    /// Row-major: rows.size() x columns.size(); NaN where there is no number.
    std::vector<double> values;

    double value(std::size_t row, std::size_t column) const {
        return values[row * columns.size() + column];
    }
    /// The column whose key is key, or -1.
    int column(const QString& key) const;
};

/// Reads the newest run of a store, read-only; diagnostics say why when it cannot.
std::optional<BatchTable> readBatchStore(const QString& path, model::Diagnostics& diagnostics);

/// Indices of the points no other point beats on both axes, sorted by x. "Beats" means
/// lower, or higher where maximize says so; NaN points never belong.
std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool maximizeX, bool maximizeY);

/// The rows of table the filter keeps, in table order.
std::vector<std::size_t> filterRows(const BatchTable& table, const model::RowFilter& filter);
/// rows sorted by column (ascending or not); NaN last either way; ties keep their order.
void sortRows(const BatchTable& table, std::vector<std::size_t>& rows, std::size_t column,
              bool ascending);

class BatchModel;

class BatchView : public QWidget {
    Q_OBJECT

public:
    explicit BatchView(QWidget* parent = nullptr);
    ~BatchView() override;

    bool openStore(const QString& path, model::Diagnostics& diagnostics);
    const BatchTable& table() const { return m_table; }
    void setAxes(const QString& xKpi, const QString& yKpi);
    /// The rows on the current Pareto front (of the rows the filter keeps), sorted by x.
    std::vector<std::size_t> front() const { return m_front; }
    /// Applies a filter expression; false (and its located error shown) when it does not
    /// parse, and the previous filter stays.
    bool setFilter(const QString& expression);
    QString filterError() const;
    /// The table rows shown, in the order shown.
    const std::vector<std::size_t>& visibleRows() const;
    /// Sorts the table by a column key.
    void sortBy(const QString& key, bool ascending);
    /// Selects the best row the filter keeps by the KPI's direction; nothing when the KPI
    /// has none or no row has a value.
    std::optional<std::size_t> selectBest(const QString& key);
    /// Selects a scenario row (as a click on its point does).
    void selectRow(std::size_t row);
    int selectedRow() const;
    /// The row whose point is nearest a pixel of the scatter, if any is within reach.
    std::optional<std::size_t> rowAtPixel(const QPointF& pixel) const;
    QCustomPlot* scatter() const { return m_plot; }
    QTableView* scenarioTable() const { return m_rows; }
    QLineEdit* filterEdit() const { return m_filter; }

signals:
    /// Open the base site with these parameters (JSON object: pointer -> value).
    void openScenario(const QString& baseSite, const QString& parameters);

private:
    void axisChanged();
    /// Filters, then sorts, the rows into the table and the scatter.
    void applyRows();
    void replot();

    BatchTable m_table;
    std::vector<std::size_t> m_front;
    model::RowFilter m_rowFilter;
    QString m_filterError;
    int m_sortedColumn = -1; ///< a view column; -1: table order
    bool m_sortAscending = true;
    BatchModel* m_model;
    QLabel* m_title;
    QLineEdit* m_filter;
    QLabel* m_filterMessage;
    QComboBox* m_best;
    QComboBox* m_x;
    QComboBox* m_y;
    QCheckBox* m_maximizeX;
    QCheckBox* m_maximizeY;
    QCheckBox* m_logX;
    QCheckBox* m_logY;
    QTableView* m_rows;
    QCustomPlot* m_plot;
};

} // namespace headroom::ui
