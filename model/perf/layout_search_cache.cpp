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

/// Every input of searchLayout: the job (its chip count and pointer included), the machine
/// and the constraints, as bytes. Strings end with a NUL, which none of them holds.
std::string searchKey(const TrainingJob& job, const AcceleratorSystem& s,
                      const LayoutConstraints& c) {
    const TransformerShape& m = job.model;
    std::string key = m.name + '\0' + job.pointer + '\0' + s.chipId + '\0';
    for (const int v : {m.layers, m.hidden, m.heads, m.kvHeads, m.headDim, m.sequence,
                        static_cast<int>(job.precision), s.switchRadix}) {
        appendBytes(key, v);
    }
    for (const long long v :
         {m.ffnHidden, m.vocabulary, job.globalBatch, job.chips, s.scaleUpDomain}) {
        appendBytes(key, v);
    }
    for (const bool v : {m.gatedMlp, m.parallelLayers, m.tiedEmbeddings, m.dropout}) {
        appendBytes(key, v);
    }
    for (const auto& rate : s.denseFlopsPerS) {
        appendOptional(key, rate);
    }
    for (const double v :
         {s.hbmBytes, s.hbmBytesPerS, s.scaleUp.bandwidthBytesPerS, s.scaleUp.latencySeconds,
          s.scaleOut.bandwidthBytesPerS, s.scaleOut.latencySeconds, s.nicPortsPerChip,
          s.oversubscription, s.switchLatencySeconds, s.computeEfficiency, s.linkEfficiency}) {
        appendBytes(key, v);
    }
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

} // namespace

LayoutSearchCache::LayoutSearchCache(std::size_t capacity)
    : m_capacity(capacity > 0 ? capacity : 1) {
    m_answers.reserve(m_capacity);
    m_keys.reserve(m_capacity);
}

std::optional<StepEstimate> LayoutSearchCache::search(const TrainingJob& job,
                                                      const AcceleratorSystem& system,
                                                      const LayoutConstraints& constraints,
                                                      Diagnostics& diagnostics) {
    std::string key = searchKey(job, system, constraints);
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
    answer.estimate = searchLayout(job, system, answer.diagnostics, constraints);
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

std::size_t LayoutSearchCache::size() const {
    std::lock_guard lock(m_mutex);
    return m_answers.size();
}

std::size_t LayoutSearchCache::hits() const {
    std::lock_guard lock(m_mutex);
    return m_hits;
}

std::size_t LayoutSearchCache::misses() const {
    std::lock_guard lock(m_mutex);
    return m_misses;
}

LayoutSearchCache& LayoutSearchCache::shared() {
    static LayoutSearchCache cache(4096);
    return cache;
}

} // namespace headroom::model
