#include "model/perf/layout_search_cache.h"

#include "model/core/seeded_draw.h"

#include <cstring>
#include <utility>

namespace headroom::model {

namespace {

template <class T> void appendBytes(std::string& key, const T& value) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &value, sizeof(T));
    key.append(bytes, sizeof(T));
}

template <class T> void appendOptional(std::string& key, const std::optional<T>& value) {
    appendBytes(key, value.has_value());
    appendBytes(key, value.value_or(T{}));
}

/// A transformer's shape, as bytes. Strings end with a NUL, which none of them holds.
void appendShape(std::string& key, const TransformerShape& m) {
    key += m.name;
    key += '\0';
    for (const int v : {m.layers, m.hidden, m.heads, m.kvHeads, m.headDim, m.sequence}) {
        appendBytes(key, v);
    }
    for (const long long v : {m.ffnHidden, m.vocabulary}) {
        appendBytes(key, v);
    }
    for (const bool v : {m.gatedMlp, m.parallelLayers, m.tiedEmbeddings, m.dropout}) {
        appendBytes(key, v);
    }
}

/// Every figure of the machine, as bytes.
void appendSystem(std::string& key, const AcceleratorSystem& s) {
    key += s.chipId;
    key += '\0';
    appendBytes(key, s.switchRadix);
    appendBytes(key, s.scaleUpDomain);
    for (const auto& rate : s.denseFlopsPerS) {
        appendOptional(key, rate);
    }
    for (const double v :
         {s.hbmBytes, s.hbmBytesPerS, s.scaleUp.bandwidthBytesPerS, s.scaleUp.latencySeconds,
          s.scaleOut.bandwidthBytesPerS, s.scaleOut.latencySeconds, s.nicPortsPerChip,
          s.oversubscription, s.switchLatencySeconds, s.computeEfficiency, s.linkEfficiency}) {
        appendBytes(key, v);
    }
}

/// What begins the key of a training or an inference job: its shape, its pointer and its
/// precision.
template <typename Job> std::string jobKeyHead(const Job& job) {
    std::string key;
    key.reserve(256);
    appendShape(key, job.model);
    key += job.pointer;
    key += '\0';
    appendBytes(key, static_cast<int>(job.precision));
    return key;
}

/// Every input of searchLayout: the job (its chip count and pointer included), the machine
/// and the constraints.
std::string searchKey(const TrainingJob& job, const AcceleratorSystem& s,
                      const LayoutConstraints& c) {
    std::string key = jobKeyHead(job);
    appendBytes(key, job.globalBatch);
    appendBytes(key, job.chips);
    appendSystem(key, s);
    appendOptional(key, c.tensor);
    appendOptional(key, c.pipeline);
    appendOptional(key, c.data);
    appendOptional(key, c.microBatch);
    appendOptional(key, c.interleave);
    appendOptional(key, c.recompute);
    appendOptional(key, c.sharding);
    appendOptional(key, c.context);
    return key;
}

/// Every input of searchInference but the chip count.
std::string searchKey(const InferenceJob& job, const AcceleratorSystem& s) {
    std::string key = jobKeyHead(job);
    for (const double v :
         {job.weightBytesPerParameter, job.kvBytesPerValue, job.timePerOutputTokenSeconds}) {
        appendBytes(key, v);
    }
    appendBytes(key, job.promptTokens);
    appendBytes(key, job.outputTokens);
    appendOptional(key, job.timeToFirstTokenSeconds);
    appendSystem(key, s);
    return key;
}

} // namespace

template <class Estimate>
SearchAnswers<Estimate>::SearchAnswers(std::size_t capacity)
    : m_capacity(capacity > 0 ? capacity : 1) {
    m_answers.reserve(m_capacity);
    m_keys.reserve(m_capacity);
}

template <class Estimate>
template <class Search>
std::optional<Estimate> SearchAnswers<Estimate>::answer(std::string key, Diagnostics& diagnostics,
                                                        const Search& searchOf) {
    {
        std::lock_guard lock(m_mutex);
        if (const auto found = m_answers.find(key); found != m_answers.end()) {
            ++m_hits;
            diagnostics.append(found->second.diagnostics);
            return found->second.estimate;
        }
        ++m_misses;
    }
    Answer answer;
    answer.estimate = searchOf(answer.diagnostics);
    diagnostics.append(answer.diagnostics);
    const auto estimate = answer.estimate;
    std::lock_guard lock(m_mutex);
    if (m_answers.count(key) > 0) {
        return estimate; // another thread searched it meanwhile: the same answer
    }
    std::size_t slot = m_keys.size();
    if (slot == m_capacity) {
        slot = static_cast<std::size_t>(splitmix64(m_victim) % m_capacity);
        m_answers.erase(m_answers.find(*m_keys[slot]));
    } else {
        m_keys.push_back(nullptr);
    }
    const auto inserted = m_answers.emplace(std::move(key), std::move(answer)).first;
    m_keys[slot] = &inserted->first; // a node's key stays put until it is erased
    return estimate;
}

template <class Estimate> std::size_t SearchAnswers<Estimate>::size() const {
    std::lock_guard lock(m_mutex);
    return m_answers.size();
}

template <class Estimate> std::size_t SearchAnswers<Estimate>::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

template <class Estimate> std::size_t SearchAnswers<Estimate>::misses() const {
    std::lock_guard lock(m_mutex);
    return m_misses;
}

template class SearchAnswers<StepEstimate>;
template class SearchAnswers<InferenceEstimate>;

std::optional<StepEstimate> LayoutSearchCache::search(const TrainingJob& job,
                                                      const AcceleratorSystem& system,
                                                      const LayoutConstraints& constraints,
                                                      Diagnostics& diagnostics) {
    return m_answers.answer(
        searchKey(job, system, constraints), diagnostics,
        [&](Diagnostics& own) { return searchLayout(job, system, own, constraints); });
}

LayoutSearchCache& LayoutSearchCache::shared() {
    static LayoutSearchCache cache(4096);
    return cache;
}

std::optional<InferenceEstimate> InferenceSearchCache::search(const InferenceJob& job,
                                                              const AcceleratorSystem& system,
                                                              Diagnostics& diagnostics) {
    auto estimate = m_answers.answer(searchKey(job, system), diagnostics, [&](Diagnostics& own) {
        return searchInference(job, system, own);
    });
    if (estimate) {
        estimate->siteOutputTokensPerSecond = siteOutputTokensPerSecond(*estimate, job.chips);
    }
    return estimate;
}

InferenceSearchCache& InferenceSearchCache::shared() {
    static InferenceSearchCache cache(256);
    return cache;
}

} // namespace headroom::model
