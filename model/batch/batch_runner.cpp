#include "model/batch/batch_runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace headroom::model {
namespace {

/// How long the writer waits for more finished scenarios before it commits those it has.
constexpr auto kCommitDelay = std::chrono::milliseconds(50);

} // namespace

ScenarioJob sweepScenarioJob(RunService& service, const SiteSource& base, const Sweep& sweep) {
    return [&service, &base, &sweep](std::size_t index) {
        Feedback quiet; // a scenario's progress is the batch's, not its own
        ScenarioRun run = service.run(base, sweep.scenario(index), quiet);
        ScenarioOutcome outcome;
        outcome.result = std::move(run.result);
        outcome.parametersJson = std::move(run.parametersJson);
        outcome.scenarioHash = std::move(run.hash);
        outcome.diagnostics = std::move(run.diagnostics);
        return outcome;
    };
}

ScenarioPlan::ScenarioPlan(std::size_t count, std::size_t shardIndex, std::size_t shardCount,
                           PositionRuns finished)
    : m_shardIndex(shardIndex)
    , m_shardCount(std::max<std::size_t>(shardCount, 1)) {
    const std::size_t positions =
        shardIndex < count ? (count - shardIndex - 1) / m_shardCount + 1 : 0;
    std::sort(finished.begin(), finished.end());
    std::size_t next = 0; // first position not yet placed in a gap or a finished run
    for (auto [begin, end] : finished) {
        begin = std::max(begin, next);
        end = std::min(end, positions);
        if (begin >= end) {
            continue;
        }
        if (begin > next) {
            m_gaps.emplace_back(next, begin);
        }
        m_done += end - begin;
        next = end;
    }
    if (next < positions) {
        m_gaps.emplace_back(next, positions);
    }
    m_before.reserve(m_gaps.size());
    for (const auto& [begin, end] : m_gaps) {
        m_before.push_back(m_size);
        m_size += end - begin;
    }
}

std::size_t ScenarioPlan::operator[](std::size_t k) const {
    // The last gap that starts at or before the k-th position to run.
    const auto gap = static_cast<std::size_t>(
        std::upper_bound(m_before.begin(), m_before.end(), k) - m_before.begin() - 1);
    const std::size_t position = m_gaps[gap].first + (k - m_before[gap]);
    return m_shardIndex + position * m_shardCount;
}

void tuneAllocatorForBatch() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

BatchSummary runBatch(ResultStore& store, std::int64_t runId, const ScenarioPlan& plan,
                      const ScenarioJob& job, const BatchOptions& options, Feedback& feedback,
                      Diagnostics& diagnostics) {
    BatchSummary summary;
    summary.total = plan.size();
    const std::size_t workers = std::max<std::size_t>(
        1, std::min<std::size_t>(static_cast<std::size_t>(std::max(options.jobs, 1)), plan.size()));
    // Finished outcomes wait here for the writer; the bound keeps memory flat (a RunResult
    // with hourly arrays is about 2 MB) when the disk is slower than the workers.
    const std::size_t maxWaiting = 2 * workers;
    std::mutex mutex;
    std::condition_variable resultReady, roomFree;
    std::deque<std::pair<std::size_t, ScenarioOutcome>> waiting;
    std::size_t producing = workers;
    std::atomic<std::size_t> next{0};
    std::atomic<bool> stop{false};

    auto work = [&] {
        for (;;) {
            const std::size_t k = next.fetch_add(1);
            if (k >= plan.size() || stop.load() || feedback.isCanceled()) {
                break;
            }
            const std::size_t index = plan[k];
            ScenarioOutcome outcome;
            try {
                outcome = job(index);
            } catch (const std::exception& error) {
                // A bug in one scenario must not take the batch down: record it and go on.
                Diagnostic diagnostic;
                diagnostic.message = std::string("internal error: ") + error.what();
                outcome.diagnostics.add(diagnostic);
                outcome.result.reset();
            }
            std::unique_lock lock(mutex);
            roomFree.wait(lock, [&] { return waiting.size() < maxWaiting || stop.load(); });
            waiting.emplace_back(index, std::move(outcome));
            // The writer waits for the first outcome, then for a full queue (below).
            if (waiting.size() == 1 || waiting.size() == maxWaiting) {
                resultReady.notify_one();
            }
        }
        const std::lock_guard lock(mutex);
        --producing;
        resultReady.notify_one();
    };

    std::vector<std::thread> threads;
    threads.reserve(workers);
    for (std::size_t w = 0; w < workers; ++w) {
        threads.emplace_back(work);
    }

    // The writer stores each outcome as it takes it (its result is freed then: memory stays
    // flat) inside a transaction that it commits kCommitDelay after its first scenario
    // finished, or once it holds options.scenariosPerCommit. A commit has a cost of its own
    // (the tables' last pages written to the WAL again, locks, checkpoints), so the fewer the
    // cheaper; a killed batch loses at most the moment's worth, and resumes from there.
    std::vector<std::pair<std::size_t, ScenarioOutcome>> batch;
    std::vector<ScenarioRecord> records;
    bool collecting = false; // scenarios taken since the last commit, to commit by commitBy
    std::chrono::steady_clock::time_point commitBy{};
    std::size_t uncommitted = 0, uncommittedFailed = 0;
    const std::size_t perCommit = std::max<std::size_t>(options.scenariosPerCommit, 1);
    auto fail = [&] {
        summary.storeFailed = true;
        stop.store(true);
        const std::lock_guard lock(mutex);
        roomFree.notify_all();
    };
    for (;;) {
        bool drained = false; // no outcome waits and none will come
        {
            std::unique_lock lock(mutex);
            if (!collecting) {
                resultReady.wait(lock, [&] { return !waiting.empty() || producing == 0; });
                if (waiting.empty() && producing == 0) {
                    break;
                }
                collecting = true;
                commitBy = std::chrono::steady_clock::now() + kCommitDelay;
            }
            // Taken a queue at a time: workers wake the writer for the first outcome and for
            // a full queue, not for each.
            resultReady.wait_until(lock, commitBy,
                                   [&] { return waiting.size() >= maxWaiting || producing == 0; });
            batch.clear();
            while (!waiting.empty()) {
                batch.push_back(std::move(waiting.front()));
                waiting.pop_front();
            }
            drained = producing == 0;
            roomFree.notify_all();
        }
        if (!batch.empty()) {
            records.clear();
            for (auto& [index, outcome] : batch) {
                ScenarioRecord record;
                record.index = static_cast<std::int64_t>(index);
                record.parametersJson = std::move(outcome.parametersJson);
                record.scenarioHash = std::move(outcome.scenarioHash);
                record.result = outcome.result ? &*outcome.result : nullptr;
                record.diagnostics = std::move(outcome.diagnostics);
                records.push_back(std::move(record));
            }
            if ((!store.inTransaction() && !store.begin(diagnostics)) ||
                !store.write(runId, records, options.hourly, diagnostics)) {
                fail();
                break;
            }
            for (const auto& record : records) {
                ++uncommitted;
                uncommittedFailed += record.result ? 0 : 1;
            }
            batch.clear(); // the results go now, not with the next queue
        }
        if (drained || uncommitted >= perCommit || std::chrono::steady_clock::now() >= commitBy) {
            collecting = false;
            if (store.inTransaction() && !store.commit(diagnostics)) {
                fail();
                break;
            }
            summary.finished += uncommitted;
            summary.failed += uncommittedFailed;
            uncommitted = uncommittedFailed = 0;
            if (options.progress) {
                options.progress(summary.finished, summary.total);
            }
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    summary.canceled = feedback.isCanceled() && summary.finished < summary.total;
    return summary;
}

} // namespace headroom::model
