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
#include "model/units/display_units.h"

#include <QString>
#include <QStringList>
#include <QWidget>

#include <optional>
#include <vector>

class QCheckBox;
class QComboBox;
class QCPGraph;
class QCustomPlot;
class QLabel;
class QLineEdit;
class QTableView;

namespace headroom::ui {

/// One column of the explorer: a swept parameter (its JSON pointer) or a numeric KPI of the
/// store's kpis table (its result-table row). Values are kept as stored and shown in the
/// display units (SI or IP, model::DisplayUnits): a KPI by its figure kind, a parameter
/// with a unit DisplayUnits converts (a temperature, a volume, an area) by that kind, any
/// other parameter in the unit its first value was written in.
struct BatchColumn {
    QString key;       ///< what a filter names: "/cooling/supply_air/max", "water_m3", "water_gal"
    QString label;     ///< "Site water"; a parameter's pointer
    QString unit;      ///< the unit shown: "m³", "°F", "MW"; empty for a ratio or a count
    int decimals = -1; ///< -1: as stored (a parameter), else the result table's precision
    model::KpiDirection direction = model::KpiDirection::Neutral;
    bool parameter = false;
    QString description;
    QString siKey; ///< the key in SI: the store's column name or the pointer
    /// How the display units convert the stored values; none: shown as stored.
    std::optional<model::FigureKind> kind;
    QString storedUnit; ///< the unit stored values are in, when no kind converts them
    int siDecimals = -1;
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
    /// Row-major: rows.size() x columns.size(); NaN where there is no number. In the units
    /// shown (each column's unit): what the table, the filter, the sort and the scatter use.
    std::vector<double> values;
    /// The same as stored: a KPI in its result-table SI unit, a parameter in the kind's SI
    /// unit (degC, m3, m2) or its stored unit, whichever unit its row was written in.
    std::vector<double> stored;

    double value(std::size_t row, std::size_t column) const {
        return values[row * columns.size() + column];
    }
    /// The column whose key is key, or -1.
    int column(const QString& key) const;
};

/// Shows table in units: each column's key, unit, decimals and values (the one home of
/// the conversions is model::DisplayUnits).
void showIn(BatchTable& table, const model::DisplayUnits& units);

/// Reads the newest run of a store, read-only; diagnostics say why when it cannot.
std::optional<BatchTable> readBatchStore(const QString& path, model::Diagnostics& diagnostics);

/// Indices of the points no other point beats on both axes, sorted by x. "Beats" means
/// lower, or higher where maximize says so; NaN points never belong.
std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool maximizeX, bool maximizeY);

/// Pixel-grid decimation of a scatter before it is drawn: of the points at pixel positions
/// (px, py) in a width x height plot rectangle, the first point (in index order) of each
/// cellPx-square cell, plus every point keep marks; points outside the rectangle are not
/// drawn. Returns indices in index order. A dropped point shares its cell with a drawn one,
/// so with cells smaller than the marker the picture is the same.
std::vector<std::size_t> thinToPixelGrid(const std::vector<double>& px,
                                         const std::vector<double>& py, double width, double height,
                                         double cellPx, const std::vector<char>& keep);

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
    /// SI or IP: every column, the filter (its numbers are read in the units shown; a KPI's
    /// key follows its unit, "water_m3" / "water_gal") and the scatter.
    void setUnitSystem(model::UnitSystem system);
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
    /// The scatter's graphs: every drawable scenario the filter keeps (thinned to the pixel
    /// grid when drawn), the Pareto front, and the selected scenario.
    QCPGraph* scenarioGraph() const { return m_pointsGraph; }
    QCPGraph* frontGraph() const { return m_frontGraph; }
    QCPGraph* selectedGraph() const { return m_selectedGraph; }
    QTableView* scenarioTable() const { return m_rows; }
    QLineEdit* filterEdit() const { return m_filter; }

signals:
    /// Open the base site with these parameters (JSON object: pointer -> value).
    void openScenario(const QString& baseSite, const QString& parameters);

private:
    void axisChanged();
    /// The column an axis or best-by box has chosen, or -1.
    int chosenColumn(const QComboBox* box) const;
    /// Names each column in the axis and best-by boxes as the table heads it.
    void nameColumnChoices();
    /// Filters the rows, shows them in the table and redraws the scatter once.
    void applyFilter();
    /// Sorts the rows the filter keeps into the table; the scatter does not change.
    void showRows();
    /// Recomputes the scatter's points, front and ranges from the rows shown, and redraws.
    void drawScatter();
    /// Moves the selected scenario's marker to the selected row (always: also when the
    /// row is the same, for new points); true when it moved.
    bool placeMarker(bool always = false);
    /// Before each draw (after the layout): thins the scenario points to the pixel grid of
    /// the axes as they are now, so zooming or panning never hides a point that would show.
    void thinPoints();

    BatchTable m_table;
    model::DisplayUnits m_units;
    std::vector<std::size_t> m_filtered; ///< the rows the filter keeps, in table order
    std::vector<std::size_t> m_front;
    // The scatter's drawable points (finite, positive on a log axis), all of them: thinning
    // picks from these for each draw, and keep marks the front and the selected row.
    std::vector<std::size_t> m_pointRows;
    std::vector<double> m_pointX;
    std::vector<double> m_pointY;
    std::vector<std::size_t> m_frontPoints; ///< indices into the points
    std::vector<char> m_keepPoint;
    int m_markedRow = -1;      ///< the row the selected marker shows; -1: none
    bool m_holdMarker = false; ///< while the table is refilled, the marker waits
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
    QCPGraph* m_pointsGraph;
    QCPGraph* m_frontGraph;
    QCPGraph* m_selectedGraph;
};

} // namespace headroom::ui
