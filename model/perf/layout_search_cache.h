#pragma once
// The performance engine's search answers, kept for reuse. A layout search costs about a
// million instructions on a large deployment (the Indiana sample's Llama 3 405B on ~400,000
// Trainium2 chips), and a run repeats it with the same job on the same machine while only the
// cooling or the weather changes; a sweep of the campus power revisits the same few hundred
// chip counts once per value of its other parameters. An answer depends on every input, the
// chip count included (it bounds the data-parallel degree of every layout and is named in a
// refusal), so it is found by all of them: a cached answer is the search's, to the bit and to
// the diagnostic. An inference search's choice does not depend on the chip count (only the
// site's total does, scaled from it): its answers are found by every other input.

#include "model/perf/inference_step.h"
#include "model/perf/training_step.h"

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace headroom::model {

/// A search's answers (the estimate or the refusal, with its diagnostics) by a key holding
/// every input they depend on, for up to `capacity` keys; when full, a new answer replaces
/// one chosen pseudo-randomly, so a sweep cycling through more searches than that still finds
/// some. Thread-safe: a search runs outside the lock, and two threads needing the same answer
/// may both search.
template <class Estimate> class SearchAnswers {
public:
    explicit SearchAnswers(std::size_t capacity);

    /// The answer under `key` (its diagnostics appended), or searchOf(its own diagnostics)
    /// kept under it.
    template <class Search>
    std::optional<Estimate> answer(std::string key, Diagnostics& diagnostics,
                                   const Search& searchOf);

    std::size_t capacity() const { return m_capacity; }
    std::size_t size() const;
    /// Searches answered from the store and searches run, since construction.
    std::size_t hits() const;
    std::size_t misses() const;

private:
    struct Answer {
        std::optional<Estimate> estimate;
        Diagnostics diagnostics;
    };

    std::size_t m_capacity;
    mutable std::mutex m_mutex;
    std::unordered_map<std::string, Answer> m_answers;
    std::vector<const std::string*> m_keys; ///< the keys of m_answers, for replacement
    std::uint64_t m_victim = 0;             ///< state of the replacement's sequence
    std::size_t m_hits = 0, m_misses = 0;
};

/// searchLayout's answers.
class LayoutSearchCache {
public:
    explicit LayoutSearchCache(std::size_t capacity)
        : m_answers(capacity) {}

    /// searchLayout(job, system, diagnostics, constraints) with the pruned walk, answered from
    /// the cache when the same search ran before; its diagnostics are appended.
    std::optional<StepEstimate> search(const TrainingJob& job, const AcceleratorSystem& system,
                                       const LayoutConstraints& constraints,
                                       Diagnostics& diagnostics);

    std::size_t capacity() const { return m_answers.capacity(); }
    std::size_t size() const { return m_answers.size(); }
    std::size_t hits() const { return m_answers.hits(); }
    std::size_t misses() const { return m_answers.misses(); }

    /// The process's cache, which the workloads use: room for 4,096 searches, twice the
    /// 2,040 distinct ones of the 10,000-scenario Indiana sweep (tests/bench), about 2.5 MB.
    static LayoutSearchCache& shared();

private:
    SearchAnswers<StepEstimate> m_answers;
};

/// searchInference's answers, by every input but the chip count: the site's total is scaled
/// to the chips asked (siteOutputTokensPerSecond), as the search scales it.
class InferenceSearchCache {
public:
    explicit InferenceSearchCache(std::size_t capacity)
        : m_answers(capacity) {}

    /// searchInference(job, system, diagnostics), answered from the cache when the same
    /// search, on any number of chips, ran before; its diagnostics are appended.
    std::optional<InferenceEstimate>
    search(const InferenceJob& job, const AcceleratorSystem& system, Diagnostics& diagnostics);

    std::size_t size() const { return m_answers.size(); }
    std::size_t hits() const { return m_answers.hits(); }
    std::size_t misses() const { return m_answers.misses(); }

    /// The process's cache, which the workloads use: room for 256 searches (a sweep asks one
    /// per inference workload and machine).
    static InferenceSearchCache& shared();

private:
    SearchAnswers<InferenceEstimate> m_answers;
};

} // namespace headroom::model
