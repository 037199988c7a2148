// The batch runner over a synthetic scenario job: same store content whatever the
// number of jobs, shards that add up to the whole, resume that never duplicates.
#include "model/batch/batch_runner.h"
#include "model/batch/store_dump.h"
#include "model/report/synthetic_run_result.h"

#include <gtest/gtest.h>

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
        const auto indices =
            shardIndices(kScenarios, shard, shards, store->finishedScenarios(*runId, kScenarios));
        Feedback quiet;
        BatchOptions options;
        options.jobs = jobs;
        return runBatch(*store, *runId, indices, syntheticJob, options,
                        feedback ? *feedback : quiet, diagnostics);
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
        std::vector<std::size_t> all(kScenarios);
        for (std::size_t i = 0; i < kScenarios; ++i) {
            all[i] = i;
        }
        const auto summary =
            runBatch(*store, *runId, all, syntheticJob, options, feedback, diagnostics);
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

TEST(ShardIndices, AreDisjointAndComplete) {
    std::vector<bool> finished(10, false);
    finished[4] = true;
    EXPECT_EQ(shardIndices(10, 0, 2, finished), (std::vector<std::size_t>{0, 2, 6, 8}));
    EXPECT_EQ(shardIndices(10, 1, 2, finished), (std::vector<std::size_t>{1, 3, 5, 7, 9}));
    EXPECT_EQ(shardIndices(3, 0, 1, {}), (std::vector<std::size_t>{0, 1, 2}));
}

} // namespace
} // namespace headroom::model
