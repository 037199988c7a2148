// The power chain and the cooling plant: rows of the site field table.
#include "model/site/site_binding.h"
#include "model/site/site_field_rows.h"

#include <nlohmann/json.hpp>

namespace headroom::model {
namespace {

// UPS losses by operating mode: a module rated R at per-unit load x loses
// R (no_load + proportional x + square x^2) (electrical_chain.h). In double conversion the
// rectifier and inverter carry every watt; in eco mode the static bypass carries the load
// and the inverter idles, ready to take over, so mostly its standby loss remains.
struct UpsCurve {
    const char* noLoad;
    const char* proportional;
    const char* square;
    std::string_view source;
};
constexpr UpsCurve kDoubleConversion{
    "1.5 %", "1.0 %", "0.5 %",
    "double-conversion UPS: 1.5 % + 1.0 % x + 0.5 % x^2 of rating gives 97.1 % at full load, "
    "95.9 % at half and 93.3 % at a quarter, the shape of vendors' published curves (up to "
    "97 % [schneider-wp157-eco-mode], falling below a quarter load); hyperscale UPS efficiency is "
    "90-99 % in Lei & "
    "Masanet's input ranges (Barroso et al. 2013; Greenberg et al. 2006; Park 2011)"};
constexpr UpsCurve kEco{
    "0.4 %", "0.3 %", "0.3 %",
    "eco-mode UPS (load on the static bypass, inverter on standby): 0.4 % + 0.3 % x + "
    "0.3 % x^2 of rating gives 99.0 % at full load and 98.1 % at a quarter, as vendors "
    "publish for eco mode (up to 99 %; Schneider Electric White Paper 157, eco-mode)"};

/// The member at keys inside nested objects, or null when any step is missing or is not
/// an object (a rule may see a document with errors).
const nlohmann::json* member(const nlohmann::json& document,
                             std::initializer_list<const char*> keys) {
    const nlohmann::json* at = &document;
    for (const char* key : keys) {
        if (!at->is_object()) {
            return nullptr;
        }
        const auto found = at->find(key);
        if (found == at->end()) {
            return nullptr;
        }
        at = &*found;
    }
    return at;
}

const UpsCurve& upsCurve(const nlohmann::json& document) {
    const nlohmann::json* mode = member(document, {"electrical", "ups", "mode"});
    return mode != nullptr && *mode == "eco" ? kEco : kDoubleConversion;
}
DesignDefault quoted(const char* text, std::string_view source) {
    return {nlohmann::json(text).dump(), source};
}
DesignDefault upsNoLoad(const nlohmann::json& document) {
    return quoted(upsCurve(document).noLoad, upsCurve(document).source);
}
DesignDefault upsProportional(const nlohmann::json& document) {
    return quoted(upsCurve(document).proportional, upsCurve(document).source);
}
DesignDefault upsSquare(const nlohmann::json& document) {
    return quoted(upsCurve(document).square, upsCurve(document).source);
}

/// The facility supply of an ASHRAE liquid class: "W32" supplies at most 32 degC.
void liquidClassSupply(Site& site, const FieldValue& value) {
    auto& liquid = site.cooling.liquid ? *site.cooling.liquid : site.cooling.liquid.emplace();
    liquid.facilitySupply = units::celsius(value.integer());
}
/// Pump power per kW of liquid heat, from its share.
void liquidPumpPower(Site& site, const FieldValue& value) {
    auto& liquid = site.cooling.liquid ? *site.cooling.liquid : site.cooling.liquid.emplace();
    liquid.pumpWPerKw = value.number() * 1000.0;
}

} // namespace

std::vector<FieldDef> plantFields() {
    using T = FieldType;
    using Q = QuantityKind;
    using Design = CoolingDesign;
    return {
        {.pointer = "/electrical", .type = T::Object, .doc = "The power chain."},
        {.pointer = "/electrical/redundancy",
         .type = T::Enum,
         .defaultJson = "\"2N\"",
         .doc = "UPS and distribution redundancy; xN/(x-1) schemes load each path to (x-1)/x; "
                "redundant UPS modules normally run at or below 50 % load [ton-2005-ups].",
         .choices = {{"N", Redundancy::N},
                     {"N+1", Redundancy::NPlus1},
                     {"2N", Redundancy::TwoN},
                     {"4N/3", Redundancy::DistributedRedundant4N3},
                     {"3N/2", Redundancy::DistributedRedundant3N2},
                     {"block", Redundancy::Block}},
         .to = into<&Site::electrical, &Electrical::redundancy>()},
        {.pointer = "/electrical/transformer", .type = T::Object, .doc = "MV/LV transformers."},
        {.pointer = "/electrical/transformer/rating",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "10 GW",
         .exclusiveMin = true,
         .defaultJson = "\"3 MW\"",
         .doc = "Rating of one transformer ([I] a common MV/LV unit size).",
         .to = into<&Site::electrical, &Electrical::transformerRating>()},
        {.pointer = "/electrical/transformer/no_load",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"0.2 %\"",
         .doc =
             "No-load loss, share of rating; with square 1.0 % the full-load loss is 1.2 %, inside "
             "the 1.0-1.5 % of [schneider-wp113-efficiency].",
         .to = into<&Site::electrical, &Electrical::transformerLoss, &LossModel::noLoad>()},
        {.pointer = "/electrical/transformer/proportional",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"0 %\"",
         .doc = "Loss proportional to per-unit load, share of rating.",
         .to = into<&Site::electrical, &Electrical::transformerLoss, &LossModel::proportional>()},
        {.pointer = "/electrical/transformer/square",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1.0 %\"",
         .doc = "Loss proportional to the square of per-unit load (copper loss).",
         .to = into<&Site::electrical, &Electrical::transformerLoss, &LossModel::square>()},
        {.pointer = "/electrical/ups", .type = T::Object, .doc = "The UPS system."},
        {.pointer = "/electrical/ups/mode",
         .type = T::Enum,
         .defaultJson = "\"double_conversion\"",
         .doc = "Operating mode: double conversion (up to 97 %) or eco (up to 99 %); the UPS loss "
                "defaults follow it.",
         .choices = {{"double_conversion", UpsMode::DoubleConversion}, {"eco", UpsMode::Eco}},
         .to = into<&Site::electrical, &Electrical::upsMode>()},
        {.pointer = "/electrical/ups/module_rating",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "10 GW",
         .exclusiveMin = true,
         .defaultJson = "\"1.5 MW\"",
         .doc = "Rating of one UPS module ([I]).",
         .to = into<&Site::electrical, &Electrical::upsModuleRating>()},
        {.pointer = "/electrical/ups/no_load",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1.5 %\"",
         .rule = upsNoLoad,
         .doc = "No-load loss, share of rating; the default follows /electrical/ups/mode (double "
                "conversion 1.5 %, eco 0.4 %).",
         .to = into<&Site::electrical, &Electrical::upsLoss, &LossModel::noLoad>()},
        {.pointer = "/electrical/ups/proportional",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1.0 %\"",
         .rule = upsProportional,
         .doc = "Loss proportional to per-unit load, share of rating; the default follows the mode "
                "(double conversion 1.0 %, eco 0.3 %).",
         .to = into<&Site::electrical, &Electrical::upsLoss, &LossModel::proportional>()},
        {.pointer = "/electrical/ups/square",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"0.5 %\"",
         .rule = upsSquare,
         .doc = "Loss proportional to the square of per-unit load; the default follows the mode "
                "(double conversion 0.5 %, eco 0.3 %).",
         .to = into<&Site::electrical, &Electrical::upsLoss, &LossModel::square>()},
        {.pointer = "/electrical/pdu",
         .type = T::Object,
         .doc = "Busways and rack PDUs between the UPS and the racks."},
        // Busways and rack PDUs of 415/240 V distribution hold no transformer, so nothing
        // is magnetized at no load (a rack PDU's meter draws a few watts, < 0.01 % of its
        // rating); conductors and breakers lose I^2 R. Give a no-load loss for PDUs with
        // transformers (their core loss).
        {.pointer = "/electrical/pdu/no_load",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"0 %\"",
         .doc = "No-load loss, share of rating: none in transformerless busways and rack PDUs "
                "(conductors carry no magnetizing current); a PDU transformer's core loss when it "
                "has one.",
         .to = into<&Site::electrical, &Electrical::pduLoss, &LossModel::noLoad>()},
        {.pointer = "/electrical/pdu/proportional",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"0 %\"",
         .doc = "Loss proportional to per-unit load (none in conductors).",
         .to = into<&Site::electrical, &Electrical::pduLoss, &LossModel::proportional>()},
        {.pointer = "/electrical/pdu/square",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1.5 %\"",
         .doc =
             "Conductor (I^2 R) loss at per-unit load squared: 1.5 % at rated current, inside the "
             "0-2 % distribution loss of hyperscale sites in Lei & Masanet's input ranges "
             "(Barroso et al. 2013; Park 2011; Rasmussen 2011).",
         .to = into<&Site::electrical, &Electrical::pduLoss, &LossModel::square>()},
        {.pointer = "/electrical/generators", .type = T::Object, .doc = "Standby generators."},
        {.pointer = "/electrical/generators/rating",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "10 GW",
         .exclusiveMin = true,
         .defaultJson = "\"2.5 MW\"",
         .doc = "Rating of one generator (Amazon data centers use 2.5 MW units "
                "[cem-2021-gilroy-generators]).",
         .to = into<&Site::electrical, &Electrical::generatorRating>()},
        {.pointer = "/electrical/mechanical_on_ups",
         .type = T::Boolean,
         .defaultJson = "false",
         .doc = "Whether fans and pumps are fed through the UPS.",
         .to = into<&Site::electrical, &Electrical::mechanicalOnUps>()},
        {.pointer = "/electrical/lighting",
         .type = T::Quantity,
         .quantity = Q::PowerDensity,
         .min = "0 W/m2",
         .max = "100 W/m2",
         .defaultJson = "\"10 W/m2\"",
         .doc = "Lighting and small power per floor area ([I]).",
         .to = into<&Site::electrical, &Electrical::lightingWPerM2>()},
        {.pointer = "/electrical/ancillary",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1 %\"",
         .doc = "Offices, security and controls, as a share of IT power ([I]).",
         .to = into<&Site::electrical, &Electrical::ancillaryFraction>()},
        {.pointer = "/cooling", .type = T::Object, .doc = "Cooling plant and air envelope."},
        {.pointer = "/cooling/design",
         .type = T::Enum,
         .defaultJson = "\"airside_economizer_evaporative\"",
         .doc = "Cooling architecture (the designs of the LBNL 2024 tables [lbnl-2024-usage]).",
         .choices = {{"airside_economizer_evaporative", Design::AirsideEconomizerEvaporative,
                      "Airside economizer with evaporative assist"},
                     {"indirect_evaporative", Design::IndirectEvaporative, "Indirect evaporative"},
                     {"chilled_water_towers", Design::ChilledWaterTowers,
                      "Chilled water, cooling towers (waterside economizer)"},
                     {"air_cooled_chillers", Design::AirCooledChillers,
                      "Air-cooled chillers (dry economizer)"},
                     {"airside_economizer_evaporative_water_cooled",
                      Design::AirsideEconomizerWaterCooledChillers,
                      "Airside economizer with evaporative assist, water-cooled chiller backup"},
                     {"chilled_water_adiabatic_dry_coolers",
                      Design::ChilledWaterAdiabaticDryCoolers,
                      "Chilled water, dry coolers with adiabatic assist"}},
         .to = into<&Site::cooling, &Cooling::design>()},
        {.pointer = "/cooling/supply_air",
         .type = T::Object,
         .doc = "The supply-air envelope the plant holds."},
        {.pointer = "/cooling/supply_air/min",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "-10 degC",
         .max = "45 degC",
         .defaultJson = "\"18 degC\"",
         .doc = "Lowest supply dry-bulb (ASHRAE TC9.9 recommended 18-27 degC "
                "[ashrae-thermal-2021]).",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::minDryBulb>()},
        {.pointer = "/cooling/supply_air/max",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "-10 degC",
         .max = "45 degC",
         .defaultJson = "\"27 degC\"",
         .doc =
             "Highest supply dry-bulb (ASHRAE TC9.9 recommended 18-27 degC [ashrae-thermal-2021]).",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::maxDryBulb>()},
        {.pointer = "/cooling/supply_air/max_dew_point",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "-30 degC",
         .max = "35 degC",
         .defaultJson = "\"15 degC\"",
         .doc = "Highest supply dew point (ASHRAE 2015 [ashrae-thermal-2015], input ranges "
                "[lei-masanet-2022]: 15-27 degC).",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::maxDewPoint>()},
        {.pointer = "/cooling/supply_air/min_dew_point",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "-40 degC",
         .max = "35 degC",
         .doc = "Lowest supply dew point (ASHRAE 2015 [ashrae-thermal-2015], input ranges "
                "[lei-masanet-2022]: -12 to -9 degC); none "
                "when absent.",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::minDewPoint>()},
        {.pointer = "/cooling/supply_air/min_rh",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .defaultJson = "\"8 %\"",
         .doc = "Lowest supply relative humidity (ASHRAE A1 allowable 8 % [ashrae-thermal-2015], "
                "input "
                "ranges 8-20 % [lei-masanet-2022]).",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::minRelativeHumidity>()},
        {.pointer = "/cooling/supply_air/max_rh",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .exclusiveMin = true,
         .defaultJson = "\"80 %\"",
         .doc = "Highest supply relative humidity (ASHRAE A1 allowable 80 % "
                "[ashrae-thermal-2015]); air "
                "holds some water.",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::maxRelativeHumidity>()},
        {.pointer = "/cooling/supply_air/humidify",
         .type = T::Boolean,
         .defaultJson = "false",
         .doc = "Whether the plant adds moisture when the air is too dry.",
         .to = into<&Site::cooling, &Cooling::envelope, &SupplyEnvelope::humidify>()},
        {.pointer = "/cooling/delta_t",
         .type = T::Quantity,
         .quantity = Q::TemperatureDifference,
         .min = "1 K",
         .max = "40 K",
         .defaultJson = "\"12 K\"",
         .doc =
             "Air temperature rise across the IT (input ranges [lei-masanet-2022]: CRAH 5-19.4 K).",
         .to = into<&Site::cooling, &Cooling::supplyReturnDelta>()},
        {.pointer = "/cooling/fan", .type = T::Object, .doc = "Air movers."},
        {.pointer = "/cooling/fan/design_sfp",
         .type = T::Quantity,
         .quantity = Q::SpecificFanPower,
         .min = "0 kW/(m3/s)",
         .max = "5 kW/(m3/s)",
         .exclusiveMin = true,
         .defaultJson = "\"1.2 kW/(m3/s)\"",
         .doc =
             "Fan power per airflow at design, above 0: air does not move itself ([I] from input "
             "ranges: 400-1000 Pa at 60-80 % fan efficiency gives 0.5-1.7 kW/(m3/s)).",
         .to = into<&Site::cooling, &Cooling::designSpecificFanPower>()},
        {.pointer = "/cooling/evaporative", .type = T::Object, .doc = "Direct evaporative media."},
        {.pointer = "/cooling/evaporative/effectiveness",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .defaultJson = "\"85 %\"",
         .doc = "Saturation effectiveness of the direct media ([I] typical rigid media).",
         .to = into<&Site::cooling, &Cooling::evaporativeEffectiveness>()},
        {.pointer = "/cooling/indirect", .type = T::Object, .doc = "Indirect evaporative units."},
        {.pointer = "/cooling/indirect/effectiveness",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .defaultJson = "\"70 %\"",
         .doc = "Wet-bulb effectiveness of the indirect heat exchanger ([I]).",
         .to = into<&Site::cooling, &Cooling::indirectEffectiveness>()},
        {.pointer = "/cooling/tower", .type = T::Object, .doc = "Cooling towers."},
        {.pointer = "/cooling/tower/approach",
         .type = T::Quantity,
         .quantity = Q::TemperatureDifference,
         .min = "0 K",
         .max = "20 K",
         .defaultJson = "\"4 K\"",
         .doc = "Tower approach to wet-bulb (input ranges [lei-masanet-2022]: 2.8-6.7 K).",
         .to = into<&Site::cooling, &Cooling::towerApproach>()},
        {.pointer = "/cooling/water", .type = T::Object, .doc = "Evaporative water use."},
        {.pointer = "/cooling/water/cycles_of_concentration",
         .type = T::Number,
         .min = "1",
         .max = "50",
         .exclusiveMin = true,
         .defaultJson = "4",
         .doc = "Cycles of concentration, above 1; blowdown = evaporation / (cycles - 1) (input "
                "ranges: 3-15).",
         .to = into<&Site::cooling, &Cooling::cyclesOfConcentration>()},
        {.pointer = "/cooling/water/drift",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "5 %",
         .defaultJson = "\"0.02 %\"",
         .doc = "Drift (windage) loss as a share of circulating water (input ranges "
                "[lei-masanet-2022]: "
                "0.005-0.5 %).",
         .to = into<&Site::cooling, &Cooling::driftFraction>()},
        {.pointer = "/cooling/mechanical_capacity",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "10000 MW",
         .doc = "Mechanical (compressor) cooling installed per hall, as heat removed. When absent "
                "it is sized to the hall's IT rating at the design hour, so that cooling never "
                "limits capacity; when given, the design hour's mechanical duty per kW of IT "
                "sets the most IT it carries (the cooling constraint).",
         .to = into<&Site::cooling, &Cooling::mechanicalCapacityPerHall>()},
        {.pointer = "/cooling/chiller", .type = T::Object, .doc = "Mechanical cooling."},
        {.pointer = "/cooling/chiller/chilled_water",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "0 degC",
         .max = "35 degC",
         .doc =
             "Fixed chilled-water supply temperature; when absent, reset every hour to the warmest "
             "water the coil can bring return air to the supply-air maximum with (ASHRAE 90.1-2016 "
             "s6.5.4.4 supply reset).",
         .to = into<&Site::cooling, &Cooling::chilledWaterSupply>()},
        {.pointer = "/cooling/chiller/coil_effectiveness",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "5 %",
         .max = "100 %",
         .defaultJson = "\"80 %\"",
         .doc =
             "Effectiveness of the air-side chilled-water coil, which sets the reset chilled water "
             "(Lei & Masanet 2022 CRAH coils: 65-90 %).",
         .to = into<&Site::cooling, &Cooling::coilEffectiveness>()},
        {.pointer = "/cooling/chiller/cop",
         .type = T::Number,
         .min = "1",
         .max = "20",
         .defaultJson = "6",
         .doc = "Chiller COP at the design lift ([I]).",
         .to = into<&Site::cooling, &Cooling::chillerCopAtDesign>()},
        {.pointer = "/cooling/chiller/design_lift",
         .type = T::Quantity,
         .quantity = Q::TemperatureDifference,
         .min = "1 K",
         .max = "60 K",
         .defaultJson = "\"20 K\"",
         .doc = "Condensing minus evaporating temperature at design ([I]).",
         .to = into<&Site::cooling, &Cooling::chillerDesignLift>()},
        {.pointer = "/cooling/liquid",
         .type = T::Object,
         .doc = "Direct-to-chip liquid cooling; air only when absent."},
        {.pointer = "/cooling/liquid/share",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .required = true,
         .doc = "Share of IT heat removed by liquid.",
         .to = into<&Site::cooling, &Cooling::liquid, &LiquidCooling::itShare>()},
        {.pointer = "/cooling/liquid/class",
         .type = T::Enum,
         .defaultJson = "\"W32\"",
         .doc = "ASHRAE liquid class: facility supply temperature in degC [ashrae-thermal-2021].",
         .choices = {{"W17", 17}, {"W27", 27}, {"W32", 32}, {"W40", 40}, {"W45", 45}},
         .to = liquidClassSupply},
        {.pointer = "/cooling/liquid/supply_temperature",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "5 degC",
         .max = "70 degC",
         .doc = "Facility supply temperature; overrides the class when given.",
         .to = into<&Site::cooling, &Cooling::liquid, &LiquidCooling::facilitySupply>()},
        {.pointer = "/cooling/liquid/dry_cooler_approach",
         .type = T::Quantity,
         .quantity = Q::TemperatureDifference,
         .min = "0 K",
         .max = "30 K",
         .defaultJson = "\"5 K\"",
         .doc = "Dry cooler approach to dry-bulb ([I]).",
         .to = into<&Site::cooling, &Cooling::liquid, &LiquidCooling::dryCoolerApproach>()},
        {.pointer = "/cooling/liquid/adiabatic_above",
         .type = T::Quantity,
         .quantity = Q::Temperature,
         .min = "-10 degC",
         .max = "50 degC",
         .defaultJson = "\"28 degC\"",
         .doc = "Dry-bulb above which the dry coolers' adiabatic assist runs ([I]).",
         .to = into<&Site::cooling, &Cooling::liquid, &LiquidCooling::adiabaticAbove>()},
        {.pointer = "/cooling/liquid/pump_power",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "20 %",
         .defaultJson = "\"1.5 %\"",
         .doc = "Pump power as a share of the liquid heat load ([I]).",
         .to = liquidPumpPower},
    };
}

} // namespace headroom::model
