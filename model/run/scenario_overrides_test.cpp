// Overrides and the canonical documents that name scenarios.
#include "model/run/scenario_overrides.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

using json = nlohmann::json;

const json kBase = json::parse(R"({
  "name": "Base", "format": "headroom-site/1",
  "climate": {"digest": {"months": [1, 2, 3], "note": "a \"quoted\" note"}},
  "cooling": {"supply_air": {"max": "27 degC"}},
  "a/b": {"c~d": 1.5e-7},
  "it": {"utilization": "70 %", "chips": [1, 2]}
})");

TEST(ScenarioOverrides, ApplyReplacesExistingFieldsOnly) {
    json document = kBase;
    Diagnostics diagnostics;
    EXPECT_TRUE(
        applyOverrides(document, {{"/cooling/supply_air/max", "30 degC"}}, "s.json", diagnostics));
    EXPECT_EQ(document["cooling"]["supply_air"]["max"], "30 degC");
    EXPECT_FALSE(applyOverrides(document, {{"/cooling/supply_air/maximum", "30 degC"}}, "s.json",
                                diagnostics));
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].pointer, "/cooling/supply_air/maximum");
    EXPECT_EQ(diagnostics.items()[0].message, "no such field in the site");
    EXPECT_FALSE(applyOverrides(document, {{"no-slash", 1}}, "s.json", diagnostics));
}

TEST(ScenarioOverrides, CanonicalTextIgnoresKeyOrder) {
    EXPECT_EQ(canonicalDocument(json::parse(R"({"b": 1, "a": {"d": 2, "c": 3}})")),
              R"({"a":{"c":3,"d":2},"b":1})");
    EXPECT_EQ(canonicalParameters({{"/z", 1}, {"/a", "x"}}), R"({"/a":"x","/z":1})");
}

TEST(ScenarioOverrides, ReusedMemberTextsGiveTheSameBytes) {
    const auto members = canonicalMemberTexts(kBase);
    const std::vector<std::vector<Override>> cases = {
        {},
        {{"/cooling/supply_air/max", "30 degC"}},
        {{"/cooling/supply_air/max", "30 degC"}, {"/it/utilization", "50 %"}},
        {{"/a~1b/c~0d", 2}},
        {{"/climate/digest/note", "other"}},
        {{"/name", "Renamed"}},
        {{"/cooling", json{{"design", "towers"}}}, {"/cooling/design", "chillers"}},
        {{"", json{{"name", "A whole other document"}}}},
    };
    for (const auto& overrides : cases) {
        json document = kBase;
        Diagnostics diagnostics;
        ASSERT_TRUE(applyOverrides(document, overrides, "s.json", diagnostics));
        EXPECT_EQ(canonicalDocument(kBase, members, overrides), canonicalDocument(document))
            << canonicalParameters(overrides);
    }
}

} // namespace
} // namespace headroom::model
