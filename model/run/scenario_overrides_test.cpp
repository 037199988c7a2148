// Overrides and the canonical documents that name scenarios.
#include "model/run/scenario_overrides.h"

#include "model/core/sha256.h"

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

/// The hash from a cut is the hash of the edited document written out whole, whatever the
/// values (numbers, text with escapes, objects, arrays) and wherever they land (first or
/// last member, inside arrays, keys with "~" escapes).
TEST(ScenarioOverrides, AHashFromTheCutIsTheHashOfTheWholeEditedDocument) {
    const std::vector<std::vector<Override>> scenarios{
        {{"/cooling/supply_air/max", "30 degC"}},
        {{"/cooling/supply_air/max", 31.5}, {"/a~1b/c~0d", "x"}},
        {{"/a~1b/c~0d", json::array({1, "two", nullptr})}, {"/cooling/supply_air/max", "1"}},
        {{"/it/chips/1", 7}, {"/name", "Base \"edited\" \u00e9"}},
        {{"/it/chips/0", json::object({{"z", 1}, {"a", 2}})}, {"/climate/digest/note", ""}},
        {{"/format", true}, {"/it/utilization", 1e300}}};
    for (const auto& overrides : scenarios) {
        std::vector<std::string> pointers;
        for (const auto& edit : overrides) {
            pointers.push_back(edit.pointer);
        }
        const auto cut = CanonicalCut::of(kBase, pointers);
        ASSERT_TRUE(cut) << overrides.front().pointer;
        EXPECT_EQ(cut->pointers(), pointers);
        json document = kBase;
        Diagnostics diagnostics;
        ASSERT_TRUE(applyOverrides(document, overrides, "s.json", diagnostics));
        EXPECT_EQ(cut->hash(overrides), sha256Hex(canonicalDocument(document)))
            << overrides.front().pointer;
        // Another scenario of the same pointers, from the same cut.
        std::vector<Override> other = overrides;
        other.back().value = "another value";
        document = kBase;
        ASSERT_TRUE(applyOverrides(document, other, "s.json", diagnostics));
        EXPECT_EQ(cut->hash(other), sha256Hex(canonicalDocument(document)));
    }
}

TEST(ScenarioOverrides, NoCutWhereAnOverrideDoesMoreThanReplaceAValue) {
    const std::vector<std::vector<std::string>> declined{
        {""},                                    // the root
        {"/cooling/supply_air/maximum"},         // names nothing
        {"/it/chips/-"},                         // appends
        {"/it/chips/2"},                         // past the end
        {"/cooling", "/cooling/supply_air/max"}, // one inside another
        {"/cooling/supply_air/max", "/cooling"}, // the same, the other way
        {"/name", "/name"},                      // twice
        {"no-slash"}};                           // not a pointer
    for (const auto& pointers : declined) {
        EXPECT_FALSE(CanonicalCut::of(kBase, pointers)) << pointers.back();
    }
    // A document that already holds a marker's text is not cut (it could be cut wrongly).
    json marked = kBase;
    marked["notes"] = std::string(1, '\x01') + "headroom cut 0" + std::string(1, '\x01');
    EXPECT_FALSE(CanonicalCut::of(marked, {"/name"}));
    EXPECT_TRUE(CanonicalCut::of(kBase, {"/name"}));
}

} // namespace
} // namespace headroom::model
