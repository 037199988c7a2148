#pragma once
// Runs the scenarios of a sweep on worker threads and commits each finished one to the
// result store. Workers take scenario indices in order from a shared counter; the
// calling thread is the only writer, committing whatever has finished in one transaction
// as soon as it has it. Rows are keyed by scenario index, so the store's content is the
// same whatever --jobs is and whatever order the workers finish in. At most a few
// results wait in memory at once, so memory stays flat however long the sweep.

#include "model/batch/result_store.h"
#include "model/core/feedback.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// What one scenario produced: a result, or the diagnostics that kept it from running.
struct ScenarioOutcome {
    std::optional<RunResult> result;
    std::string parametersJson;
    std::string scenarioHash;
    Diagnostics diagnostics;
};

/// Makes scenario `index`. Called from several threads at once.
using ScenarioJob = std::function<ScenarioOutcome(std::size_t index)>;

struct BatchOptions {
    int jobs = 1;
    bool hourly = false;
    /// Called on the writing thread after each commit: (finished, total).
    std::function<void(std::size_t, std::size_t)> progress;
};

struct BatchSummary {
    std::size_t total = 0;    ///< scenarios asked for
    std::size_t finished = 0; ///< committed, ok or failed
    std::size_t failed = 0;   ///< committed with no result
    bool canceled = false;
    bool storeFailed = false; ///< a write failed; the diagnostics say why
};

/// The indices of a shard: every index i < count with i % shardCount == shardIndex
/// (0-based), skipping those already finished. Deterministic, so N array jobs share a
/// sweep without talking to each other.
std::vector<std::size_t> shardIndices(std::size_t count, std::size_t shardIndex,
                                      std::size_t shardCount, const std::vector<bool>& finished);

/// Keeps freed hourly arrays in the process instead of returning them to the kernel after
/// each scenario (glibc: raises the mmap and trim thresholds). A sweep allocates and frees
/// the same few megabytes thousands of times; without this, page faults and unmapping
/// take a quarter of its time. Memory stays flat: the same blocks are reused.
void tuneAllocatorForBatch();

/// Runs job for each index and writes the outcomes to store under runId.
BatchSummary runBatch(ResultStore& store, std::int64_t runId,
                      const std::vector<std::size_t>& indices, const ScenarioJob& job,
                      const BatchOptions& options, Feedback& feedback, Diagnostics& diagnostics);

} // namespace headroom::model
