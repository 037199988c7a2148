// Dimension algebra of the quantity aliases, checked by the compiler.
#include "model/units/units.h"

#include <gtest/gtest.h>

#include <type_traits>

namespace headroom::units {
namespace {

template <class A, class B>
constexpr bool sameDimension =
    std::is_same_v<typename A::unit_type::dimension_type, typename B::unit_type::dimension_type>;

// Energy = Power x Time; Power = Energy / Time.
static_assert(sameDimension<decltype(Power() * Time()), Energy>);
static_assert(sameDimension<decltype(Energy() / Time()), Power>);
// Carbon = intensity x energy is a mass; water = intensity x energy is a volume.
static_assert(sameDimension<decltype(CarbonIntensity() * Energy()), Mass>);
static_assert(sameDimension<decltype(WaterIntensity() * Energy()), Volume>);
// Heat = mass flow x specific heat x temperature difference is a power.
static_assert(
    sameDimension<decltype(MassFlow() * SpecificHeat() * TemperatureDifference()), Power>);
// Fan power = specific fan power x airflow.
static_assert(sameDimension<decltype(SpecificFanPower() * VolumeFlow()), Power>);
// Specific fan power has the dimension of a pressure.
static_assert(sameDimension<SpecificFanPower, Pressure>);
// Mass flow = density x volume flow; volume = volume flow x time.
static_assert(sameDimension<decltype(Density() * VolumeFlow()), MassFlow>);
static_assert(sameDimension<decltype(VolumeFlow() * Time()), Volume>);
// Compute: operations = rate x time; bandwidth x time = data.
static_assert(sameDimension<decltype(ComputeRate() * Time()), Operations>);
static_assert(sameDimension<decltype(DataRate() * Time()), DataSize>);
// Distinct dimensions stay distinct.
static_assert(!sameDimension<Power, Energy>);
static_assert(!sameDimension<DataSize, Operations>);
// An absolute temperature is a different type from a difference.
static_assert(!std::is_same_v<Temperature, TemperatureDifference>);
// Two absolute temperatures differ by a difference.
static_assert(std::is_same_v<decltype(Temperature() - Temperature()), TemperatureDifference>);
static_assert(std::is_same_v<decltype(Temperature() + TemperatureDifference()), Temperature>);

TEST(Units, HelpersRoundTripThroughSi) {
    EXPECT_DOUBLE_EQ(megawatts(65).value(), 65e6);
    EXPECT_DOUBLE_EQ(toKilowatts(kilowatts(12.5)), 12.5);
    EXPECT_DOUBLE_EQ(kilowattHours(1).value(), 3.6e6);
    EXPECT_DOUBLE_EQ(toCelsius(celsius(27)), 27);
    EXPECT_DOUBLE_EQ(celsius(0).value(), 273.15);
    EXPECT_DOUBLE_EQ(toLitres(litres(3.5)), 3.5);
    const TemperatureDifference lift = celsius(35) - celsius(20);
    EXPECT_NEAR(lift.value(), 15.0, 1e-12);
}

TEST(Units, CarbonOfEnergyIsMass) {
    // 1 MWh at 0.4155 kg/kWh (eGRID2023 RFCW [epa-egrid-2023]) is 415.5 kg.
    const CarbonIntensity intensity = CarbonIntensity::from_value(0.4155 / 3.6e6);
    const Mass carbon = intensity * kilowattHours(1000);
    EXPECT_NEAR(carbon.value(), 415.5, 1e-9);
}

} // namespace
} // namespace headroom::units
