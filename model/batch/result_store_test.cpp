// The result store: schema, one transaction per write, order-independent content,
// resume bookkeeping and merging of shards.
#include "model/batch/result_store.h"
#include "model/batch/store_dump.h"
#include "model/report/json_summary.h"
#include "model/report/synthetic_run_result.h"
#include "model/result/plan_result.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace headroom::model {
namespace {

class ResultStoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("headroom-store-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
        for (int i = 0; i < 6; ++i) {
            m_results.push_back(
                testing::syntheticRunResult(1.0 + 0.1 * i, "Site " + std::to_string(i)));
        }
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    ScenarioRecord record(int i) const {
        ScenarioRecord r;
        r.index = i;
        r.parametersJson = "{\"/cooling/supply_air/max\":\"" + std::to_string(20 + i) + " degC\"}";
        r.scenarioHash = m_results[static_cast<std::size_t>(i)].scenarioHash;
        r.result = &m_results[static_cast<std::size_t>(i)];
        return r;
    }

    /// Writes the given scenario indices, one transaction each, into path.
    void writeAll(const std::filesystem::path& path, std::vector<int> order, bool hourly = false) {
        Diagnostics diagnostics;
        auto store = ResultStore::open(path, diagnostics);
        ASSERT_TRUE(store) << formatDiagnostic(diagnostics.items().front());
        const auto runId = store->ensureRun(m_run, diagnostics);
        ASSERT_TRUE(runId);
        for (const int i : order) {
            const ScenarioRecord one = record(i);
            ASSERT_TRUE(store->write(*runId, std::span(&one, 1), hourly, diagnostics));
        }
    }

    /// A plan of two years, each with a Trn2 and a Trn3 generation.
    PlanResult twoYearPlan() const {
        PlanResult plan;
        plan.siteName = "Plan site";
        plan.scenarioHash = "cafe";
        plan.firstYear = 2030;
        plan.lastYear = 2031;
        for (int i = 0; i < 2; ++i) {
            PlanYearResult year;
            year.year = 2030 + i;
            year.meanWarmingK = 0.1 * i;
            year.generations = {{.platformId = "trn2-ultraserver",
                                 .chipId = "trainium2",
                                 .buildings = 3,
                                 .halls = 12,
                                 .ultraServers = 100 + i,
                                 .chips = 6400 + 64 * i,
                                 .deployedItMw = 50.0},
                                {.platformId = "trn3-ultraserver",
                                 .chipId = "trainium3",
                                 .buildings = 2,
                                 .halls = 7,
                                 .ultraServers = 40,
                                 .chips = 5120,
                                 .deployedItMw = 30.0}};
            year.result = m_results[static_cast<std::size_t>(i)];
            plan.years.push_back(std::move(year));
        }
        return plan;
    }

    /// Makes the store at path look like one an earlier Headroom wrote: runs sql on it.
    static void asAnEarlierVersion(const std::filesystem::path& path, const char* sql) {
        sqlite3* db = nullptr;
        ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
        EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK)
            << sqlite3_errmsg(db);
        sqlite3_close(db);
    }

    /// Writes plan as scenario `index` of a plan run into path.
    void writePlan(const std::filesystem::path& path, const PlanResult& plan, int index = 0) {
        Diagnostics diagnostics;
        auto store = ResultStore::open(path, diagnostics);
        ASSERT_TRUE(store) << formatDiagnostic(diagnostics.items().front());
        const auto runId =
            store->ensureRun({"beef", "plan.json", "plan.json", "plan", 2}, diagnostics);
        ASSERT_TRUE(runId);
        ASSERT_TRUE(store->writePlan(*runId, index, "{}", plan, diagnostics));
    }

    std::filesystem::path m_dir;
    std::vector<RunResult> m_results;
    StoredRun m_run{"feedbeef", "sweep.json", "site.json", "cartesian", 6};
};

TEST_F(ResultStoreTest, ContentDoesNotDependOnWriteOrder) {
    writeAll(m_dir / "a.sqlite", {0, 1, 2, 3, 4, 5});
    writeAll(m_dir / "b.sqlite", {5, 3, 1, 0, 2, 4});
    const std::string a = testing::dumpResultStore(m_dir / "a.sqlite");
    EXPECT_EQ(a, testing::dumpResultStore(m_dir / "b.sqlite"));
    EXPECT_NE(a.find("Site 3"), std::string::npos);
    EXPECT_EQ(testing::integrityCheck(m_dir / "a.sqlite"), "ok|\n");
}

TEST_F(ResultStoreTest, WritesInOneOpenTransactionEqualOneTransactionEach) {
    writeAll(m_dir / "each.sqlite", {0, 1, 2, 3, 4, 5}, true);
    Diagnostics diagnostics;
    {
        auto store = ResultStore::open(m_dir / "open.sqlite", diagnostics);
        ASSERT_TRUE(store);
        const auto runId = store->ensureRun(m_run, diagnostics);
        ASSERT_TRUE(store->begin(diagnostics));
        EXPECT_TRUE(store->inTransaction());
        EXPECT_FALSE(store->begin(diagnostics)) << "one transaction at a time";
        const std::vector<ScenarioRecord> first{record(0), record(1)};
        const std::vector<ScenarioRecord> second{record(2), record(3), record(4), record(5)};
        ASSERT_TRUE(store->write(*runId, first, true, diagnostics));
        ASSERT_TRUE(store->write(*runId, second, true, diagnostics));
        // Nothing is visible to another connection before the commit.
        EXPECT_EQ(testing::dumpResultStore(m_dir / "open.sqlite").find("Site 0"),
                  std::string::npos);
        ASSERT_TRUE(store->commit(diagnostics));
        EXPECT_FALSE(store->inTransaction());
        EXPECT_FALSE(store->commit(diagnostics)) << "nothing left to commit";
    }
    EXPECT_EQ(testing::dumpResultStore(m_dir / "open.sqlite"),
              testing::dumpResultStore(m_dir / "each.sqlite"));
    EXPECT_EQ(testing::integrityCheck(m_dir / "open.sqlite"), "ok|\n");
}

TEST_F(ResultStoreTest, AFailedWriteRollsBackItsWholeOpenTransaction) {
    writeAll(m_dir / "s.sqlite", {0});
    Diagnostics diagnostics;
    auto store = ResultStore::open(m_dir / "s.sqlite", diagnostics);
    ASSERT_TRUE(store);
    const auto runId = store->ensureRun(m_run, diagnostics);
    ASSERT_TRUE(store->begin(diagnostics));
    const ScenarioRecord one = record(1);
    ASSERT_TRUE(store->write(*runId, std::span(&one, 1), false, diagnostics));
    // A write that fails (its table is gone) takes the scenario written before it along.
    ASSERT_EQ(sqlite3_exec(store->handle(), "DROP TABLE monthly", nullptr, nullptr, nullptr),
              SQLITE_OK);
    const ScenarioRecord two = record(2);
    EXPECT_FALSE(store->write(*runId, std::span(&two, 1), false, diagnostics));
    EXPECT_TRUE(diagnostics.hasErrors());
    EXPECT_FALSE(store->inTransaction());
    EXPECT_EQ(store->finishedScenarios(*runId, 3), (std::vector<bool>{true, false, false}));
    EXPECT_EQ(testing::sqliteQueryText(store->handle(), "SELECT count(*) FROM monthly"), "12|\n")
        << "the dropped table is back: it was dropped inside the rolled-back transaction";
}

TEST_F(ResultStoreTest, RowsPerScenarioAndValues) {
    writeAll(m_dir / "s.sqlite", {0, 1, 2}, true);
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open((m_dir / "s.sqlite").c_str(), &db), SQLITE_OK);
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT count(*) FROM kpis"), "3|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT count(*) FROM monthly"), "36|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT count(*) FROM hourly"), "26280|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT count(*) FROM diagnostics"), "3|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "PRAGMA journal_mode"), "wal|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "PRAGMA user_version"),
              std::to_string(kResultStoreSchemaVersion) + "|\n");
    // Stored doubles read back exactly (SQLite REAL is IEEE 754 binary64).
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db,
                       "SELECT k.water_m3, sum(m.water_m3), k.binding_constraint FROM kpis k "
                       "JOIN monthly m USING (run_id, scenario_index) WHERE k.scenario_index = 1",
                       -1, &statement, nullptr);
    ASSERT_EQ(sqlite3_step(statement), SQLITE_ROW);
    EXPECT_EQ(sqlite3_column_double(statement, 0), m_results[1].annual.waterM3);
    // Tolerance: 12 monthly terms summed in SQLite's order, 1e-12 relative.
    EXPECT_NEAR(sqlite3_column_double(statement, 1), m_results[1].annual.waterM3,
                1e-12 * m_results[1].annual.waterM3);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(statement, 2)), "cooling");
    sqlite3_finalize(statement);
    // Issue 14: the hours outside the envelope, in kpis and by month.
    ASSERT_GT(m_results[1].annual.hoursTooDry, 0);
    EXPECT_EQ(testing::sqliteQueryText(
                  db, "SELECT k.hours_outside_envelope, k.hours_too_dry, sum(m.hours_too_dry) "
                      "FROM kpis k JOIN monthly m USING (run_id, scenario_index) WHERE "
                      "k.scenario_index = 1"),
              std::to_string(m_results[1].annual.hoursOutsideEnvelope) + "|" +
                  std::to_string(m_results[1].annual.hoursTooDry) + "|" +
                  std::to_string(m_results[1].annual.hoursTooDry) + ".0|\n");
    sqlite3_close(db);
}

TEST_F(ResultStoreTest, FinishedScenariosAndNoDuplicates) {
    writeAll(m_dir / "r.sqlite", {0, 2, 4});
    writeAll(m_dir / "r.sqlite", {2, 3}); // 2 again: ignored, not duplicated
    Diagnostics diagnostics;
    auto store = ResultStore::open(m_dir / "r.sqlite", diagnostics);
    ASSERT_TRUE(store);
    const auto runId = store->ensureRun(m_run, diagnostics);
    ASSERT_EQ(runId, 1);
    EXPECT_EQ(store->finishedScenarios(*runId, 6),
              (std::vector<bool>{true, false, true, true, true, false}));
    EXPECT_EQ(testing::sqliteQueryText(store->handle(), "SELECT count(*) FROM kpis"), "4|\n");
}

TEST_F(ResultStoreTest, AFailedScenarioKeepsItsDiagnostics) {
    Diagnostics diagnostics;
    auto store = ResultStore::open(m_dir / "f.sqlite", diagnostics);
    ASSERT_TRUE(store);
    const auto runId = store->ensureRun(m_run, diagnostics);
    ScenarioRecord failed;
    failed.index = 3;
    failed.parametersJson = "{}";
    Diagnostic why;
    why.file = "site.json";
    why.line = 4;
    why.column = 7;
    why.pointer = "/cooling/supply_air/max";
    why.message = "expected a temperature, got \"27 MW\"";
    failed.diagnostics.add(why);
    ASSERT_TRUE(store->write(*runId, std::span(&failed, 1), false, diagnostics));
    EXPECT_EQ(testing::sqliteQueryText(store->handle(), "SELECT status FROM scenarios"),
              "failed|\n");
    EXPECT_EQ(
        testing::sqliteQueryText(store->handle(), "SELECT line, col, message FROM diagnostics"),
        "4|7|expected a temperature, got \"27 MW\"|\n");
    EXPECT_EQ(testing::sqliteQueryText(store->handle(), "SELECT count(*) FROM kpis"), "0|\n");
}

TEST_F(ResultStoreTest, MergedShardsEqualTheFullRun) {
    writeAll(m_dir / "full.sqlite", {0, 1, 2, 3, 4, 5}, true);
    writeAll(m_dir / "s1.sqlite", {0, 2, 4}, true);
    writeAll(m_dir / "s2.sqlite", {1, 3, 5}, true);
    Diagnostics diagnostics;
    {
        auto merged = ResultStore::open(m_dir / "all.sqlite", diagnostics);
        ASSERT_TRUE(merged);
        ASSERT_TRUE(merged->mergeFrom(m_dir / "s2.sqlite", diagnostics));
        ASSERT_TRUE(merged->mergeFrom(m_dir / "s1.sqlite", diagnostics));
        ASSERT_TRUE(merged->mergeFrom(m_dir / "s1.sqlite", diagnostics)); // idempotent
    }
    EXPECT_EQ(testing::dumpResultStore(m_dir / "all.sqlite"),
              testing::dumpResultStore(m_dir / "full.sqlite"));
    EXPECT_EQ(testing::integrityCheck(m_dir / "all.sqlite"), "ok|\n");
}

TEST_F(ResultStoreTest, SummaryCsvHasOneRowPerFinishedScenario) {
    writeAll(m_dir / "c.sqlite", {2, 0, 1});
    Diagnostics diagnostics;
    auto store = ResultStore::open(m_dir / "c.sqlite", diagnostics);
    const std::string csv = store->summaryCsv(*store->ensureRun(m_run, diagnostics));
    // Header + 3 rows, each ended by CRLF; scenario order; parameters quoted (they hold
    // commas and quotes); the KPI text identical to the single-run summary.csv.
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 4);
    EXPECT_EQ(csv.find("scenario_index,parameters,site,scenario_hash,pue,"), 0u);
    const auto row1 = csv.find("\r\n1,");
    ASSERT_NE(row1, std::string::npos);
    EXPECT_LT(csv.find("\r\n0,"), row1);
    EXPECT_NE(csv.find("\"{\"\"/cooling/supply_air/max\"\":\"\"21 degC\"\"}\""), std::string::npos)
        << csv;
    EXPECT_NE(csv.find("," + formatNumber(m_results[1].annual.pue) + ","), std::string::npos);
}

// A version-1 store (before the envelope-excursion hours) is upgraded when opened: its
// columns are added, NULL in the rows written before, and new rows fill them. Version 1
// is made here by dropping the columns versions 2 and 3 added, and naming grid_water_m3
// source_water_m3 again (version 3 renamed it: the upgrade copies it over).
TEST_F(ResultStoreTest, UpgradesAVersionOneStore) {
    const auto path = m_dir / "v1.sqlite";
    writeAll(path, {0});
    const char* const added[][2] = {
        {"kpis", "hours_outside_envelope"}, {"kpis", "hours_too_dry"},
        {"kpis", "hours_too_humid"},        {"monthly", "hours_outside_envelope"},
        {"monthly", "hours_too_dry"},       {"monthly", "hours_too_humid"},
        {"kpis", "design_hour_it_mw"},      {"kpis", "it_nameplate_mw"}};
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    for (const auto& [table, column] : added) {
        ASSERT_EQ(sqlite3_exec(
                      db, (std::string("ALTER TABLE ") + table + " DROP COLUMN " + column).c_str(),
                      nullptr, nullptr, nullptr),
                  SQLITE_OK)
            << sqlite3_errmsg(db);
    }
    ASSERT_EQ(sqlite3_exec(db, "ALTER TABLE kpis RENAME COLUMN grid_water_m3 TO source_water_m3",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_exec(db, "PRAGMA user_version=1", nullptr, nullptr, nullptr);
    sqlite3_close(db);

    writeAll(path, {1}); // opens (upgrading) and adds scenario 1
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(testing::sqliteQueryText(db, "PRAGMA user_version"),
              std::to_string(kResultStoreSchemaVersion) + "|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT grid_water_m3 = source_water_m3 FROM kpis "
                                           "WHERE scenario_index = 0"),
              "1|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT scenario_index, hours_outside_envelope IS NULL "
                                           "FROM kpis ORDER BY scenario_index"),
              "0|1|\n1|0|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT count(*) FROM monthly WHERE hours_too_dry "
                                           "IS NULL"),
              "12|\n");
    sqlite3_close(db);
    EXPECT_EQ(testing::integrityCheck(path), "ok|\n");
}

// A plan's years (issue 19) go into plan_years (the kpis columns of each site-year) and
// plan_generations; a version-6 store, made here by dropping those tables, gains them when
// opened; merge copies them.
TEST_F(ResultStoreTest, StoresAPlanAndUpgradesAStoreWithoutItsTables) {
    const auto path = m_dir / "v6.sqlite";
    writeAll(path, {0});
    asAnEarlierVersion(path, "DROP TABLE plan_years; DROP TABLE plan_generations; "
                             "PRAGMA user_version=6");
    sqlite3* db = nullptr;

    const PlanResult plan = twoYearPlan();
    writePlan(path, plan);
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(testing::sqliteQueryText(db, "PRAGMA user_version"),
              std::to_string(kResultStoreSchemaVersion) + "|\n");
    // Each year's figures are its run's, exactly (REAL holds the double).
    for (int i = 0; i < 2; ++i) {
        sqlite3_stmt* query = nullptr;
        ASSERT_EQ(sqlite3_prepare_v2(db, "SELECT water_m3, pue FROM plan_years WHERE year = ?", -1,
                                     &query, nullptr),
                  SQLITE_OK);
        sqlite3_bind_int(query, 1, 2030 + i);
        ASSERT_EQ(sqlite3_step(query), SQLITE_ROW);
        EXPECT_EQ(sqlite3_column_double(query, 0),
                  m_results[static_cast<std::size_t>(i)].annual.waterM3);
        EXPECT_EQ(sqlite3_column_double(query, 1),
                  m_results[static_cast<std::size_t>(i)].annual.pue);
        sqlite3_finalize(query);
    }
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT year, platform, halls, ultraservers, chips "
                                           "FROM plan_generations ORDER BY year, platform"),
              "2030|trn2-ultraserver|12|100|6400|\n2030|trn3-ultraserver|7|40|5120|\n"
              "2031|trn2-ultraserver|12|101|6464|\n2031|trn3-ultraserver|7|40|5120|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT status, site FROM scenarios s JOIN runs r "
                                           "USING (run_id) WHERE r.mode = 'plan'"),
              "ok|Plan site|\n");
    sqlite3_close(db);
    EXPECT_EQ(testing::integrityCheck(path), "ok|\n");

    Diagnostics diagnostics;
    {
        auto merged = ResultStore::open(m_dir / "merged.sqlite", diagnostics);
        ASSERT_TRUE(merged);
        ASSERT_TRUE(merged->mergeFrom(path, diagnostics));
    }
    EXPECT_EQ(testing::dumpResultStore(m_dir / "merged.sqlite"), testing::dumpResultStore(path));
}

// A version-10 store's plan generations have no halls column: opening it adds the column,
// NULL in the rows written before (that Headroom energized whole buildings only and did not
// count halls), and a plan written afterwards stores its halls.
TEST_F(ResultStoreTest, UpgradesAVersionTenStoreWithTheHallsOfAPlansGenerations) {
    const auto path = m_dir / "v10.sqlite";
    const PlanResult plan = twoYearPlan();
    writePlan(path, plan, 0);
    asAnEarlierVersion(path, "ALTER TABLE plan_generations DROP COLUMN halls; "
                             "PRAGMA user_version=10");
    sqlite3* db = nullptr;

    writePlan(path, plan, 1);
    ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    EXPECT_EQ(testing::sqliteQueryText(db, "PRAGMA user_version"),
              std::to_string(kResultStoreSchemaVersion) + "|\n");
    EXPECT_EQ(testing::sqliteQueryText(db, "SELECT scenario_index, count(*), sum(halls IS NULL), "
                                           "sum(halls) FROM plan_generations "
                                           "GROUP BY scenario_index"),
              "0|4|4|NULL|\n1|4|0|38|\n");
    sqlite3_close(db);
    EXPECT_EQ(testing::integrityCheck(path), "ok|\n");
}

TEST_F(ResultStoreTest, RejectsWhatIsNotAResultStore) {
    { std::ofstream(m_dir / "text.sqlite") << "this is not a database, just some text\n"; }
    Diagnostics diagnostics;
    EXPECT_FALSE(ResultStore::open(m_dir / "text.sqlite", diagnostics));
    EXPECT_TRUE(diagnostics.hasErrors());

    sqlite3* db = nullptr;
    sqlite3_open((m_dir / "future.sqlite").c_str(), &db);
    sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr);
    sqlite3_close(db);
    Diagnostics future;
    EXPECT_FALSE(ResultStore::open(m_dir / "future.sqlite", future));
    ASSERT_TRUE(future.hasErrors());
    EXPECT_NE(future.items().front().message.find("version 99"), std::string::npos);

    Diagnostics missing;
    auto store = ResultStore::open(m_dir / "ok.sqlite", missing);
    ASSERT_TRUE(store);
    EXPECT_FALSE(store->mergeFrom(m_dir / "absent.sqlite", missing));
    EXPECT_EQ(missing.items().back().kind, DiagnosticKind::NotFound);
}

// Issue 17 item 8: two batches started at once on a fresh store both found nothing done
// and both ran every scenario. While one holds the store open, a second open is refused.
TEST_F(ResultStoreTest, OneWriterAtATime) {
    Diagnostics first;
    auto store = ResultStore::open(m_dir / "fresh.sqlite", first);
    ASSERT_TRUE(store);
    Diagnostics second;
    EXPECT_FALSE(ResultStore::open(m_dir / "fresh.sqlite", second));
    ASSERT_TRUE(second.hasErrors());
    EXPECT_NE(second.items().front().message.find("another headroom-cli is writing"),
              std::string::npos)
        << second.items().front().message;
    store.reset();
    Diagnostics after;
    EXPECT_TRUE(ResultStore::open(m_dir / "fresh.sqlite", after)) << "the lock outlived its store";
}

TEST_F(ResultStoreTest, ASymlinkIsNotFollowedWhenTheStoreIsCreated) {
    { std::ofstream(m_dir / "victim.txt") << "precious\n"; }
    std::filesystem::create_symlink(m_dir / "victim.txt", m_dir / "link.sqlite");
    Diagnostics diagnostics;
    EXPECT_FALSE(ResultStore::open(m_dir / "link.sqlite", diagnostics));
    EXPECT_TRUE(diagnostics.hasErrors());
    std::ifstream victim(m_dir / "victim.txt");
    std::string line;
    std::getline(victim, line);
    EXPECT_EQ(line, "precious");
}

} // namespace
} // namespace headroom::model
