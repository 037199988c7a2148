#include "model/units/display_units.h"

#include <charconv>
#include <cmath>

namespace headroom::model {
namespace {

/// The kind a name's SI suffix says, for names that convert (CSV columns, JSON keys).
FigureKind namedKind(std::string_view name) {
    if (name.ends_with("_per_litre")) {
        return FigureKind::TokensPerWater;
    }
    if (name.ends_with("_l_per_kwh")) {
        return FigureKind::WaterIntensity;
    }
    if (name.ends_with("_m3")) {
        return FigureKind::WaterVolume;
    }
    if (name.ends_with("_l")) {
        return FigureKind::SmallWaterVolume;
    }
    if (name.ends_with("_c")) {
        return FigureKind::Temperature;
    }
    return FigureKind::Ratio; // no conversion
}

} // namespace

double DisplayUnits::value(FigureKind kind, double si) const {
    if (!ip()) {
        switch (kind) {
        case FigureKind::HumidityRatio:
            return si * 1000.0; // kg/kg -> g/kg
        default:
            return si;
        }
    }
    switch (kind) {
    case FigureKind::Temperature:
        return si * 9.0 / 5.0 + 32.0; // degF (NIST SP 811, B.8)
    case FigureKind::WaterVolume:
        return si * 1000.0 / kLitresPerUsGallon;
    case FigureKind::SmallWaterVolume:
    case FigureKind::WaterIntensity:
        return si / kLitresPerUsGallon;
    case FigureKind::CoolingPower:
        return si * 1000.0 / kKilowattsPerTonOfRefrigeration;
    case FigureKind::Area:
        return si / kSquareMetresPerSquareFoot;
    case FigureKind::HumidityRatio:
        return si * kGrainsPerPound;
    case FigureKind::TokensPerWater:
        return si * kLitresPerUsGallon; // per L -> per gal
    default:
        return si;
    }
}

std::string DisplayUnits::unit(FigureKind kind) const {
    switch (kind) {
    case FigureKind::Ratio:
    case FigureKind::Count:
    case FigureKind::Text:
        return {};
    case FigureKind::Hours:
        return "h";
    case FigureKind::Days:
        return "d";
    case FigureKind::EnergyMwh:
        return "MWh";
    case FigureKind::PowerMw:
    case FigureKind::HeadroomMw:
        return "MW";
    case FigureKind::PowerKw:
        return "kW";
    case FigureKind::ComputePflops:
        return "PFLOP/s";
    case FigureKind::WaterVolume:
        return ip() ? "gal" : "m\u00b3";
    case FigureKind::SmallWaterVolume:
        return ip() ? "gal" : "L";
    case FigureKind::WaterIntensity:
        return ip() ? "gal/kWh" : "L/kWh";
    case FigureKind::CarbonMass:
        return "t CO\u2082e";
    case FigureKind::CarbonIntensity:
        return "kg CO\u2082e/kWh";
    case FigureKind::Temperature:
        return ip() ? "\u00b0F" : "\u00b0C";
    case FigureKind::CoolingPower:
        return ip() ? "tons" : "MWth";
    case FigureKind::Area:
        return ip() ? "ft\u00b2" : "m\u00b2";
    case FigureKind::HumidityRatio:
        return ip() ? "gr/lb" : "g/kg";
    case FigureKind::EnergyKwh:
        return "kWh";
    case FigureKind::CarbonKg:
        return "kg CO\u2082e";
    case FigureKind::TokenRate:
        return "tokens/s";
    case FigureKind::TokensPerKwh:
        return "tokens/kWh";
    case FigureKind::TokensPerWater:
        return ip() ? "tokens/gal" : "tokens/L";
    case FigureKind::TokensPerCarbon:
        return "tokens/kg CO\u2082e";
    case FigureKind::Money:
        return "USD";
    case FigureKind::MoneyPerMw:
        return "USD/MW";
    case FigureKind::MoneyPerPflopHour:
        return "USD/PFLOP-h";
    }
    return {};
}

int DisplayUnits::decimals(FigureKind kind, int siDecimals) const {
    return ip() && kind == FigureKind::WaterIntensity ? siDecimals + 1 : siDecimals;
}

double DisplayUnits::named(std::string_view siName, double value) const {
    return this->value(namedKind(siName), value);
}

std::string DisplayUnits::namedUnit(std::string_view siName) const {
    const auto stem = [&](std::size_t suffix) {
        return std::string(siName.substr(0, siName.size() - suffix));
    };
    if (!ip()) {
        return std::string(siName);
    }
    switch (namedKind(siName)) {
    case FigureKind::WaterIntensity:
        return stem(10) + "_gal_per_kwh";
    case FigureKind::WaterVolume:
        return stem(3) + "_gal";
    case FigureKind::SmallWaterVolume:
        return stem(2) + "_gal";
    case FigureKind::Temperature:
        return stem(2) + "_f";
    case FigureKind::TokensPerWater:
        return stem(10) + "_per_gal";
    default:
        return std::string(siName);
    }
}

NumberStyle englishNumberStyle() {
    return {",", ".", "n/a"};
}

std::string formatFixed(double value, int decimals, const NumberStyle& style) {
    if (!std::isfinite(value)) {
        return style.missing;
    }
    // Round first, so that -0.0004 prints as 0.000, not -0.000.
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0) {
        rounded = 0.0;
    }
    char buffer[400];
    const auto end =
        std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, decimals)
            .ptr;
    const std::string_view digits(buffer, static_cast<std::size_t>(end - buffer));
    const bool negative = digits.front() == '-';
    const std::size_t point = digits.find('.');
    const std::string_view whole =
        digits.substr(negative ? 1 : 0, (point == std::string_view::npos ? digits.size() : point) -
                                            (negative ? 1 : 0));
    std::string text = negative ? "-" : "";
    for (std::size_t i = 0; i < whole.size(); ++i) {
        if (i > 0 && (whole.size() - i) % 3 == 0) {
            text += style.groupSeparator;
        }
        text += whole[i];
    }
    if (point != std::string_view::npos) {
        text += style.decimalPoint;
        text += digits.substr(point + 1);
    }
    return text;
}

std::string formatValue(double si, FigureKind kind, int siDecimals, const DisplayUnits& units,
                        const NumberStyle& style) {
    const int decimals = units.decimals(kind, siDecimals);
    if (kind == FigureKind::HeadroomMw && si < 0.0) {
        return "over by " + formatFixed(-si, decimals, style);
    }
    return formatFixed(units.value(kind, si), decimals, style);
}

std::string formatQuantity(double si, FigureKind kind, int siDecimals, const DisplayUnits& units,
                           const NumberStyle& style) {
    const std::string unit = units.unit(kind);
    std::string text = formatValue(si, kind, siDecimals, units, style);
    if (std::isfinite(si) && !unit.empty()) {
        text += " " + unit;
    }
    return text;
}

} // namespace headroom::model
