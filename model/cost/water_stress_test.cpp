#include "model/cost/water_stress.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

Site siteIn(std::optional<WaterStressCategory> category, CoolingDesign design) {
    Site site;
    site.cooling.design = design;
    site.waterStress.emplace().category = category;
    return site;
}

RunResult yearUsing(double waterM3) {
    RunResult r;
    r.annual.waterM3 = waterM3;
    return r;
}

// GRI 303-5 [gri-303-2018]: water from an area of high or extremely high baseline stress
// counts whole, elsewhere not at all; an evaporative design there is warned about at
// /cooling/design, and the dry design is not.
TEST(WaterStress, WaterCountsInHighAndExtremelyHighBasinsOnly) {
    Diagnostics diagnostics;
    const auto evaporative = CoolingDesign::AirsideEconomizerEvaporative;
    auto r = siteWaterStress(siteIn(WaterStressCategory::ExtremelyHigh, evaporative),
                             yearUsing(1234.4), diagnostics);
    EXPECT_EQ(r.waterInStressM3, 1234.4);
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].pointer, "/cooling/design");
    EXPECT_EQ(diagnostics.items()[0].severity, Severity::Warning);
    EXPECT_NE(diagnostics.items()[0].message.find("1234 m3"), std::string::npos);
    EXPECT_NE(diagnostics.items()[0].message.find("extremely high"), std::string::npos);

    Diagnostics quiet;
    r = siteWaterStress(siteIn(WaterStressCategory::MediumHigh, evaporative), yearUsing(1234.4),
                        quiet);
    EXPECT_EQ(r.waterInStressM3, 0.0);
    r = siteWaterStress(siteIn(WaterStressCategory::High, CoolingDesign::AirCooledChillers),
                        yearUsing(0.0), quiet);
    EXPECT_EQ(r.waterInStressM3, 0.0);
    EXPECT_TRUE(quiet.items().empty());
}

// A category not found is no figure, not zero.
TEST(WaterStress, ACategoryNotFoundGivesNoFigure) {
    Diagnostics diagnostics;
    const auto r = siteWaterStress(siteIn(std::nullopt, CoolingDesign::ChilledWaterTowers),
                                   yearUsing(500.0), diagnostics);
    EXPECT_FALSE(r.waterInStressM3);
    EXPECT_FALSE(r.category);
    EXPECT_TRUE(diagnostics.items().empty());
}

} // namespace
} // namespace headroom::model
