#include "model/site/site_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>

namespace headroom::model {
namespace {

using T = FieldType;
using Q = QuantityKind;

// Each default names its source: a publication of resources/references.json by id (such as
// the input ranges of Lei and Masanet [lei-masanet-2022]), or [I] for an engineering
// inference. Reports print these beside the figures they produce.
// The table lists only the leading members each row needs; the rest keep their defaults.
// Maxima of sizes and powers sit far above any real site (the largest campuses planned
// draw ~5 GW): they catch a unit slip or a typo such as "1e30 MW", not a design choice.
// ---- defaults that follow the design ---------------------------------------------------

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

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmissing-field-initializers"
std::vector<FieldDef> makeFields() {
    return {
        {"/format", T::String, Q::None, "", "", true, "",
         "File format and version; this Headroom reads \"headroom-site/1\"."},
        {"/name", T::String, Q::None, "", "", true, "", "Name of the site, printed in reports."},
        {"/notes", T::String, Q::None, "", "", false, "", "Free text about the site."},

        {"/location", T::Object, Q::None, "", "", true, "", "Where the site is."},
        {"/location/latitude", T::Number, Q::None, "-90", "90", true, "",
         "Latitude in degrees north."},
        {"/location/longitude", T::Number, Q::None, "-180", "180", true, "",
         "Longitude in degrees east."},
        {"/location/elevation", T::Quantity, Q::Length, "-500 m", "6000 m", true, "",
         "Elevation above sea level; sets the standard air pressure."},
        {"/location/utc_offset", T::Number, Q::None, "-12", "14", true, "",
         "Offset of local standard time from UTC, in hours (no daylight saving)."},

        {"/climate", T::Object, Q::None, "", "", true, "",
         "The weather year: exactly one of \"epw\", \"digest\" or \"csv\"."},
        {"/climate/epw", T::Path, Q::None, "", "", false, "",
         "An EnergyPlus weather file, relative to the site file."},
        {"/climate/digest", T::Opaque, Q::None, "", "", false, "",
         "A climate digest made by `headroom-cli climate digest FILE.epw`; never hand-written."},
        {"/climate/csv", T::Object, Q::None, "", "", false, "",
         "An hourly observation CSV (a whole year, one header row) and its column mapping."},
        {"/climate/csv/file", T::Path, Q::None, "", "", true, "",
         "The CSV file, relative to the site file."},
        {"/climate/csv/timestamp", T::String, Q::None, "", "", true, "",
         "Column of ISO 8601 timestamps."},
        {"/climate/csv/time_zone",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"utc\"",
         "How to read timestamps without an offset: UTC, or local standard time.",
         {"utc", "local"}},
        {"/climate/csv/temperature", T::String, Q::None, "", "", true, "",
         "Column of dry-bulb temperature."},
        {"/climate/csv/temperature_unit", T::String, Q::None, "", "", false, "\"degC\"",
         "Unit of the temperature column (degC, degF, K)."},
        {"/climate/csv/relative_humidity", T::String, Q::None, "", "", true, "",
         "Column of relative humidity in percent."},
        {"/climate/csv/pressure", T::String, Q::None, "", "", true, "", "Column of air pressure."},
        {"/climate/csv/pressure_unit", T::String, Q::None, "", "", false, "\"hPa\"",
         "Unit of the pressure column (hPa, kPa, Pa, inHg)."},
        {"/climate/csv/pressure_reference",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"station\"",
         "Whether the pressure is at the station or reduced to mean sea level.",
         {"station", "mean_sea_level"}},
        {"/climate/csv/station_elevation", T::Quantity, Q::Length, "-500 m", "6000 m", false, "",
         "Height of the station, for reducing mean-sea-level pressure; the site's elevation "
         "when absent."},
        {"/climate/csv/station", T::String, Q::None, "", "", false, "",
         "Name of the station, printed in reports."},
        {"/climate/csv/data_source", T::String, Q::None, "", "", false, "\"CSV observations\"",
         "What the observations are, e.g. \"Met Eireann hourly\"."},
        {"/climate/note", T::String, Q::None, "", "", false, "",
         "A remark about the weather data, e.g. that the station is a proxy."},

        {"/grid", T::Object, Q::None, "", "", true, "", "The electricity the site draws."},
        {"/grid/region", T::String, Q::None, "", "", false, "",
         "Grid region name, e.g. \"eGRID RFCW\"."},
        {"/grid/carbon_intensity",
         T::Series,
         Q::CarbonIntensity,
         "0 kg/kWh",
         "2 kg/kWh",
         true,
         "",
         "Location-based carbon intensity of grid electricity (eGRID [epa-egrid-2023]).",
         {},
         kSeriesConstant | kSeriesMonthByHour | kSeriesCsv},
        {"/grid/water_intensity",
         T::Series,
         Q::WaterIntensity,
         "0 L/kWh",
         "100 L/kWh",
         true,
         "",
         "Water consumed to generate grid electricity, EWIF [reig-2020-wri-water].",
         {},
         kSeriesConstant | kSeriesMonthByHour | kSeriesCsv},
        {"/grid/renewable", T::Object, Q::None, "", "", false, "",
         "Contracted renewable supply, for market-based carbon."},
        {"/grid/renewable/fraction", T::Quantity, Q::Fraction, "0 %", "100 %", false, "\"0 %\"",
         "Share of the site's energy matched by renewable contracts."},
        {"/grid/renewable/residual_intensity", T::Quantity, Q::CarbonIntensity, "0 kg/kWh",
         "2 kg/kWh", false, "",
         "Carbon intensity of the unmatched remainder (residual mix); the location-based "
         "intensity when absent."},

        {"/campus", T::Object, Q::None, "", "", true, "", "The campus and its buildings."},
        {"/campus/utility_interconnect",
         T::Quantity,
         Q::Power,
         "0 MW",
         "100 GW",
         true,
         "",
         "Utility interconnect capacity of the whole campus.",
         {},
         0,
         0,
         true},
        {"/campus/water_supply_per_day", T::Quantity, Q::Volume, "0 m3", "100000000 m3", false, "",
         "Water the site may draw per day; unlimited when absent."},
        {"/campus/buildings", T::Object, Q::None, "", "", true, "", "Identical buildings."},
        {"/campus/buildings/count", T::Integer, Q::None, "1", "1000", true, "",
         "Number of identical buildings."},
        {"/campus/buildings/halls_per_building", T::Integer, Q::None, "1", "100", false, "1",
         "Data halls in each building."},
        {"/campus/hall", T::Object, Q::None, "", "", true, "", "One data hall (all alike)."},
        {"/campus/hall/it_power",
         T::Quantity,
         Q::Power,
         "0 MW",
         "10 GW",
         true,
         "",
         "Design IT power of one hall.",
         {},
         0,
         0,
         true},
        {"/campus/hall/floor_area",
         T::Quantity,
         Q::Area,
         "0 m2",
         "10000000 m2",
         true,
         "",
         "Floor area of one hall.",
         {},
         0,
         0,
         true},
        {"/campus/hall/rack_positions", T::Integer, Q::None, "0", "100000", true, "",
         "Rack positions in one hall."},
        {"/campus/hall/rack_power_limit",
         T::Quantity,
         Q::Power,
         "0 kW",
         "10 MW",
         true,
         "",
         "Most power one rack position can be fed.",
         {},
         0,
         0,
         true},
        {"/campus/hall/racks_per_row", T::Integer, Q::None, "1", "200", false, "20",
         "Racks in one row ([I] a common hall layout)."},

        {"/electrical", T::Object, Q::None, "", "", false, "", "The power chain."},
        {"/electrical/redundancy",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"2N\"",
         "UPS and distribution redundancy; xN/(x-1) schemes load each path to (x-1)/x; "
         "redundant UPS modules normally run at or below 50 % load [ton-2005-ups].",
         {"N", "N+1", "2N", "4N/3", "3N/2", "block"}},
        {"/electrical/transformer", T::Object, Q::None, "", "", false, "", "MV/LV transformers."},
        {"/electrical/transformer/rating",
         T::Quantity,
         Q::Power,
         "0 MW",
         "10 GW",
         false,
         "\"3 MW\"",
         "Rating of one transformer ([I] a common MV/LV unit size).",
         {},
         0,
         0,
         true},
        {"/electrical/transformer/no_load", T::Quantity, Q::Fraction, "0 %", "20 %", false,
         "\"0.2 %\"",
         "No-load loss, share of rating; with square 1.0 % the full-load loss is 1.2 %, inside "
         "the 1.0-1.5 % of [schneider-wp113-efficiency]."},
        {"/electrical/transformer/proportional", T::Quantity, Q::Fraction, "0 %", "20 %", false,
         "\"0 %\"", "Loss proportional to per-unit load, share of rating."},
        {"/electrical/transformer/square", T::Quantity, Q::Fraction, "0 %", "20 %", false,
         "\"1.0 %\"", "Loss proportional to the square of per-unit load (copper loss)."},
        {"/electrical/ups", T::Object, Q::None, "", "", false, "", "The UPS system."},
        {"/electrical/ups/mode",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"double_conversion\"",
         "Operating mode: double conversion (up to 97 %) or eco (up to 99 %); the UPS loss "
         "defaults follow it.",
         {"double_conversion", "eco"}},
        {"/electrical/ups/module_rating",
         T::Quantity,
         Q::Power,
         "0 MW",
         "10 GW",
         false,
         "\"1.5 MW\"",
         "Rating of one UPS module ([I]).",
         {},
         0,
         0,
         true},
        {"/electrical/ups/no_load",
         T::Quantity,
         Q::Fraction,
         "0 %",
         "20 %",
         false,
         "\"1.5 %\"",
         "No-load loss, share of rating; the default follows /electrical/ups/mode (double "
         "conversion 1.5 %, eco 0.4 %).",
         {},
         0,
         0,
         false,
         upsNoLoad},
        {"/electrical/ups/proportional",
         T::Quantity,
         Q::Fraction,
         "0 %",
         "20 %",
         false,
         "\"1.0 %\"",
         "Loss proportional to per-unit load, share of rating; the default follows the mode "
         "(double conversion 1.0 %, eco 0.3 %).",
         {},
         0,
         0,
         false,
         upsProportional},
        {"/electrical/ups/square",
         T::Quantity,
         Q::Fraction,
         "0 %",
         "20 %",
         false,
         "\"0.5 %\"",
         "Loss proportional to the square of per-unit load; the default follows the mode "
         "(double conversion 0.5 %, eco 0.3 %).",
         {},
         0,
         0,
         false,
         upsSquare},
        {"/electrical/pdu", T::Object, Q::None, "", "", false, "",
         "Busways and rack PDUs between the UPS and the racks."},
        // Busways and rack PDUs of 415/240 V distribution hold no transformer, so nothing
        // is magnetized at no load (a rack PDU's meter draws a few watts, < 0.01 % of its
        // rating); conductors and breakers lose I^2 R. Give a no-load loss for PDUs with
        // transformers (their core loss).
        {"/electrical/pdu/no_load", T::Quantity, Q::Fraction, "0 %", "20 %", false, "\"0 %\"",
         "No-load loss, share of rating: none in transformerless busways and rack PDUs "
         "(conductors carry no magnetizing current); a PDU transformer's core loss when it "
         "has one."},
        {"/electrical/pdu/proportional", T::Quantity, Q::Fraction, "0 %", "20 %", false, "\"0 %\"",
         "Loss proportional to per-unit load (none in conductors)."},
        {"/electrical/pdu/square", T::Quantity, Q::Fraction, "0 %", "20 %", false, "\"1.5 %\"",
         "Conductor (I^2 R) loss at per-unit load squared: 1.5 % at rated current, inside the "
         "0-2 % distribution loss of hyperscale sites in Lei & Masanet's input ranges "
         "(Barroso et al. 2013; Park 2011; Rasmussen 2011)."},
        {"/electrical/generators", T::Object, Q::None, "", "", false, "", "Standby generators."},
        {"/electrical/generators/rating",
         T::Quantity,
         Q::Power,
         "0 MW",
         "10 GW",
         false,
         "\"2.5 MW\"",
         "Rating of one generator (Amazon data centers use 2.5 MW units "
         "[cem-2021-gilroy-generators]).",
         {},
         0,
         0,
         true},
        {"/electrical/mechanical_on_ups", T::Boolean, Q::None, "", "", false, "false",
         "Whether fans and pumps are fed through the UPS."},
        {"/electrical/lighting", T::Quantity, Q::PowerDensity, "0 W/m2", "100 W/m2", false,
         "\"10 W/m2\"", "Lighting and small power per floor area ([I])."},
        {"/electrical/ancillary", T::Quantity, Q::Fraction, "0 %", "20 %", false, "\"1 %\"",
         "Offices, security and controls, as a share of IT power ([I])."},

        {"/cooling", T::Object, Q::None, "", "", false, "", "Cooling plant and air envelope."},
        {"/cooling/design",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"airside_economizer_evaporative\"",
         "Cooling architecture (the designs of the LBNL 2024 tables [lbnl-2024-usage]).",
         {"airside_economizer_evaporative", "indirect_evaporative", "chilled_water_towers",
          "air_cooled_chillers", "airside_economizer_evaporative_water_cooled",
          "chilled_water_adiabatic_dry_coolers"}},
        {"/cooling/supply_air", T::Object, Q::None, "", "", false, "",
         "The supply-air envelope the plant holds."},
        {"/cooling/supply_air/min", T::Quantity, Q::Temperature, "-10 degC", "45 degC", false,
         "\"18 degC\"",
         "Lowest supply dry-bulb (ASHRAE TC9.9 recommended 18-27 degC "
         "[ashrae-thermal-2021])."},
        {"/cooling/supply_air/max", T::Quantity, Q::Temperature, "-10 degC", "45 degC", false,
         "\"27 degC\"",
         "Highest supply dry-bulb (ASHRAE TC9.9 recommended 18-27 degC [ashrae-thermal-2021])."},
        {"/cooling/supply_air/max_dew_point", T::Quantity, Q::Temperature, "-30 degC", "35 degC",
         false, "\"15 degC\"",
         "Highest supply dew point (ASHRAE 2015 [ashrae-thermal-2015], input ranges "
         "[lei-masanet-2022]: 15-27 degC)."},
        {"/cooling/supply_air/min_dew_point", T::Quantity, Q::Temperature, "-40 degC", "35 degC",
         false, "",
         "Lowest supply dew point (ASHRAE 2015 [ashrae-thermal-2015], input ranges "
         "[lei-masanet-2022]: -12 to -9 degC); none "
         "when absent."},
        {"/cooling/supply_air/min_rh", T::Quantity, Q::Fraction, "0 %", "100 %", false, "\"8 %\"",
         "Lowest supply relative humidity (ASHRAE A1 allowable 8 % [ashrae-thermal-2015], input "
         "ranges 8-20 % [lei-masanet-2022])."},
        {"/cooling/supply_air/max_rh",
         T::Quantity,
         Q::Fraction,
         "0 %",
         "100 %",
         false,
         "\"80 %\"",
         "Highest supply relative humidity (ASHRAE A1 allowable 80 % [ashrae-thermal-2015]); air "
         "holds some water.",
         {},
         0,
         0,
         true},
        {"/cooling/supply_air/humidify", T::Boolean, Q::None, "", "", false, "false",
         "Whether the plant adds moisture when the air is too dry."},
        {"/cooling/delta_t", T::Quantity, Q::TemperatureDifference, "1 K", "40 K", false,
         "\"12 K\"",
         "Air temperature rise across the IT (input ranges [lei-masanet-2022]: CRAH 5-19.4 K)."},
        {"/cooling/fan", T::Object, Q::None, "", "", false, "", "Air movers."},
        {"/cooling/fan/design_sfp",
         T::Quantity,
         Q::SpecificFanPower,
         "0 kW/(m3/s)",
         "5 kW/(m3/s)",
         false,
         "\"1.2 kW/(m3/s)\"",
         "Fan power per airflow at design, above 0: air does not move itself ([I] from input "
         "ranges: 400-1000 Pa at 60-80 % fan efficiency gives 0.5-1.7 kW/(m3/s)).",
         {},
         0,
         0,
         true},
        {"/cooling/evaporative", T::Object, Q::None, "", "", false, "",
         "Direct evaporative media."},
        {"/cooling/evaporative/effectiveness", T::Quantity, Q::Fraction, "0 %", "100 %", false,
         "\"85 %\"", "Saturation effectiveness of the direct media ([I] typical rigid media)."},
        {"/cooling/indirect", T::Object, Q::None, "", "", false, "", "Indirect evaporative units."},
        {"/cooling/indirect/effectiveness", T::Quantity, Q::Fraction, "0 %", "100 %", false,
         "\"70 %\"", "Wet-bulb effectiveness of the indirect heat exchanger ([I])."},
        {"/cooling/tower", T::Object, Q::None, "", "", false, "", "Cooling towers."},
        {"/cooling/tower/approach", T::Quantity, Q::TemperatureDifference, "0 K", "20 K", false,
         "\"4 K\"", "Tower approach to wet-bulb (input ranges [lei-masanet-2022]: 2.8-6.7 K)."},
        {"/cooling/water", T::Object, Q::None, "", "", false, "", "Evaporative water use."},
        {"/cooling/water/cycles_of_concentration",
         T::Number,
         Q::None,
         "1",
         "50",
         false,
         "4",
         "Cycles of concentration, above 1; blowdown = evaporation / (cycles - 1) (input "
         "ranges: 3-15).",
         {},
         0,
         0,
         true},
        {"/cooling/water/drift", T::Quantity, Q::Fraction, "0 %", "5 %", false, "\"0.02 %\"",
         "Drift (windage) loss as a share of circulating water (input ranges [lei-masanet-2022]: "
         "0.005-0.5 %)."},
        {"/cooling/chiller", T::Object, Q::None, "", "", false, "", "Mechanical cooling."},
        {"/cooling/chiller/chilled_water", T::Quantity, Q::Temperature, "0 degC", "35 degC", false,
         "",
         "Fixed chilled-water supply temperature; when absent, reset every hour to the warmest "
         "water the coil can bring return air to the supply-air maximum with (ASHRAE 90.1-2016 "
         "s6.5.4.4 supply reset)."},
        {"/cooling/chiller/coil_effectiveness", T::Quantity, Q::Fraction, "5 %", "100 %", false,
         "\"80 %\"",
         "Effectiveness of the air-side chilled-water coil, which sets the reset chilled water "
         "(Lei & Masanet 2022 CRAH coils: 65-90 %)."},
        {"/cooling/chiller/cop", T::Number, Q::None, "1", "20", false, "6",
         "Chiller COP at the design lift ([I])."},
        {"/cooling/chiller/design_lift", T::Quantity, Q::TemperatureDifference, "1 K", "60 K",
         false, "\"20 K\"", "Condensing minus evaporating temperature at design ([I])."},
        {"/cooling/liquid", T::Object, Q::None, "", "", false, "",
         "Direct-to-chip liquid cooling; air only when absent."},
        {"/cooling/liquid/share", T::Quantity, Q::Fraction, "0 %", "100 %", true, "",
         "Share of IT heat removed by liquid."},
        {"/cooling/liquid/class",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"W32\"",
         "ASHRAE liquid class: facility supply temperature in degC [ashrae-thermal-2021].",
         {"W17", "W27", "W32", "W40", "W45"}},
        {"/cooling/liquid/supply_temperature", T::Quantity, Q::Temperature, "5 degC", "70 degC",
         false, "", "Facility supply temperature; overrides the class when given."},
        {"/cooling/liquid/dry_cooler_approach", T::Quantity, Q::TemperatureDifference, "0 K",
         "30 K", false, "\"5 K\"", "Dry cooler approach to dry-bulb ([I])."},
        {"/cooling/liquid/adiabatic_above", T::Quantity, Q::Temperature, "-10 degC", "50 degC",
         false, "\"28 degC\"",
         "Dry-bulb above which the dry coolers' adiabatic assist runs ([I])."},
        {"/cooling/liquid/pump_power", T::Quantity, Q::Fraction, "0 %", "20 %", false, "\"1.5 %\"",
         "Pump power as a share of the liquid heat load ([I])."},

        {"/it", T::Object, Q::None, "", "", true, "", "The IT deployment."},
        {"/it/chip", T::CatalogId, Q::None, "", "", true, "",
         "Accelerator id in the catalog (`headroom-cli catalog list`)."},
        {"/it/chip_overrides", T::Object, Q::None, "", "", false, "",
         "Figures that replace the catalog's for this site."},
        {"/it/chip_overrides/peak_power",
         T::Quantity,
         Q::Power,
         "0 W",
         "100 kW",
         false,
         "",
         "Chip power at full load.",
         {},
         0,
         0,
         true},
        {"/it/chip_overrides/idle_power", T::Quantity, Q::Power, "0 W", "100 kW", false, "",
         "Chip power when idle."},
        {"/it/chip_overrides/dense_fp8", T::Quantity, Q::ComputeRate, "0 FLOPS", "1e21 FLOPS",
         false, "", "Dense FP8 throughput."},
        {"/it/chip_overrides/dense_bf16", T::Quantity, Q::ComputeRate, "0 FLOPS", "1e21 FLOPS",
         false, "", "Dense BF16 throughput."},
        {"/it/chip_overrides/dense_fp32", T::Quantity, Q::ComputeRate, "0 FLOPS", "1e21 FLOPS",
         false, "", "Dense FP32 throughput."},
        {"/it/chip_overrides/dense_tf32", T::Quantity, Q::ComputeRate, "0 FLOPS", "1e21 FLOPS",
         false, "", "Dense TF32 throughput."},
        {"/it/chip_overrides/hbm", T::Quantity, Q::DataSize, "0 B", "1e15 B", false, "",
         "HBM capacity per chip."},
        {"/it/chip_overrides/hbm_bandwidth", T::Quantity, Q::DataRate, "0 B/s", "1e15 B/s", false,
         "", "HBM bandwidth per chip."},
        {"/it/platform", T::CatalogId, Q::None, "", "", true, "",
         "Server/UltraServer platform id in the catalog."},
        {"/it/platform_overrides", T::Object, Q::None, "", "", false, "",
         "Figures that replace the catalog's for this site."},
        {"/it/platform_overrides/chips_per_server", T::Integer, Q::None, "1", "1024", false, "",
         "Accelerators in one server."},
        {"/it/platform_overrides/servers_per_ultraserver", T::Integer, Q::None, "1", "1024", false,
         "", "Servers joined in one UltraServer."},
        {"/it/platform_overrides/rack_units_per_server", T::Integer, Q::None, "1", "60", false, "",
         "Height of one server in rack units."},
        {"/it/platform_overrides/host_power", T::Quantity, Q::Power, "0 W", "1 MW", false, "",
         "Host CPUs, memory and storage per server."},
        {"/it/platform_overrides/fan_power", T::Quantity, Q::Power, "0 W", "1 MW", false, "",
         "Server fans per server."},
        {"/it/platform_overrides/nic_power", T::Quantity, Q::Power, "0 W", "1 MW", false, "",
         "NICs per server."},
        {"/it/platform_overrides/nic_ports", T::Integer, Q::None, "0", "1024", false, "",
         "EFA ports per server."},
        {"/it/platform_overrides/nic_port_speed", T::Quantity, Q::DataRate, "0 B/s", "1e13 B/s",
         false, "", "Speed of one EFA port."},
        {"/it/ultraservers", T::CountOrFill, Q::None, "0", "10000000", false, "\"fill\"",
         "UltraServers to deploy, or \"fill\" for as many as power, space and cooling allow."},
        {"/it/rack_units", T::Integer, Q::None, "1", "60", false, "48",
         "Usable rack units per rack ([I] a 48U rack)."},
        {"/it/utilization",
         T::Series,
         Q::Fraction,
         "0 %",
         "100 %",
         true,
         "",
         "Chip utilization: a constant, 24 hourly values (hour-ending 1-24, local time) or a "
         "CSV column.",
         {},
         kSeriesConstant | kSeriesDayProfile | kSeriesCsv},
        {"/it/psu_efficiency",
         T::QuantityList,
         Q::Fraction,
         "1 %",
         "100 %",
         false,
         "[\"90 %\", \"94 %\", \"96 %\", \"91 %\"]",
         "Server PSU efficiency at 10/20/50/100 % load (80 PLUS Titanium "
         "[clearesult-80plus]).",
         {},
         0,
         4},

        {"/fabric", T::Object, Q::None, "", "", false, "", "The EFA fabric between UltraServers."},
        {"/fabric/switch", T::CatalogId, Q::None, "", "", false, "\"51.2t-64x800g\"",
         "Switch id in the catalog (51.2 Tb/s switches [fierce-2024-trainium3])."},
        {"/fabric/oversubscription", T::Ratio, Q::None, "1", "64", false, "\"1:1\"",
         "Leaf oversubscription, \"3:1\" or 3; 1:1 is non-blocking (not published for the "
         "UltraCluster [semianalysis-2024-trainium2])."},
        {"/fabric/planes", T::Integer, Q::None, "1", "16", false, "1",
         "Independent fabric planes."},

        {"/workloads", T::Object, Q::None, "", "", false, "", "What the chips run."},
        {"/workloads/training", T::ObjectArray, Q::None, "", "", false, "",
         "Training runs to schedule."},
        {"/workloads/training/*/name", T::String, Q::None, "", "", true, "", "Name of the run."},
        {"/workloads/training/*/parameters", T::Number, Q::None, "1", "1e18", true, "",
         "Model parameters."},
        {"/workloads/training/*/tokens", T::Number, Q::None, "1", "1e20", true, "",
         "Training tokens."},
        {"/workloads/training/*/flops",
         T::Quantity,
         Q::Operations,
         "0 FLOP",
         "1e32 FLOP",
         false,
         "",
         "Total training compute; 6 x parameters x tokens when absent [kaplan-2020-scaling].",
         {},
         0,
         0,
         true},
        {"/workloads/training/*/precision",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"bf16\"",
         "Arithmetic the run uses.",
         {"fp8", "bf16", "fp32", "tf32"}},
        {"/workloads/training/*/mfu",
         T::Quantity,
         Q::Fraction,
         "0 %",
         "100 %",
         false,
         "\"40 %\"",
         "Model FLOPs utilization ([I]).",
         {},
         0,
         0,
         true},
        {"/workloads/training/*/start", T::MonthDay, Q::None, "", "", false, "\"01-01\"",
         "Start date \"MM-DD\" within the climate year."},
        {"/workloads/inference", T::ObjectArray, Q::None, "", "", false, "",
         "Inference services to serve."},
        {"/workloads/inference/*/name", T::String, Q::None, "", "", true, "",
         "Name of the service."},
        {"/workloads/inference/*/parameters", T::Number, Q::None, "1", "1e18", true, "",
         "Model parameters."},
        {"/workloads/inference/*/precision",
         T::Enum,
         Q::None,
         "",
         "",
         false,
         "\"fp8\"",
         "Arithmetic the service uses.",
         {"fp8", "bf16", "fp32", "tf32"}},
        {"/workloads/inference/*/batch", T::Integer, Q::None, "1", "100000", false, "1",
         "Requests served together."},
        {"/workloads/inference/*/tokens_per_request", T::Number, Q::None, "1", "1e9", false, "1000",
         "Tokens generated per request ([I])."},
        {"/workloads/inference/*/bytes_per_parameter", T::Number, Q::None, "0.125", "8", false, "1",
         "Bytes of weights per parameter (1 for FP8)."},
    };
}
#pragma GCC diagnostic pop

} // namespace

const std::vector<FieldDef>& siteFields() {
    static const std::vector<FieldDef> fields = makeFields();
    return fields;
}

std::optional<DesignDefault> fieldDefault(const FieldDef& field, const nlohmann::json& document) {
    if (field.rule != nullptr) {
        return field.rule(document);
    }
    if (field.defaultJson.empty()) {
        return std::nullopt;
    }
    return DesignDefault{std::string(field.defaultJson), field.doc};
}

const FieldDef* findSiteField(std::string_view pattern) {
    const auto& fields = siteFields();
    auto found = std::find_if(fields.begin(), fields.end(),
                              [&](const FieldDef& field) { return field.pointer == pattern; });
    return found == fields.end() ? nullptr : &*found;
}

std::vector<const FieldDef*> childFields(std::string_view pattern) {
    std::vector<const FieldDef*> children;
    for (const auto& field : siteFields()) {
        const std::string_view pointer = field.pointer;
        if (pointer.size() > pattern.size() && pointer.substr(0, pattern.size()) == pattern &&
            pointer[pattern.size()] == '/' &&
            pointer.find('/', pattern.size() + 1) == std::string_view::npos) {
            children.push_back(&field);
        }
    }
    return children;
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
    default:
        return 1.0;
    }
}

} // namespace headroom::model
