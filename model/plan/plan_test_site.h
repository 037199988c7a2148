#pragma once
// The plan tests' reading of a variant of the Indiana build-out sample: its document read
// as if it were sample_sites/plan.json (so its weather and grid files resolve there), and
// the Site it makes, failing the test with the first diagnostic when it makes none.

#include "model/core/diagnostic.h"
#include "model/site/site_reader.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace headroom::model::testing {

inline const std::filesystem::path kPlanSamples =
    std::filesystem::path(HEADROOM_SOURCE_DIR) / "sample_sites";

inline SiteLoad loadPlanSite(const nlohmann::json& document) {
    return readSiteDocument(document, "plan.json", kPlanSamples);
}

inline Site planSite(const nlohmann::json& document) {
    SiteLoad loaded = loadPlanSite(document);
    EXPECT_TRUE(loaded.site) << (loaded.diagnostics.items().empty()
                                     ? std::string("no site")
                                     : formatDiagnostic(loaded.diagnostics.items().front()));
    return *loaded.site;
}

} // namespace headroom::model::testing
