// The run service refuses what cannot be simulated with the site reader's diagnostics
// (issue 10; a bad scenario of a batch: model/batch/run_service_batch_test.cpp); a
// deployment the site cannot hold is refused before a year is simulated.

#include "model/core/sha256.h"
#include "model/run/run_service.h"
#include "tests/support/diagnostic_text.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sys/stat.h>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

const fs::path kIndiana = headroom::testing::sampleSiteDir() / "st-joseph-county-in.json";

using headroom::testing::errors;

SiteSource indiana() {
    auto load = loadSiteSource(kIndiana);
    EXPECT_TRUE(load.source) << errors(load.diagnostics);
    return std::move(*load.source);
}

TEST(RunService, RefusesADeploymentTheSiteCannotHold) {
    const SiteSource source = indiana();
    RunService service;
    Feedback quiet;
    // 10 million Trn2 UltraServers (640 million chips, countable) on a 28-hall campus.
    const auto run = service.run(source, {{"/it/ultraservers", 10000000}}, quiet);
    EXPECT_FALSE(run.result);
    const std::string message = errors(run.diagnostics);
    EXPECT_TRUE(message.starts_with(kIndiana.string() +
                                    ": error: /it/ultraservers: 10000000 UltraServers need "))
        << message;
    EXPECT_NE(message.find(" halls; the site has 28"), std::string::npos) << message;
}

// Ten million UltraServers on a campus that holds them: sized and simulated in the memory
// of any other site (no per-rack or per-server arrays; one hall is simulated and scaled).
// Trn2 UltraServers draw ~47 kW each, 470 GW for ten million, beyond the 100 GW an
// interconnect may have (site_fields_place.cpp), so these chips draw 50 W: 16 x 50 W + 300 W per
// server, 4.4 kW per UltraServer, 44 GW, and one EFA port per server (the fabric's optics
// would otherwise double that). 10,000,000 x 64 = 640,000,000 chips.
TEST(RunService, TenMillionUltraServersAreComputed) {
    const SiteSource source = indiana();
    nlohmann::json it = source.document["it"];
    it["ultraservers"] = 10000000;
    it["chip_overrides"] = {{"peak_power", "50 W"}, {"idle_power", "10 W"}};
    it["platform_overrides"] = {
        {"host_power", "200 W"}, {"fan_power", "50 W"}, {"nic_power", "50 W"}, {"nic_ports", 1}};
    RunService service;
    Feedback quiet;
    const auto run = service.run(source,
                                 {{"/campus/buildings/count", 1000},
                                  {"/campus/buildings/halls_per_building", 100},
                                  {"/campus/hall/it_power", "2 MW"},
                                  {"/campus/hall/rack_positions", 1000},
                                  {"/campus/utility_interconnect", "100 GW"},
                                  {"/it", it}},
                                 quiet);
    ASSERT_TRUE(run.result) << errors(run.diagnostics);
    EXPECT_EQ(errors(run.result->diagnostics), "");
    EXPECT_EQ(run.result->compute.ultraServers, 10000000);
    EXPECT_EQ(run.result->compute.servers, 40000000);
    EXPECT_EQ(run.result->compute.chips, 640000000);
    EXPECT_EQ(run.result->hourly.hours(), 8760u);
    EXPECT_GT(run.result->annual.pue, 1.0);
}

// Issue 14: the UPS mode reaches the PUE. The Indiana sample (2N, double conversion by
// default) in eco mode loses less in its UPS modules: at the ~0.3 per-unit load 2N sets
// at 70 % utilization the UPS loss falls from ~6 % of its load to ~1.7 % (the curves of
// site_fields_plant.cpp), so the PUE falls by at least 0.02 and at most 0.06 (the whole
// double-conversion UPS loss).
TEST(RunService, EcoModeLowersThePue) {
    SiteSource source = indiana();
    RunService service;
    Feedback quiet;
    const auto doubleConversion = service.run(source, {}, quiet);
    source.document["electrical"] = {{"ups", {{"mode", "eco"}}}};
    source.text = source.document.dump(2);
    source.memberTexts = canonicalMemberTexts(source.document);
    const auto eco = service.run(source, {}, quiet);
    ASSERT_TRUE(doubleConversion.result) << errors(doubleConversion.diagnostics);
    ASSERT_TRUE(eco.result) << errors(eco.diagnostics);
    const double drop = doubleConversion.result->annual.pue - eco.result->annual.pue;
    EXPECT_GT(drop, 0.02);
    EXPECT_LT(drop, 0.06);
    double upsDc = 0.0, upsEco = 0.0;
    for (std::size_t h = 0; h < 8760; ++h) {
        upsDc += doubleConversion.result->hourly.upsLossKw[h];
        upsEco += eco.result->hourly.upsLossKw[h];
    }
    EXPECT_LT(upsEco, 0.5 * upsDc);
}

TEST(RunService, LocatesDeploymentErrorsInTheFileAsWritten) {
    SiteSource source = indiana();
    const std::string from = "\"ultraservers\": \"fill\"";
    const auto at = source.text.find(from);
    ASSERT_NE(at, std::string::npos);
    source.text.replace(at, from.size(), "\"ultraservers\": 10000000");
    source.document = nlohmann::json::parse(source.text);
    const auto build = RunService().prepare(source, {});
    EXPECT_FALSE(build.scenario);
    EXPECT_TRUE(errors(build.diagnostics)
                    .starts_with(kIndiana.string() +
                                 ":448:21: error: /it/ultraservers: 10000000 UltraServers need "))
        << errors(build.diagnostics);
}

// Issue 17 item 1: `run` overflowed the stack on a document nested 60,000 levels deep
// (validate refused it): the canonical dump in prepare() recursed through every level.
TEST(RunService, ADeeplyNestedSiteIsALocatedErrorNotAStackOverflow) {
    const fs::path path = fs::temp_directory_path() / "headroom-deep-site.json";
    {
        std::ofstream out(path, std::ios::binary);
        out << "{\"format\": \"headroom-site/1\", \"note\": " << std::string(60000, '[')
            << std::string(60000, ']') << "}";
    }
    const auto load = loadSiteSource(path);
    fs::remove(path);
    EXPECT_FALSE(load.source);
    EXPECT_TRUE(errors(load.diagnostics).starts_with(path.string() + ":1:"))
        << errors(load.diagnostics);
    EXPECT_NE(errors(load.diagnostics).find("nesting deeper than 64 levels"), std::string::npos);
}

TEST(RunService, AFifoAsTheSiteIsRefusedAtOnce) {
    const fs::path fifo = fs::temp_directory_path() / "headroom-site-fifo.json";
    fs::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto load = loadSiteSource(fifo);
    fs::remove(fifo);
    EXPECT_FALSE(load.source);
    EXPECT_NE(errors(load.diagnostics).find("is not a regular file"), std::string::npos)
        << errors(load.diagnostics);
}

// Issue 16, one pass from document to result: prepare() sizes the deployment once and
// the scenario carries it, so simulate() runs the deployment that was checked (a given
// count: "fill" then lowers it while the year breaks a constraint).
TEST(RunService, SizesTheDeploymentOnceForTheSimulation) {
    const SiteSource source = indiana();
    RunService service;
    const auto build = service.prepare(source, {{"/it/ultraservers", 2000}});
    ASSERT_TRUE(build.scenario) << errors(build.diagnostics);
    ASSERT_TRUE(build.scenario->deployment);
    const ComputeSizing& sized = build.scenario->deployment->compute;
    Feedback quiet;
    const RunResult result = simulate(*build.scenario, quiet);
    EXPECT_EQ(result.compute.ultraServers, sized.ultraServers);
    EXPECT_EQ(result.compute.racks, sized.racks);
    EXPECT_EQ(result.compute.networkPowerKw, sized.networkPowerKw);
    // The same scenario sized by simulate() itself gives the same year.
    const RunResult unsized = simulate(Scenario{build.scenario->site, build.hash}, quiet);
    EXPECT_EQ(unsized.annual.pue, result.annual.pue);
    EXPECT_EQ(unsized.compute.ultraServers, result.compute.ultraServers);
}

// Variants that leave the climate and the location alone find the climate by the source's
// member texts: every one shares the climate read for the first, and their hashes are
// those of their whole canonical documents.
TEST(RunService, VariantsShareOneClimateAndHashTheirWholeDocument) {
    const SiteSource source = indiana();
    RunService service;
    const std::vector<Override> a{{"/cooling/supply_air/max", "26 degC"}};
    const std::vector<Override> b{{"/campus/utility_interconnect", "260 MW"}};
    const auto first = service.prepare(source, a);
    const auto second = service.prepare(source, b);
    ASSERT_TRUE(first.scenario && second.scenario);
    EXPECT_EQ(first.scenario->site.climate.get(), second.scenario->site.climate.get());
    nlohmann::json document = source.document;
    Diagnostics ignored;
    ASSERT_TRUE(applyOverrides(document, b, source.fileName, ignored));
    EXPECT_EQ(second.hash, sha256Hex(canonicalDocument(document)));
    EXPECT_EQ(service.prepare(source, {}).hash, sha256Hex(canonicalDocument(source.document)));
    // A variant that moves the site reads its climate under its own key.
    const auto moved = service.prepare(source, {{"/location/elevation", "300 m"}});
    ASSERT_TRUE(moved.scenario) << errors(moved.diagnostics);
    EXPECT_NE(moved.scenario->site.climate.get(), first.scenario->site.climate.get());
}

// A sweep's scenarios share their pointers: from the second on, the hash comes from the
// base's canonical text cut where they land (CanonicalCut), and it is the hash of the whole
// edited document, for a variant read from the base and for one read whole alike.
TEST(RunService, ScenariosHashedFromTheCutHashTheirWholeDocument) {
    const SiteSource source = indiana();
    RunService service;
    auto wholeHash = [&](const std::vector<Override>& overrides) {
        nlohmann::json document = source.document;
        Diagnostics ignored;
        EXPECT_TRUE(applyOverrides(document, overrides, source.fileName, ignored));
        return sha256Hex(canonicalDocument(document));
    };
    for (int i = 0; i < 4; ++i) {
        const std::vector<Override> variant{
            {"/cooling/supply_air/max", std::to_string(22 + i) + " degC"},
            {"/campus/utility_interconnect", std::to_string(300 + 10 * i) + " MW"}};
        const auto build = service.prepare(source, variant);
        ASSERT_TRUE(build.scenario) << errors(build.diagnostics);
        EXPECT_EQ(build.hash, wholeHash(variant)) << i;
        EXPECT_EQ(build.scenario->hash, build.hash);
        // A name is no number: read whole, hashed from its own cut.
        const std::vector<Override> renamed{{"/name", "Site " + std::to_string(i)}};
        const auto whole = service.prepare(source, renamed);
        ASSERT_TRUE(whole.scenario) << errors(whole.diagnostics);
        EXPECT_EQ(whole.hash, wholeHash(renamed)) << i;
    }
}

} // namespace
} // namespace headroom::model
