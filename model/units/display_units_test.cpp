// The display units and the one number formatter: exact conversions (NIST SP 811, B.8),
// the name rule the CSV columns follow, and fixed-decimal text with grouping and rounding.
#include "model/units/display_units.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace headroom::model {
namespace {

TEST(DisplayUnits, ConvertsWaterTemperatureAndCoolingExactly) {
    const DisplayUnits si(UnitSystem::SI), ip(UnitSystem::IP);
    // 1 US gal = 3.785411784 L; degF = degC x 9/5 + 32; 1 ton = 3.516852842 kW (NIST SP 811).
    EXPECT_DOUBLE_EQ(ip.waterVolume(3.785411784), 1000.0);
    EXPECT_DOUBLE_EQ(ip.waterIntensity(3.785411784), 1.0);
    EXPECT_DOUBLE_EQ(ip.temperature(100.0), 212.0);
    EXPECT_NEAR(ip.coolingPower(3.516852842e-3), 1.0, 1e-12);
    EXPECT_DOUBLE_EQ(si.waterVolume(12.5), 12.5);
    EXPECT_DOUBLE_EQ(si.humidityRatio(0.0125), 12.5); // g/kg
    EXPECT_EQ(ip.unit(FigureKind::WaterIntensity), "gal/kWh");
    EXPECT_EQ(si.unit(FigureKind::Ratio), "");
    EXPECT_EQ(ip.decimals(FigureKind::WaterIntensity, 3), 4);
    EXPECT_EQ(ip.decimals(FigureKind::PowerMw, 1), 1);
}

TEST(DisplayUnits, NamesFollowTheirSiSuffix) {
    const DisplayUnits ip(UnitSystem::IP);
    EXPECT_EQ(ip.namedUnit("water_m3"), "water_gal");
    EXPECT_EQ(ip.namedUnit("wue_site_l_per_kwh"), "wue_site_gal_per_kwh");
    EXPECT_EQ(ip.namedUnit("evaporation_l"), "evaporation_gal");
    EXPECT_EQ(ip.namedUnit("dry_bulb_c"), "dry_bulb_f");
    EXPECT_EQ(ip.namedUnit("pue"), "pue");
    EXPECT_DOUBLE_EQ(ip.named("dry_bulb_c", 0.0), 32.0);
    EXPECT_DOUBLE_EQ(ip.named("pue", 1.2), 1.2);
    EXPECT_EQ(DisplayUnits(UnitSystem::SI).namedUnit("water_m3"), "water_m3");
}

TEST(FormatFixed, RoundsGroupsAndNeverPrintsMinusZero) {
    const NumberStyle english = englishNumberStyle();
    EXPECT_EQ(formatFixed(1234567.891, 2, english), "1,234,567.89");
    EXPECT_EQ(formatFixed(-1234.5, 0, english), "-1,235"); // half away from zero
    EXPECT_EQ(formatFixed(-0.0004, 3, english), "0.000");
    EXPECT_EQ(formatFixed(999.96, 1, english), "1,000.0");
    EXPECT_EQ(formatFixed(12345.678, 1), "12345.7"); // no separator by default
    EXPECT_EQ(formatFixed(0.5, 0), "1");
    EXPECT_EQ(formatFixed(1.25, 3, {".", ",", "-"}), "1,250");
    EXPECT_EQ(formatFixed(std::numeric_limits<double>::quiet_NaN(), 2, english), "n/a");
    EXPECT_EQ(formatFixed(std::numeric_limits<double>::infinity(), 2, {"", ".", "-"}), "-");
}

TEST(FormatQuantity, ConvertsAndAppendsTheUnitOfTheSystem) {
    const DisplayUnits si(UnitSystem::SI), ip(UnitSystem::IP);
    EXPECT_EQ(formatQuantity(1.1534, FigureKind::Ratio, 3, si), "1.153");
    EXPECT_EQ(formatQuantity(0.25, FigureKind::WaterIntensity, 3, si), "0.250 L/kWh");
    // 0.25 L/kWh / 3.785411784 = 0.06604 gal/kWh, one decimal more in IP.
    EXPECT_EQ(formatQuantity(0.25, FigureKind::WaterIntensity, 3, ip), "0.0660 gal/kWh");
    EXPECT_EQ(formatQuantity(12.34, FigureKind::HeadroomMw, 1, si), "12.3 MW");
    EXPECT_EQ(formatQuantity(-13.3, FigureKind::HeadroomMw, 1, si), "over by 13.3 MW");
    EXPECT_EQ(formatQuantity(std::nan(""), FigureKind::PowerMw, 1, si), "n/a");
}

} // namespace
} // namespace headroom::model
