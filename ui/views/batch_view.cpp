#include "ui/views/batch_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>
#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace headroom::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A click this close (in pixels) to a point picks it.
constexpr double kPickRadiusPx = 12.0;

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

} // namespace

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
    // Numeric KPI columns: every kpis column but the keys, typed REAL or INTEGER.
    std::vector<int> kpiColumns;
    for (int column = 3; column < sqlite3_column_count(rows.handle); ++column) {
        const QString name = QString::fromUtf8(sqlite3_column_name(rows.handle, column));
        const char* declared = sqlite3_column_decltype(rows.handle, column);
        const QString type = declared ? QString::fromLatin1(declared).toUpper() : QString();
        if (name == "run_id" || name == "scenario_index" || (type != "REAL" && type != "INTEGER")) {
            continue;
        }
        kpiColumns.push_back(column);
        table.kpiNames << name;
    }
    int step = SQLITE_ROW;
    while ((step = sqlite3_step(rows.handle)) == SQLITE_ROW) {
        BatchTable::Row row;
        row.index = sqlite3_column_int64(rows.handle, 0);
        row.parameters = columnText(rows.handle, 1);
        row.status = columnText(rows.handle, 2);
        for (const int column : kpiColumns) {
            row.kpis.push_back(sqlite3_column_type(rows.handle, column) == SQLITE_NULL
                                   ? kNaN
                                   : sqlite3_column_double(rows.handle, column));
        }
        table.rows.push_back(std::move(row));
    }
    if (step != SQLITE_DONE) {
        diagnostics.add(storeError(path, QString::fromUtf8(sqlite3_errmsg(db))));
        return std::nullopt;
    }
    return table;
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
    , m_title(new QLabel(tr("Open a result store written by headroom-cli batch.")))
    , m_x(new QComboBox)
    , m_y(new QComboBox)
    , m_maximizeX(new QCheckBox(tr("higher is better")))
    , m_maximizeY(new QCheckBox(tr("higher is better")))
    , m_rows(new QTableWidget)
    , m_plot(new QCustomPlot) {
    setObjectName("batch");
    m_rows->setObjectName("scenarios");
    m_rows->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_rows->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_rows->setSelectionMode(QAbstractItemView::SingleSelection);
    m_rows->verticalHeader()->setVisible(false);
    m_rows->setAlternatingRowColors(true);
    m_plot->setObjectName("batchScatter");

    auto* axes = new QFormLayout;
    auto* xRow = new QHBoxLayout;
    xRow->addWidget(m_x, 1);
    xRow->addWidget(m_maximizeX);
    auto* yRow = new QHBoxLayout;
    yRow->addWidget(m_y, 1);
    yRow->addWidget(m_maximizeY);
    axes->addRow(tr("X"), xRow);
    axes->addRow(tr("Y"), yRow);
    auto* open = new QPushButton(tr("Open Scenario"));
    auto* right = new QWidget;
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->addLayout(axes);
    rightLayout->addWidget(m_plot, 1);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_rows);
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
        connect(box, &QComboBox::currentIndexChanged, this, &BatchView::replot);
    }
    for (QCheckBox* box : {m_maximizeX, m_maximizeY}) {
        connect(box, &QCheckBox::toggled, this, &BatchView::replot);
    }
    connect(m_plot, &QCustomPlot::mousePress, this, [this](QMouseEvent* event) {
        if (const auto row = rowAtPixel(event->position())) {
            selectRow(*row);
        }
    });
    connect(m_rows, &QTableWidget::itemSelectionChanged, this, &BatchView::replot);
    auto openSelected = [this] {
        const int row = selectedRow();
        if (row >= 0) {
            emit openScenario(m_table.baseSite,
                              m_table.rows[static_cast<std::size_t>(row)].parameters);
        }
    };
    connect(open, &QPushButton::clicked, this, openSelected);
    connect(m_rows, &QTableWidget::itemDoubleClicked, this, openSelected);
    connect(m_plot, &QCustomPlot::mouseDoubleClick, this, [this, openSelected](QMouseEvent* e) {
        if (const auto row = rowAtPixel(e->position())) {
            selectRow(*row);
            openSelected();
        }
    });
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
    const QSignalBlocker bx(m_x);
    const QSignalBlocker by(m_y);
    m_x->clear();
    m_y->clear();
    m_x->addItems(m_table.kpiNames);
    m_y->addItems(m_table.kpiNames);
    // PUE against WUE is the trade-off a planner looks at first.
    m_x->setCurrentText("pue");
    m_y->setCurrentText("wue_site_l_per_kwh");
    fillTable();
    replot();
    return true;
}

void BatchView::setAxes(const QString& xKpi, const QString& yKpi) {
    const QSignalBlocker bx(m_x);
    m_x->setCurrentText(xKpi);
    m_y->setCurrentText(yKpi); // triggers the replot
    replot();
}

void BatchView::fillTable() {
    const QSignalBlocker blocker(m_rows);
    m_rows->clear();
    QStringList headers = {tr("#"), tr("Parameters"), tr("Status")};
    headers << m_table.kpiNames;
    m_rows->setColumnCount(static_cast<int>(headers.size()));
    m_rows->setHorizontalHeaderLabels(headers);
    m_rows->setRowCount(static_cast<int>(m_table.rows.size()));
    for (std::size_t r = 0; r < m_table.rows.size(); ++r) {
        const BatchTable::Row& row = m_table.rows[r];
        const int ri = static_cast<int>(r);
        m_rows->setItem(ri, 0, new QTableWidgetItem(QString::number(row.index)));
        m_rows->setItem(ri, 1, new QTableWidgetItem(row.parameters));
        m_rows->setItem(ri, 2, new QTableWidgetItem(row.status));
        for (std::size_t k = 0; k < row.kpis.size(); ++k) {
            auto* item = new QTableWidgetItem;
            if (std::isfinite(row.kpis[k])) {
                item->setData(Qt::DisplayRole, row.kpis[k]);
            }
            m_rows->setItem(ri, static_cast<int>(k) + 3, item);
        }
    }
    m_rows->resizeColumnsToContents();
}

int BatchView::selectedRow() const {
    const auto selected = m_rows->selectionModel()->selectedRows();
    return selected.isEmpty() ? -1 : selected.front().row();
}

void BatchView::selectRow(std::size_t row) {
    if (row < m_table.rows.size()) {
        m_rows->selectRow(static_cast<int>(row));
        m_rows->scrollToItem(m_rows->item(static_cast<int>(row), 0));
    }
}

void BatchView::replot() {
    m_plot->clearGraphs();
    m_plot->clearItems();
    const auto xi = m_table.kpiNames.indexOf(m_x->currentText());
    const auto yi = m_table.kpiNames.indexOf(m_y->currentText());
    m_front.clear();
    if (xi < 0 || yi < 0) {
        m_plot->replot();
        return;
    }
    std::vector<double> x;
    std::vector<double> y;
    for (const BatchTable::Row& row : m_table.rows) {
        x.push_back(row.kpis[static_cast<std::size_t>(xi)]);
        y.push_back(row.kpis[static_cast<std::size_t>(yi)]);
    }
    m_front = paretoFront(x, y, m_maximizeX->isChecked(), m_maximizeY->isChecked());

    QCPGraph* points = m_plot->addGraph();
    points->setName(tr("Scenarios"));
    points->setLineStyle(QCPGraph::lsNone);
    points->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, QColor(0x1f, 0x4e, 0x79), 6));
    for (std::size_t i = 0; i < x.size(); ++i) {
        if (std::isfinite(x[i]) && std::isfinite(y[i])) {
            points->addData(x[i], y[i]);
        }
    }
    QCPGraph* front = m_plot->addGraph();
    front->setName(tr("Pareto front"));
    front->setPen(QPen(QColor(0xc0, 0x39, 0x2b), 2));
    front->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, QColor(0xc0, 0x39, 0x2b), 9));
    // Added in x order; sorted=true keeps QCustomPlot from reordering equal keys.
    QVector<double> fx;
    QVector<double> fy;
    for (const std::size_t i : m_front) {
        fx << x[i];
        fy << y[i];
    }
    front->setData(fx, fy, true);
    if (const int row = selectedRow(); row >= 0) {
        const auto r = static_cast<std::size_t>(row);
        if (std::isfinite(x[r]) && std::isfinite(y[r])) {
            QCPGraph* picked = m_plot->addGraph();
            picked->setName(tr("Selected"));
            picked->setLineStyle(QCPGraph::lsNone);
            picked->setScatterStyle(
                QCPScatterStyle(QCPScatterStyle::ssStar, QColor(0xe6, 0x7e, 0x22), 16));
            picked->addData(x[r], y[r]);
        }
    }
    m_plot->xAxis->setLabel(m_x->currentText());
    m_plot->yAxis->setLabel(m_y->currentText());
    m_plot->legend->setVisible(true);
    m_plot->rescaleAxes();
    m_plot->xAxis->scaleRange(1.1);
    m_plot->yAxis->scaleRange(1.1);
    m_plot->replot();
}

std::optional<std::size_t> BatchView::rowAtPixel(const QPointF& pixel) const {
    const auto xi = m_table.kpiNames.indexOf(m_x->currentText());
    const auto yi = m_table.kpiNames.indexOf(m_y->currentText());
    if (xi < 0 || yi < 0) {
        return std::nullopt;
    }
    std::optional<std::size_t> best;
    double bestDistance = kPickRadiusPx;
    for (std::size_t r = 0; r < m_table.rows.size(); ++r) {
        const double x = m_table.rows[r].kpis[static_cast<std::size_t>(xi)];
        const double y = m_table.rows[r].kpis[static_cast<std::size_t>(yi)];
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
