#pragma once
// Parses quantity strings the way planners write them: "65 MW", "27 degC", "5 K",
// "0.4155 kg/kWh", "911 lb/MWh", "12 gal/min", "W/(m3/s)", "96 GiB", "85 %".
// A unit expression is a product or quotient of unit symbols with optional integer
// powers and parentheses; each symbol has an exact factor to SI base units.
// Absolute temperatures (degC, degF) stand alone; differences are K, delta_degC or
// delta_degF; a lone K may be either.

#include "model/units/units.h"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::units {

/// Exponents over the base dimensions Headroom uses.
struct Dimension {
    int length = 0;
    int mass = 0;
    int time = 0;
    int temperature = 0;
    int information = 0;
    int computation = 0;
    /// Money, in US dollars: prices and unit costs ("0.0824 USD/kWh", "11.7 MUSD/MW").
    int money = 0;

    constexpr Dimension operator+(const Dimension& o) const {
        return {length + o.length,
                mass + o.mass,
                time + o.time,
                temperature + o.temperature,
                information + o.information,
                computation + o.computation,
                money + o.money};
    }
    constexpr Dimension operator-(const Dimension& o) const {
        return {length - o.length,
                mass - o.mass,
                time - o.time,
                temperature - o.temperature,
                information - o.information,
                computation - o.computation,
                money - o.money};
    }
    constexpr Dimension scaled(int power) const {
        return {length * power,      mass * power,        time * power, temperature * power,
                information * power, computation * power, money * power};
    }
    constexpr bool operator==(const Dimension&) const = default;
};

/// How a temperature unit reads: degC is a point on the scale, delta_degC a step, K either.
enum class TemperatureReading { NotTemperature, Absolute, Difference, Either };

struct ParsedQuantity {
    double siValue = 0.0; ///< in SI base units (m, kg, s, K, byte, FLOP) and USD
    Dimension dimension;
    TemperatureReading temperature = TemperatureReading::NotTemperature;
};

struct QuantityError {
    enum class Kind { Empty, MalformedNumber, MissingUnit, UnknownUnit, WrongDimension };
    Kind kind = Kind::Empty;
    std::string message;    ///< what was found and what was expected
    std::size_t offset = 0; ///< 0-based offset of the offending text inside the string
};

template <class Q> struct QuantityResult {
    std::optional<Q> value;
    QuantityError error; ///< meaningful only when value is empty

    explicit operator bool() const { return value.has_value(); }
};

/// Parses the number and unit; checks syntax and symbols, not the dimension.
QuantityResult<ParsedQuantity> parseAnyQuantity(std::string_view text);

/// A readable name for a dimension ("power", "carbon intensity"), or its SI form.
std::string dimensionName(const Dimension& dimension);

/// What each quantity alias expects, for the typed parser and for messages.
template <class Q> struct QuantityTraits;

#define HEADROOM_QUANTITY_TRAITS(Type, L, M, T, K, I, C, Name, Example)                            \
    template <> struct QuantityTraits<Type> {                                                      \
        static constexpr Dimension dimension{L, M, T, K, I, C};                                    \
        static constexpr const char* name = Name;                                                  \
        static constexpr const char* example = Example;                                            \
    };
HEADROOM_QUANTITY_TRAITS(Length, 1, 0, 0, 0, 0, 0, "length", "12 m")
HEADROOM_QUANTITY_TRAITS(Area, 2, 0, 0, 0, 0, 0, "area", "200000 ft2")
HEADROOM_QUANTITY_TRAITS(Volume, 3, 0, 0, 0, 0, 0, "volume", "1000 L")
HEADROOM_QUANTITY_TRAITS(Mass, 0, 1, 0, 0, 0, 0, "mass", "2 t")
HEADROOM_QUANTITY_TRAITS(Time, 0, 0, 1, 0, 0, 0, "time", "14.8 d")
HEADROOM_QUANTITY_TRAITS(Power, 2, 1, -3, 0, 0, 0, "power", "65 MW")
HEADROOM_QUANTITY_TRAITS(Energy, 2, 1, -2, 0, 0, 0, "energy", "1287 MWh")
HEADROOM_QUANTITY_TRAITS(Pressure, -1, 1, -2, 0, 0, 0, "pressure", "101.325 kPa")
HEADROOM_QUANTITY_TRAITS(Velocity, 1, 0, -1, 0, 0, 0, "velocity", "2.5 m/s")
HEADROOM_QUANTITY_TRAITS(Frequency, 0, 0, -1, 0, 0, 0, "frequency", "60 Hz")
HEADROOM_QUANTITY_TRAITS(Dimensionless, 0, 0, 0, 0, 0, 0, "fraction", "85 %")
HEADROOM_QUANTITY_TRAITS(MassFlow, 0, 1, -1, 0, 0, 0, "mass flow", "12 kg/s")
HEADROOM_QUANTITY_TRAITS(VolumeFlow, 3, 0, -1, 0, 0, 0, "volume flow", "12 gal/min")
HEADROOM_QUANTITY_TRAITS(CarbonIntensity, -2, 0, 2, 0, 0, 0, "carbon intensity", "0.4155 kg/kWh")
HEADROOM_QUANTITY_TRAITS(WaterIntensity, 1, -1, 2, 0, 0, 0, "water intensity", "0.15 L/kWh")
HEADROOM_QUANTITY_TRAITS(SpecificHeat, 2, 0, -2, -1, 0, 0, "specific heat", "1006 J/(kg*K)")
HEADROOM_QUANTITY_TRAITS(SpecificEnergy, 2, 0, -2, 0, 0, 0, "specific energy", "2501 kJ/kg")
HEADROOM_QUANTITY_TRAITS(Density, -3, 1, 0, 0, 0, 0, "density", "1.2 kg/m3")
HEADROOM_QUANTITY_TRAITS(DataSize, 0, 0, 0, 0, 1, 0, "data size", "96 GiB")
HEADROOM_QUANTITY_TRAITS(DataRate, 0, 0, -1, 0, 1, 0, "data rate", "2.9 TB/s")
HEADROOM_QUANTITY_TRAITS(Operations, 0, 0, 0, 0, 0, 1, "amount of computation", "3.14e23 FLOP")
HEADROOM_QUANTITY_TRAITS(ComputeRate, 0, 0, -1, 0, 0, 1, "compute rate", "667 TFLOP/s")
HEADROOM_QUANTITY_TRAITS(TemperatureDifference, 0, 0, 0, 1, 0, 0, "temperature difference", "5 K")
HEADROOM_QUANTITY_TRAITS(Temperature, 0, 0, 0, 1, 0, 0, "temperature", "27 degC")
#undef HEADROOM_QUANTITY_TRAITS
// SpecificFanPower has the dimension of Pressure and is the same C++ type; it parses
// as a Pressure ("1.2 W/(m3/s)" or "1.2 kW/(m3/s)").

namespace detail {
/// Checks that a parsed quantity has the dimension (and temperature reading) expected.
std::optional<QuantityError> checkDimension(std::string_view text, const ParsedQuantity& parsed,
                                            const Dimension& expected, const char* expectedName,
                                            const char* example,
                                            TemperatureReading expectedReading);
} // namespace detail

/// Parses text as a Q, rejecting a wrong dimension ("expected a power, got a length").
template <class Q> QuantityResult<Q> parseQuantity(std::string_view text) {
    using Traits = QuantityTraits<Q>;
    QuantityResult<Q> result;
    auto parsed = parseAnyQuantity(text);
    if (!parsed) {
        result.error = parsed.error;
        return result;
    }
    TemperatureReading reading = TemperatureReading::NotTemperature;
    if constexpr (std::is_same_v<Q, Temperature>) {
        reading = TemperatureReading::Absolute;
    } else if constexpr (std::is_same_v<Q, TemperatureDifference>) {
        reading = TemperatureReading::Difference;
    }
    if (auto error = detail::checkDimension(text, *parsed.value, Traits::dimension, Traits::name,
                                            Traits::example, reading)) {
        result.error = *error;
        return result;
    }
    result.value = Q::from_value(parsed.value->siValue);
    return result;
}

} // namespace headroom::units
