#include "model/batch/result_store_schema.h"
#include "model/batch/result_store.h"

#include "model/report/csv_writer.h"

namespace headroom::model {
namespace store_sql {

const char* sqlType(KpiType type) {
    switch (type) {
    case KpiType::Real:
        return "REAL";
    case KpiType::Integer:
        return "INTEGER";
    case KpiType::Text:
        return "TEXT";
    }
    return "REAL";
}

std::string kpiColumns() {
    std::string columns;
    for (const auto& field : kpiFields()) {
        columns += ", " + field.name;
    }
    return columns;
}

std::string monthlyColumns() {
    std::string columns;
    for (const auto& field : monthlyFields()) {
        columns += ", " + field.name;
    }
    return columns;
}

std::string hourlyColumns() {
    std::string columns = ", hour_index, month, day, hour, cooling_mode";
    for (const auto& field : hourlyFields()) {
        columns += ", " + field.name;
    }
    return columns;
}

std::string placeholders(std::size_t count) {
    std::string text;
    for (std::size_t i = 0; i < count; ++i) {
        text += i == 0 ? "?" : ", ?";
    }
    return text;
}

} // namespace store_sql

namespace {

using store_sql::sqlType;

/// plan_years: the kpis columns of each year of a plan.
std::string planYearsTable() {
    std::string sql = "CREATE TABLE IF NOT EXISTS plan_years (\n"
                      "  run_id INTEGER NOT NULL,\n"
                      "  scenario_index INTEGER NOT NULL,\n"
                      "  year INTEGER NOT NULL,\n"
                      "  mean_warming_k REAL,\n"
                      "  zero_water_months TEXT";
    for (const auto& field : kpiFields()) {
        sql += ",\n  " + field.name + " " + sqlType(field.type);
    }
    return sql + ",\n  PRIMARY KEY (run_id, scenario_index, year)\n) WITHOUT ROWID";
}

const char* const kPlanGenerationsTable = "CREATE TABLE IF NOT EXISTS plan_generations (\n"
                                          "  run_id INTEGER NOT NULL,\n"
                                          "  scenario_index INTEGER NOT NULL,\n"
                                          "  year INTEGER NOT NULL,\n"
                                          "  platform TEXT NOT NULL,\n"
                                          "  chip TEXT NOT NULL,\n"
                                          "  buildings INTEGER NOT NULL,\n"
                                          "  ultraservers INTEGER NOT NULL,\n"
                                          "  chips INTEGER NOT NULL,\n"
                                          "  design_hour_it_mw REAL,\n"
                                          "  halls INTEGER,\n"
                                          "  PRIMARY KEY (run_id, scenario_index, year, platform)\n"
                                          ") WITHOUT ROWID";

/// plan_bands: P10, P50 and P90 over a plan's draws of each band figure of each year
/// (period "2030") and of each horizon figure (period "horizon").
const char* const kPlanBandsTable = "CREATE TABLE IF NOT EXISTS plan_bands (\n"
                                    "  run_id INTEGER NOT NULL,\n"
                                    "  scenario_index INTEGER NOT NULL,\n"
                                    "  period TEXT NOT NULL,\n"
                                    "  figure TEXT NOT NULL,\n"
                                    "  p10 REAL, p50 REAL, p90 REAL,\n"
                                    "  PRIMARY KEY (run_id, scenario_index, period, figure)\n"
                                    ") WITHOUT ROWID";

/// plan_tornado: each horizon figure with one input at its low and at its high scale.
const char* const kPlanTornadoTable = "CREATE TABLE IF NOT EXISTS plan_tornado (\n"
                                      "  run_id INTEGER NOT NULL,\n"
                                      "  scenario_index INTEGER NOT NULL,\n"
                                      "  input TEXT NOT NULL,\n"
                                      "  figure TEXT NOT NULL,\n"
                                      "  low REAL NOT NULL, high REAL NOT NULL,\n"
                                      "  at_low REAL, at_high REAL,\n"
                                      "  PRIMARY KEY (run_id, scenario_index, input, figure)\n"
                                      ") WITHOUT ROWID";

/// head (the table's leading columns), then one REAL column per figure of fields, keyed by
/// key: the monthly and hourly tables.
template <typename Fields>
std::string realFiguresTable(const char* head, const Fields& fields, const char* key) {
    std::string sql = head;
    for (const auto& field : fields) {
        sql += ",\n  " + field.name + " REAL";
    }
    return sql + ",\n  PRIMARY KEY (" + key + ")\n) WITHOUT ROWID";
}

} // namespace

std::vector<std::string> resultStoreSchema() {
    std::string kpis = "CREATE TABLE IF NOT EXISTS kpis (\n"
                       "  run_id INTEGER NOT NULL,\n"
                       "  scenario_index INTEGER NOT NULL";
    for (const auto& field : kpiFields()) {
        kpis += ",\n  " + field.name + " " + sqlType(field.type);
    }
    kpis += ",\n  PRIMARY KEY (run_id, scenario_index)\n) WITHOUT ROWID";
    const std::string monthly =
        realFiguresTable("CREATE TABLE IF NOT EXISTS monthly (\n"
                         "  run_id INTEGER NOT NULL,\n"
                         "  scenario_index INTEGER NOT NULL,\n"
                         "  month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12)",
                         monthlyFields(), "run_id, scenario_index, month");
    const std::string hourly =
        realFiguresTable("CREATE TABLE IF NOT EXISTS hourly (\n"
                         "  run_id INTEGER NOT NULL,\n"
                         "  scenario_index INTEGER NOT NULL,\n"
                         "  hour_index INTEGER NOT NULL,\n"
                         "  month INTEGER, day INTEGER, hour INTEGER,\n"
                         "  cooling_mode TEXT",
                         hourlyFields(), "run_id, scenario_index, hour_index");
    return {
        "CREATE TABLE IF NOT EXISTS runs (\n"
        "  run_id INTEGER PRIMARY KEY,\n"
        "  sweep_sha256 TEXT NOT NULL UNIQUE,\n"
        "  sweep_file TEXT NOT NULL,\n"
        "  base_site TEXT NOT NULL,\n"
        "  mode TEXT NOT NULL,\n"
        "  scenario_count INTEGER NOT NULL,\n"
        "  headroom_version TEXT NOT NULL\n"
        ")",
        "CREATE TABLE IF NOT EXISTS scenarios (\n"
        "  run_id INTEGER NOT NULL REFERENCES runs (run_id),\n"
        "  scenario_index INTEGER NOT NULL,\n"
        "  parameters TEXT NOT NULL,\n"
        "  scenario_hash TEXT NOT NULL,\n"
        "  site TEXT NOT NULL,\n"
        "  status TEXT NOT NULL CHECK (status IN ('ok', 'failed')),\n"
        "  PRIMARY KEY (run_id, scenario_index)\n"
        ") WITHOUT ROWID",
        kpis,
        monthly,
        "CREATE TABLE IF NOT EXISTS diagnostics (\n"
        "  run_id INTEGER NOT NULL,\n"
        "  scenario_index INTEGER NOT NULL,\n"
        "  seq INTEGER NOT NULL,\n"
        "  severity TEXT NOT NULL,\n"
        "  file TEXT NOT NULL, line INTEGER NOT NULL, col INTEGER NOT NULL,\n"
        "  pointer TEXT NOT NULL,\n"
        "  message TEXT NOT NULL,\n"
        "  PRIMARY KEY (run_id, scenario_index, seq)\n"
        ") WITHOUT ROWID",
        hourly,
        planYearsTable(),
        kPlanGenerationsTable,
        kPlanBandsTable,
        kPlanTornadoTable,
    };
}

} // namespace headroom::model
