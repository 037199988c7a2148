#include "ui/views/batch_view.h"

#include "model/units/quantity_parser.h"
#include "ui/charts/charts.h"

#include <QDir>
#include <QFileInfo>
#include <nlohmann/json.hpp>
#include <sqlite3.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <map>
#include <numeric>

// The batch explorer's table, apart from its widgets: read from a result store, shown in
// the chosen units, filtered, sorted, thinned to the plot's pixels and cut to its Pareto
// front.

namespace headroom::ui {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

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

/// A swept parameter's value as a quantity: "24 degC", "150000 kW", "85 %", or a bare
/// number (27 or "27", dimensionless). Nothing for text ("fill", a file name).
struct ParameterQuantity {
    units::ParsedQuantity quantity;
    std::string unit; ///< as written after the number; empty for a bare number
};

std::optional<ParameterQuantity> parameterQuantity(const nlohmann::json& value) {
    if (value.is_number()) {
        return ParameterQuantity{{value.get<double>(), {}, {}}, {}};
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string& text = value.get_ref<const std::string&>();
    double number = 0.0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (ec != std::errc() || (end != text.data() + text.size() && *end != ' ')) {
        return std::nullopt;
    }
    if (end == text.data() + text.size()) {
        return ParameterQuantity{{number, {}, {}}, {}};
    }
    const auto parsed = units::parseAnyQuantity(text);
    if (!parsed) {
        return std::nullopt;
    }
    std::string unit(end, text.data() + text.size());
    unit.erase(0, unit.find_first_not_of(' '));
    return ParameterQuantity{*parsed.value, unit};
}

/// Two readings of one column agree unless one is a point on the temperature scale and
/// the other a step.
bool sameReading(units::TemperatureReading a, units::TemperatureReading b) {
    using R = units::TemperatureReading;
    return !((a == R::Absolute && b == R::Difference) || (a == R::Difference && b == R::Absolute));
}

/// How a parameter column whose values share a dimension is stored and shown: by a figure
/// kind DisplayUnits converts (a temperature in degC, a volume in m3, an area in m2), else
/// in the unit of its first value. SI base value -> stored: (si - offset) / scale.
struct ParameterColumn {
    std::optional<model::FigureKind> kind;
    std::string unit;
    double scale = 1.0;
    double offset = 0.0;
};

ParameterColumn parameterColumn(const ParameterQuantity& first, bool absoluteTemperature) {
    const units::Dimension& d = first.quantity.dimension;
    if (absoluteTemperature) {
        return {model::FigureKind::Temperature, {}, 1.0, 273.15}; // K -> degC
    }
    if (d == units::QuantityTraits<units::Volume>::dimension) {
        return {model::FigureKind::WaterVolume, {}, 1.0, 0.0}; // m3
    }
    if (d == units::QuantityTraits<units::Area>::dimension) {
        return {model::FigureKind::Area, {}, 1.0, 0.0}; // m2
    }
    if (first.unit.empty()) {
        return {};
    }
    // The written unit's own scale and zero, read by the same parser ("0 degC" is 273.15 K).
    const auto one = units::parseAnyQuantity("1 " + first.unit);
    const auto zero = units::parseAnyQuantity("0 " + first.unit);
    if (!one || !zero || one.value->siValue == zero.value->siValue) {
        return {};
    }
    return {std::nullopt, first.unit, one.value->siValue - zero.value->siValue,
            zero.value->siValue};
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

void showIn(BatchTable& table, const model::DisplayUnits& units) {
    const std::size_t width = table.columns.size();
    table.values.resize(table.stored.size());
    for (std::size_t c = 0; c < width; ++c) {
        BatchColumn& column = table.columns[c];
        if (!column.kind) {
            column.key = column.siKey;
            column.unit = column.storedUnit;
            column.decimals = column.siDecimals;
            for (std::size_t i = c; i < table.stored.size(); i += width) {
                table.values[i] = table.stored[i];
            }
            continue;
        }
        const model::FigureKind kind = *column.kind;
        // A KPI's key names its unit ("water_m3", "water_gal"), so a filter says which.
        column.key = column.parameter
                         ? column.siKey
                         : QString::fromStdString(units.namedUnit(column.siKey.toStdString()));
        column.unit = QString::fromStdString(units.unit(kind));
        column.decimals = column.siDecimals < 0 ? -1 : units.decimals(kind, column.siDecimals);
        for (std::size_t i = c; i < table.stored.size(); i += width) {
            table.values[i] = units.value(kind, table.stored[i]);
        }
    }
}

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
            // A batch killed while it made the store leaves a half-written transaction
            // (a hot rollback journal) that only a writer may undo.
            if (sqlite3_extended_errcode(db) == SQLITE_READONLY_ROLLBACK) {
                diagnostics.add(storeError(
                    path, QStringLiteral("a batch was stopped in the middle of writing this "
                                         "store; run it again with --resume to undo the "
                                         "unfinished write and finish the run (nothing it "
                                         "committed is lost)")));
                return std::nullopt;
            }
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
        BatchColumn kpi;
        kpi.key = kpi.siKey = kpi.label = name;
        kpi.siDecimals = 3;
        if (const model::KpiField* field = model::findKpiField(name.toStdString())) {
            kpi.label = QString::fromStdString(field->display.label);
            kpi.kind = field->display.kind;
            kpi.siDecimals = field->display.decimals;
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
    // A parameter column is numeric when every value is a quantity of one dimension,
    // whatever unit each was written in ("100 MW" beside "150000 kW"); else it is text.
    struct Shape {
        std::optional<ParameterQuantity> first;
        bool numeric = true;
        bool absolute = false; ///< a point on the temperature scale
    };
    std::map<std::string, Shape> shapes; // by pointer
    for (const auto& set : parameters) {
        for (const auto& [pointer, value] : set) {
            Shape& shape = shapes[pointer];
            const auto quantity = parameterQuantity(value);
            if (!quantity) {
                shape.numeric = false;
                continue;
            }
            if (!shape.first) {
                shape.first = quantity;
            } else if (quantity->quantity.dimension != shape.first->quantity.dimension ||
                       !sameReading(quantity->quantity.temperature,
                                    shape.first->quantity.temperature)) {
                shape.numeric = false;
            }
            shape.absolute = shape.absolute ||
                             quantity->quantity.temperature == units::TemperatureReading::Absolute;
        }
    }
    std::vector<ParameterColumn> conversions;
    for (const auto& [pointer, shape] : shapes) {
        const bool numeric = shape.numeric && shape.first;
        const ParameterColumn conversion =
            numeric ? parameterColumn(*shape.first, shape.absolute) : ParameterColumn{};
        BatchColumn column;
        column.key = column.siKey = column.label = QString::fromStdString(pointer);
        column.parameter = true;
        column.description = QObject::tr("a swept parameter of the site file");
        column.kind = conversion.kind;
        column.storedUnit = QString::fromStdString(conversion.unit);
        table.columns.push_back(column);
        conversions.push_back(numeric ? conversion : ParameterColumn{{}, {}, kNaN, kNaN});
    }
    const std::size_t parameterCount = table.columns.size();
    table.columns.insert(table.columns.end(), kpis.begin(), kpis.end());
    const std::size_t width = table.columns.size();
    table.stored.assign(table.rows.size() * width, kNaN);
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        for (std::size_t p = 0; p < parameterCount; ++p) {
            const auto found = parameters[r].find(table.columns[p].siKey.toStdString());
            if (found == parameters[r].end()) {
                table.rows[r].parameterText << QString();
                continue;
            }
            const nlohmann::json& value = found->second;
            table.rows[r].parameterText << QString::fromStdString(
                value.is_string() ? value.get<std::string>() : value.dump());
            if (const auto quantity = parameterQuantity(value)) {
                // NaN for a text column: its scale is NaN.
                table.stored[r * width + p] =
                    (quantity->quantity.siValue - conversions[p].offset) / conversions[p].scale;
            }
        }
        std::copy_n(kpiValues.begin() + static_cast<std::ptrdiff_t>(r * kpis.size()), kpis.size(),
                    table.stored.begin() + static_cast<std::ptrdiff_t>(r * width + parameterCount));
    }
    showIn(table, model::DisplayUnits(model::UnitSystem::SI));
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

std::vector<std::size_t> thinToPixelGrid(const std::vector<double>& px,
                                         const std::vector<double>& py, double width, double height,
                                         double cellPx, const std::vector<char>& keep) {
    const auto columns = static_cast<std::size_t>(std::ceil(width / cellPx)) + 1;
    const auto rows = static_cast<std::size_t>(std::ceil(height / cellPx)) + 1;
    std::vector<char> taken(columns * rows, 0);
    std::vector<std::size_t> drawn;
    for (std::size_t i = 0; i < px.size(); ++i) {
        // Negated tests so NaN, too, falls outside.
        if (!(px[i] >= 0.0 && px[i] <= width && py[i] >= 0.0 && py[i] <= height)) {
            continue;
        }
        char& cell = taken[static_cast<std::size_t>(py[i] / cellPx) * columns +
                           static_cast<std::size_t>(px[i] / cellPx)];
        if (!cell || keep[i]) {
            cell = 1;
            drawn.push_back(i);
        }
    }
    return drawn;
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

} // namespace headroom::ui
