#pragma once
// The layout search's answers, kept for reuse. A search costs about 2.7 million instructions
// on a large deployment (the Indiana sample's Llama 3 405B on ~400,000 Trainium2 chips), and a
// run repeats it with the same job on the same machine while only the cooling or the weather
// changes; a sweep of the campus power revisits the same few hundred chip counts once per
// value of its other parameters. An answer depends on every input, the chip count included
// (it bounds the data-parallel degree of every layout and is named in a refusal), so it is
// found by all of them: a cached answer is the search's, to the bit and to the diagnostic.

#include "model/perf/training_step.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace headroom::model {

/// searchLayout's answers (the estimate or the refusal, with its diagnostics) for up to
/// `capacity` distinct searches; when full, a new answer replaces one chosen pseudo-randomly,
/// so a sweep cycling through more searches than that still finds some. Thread-safe: a
/// search runs outside the lock, and two threads needing the same answer may both search.
class LayoutSearchCache {
public:
    explicit LayoutSearchCache(std::size_t capacity);

    /// searchLayout(job, system, diagnostics, constraints) with the pruned walk, answered from
    /// the cache when the same search ran before; its diagnostics are appended.
    std::optional<StepEstimate> search(const TrainingJob& job, const AcceleratorSystem& system,
                                       const LayoutConstraints& constraints,
                                       Diagnostics& diagnostics);

    std::size_t capacity() const { return m_capacity; }
    std::size_t size() const;
    /// Searches answered from the cache and searches run, since construction.
    std::size_t hits() const;
    std::size_t misses() const;

    /// The process's cache, which the workloads use: room for 4,096 searches, twice the
    /// 2,040 distinct ones of the 10,000-scenario Indiana sweep (tests/bench), about 2.5 MB.
    static LayoutSearchCache& shared();

private:
    struct Answer {
        std::optional<StepEstimate> estimate;
        Diagnostics diagnostics;
    };

    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Answer> m_answers;
    std::vector<const std::string*> m_keys; ///< the keys of m_answers, for replacement
    std::uint64_t m_victim = 0;             ///< state of the replacement's sequence
    std::size_t m_hits = 0, m_misses = 0;
};

} // namespace headroom::model
