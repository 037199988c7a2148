#include "model/cost/embodied_carbon.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

// LLMCarbon's hardware table [faiz-2024-llmcarbon]: H100, 814 mm2 on TSMC 4 nm at
// 1.8 kg/cm2, is 14.65 kg CO2e (rounded to 0.01 kg: the tolerance); V100, 815 mm2 on
// 12 nm at 1.2 kg/cm2, 9.78 kg; TPUv3, 700 mm2 on 16 nm at 1.0 kg/cm2, 7.0 kg.
TEST(EmbodiedCarbon, DiesGiveLlmCarbonsFigures) {
    EXPECT_NEAR(dieCarbon(814.0, 4)->kg, 14.65, 0.005);
    EXPECT_NEAR(dieCarbon(815.0, 12)->kg, 9.78, 0.005);
    EXPECT_NEAR(dieCarbon(700.0, 16)->kg, 7.0, 0.005);
    // 4 and 5 nm are one class; ACT's range holds LLMCarbon's value.
    const DieCarbon h100 = *dieCarbon(814.0, 5);
    EXPECT_NEAR(h100.kg, 14.65, 0.005);
    EXPECT_LT(h100.lowKg, h100.kg);
    EXPECT_GT(h100.highKg, h100.kg);
    // ACT with Taiwan's grid, 5 nm: (0.583 x 2.75 + 0.3275 + 0.5) / 0.875 = 2.78 kg/cm2.
    EXPECT_NEAR(h100.highKg, 8.14 * 2.78, 0.01);
    EXPECT_FALSE(dieCarbon(814.0, 90));
}

// The catalog's dies are the chips' published areas and nodes, and give the same figures.
TEST(EmbodiedCarbon, CatalogDiesCiteTheirSources) {
    const DieFigure* h100 = CostCatalog::builtin().die("h100");
    ASSERT_NE(h100, nullptr);
    EXPECT_NEAR(dieCarbon(h100->areaM2 * 1e6, h100->nodeNm)->kg, 14.65, 0.005);
    EXPECT_EQ(CostCatalog::builtin().die("trainium2"), nullptr); // not published
}

} // namespace
} // namespace headroom::model
