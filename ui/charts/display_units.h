#pragma once
// The units a chart or report shows: SI, or the US customary (IP) units a US planner
// reads (degF, gallons, tons of refrigeration, ft2). The model computes in SI; these
// conversions happen only at the display edge. Electric power, energy and carbon stay
// in MW, MWh and metric tonnes in both systems: US utilities and the GHG Protocol use them.

#include "model/report/report_writer.h"

#include <string>
#include <string_view>

namespace headroom::ui {

/// The model's choice of units (report_writer.h), shared with the CSV and JSON writers.
using UnitSystem = model::UnitSystem;

/// Exact conversion factors (NIST SP 811, appendix B).
inline constexpr double kLitresPerUsGallon = 3.785411784;
inline constexpr double kSquareMetresPerSquareFoot = 0.09290304;
inline constexpr double kKilowattsPerTonOfRefrigeration = 3.516852842; ///< 12,000 Btu/h
inline constexpr double kGrainsPerPound = 7000.0;

class DisplayUnits {
public:
    explicit DisplayUnits(UnitSystem system = UnitSystem::SI)
        : m_system(system) {}

    UnitSystem system() const { return m_system; }
    bool ip() const { return m_system == UnitSystem::IP; }

    /// A temperature (a point on the scale).
    double temperature(double celsius) const { return ip() ? celsius * 9.0 / 5.0 + 32.0 : celsius; }
    std::string temperatureUnit() const { return ip() ? "\u00b0F" : "\u00b0C"; }

    /// A volume of water, given in m3: m3 or US gallons.
    double waterVolume(double cubicMetres) const {
        return ip() ? cubicMetres * 1000.0 / kLitresPerUsGallon : cubicMetres;
    }
    std::string waterVolumeUnit() const { return ip() ? "gal" : "m\u00b3"; }

    /// Water per IT energy, given in L/kWh: L/kWh or gal/kWh.
    double waterIntensity(double litresPerKwh) const {
        return ip() ? litresPerKwh / kLitresPerUsGallon : litresPerKwh;
    }
    std::string waterIntensityUnit() const { return ip() ? "gal/kWh" : "L/kWh"; }

    /// Water per million tokens, given in L: L or gal.
    double smallWaterVolume(double litres) const {
        return ip() ? litres / kLitresPerUsGallon : litres;
    }
    std::string smallWaterVolumeUnit() const { return ip() ? "gal" : "L"; }

    /// A heat flow (cooling load), given in MW: MW thermal or tons of refrigeration.
    double coolingPower(double megawatts) const {
        return ip() ? megawatts * 1000.0 / kKilowattsPerTonOfRefrigeration : megawatts;
    }
    std::string coolingPowerUnit() const { return ip() ? "tons" : "MWth"; }

    double area(double squareMetres) const {
        return ip() ? squareMetres / kSquareMetresPerSquareFoot : squareMetres;
    }
    std::string areaUnit() const { return ip() ? "ft\u00b2" : "m\u00b2"; }

    /// Humidity ratio, given in kg/kg: g/kg or grains/lb.
    double humidityRatio(double kgPerKg) const {
        return ip() ? kgPerKg * kGrainsPerPound : kgPerKg * 1000.0;
    }
    std::string humidityRatioUnit() const { return ip() ? "gr/lb" : "g/kg"; }

    /// A figure named with its SI unit, as the JSON summary and CSV columns name them
    /// ("water_m3", "wue_site_l_per_kwh", "dry_bulb_c"): its value in this system, through
    /// the conversions above. A name without a unit to convert keeps its value.
    double named(std::string_view siName, double value) const {
        switch (namedKind(siName)) {
        case Named::WaterIntensity:
            return waterIntensity(value);
        case Named::WaterVolume:
            return waterVolume(value);
        case Named::SmallWaterVolume:
            return smallWaterVolume(value);
        case Named::Temperature:
            return temperature(value);
        case Named::Unchanged:
            break;
        }
        return value;
    }
    /// The name of that figure in this system, as the IP CSV columns spell it
    /// ("water_gal", "wue_site_gal_per_kwh", "dry_bulb_f").
    std::string namedUnit(std::string_view siName) const {
        const auto stem = [&](std::size_t suffix) {
            return std::string(siName.substr(0, siName.size() - suffix));
        };
        if (!ip()) {
            return std::string(siName);
        }
        switch (namedKind(siName)) {
        case Named::WaterIntensity:
            return stem(10) + "_gal_per_kwh";
        case Named::WaterVolume:
            return stem(3) + "_gal";
        case Named::SmallWaterVolume:
            return stem(2) + "_gal";
        case Named::Temperature:
            return stem(2) + "_f";
        case Named::Unchanged:
            break;
        }
        return std::string(siName);
    }

private:
    enum class Named { Unchanged, WaterIntensity, WaterVolume, SmallWaterVolume, Temperature };
    static Named namedKind(std::string_view name) {
        if (name.ends_with("_l_per_kwh")) {
            return Named::WaterIntensity;
        }
        if (name.ends_with("_m3")) {
            return Named::WaterVolume;
        }
        if (name.ends_with("_l")) {
            return Named::SmallWaterVolume;
        }
        if (name.ends_with("_c")) {
            return Named::Temperature;
        }
        return Named::Unchanged;
    }

    UnitSystem m_system;
};

} // namespace headroom::ui
