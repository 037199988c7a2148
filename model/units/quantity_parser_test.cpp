// The quantity parser: accepted forms against exact conversion factors (NIST SP 811
// appendix B), and every rejection path with its message and offset.
#include "model/units/quantity_parser.h"

#include <gtest/gtest.h>

namespace headroom::units {
namespace {

template <class Q> double parseSi(const char* text) {
    auto result = parseQuantity<Q>(text);
    EXPECT_TRUE(result) << text << ": " << result.error.message;
    return result ? result.value->value() : 0.0;
}

TEST(QuantityParser, AcceptsTheFormsPlannersWrite) {
    EXPECT_DOUBLE_EQ(parseSi<Power>("65 MW"), 65e6);
    EXPECT_DOUBLE_EQ(parseSi<Power>("65MW"), 65e6);
    EXPECT_DOUBLE_EQ(parseSi<Power>("  500 W "), 500);
    EXPECT_DOUBLE_EQ(parseSi<Power>("2.2 GW"), 2.2e9);
    EXPECT_DOUBLE_EQ(parseSi<Temperature>("27 degC"), 300.15);
    EXPECT_DOUBLE_EQ(parseSi<Temperature>("27 °C"), 300.15);
    EXPECT_NEAR(parseSi<Temperature>("80.6 degF"), 300.15, 1e-9); // 80.6 F = 27 C exactly
    EXPECT_DOUBLE_EQ(parseSi<Temperature>("300 K"), 300);
    EXPECT_DOUBLE_EQ(parseSi<TemperatureDifference>("5 K"), 5);
    EXPECT_DOUBLE_EQ(parseSi<TemperatureDifference>("5 delta_degC"), 5);
    EXPECT_NEAR(parseSi<TemperatureDifference>("9 delta_degF"), 5, 1e-12);
    EXPECT_NEAR(parseSi<CarbonIntensity>("0.4155 kg/kWh"), 0.4155 / 3.6e6, 1e-20);
    EXPECT_NEAR(parseSi<CarbonIntensity>("415.5 kgCO2e/MWh"), 0.4155 / 3.6e6, 1e-20);
    // 911 lb/MWh = 911 x 0.45359237 kg / 3.6e9 J
    EXPECT_NEAR(parseSi<CarbonIntensity>("911 lb/MWh"), 911 * 0.45359237 / 3.6e9, 1e-22);
    EXPECT_NEAR(parseSi<WaterIntensity>("0.15 L/kWh"), 0.15e-3 / 3.6e6, 1e-24);
    EXPECT_NEAR(parseSi<WaterIntensity>("1 gal/MWh"), 3.785411784e-3 / 3.6e9, 1e-24);
    EXPECT_NEAR(parseSi<VolumeFlow>("12 gal/min"), 12 * 3.785411784e-3 / 60, 1e-15);
    EXPECT_NEAR(parseSi<VolumeFlow>("12 gpm"), 12 * 3.785411784e-3 / 60, 1e-15);
    EXPECT_NEAR(parseSi<VolumeFlow>("30000 cfm"), 30000 * 0.028316846592 / 60, 1e-12);
    EXPECT_NEAR(parseSi<VolumeFlow>("3600 m3/h"), 1.0, 1e-12);
    EXPECT_NEAR(parseSi<Area>("200000 ft2"), 200000 * 0.09290304, 1e-9);
    EXPECT_NEAR(parseSi<Area>("1200 acres"), 1200 * 4046.8564224, 1e-6);
    EXPECT_NEAR(parseSi<Pressure>("1.2 inH2O"), 1.2 * 249.08891, 1e-9);
    EXPECT_NEAR(parseSi<Pressure>("14.6959 psi"), 101325, 1.0);
    EXPECT_DOUBLE_EQ(parseSi<DataSize>("96 GiB"), 96.0 * 1073741824.0);
    EXPECT_DOUBLE_EQ(parseSi<DataRate>("2.9 TB/s"), 2.9e12);
    EXPECT_DOUBLE_EQ(parseSi<DataRate>("3.2 Tbps"), 0.4e12);
    EXPECT_DOUBLE_EQ(parseSi<DataRate>("800 Gb/s"), 100e9);
    EXPECT_DOUBLE_EQ(parseSi<ComputeRate>("667 TFLOP/s"), 667e12);
    EXPECT_DOUBLE_EQ(parseSi<ComputeRate>("83.2 PFLOPS"), 83.2e15);
    EXPECT_DOUBLE_EQ(parseSi<Dimensionless>("85 %"), 0.85);
    EXPECT_DOUBLE_EQ(parseSi<Dimensionless>("0.85"), 0.85);
    EXPECT_NEAR(parseSi<Power>("1 ton"), 3516.8528420667, 1e-9); // 12,000 Btu/h
    EXPECT_NEAR(parseSi<Power>("3412.14 Btu/h"), 1000.0, 1e-3);
    EXPECT_NEAR(parseSi<SpecificFanPower>("1.2 kW/(m3/s)"), 1200, 1e-9);
    EXPECT_NEAR(parseSi<SpecificFanPower>("1200 W/(m^3/s)"), 1200, 1e-9);
    EXPECT_NEAR(parseSi<SpecificHeat>("1006 J/(kg*K)"), 1006, 1e-12);
    EXPECT_NEAR(parseSi<Time>("14.8 d"), 14.8 * 86400, 1e-6);
    EXPECT_NEAR(parseSi<Energy>("1287 MWh"), 1287 * 3.6e9, 1e-3);
    EXPECT_NEAR(parseSi<Mass>("552 tCO2e"), 552e3, 1e-9);
    EXPECT_NEAR(parseSi<Length>("-500 m"), -500, 1e-12);
    EXPECT_NEAR(parseSi<Power>("+1.5e3 kW"), 1.5e6, 1e-9);
}

struct Rejection {
    const char* text;
    QuantityError::Kind kind;
    const char* message;
    std::size_t offset;
};

void expectRejectedAsPower(const Rejection& r) {
    auto result = parseQuantity<Power>(r.text);
    ASSERT_FALSE(result) << r.text;
    EXPECT_EQ(result.error.kind, r.kind) << r.text;
    EXPECT_EQ(result.error.message, r.message) << r.text;
    EXPECT_EQ(result.error.offset, r.offset) << r.text;
}

TEST(QuantityParser, RejectsAnUnknownUnitNamingIt) {
    expectRejectedAsPower({"65 MWW", QuantityError::Kind::UnknownUnit, "unknown unit \"MWW\"", 3});
    expectRejectedAsPower(
        {"65 kW/furlong", QuantityError::Kind::UnknownUnit, "unknown unit \"furlong\"", 6});
    expectRejectedAsPower(
        {"65 W/(m3", QuantityError::Kind::UnknownUnit, "missing \")\" in unit \"W/(m3\"", 8});
    expectRejectedAsPower({"65 W^9", QuantityError::Kind::UnknownUnit,
                           "expected an integer power from -4 to 4 after \"^\" in unit \"W^9\"",
                           5});
}

TEST(QuantityParser, RejectsAWrongDimensionNamingBoth) {
    expectRejectedAsPower({"12 m", QuantityError::Kind::WrongDimension,
                           "expected a power such as \"65 MW\", got a length \"12 m\"", 0});
    expectRejectedAsPower({"27 degC", QuantityError::Kind::WrongDimension,
                           "expected a power such as \"65 MW\", got a temperature \"27 degC\"", 0});
    expectRejectedAsPower({"1287 MWh", QuantityError::Kind::WrongDimension,
                           "expected a power such as \"65 MW\", got an energy \"1287 MWh\"", 0});
    auto temperature = parseQuantity<Temperature>("27 MW");
    ASSERT_FALSE(temperature);
    EXPECT_EQ(temperature.error.message,
              "expected a temperature such as \"27 degC\", got a power \"27 MW\"");
}

TEST(QuantityParser, KeepsAbsoluteTemperaturesApartFromDifferences) {
    auto difference = parseQuantity<TemperatureDifference>("5 degC");
    ASSERT_FALSE(difference);
    EXPECT_EQ(difference.error.kind, QuantityError::Kind::WrongDimension);
    EXPECT_EQ(difference.error.message,
              "expected a temperature difference such as \"5 K\" or \"9 delta_degF\", got a "
              "temperature \"5 degC\"");
    auto absolute = parseQuantity<Temperature>("5 delta_degC");
    ASSERT_FALSE(absolute);
    EXPECT_EQ(absolute.error.message,
              "expected a temperature such as \"27 degC\", got a temperature difference "
              "\"5 delta_degC\"");
    auto compound = parseQuantity<Dimensionless>("3 degC/h");
    ASSERT_FALSE(compound);
    EXPECT_EQ(compound.error.kind, QuantityError::Kind::UnknownUnit);
}

TEST(QuantityParser, RejectsMalformedNumbers) {
    expectRejectedAsPower(
        {"", QuantityError::Kind::Empty, "expected a number and a unit, got an empty string", 0});
    expectRejectedAsPower({"   ", QuantityError::Kind::Empty,
                           "expected a number and a unit, got an empty string", 3});
    expectRejectedAsPower({"MW", QuantityError::Kind::MalformedNumber,
                           "expected a finite number such as 65 or 1.2e3, got \"MW\"", 0});
    expectRejectedAsPower({"1,000 kW", QuantityError::Kind::MalformedNumber,
                           "expected a finite number such as 65 or 1.2e3, got \"1,000\"", 0});
    expectRejectedAsPower({"1.2.3 kW", QuantityError::Kind::MalformedNumber,
                           "expected a finite number such as 65 or 1.2e3, got \"1.2.3\"", 0});
    expectRejectedAsPower({"nan W", QuantityError::Kind::MalformedNumber,
                           "expected a finite number such as 65 or 1.2e3, got \"nan\"", 0});
    expectRejectedAsPower({"inf W", QuantityError::Kind::MalformedNumber,
                           "expected a finite number such as 65 or 1.2e3, got \"inf\"", 0});
    expectRejectedAsPower(
        {"1e999 W", QuantityError::Kind::MalformedNumber, "number \"1e999\" is out of range", 0});
    expectRejectedAsPower({"1e300 TW^4", QuantityError::Kind::MalformedNumber,
                           "\"1e300 TW^4\" is out of range in SI units", 0});
    expectRejectedAsPower({"12-3 W", QuantityError::Kind::MalformedNumber,
                           "expected a number followed by a unit, got \"12-3 W\"", 0});
}

TEST(QuantityParser, RejectsHostileUnits) {
    // 100,000 nested parentheses must give an error, not overflow the stack.
    const std::string deep = "1 " + std::string(100000, '(') + "W";
    auto nested = parseAnyQuantity(deep);
    ASSERT_FALSE(nested);
    EXPECT_EQ(nested.error.kind, QuantityError::Kind::UnknownUnit);
    EXPECT_EQ(nested.error.message, "parentheses nested deeper than 16 levels in unit \"" +
                                        std::string(64, '(') + "...\" (100001 bytes)");
    EXPECT_EQ(nested.error.offset, 18u);
    // Powers of powers that take the unit's factor to 0 (1e-3^256) would read every value
    // as 0.
    expectRejectedAsPower({"5 ((((mm/m)^4)^4)^4)^4*W", QuantityError::Kind::UnknownUnit,
                           "unit \"((((mm/m)^4)^4)^4)^4*W\" is out of range in SI units", 2});
}

TEST(QuantityParser, RejectsAMissingUnit) {
    expectRejectedAsPower({"65", QuantityError::Kind::MissingUnit,
                           "expected a power with a unit such as \"65 MW\", got \"65\"", 0});
}

TEST(QuantityParser, NamesUnnamedDimensionsInSiForm) {
    auto result = parseQuantity<Power>("3 kg*m");
    ASSERT_FALSE(result);
    EXPECT_EQ(result.error.message,
              "expected a power such as \"65 MW\", got a quantity in kg*m \"3 kg*m\"");
}

} // namespace
} // namespace headroom::units
