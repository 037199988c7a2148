// A bad scenario of a batch fails alone, with the site reader's message, and the batch
// goes on (issue 10): the run service (model/run) under the batch runner and its store.

#include "model/batch/batch_runner.h"
#include "model/batch/result_store.h"
#include "model/run/run_service.h"
#include "tests/support/diagnostic_text.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

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

} // namespace
} // namespace headroom::model
