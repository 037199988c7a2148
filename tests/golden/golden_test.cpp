// Golden figures of the sample sites (issue 14): each sample site's annual PUE, WUE (site
// and source), site water and carbon, run through the same run service as `headroom-cli run`,
// against tests/golden/sample_sites.json. Any change that moves a figure beyond the stated
// tolerance fails here, so the commit that moves it must update the file and say by how much
// and why (tests/golden/README.md). HEADROOM_GOLDEN_UPDATE=1 rewrites the file instead.

#include "model/run/run_service.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path& kSampleDir = headroom::testing::sampleSiteDir();
const fs::path kGoldenFile =
    fs::path(HEADROOM_SOURCE_DIR) / "tests" / "golden" / "sample_sites.json";

// Relative tolerance: the figures come from the same code on every machine; only the
// compiler's floating-point contraction and the sanitizer builds move them, by well under a
// part per million. Any change of physics or inputs moves them by far more.
constexpr double kRelativeTolerance = 1e-6;
// Below this a figure is treated as zero (a dry design's water).
constexpr double kAbsoluteTolerance = 1e-9;

/// The pinned figures, in the JSON summary's names and units.
std::map<std::string, double> figuresOf(const RunResult& r) {
    const AnnualResults& a = r.annual;
    std::map<std::string, double> figures{{"pue", a.pue},
                                          {"wue_site_l_per_kwh", a.wueSiteLPerKwh},
                                          {"wue_source_l_per_kwh", a.wueSourceLPerKwh},
                                          {"water_m3", a.waterM3},
                                          {"carbon_location_t", a.carbonLocationT},
                                          {"carbon_market_t", a.carbonMarketT}};
    // Every single-year sample carries a training run and an inference service (issue 22):
    // what the performance engine makes of them is pinned too (a plan's years leave
    // workloads out, and a sample that lost them fails on the missing figures).
    // The US samples name their balancing authority (issue 20): their grid's 24/7 CFE.
    if (r.cfe) {
        figures["cfe_share"] = r.cfe->cfeShare;
    }
    // A sample with a cost section (issue 20): what it costs to build and to run a year,
    // and its water bill where the sample prices water (Singapore's NEWater).
    if (r.cost) {
        figures["capex_usd"] = r.cost->capexUsd;
        figures["opex_usd"] = r.cost->opexUsd;
        figures["tco_per_year_usd"] = r.cost->tcoPerYearUsd;
        if (r.cost->waterUsd) {
            figures["opex_water_usd"] = *r.cost->waterUsd;
        }
    }
    if (r.training.empty() || r.inference.empty()) {
        return figures;
    }
    figures["training_days"] = r.training.front().hours / 24.0;
    figures["training_mfu"] = r.training.front().mfu;
    figures["training_energy_mwh"] = r.training.front().costs.facilityEnergyMwh;
    figures["inference_energy_per_million_tokens_kwh"] =
        r.inference.front().energyKwhPerMillionTokens;
    return figures;
}

std::map<std::string, double> runSample(const fs::path& path) {
    auto load = loadSiteSource(path);
    if (!load.source) {
        ADD_FAILURE() << path << ": not loaded";
        return {};
    }
    RunService service;
    Feedback quiet;
    const ScenarioRun run = service.run(*load.source, {}, quiet);
    if (!run.result) {
        std::string why;
        for (const auto& d : run.diagnostics.items()) {
            why += formatDiagnostic(d) + "\n";
        }
        ADD_FAILURE() << path << ": not simulated\n" << why;
        return {};
    }
    return figuresOf(*run.result);
}

/// Nine significant digits: enough to hold the tolerance, few enough to read in a diff.
std::string number(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.9g", value);
    return text;
}

class SampleSiteGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(SampleSiteGolden, AnnualFiguresMatch) {
    std::ifstream in(kGoldenFile);
    ASSERT_TRUE(in) << "missing " << kGoldenFile;
    const json golden = json::parse(in);
    const std::string name = GetParam();
    ASSERT_TRUE(golden["sites"].contains(name))
        << name << " has no golden figures: regenerate (tests/golden/README.md)";
    const json& expected = golden["sites"][name];
    const auto actual = runSample(kSampleDir / (name + ".json"));
    ASSERT_FALSE(actual.empty());
    for (const auto& [key, value] : actual) {
        ASSERT_TRUE(expected.contains(key)) << name << ": no golden " << key;
        const double want = expected[key].get<double>();
        const double tolerance = std::max(kAbsoluteTolerance, kRelativeTolerance * std::abs(want));
        EXPECT_NEAR(value, want, tolerance)
            << name << " " << key << " moved by "
            << (want != 0.0 ? 100.0 * (value / want - 1.0) : 0.0)
            << " %: explain the move in the commit and regenerate (tests/golden/README.md)";
    }
}

std::vector<std::string> sampleNames() {
    std::vector<std::string> names;
    for (const auto& path : headroom::testing::sampleSiteFiles()) {
        names.push_back(path.stem().string());
    }
    return names;
}

INSTANTIATE_TEST_SUITE_P(Samples, SampleSiteGolden, ::testing::ValuesIn(sampleNames()),
                         [](const ::testing::TestParamInfo<std::string>& sample) {
                             std::string id = sample.param;
                             std::replace(id.begin(), id.end(), '-', '_');
                             return id;
                         });

// Every golden entry names a sample site that exists (a renamed sample leaves no stale entry).
TEST(SampleSiteGoldenFile, NamesOnlyExistingSamples) {
    std::ifstream in(kGoldenFile);
    ASSERT_TRUE(in) << "missing " << kGoldenFile;
    const json golden = json::parse(in);
    for (const auto& [name, figures] : golden["sites"].items()) {
        EXPECT_TRUE(fs::exists(kSampleDir / (name + ".json"))) << name;
    }
}

// HEADROOM_GOLDEN_UPDATE=1: rewrite the golden file from the current model.
class GoldenUpdate : public ::testing::Environment {
public:
    void SetUp() override {
        const char* update = std::getenv("HEADROOM_GOLDEN_UPDATE");
        if (update == nullptr || std::string(update) != "1") {
            return;
        }
        std::string text = "{\n  \"format\": \"headroom-golden/1\",\n";
        text += "  \"relative_tolerance\": " + number(kRelativeTolerance) + ",\n";
        text += "  \"sites\": {";
        const auto names = sampleNames();
        for (std::size_t i = 0; i < names.size(); ++i) {
            text += (i == 0 ? "\n" : ",\n");
            text += "    \"" + names[i] + "\": {";
            const auto figures = runSample(kSampleDir / (names[i] + ".json"));
            bool first = true;
            for (const auto& [key, value] : figures) {
                text += (first ? "\n" : ",\n");
                text += "      \"" + key + "\": " + number(value);
                first = false;
            }
            text += "\n    }";
        }
        text += "\n  }\n}\n";
        const fs::path temporary = kGoldenFile.string() + ".tmp";
        std::ofstream(temporary) << text;
        fs::rename(temporary, kGoldenFile);
        std::printf("rewrote %s\n", kGoldenFile.string().c_str());
    }
};
const auto* const kUpdate = ::testing::AddGlobalTestEnvironment(new GoldenUpdate);

} // namespace
} // namespace headroom::model
