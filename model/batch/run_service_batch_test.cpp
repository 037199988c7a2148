// A bad scenario of a batch fails alone, with the site reader's message, and the batch
// goes on (issue 10): the run service (model/run) under the batch runner and its store.

#include "model/batch/batch_runner.h"
#include "model/batch/result_store.h"
#include "model/batch/store_dump.h"
#include "model/batch/sweep.h"
#include "model/run/run_service.h"
#include "tests/support/diagnostic_text.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

const fs::path kIndiana = headroom::testing::sampleSiteDir() / "st-joseph-county-in.json";

using headroom::testing::errors;

TEST(RunService, ABadScenarioFailsAloneWithItsMessage) {
    auto load = loadSiteSource(kIndiana);
    ASSERT_TRUE(load.source) << errors(load.diagnostics);
    const SiteSource& source = *load.source;
    RunService service;
    const std::vector<std::vector<Override>> scenarios = {
        {{"/cooling/supply_air/max", "26 degC"}},
        {{"/cooling/supply_air/max_dew_point", "30 degC"}},
        {{"/cooling/supply_air/max", "14 degC"}},
        {{"/campus/hall/rack_power_limit", "5 kW"}},
        {{"/cooling/supply_air/max", "25 degC"}},
    };
    const fs::path db = fs::temp_directory_path() / "headroom_run_service_test.sqlite";
    fs::remove(db);
    Diagnostics diagnostics;
    auto store = ResultStore::open(db, diagnostics);
    ASSERT_TRUE(store) << errors(diagnostics);
    const auto runId =
        store->ensureRun({"test", "test", kIndiana.string(), "list", 5}, diagnostics);
    ASSERT_TRUE(runId);
    Feedback feedback;
    const auto summary = runBatch(
        *store, *runId, ScenarioPlan(scenarios.size()),
        [&](std::size_t index) {
            Feedback quiet;
            auto run = service.run(source, scenarios[index], quiet);
            return ScenarioOutcome{std::move(run.result), run.parametersJson, run.hash,
                                   run.diagnostics};
        },
        {}, feedback, diagnostics);
    EXPECT_EQ(summary.finished, 5u);
    EXPECT_EQ(summary.failed, 3u);

    std::vector<std::string> stored;
    sqlite3_stmt* query = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(store->handle(),
                                 "SELECT s.scenario_index, s.status, d.pointer, d.message "
                                 "FROM scenarios s LEFT JOIN diagnostics d ON d.run_id = s.run_id "
                                 "AND d.scenario_index = s.scenario_index AND d.severity = 'error' "
                                 "ORDER BY s.scenario_index",
                                 -1, &query, nullptr),
              SQLITE_OK);
    while (sqlite3_step(query) == SQLITE_ROW) {
        std::string row = std::to_string(sqlite3_column_int(query, 0)) + " " +
                          reinterpret_cast<const char*>(sqlite3_column_text(query, 1));
        if (sqlite3_column_type(query, 2) != SQLITE_NULL) {
            row += std::string(" ") + reinterpret_cast<const char*>(sqlite3_column_text(query, 2)) +
                   ": " + reinterpret_cast<const char*>(sqlite3_column_text(query, 3));
        }
        stored.push_back(row);
    }
    sqlite3_finalize(query);
    ASSERT_EQ(stored.size(), 5u);
    EXPECT_EQ(stored[0], "0 ok");
    EXPECT_EQ(stored[1], "1 failed /cooling/supply_air/max_dew_point: expected a dew point at or "
                         "below the supply maximum \"27 degC\" (/cooling/supply_air/max): air is "
                         "never below its dew point, got \"30 degC\"");
    EXPECT_EQ(stored[2], "2 failed /cooling/supply_air/max: expected a temperature at or above "
                         "the supply minimum \"18 degC\" (/cooling/supply_air/min), got "
                         "\"14 degC\"");
    EXPECT_TRUE(stored[3].starts_with("3 failed /campus/hall/rack_power_limit: expected a power "
                                      "of at least "))
        << stored[3];
    EXPECT_EQ(stored[4], "4 ok");
    store.reset();
    fs::remove(db);
}

// The fabric trade-off is sweepable (issue 22): a sweep over /fabric/oversubscription of the
// Indiana sample stores, per scenario, the fabric's network power and the training run's
// time and energy, so a batch shows fewer switches costing a longer, dearer run.
TEST(RunService, OversubscriptionIsASweepableParameter) {
    const fs::path dir = fs::temp_directory_path() / "headroom_oversubscription_sweep";
    fs::remove_all(dir);
    fs::create_directories(dir);
    std::ofstream(dir / "sweep.json") << nlohmann::json{
        {"format", "headroom-sweep/1"},
        {"base", kIndiana.string()},
        {"mode", "cartesian"},
        {"parameters",
         {{{"pointer", "/fabric/oversubscription"}, {"values", {"1:1", "2:1", "4:1"}}}}}};
    const SweepLoad sweep = readSweepFile(dir / "sweep.json");
    ASSERT_TRUE(sweep.sweep) << errors(sweep.diagnostics);
    ASSERT_EQ(sweep.sweep->count(), 3u);

    auto load = loadSiteSource(kIndiana);
    ASSERT_TRUE(load.source) << errors(load.diagnostics);
    RunService service;
    Diagnostics diagnostics;
    auto store = ResultStore::open(dir / "store.sqlite", diagnostics);
    ASSERT_TRUE(store) << errors(diagnostics);
    const auto runId = store->ensureRun(
        {sweep.sweep->sha256, (dir / "sweep.json").string(), kIndiana.string(), "cartesian", 3},
        diagnostics);
    ASSERT_TRUE(runId);
    Feedback feedback;
    const auto summary = runBatch(
        *store, *runId, ScenarioPlan(3),
        [&](std::size_t index) {
            Feedback quiet;
            auto run = service.run(*load.source, sweep.sweep->scenario(index), quiet);
            return ScenarioOutcome{std::move(run.result), run.parametersJson, run.hash,
                                   run.diagnostics};
        },
        {}, feedback, diagnostics);
    EXPECT_EQ(summary.failed, 0u);

    std::istringstream rows(testing::sqliteQueryText(
        store->handle(), "SELECT network_power_kw, training_days, training_energy_mwh FROM kpis "
                         "ORDER BY scenario_index"));
    std::vector<std::array<double, 3>> figures;
    std::string line;
    while (std::getline(rows, line)) {
        std::array<double, 3> row{};
        char bar = 0;
        std::istringstream(line) >> row[0] >> bar >> row[1] >> bar >> row[2];
        figures.push_back(row);
    }
    ASSERT_EQ(figures.size(), 3u);
    for (std::size_t i = 1; i < figures.size(); ++i) {
        EXPECT_LT(figures[i][0], figures[i - 1][0]) << "network power, scenario " << i;
        EXPECT_GT(figures[i][1], figures[i - 1][1]) << "time to train, scenario " << i;
    }
    store.reset();
    fs::remove_all(dir);
}

} // namespace
} // namespace headroom::model
