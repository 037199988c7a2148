#pragma once
// Runs the scenarios of a sweep on worker threads and commits each finished one to the
// result store. Workers take scenario indices in order from a shared counter; the
// calling thread is the only writer, storing each as it finishes and committing what it
// stored every moment (50 ms after the first of a commit finished, at most). Rows are keyed by
// scenario index, so the store's content is the same whatever --jobs is and whatever order the
// workers finish in. At most a few results wait in memory at once, so memory stays flat however
// long the sweep.

#include "model/batch/result_store.h"
#include "model/batch/sweep.h"
#include "model/core/feedback.h"
#include "model/run/run_service.h"

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
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

/// The job `headroom-cli batch` runs: scenario `index` of `sweep` applied to `base` through
/// the run service. The three must outlive the job.
ScenarioJob sweepScenarioJob(RunService& service, const SiteSource& base, const Sweep& sweep);

struct BatchOptions {
    int jobs = 1;
    bool hourly = false;
    /// The most scenarios one commit holds: the writer commits 50 ms after the first of them
    /// finished, or sooner when it holds this many (headroom-cli batch: 256).
    std::size_t scenariosPerCommit = 16;
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

/// Finished scenarios of a shard, as sorted, disjoint runs [begin, end) of shard
/// positions (position p is scenario shardIndex + p x shardCount).
using PositionRuns = std::vector<std::pair<std::size_t, std::size_t>>;

/// The scenarios a batch runs, in order, without listing them: every index i < count with
/// i % shardCount == shardIndex (0-based), less those already finished. Deterministic, so
/// N array jobs share a sweep without talking to each other. Its memory grows with the gaps
/// between finished runs, never with count: a sweep of 2^40 scenarios costs nothing here.
class ScenarioPlan {
public:
    explicit ScenarioPlan(std::size_t count, std::size_t shardIndex = 0, std::size_t shardCount = 1,
                          PositionRuns finished = {});
    std::size_t size() const { return m_size; }        ///< scenarios left to run
    std::size_t alreadyDone() const { return m_done; } ///< of the shard, already finished
    /// The k-th scenario to run (0 <= k < size()), in increasing order; O(log gaps).
    std::size_t operator[](std::size_t k) const;

private:
    std::size_t m_shardIndex = 0, m_shardCount = 1;
    PositionRuns m_gaps;               ///< positions still to run, [begin, end)
    std::vector<std::size_t> m_before; ///< positions to run before each gap
    std::size_t m_size = 0, m_done = 0;
};

/// Keeps freed hourly arrays in the process instead of returning them to the kernel after
/// each scenario (glibc: raises the mmap and trim thresholds). A sweep allocates and frees
/// the same few megabytes thousands of times; without this, page faults and unmapping
/// take a quarter of its time. Memory stays flat: the same blocks are reused.
void tuneAllocatorForBatch();

/// Runs job for each scenario of plan and writes the outcomes to store under runId.
BatchSummary runBatch(ResultStore& store, std::int64_t runId, const ScenarioPlan& plan,
                      const ScenarioJob& job, const BatchOptions& options, Feedback& feedback,
                      Diagnostics& diagnostics);

} // namespace headroom::model
