#pragma once
// Reads "headroom-site/1" files into a validated Site. Every check comes from the field
// table (site_fields.h); every problem is a located Diagnostic; a file with any error
// gives no Site at all, never a half-loaded one. References (weather, grid CSV, catalog
// ids) are resolved here, so the simulation never touches a file.

#include "model/core/diagnostic.h"
#include "model/site/site.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace headroom::model {

struct SiteLoad {
    std::optional<Site> site; ///< empty when diagnostics hold any error
    nlohmann::json document;  ///< the document as read (after any format upgrade)
    /// Numbers as the file spelled them, by JSON pointer, for writeSiteText.
    std::unordered_map<std::string, std::string> numberText;
    Diagnostics diagnostics;
};

/// Climates shared across reads of one site's variants: a batch reads a site thousands of
/// times, and its weather (an EPW parse, a digest's regeneration), with everything the
/// simulation derives from the same Climate object, is then made once. Keyed by the
/// /climate and /location members and the folder relative paths resolve in. Thread-safe.
class ClimateCache {
public:
    struct Entry {
        std::shared_ptr<const Climate> climate; ///< null when the weather could not be read
        Diagnostics diagnostics;                ///< what reading it reported, replayed on hits
    };
    /// The entry for key, made by make() on first use (under the lock: made once).
    Entry get(const std::string& key, const std::function<Entry()>& make);

private:
    std::mutex m_mutex;
    std::map<std::string, Entry> m_entries;
};

/// Reads a site file; relative paths inside it are resolved against its folder.
SiteLoad readSiteFile(const std::filesystem::path& path);
/// Reads site JSON text; fileName labels diagnostics, baseDir resolves relative paths.
SiteLoad readSiteText(std::string_view text, const std::string& fileName,
                      const std::filesystem::path& baseDir);
/// Reads an already-parsed document (a sweep's variant, an edited document); diagnostics
/// carry pointers but no line numbers.
SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const std::filesystem::path& baseDir);
/// The same, taking the climate from climates when it holds it (the batch path).
SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const std::filesystem::path& baseDir, ClimateCache* climates);
/// The same, taking the document (no copy). climateKey names the climate in climates when
/// the caller has climateCacheKey() of it already; empty, the reader makes it.
SiteLoad readSiteDocument(nlohmann::json&& document, const std::string& fileName,
                          const std::filesystem::path& baseDir, ClimateCache* climates,
                          std::string climateKey);
/// What names a climate in the cache: the canonical texts of the document's "climate" and
/// "location" members, and the folder its relative paths resolve against.
std::string climateCacheKey(std::string_view climateText, std::string_view locationText,
                            const std::filesystem::path& baseDir);

/// Brings an older format version up to kSiteFormat in place. Returns
/// false, with an error at /format, when the version is missing, unknown or newer.
bool upgradeSiteDocument(nlohmann::json& document, const std::string& fileName,
                         Diagnostics& diagnostics);

} // namespace headroom::model
