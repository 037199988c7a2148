#pragma once
// The batch result store: one SQLite file, schema versioned by PRAGMA user_version and
// documented in README.md ("Result store"). Tables: runs (one per sweep, keyed by the
// sweep's SHA-256), scenarios, kpis (one row per scenario, the summary's scalar fields as
// columns), monthly (12 rows per scenario), diagnostics, hourly (only when asked), and for
// a plan over years plan_years (one row per year, the kpis columns) and plan_generations.
// WAL mode; every write() is one transaction, or joins the one begin() opened until commit(),
// so a batch killed at any instant keeps each committed scenario and leaves a database that
// passes PRAGMA integrity_check. Rows are
// keyed by (run_id, scenario_index): content is the same whatever order they come in.

#include "model/core/atomic_file.h"
#include "model/core/diagnostic.h"
#include "model/result/plan_result.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

struct sqlite3;

namespace headroom::model {

/// 2 added the hours outside the supply envelope (kpis and monthly); a version-1 store is
/// upgraded when opened, its earlier rows NULL in the new columns.
/// 3 (issue 14): the kpis column source_water_m3 became grid_water_m3 (copied over on
/// upgrade), design_hour_it_mw and it_nameplate_mw were added, and peak_pflops_* may be
/// NULL (a rate not published).
/// 4 (issue 16): the kpis columns headroom_mw (headroom under the binding constraint) and
/// thermal_climate_zone.
/// 5 (issue 22): the kpis columns of the workloads: time, MFU, throughput, energy, water
/// and carbon of the first training run (and the season's effect on them), and per
/// million tokens of the first inference service, tokens per kWh, litre and kg CO2e.
/// 6 (issue 20): the cost_* columns (capital by line, operating cost, TCO), NULL in runs of a
/// site without a /cost section.
/// 7 (issue 19): the tables plan_years and plan_generations, a plan's years.
/// 8 (issue 19): the tables plan_bands and plan_tornado, a plan's uncertainty.
/// 9 (issue 20): the embodied_carbon_* columns (embodied by part, lifecycle carbon a year, per
/// peak PFLOP-hour and per training run), NULL in runs of a site without /cost.
/// 10 (issue 20): the cfe_* columns (24/7 carbon-free energy, contracts matched hourly and
/// annually, hours short), NULL in runs of a site without /clean_energy; the water_stress_*
/// columns, NULL without /water_stress; cost_training_run_usd.
/// 11 (issue 19): the plan_generations column halls (a phase can energize part of a
/// building), NULL in rows written before.
inline constexpr int kResultStoreSchemaVersion = 11;

/// What identifies a sweep in the store.
struct StoredRun {
    std::string sweepSha256; ///< of the sweep file's bytes (or the site's, for one run)
    std::string sweepFile;   ///< as given on the command line
    std::string baseSite;
    std::string mode;
    std::int64_t scenarioCount = 0;
};

/// One finished scenario: its parameters and either a result or the reason it failed.
struct ScenarioRecord {
    std::int64_t index = 0;
    std::string parametersJson;        ///< canonical JSON object: pointer -> value
    std::string scenarioHash;          ///< empty when the scenario never became a site
    const RunResult* result = nullptr; ///< nullptr when the scenario failed
    Diagnostics diagnostics;           ///< of reading the scenario (the result has its own)
};

class ResultStore {
public:
    /// Opens or creates path for writing; nullopt-like empty pointer and a diagnostic on
    /// failure (a file that is not SQLite, has a schema this version does not know, or
    /// another process has open for writing: one writer at a time, until destruction).
    static std::unique_ptr<ResultStore> open(const std::filesystem::path& path,
                                             Diagnostics& diagnostics);
    ~ResultStore();
    ResultStore(const ResultStore&) = delete;
    ResultStore& operator=(const ResultStore&) = delete;

    /// The run_id of the sweep, inserting its row when new.
    std::optional<std::int64_t> ensureRun(const StoredRun& run, Diagnostics& diagnostics);
    /// For each scenario index below count: whether it has a row (finished or failed).
    /// count bits: for small sweeps; a batch asks for finishedRuns instead.
    std::vector<bool> finishedScenarios(std::int64_t runId, std::int64_t count);
    /// The shard's finished scenarios (indices i < count, i % shardCount == shardIndex) as
    /// sorted runs [begin, end) of shard positions (i = shardIndex + p x shardCount), read
    /// in index order: memory grows with the gaps between them, never with count.
    std::vector<std::pair<std::size_t, std::size_t>> finishedRuns(std::int64_t runId,
                                                                  std::int64_t count,
                                                                  std::size_t shardIndex,
                                                                  std::size_t shardCount);
    /// Writes the records in one transaction (hourly rows only when withHourly), or in the
    /// transaction begin() opened. A failed write rolls back that whole transaction.
    bool write(std::int64_t runId, std::span<const ScenarioRecord> records, bool withHourly,
               Diagnostics& diagnostics);
    /// Opens a write transaction that the write() calls after it join until commit(): the
    /// batch's writer stores scenarios as they finish and commits them every moment, not a
    /// few at a time (each commit writes the tables' last pages to the WAL again).
    bool begin(Diagnostics& diagnostics);
    /// Commits the transaction begin() opened; true when there was one and it committed.
    bool commit(Diagnostics& diagnostics);
    bool inTransaction() const { return m_open; }
    /// Writes a plan (`headroom-cli plan --db`) as scenario index of runId, in one
    /// transaction: its scenarios row, its years (plan_years, the kpis columns of each
    /// year's run), their generations and the years' diagnostics; with its uncertainty,
    /// the bands (plan_bands) and the tornado (plan_tornado).
    bool writePlan(std::int64_t runId, std::int64_t index, const std::string& parametersJson,
                   const PlanResult& plan, Diagnostics& diagnostics);
    /// Copies every run of another store into this one; a scenario already here is kept.
    bool mergeFrom(const std::filesystem::path& other, Diagnostics& diagnostics);

    /// The run's finished scenarios as RFC 4180 CSV, one row each in scenario order:
    /// scenario_index, parameters, site, scenario_hash, then the kpis columns.
    std::string summaryCsv(std::int64_t runId);
    /// The same, row by row into sink (a sweep of millions does not fit in a string).
    void writeSummaryCsv(std::int64_t runId, const ByteSink& sink);

    sqlite3* handle() const { return m_db; }

private:
    explicit ResultStore(sqlite3* db, std::filesystem::path path);
    bool execute(const std::string& sql, Diagnostics& diagnostics);
    /// Runs body in one write transaction: committed when it returns true, rolled back (and
    /// failureMessage added) when it returns false.
    bool transaction(const std::string& failureMessage, Diagnostics& diagnostics,
                     const std::function<bool()>& body);
    /// Abandons the open transaction (failureMessage added): none of its rows stay.
    void rollBack(const std::string& failureMessage, Diagnostics& diagnostics);
    /// The rows of write(), in whatever transaction is open; false when one failed.
    bool writeRows(std::int64_t runId, std::span<const ScenarioRecord> records, bool withHourly);
    /// Adds the kpis and monthly columns a store of an older version lacks, and sets
    /// user_version, in one transaction.
    bool upgrade(Diagnostics& diagnostics);
    Diagnostic failure(const std::string& what) const;

    struct Statements;
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
    std::unique_ptr<Statements> m_statements;
    int m_lockFd = -1;   ///< holds the one-writer flock() while the store is open
    bool m_open = false; ///< a transaction begin() opened is open
};

/// The CREATE statements of the current schema, in order (for the README and tests).
std::vector<std::string> resultStoreSchema();

} // namespace headroom::model
