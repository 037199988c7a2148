#include "ui/views/batch_view.h"

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

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A click this close (in pixels) to a point picks it.
constexpr double kPickRadiusPx = 12.0;
// The table's leading columns before the parameters and KPIs.
constexpr int kFixedColumns = 2; // scenario index, status

struct Statement {
    sqlite3_stmt* handle = nullptr;
    ~Statement() { sqlite3_finalize(handle); }
};

QString columnText(sqlite3_stmt* statement, int column) {
    const auto* text = sqlite3_column_text(statement, column);
    return text ? QString::fromUtf8(reinterpret_cast<const char*>(text)) : QString();
}

model::Diagnostic storeError(const QString& path, const QString& message) {
    return {
        path.toStdString(),   0, 0, "", model::Severity::Error, model::DiagnosticKind::Unreadable,
        message.toStdString()};
}

/// "24 degC" -> (24, "degC"); "27" or 27 -> (27, ""); anything else -> (NaN, "").
std::pair<double, std::string> numberAndUnit(const nlohmann::json& value) {
    if (value.is_number()) {
        return {value.get<double>(), ""};
    }
    if (!value.is_string()) {
        return {kNaN, ""};
    }
    const std::string& text = value.get_ref<const std::string&>();
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || (end != text.data() + text.size() && *end != ' ')) {
        return {kNaN, ""};
    }
    std::string unit(end, text.data() + text.size());
    unit.erase(0, unit.find_first_not_of(' '));
    return {number, unit};
}

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

int BatchTable::column(const QString& key) const {
    for (std::size_t c = 0; c < columns.size(); ++c) {
        if (columns[c].key == key) {
            return static_cast<int>(c);
        }
    }
    return -1;
}

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

std::optional<BatchTable> readBatchStore(const QString& path, model::Diagnostics& diagnostics) {
    if (!QFileInfo::exists(path)) {
        diagnostics.add({path.toStdString(), 0, 0, "", model::Severity::Error,
                         model::DiagnosticKind::NotFound, "file not found"});
        return std::nullopt;
    }
    sqlite3* db = nullptr;
    // Read-only: exploring a store must never change it, even while a batch writes to it.
    if (sqlite3_open_v2(path.toUtf8().constData(), &db, SQLITE_OPEN_READONLY, nullptr) !=
        SQLITE_OK) {
        diagnostics.add(storeError(path, QString::fromUtf8(sqlite3_errmsg(db))));
        sqlite3_close(db);
        return std::nullopt;
    }
    const std::unique_ptr<sqlite3, int (*)(sqlite3*)> guard(db, &sqlite3_close);
    BatchTable table;
    table.storePath = QFileInfo(path).absoluteFilePath();
    qint64 runId = 0;
    {
        Statement run;
        if (sqlite3_prepare_v2(db,
                               "SELECT run_id, base_site FROM runs ORDER BY run_id DESC LIMIT 1",
                               -1, &run.handle, nullptr) != SQLITE_OK) {
            diagnostics.add(storeError(path, QStringLiteral("not a Headroom result store: %1")
                                                 .arg(QString::fromUtf8(sqlite3_errmsg(db)))));
            return std::nullopt;
        }
        if (sqlite3_step(run.handle) != SQLITE_ROW) {
            diagnostics.add(storeError(path, QStringLiteral("the store holds no runs")));
            return std::nullopt;
        }
        runId = sqlite3_column_int64(run.handle, 0);
        table.baseSite = columnText(run.handle, 1);
    }
    Statement rows;
    if (sqlite3_prepare_v2(db,
                           "SELECT s.scenario_index, s.parameters, s.status, k.* FROM scenarios s "
                           "LEFT JOIN kpis k ON k.run_id = s.run_id AND "
                           "k.scenario_index = s.scenario_index WHERE s.run_id = ?1 "
                           "ORDER BY s.scenario_index",
                           -1, &rows.handle, nullptr) != SQLITE_OK) {
        diagnostics.add(storeError(path, QString::fromUtf8(sqlite3_errmsg(db))));
        return std::nullopt;
    }
    sqlite3_bind_int64(rows.handle, 1, runId);
    // Numeric KPI columns: every kpis column but the keys, typed REAL or INTEGER, described
    // by the result table's row of the same name.
    const model::DisplayUnits si(model::UnitSystem::SI);
    std::vector<int> kpiColumns;
    std::vector<BatchColumn> kpis;
    for (int column = 3; column < sqlite3_column_count(rows.handle); ++column) {
        const QString name = QString::fromUtf8(sqlite3_column_name(rows.handle, column));
        const char* declared = sqlite3_column_decltype(rows.handle, column);
        const QString type = declared ? QString::fromLatin1(declared).toUpper() : QString();
        if (name == "run_id" || name == "scenario_index" || (type != "REAL" && type != "INTEGER")) {
            continue;
        }
        kpiColumns.push_back(column);
        BatchColumn kpi{name, name, {}, 3, model::KpiDirection::Neutral, false, {}};
        if (const model::KpiField* field = model::findKpiField(name.toStdString())) {
            kpi.label = QString::fromStdString(field->display.label);
            kpi.unit = QString::fromStdString(si.unit(field->display.kind));
            kpi.decimals = field->display.decimals;
            kpi.direction = field->direction;
            kpi.description = QString::fromStdString(field->display.description);
        }
        kpis.push_back(kpi);
    }
    // The parameters: each row's JSON object, one column per pointer any row sets.
    std::vector<std::map<std::string, nlohmann::json>> parameters;
    std::vector<double> kpiValues;
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(rows.handle)) == SQLITE_ROW) {
        BatchTable::Row row;
        row.index = sqlite3_column_int64(rows.handle, 0);
        row.parameters = columnText(rows.handle, 1);
        row.status = columnText(rows.handle, 2);
        auto& set = parameters.emplace_back();
        const auto json = nlohmann::json::parse(row.parameters.toStdString(), nullptr, false);
        if (json.is_object()) {
            for (const auto& [pointer, value] : json.items()) {
                set.emplace(pointer, value);
            }
        }
        for (const int column : kpiColumns) {
            kpiValues.push_back(sqlite3_column_type(rows.handle, column) == SQLITE_NULL
                                    ? kNaN
                                    : sqlite3_column_double(rows.handle, column));
        }
        table.rows.push_back(std::move(row));
    }
    if (step != SQLITE_DONE) {
        diagnostics.add(storeError(path, QString::fromUtf8(sqlite3_errmsg(db))));
        return std::nullopt;
    }
    std::map<std::string, std::string> units; // pointer -> the unit its values share
    std::map<std::string, bool> numeric;
    for (const auto& set : parameters) {
        for (const auto& [pointer, value] : set) {
            const auto [number, unit] = numberAndUnit(value);
            const auto [it, first] = units.emplace(pointer, unit);
            bool& isNumber = numeric.emplace(pointer, true).first->second;
            // Numbers in one unit sort and filter as numbers; anything else as text.
            isNumber = isNumber && std::isfinite(number) && (first || it->second == unit);
        }
    }
    for (const auto& [pointer, unit] : units) {
        const bool number = numeric[pointer];
        table.columns.push_back({QString::fromStdString(pointer), QString::fromStdString(pointer),
                                 number ? QString::fromStdString(unit) : QString(), -1,
                                 model::KpiDirection::Neutral, true,
                                 QObject::tr("a swept parameter of the site file")});
    }
    const std::size_t parameterCount = table.columns.size();
    table.columns.insert(table.columns.end(), kpis.begin(), kpis.end());
    const std::size_t width = table.columns.size();
    table.values.assign(table.rows.size() * width, kNaN);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        for (std::size_t p = 0; p < parameterCount; ++p) {
            const std::string pointer = table.columns[p].key.toStdString();
            const auto found = parameters[r].find(pointer);
            if (found == parameters[r].end()) {
                table.rows[r].parameterText << QString();
                continue;
            }
            const nlohmann::json& value = found->second;
            table.rows[r].parameterText << QString::fromStdString(
                value.is_string() ? value.get<std::string>() : value.dump());
            if (numeric[pointer]) {
                table.values[r * width + p] = numberAndUnit(value).first;
            }
        }
        std::copy_n(kpiValues.begin() + static_cast<std::ptrdiff_t>(r * kpis.size()), kpis.size(),
                    table.values.begin() + static_cast<std::ptrdiff_t>(r * width + parameterCount));
    }
    return table;
}

std::vector<std::size_t> filterRows(const BatchTable& table, const model::RowFilter& filter) {
    std::vector<std::size_t> rows;
    rows.reserve(table.rows.size());
    const std::size_t width = table.columns.size();
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (filter.matches(table.values.data() + r * width)) {
            rows.push_back(r);
        }
    }
    return rows;
}

void sortRows(const BatchTable& table, std::vector<std::size_t>& rows, std::size_t column,
              bool ascending) {
    std::stable_sort(rows.begin(), rows.end(), [&](std::size_t a, std::size_t b) {
        const double x = table.value(a, column);
        const double y = table.value(b, column);
        if (std::isnan(x) || std::isnan(y)) {
            return !std::isnan(x) && std::isnan(y); // a value before none, either way
        }
        return ascending ? x < y : y < x;
    });
}

std::vector<std::size_t> paretoFront(const std::vector<double>& x, const std::vector<double>& y,
                                     bool maximizeX, bool maximizeY) {
    // Sort by x (best first), then keep each point that improves on the best y so far.
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < std::min(x.size(), y.size()); ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            order.push_back(i);
        }
    }
    const double sx = maximizeX ? -1.0 : 1.0;
    const double sy = maximizeY ? -1.0 : 1.0;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        if (x[a] != x[b]) {
            return sx * x[a] < sx * x[b];
        }
        return sy * y[a] < sy * y[b];
    });
    std::vector<std::size_t> front;
    double best = std::numeric_limits<double>::infinity();
    for (const std::size_t i : order) {
        if (sy * y[i] < best) {
            front.push_back(i);
            best = sy * y[i];
        }
    }
    std::sort(front.begin(), front.end(),
              [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    return front;
}

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
    , m_plot(new QCustomPlot) {
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
        connect(box, &QCheckBox::toggled, this, &BatchView::replot);
    }
    connect(m_filter, &QLineEdit::textChanged, this, &BatchView::setFilter);
    connect(best, &QPushButton::clicked, this,
            [this] { selectBest(m_best->currentData().toString()); });
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
    connect(m_rows->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &BatchView::replot);
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
        for (const BatchColumn& column : m_table.columns) {
            const QString shown = column.unit.isEmpty()
                                      ? column.label
                                      : QStringLiteral("%1 (%2)").arg(column.label, column.unit);
            m_x->addItem(shown, column.key);
            m_y->addItem(shown, column.key);
            if (column.direction != model::KpiDirection::Neutral) {
                m_best->addItem(shown, column.key);
            }
        }
        // PUE against WUE is the trade-off a planner looks at first.
        m_x->setCurrentIndex(std::max(0, m_x->findData(QStringLiteral("pue"))));
        m_y->setCurrentIndex(std::max(0, m_y->findData(QStringLiteral("wue_site_l_per_kwh"))));
        m_best->setCurrentIndex(std::max(0, m_best->findData(QStringLiteral("water_m3"))));
    }
    applyRows();
    m_rows->resizeColumnsToContents();
    axisChanged();
    return true;
}

void BatchView::setAxes(const QString& xKpi, const QString& yKpi) {
    const QSignalBlocker bx(m_x);
    const QSignalBlocker by(m_y);
    m_x->setCurrentIndex(m_x->findData(xKpi));
    m_y->setCurrentIndex(m_y->findData(yKpi));
    axisChanged();
}

void BatchView::axisChanged() {
    // Each axis takes its KPI's direction from the result table; the box can override it.
    const auto direction = [this](const QComboBox* box) {
        const int c = m_table.column(box->currentData().toString());
        return c < 0 ? model::KpiDirection::Neutral
                     : m_table.columns[static_cast<std::size_t>(c)].direction;
    };
    const QSignalBlocker bx(m_maximizeX);
    const QSignalBlocker by(m_maximizeY);
    m_maximizeX->setChecked(direction(m_x) == model::KpiDirection::HigherIsBetter);
    m_maximizeY->setChecked(direction(m_y) == model::KpiDirection::HigherIsBetter);
    replot();
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
    applyRows();
    return true;
}

QString BatchView::filterError() const {
    return m_filterError;
}

const std::vector<std::size_t>& BatchView::visibleRows() const {
    return m_model->rows();
}

void BatchView::applyRows() {
    const int selected = selectedRow();
    std::vector<std::size_t> rows = filterRows(m_table, m_rowFilter);
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
    m_model->setRows(std::move(rows));
    if (selected >= 0) {
        selectRow(static_cast<std::size_t>(selected));
    }
    replot();
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
    applyRows();
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

void BatchView::replot() {
    m_plot->clearGraphs();
    m_plot->clearItems();
    const int xi = m_table.column(m_x->currentData().toString());
    const int yi = m_table.column(m_y->currentData().toString());
    m_front.clear();
    if (xi < 0 || yi < 0) {
        m_plot->replot();
        return;
    }
    const auto& rows = visibleRows();
    std::vector<double> x;
    std::vector<double> y;
    x.reserve(rows.size());
    y.reserve(rows.size());
    for (const std::size_t r : rows) {
        x.push_back(m_table.value(r, static_cast<std::size_t>(xi)));
        y.push_back(m_table.value(r, static_cast<std::size_t>(yi)));
    }
    // A log axis shows only positive values; the others leave the plot, not the table.
    const auto drawable = [this](double v, bool log) {
        return std::isfinite(v) && (!log || v > 0);
    };
    const bool logX = m_logX->isChecked();
    const bool logY = m_logY->isChecked();
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (!drawable(x[i], logX) || !drawable(y[i], logY)) {
            x[i] = kNaN;
        }
    }
    const std::vector<std::size_t> front =
        paretoFront(x, y, m_maximizeX->isChecked(), m_maximizeY->isChecked());
    for (const std::size_t i : front) {
        m_front.push_back(rows[i]);
    }

    QCPGraph* points = m_plot->addGraph();
    points->setName(tr("Scenarios"));
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x1f, 0x4e, 0x79), 5));
    QVector<double> px;
    QVector<double> py;
    px.reserve(static_cast<int>(x.size()));
    py.reserve(static_cast<int>(x.size()));
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            px << x[i];
            py << y[i];
        }
    }
    points->setData(px, py);
    QCPGraph* frontGraph = m_plot->addGraph();
    frontGraph->setName(tr("Pareto front"));
    frontGraph->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 2));
    frontGraph->setScatterStyle(
        QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xc0, 0x39, 0x2b), 9));
    // Added in x order; sorted=true keeps QCustomPlot from reordering equal keys.
    QVector<double> fx;
    QVector<double> fy;
    for (const std::size_t i : front) {
        fx << x[i];
        fy << y[i];
    }
    frontGraph->setData(fx, fy, true);
    if (const int row = selectedRow(); row >= 0) {
        const double sx =
            m_table.value(static_cast<std::size_t>(row), static_cast<std::size_t>(xi));
        const double sy =
            m_table.value(static_cast<std::size_t>(row), static_cast<std::size_t>(yi));
        if (drawable(sx, logX) && drawable(sy, logY)) {
            QCPGraph* picked = m_plot->addGraph();
            picked->setName(tr("Selected"));
            picked->setLineStyle(QCPGraph::lsNone);
            picked->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssStar, QColor(0xe6, 0x7e, 0x22), 16));
            picked->addData(sx, sy);
        }
    }
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
    m_plot->rescaleAxes();
    if (!logX) {
        m_plot->xAxis->scaleRange(1.1);
    }
    if (!logY) {
        m_plot->yAxis->scaleRange(1.1);
    }
    m_plot->replot();
}

std::optional<std::size_t> BatchView::rowAtPixel(const QPointF& pixel) const {
    const int xi = m_table.column(m_x->currentData().toString());
    const int yi = m_table.column(m_y->currentData().toString());
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
