#include "model/catalog/catalog.h"

#include "model/bibliography/bibliography.h"
#include "model/catalog/embedded_catalog.h"
#include "model/units/quantity_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

namespace headroom::model {
namespace {

TEST(Catalog, BuiltinHoldsEveryChipThePlanCompares) {
    const auto& catalog = Catalog::builtin();
    for (const char* id : {"trainium1", "trainium2", "trainium3", "v100", "a100", "h100", "h200",
                           "b200", "tpu-v3", "tpu-v5p", "mi300x"}) {
        EXPECT_TRUE(catalog.chip(id) != nullptr) << id;
    }
    for (const char* id : {"trn2-server", "trn2-ultraserver", "trn3-ultraserver", "hgx-h100-8gpu",
                           "hgx-b200-8gpu", "gb200-nvl72"}) {
        EXPECT_TRUE(catalog.platform(id) != nullptr) << id;
    }
    for (const char* id : {"51.2t-64x800g", "51.2t-128x400g", "25.6t-64x400g"}) {
        EXPECT_TRUE(catalog.networkSwitch(id) != nullptr) << id;
    }
    EXPECT_EQ(catalog.chip("trainium9"), nullptr);
    EXPECT_EQ(catalog.chip("trn2-ultraserver"), nullptr); // a platform, not a chip
}

// Every figure of every entry parses and carries a source and a confidence.
TEST(Catalog, EveryFigureParsesAndIsSourced) {
    const auto& catalog = Catalog::builtin();
    int figures = 0;
    for (const auto& [group, id] : catalog.listing()) {
        const auto* entry = catalog.entry(id);
        ASSERT_NE(entry, nullptr) << id;
        for (const auto& [key, value] : entry->items()) {
            if (!value.is_object()) {
                continue;
            }
            ++figures;
            ASSERT_TRUE(value.contains("source")) << id << "/" << key;
            const auto confidence = value["confidence"].get<std::string>();
            EXPECT_TRUE(confidence == "O" || confidence == "3P" || confidence == "I")
                << id << "/" << key;
            // An inference must say what it is inferred from.
            if (confidence == "I") {
                EXPECT_GT(value["source"].get<std::string>().size(), 10U) << id << "/" << key;
            }
            if (value["value"].is_string()) {
                EXPECT_TRUE(units::parseAnyQuantity(value["value"].get<std::string>()))
                    << id << "/" << key;
            }
        }
    }
    EXPECT_GT(figures, 150);
}

// [aws-neuron-trn2-arch]: "Trn2 UltraServer: 4 Trn2 servers = 64 chips ..., 83.2 PF dense
// FP8, 6 TiB HBM (185.6 TB/s), 12.8 Tbps EFA" [O].
TEST(Catalog, Trn2UltraServerMatchesReference) {
    const auto& catalog = Catalog::builtin();
    const auto platform = catalog.platform("trn2-ultraserver");
    ASSERT_TRUE(platform);
    const auto chip = catalog.chip(platform->chipId);
    ASSERT_TRUE(chip);
    const int chips = platform->chipsPerServer * platform->serversPerUltraServer;
    EXPECT_EQ(chips, 64);
    // 64 x 1,299 TF = 83.136 PF against the published (rounded) 83.2 PF: within 0.1 %.
    const double fp8Pflops = chips * chip->denseTflops[0].value() / 1e3;
    EXPECT_NEAR(fp8Pflops, 83.2, 83.2 * 1e-3);
    const double hbmTiB = chips * chip->hbm.value() / 1099511627776.0;
    EXPECT_NEAR(hbmTiB, 6.0, 1e-12);
    // 185.6 TB/s = 64 x 2.9 TB/s exactly.
    EXPECT_NEAR(chips * chip->hbmBandwidth.value() / 1e12, 185.6, 1e-9);
    const double efaTbps = platform->serversPerUltraServer * platform->nicPortsPerServer *
                           platform->nicPortSpeed.value() * 8.0 / 1e12;
    EXPECT_NEAR(efaTbps, 12.8, 1e-9);
    EXPECT_EQ(platform->rackUnitsPerServer, 18); // [semianalysis-2024-trainium2] [3P]
    EXPECT_NEAR(chip->peakPower.value(), 500.0, 1e-9);
}

// Trn2 server 20.8 PF dense FP8 [aws-neuron-trn2-arch]; Trn3 Gen2 UltraServer 362 PF MXFP8
// and 28.8 Tbps EFA [aws-neuron-trn3-arch] [O].
TEST(Catalog, OtherPlatformsMatchReference) {
    const auto& catalog = Catalog::builtin();
    const auto server = catalog.platform("trn2-server");
    const auto trn2 = catalog.chip("trainium2");
    ASSERT_TRUE(server && trn2);
    EXPECT_NEAR(server->chipsPerServer * trn2->denseTflops[0].value() / 1e3, 20.8, 20.8 * 1e-3);
    EXPECT_FALSE(trn2->denseTflops[3]); // no published dense TF32: absent, not 0
    const auto trn3u = catalog.platform("trn3-ultraserver");
    ASSERT_TRUE(trn3u);
    const auto trn3 = catalog.chip(trn3u->chipId);
    ASSERT_TRUE(trn3);
    const int chips = trn3u->chipsPerServer * trn3u->serversPerUltraServer;
    EXPECT_EQ(chips, 144);
    EXPECT_NEAR(chips * trn3->denseTflops[0].value() / 1e3, 362.0, 362.0 * 2e-3); // 362.4 vs 362
    EXPECT_NEAR(trn3u->serversPerUltraServer * trn3u->nicPortsPerServer *
                    trn3u->nicPortSpeed.value() * 8.0 / 1e12,
                28.8, 1e-9);
}

// The machines of the performance engine's validation runs (issue 22).
TEST(Catalog, ValidationMachinesMatchReference) {
    const auto& catalog = Catalog::builtin();
    // TPU v4: 275 TFLOP/s BF16, 32 GiB at 1200 GB/s, 4,096 chips per pod [google-tpu-v4].
    const auto tpu = catalog.chip("tpu-v4");
    const auto pod = catalog.platform("tpu-v4-pod");
    ASSERT_TRUE(tpu && pod);
    EXPECT_DOUBLE_EQ(tpu->denseTflops[1].value(), 275.0);
    EXPECT_FALSE(tpu->denseTflops[0]); // no FP8 on TPU v4
    EXPECT_DOUBLE_EQ(tpu->hbm.value(), 32.0 * 1024 * 1024 * 1024);
    EXPECT_DOUBLE_EQ(tpu->hbmBandwidth.value(), 1200e9);
    EXPECT_EQ(pod->chipsPerServer * pod->serversPerUltraServer, 4096);
    // DGX A100: 8 GPUs, 8 x 200 Gb/s HDR InfiniBand [nvidia-dgx-a100-datasheet].
    const auto dgx = catalog.platform("dgx-a100");
    ASSERT_TRUE(dgx);
    EXPECT_EQ(dgx->chipId, "a100");
    EXPECT_EQ(dgx->chipsPerServer, 8);
    EXPECT_NEAR(dgx->nicPortsPerServer * dgx->nicPortSpeed.value() * 8.0, 1.6e12, 1.0);
}

TEST(Catalog, SwitchesTakeTheirOpticsPower) {
    const auto& catalog = Catalog::builtin();
    const auto sw = catalog.networkSwitch("51.2t-64x800g");
    ASSERT_TRUE(sw);
    EXPECT_EQ(sw->ports, 64);
    // 64 x 800 Gb/s = 51.2 Tb/s [broadcom-tomahawk5].
    EXPECT_NEAR(sw->ports * sw->portSpeed.value() * 8.0, 51.2e12, 1.0);
    EXPECT_GT(sw->opticsPowerPerPort.value(), 0.0);
    const auto optics = catalog.opticsForSpeed(sw->portSpeed);
    ASSERT_TRUE(optics);
    EXPECT_EQ(optics->power.value(), sw->opticsPowerPerPort.value());
    EXPECT_EQ(catalog.networkSwitch("51.2t-128x400g")->ports, 128);
}

TEST(Catalog, ListingIsGroupedInFileOrder) {
    const auto listing = Catalog::builtin().listing();
    ASSERT_FALSE(listing.empty());
    EXPECT_EQ(listing.front(), (std::pair<std::string, std::string>{"chips", "trainium1"}));
    std::set<std::string> ids;
    for (const auto& [group, id] : listing) {
        EXPECT_TRUE(ids.insert(id).second) << "duplicate id " << id;
    }
}

// The embedded text is the file in resources/catalog, byte for byte.
TEST(Catalog, EmbeddedTextIsTheResourceFile) {
    for (const auto& file : embeddedCatalogFiles()) {
        std::ifstream in(std::string(HEADROOM_SOURCE_DIR) + "/resources/catalog/" +
                         std::string(file.name));
        ASSERT_TRUE(in) << file.name;
        std::stringstream text;
        text << in.rdbuf();
        EXPECT_EQ(text.str(), file.text) << file.name;
    }
}

const Diagnostic* findDiagnostic(const Diagnostics& diagnostics, const std::string& pointer) {
    for (const auto& d : diagnostics.items()) {
        if (d.pointer == pointer) {
            return &d;
        }
    }
    return nullptr;
}

TEST(CatalogFromJson, SyntaxErrorIsLocated) {
    Diagnostics diagnostics;
    const auto catalog = Catalog::fromJson(
        "{\n  \"format\": \"headroom-catalog/1\",\n  \"chips\": [ }\n", "bad.json", diagnostics);
    EXPECT_FALSE(catalog);
    ASSERT_EQ(diagnostics.items().size(), 1U);
    const auto& d = diagnostics.items().front();
    EXPECT_EQ(d.kind, DiagnosticKind::Syntax);
    EXPECT_EQ(d.file, "bad.json");
    EXPECT_EQ(d.line, 3);
    EXPECT_EQ(d.column, 14);
}

// Issue 17: only parse_error was caught; a 1e999 threw out_of_range out of the reader.
TEST(CatalogFromJson, AnOutOfRangeNumberIsALocatedError) {
    Diagnostics diagnostics;
    const auto catalog = Catalog::fromJson(
        "{\n  \"format\": \"headroom-catalog/1\",\n  \"chips\": 1e999}\n", "big.json", diagnostics);
    EXPECT_FALSE(catalog);
    ASSERT_EQ(diagnostics.items().size(), 1U);
    EXPECT_EQ(diagnostics.items().front().line, 3);
    EXPECT_FALSE(Catalog::fromJson(std::string(100000, '['), "deep.json", diagnostics));
}

TEST(CatalogFromJson, MeaningErrorsNameLineColumnAndPointer) {
    const std::string text = R"({
  "format": "headroom-catalog/1",
  "chips": [
    {
      "id": "x1",
      "dense_bf16": {"value": "100 TFLOP/s", "source": "test", "confidence": "O"},
      "hbm": {"value": "27 MW", "source": "test", "confidence": "O"},
      "hbm_bandwidth": {"value": "1 TB/s", "source": "test", "confidence": "maybe"},
      "peak_power": {"value": "500 W", "source": "test", "confidence": "I"},
      "idle_power": {"value": "50 W", "confidence": "I"},
      "colour": "red"
    }
  ]
}
)";
    Diagnostics diagnostics;
    EXPECT_FALSE(Catalog::fromJson(text, "mine.json", diagnostics));
    const auto* hbm = findDiagnostic(diagnostics, "/chips/0/hbm/value");
    ASSERT_NE(hbm, nullptr);
    EXPECT_EQ(hbm->line, 7);
    EXPECT_EQ(hbm->column, 24); // the opening quote of "27 MW"
    EXPECT_NE(hbm->message.find("data size"), std::string::npos) << hbm->message;
    const auto* confidence = findDiagnostic(diagnostics, "/chips/0/hbm_bandwidth/confidence");
    ASSERT_NE(confidence, nullptr);
    EXPECT_EQ(confidence->line, 8);
    const auto* source = findDiagnostic(diagnostics, "/chips/0/idle_power");
    ASSERT_NE(source, nullptr);
    EXPECT_NE(source->message.find("source"), std::string::npos);
    const auto* unknown = findDiagnostic(diagnostics, "/chips/0/colour");
    ASSERT_NE(unknown, nullptr);
    EXPECT_EQ(unknown->severity, Severity::Warning);
    EXPECT_EQ(unknown->line, 11);
    EXPECT_EQ(formatDiagnostic(*hbm).rfind("mine.json:7:24: error:", 0), 0U)
        << formatDiagnostic(*hbm);
}

TEST(CatalogFromJson, ReferencesAndDuplicatesAreChecked) {
    const std::string text = R"({
  "format": "headroom-catalog/1",
  "platforms": [
    {"id": "p", "chip": "nope",
     "chips_per_server": {"value": 0, "source": "t", "confidence": "O"}}
  ],
  "switches": [{"id": "p"}]
}
)";
    Diagnostics diagnostics;
    EXPECT_FALSE(Catalog::fromJson(text, "refs.json", diagnostics));
    EXPECT_NE(findDiagnostic(diagnostics, "/platforms/0/chip"), nullptr);
    EXPECT_NE(findDiagnostic(diagnostics, "/platforms/0/chips_per_server/value"), nullptr);
    const auto* duplicate = findDiagnostic(diagnostics, "/switches/0/id");
    ASSERT_NE(duplicate, nullptr);
    EXPECT_EQ(duplicate->line, 7);
}

TEST(CatalogFromJson, WrongFormatIsAnError) {
    Diagnostics diagnostics;
    EXPECT_FALSE(Catalog::fromJson(R"({"format": "headroom-site/1"})", "f.json", diagnostics));
    ASSERT_NE(findDiagnostic(diagnostics, "/format"), nullptr);
}

// A cited id the bibliography lacks is a located warning, not an error: the figure stands.
TEST(CatalogFromJson, AnUnknownCitationWarns) {
    const std::string text = R"({"format": "headroom-catalog/1", "chips": [{"id": "c",
 "hbm": {"value": "128 GiB", "source": "datasheet [nvidia-h100-datasheet] [nvidia-x9)"
                             "-2099]"
                             R"(",
         "confidence": "O"},
 "dense_fp8": {"value": "2 PFLOP/s", "source": "s", "confidence": "3P"},
 "hbm_bandwidth": {"value": "6 TB/s", "source": "s", "confidence": "O"},
 "peak_power": {"value": "0.9 kW", "source": "s", "confidence": "I"},
 "idle_power": {"value": "90 W", "source": "s", "confidence": "I"}}]})";
    Diagnostics diagnostics;
    const auto catalog = Catalog::fromJson(text, "user.json", diagnostics);
    ASSERT_TRUE(catalog);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(diagnostics.items()[0]),
              "user.json:2:40: warning: /chips/0/hbm/source: cites [nvidia-x9"
              "-2099], which is "
              "not in Headroom's bibliography (resources/references.json)");
}

TEST(CatalogFromJson, AValidUserCatalogResolves) {
    const std::string text = R"({"format": "headroom-catalog/1", "chips": [{"id": "c",
 "dense_fp8": {"value": "2 PFLOP/s", "source": "s", "confidence": "3P"},
 "hbm": {"value": "128 GiB", "source": "s", "confidence": "O"},
 "hbm_bandwidth": {"value": "6 TB/s", "source": "s", "confidence": "O"},
 "peak_power": {"value": "0.9 kW", "source": "s", "confidence": "I"},
 "idle_power": {"value": "90 W", "source": "s", "confidence": "I"}}]})";
    Diagnostics diagnostics;
    const auto catalog = Catalog::fromJson(text, "user.json", diagnostics);
    ASSERT_TRUE(catalog) << (diagnostics.empty() ? "" : formatDiagnostic(diagnostics.items()[0]));
    EXPECT_TRUE(diagnostics.empty());
    const auto chip = catalog->chip("c");
    ASSERT_TRUE(chip);
    EXPECT_DOUBLE_EQ(chip->denseTflops[0].value(), 2000.0);
    EXPECT_FALSE(chip->denseTflops[1]); // not given: absent, never 0
    EXPECT_DOUBLE_EQ(chip->peakPower.value(), 900.0);
}

// Every official or third-party figure of the catalog cites the publication it comes from;
// only inferences ([I]) and definitions (an 800G port runs at 800 Gb/s) cite none.
TEST(Bibliography, EveryPublishedCatalogFigureCitesItsSource) {
    const nlohmann::json& catalog = Catalog::builtin().document();
    int figures = 0;
    for (const auto& [group, entries] : catalog.items()) {
        if (!entries.is_array()) {
            continue;
        }
        for (const auto& entry : entries) {
            for (const auto& [key, figure] : entry.items()) {
                if (!figure.is_object() || !figure.contains("confidence")) {
                    continue;
                }
                ++figures;
                const std::string source = figure["source"].get<std::string>();
                if (figure["confidence"] == "I" || source == "by definition") {
                    continue;
                }
                EXPECT_FALSE(citedIds(source).empty())
                    << group << "/" << entry["id"].get<std::string>() << "/" << key
                    << ": a figure marked " << figure["confidence"]
                    << " cites no publication: " << source;
            }
        }
    }
    EXPECT_GT(figures, 100);
}

} // namespace
} // namespace headroom::model
