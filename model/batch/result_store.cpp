#include "model/batch/result_store.h"

#include "model/batch/result_store_schema.h"

#include "model/core/version.h"
#include "model/report/csv_writer.h"
#include "model/report/json_summary.h"
#include "model/report/plan_report.h"

#include <functional>
#include <sqlite3.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::model {
namespace {

using namespace store_sql;

/// A prepared statement, finalized when it goes.
class Statement {
public:
    Statement() = default;
    Statement(sqlite3* db, const std::string& sql) {
        if (sqlite3_prepare_v3(db, sql.c_str(), -1, SQLITE_PREPARE_PERSISTENT, &m_statement,
                               nullptr) != SQLITE_OK) {
            m_statement = nullptr;
        }
    }
    ~Statement() { sqlite3_finalize(m_statement); }
    Statement(Statement&& other) noexcept
        : m_statement(other.m_statement) {
        other.m_statement = nullptr;
    }
    Statement& operator=(Statement&& other) noexcept {
        std::swap(m_statement, other.m_statement);
        return *this;
    }
    explicit operator bool() const { return m_statement != nullptr; }
    sqlite3_stmt* get() const { return m_statement; }

    void bind(int i, double value) {
        // NaN and infinity (an undefined ratio) are stored as NULL.
        if (std::isfinite(value)) {
            sqlite3_bind_double(m_statement, i, value);
        } else {
            sqlite3_bind_null(m_statement, i);
        }
    }
    void bind(int i, std::int64_t value) { sqlite3_bind_int64(m_statement, i, value); }
    void bind(int i, std::monostate) { sqlite3_bind_null(m_statement, i); }
    void bind(int i, const std::string& value) {
        sqlite3_bind_text(m_statement, i, value.data(), static_cast<int>(value.size()),
                          SQLITE_TRANSIENT);
    }
    /// Steps once and resets; true when the statement completed.
    bool run() {
        const int rc = sqlite3_step(m_statement);
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
        return rc == SQLITE_DONE || rc == SQLITE_ROW;
    }

private:
    sqlite3_stmt* m_statement = nullptr;
};

/// Binds every kpis column of result from column first on.
void bindKpis(Statement& statement, int first, const RunResult& result) {
    int column = first;
    for (const auto& field : kpiFields()) {
        std::visit([&](const auto& value) { statement.bind(column, value); }, field.get(result));
        ++column;
    }
}

/// One row of the scenarios table.
bool storeScenarioRow(Statement& statement, std::int64_t runId, std::int64_t index,
                      const std::string& parametersJson, const std::string& scenarioHash,
                      const std::string& siteName, const std::string& status) {
    statement.bind(1, runId);
    statement.bind(2, index);
    statement.bind(3, parametersJson);
    statement.bind(4, scenarioHash);
    statement.bind(5, siteName);
    statement.bind(6, status);
    return statement.run();
}

/// One row of the diagnostics table; seq numbers a scenario's diagnostics in order.
bool storeDiagnosticRow(Statement& statement, std::int64_t runId, std::int64_t index,
                        std::int64_t seq, const Diagnostic& d, const std::string& message) {
    statement.bind(1, runId);
    statement.bind(2, index);
    statement.bind(3, seq);
    statement.bind(4, std::string(severityName(d.severity)));
    statement.bind(5, d.file);
    statement.bind(6, std::int64_t{d.line});
    statement.bind(7, std::int64_t{d.column});
    statement.bind(8, d.pointer);
    statement.bind(9, message);
    return statement.run();
}

} // namespace

struct ResultStore::Statements {
    Statement scenario, kpi, monthly, diagnostic, hourly, planYear, planGeneration, planBand,
        planTornado;
};

ResultStore::ResultStore(sqlite3* db, std::filesystem::path path)
    : m_db(db)
    , m_path(std::move(path))
    , m_statements(std::make_unique<Statements>()) {}

ResultStore::~ResultStore() {
    m_statements.reset(); // statements before the connection
    sqlite3_close(m_db);
    if (m_lockFd >= 0) {
        ::close(m_lockFd); // releases the writer's lock
    }
}

Diagnostic ResultStore::failure(const std::string& what) const {
    Diagnostic diagnostic;
    diagnostic.file = m_path.string();
    diagnostic.kind = DiagnosticKind::Unreadable;
    diagnostic.message = what + ": " + sqlite3_errmsg(m_db);
    return diagnostic;
}

bool ResultStore::execute(const std::string& sql, Diagnostics& diagnostics) {
    char* error = nullptr;
    if (sqlite3_exec(m_db, sql.c_str(), nullptr, nullptr, &error) != SQLITE_OK) {
        Diagnostic diagnostic;
        diagnostic.file = m_path.string();
        diagnostic.kind = DiagnosticKind::Unreadable;
        diagnostic.message = std::string(error ? error : "SQLite error");
        sqlite3_free(error);
        diagnostics.add(diagnostic);
        return false;
    }
    return true;
}

namespace {

Diagnostic storeError(const std::filesystem::path& path, std::string message) {
    Diagnostic diagnostic;
    diagnostic.file = path.string();
    diagnostic.kind = DiagnosticKind::Unreadable;
    diagnostic.message = std::move(message);
    return diagnostic;
}

} // namespace

std::unique_ptr<ResultStore> ResultStore::open(const std::filesystem::path& path,
                                               Diagnostics& diagnostics) {
    // A new store is created here, O_EXCL|O_NOFOLLOW: never through a planted symlink.
    // EEXIST means it is there already (or another process just made it): opened below.
    const int created =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (created >= 0) {
        ::close(created);
    } else if (errno != EEXIST) {
        diagnostics.add(storeError(path, std::string("cannot create the result store: ") +
                                             std::strerror(errno)));
        return nullptr;
    }
    // One writer at a time: two batches started at once on a fresh store would both find
    // nothing done and both run every scenario. flock() is separate from SQLite's own
    // fcntl() locks and is released when the process ends, however it ends.
    const int lock = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    if (lock < 0) {
        diagnostics.add(
            storeError(path, std::string("cannot open the result store: ") + std::strerror(errno)));
        return nullptr;
    }
    struct stat info {};
    if (::fstat(lock, &info) != 0 || !S_ISREG(info.st_mode)) {
        ::close(lock);
        diagnostics.add(storeError(path, "the result store is not a regular file"));
        return nullptr;
    }
    if (::flock(lock, LOCK_EX | LOCK_NB) != 0) {
        ::close(lock);
        diagnostics.add(storeError(
            path, "another headroom-cli is writing this result store; wait for it to finish "
                  "(then --resume), or choose another --db"));
        return nullptr;
    }
    sqlite3* db = nullptr;
    const int rc = sqlite3_open_v2(
        path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW,
        nullptr);
    std::unique_ptr<ResultStore> store(new ResultStore(db, path));
    store->m_lockFd = lock;
    if (rc != SQLITE_OK) {
        diagnostics.add(store->failure("cannot open the result store"));
        return nullptr;
    }
    sqlite3_busy_timeout(db, 10000);
    // WAL: readers (the desktop app) never block the batch, and a killed writer leaves
    // only whole transactions. synchronous=NORMAL keeps WAL safe against a killed process
    // (what a batch meets) at a fraction of FULL's fsyncs.
    if (!store->execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", diagnostics)) {
        return nullptr;
    }
    int version = -1;
    {
        Statement query(db, "PRAGMA user_version");
        if (!query || sqlite3_step(query.get()) != SQLITE_ROW) {
            diagnostics.add(store->failure("not a Headroom result store"));
            return nullptr;
        }
        version = sqlite3_column_int(query.get(), 0);
    }
    if (version >= 1 && version < kResultStoreSchemaVersion && !store->upgrade(diagnostics)) {
        return nullptr;
    }
    if (version > kResultStoreSchemaVersion) {
        Diagnostic diagnostic;
        diagnostic.file = path.string();
        diagnostic.message = "result store schema version " + std::to_string(version) +
                             ", this Headroom reads version " +
                             std::to_string(kResultStoreSchemaVersion);
        diagnostics.add(diagnostic);
        return nullptr;
    }
    if (version == 0) {
        std::string sql = "BEGIN IMMEDIATE;";
        for (const auto& statement : resultStoreSchema()) {
            sql += statement + ";";
        }
        sql += "PRAGMA user_version=" + std::to_string(kResultStoreSchemaVersion) + "; COMMIT;";
        if (!store->execute(sql, diagnostics)) {
            return nullptr;
        }
    }
    auto& s = *store->m_statements;
    s.scenario = Statement(db, "INSERT OR IGNORE INTO scenarios VALUES (?, ?, ?, ?, ?, ?)");
    s.kpi = Statement(db, "INSERT OR IGNORE INTO kpis (run_id, scenario_index" + kpiColumns() +
                              ") VALUES (" + placeholders(kpiFields().size() + 2) + ")");
    s.monthly = Statement(db, "INSERT OR IGNORE INTO monthly (run_id, scenario_index, month" +
                                  monthlyColumns() + ") VALUES (" +
                                  placeholders(monthlyFields().size() + 3) + ")");
    s.diagnostic =
        Statement(db, "INSERT OR IGNORE INTO diagnostics VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    s.hourly =
        Statement(db, "INSERT OR IGNORE INTO hourly (run_id, scenario_index" + hourlyColumns() +
                          ") VALUES (" + placeholders(hourlyFields().size() + 7) + ")");
    s.planYear =
        Statement(db, "INSERT OR IGNORE INTO plan_years (run_id, scenario_index, year, "
                      "mean_warming_k, zero_water_months" +
                          kpiColumns() + ") VALUES (" + placeholders(kpiFields().size() + 5) + ")");
    s.planGeneration = Statement(
        db, std::string("INSERT OR IGNORE INTO plan_generations (run_id, scenario_index") +
                kPlanGenerationColumns + ") VALUES (" + placeholders(10) + ")");
    s.planBand = Statement(db, std::string("INSERT OR IGNORE INTO plan_bands (run_id, "
                                           "scenario_index") +
                                   kPlanBandColumns + ") VALUES (" + placeholders(7) + ")");
    s.planTornado = Statement(db, std::string("INSERT OR IGNORE INTO plan_tornado (run_id, "
                                              "scenario_index") +
                                      kPlanTornadoColumns + ") VALUES (" + placeholders(8) + ")");
    if (!s.scenario || !s.kpi || !s.monthly || !s.diagnostic || !s.hourly || !s.planYear ||
        !s.planGeneration || !s.planBand || !s.planTornado) {
        diagnostics.add(store->failure("the result store's tables do not match this version"));
        return nullptr;
    }
    return store;
}

std::optional<std::int64_t> ResultStore::ensureRun(const StoredRun& run, Diagnostics& diagnostics) {
    Statement insert(m_db, "INSERT OR IGNORE INTO runs (sweep_sha256, sweep_file, base_site, "
                           "mode, scenario_count, headroom_version) VALUES (?, ?, ?, ?, ?, ?)");
    insert.bind(1, run.sweepSha256);
    insert.bind(2, run.sweepFile);
    insert.bind(3, run.baseSite);
    insert.bind(4, run.mode);
    insert.bind(5, run.scenarioCount);
    insert.bind(6, std::string(kVersion));
    if (!insert || !insert.run()) {
        diagnostics.add(failure("cannot record the run"));
        return std::nullopt;
    }
    Statement query(m_db, "SELECT run_id FROM runs WHERE sweep_sha256 = ?");
    query.bind(1, run.sweepSha256);
    if (!query || sqlite3_step(query.get()) != SQLITE_ROW) {
        diagnostics.add(failure("cannot find the run"));
        return std::nullopt;
    }
    return sqlite3_column_int64(query.get(), 0);
}

std::vector<bool> ResultStore::finishedScenarios(std::int64_t runId, std::int64_t count) {
    std::vector<bool> finished(static_cast<std::size_t>(std::max<std::int64_t>(count, 0)), false);
    Statement query(m_db, "SELECT scenario_index FROM scenarios WHERE run_id = ?");
    query.bind(1, runId);
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        const auto index = sqlite3_column_int64(query.get(), 0);
        if (index >= 0 && index < count) {
            finished[static_cast<std::size_t>(index)] = true;
        }
    }
    return finished;
}

std::vector<std::pair<std::size_t, std::size_t>> ResultStore::finishedRuns(std::int64_t runId,
                                                                           std::int64_t count,
                                                                           std::size_t shardIndex,
                                                                           std::size_t shardCount) {
    std::vector<std::pair<std::size_t, std::size_t>> runs;
    const auto shards = static_cast<std::int64_t>(std::max<std::size_t>(shardCount, 1));
    // The primary key (run_id, scenario_index) serves this in order, without a sort.
    Statement query(m_db, "SELECT scenario_index FROM scenarios WHERE run_id = ? AND "
                          "scenario_index >= 0 AND scenario_index < ? AND scenario_index % ? = ? "
                          "ORDER BY scenario_index");
    query.bind(1, runId);
    query.bind(2, count);
    query.bind(3, shards);
    query.bind(4, static_cast<std::int64_t>(shardIndex));
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        const auto position = static_cast<std::size_t>(
            (sqlite3_column_int64(query.get(), 0) - static_cast<std::int64_t>(shardIndex)) /
            shards);
        if (!runs.empty() && runs.back().second == position) {
            ++runs.back().second;
        } else {
            runs.emplace_back(position, position + 1);
        }
    }
    return runs;
}

bool ResultStore::transaction(const std::string& failureMessage, Diagnostics& diagnostics,
                              const std::function<bool()>& body) {
    if (!begin(diagnostics)) {
        return false;
    }
    if (!body()) {
        rollBack(failureMessage, diagnostics);
        return false;
    }
    return commit(diagnostics);
}

void ResultStore::rollBack(const std::string& failureMessage, Diagnostics& diagnostics) {
    // Nothing of a half-stored scenario or plan stays behind, nor anything else uncommitted.
    diagnostics.add(failure(failureMessage));
    m_open = false;
    execute("ROLLBACK", diagnostics);
}

bool ResultStore::begin(Diagnostics& diagnostics) {
    if (m_open) {
        diagnostics.add(failure("a write transaction is already open")); // one at a time
        return false;
    }
    m_open = execute("BEGIN IMMEDIATE", diagnostics);
    return m_open;
}

bool ResultStore::commit(Diagnostics& diagnostics) {
    if (!m_open) {
        return false;
    }
    m_open = false;
    if (!execute("COMMIT", diagnostics)) {
        execute("ROLLBACK", diagnostics);
        return false;
    }
    return true;
}

bool ResultStore::write(std::int64_t runId, std::span<const ScenarioRecord> records,
                        bool withHourly, Diagnostics& diagnostics) {
    const std::string failureMessage = "cannot store a scenario";
    if (!m_open) {
        return transaction(failureMessage, diagnostics,
                           [&] { return writeRows(runId, records, withHourly); });
    }
    if (writeRows(runId, records, withHourly)) {
        return true;
    }
    rollBack(failureMessage, diagnostics);
    return false;
}

bool ResultStore::writeRows(std::int64_t runId, std::span<const ScenarioRecord> records,
                            bool withHourly) {
    auto& s = *m_statements;
    bool ok = true;
    for (const auto& record : records) {
        const RunResult* result = record.result;
        ok = ok && storeScenarioRow(s.scenario, runId, record.index, record.parametersJson,
                                    record.scenarioHash, result ? result->siteName : std::string(),
                                    result ? "ok" : "failed");

        std::int64_t seq = 0;
        auto addDiagnostics = [&](const Diagnostics& list) {
            for (const auto& d : list.items()) {
                ok = ok &&
                     storeDiagnosticRow(s.diagnostic, runId, record.index, seq++, d, d.message);
            }
        };
        addDiagnostics(record.diagnostics);
        if (!result) {
            continue;
        }
        addDiagnostics(result->diagnostics);

        s.kpi.bind(1, runId);
        s.kpi.bind(2, record.index);
        bindKpis(s.kpi, 3, *result);
        ok = ok && s.kpi.run();

        for (std::size_t month = 0; month < 12; ++month) {
            s.monthly.bind(1, runId);
            s.monthly.bind(2, record.index);
            s.monthly.bind(3, static_cast<std::int64_t>(month + 1));
            int column = 4;
            for (const auto& field : monthlyFields()) {
                if (const auto value = monthlyValue(field, result->monthly, month)) {
                    s.monthly.bind(column++, *value);
                } else {
                    s.monthly.bind(column++, std::monostate());
                }
            }
            ok = ok && s.monthly.run();
        }

        if (withHourly) {
            const HourlyResults& h = result->hourly;
            for (std::size_t i = 0; i < h.hours(); ++i) {
                s.hourly.bind(1, runId);
                s.hourly.bind(2, record.index);
                s.hourly.bind(3, static_cast<std::int64_t>(i));
                s.hourly.bind(4, std::int64_t{i < h.month.size() ? h.month[i] : 0});
                s.hourly.bind(5, std::int64_t{i < h.day.size() ? h.day[i] : 0});
                s.hourly.bind(6, std::int64_t{i < h.hour.size() ? h.hour[i] : 0});
                s.hourly.bind(7, std::string(i < h.mode.size() ? coolingModeName(h.mode[i]) : ""));
                int column = 8;
                for (const auto& field : hourlyFields()) {
                    const auto& series = h.*field.values;
                    s.hourly.bind(column++, i < series.size() ? series[i] : std::nan(""));
                }
                ok = ok && s.hourly.run();
            }
        }
    }
    return ok;
}

bool ResultStore::writePlan(std::int64_t runId, std::int64_t index,
                            const std::string& parametersJson, const PlanResult& plan,
                            Diagnostics& diagnostics) {
    return transaction("cannot store the plan", diagnostics, [&] {
        auto& s = *m_statements;
        bool ok = storeScenarioRow(s.scenario, runId, index, parametersJson, plan.scenarioHash,
                                   plan.siteName, "ok");
        std::int64_t seq = 0;
        for (const PlanYearResult& year : plan.years) {
            std::string months;
            for (const int month : year.result.annual.zeroWaterMonths) {
                months += (months.empty() ? "" : " ") + std::to_string(month);
            }
            s.planYear.bind(1, runId);
            s.planYear.bind(2, index);
            s.planYear.bind(3, std::int64_t{year.year});
            s.planYear.bind(4, year.meanWarmingK);
            s.planYear.bind(5, months);
            bindKpis(s.planYear, 6, year.result);
            ok = ok && s.planYear.run();
            for (const PlanGeneration& g : year.generations) {
                s.planGeneration.bind(1, runId);
                s.planGeneration.bind(2, index);
                s.planGeneration.bind(3, std::int64_t{year.year});
                s.planGeneration.bind(4, g.platformId);
                s.planGeneration.bind(5, g.chipId);
                s.planGeneration.bind(6, std::int64_t{g.buildings});
                s.planGeneration.bind(7, std::int64_t{g.ultraServers});
                s.planGeneration.bind(8, std::int64_t{g.chips});
                s.planGeneration.bind(9, g.deployedItMw);
                s.planGeneration.bind(10, std::int64_t{g.halls});
                ok = ok && s.planGeneration.run();
            }
            for (const auto& d : year.result.diagnostics.items()) {
                ok = ok && storeDiagnosticRow(s.diagnostic, runId, index, seq++, d,
                                              std::to_string(year.year) + ": " + d.message);
            }
        }
        if (plan.uncertainty) {
            const PlanUncertaintyResult& u = *plan.uncertainty;
            const auto band = [&](const std::string& period, const std::string& figure,
                                  const PlanBand& b) {
                s.planBand.bind(1, runId);
                s.planBand.bind(2, index);
                s.planBand.bind(3, period);
                s.planBand.bind(4, figure);
                s.planBand.bind(5, b.p10); // NaN binds as NULL
                s.planBand.bind(6, b.p50);
                s.planBand.bind(7, b.p90);
                ok = ok && s.planBand.run();
            };
            for (std::size_t y = 0; y < u.years.size() && y < plan.years.size(); ++y) {
                for (std::size_t f = 0; f < u.yearFigures.size(); ++f) {
                    band(std::to_string(plan.years[y].year), u.yearFigures[f], u.years[y][f]);
                }
            }
            for (std::size_t f = 0; f < u.horizon.size(); ++f) {
                band("horizon", u.horizonFigures[f], u.horizon[f]);
            }
            for (const PlanTornadoInput& bar : u.tornado) {
                for (std::size_t f = 0; f < u.horizonFigures.size(); ++f) {
                    s.planTornado.bind(1, runId);
                    s.planTornado.bind(2, index);
                    s.planTornado.bind(3, planInputName(bar.declared.input));
                    s.planTornado.bind(4, u.horizonFigures[f]);
                    s.planTornado.bind(5, bar.low);
                    s.planTornado.bind(6, bar.high);
                    s.planTornado.bind(7, bar.atLow[f]);
                    s.planTornado.bind(8, bar.atHigh[f]);
                    ok = ok && s.planTornado.run();
                }
            }
        }
        return ok;
    });
}

std::string ResultStore::summaryCsv(std::int64_t runId) {
    std::string text;
    writeSummaryCsv(runId, [&](std::string_view row) {
        text += row;
        return true;
    });
    return text;
}

void ResultStore::writeSummaryCsv(std::int64_t runId, const ByteSink& sink) {
    std::vector<std::string> header = {"scenario_index", "parameters", "site", "scenario_hash"};
    for (const auto& field : kpiFields()) {
        header.push_back(field.name);
    }
    if (!sink(csvRow(header))) {
        return;
    }
    Statement query(m_db, "SELECT s.scenario_index, s.parameters, s.site, s.scenario_hash" +
                              kpiColumns() +
                              " FROM scenarios s JOIN kpis USING (run_id, scenario_index)"
                              " WHERE run_id = ? ORDER BY s.scenario_index");
    query.bind(1, runId);
    std::vector<std::string> fields;
    while (query && sqlite3_step(query.get()) == SQLITE_ROW) {
        fields.clear();
        for (int c = 0; c < sqlite3_column_count(query.get()); ++c) {
            switch (sqlite3_column_type(query.get(), c)) {
            case SQLITE_NULL:
                fields.emplace_back();
                break;
            case SQLITE_FLOAT:
                // The same shortest round-trip text as the CSV report writer.
                fields.push_back(formatNumber(sqlite3_column_double(query.get(), c)));
                break;
            default:
                fields.emplace_back(
                    reinterpret_cast<const char*>(sqlite3_column_text(query.get(), c)));
            }
        }
        if (!sink(csvRow(fields))) {
            return;
        }
    }
}

bool ResultStore::upgrade(Diagnostics& diagnostics) {
    // Columns are only ever added between versions (a version-1 store lacks the
    // envelope-excursion hours): each missing one is added, NULL in the rows written
    // before, because that Headroom did not count them.
    std::string sql = "BEGIN IMMEDIATE;";
    // Tables are only ever added too (version 7: the plan's, 8: its uncertainty's), made
    // here when missing.
    for (const auto& statement : resultStoreSchema()) {
        sql += statement + ";";
    }
    const auto addMissing = [&](const std::string& table, const std::string& column,
                                const char* type) {
        Statement info(m_db, "SELECT 1 FROM pragma_table_info('" + table + "') WHERE name = ?");
        info.bind(1, column);
        const bool present = info && sqlite3_step(info.get()) == SQLITE_ROW;
        if (!present) {
            sql += "ALTER TABLE " + table + " ADD COLUMN " + column + " " + type + ";";
        }
    };
    for (const auto& field : kpiFields()) {
        addMissing("kpis", field.name, sqlType(field.type));
    }
    // Version 3 renamed source_water_m3 (which held the grid's water only) grid_water_m3.
    Statement renamed(m_db,
                      "SELECT 1 FROM pragma_table_info('kpis') WHERE name = 'source_water_m3'");
    if (renamed && sqlite3_step(renamed.get()) == SQLITE_ROW) {
        sql += "UPDATE kpis SET grid_water_m3 = source_water_m3 WHERE grid_water_m3 IS NULL;";
    }
    for (const auto& field : monthlyFields()) {
        addMissing("monthly", field.name, "REAL");
    }
    // Version 11 counts the halls of a plan year's generations (a phase can energize part
    // of a building); a store older than 7 gets the whole table above.
    Statement generations(m_db, "SELECT 1 FROM sqlite_master WHERE name = 'plan_generations'");
    if (generations && sqlite3_step(generations.get()) == SQLITE_ROW) {
        addMissing("plan_generations", "halls", "INTEGER");
    }
    sql += "PRAGMA user_version=" + std::to_string(kResultStoreSchemaVersion) + "; COMMIT;";
    if (!execute(sql, diagnostics)) {
        Diagnostics ignored;
        execute("ROLLBACK", ignored);
        return false;
    }
    return true;
}

bool ResultStore::mergeFrom(const std::filesystem::path& other, Diagnostics& diagnostics) {
    {
        // Open it first on its own: a missing, foreign or newer file is a clear error.
        Diagnostics openDiagnostics;
        if (!std::filesystem::exists(other)) {
            Diagnostic diagnostic;
            diagnostic.file = other.string();
            diagnostic.kind = DiagnosticKind::NotFound;
            diagnostic.message = "no such file";
            diagnostics.add(diagnostic);
            return false;
        }
        if (!open(other, openDiagnostics)) {
            diagnostics.append(openDiagnostics);
            return false;
        }
    }
    Statement attach(m_db, "ATTACH DATABASE ? AS source");
    attach.bind(1, other.string());
    if (!attach || !attach.run()) {
        diagnostics.add(failure("cannot attach " + other.string()));
        return false;
    }
    bool ok = execute("BEGIN IMMEDIATE", diagnostics);
    Statement runs(m_db, "SELECT run_id, sweep_sha256, sweep_file, base_site, mode, "
                         "scenario_count FROM source.runs ORDER BY run_id");
    std::vector<std::pair<std::int64_t, StoredRun>> sourceRuns;
    while (ok && runs && sqlite3_step(runs.get()) == SQLITE_ROW) {
        auto text = [&](int column) {
            const auto* value = sqlite3_column_text(runs.get(), column);
            return std::string(value ? reinterpret_cast<const char*>(value) : "");
        };
        StoredRun run{text(1), text(2), text(3), text(4), sqlite3_column_int64(runs.get(), 5)};
        sourceRuns.emplace_back(sqlite3_column_int64(runs.get(), 0), run);
    }
    runs = Statement();
    for (const auto& [sourceId, run] : sourceRuns) {
        const auto targetId = ensureRun(run, diagnostics);
        if (!targetId) {
            ok = false;
            break;
        }
        const std::string ids = std::to_string(*targetId) + ", ";
        const std::string where = " WHERE run_id = " + std::to_string(sourceId);
        const std::string tables[][2] = {
            {"scenarios", ", parameters, scenario_hash, site, status"},
            {"kpis", kpiColumns()},
            {"monthly", ", month" + monthlyColumns()},
            {"diagnostics", ", seq, severity, file, line, col, pointer, message"},
            {"hourly", hourlyColumns()},
            {"plan_years", ", year, mean_warming_k, zero_water_months" + kpiColumns()},
            {"plan_generations", kPlanGenerationColumns},
            {"plan_bands", kPlanBandColumns},
            {"plan_tornado", kPlanTornadoColumns},
        };
        for (const auto& [table, columns] : tables) {
            ok = ok && execute("INSERT OR IGNORE INTO main." + table + " (run_id, scenario_index" +
                                   columns + ") SELECT " + ids + "scenario_index" + columns +
                                   " FROM source." + table + where,
                               diagnostics);
        }
    }
    ok = ok && execute("COMMIT", diagnostics);
    if (!ok) {
        Diagnostics ignored;
        execute("ROLLBACK", ignored);
    }
    Diagnostics ignored;
    execute("DETACH DATABASE source", ignored);
    return ok;
}

} // namespace headroom::model
