// The batch runner over a synthetic scenario job: same store content whatever the
// number of jobs, shards that add up to the whole, resume that never duplicates.
#include "model/batch/batch_runner.h"
#include "model/batch/store_dump.h"
#include "model/report/synthetic_run_result.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <unistd.h>

namespace headroom::model {
namespace {

constexpr std::size_t kScenarios = 23;

ScenarioOutcome syntheticJob(std::size_t index) {
    ScenarioOutcome outcome;
    outcome.parametersJson = "{\"/i\":" + std::to_string(index) + "}";
    if (index % 7 == 3) {
        Diagnostic why;
        why.pointer = "/i";
        why.message = "scenario " + std::to_string(index) + " is not a site";
        outcome.diagnostics.add(why);
        return outcome;
    }
    outcome.result = testing::syntheticRunResult(1.0 + 0.01 * static_cast<double>(index),
                                                 "S" + std::to_string(index));
    outcome.scenarioHash = outcome.result->scenarioHash;
    return outcome;
}

class BatchRunnerTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("headroom-batch-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir);
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    BatchSummary run(const std::string& name, int jobs, std::size_t shard = 0,
                     std::size_t shards = 1, Feedback* feedback = nullptr) {
        Diagnostics diagnostics;
        auto store = ResultStore::open(m_dir / name, diagnostics);
        EXPECT_TRUE(store);
        const auto runId =
            store->ensureRun({"cafe", "s.json", "b.json", "list", kScenarios}, diagnostics);
        const ScenarioPlan plan(kScenarios, shard, shards,
                                store->finishedRuns(*runId, kScenarios, shard, shards));
        Feedback quiet;
        BatchOptions options;
        options.jobs = jobs;
        return runBatch(*store, *runId, plan, syntheticJob, options, feedback ? *feedback : quiet,
                        diagnostics);
    }

    std::filesystem::path m_dir;
};

TEST_F(BatchRunnerTest, JobsDoNotChangeTheContent) {
    const auto one = run("one.sqlite", 1);
    EXPECT_EQ(one.finished, kScenarios);
    EXPECT_EQ(one.failed, 3u); // 3, 10 and 17
    run("two.sqlite", 2);
    run("four.sqlite", 4);
    const std::string reference = testing::dumpResultStore(m_dir / "one.sqlite");
    EXPECT_EQ(reference, testing::dumpResultStore(m_dir / "two.sqlite"));
    EXPECT_EQ(reference, testing::dumpResultStore(m_dir / "four.sqlite"));
}

TEST_F(BatchRunnerTest, CommitsOfAnySizeStoreTheSameContent) {
    run("one.sqlite", 1);
    for (const std::size_t perCommit : {std::size_t{1}, std::size_t{256}}) {
        const auto name = "per" + std::to_string(perCommit) + ".sqlite";
        Diagnostics diagnostics;
        auto store = ResultStore::open(m_dir / name, diagnostics);
        const auto runId =
            store->ensureRun({"cafe", "s.json", "b.json", "list", kScenarios}, diagnostics);
        BatchOptions options;
        options.jobs = 2;
        options.scenariosPerCommit = perCommit;
        std::vector<std::size_t> progress;
        options.progress = [&](std::size_t done, std::size_t) { progress.push_back(done); };
        Feedback quiet;
        const auto summary = runBatch(*store, *runId, ScenarioPlan(kScenarios), syntheticJob,
                                      options, quiet, diagnostics);
        EXPECT_EQ(summary.finished, kScenarios);
        EXPECT_EQ(summary.failed, 3u);
        EXPECT_FALSE(store->inTransaction());
        ASSERT_FALSE(progress.empty());
        EXPECT_EQ(progress.back(), kScenarios) << "every commit reported, the last one included";
        EXPECT_TRUE(std::is_sorted(progress.begin(), progress.end()));
        store.reset();
        EXPECT_EQ(testing::dumpResultStore(m_dir / name),
                  testing::dumpResultStore(m_dir / "one.sqlite"));
    }
}

TEST_F(BatchRunnerTest, ShardsMergeIntoTheFullRun) {
    run("full.sqlite", 2);
    EXPECT_EQ(run("s1.sqlite", 1, 0, 3).total, 8u);
    EXPECT_EQ(run("s2.sqlite", 2, 1, 3).total, 8u);
    EXPECT_EQ(run("s3.sqlite", 2, 2, 3).total, 7u);
    Diagnostics diagnostics;
    {
        auto merged = ResultStore::open(m_dir / "all.sqlite", diagnostics);
        for (const char* shard : {"s3.sqlite", "s1.sqlite", "s2.sqlite"}) {
            ASSERT_TRUE(merged->mergeFrom(m_dir / shard, diagnostics));
        }
    }
    EXPECT_EQ(testing::dumpResultStore(m_dir / "all.sqlite"),
              testing::dumpResultStore(m_dir / "full.sqlite"));
}

TEST_F(BatchRunnerTest, CancelThenResumeRunsOnlyTheMissing) {
    struct CancelAfter : Feedback {};
    CancelAfter feedback;
    {
        Diagnostics diagnostics;
        auto store = ResultStore::open(m_dir / "r.sqlite", diagnostics);
        const auto runId =
            store->ensureRun({"cafe", "s.json", "b.json", "list", kScenarios}, diagnostics);
        BatchOptions options;
        options.jobs = 2;
        options.progress = [&](std::size_t done, std::size_t) {
            if (done >= 5) {
                feedback.cancel();
            }
        };
        const auto summary = runBatch(*store, *runId, ScenarioPlan(kScenarios), syntheticJob,
                                      options, feedback, diagnostics);
        EXPECT_TRUE(summary.canceled);
        EXPECT_LT(summary.finished, kScenarios);
        EXPECT_GE(summary.finished, 5u);
    }
    const auto resumed = run("r.sqlite", 2);
    EXPECT_GT(resumed.total, 0u);
    EXPECT_LT(resumed.total, kScenarios);
    run("full.sqlite", 1);
    EXPECT_EQ(testing::dumpResultStore(m_dir / "r.sqlite"),
              testing::dumpResultStore(m_dir / "full.sqlite"));
    EXPECT_EQ(run("r.sqlite", 2).total, 0u) << "a finished sweep has nothing left to run";
}

std::vector<std::size_t> listed(const ScenarioPlan& plan) {
    std::vector<std::size_t> indices;
    for (std::size_t k = 0; k < plan.size(); ++k) {
        indices.push_back(plan[k]);
    }
    return indices;
}

TEST(ScenarioPlan, ShardsAreDisjointAndComplete) {
    // Scenario 4 is position 2 of shard 0 of 2.
    const ScenarioPlan even(10, 0, 2, {{2, 3}});
    EXPECT_EQ(listed(even), (std::vector<std::size_t>{0, 2, 6, 8}));
    EXPECT_EQ(even.alreadyDone(), 1u);
    EXPECT_EQ(listed(ScenarioPlan(10, 1, 2)), (std::vector<std::size_t>{1, 3, 5, 7, 9}));
    EXPECT_EQ(listed(ScenarioPlan(3)), (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_EQ(listed(ScenarioPlan(10, 0, 1, {{0, 3}, {5, 6}, {8, 20}})),
              (std::vector<std::size_t>{3, 4, 6, 7}));
    EXPECT_EQ(ScenarioPlan(10, 0, 1, {{0, 3}, {5, 6}, {8, 20}}).alreadyDone(), 6u);
    EXPECT_EQ(ScenarioPlan(2, 5, 8).size(), 0u) << "a shard past the end is empty";
}

// A sweep of 2^40 scenarios, sharded and resumed: the plan counts and reaches its last
// scenario without listing any (a list would need 8 TiB).
TEST(ScenarioPlan, HugeSweepsAreNeverListed) {
    constexpr std::size_t kCount = std::size_t{1} << 40;
    const ScenarioPlan all(kCount);
    EXPECT_EQ(all.size(), kCount);
    EXPECT_EQ(all[kCount - 1], kCount - 1);
    // Shard 3 of 7, with its first million and a run in the middle finished.
    const ScenarioPlan shard(kCount, 2, 7, {{0, 1000000}, {5000000, 5000010}});
    const std::size_t positions = (kCount - 2 - 1) / 7 + 1;
    EXPECT_EQ(shard.alreadyDone(), 1000010u);
    EXPECT_EQ(shard.size(), positions - 1000010);
    EXPECT_EQ(shard[0], 2 + 1000000 * 7);
    EXPECT_EQ(shard[4000000], 2 + 5000010u * 7);
    EXPECT_EQ(shard[shard.size() - 1], 2 + (positions - 1) * 7);
    EXPECT_LT(shard[shard.size() - 1], kCount);
}

TEST_F(BatchRunnerTest, FinishedRunsAreReadPerShard) {
    run("r.sqlite", 2); // every scenario
    Diagnostics diagnostics;
    auto store = ResultStore::open(m_dir / "r.sqlite", diagnostics);
    const auto runId =
        store->ensureRun({"cafe", "s.json", "b.json", "list", kScenarios}, diagnostics);
    EXPECT_EQ(store->finishedRuns(*runId, kScenarios, 0, 1), (PositionRuns{{0, kScenarios}}));
    // Shard 2 of 3: scenarios 1, 4, ..., 22 are its positions 0-7.
    EXPECT_EQ(store->finishedRuns(*runId, kScenarios, 1, 3), (PositionRuns{{0, 8}}));
    EXPECT_EQ(store->finishedRuns(*runId, 10, 1, 3), (PositionRuns{{0, 3}}));
}

} // namespace
} // namespace headroom::model
