#pragma once
// Tests only: the content of a result store as text, table by table in key order, so two
// stores can be compared by content rather than by file bytes.

#include <sqlite3.h>

#include <filesystem>
#include <string>

namespace headroom::model::testing {

inline std::string sqliteQueryText(sqlite3* db, const std::string& sql) {
    std::string text;
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &statement, nullptr) != SQLITE_OK) {
        return "error: " + std::string(sqlite3_errmsg(db));
    }
    while (sqlite3_step(statement) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(statement); ++c) {
            const auto* value = sqlite3_column_text(statement, c);
            text += value ? reinterpret_cast<const char*>(value) : "NULL";
            text += '|';
        }
        text += '\n';
    }
    sqlite3_finalize(statement);
    return text;
}

/// Every table's rows in primary-key order; the runs table without run_id-independent
/// columns left out (it has none: version and sweep identity are part of the content).
inline std::string dumpResultStore(const std::filesystem::path& path, bool withHourly = true) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open " + path.string();
    }
    std::string text = "user_version " + sqliteQueryText(db, "PRAGMA user_version");
    text += "runs\n" + sqliteQueryText(db, "SELECT * FROM runs ORDER BY run_id");
    text += "scenarios\n" +
            sqliteQueryText(db, "SELECT * FROM scenarios ORDER BY run_id, scenario_index");
    text += "kpis\n" + sqliteQueryText(db, "SELECT * FROM kpis ORDER BY run_id, scenario_index");
    text += "monthly\n" +
            sqliteQueryText(db, "SELECT * FROM monthly ORDER BY run_id, scenario_index, month");
    text += "diagnostics\n" +
            sqliteQueryText(db, "SELECT * FROM diagnostics ORDER BY run_id, scenario_index, seq");
    text += "plan_years\n" + sqliteQueryText(db, "SELECT * FROM plan_years ORDER BY run_id, "
                                                 "scenario_index, year");
    text += "plan_generations\n" + sqliteQueryText(db, "SELECT * FROM plan_generations ORDER BY "
                                                       "run_id, scenario_index, year, platform");
    text += "plan_bands\n" + sqliteQueryText(db, "SELECT * FROM plan_bands ORDER BY run_id, "
                                                 "scenario_index, period, figure");
    text += "plan_tornado\n" + sqliteQueryText(db, "SELECT * FROM plan_tornado ORDER BY "
                                                   "run_id, scenario_index, input, figure");
    if (withHourly) {
        text += "hourly\n" + sqliteQueryText(db, "SELECT * FROM hourly ORDER BY run_id, "
                                                 "scenario_index, hour_index");
    }
    sqlite3_close(db);
    return text;
}

/// PRAGMA integrity_check of a store, opened as the next batch would open it: read-write,
/// so that a transaction a killed batch left half-written (a hot rollback journal, which
/// a read-only connection cannot undo: "attempt to write a readonly database") is rolled
/// back first, as SQLite's recovery does for every writer.
inline std::string integrityCheck(const std::filesystem::path& path) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open";
    }
    std::string text = sqliteQueryText(db, "PRAGMA integrity_check");
    sqlite3_close(db);
    return text;
}

} // namespace headroom::model::testing
