#pragma once
// Tests only: the sample sites shipped in sample_sites/, the one list every test that runs
// "each sample" iterates (golden figures, finite results, mutated-site property, CLI).
// Header-only; HEADROOM_SOURCE_DIR comes from headroom_add_test.

#include <algorithm>
#include <filesystem>
#include <vector>

namespace headroom::testing {

inline const std::filesystem::path& sampleSiteDir() {
    static const std::filesystem::path dir =
        std::filesystem::path(HEADROOM_SOURCE_DIR) / "sample_sites";
    return dir;
}

/// Every sample_sites/*.json, sorted by name so that failures read the same on every run.
inline std::vector<std::filesystem::path> sampleSiteFiles() {
    std::vector<std::filesystem::path> sites;
    for (const auto& entry : std::filesystem::directory_iterator(sampleSiteDir())) {
        if (entry.path().extension() == ".json") {
            sites.push_back(entry.path());
        }
    }
    std::sort(sites.begin(), sites.end());
    return sites;
}

} // namespace headroom::testing
