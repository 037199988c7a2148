#include "ui/views/batch_view.h"

#include "model/units/quantity_parser.h"
#include "ui/charts/charts.h"

#include <QAbstractTableModel>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <nlohmann/json.hpp>
#include <qcustomplot.h>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

namespace headroom::ui {

namespace {

// A click this close (in pixels) to a point picks it.
constexpr double kPickRadiusPx = 12.0;
// The scatter is thinned to one point per cell of this many pixels before it is drawn:
// smaller than the 5 px marker, so a dropped point hides under a drawn one.
constexpr double kThinCellPx = 1.0;
// The table's leading columns before the parameters and KPIs.
constexpr int kFixedColumns = 2; // scenario index, status

QString shownNumber(double value, int decimals) {
    if (!std::isfinite(value)) {
        return {};
    }
    if (decimals >= 0) {
        return localNumber(value, decimals);
    }
    return QLocale().toString(value, 'g', 10);
}

} // namespace

/// The table as Qt views read it: only the rows shown are formatted, when painted, so
/// 100,000 scenarios cost nothing until they scroll into view.
class BatchModel : public QAbstractTableModel {
public:
    explicit BatchModel(QObject* parent)
        : QAbstractTableModel(parent) {}

    void reset(const BatchTable* table, std::vector<std::size_t> rows) {
        beginResetModel();
        m_table = table;
        m_rows = std::move(rows);
        endResetModel();
    }
    void setRows(std::vector<std::size_t> rows) {
        beginResetModel();
        m_rows = std::move(rows);
        endResetModel();
    }
    const std::vector<std::size_t>& rows() const { return m_rows; }
    /// The same rows with new headers and numbers (the units changed).
    void refresh() {
        const int columns = columnCount();
        if (columns == 0) {
            return;
        }
        emit headerDataChanged(Qt::Horizontal, 0, columns - 1);
        if (!m_rows.empty()) {
            emit dataChanged(index(0, 0), index(rowCount() - 1, columns - 1));
        }
    }

    int rowCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
    }
    int columnCount(const QModelIndex& parent = {}) const override {
        return parent.isValid() || !m_table
                   ? 0
                   : kFixedColumns + static_cast<int>(m_table->columns.size());
    }
    QVariant data(const QModelIndex& index, int role) const override {
        if (!m_table || !index.isValid()) {
            return {};
        }
        const std::size_t r = m_rows[static_cast<std::size_t>(index.row())];
        const BatchTable::Row& row = m_table->rows[r];
        const int c = index.column() - kFixedColumns;
        if (role == Qt::TextAlignmentRole) {
            return static_cast<int>(c >= 0 ? Qt::AlignRight | Qt::AlignVCenter
                                           : Qt::AlignLeft | Qt::AlignVCenter);
        }
        if (role != Qt::DisplayRole) {
            return {};
        }
        if (c < 0) {
            return index.column() == 0 ? QVariant(row.index) : QVariant(row.status);
        }
        const BatchColumn& column = m_table->columns[static_cast<std::size_t>(c)];
        const double value = m_table->value(r, static_cast<std::size_t>(c));
        if (column.parameter && !std::isfinite(value)) {
            return row.parameterText.value(c); // a value with no number: a file name
        }
        return shownNumber(value, column.decimals);
    }
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override {
        if (orientation != Qt::Horizontal || !m_table) {
            return {};
        }
        if (section < kFixedColumns) {
            if (role == Qt::DisplayRole) {
                return section == 0 ? tr("#") : tr("Status");
            }
            return {};
        }
        const BatchColumn& column =
            m_table->columns[static_cast<std::size_t>(section - kFixedColumns)];
        if (role == Qt::DisplayRole) {
            return column.unit.isEmpty() ? column.label
                                         : QStringLiteral("%1 (%2)").arg(column.label, column.unit);
        }
        if (role == Qt::ToolTipRole) {
            return QStringLiteral("%1 \u2014 %2").arg(column.key, column.description);
        }
        return {};
    }

private:
    const BatchTable* m_table = nullptr;
    std::vector<std::size_t> m_rows;
};

BatchView::BatchView(QWidget* parent)
    : QWidget(parent)
    , m_model(new BatchModel(this))
    , m_title(new QLabel(tr("No result store open: File > Open Result Store… opens one "
                            "written by headroom-cli batch.")))
    , m_filter(new QLineEdit)
    , m_filterMessage(new QLabel)
    , m_best(new QComboBox)
    , m_x(new QComboBox)
    , m_y(new QComboBox)
    , m_maximizeX(new QCheckBox(tr("higher is better")))
    , m_maximizeY(new QCheckBox(tr("higher is better")))
    , m_logX(new QCheckBox(tr("log")))
    , m_logY(new QCheckBox(tr("log")))
    , m_rows(new QTableView)
    , m_plot(new QCustomPlot)
    , m_pointsGraph(m_plot->addGraph())
    , m_frontGraph(m_plot->addGraph())
    , m_selectedGraph(m_plot->addGraph()) {
    setObjectName("batch");
    m_rows->setObjectName("scenarios");
    m_rows->setModel(m_model);
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rows->verticalHeader()->setVisible(false);
    m_rows->setAlternatingRowColors(true);
    m_rows->horizontalHeader()->setSectionsClickable(true);
    m_rows->horizontalHeader()->setSortIndicatorShown(true);
    m_filter->setObjectName("batchFilter");
    m_filter->setPlaceholderText(tr("Filter: pue < 1.2 and water_m3 < 20000"));
    m_filter->setClearButtonEnabled(true);
    m_filterMessage->setObjectName("batchFilterMessage");
    m_filterMessage->setWordWrap(true);
    m_plot->setObjectName("batchScatter");
    // Zoom with the wheel, pan by dragging; the legend sits below the axes, never on data.
    m_plot->setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    auto* legendRow = new QCPLayoutGrid;
    m_plot->plotLayout()->addElement(1, 0, legendRow);
    legendRow->addElement(0, 0, m_plot->legend);
    m_plot->legend->setFillOrder(QCPLegend::foColumnsFirst);
    m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
    m_pointsGraph->setName(tr("Scenarios"));
    m_pointsGraph->setLineStyle(QCPGraph::lsNone);
    m_pointsGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x1f, 0x4e, 0x79), 5));
    // The points are already thinned to the pixel grid; QCustomPlot's own sampling would
    // look at keys only.
    m_pointsGraph->setAdaptiveSampling(false);
    m_frontGraph->setName(tr("Pareto front"));
    m_frontGraph->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 2));
    m_frontGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xc0, 0x39, 0x2b), 9));
    m_selectedGraph->setName(tr("Selected"));
    m_selectedGraph->setLineStyle(QCPGraph::lsNone);
    m_selectedGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssStar, QColor(0xe6, 0x7e, 0x22), 16));
    m_selectedGraph->removeFromLegend();
    connect(m_plot, &QCustomPlot::afterLayout, this, &BatchView::thinPoints);

    auto* axes = new QFormLayout;
    const auto axisRow = [](QComboBox* box, QCheckBox* maximize, QCheckBox* log) {
        auto* row = new QHBoxLayout;
        row->addWidget(box, 1);
        row->addWidget(maximize);
        row->addWidget(log);
        return row;
    };
    axes->addRow(tr("X"), axisRow(m_x, m_maximizeX, m_logX));
    axes->addRow(tr("Y"), axisRow(m_y, m_maximizeY, m_logY));
    auto* open = new QPushButton(tr("Open Scenario"));
    auto* best = new QPushButton(tr("Select Best"));
    best->setObjectName("batchBest");
    best->setToolTip(tr("The scenario the filter keeps with the best value of this KPI, by "
                        "its direction in the result table"));
    auto* tools = new QHBoxLayout;
    tools->addWidget(m_filter, 2);
    tools->addWidget(new QLabel(tr("Best by")));
    tools->addWidget(m_best, 1);
    tools->addWidget(best);
    auto* left = new QWidget;
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addLayout(tools);
    leftLayout->addWidget(m_filterMessage);
    leftLayout->addWidget(m_rows, 1);
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addLayout(axes);
    rightLayout->addWidget(m_plot, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(m_title, 1);
    top->addWidget(open);
    layout->addLayout(top);
    layout->addWidget(split, 1);

    for (QComboBox* box : {m_x, m_y}) {
        connect(box, &QComboBox::currentIndexChanged, this, &BatchView::axisChanged);
    }
    for (QCheckBox* box : {m_maximizeX, m_maximizeY, m_logX, m_logY}) {
        connect(box, &QCheckBox::toggled, this, &BatchView::drawScatter);
    }
    connect(m_filter, &QLineEdit::textChanged, this, &BatchView::setFilter);
    connect(best, &QPushButton::clicked, this, [this] {
        if (const int c = chosenColumn(m_best); c >= 0) {
            selectBest(m_table.columns[static_cast<std::size_t>(c)].key);
        }
    });
    // A click on a column's header sorts by it; a second click reverses the order.
    connect(m_rows->horizontalHeader(), &QHeaderView::sortIndicatorChanged, this,
            [this](int section, Qt::SortOrder order) {
                if (section >= kFixedColumns) {
                    sortBy(m_table.columns[static_cast<std::size_t>(section - kFixedColumns)].key,
                           order == Qt::AscendingOrder);
                }
            });
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (const auto row = rowAtPixel(event->position())) {
            selectRow(*row);
        }
    });
    // A new selection moves only its marker; while the table is refilled the marker waits
    // for the scatter's one redraw.
    connect(m_rows->selectionModel(), &QItemSelectionModel::selectionChanged, this, [this] {
        if (!m_holdMarker && placeMarker()) {
            m_plot->replot();
        }
    });
    auto openSelected = [this] {
        const int row = selectedRow();
        if (row >= 0) {
            emit openScenario(m_table.baseSite,
                              m_table.rows[static_cast<std::size_t>(row)].parameters);
        }
    };
    connect(open, &QPushButton::clicked, this, openSelected);
    connect(m_rows, &QTableView::doubleClicked, this, openSelected);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this, openSelected](QMouseEvent* e) {
        if (const auto row = rowAtPixel(e->position())) {
            selectRow(*row);
            openSelected();
        }
    });
}

BatchView::~BatchView() {
    // The model is a child, destroyed after m_table; the table view may still ask it for
    // headers while it hides, so it lets go of the table first.
    m_model->reset(nullptr, {});
}

bool BatchView::openStore(const QString& path, model::Diagnostics& diagnostics) {
    auto table = readBatchStore(path, diagnostics);
    if (!table) {
        return false;
    }
    m_table = std::move(*table);
    // A relative base site is relative to where the batch ran; try beside the store too.
    if (QFileInfo(m_table.baseSite).isRelative() && !QFileInfo::exists(m_table.baseSite)) {
        const QString beside = QFileInfo(m_table.storePath).dir().filePath(m_table.baseSite);
        if (QFileInfo::exists(beside)) {
            m_table.baseSite = beside;
        }
    }
    m_title->setText(tr("%1: %n scenario(s) of %2", "", static_cast<int>(m_table.rows.size()))
                         .arg(QFileInfo(path).fileName(), QFileInfo(m_table.baseSite).fileName()));
    showIn(m_table, m_units);
    m_sortedColumn = -1;
    m_model->reset(&m_table, {});
    {
        const QSignalBlocker bx(m_x);
        const QSignalBlocker by(m_y);
        const QSignalBlocker filter(m_filter);
        m_x->clear();
        m_y->clear();
        m_best->clear();
        m_filter->clear();
        m_rowFilter = model::RowFilter();
        m_filtered.clear();
        // The boxes hold column indices: a KPI's key changes with the units, its column not.
        for (std::size_t c = 0; c < m_table.columns.size(); ++c) {
            const auto column = static_cast<int>(c);
            m_x->addItem(QString(), column);
            m_y->addItem(QString(), column);
            if (m_table.columns[c].direction != model::KpiDirection::Neutral) {
                m_best->addItem(QString(), column);
            }
        }
        nameColumnChoices();
        // PUE against WUE is the trade-off a planner looks at first.
        m_x->setCurrentIndex(std::max(0, m_x->findData(m_table.column(QStringLiteral("pue")))));
        const auto shownKey = [this](const char* siKey) {
            return m_table.column(QString::fromStdString(m_units.namedUnit(siKey)));
        };
        m_y->setCurrentIndex(std::max(0, m_y->findData(shownKey("wue_site_l_per_kwh"))));
        m_best->setCurrentIndex(std::max(0, m_best->findData(shownKey("water_m3"))));
    }
    m_filtered = filterRows(m_table, m_rowFilter);
    showRows();
    m_rows->resizeColumnsToContents();
    axisChanged();
    return true;
}

void BatchView::setUnitSystem(model::UnitSystem system) {
    m_units = model::DisplayUnits(system);
    if (m_table.columns.empty()) {
        return;
    }
    showIn(m_table, m_units);
    {
        const QSignalBlocker bx(m_x);
        const QSignalBlocker by(m_y);
        nameColumnChoices();
    }
    m_model->refresh(); // new headers and numbers; the rows and the selection stay
    m_rows->resizeColumnsToContents();
    // The filter's numbers are read in the units now shown; one that names a column the
    // table no longer has ("water_m3" in IP) filters nothing and says where.
    if (!setFilter(m_filter->text())) {
        const QString message = m_filterMessage->text();
        m_rowFilter = model::RowFilter();
        applyFilter();
        m_filterMessage->setText(message);
    }
}

void BatchView::nameColumnChoices() {
    for (QComboBox* box : {m_x, m_y, m_best}) {
        for (int i = 0; i < box->count(); ++i) {
            const BatchColumn& column =
                m_table.columns[static_cast<std::size_t>(box->itemData(i).toInt())];
            box->setItemText(i, column.unit.isEmpty()
                                    ? column.label
                                    : QStringLiteral("%1 (%2)").arg(column.label, column.unit));
        }
    }
}

int BatchView::chosenColumn(const QComboBox* box) const {
    const QVariant chosen = box->currentData();
    return chosen.isValid() ? chosen.toInt() : -1;
}

void BatchView::setAxes(const QString& xKpi, const QString& yKpi) {
    const QSignalBlocker bx(m_x);
    const QSignalBlocker by(m_y);
    m_x->setCurrentIndex(m_x->findData(m_table.column(xKpi)));
    m_y->setCurrentIndex(m_y->findData(m_table.column(yKpi)));
    axisChanged();
}

void BatchView::axisChanged() {
    // Each axis takes its KPI's direction from the result table; the box can override it.
    const auto direction = [this](const QComboBox* box) {
        const int c = chosenColumn(box);
        return c < 0 ? model::KpiDirection::Neutral
                     : m_table.columns[static_cast<std::size_t>(c)].direction;
    };
    const QSignalBlocker bx(m_maximizeX);
    const QSignalBlocker by(m_maximizeY);
    m_maximizeX->setChecked(direction(m_x) == model::KpiDirection::HigherIsBetter);
    m_maximizeY->setChecked(direction(m_y) == model::KpiDirection::HigherIsBetter);
    drawScatter();
}

bool BatchView::setFilter(const QString& expression) {
    std::vector<std::string> keys;
    for (const BatchColumn& column : m_table.columns) {
        keys.push_back(column.key.toStdString());
    }
    auto parsed = model::RowFilter::parse(expression.toStdString(), keys);
    if (const auto* error = std::get_if<model::FilterError>(&parsed)) {
        m_filterError = tr("%1: %2").arg(error->column).arg(QString::fromStdString(error->message));
        m_filterMessage->setText(tr("<span style='color:#a02010'>Filter, column %1</span>")
                                     .arg(m_filterError.toHtmlEscaped()));
        return false;
    }
    m_filterError.clear();
    m_rowFilter = std::get<model::RowFilter>(std::move(parsed));
    applyFilter();
    return true;
}

QString BatchView::filterError() const {
    return m_filterError;
}

const std::vector<std::size_t>& BatchView::visibleRows() const {
    return m_model->rows();
}

void BatchView::applyFilter() {
    m_filtered = filterRows(m_table, m_rowFilter);
    showRows();
    drawScatter();
}

void BatchView::showRows() {
    const int selected = selectedRow();
    std::vector<std::size_t> rows = m_filtered;
    if (m_sortedColumn >= 0) {
        sortRows(m_table, rows, static_cast<std::size_t>(m_sortedColumn - kFixedColumns),
                 m_sortAscending);
    }
    m_filterMessage->setText(
        m_rowFilter.empty() ? tr("Filter by the names the column tooltips give, as in "
                                 "\"pue < 1.2 and water_m3 < 20000\" (and, or, not, parentheses).")
                            : tr("%1 of %n scenario(s) match the filter.", "",
                                 static_cast<int>(m_table.rows.size()))
                                  .arg(rows.size()));
    // The selection is put back on the same row; the marker stays where it is (a sort) or
    // moves with the scatter's redraw (a filter).
    const QScopedValueRollback hold(m_holdMarker, true);
    m_model->setRows(std::move(rows));
    if (selected >= 0) {
        selectRow(static_cast<std::size_t>(selected));
    }
}

void BatchView::sortBy(const QString& key, bool ascending) {
    const int c = m_table.column(key);
    if (c < 0) {
        return;
    }
    m_sortedColumn = c + kFixedColumns;
    m_sortAscending = ascending;
    {
        const QSignalBlocker blocker(m_rows->horizontalHeader());
        m_rows->horizontalHeader()->setSortIndicator(
            m_sortedColumn, ascending ? Qt::AscendingOrder : Qt::DescendingOrder);
    }
    showRows(); // the order of the rows is not drawn: the scatter stays as it is
}

std::optional<std::size_t> BatchView::selectBest(const QString& key) {
    const int c = m_table.column(key);
    if (c < 0) {
        return std::nullopt;
    }
    const BatchColumn& column = m_table.columns[static_cast<std::size_t>(c)];
    if (column.direction == model::KpiDirection::Neutral) {
        return std::nullopt;
    }
    const double sign = column.direction == model::KpiDirection::HigherIsBetter ? -1.0 : 1.0;
    std::optional<std::size_t> best;
    for (const std::size_t r : visibleRows()) {
        const double value = m_table.value(r, static_cast<std::size_t>(c));
        if (std::isfinite(value) &&
            (!best || sign * value < sign * m_table.value(*best, static_cast<std::size_t>(c)))) {
            best = r;
        }
    }
    if (best) {
        selectRow(*best);
        m_filterMessage->setText(
            tr("Best %1%2: scenario %3, %4 %5.")
                .arg(column.label, m_rowFilter.empty() ? QString() : tr(" under the filter"))
                .arg(m_table.rows[*best].index)
                .arg(
                    shownNumber(m_table.value(*best, static_cast<std::size_t>(c)), column.decimals),
                    column.unit));
    }
    return best;
}

int BatchView::selectedRow() const {
    const auto selected = m_rows->selectionModel()->selectedRows();
    if (selected.isEmpty()) {
        return -1;
    }
    return static_cast<int>(visibleRows()[static_cast<std::size_t>(selected.front().row())]);
}

void BatchView::selectRow(std::size_t row) {
    const auto& rows = visibleRows();
    const auto found = std::find(rows.begin(), rows.end(), row);
    if (found != rows.end()) {
        const int shown = static_cast<int>(found - rows.begin());
        m_rows->selectRow(shown);
        m_rows->scrollTo(m_model->index(shown, 0));
    }
}

namespace {

/// The range an axis shows for values (all drawable on it): their span with 5 % to spare
/// on a linear axis, exactly their span on a log one; a single value gets a span around it.
QCPRange axisRange(const std::vector<double>& values, bool log) {
    if (values.empty()) {
        return log ? QCPRange(1.0, 10.0) : QCPRange(0.0, 1.0);
    }
    const auto [low, high] = std::minmax_element(values.begin(), values.end());
    if (*low == *high) {
        if (log) {
            return {*low / 2.0, *high * 2.0};
        }
        const double half = *low == 0.0 ? 1.0 : std::abs(*low) * 0.05;
        return {*low - half, *high + half};
    }
    if (log) {
        return {*low, *high};
    }
    const double spare = 0.05 * (*high - *low);
    return {*low - spare, *high + spare};
}

} // namespace

void BatchView::drawScatter() {
    const int xi = chosenColumn(m_x);
    const int yi = chosenColumn(m_y);
    m_front.clear();
    m_pointRows.clear();
    m_pointX.clear();
    m_pointY.clear();
    const bool logX = m_logX->isChecked();
    const bool logY = m_logY->isChecked();
    // A log axis shows only positive values; the others leave the plot, not the table.
    const auto drawable = [](double v, bool log) { return std::isfinite(v) && (!log || v > 0); };
    if (xi >= 0 && yi >= 0) {
        for (const std::size_t r : m_filtered) {
            const double x = m_table.value(r, static_cast<std::size_t>(xi));
            const double y = m_table.value(r, static_cast<std::size_t>(yi));
            if (drawable(x, logX) && drawable(y, logY)) {
                m_pointRows.push_back(r);
                m_pointX.push_back(x);
                m_pointY.push_back(y);
            }
        }
    }
    m_frontPoints =
        paretoFront(m_pointX, m_pointY, m_maximizeX->isChecked(), m_maximizeY->isChecked());
    QVector<double> fx;
    QVector<double> fy;
    for (const std::size_t i : m_frontPoints) {
        m_front.push_back(m_pointRows[i]);
        fx << m_pointX[i];
        fy << m_pointY[i];
    }
    // Added in x order; sorted=true keeps QCustomPlot from reordering equal keys.
    m_frontGraph->setData(fx, fy, true);
    placeMarker(true); // on the new points and axes

    for (auto [axis, log] : {std::pair{m_plot->xAxis, logX}, std::pair{m_plot->yAxis, logY}}) {
        axis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
        if (log) {
            axis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
        } else {
            axis->setTicker(QSharedPointer<QCPAxisTicker>::create());
        }
    }
    m_plot->xAxis->setLabel(m_x->currentText() + (m_maximizeX->isChecked() ? tr(" \u2192 better")
                                                                           : tr(" \u2190 better")));
    m_plot->yAxis->setLabel(m_y->currentText() + (m_maximizeY->isChecked() ? tr(" \u2191 better")
                                                                           : tr(" \u2193 better")));
    m_plot->legend->setVisible(true);
    // The ranges come from every point, not from the thinned ones a graph holds.
    m_plot->xAxis->setRange(axisRange(m_pointX, logX));
    m_plot->yAxis->setRange(axisRange(m_pointY, logY));
    m_plot->replot(); // thinPoints() fills the scenario graph after the layout
}

bool BatchView::placeMarker(bool always) {
    const int row = selectedRow();
    if (row == m_markedRow && !always) {
        return false;
    }
    m_markedRow = row;
    m_selectedGraph->data()->clear();
    const auto found =
        std::find(m_pointRows.begin(), m_pointRows.end(), static_cast<std::size_t>(row));
    const bool shown = row >= 0 && found != m_pointRows.end();
    // Thinning keeps the front and the selected point, whatever cell they fall in.
    m_keepPoint.assign(m_pointRows.size(), 0);
    for (const std::size_t i : m_frontPoints) {
        m_keepPoint[i] = 1;
    }
    if (shown) {
        const auto i = static_cast<std::size_t>(found - m_pointRows.begin());
        m_keepPoint[i] = 1;
        m_selectedGraph->addData(m_pointX[i], m_pointY[i]);
    }
    if (shown != m_selectedGraph->visible()) {
        m_selectedGraph->setVisible(shown);
        if (shown) {
            m_selectedGraph->addToLegend();
        } else {
            m_selectedGraph->removeFromLegend();
        }
    }
    return true;
}

void BatchView::thinPoints() {
    const QRect rect = m_plot->axisRect()->rect();
    std::vector<double> px(m_pointRows.size());
    std::vector<double> py(m_pointRows.size());
    for (std::size_t i = 0; i < m_pointRows.size(); ++i) {
        px[i] = m_plot->xAxis->coordToPixel(m_pointX[i]) - rect.left();
        py[i] = m_plot->yAxis->coordToPixel(m_pointY[i]) - rect.top();
    }
    QVector<QCPGraphData> drawn;
    for (const std::size_t i :
         thinToPixelGrid(px, py, rect.width(), rect.height(), kThinCellPx, m_keepPoint)) {
        drawn.push_back({m_pointX[i], m_pointY[i]});
    }
    m_pointsGraph->data()->set(drawn, false);
}

std::optional<std::size_t> BatchView::rowAtPixel(const QPointF& pixel) const {
    const int xi = chosenColumn(m_x);
    const int yi = chosenColumn(m_y);
    if (xi < 0 || yi < 0) {
        return std::nullopt;
    }
    std::optional<std::size_t> best;
    double bestDistance = kPickRadiusPx;
    for (const std::size_t r : visibleRows()) {
        const double x = m_table.value(r, static_cast<std::size_t>(xi));
        const double y = m_table.value(r, static_cast<std::size_t>(yi));
        if (!std::isfinite(x) || !std::isfinite(y)) {
            continue;
        }
        const double dx = m_plot->xAxis->coordToPixel(x) - pixel.x();
        const double dy = m_plot->yAxis->coordToPixel(y) - pixel.y();
        const double distance = std::hypot(dx, dy);
        if (distance <= bestDistance) {
            best = r;
            bestDistance = distance;
        }
    }
    return best;
}

} // namespace headroom::ui
