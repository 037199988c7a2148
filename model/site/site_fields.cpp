#include "model/site/site_fields.h"

#include "model/site/site_field_rows.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

namespace headroom::model {
namespace {
using Q = QuantityKind;
} // namespace

const std::vector<FieldDef>& siteFields() {
    static const std::vector<FieldDef> fields = [] {
        std::vector<FieldDef> all = placeFields();
        for (const auto& part : {plantFields(), itFields(), workloadFields(), planFields(),
                                 costFields(), cleanEnergyFields(), waterStressFields()}) {
            all.insert(all.end(), part.begin(), part.end());
        }
        return all;
    }();
    return fields;
}

const EnumChoice* findChoice(const FieldDef& field, std::string_view name) {
    const auto found = std::find_if(field.choices.begin(), field.choices.end(),
                                    [&](const EnumChoice& choice) { return choice.name == name; });
    return found == field.choices.end() ? nullptr : &*found;
}

std::string_view choiceLabel(std::string_view pattern, int value) {
    const FieldDef* field = findSiteField(pattern);
    if (field == nullptr) {
        return {};
    }
    for (const EnumChoice& choice : field->choices) {
        if (choice.value == value) {
            return choice.label.empty() ? choice.name : choice.label;
        }
    }
    return {};
}

std::optional<DesignDefault> fieldDefault(const FieldDef& field, const nlohmann::json& document) {
    if (field.rule != nullptr) {
        return field.rule(document);
    }
    if (field.defaultJson.empty()) {
        return std::nullopt;
    }
    return DesignDefault{std::string(field.defaultJson),
                         field.defaultSource.empty() ? field.doc : field.defaultSource};
}

const FieldDef* findSiteField(std::string_view pattern) {
    const auto& fields = siteFields();
    auto found = std::find_if(fields.begin(), fields.end(),
                              [&](const FieldDef& field) { return field.pointer == pattern; });
    return found == fields.end() ? nullptr : &*found;
}

const RetiredField* findRetiredField(std::string_view pattern) {
    const auto& retired = retiredWorkloadFields();
    const auto found = std::find_if(retired.begin(), retired.end(), [&](const RetiredField& field) {
        return field.pointer == pattern;
    });
    return found == retired.end() ? nullptr : &*found;
}

const std::vector<const FieldDef*>& childFields(std::string_view pattern) {
    // Indexed once by parent pattern: the reader asks for every object it reads.
    static const std::map<std::string, std::vector<const FieldDef*>, std::less<>> byParent = [] {
        std::map<std::string, std::vector<const FieldDef*>, std::less<>> index;
        for (const auto& field : siteFields()) {
            const std::string_view pointer = field.pointer;
            index[std::string(pointer.substr(0, pointer.rfind('/')))].push_back(&field);
        }
        return index;
    }();
    static const std::vector<const FieldDef*> none;
    const auto it = byParent.find(pattern);
    return it != byParent.end() ? it->second : none;
}

QuantityKindInfo quantityKindInfo(QuantityKind kind) {
    using namespace units;
    switch (kind) {
    case Q::None:
        return {"number", "1"};
    case Q::Length:
        return {QuantityTraits<Length>::name, "201 m"};
    case Q::Area:
        return {QuantityTraits<Area>::name, QuantityTraits<Area>::example};
    case Q::Volume:
        return {QuantityTraits<Volume>::name, "2000 m3"};
    case Q::Power:
        return {QuantityTraits<Power>::name, QuantityTraits<Power>::example};
    case Q::Temperature:
        return {QuantityTraits<Temperature>::name, QuantityTraits<Temperature>::example};
    case Q::TemperatureDifference:
        return {QuantityTraits<TemperatureDifference>::name,
                QuantityTraits<TemperatureDifference>::example};
    case Q::Fraction:
        return {QuantityTraits<Dimensionless>::name, QuantityTraits<Dimensionless>::example};
    case Q::CarbonIntensity:
        return {QuantityTraits<CarbonIntensity>::name, QuantityTraits<CarbonIntensity>::example};
    case Q::WaterIntensity:
        return {QuantityTraits<WaterIntensity>::name, "2.233 L/kWh"};
    case Q::SpecificFanPower:
        return {"specific fan power", "1.2 kW/(m3/s)"};
    case Q::PowerDensity:
        return {"power per area", "10 W/m2"};
    case Q::DataSize:
        return {QuantityTraits<DataSize>::name, QuantityTraits<DataSize>::example};
    case Q::DataRate:
        return {QuantityTraits<DataRate>::name, QuantityTraits<DataRate>::example};
    case Q::ComputeRate:
        return {QuantityTraits<ComputeRate>::name, "667 TFLOPS"};
    case Q::Operations:
        return {QuantityTraits<Operations>::name, QuantityTraits<Operations>::example};
    case Q::Time:
        return {QuantityTraits<Time>::name, "50 ms"};
    case Q::Energy:
        return {QuantityTraits<Energy>::name, "200 MWh"};
    case Q::Money:
        return {"price", "200000 USD"};
    case Q::MoneyPerPower:
        return {"price per power", "11.7 MUSD/MW"};
    case Q::MoneyPerEnergy:
        return {"price per energy", "0.0824 USD/kWh"};
    case Q::MoneyPerVolume:
        return {"price per volume", "2.5 USD/m3"};
    case Q::MoneyPerArea:
        return {"price per area", "5.59 USD/ft2"};
    case Q::DemandCharge:
        return {"demand charge", "12 USD/kW/month"};
    case Q::Mass:
        return {QuantityTraits<Mass>::name, "1313 kg"};
    case Q::MassPerDataSize:
        return {"mass per data size", "0.4 kg/GB"};
    case Q::MassPerPower:
        return {"mass per power", "980 t/MW"};
    }
    return {"number", "1"};
}

namespace {

template <class U> units::QuantityResult<double> parseAs(std::string_view text) {
    units::QuantityResult<double> result;
    auto parsed = units::parseQuantity<U>(text);
    if (parsed) {
        result.value = parsed.value->value();
    } else {
        result.error = parsed.error;
    }
    return result;
}

// A quantity without a units:: alias: checked against its dimension directly, with the
// same messages parseQuantity gives.
units::QuantityResult<double>
parseWithDimension(std::string_view text, const units::Dimension& dimension, QuantityKind kind) {
    units::QuantityResult<double> result;
    auto parsed = units::parseAnyQuantity(text);
    if (!parsed) {
        result.error = parsed.error;
        return result;
    }
    const auto info = quantityKindInfo(kind);
    if (auto error =
            units::detail::checkDimension(text, *parsed.value, dimension, info.name, info.example,
                                          units::TemperatureReading::NotTemperature)) {
        result.error = *error;
        return result;
    }
    result.value = parsed.value->siValue;
    return result;
}

} // namespace

units::QuantityResult<double> parseQuantityOfKind(QuantityKind kind, std::string_view text) {
    using namespace units;
    constexpr Dimension kUsd{.money = 1};
    switch (kind) {
    case Q::Length:
        return parseAs<Length>(text);
    case Q::Area:
        return parseAs<Area>(text);
    case Q::Volume:
        return parseAs<Volume>(text);
    case Q::Power:
        return parseAs<Power>(text);
    case Q::Temperature:
        return parseAs<Temperature>(text);
    case Q::TemperatureDifference:
        return parseAs<TemperatureDifference>(text);
    case Q::Fraction:
        return parseAs<Dimensionless>(text);
    case Q::CarbonIntensity:
        return parseAs<CarbonIntensity>(text);
    case Q::WaterIntensity:
        return parseAs<WaterIntensity>(text);
    case Q::SpecificFanPower:
        // Same dimension as a pressure; named for what it means here.
        return parseWithDimension(text, QuantityTraits<Pressure>::dimension, kind);
    case Q::PowerDensity:
        return parseWithDimension(text, Dimension{0, 1, -3, 0, 0, 0}, kind);
    case Q::DataSize:
        return parseAs<DataSize>(text);
    case Q::DataRate:
        return parseAs<DataRate>(text);
    case Q::ComputeRate:
        return parseAs<ComputeRate>(text);
    case Q::Operations:
        return parseAs<Operations>(text);
    case Q::Time:
        return parseAs<Time>(text);
    case Q::Energy:
        return parseAs<Energy>(text);
    case Q::Money:
        return parseWithDimension(text, kUsd, kind);
    case Q::MoneyPerPower:
        return parseWithDimension(text, kUsd - QuantityTraits<Power>::dimension, kind);
    case Q::MoneyPerEnergy:
        return parseWithDimension(text, kUsd - QuantityTraits<Energy>::dimension, kind);
    case Q::MoneyPerVolume:
        return parseWithDimension(text, kUsd - QuantityTraits<Volume>::dimension, kind);
    case Q::MoneyPerArea:
        return parseWithDimension(text, kUsd - QuantityTraits<Area>::dimension, kind);
    case Q::DemandCharge:
        return parseWithDimension(
            text, kUsd - QuantityTraits<Power>::dimension - QuantityTraits<Time>::dimension, kind);
    case Q::Mass:
        return parseAs<Mass>(text);
    case Q::MassPerDataSize:
        return parseWithDimension(
            text, QuantityTraits<Mass>::dimension - QuantityTraits<DataSize>::dimension, kind);
    case Q::MassPerPower:
        return parseWithDimension(
            text, QuantityTraits<Mass>::dimension - QuantityTraits<Power>::dimension, kind);
    case Q::None:
        break;
    }
    return parseWithDimension(text, Dimension{}, kind);
}

std::optional<std::string> quantityRangeExpectation(const FieldDef& field, double si) {
    const auto bound = [&](std::string_view text) -> std::optional<double> {
        if (text.empty()) {
            return std::nullopt;
        }
        auto parsed = parseQuantityOfKind(field.quantity, text);
        return parsed ? parsed.value : std::nullopt;
    };
    const auto low = bound(field.min);
    const auto high = bound(field.max);
    const bool belowMin = low && (field.exclusiveMin ? si <= *low : si < *low);
    // NaN compares false both ways: it is out of every range.
    if (!belowMin && !(high && si > *high) && si == si) {
        return std::nullopt;
    }
    const std::string name = quantityKindInfo(field.quantity).name;
    std::string range;
    if (low && high && field.exclusiveMin) {
        range = "above " + std::string(field.min) + " and at most " + std::string(field.max);
    } else if (low && high) {
        range = "from " + std::string(field.min) + " to " + std::string(field.max);
    } else if (low) {
        range = (field.exclusiveMin ? "above " : "of at least ") + std::string(field.min);
    } else if (high) {
        range = "of at most " + std::string(field.max);
    } else {
        range = "that is finite";
    }
    const bool vowel = std::string_view("aeiou").find(name.front()) != std::string_view::npos;
    return std::string(vowel ? "an " : "a ") + name + " " + range;
}

double seriesScaleFromSi(QuantityKind kind) {
    switch (kind) {
    case Q::CarbonIntensity:
        return 3.6e6; // kg/J -> kg/kWh
    case Q::WaterIntensity:
        return 3.6e9; // m3/J -> L/kWh
    case Q::MoneyPerEnergy:
        return 3.6e6; // USD/J -> USD/kWh
    default:
        return 1.0;
    }
}

} // namespace headroom::model
