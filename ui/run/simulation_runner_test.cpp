// The background runner with a compute function that stands in for simulate(): it
// records which revisions ran, so debouncing, cancellation and staleness can be checked.
#include "ui/run/simulation_runner.h"

#include "model/core/feedback.h"

#include <QSignalSpy>
#include <QTest>
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>

namespace headroom::ui {
namespace {

struct Recorder {
    std::mutex mutex;
    std::vector<std::string> ran;
    std::atomic<int> canceled{0};
};

SimulationRunner::Compute recordingCompute(Recorder& recorder, int workMs) {
    return [&recorder, workMs](const Json& document, const QString&, model::Feedback& feedback) {
        for (int i = 0; i < workMs; ++i) {
            if (feedback.isCanceled()) {
                ++recorder.canceled;
                return RunOutcome{};
            }
            feedback.progress(static_cast<double>(i) / workMs);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        auto result = std::make_shared<model::RunResult>();
        result->siteName = document.value("name", "");
        {
            std::lock_guard lock(recorder.mutex);
            recorder.ran.push_back(result->siteName);
        }
        RunOutcome outcome;
        outcome.result = result;
        return outcome;
    };
}

Json named(const std::string& name) {
    return Json{{"name", name}};
}

TEST(SimulationRunner, ABurstOfEditsMakesOneRun) {
    Recorder recorder;
    SimulationRunner runner(recordingCompute(recorder, 5));
    runner.setDelay(50);
    QSignalSpy finished(&runner, &SimulationRunner::finished);
    runner.request(named("a"), {}, 1);
    runner.request(named("b"), {}, 2);
    runner.request(named("c"), {}, 3);
    EXPECT_TRUE(runner.isStale());
    ASSERT_TRUE(runner.waitForIdle(5000));
    EXPECT_EQ(recorder.ran, std::vector<std::string>{"c"});
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(finished.front().at(0).toULongLong(), 3u);
    EXPECT_EQ(runner.latest().result->siteName, "c");
    EXPECT_FALSE(runner.isStale());
}

TEST(SimulationRunner, ANewerRequestCancelsTheRunningOneAndOnlyTheNewestIsPublished) {
    Recorder recorder;
    SimulationRunner runner(recordingCompute(recorder, 400));
    runner.setDelay(10);
    QSignalSpy finished(&runner, &SimulationRunner::finished);
    QSignalSpy started(&runner, &SimulationRunner::started);
    runner.requestNow(named("old"), {}, 1);
    ASSERT_TRUE(runner.isRunning());
    QTest::qWait(30);
    runner.request(named("new"), {}, 2);
    ASSERT_TRUE(runner.waitForIdle(10000));
    EXPECT_EQ(recorder.canceled.load(), 1);
    EXPECT_EQ(recorder.ran, std::vector<std::string>{"new"});
    EXPECT_EQ(started.count(), 2);
    ASSERT_EQ(finished.count(), 1);
    EXPECT_EQ(runner.publishedRevision(), 2u);
}

TEST(SimulationRunner, TheUiThreadKeepsRunningDuringARun) {
    Recorder recorder;
    SimulationRunner runner(recordingCompute(recorder, 300));
    QSignalSpy progressed(&runner, &SimulationRunner::progressed);
    runner.requestNow(named("slow"), {}, 1);
    // requestNow returns at once; the event loop turns while the worker computes.
    EXPECT_TRUE(runner.isRunning());
    int turns = 0;
    QTimer ticker;
    QObject::connect(&ticker, &QTimer::timeout, [&] { ++turns; });
    ticker.start(10);
    ASSERT_TRUE(runner.waitForIdle(10000));
    EXPECT_GT(turns, 5);
    EXPECT_GT(progressed.count(), 0); // the Qt feedback re-emitted progress as signals
}

} // namespace
} // namespace headroom::ui
