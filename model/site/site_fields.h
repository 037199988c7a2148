#pragma once
// The one table of site-file fields (format "headroom-site/1"). Each row says what a field
// is, its range, default and source, and where its value goes in Site. The reader checks
// documents against it and fills Site from it, the writer orders keys by it, the editor
// offers its choices, and the JSON Schema is generated from it: a field added here is
// read, written, edited and published in one step. The rows are in site_fields_*.cpp.

#include "model/units/quantity_parser.h"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace headroom::model {

inline constexpr std::string_view kSiteFormat = "headroom-site/1";
inline constexpr int kSiteFormatVersion = 1;

enum class FieldType {
    Object,      ///< a JSON object whose members are fields of their own
    ObjectArray, ///< an array of objects; members are listed under "<pointer>/*"
    Opaque,      ///< an object checked by its own reader (climate digest, CSV mapping)
    String,
    Path,      ///< a string naming a file, relative to the site file
    CatalogId, ///< a string naming a catalog entry
    Number,
    Integer,
    Boolean,
    Enum,
    Quantity,     ///< a string with a unit: "65 MW"
    QuantityList, ///< an array of `count` quantities
    Series,       ///< constant, table, profile or CSV column (see SeriesShape)
    CountOrFill,  ///< a whole number, or "fill" (as many as the limits allow)
    Ratio,        ///< "3:1" or a number, >= 1
    MonthDay,     ///< "MM-DD"
};

/// What a quantity field holds; each maps to a units:: alias and its parser.
enum class QuantityKind {
    None,
    Length,
    Area,
    Volume,
    Power,
    Temperature,
    TemperatureDifference,
    Fraction,
    CarbonIntensity,
    WaterIntensity,
    SpecificFanPower,
    PowerDensity, ///< W/m2
    DataSize,
    DataRate,
    ComputeRate,
    Operations,
    Time,
    Money,           ///< "200000 USD"
    MoneyPerPower,   ///< "11.7 MUSD/MW"
    MoneyPerEnergy,  ///< "0.0824 USD/kWh"
    MoneyPerVolume,  ///< "2.5 USD/m3"
    MoneyPerArea,    ///< "5.59 USD/ft2"
    DemandCharge,    ///< per kW of a month's peak: "12 USD/kW/month"
    Mass,            ///< "1313 kg" (CO2e, where a carbon figure)
    MassPerDataSize, ///< embodied carbon per capacity: "0.4 kg/GB"
    MassPerPower,    ///< embodied carbon per power built: "980 t/MW"
    Energy,          ///< "200 MWh"
};

/// The forms a Series field accepts.
enum SeriesShape : std::uint8_t {
    kSeriesConstant = 1,    ///< "0.4155 kg/kWh"
    kSeriesMonthByHour = 2, ///< 12 arrays of 24 quantities, or {"table": [[numbers]], "unit"}
    kSeriesDayProfile = 4,  ///< 24 quantities, hour-ending 1..24 local time
    kSeriesCsv = 8,         ///< {"csv": "file.csv", "column": "name", "unit": "g/kWh"}
};

/// A default that follows the design: its JSON text for a document, and where it comes from.
struct DesignDefault {
    std::string json;        ///< "\"0.4 %\""
    std::string_view source; ///< why this value for this design
};
/// The rule of a default that depends on other fields (the UPS losses on its mode).
using DefaultRule = DesignDefault (*)(const nlohmann::json& document);

/// One name an Enum field accepts and what it reads as: an enumerator of Site, an index,
/// a temperature. The one list validation, parsing, the schema and the editor use; its
/// label, where it has one, is how a report names it in words.
struct EnumChoice {
    std::string_view name;
    int value = 0;
    std::string_view label{}; ///< in words ("Indirect evaporative"); empty: the name serves

    template <class Value>
    requires std::is_enum_v<Value> || std::is_integral_v<Value>
    constexpr EnumChoice(std::string_view choiceName, Value choiceValue,
                         std::string_view choiceLabel = {})
        : name(choiceName)
        , value(static_cast<int>(choiceValue))
        , label(choiceLabel) {}
};

struct Site;
class FieldValue; // site_binding.h
/// Where a field's value goes in Site: called once per value the run takes (written, or
/// the default), parents before children. Made by into<&Site::member, ...>() (site_binding.h).
using FieldBinding = void (*)(Site& site, const FieldValue& value);

/// One row of the table. Rows name only the members they need (designated initializers).
struct FieldDef {
    std::string_view pointer{}; ///< "/cooling/supply_air/max"; "*" stands for any array index
    FieldType type = FieldType::String;
    QuantityKind quantity = QuantityKind::None;
    std::string_view min{}; ///< inclusive bound, as a quantity string or a number; empty: none
    std::string_view max{};
    bool exclusiveMin = false; ///< min itself is not allowed (a power > 0)
    bool required = false;
    /// The default, as JSON text ("\"27 degC\"", "20"); empty: none. With a rule, the
    /// default of the table's default design (what the JSON Schema publishes).
    std::string_view defaultJson{};
    DefaultRule rule = nullptr; ///< set when the default depends on the design
    /// Where the default comes from, when not doc (a catalog figure's source).
    std::string_view defaultSource{};
    std::string_view doc{};            ///< what it is, and where the default comes from
    std::vector<EnumChoice> choices{}; ///< Enum names and values
    std::uint8_t shapes = 0;           ///< Series forms
    int count = 0;                     ///< QuantityList length
    std::string_view catalogGroup{};   ///< CatalogId: the catalog group it names ("chips")
    /// Where the value goes in Site; null for sections and for what another reader takes
    /// (the weather source, /format).
    FieldBinding to = nullptr;
};

/// Every field, parents before children, in the order the writer puts keys.
const std::vector<FieldDef>& siteFields();

/// A field an earlier Headroom read and this one does not, with what took its place: a file
/// that still gives it gets an error at the key saying so, not the unknown-key warning
/// (the figure it states would be ignored).
struct RetiredField {
    std::string_view pointer; ///< a pattern, as FieldDef::pointer
    std::string_view replacement;
};
/// The retired field at a pattern pointer, or null.
const RetiredField* findRetiredField(std::string_view pattern);
/// The field at a pattern pointer ("/workloads/training/*/name"), or null: callers check.
const FieldDef* findSiteField(std::string_view pattern);
/// The arithmetic a workload names ("fp8"), valued by its index in ChipSpec::denseTflops.
const std::vector<EnumChoice>& precisionChoices();
/// The choice of an Enum field named name, or null.
const EnumChoice* findChoice(const FieldDef& field, std::string_view name);
/// How a report names value (an enumerator, as int) of the Enum field at pattern in words:
/// its choice's label, else its name; empty when the field or the value is not in the table.
std::string_view choiceLabel(std::string_view pattern, int value);
/// The fields directly inside the object at pattern, in table order.
const std::vector<const FieldDef*>& childFields(std::string_view pattern);

/// The default of a field in a document (the rule's for that design, else defaultJson),
/// with its source (the rule's, else the field's doc); nothing when the field has none.
std::optional<DesignDefault> fieldDefault(const FieldDef& field, const nlohmann::json& document);

/// Name and example of a quantity kind: {"temperature", "27 degC"}.
struct QuantityKindInfo {
    const char* name;
    const char* example;
};
QuantityKindInfo quantityKindInfo(QuantityKind kind);

/// Parses text as a quantity of kind; value is in SI base units.
units::QuantityResult<double> parseQuantityOfKind(QuantityKind kind, std::string_view text);

/// When si (SI units) lies outside the field's bounds, what was expected, as in "a fraction
/// from 0 % to 100 %"; nothing when it is inside. Constants, tables and CSV cells share it.
std::optional<std::string> quantityRangeExpectation(const FieldDef& field, double si);

/// The SI value that converts SI to the unit a series is resolved in (kg/kWh, L/kWh, 0-1).
double seriesScaleFromSi(QuantityKind kind);

} // namespace headroom::model
