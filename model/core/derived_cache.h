#pragma once
// A small, thread-safe cache of values derived from a shared source object (a climate year)
// and a key (an elevation, a warming): an entry lives while its source does (the cache holds
// the source weakly) and the oldest entry goes when the cache is full. A derived value
// depends only on its source and key, so a hit returns exactly what a fresh computation
// would: caching never changes a figure.

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace headroom::model {

template <class Source, class Key, class Value> class DerivedCache {
public:
    explicit DerivedCache(std::size_t capacity)
        : m_capacity(capacity) {}

    /// The value for (source, key): the cached one, or make()'s, which is then kept. make()
    /// runs outside the lock (two threads may both make a value; either one is kept).
    template <class Make>
    std::shared_ptr<const Value> get(const std::shared_ptr<const Source>& source, const Key& key,
                                     Make&& make) {
        {
            std::lock_guard lock(m_mutex);
            std::erase_if(m_entries, [](const Entry& e) { return e.source.expired(); });
            for (const Entry& e : m_entries) {
                if (e.address == source.get() && e.key == key) {
                    return e.value;
                }
            }
        }
        std::shared_ptr<const Value> value = make();
        std::lock_guard lock(m_mutex);
        if (m_entries.size() >= m_capacity) {
            m_entries.erase(m_entries.begin());
        }
        m_entries.push_back({source, source.get(), key, value});
        return value;
    }

private:
    struct Entry {
        std::weak_ptr<const Source> source;
        const Source* address = nullptr; ///< compared only while `source` lives
        Key key;
        std::shared_ptr<const Value> value;
    };
    std::mutex m_mutex;
    std::vector<Entry> m_entries;
    std::size_t m_capacity;
};

} // namespace headroom::model
