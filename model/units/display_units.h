#pragma once
// The units a table, chart or report shows: SI, or the US customary (IP) units a US planner
// reads (degF, gallons, tons of refrigeration, ft2). The model computes in SI; these
// conversions happen only at the display edge. Electric power, energy and carbon stay
// in MW, MWh and metric tonnes in both systems: US utilities and the GHG Protocol use them.
// One formatter prints every number a person reads (the CLI, the desktop, the PDF).

#include <string>
#include <string_view>

namespace headroom::model {

enum class UnitSystem { SI, IP };

/// Exact conversion factors (NIST SP 811, appendix B).
inline constexpr double kLitresPerUsGallon = 3.785411784;
inline constexpr double kSquareMetresPerSquareFoot = 0.09290304;
inline constexpr double kKilowattsPerTonOfRefrigeration = 3.516852842; ///< 12,000 Btu/h
inline constexpr double kGrainsPerPound = 7000.0;

/// What a figure measures, in the SI unit the model keeps it in; the display unit follows.
enum class FigureKind {
    Ratio,             ///< PUE, pPUE, MLC: no unit
    Count,             ///< chips, racks, months: no unit
    Text,              ///< a name (the binding constraint)
    Hours,             ///< h
    Days,              ///< d
    EnergyMwh,         ///< MWh
    PowerMw,           ///< MW
    PowerKw,           ///< kW
    HeadroomMw,        ///< MW of design-hour IT; below zero a deployment is over its limit
    ComputePflops,     ///< PFLOP/s
    WaterVolume,       ///< m3 | US gal
    SmallWaterVolume,  ///< L | US gal
    WaterIntensity,    ///< L/kWh | gal/kWh
    CarbonMass,        ///< t CO2e
    CarbonIntensity,   ///< kg CO2e/kWh
    Temperature,       ///< degC | degF (a point on the scale)
    CoolingPower,      ///< MW thermal | tons of refrigeration
    Area,              ///< m2 | ft2
    HumidityRatio,     ///< given in kg/kg: g/kg | grains/lb
    EnergyKwh,         ///< kWh (per million tokens)
    CarbonKg,          ///< kg CO2e (per million tokens)
    TokenRate,         ///< tokens/s
    TokensPerKwh,      ///< tokens/kWh
    TokensPerWater,    ///< given per L: tokens/L | tokens/gal
    TokensPerCarbon,   ///< tokens/kg CO2e
    Money,             ///< given in USD: M USD
    MoneyPerMw,        ///< given in USD/MW: M USD/MW
    MoneyPerPflopHour, ///< USD/PFLOP-h
};

class DisplayUnits {
public:
    explicit DisplayUnits(UnitSystem system = UnitSystem::SI)
        : m_system(system) {}

    UnitSystem system() const { return m_system; }
    bool ip() const { return m_system == UnitSystem::IP; }

    /// A figure of kind, given in its SI unit: its value in this system.
    double value(FigureKind kind, double si) const;
    /// The unit a figure of kind is shown in ("" for ratios, counts and text).
    std::string unit(FigureKind kind) const;
    /// Decimals for a figure of kind shown to siDecimals in SI: a gallon is 3.8 L, so IP
    /// water intensity takes one more decimal to stay as precise.
    int decimals(FigureKind kind, int siDecimals) const;

    /// A temperature (a point on the scale).
    double temperature(double celsius) const { return value(FigureKind::Temperature, celsius); }
    std::string temperatureUnit() const { return unit(FigureKind::Temperature); }
    /// A volume of water, given in m3: m3 or US gallons.
    double waterVolume(double cubicMetres) const {
        return value(FigureKind::WaterVolume, cubicMetres);
    }
    std::string waterVolumeUnit() const { return unit(FigureKind::WaterVolume); }
    /// Water per IT energy, given in L/kWh: L/kWh or gal/kWh.
    double waterIntensity(double litresPerKwh) const {
        return value(FigureKind::WaterIntensity, litresPerKwh);
    }
    std::string waterIntensityUnit() const { return unit(FigureKind::WaterIntensity); }
    /// Water per million tokens, given in L: L or gal.
    double smallWaterVolume(double litres) const {
        return value(FigureKind::SmallWaterVolume, litres);
    }
    std::string smallWaterVolumeUnit() const { return unit(FigureKind::SmallWaterVolume); }
    /// A heat flow (cooling load), given in MW: MW thermal or tons of refrigeration.
    double coolingPower(double megawatts) const {
        return value(FigureKind::CoolingPower, megawatts);
    }
    std::string coolingPowerUnit() const { return unit(FigureKind::CoolingPower); }
    double area(double squareMetres) const { return value(FigureKind::Area, squareMetres); }
    std::string areaUnit() const { return unit(FigureKind::Area); }
    /// Humidity ratio, given in kg/kg: g/kg or grains/lb.
    double humidityRatio(double kgPerKg) const { return value(FigureKind::HumidityRatio, kgPerKg); }
    std::string humidityRatioUnit() const { return unit(FigureKind::HumidityRatio); }

    /// A figure named with its SI unit, as the JSON summary and CSV columns name them
    /// ("water_m3", "wue_site_l_per_kwh", "dry_bulb_c"): its value in this system. A name
    /// without a unit to convert keeps its value.
    double named(std::string_view siName, double value) const;
    /// The name of that figure in this system, as the IP CSV columns spell it
    /// ("water_gal", "wue_site_gal_per_kwh", "dry_bulb_f").
    std::string namedUnit(std::string_view siName) const;

private:
    UnitSystem m_system;
};

/// How a person's locale writes a number: the group separator ("" for none) and the
/// decimal point; what stands for a figure that does not exist.
struct NumberStyle {
    std::string groupSeparator;
    std::string decimalPoint = ".";
    std::string missing = "n/a";
};

/// US English, as the PDF and the CLI print: "12,345.6".
NumberStyle englishNumberStyle();

/// value with a fixed number of decimals, rounded half away from zero at those decimals
/// (never "-0.0"), digits grouped in threes; style.missing for NaN or infinity.
std::string formatFixed(double value, int decimals, const NumberStyle& style = {});

/// A figure of kind given in SI, in units, to the decimals of kind (siDecimals in SI),
/// without its unit; negative headroom reads "over by 13.3" (never as room).
std::string formatValue(double si, FigureKind kind, int siDecimals, const DisplayUnits& units,
                        const NumberStyle& style = {});
/// The same followed by its unit: "1.234 L/kWh", "0.3261 gal/kWh", "1.150". A missing
/// figure is style.missing, without a unit.
std::string formatQuantity(double si, FigureKind kind, int siDecimals, const DisplayUnits& units,
                           const NumberStyle& style = {});

} // namespace headroom::model
