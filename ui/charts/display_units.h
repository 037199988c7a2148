#pragma once
// The units a chart or report shows: SI, or the US customary (IP) units a US planner
// reads (degF, gallons, tons of refrigeration, ft2). The model computes in SI; these
// conversions happen only at the display edge. Electric power, energy and carbon stay
// in MW, MWh and metric tonnes in both systems: US utilities and the GHG Protocol use them.

#include "model/report/report_writer.h"

#include <string>

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

private:
    UnitSystem m_system;
};

} // namespace headroom::ui
