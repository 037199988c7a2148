#include "model/batch/batch_runner.h"

#include <atomic>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

namespace headroom::model {

std::vector<std::size_t> shardIndices(std::size_t count, std::size_t shardIndex,
                                      std::size_t shardCount, const std::vector<bool>& finished) {
    std::vector<std::size_t> indices;
    if (shardCount == 0) {
        return indices;
    }
    for (std::size_t i = shardIndex; i < count; i += shardCount) {
        if (i >= finished.size() || !finished[i]) {
            indices.push_back(i);
        }
    }
    return indices;
}

void tuneAllocatorForBatch() {
#if defined(__GLIBC__)
    mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
    mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
#endif
}

BatchSummary runBatch(ResultStore& store, std::int64_t runId,
                      const std::vector<std::size_t>& indices, const ScenarioJob& job,
                      const BatchOptions& options, Feedback& feedback, Diagnostics& diagnostics) {
    BatchSummary summary;
    summary.total = indices.size();
    const std::size_t workers = std::max<std::size_t>(
        1,
        std::min<std::size_t>(static_cast<std::size_t>(std::max(options.jobs, 1)), indices.size()));
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
            if (k >= indices.size() || stop.load() || feedback.isCanceled()) {
                break;
            }
            ScenarioOutcome outcome;
            try {
                outcome = job(indices[k]);
            } catch (const std::exception& error) {
                // A bug in one scenario must not take the batch down: record it and go on.
                Diagnostic diagnostic;
                diagnostic.message = std::string("internal error: ") + error.what();
                outcome.diagnostics.add(diagnostic);
                outcome.result.reset();
            }
            std::unique_lock lock(mutex);
            roomFree.wait(lock, [&] { return waiting.size() < maxWaiting || stop.load(); });
            waiting.emplace_back(indices[k], std::move(outcome));
            resultReady.notify_one();
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

    std::vector<std::pair<std::size_t, ScenarioOutcome>> batch;
    std::vector<ScenarioRecord> records;
    for (;;) {
        {
            std::unique_lock lock(mutex);
            resultReady.wait(lock, [&] { return !waiting.empty() || producing == 0; });
            if (waiting.empty() && producing == 0) {
                break;
            }
            batch.clear();
            while (!waiting.empty()) {
                batch.push_back(std::move(waiting.front()));
                waiting.pop_front();
            }
            roomFree.notify_all();
        }
        records.clear();
        for (auto& [index, outcome] : batch) {
            ScenarioRecord record;
            record.index = static_cast<std::int64_t>(index);
            record.parametersJson = outcome.parametersJson;
            record.scenarioHash = outcome.scenarioHash;
            record.result = outcome.result ? &*outcome.result : nullptr;
            record.diagnostics = outcome.diagnostics;
            records.push_back(std::move(record));
        }
        // Everything finished so far goes in one transaction: committed as it finishes,
        // and a fast sweep is not throttled by one commit per scenario.
        if (!store.write(runId, records, options.hourly, diagnostics)) {
            summary.storeFailed = true;
            stop.store(true);
            const std::lock_guard lock(mutex);
            roomFree.notify_all();
            break;
        }
        for (const auto& record : records) {
            ++summary.finished;
            summary.failed += record.result ? 0 : 1;
        }
        if (options.progress) {
            options.progress(summary.finished, summary.total);
        }
    }
    for (auto& thread : threads) {
        thread.join();
    }
    summary.canceled = feedback.isCanceled() && summary.finished < summary.total;
    return summary;
}

} // namespace headroom::model
