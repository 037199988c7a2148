#pragma once
// Named quantity types for every physical figure Headroom handles.
// All are Boost.Units quantities in SI base units, plus two non-SI base dimensions:
// information (bytes, from Boost.Units' information system) and computation
// (floating-point operations, defined here). Absolute temperatures and temperature
// differences are distinct types, so "27 degC + 27 degC" does not compile.

#include <boost/units/absolute.hpp>
#include <boost/units/base_dimension.hpp>
#include <boost/units/base_unit.hpp>
#include <boost/units/make_system.hpp>
#include <boost/units/quantity.hpp>
#include <boost/units/systems/information/byte.hpp>
#include <boost/units/systems/si.hpp>
#include <boost/units/systems/temperature/celsius.hpp>

namespace headroom::units {

namespace bu = boost::units;
namespace si = boost::units::si;

// Computation: a base dimension of its own, counted in floating-point operations.
struct computation_base_dimension : bu::base_dimension<computation_base_dimension, 3101> {};
using computation_dimension = computation_base_dimension::dimension_type;
struct flop_base_unit : bu::base_unit<flop_base_unit, computation_dimension, 3102> {
    static const char* name() { return "floating-point operation"; }
    static const char* symbol() { return "FLOP"; }
};
using flop_system = bu::make_system<flop_base_unit>::type;
using flop_unit = bu::unit<computation_dimension, flop_system>;

using byte_unit = bu::information::hu::byte::info;

// SI quantities.
using Length = bu::quantity<si::length>;
using Area = bu::quantity<si::area>;
using Volume = bu::quantity<si::volume>;
using Mass = bu::quantity<si::mass>;
using Time = bu::quantity<si::time>;
using Power = bu::quantity<si::power>;
using Energy = bu::quantity<si::energy>;
using Pressure = bu::quantity<si::pressure>;
using Temperature = bu::quantity<bu::absolute<si::temperature>>; ///< absolute, in K
using TemperatureDifference = bu::quantity<si::temperature>;     ///< a difference, in K
using Velocity = bu::quantity<si::velocity>;
using Frequency = bu::quantity<si::frequency>;
using Dimensionless = bu::quantity<si::dimensionless>;

// Derived quantities named for what they mean in a datacenter.
using MassFlow = bu::quantity<decltype(si::kilogram / si::second)>;
using VolumeFlow = bu::quantity<decltype(si::cubic_meter / si::second)>;
/// kg CO2e per J of electricity (input as kg/kWh, lb/MWh, ...).
using CarbonIntensity = bu::quantity<decltype(si::kilogram / si::joule)>;
/// m3 of water per J of energy (input as L/kWh, gal/MWh, ...).
using WaterIntensity = bu::quantity<decltype(si::cubic_meter / si::joule)>;
/// Fan power per unit of airflow, W/(m3/s); dimensionally a pressure, kept apart by name.
using SpecificFanPower = bu::quantity<decltype(si::watt / (si::cubic_meter / si::second))>;
using SpecificHeat = bu::quantity<decltype(si::joule / (si::kilogram * si::kelvin))>;
using SpecificEnergy = bu::quantity<decltype(si::joule / si::kilogram)>; ///< enthalpy
using Density = bu::quantity<si::mass_density>;

using DataSize = bu::quantity<byte_unit>;
using DataRate = bu::quantity<decltype(byte_unit() / si::second)>;
using Operations = bu::quantity<flop_unit>;
using ComputeRate = bu::quantity<decltype(flop_unit() / si::second)>;

// Construction helpers at the file/UI edge, where bare doubles come in with their unit
// in their name.
inline Power watts(double value) {
    return value * si::watt;
}
inline Power kilowatts(double value) {
    return value * 1e3 * si::watt;
}
inline Power megawatts(double value) {
    return value * 1e6 * si::watt;
}
inline Energy kilowattHours(double value) {
    return value * 3.6e6 * si::joule;
}
inline Temperature kelvin(double value) {
    return value * bu::absolute<si::temperature>();
}
inline Temperature celsius(double value) {
    return kelvin(value + 273.15);
}
inline TemperatureDifference kelvinDifference(double value) {
    return value * si::kelvin;
}
inline Pressure pascals(double value) {
    return value * si::pascal;
}
inline Volume litres(double value) {
    return value * 1e-3 * si::cubic_meter;
}

inline double toCelsius(Temperature t) {
    return t.value() - 273.15;
}
inline double toKilowatts(Power p) {
    return p.value() / 1e3;
}
inline double toKilowattHours(Energy e) {
    return e.value() / 3.6e6;
}
inline double toLitres(Volume v) {
    return v.value() * 1e3;
}

} // namespace headroom::units
