// What the site costs: rows of the site field table for /cost. Each unit cost defaults to
// the cost catalog's figure (resources/catalog/costs.json), whose source the run lists
// beside it; the bounds catch a unit slip ("11.7 USD/MW"), not a market.
#include "model/catalog/cost_catalog.h"
#include "model/site/site_binding.h"
#include "model/site/site_field_rows.h"

#include <stdexcept>

namespace headroom::model {
namespace {

/// The row with the cost catalog's figure for its pointer as its default.
FieldDef fromCatalog(FieldDef row) {
    const CostFigure* figure = CostCatalog::builtin().forField(row.pointer);
    if (figure == nullptr) {
        // The site tests build every row; reaching this is a build defect.
        throw std::logic_error("the cost catalog has no figure for " + std::string(row.pointer));
    }
    row.defaultJson = figure->valueJson;
    row.defaultSource = figure->source;
    return row;
}

} // namespace

std::vector<FieldDef> costFields() {
    using T = FieldType;
    using Q = QuantityKind;
    return {
        {.pointer = "/cost",
         .type = T::Object,
         .doc = "What the site costs to build and run, in US dollars; without it a run reports "
                "no cost figures."},
        fromCatalog({.pointer = "/cost/construction_per_mw_it",
                     .type = T::Quantity,
                     .quantity = Q::MoneyPerPower,
                     .min = "1 MUSD/MW",
                     .max = "100 MUSD/MW",
                     .doc = "Construction cost per MW of critical IT built (shell, site, power and "
                            "cooling plant; no IT, land or soft costs), split into lines as "
                            "Cushman & Wakefield 2025 does.",
                     .to = into<&Site::cost, &CostInputs::constructionUsdPerW>()}),
        fromCatalog({.pointer = "/cost/ai_premium",
                     .type = T::Quantity,
                     .quantity = Q::Fraction,
                     .min = "0 %",
                     .max = "200 %",
                     .doc = "Premium of a high-density, liquid-cooled AI build on the "
                            "construction cost.",
                     .to = into<&Site::cost, &CostInputs::aiPremium>()}),
        {.pointer = "/cost/land", .type = T::Object, .doc = "The land the campus stands on."},
        {.pointer = "/cost/land/area",
         .type = T::Quantity,
         .quantity = Q::Area,
         .min = "0 m2",
         .max = "1000 km2",
         .doc = "Land bought for the campus; no land cost when absent.",
         .to = into<&Site::cost, &CostInputs::landArea>()},
        fromCatalog({.pointer = "/cost/land/price",
                     .type = T::Quantity,
                     .quantity = Q::MoneyPerArea,
                     .min = "0 USD/ft2",
                     .max = "10000 USD/ft2",
                     .doc = "Price of land; land is not depreciated, it carries the discount rate.",
                     .to = into<&Site::cost, &CostInputs::landUsdPerM2>()}),
        {.pointer = "/cost/it", .type = T::Object, .doc = "The IT equipment."},
        {.pointer = "/cost/it/price_per_ultraserver",
         .type = T::Quantity,
         .quantity = Q::Money,
         .min = "0 USD",
         .max = "1000 MUSD",
         .exclusiveMin = true,
         .doc = "Price of one UltraServer (servers, chips and rack share). AWS publishes no "
                "Trainium price, so there is no default: the IT line is left out of the cost "
                "until one is given.",
         .to = into<&Site::cost, &CostInputs::ultraServerUsd>()},
        {.pointer = "/cost/network", .type = T::Object, .doc = "The EFA fabric's equipment."},
        fromCatalog({.pointer = "/cost/network/price_per_switch",
                     .type = T::Quantity,
                     .quantity = Q::Money,
                     .min = "0 USD",
                     .max = "10 MUSD",
                     .doc = "Price of one fabric switch, without optics.",
                     .to = into<&Site::cost, &CostInputs::switchUsd>()}),
        fromCatalog({.pointer = "/cost/network/price_per_transceiver",
                     .type = T::Quantity,
                     .quantity = Q::Money,
                     .min = "0 USD",
                     .max = "100000 USD",
                     .doc = "Price of one optical transceiver.",
                     .to = into<&Site::cost, &CostInputs::transceiverUsd>()}),
        {.pointer = "/cost/electricity",
         .type = T::Object,
         .required = true,
         .doc = "The electricity bill."},
        {.pointer = "/cost/electricity/price",
         .type = T::Series,
         .quantity = Q::MoneyPerEnergy,
         .min = "0 USD/kWh",
         .max = "2 USD/kWh",
         .required = true,
         .doc = "Energy price at the utility meter: flat, time-of-use (12 months x 24 hours) or an "
                "hourly CSV column (EIA state averages [eia-2024-electric-power-annual]).",
         .shapes = kSeriesConstant | kSeriesMonthByHour | kSeriesCsv,
         .to = into<&Site::cost, &CostInputs::electricityUsdPerKwh>()},
        {.pointer = "/cost/electricity/demand_charge",
         .type = T::Quantity,
         .quantity = Q::DemandCharge,
         .min = "0 USD/kW/month",
         .max = "500 USD/kW/month",
         .defaultJson = "\"0 USD/kW/month\"",
         .doc = "Charge per kW of each month's highest hour of facility power; none when absent "
                "(a tariff without one).",
         .to = into<&Site::cost, &CostInputs::demandChargeUsdPerWs>()},
        {.pointer = "/cost/water", .type = T::Object, .doc = "The water bill."},
        {.pointer = "/cost/water/price",
         .type = T::Quantity,
         .quantity = Q::MoneyPerVolume,
         .min = "0 USD/m3",
         .max = "100 USD/m3",
         .doc = "Price of water drawn; water is left out of the cost when absent (no citable "
                "non-residential tariff is on file for most sites).",
         .to = into<&Site::cost, &CostInputs::waterUsdPerM3>()},
        {.pointer = "/cost/water/sewer_price",
         .type = T::Quantity,
         .quantity = Q::MoneyPerVolume,
         .min = "0 USD/m3",
         .max = "100 USD/m3",
         .doc = "Price of sewer discharge, charged on the blowdown drained (evaporation and drift "
                "are not discharged); none when absent.",
         .to = into<&Site::cost, &CostInputs::sewerUsdPerM3>()},
        fromCatalog({.pointer = "/cost/maintenance",
                     .type = T::Quantity,
                     .quantity = Q::Fraction,
                     .min = "0 %",
                     .max = "20 %",
                     .doc = "Maintenance a year, as a share of the construction cost.",
                     .to = into<&Site::cost, &CostInputs::maintenanceShare>()}),
        fromCatalog({.pointer = "/cost/discount_rate",
                     .type = T::Quantity,
                     .quantity = Q::Fraction,
                     .min = "0 %",
                     .max = "30 %",
                     .doc = "Real discount rate a year, for the capital recovery factor that "
                            "annualizes capital.",
                     .to = into<&Site::cost, &CostInputs::discountRate>()}),
        {.pointer = "/cost/lives", .type = T::Object, .doc = "Service lives by asset class."},
        fromCatalog({.pointer = "/cost/lives/servers",
                     .type = T::Quantity,
                     .quantity = Q::Time,
                     .min = "1 yr",
                     .max = "15 yr",
                     .doc = "Service life of servers and accelerators.",
                     .to = into<&Site::cost, &CostInputs::serverLife>()}),
        fromCatalog({.pointer = "/cost/lives/network",
                     .type = T::Quantity,
                     .quantity = Q::Time,
                     .min = "1 yr",
                     .max = "20 yr",
                     .doc = "Service life of switches and optics.",
                     .to = into<&Site::cost, &CostInputs::networkLife>()}),
        fromCatalog({.pointer = "/cost/lives/plant",
                     .type = T::Quantity,
                     .quantity = Q::Time,
                     .min = "1 yr",
                     .max = "50 yr",
                     .doc = "Service life of power and cooling plant and white-space fit-out.",
                     .to = into<&Site::cost, &CostInputs::plantLife>()}),
        fromCatalog({.pointer = "/cost/lives/shell",
                     .type = T::Quantity,
                     .quantity = Q::Time,
                     .min = "1 yr",
                     .max = "100 yr",
                     .doc = "Service life of the shell, site works, back of house and offices.",
                     .to = into<&Site::cost, &CostInputs::shellLife>()}),
        {.pointer = "/cost/embodied",
         .type = T::Object,
         .doc = "The carbon made in building the site and its equipment (model/cost/"
                "embodied_carbon.h), amortized over the service lives above."},
        {.pointer = "/cost/embodied/die_area",
         .type = T::Quantity,
         .quantity = Q::Area,
         .min = "0 mm^2",
         .max = "5000 mm^2",
         .exclusiveMin = true,
         .doc = "Logic die area of one chip (all its compute dies); the catalog's published "
                "die when absent. Trainium's die area is not published: without it, the "
                "chips' logic dies are left out of the embodied carbon.",
         .to = into<&Site::cost, &CostInputs::dieArea>()},
        {.pointer = "/cost/embodied/process_node",
         .type = T::Quantity,
         .quantity = Q::Length,
         .min = "3 nm",
         .max = "16 nm",
         .doc = "Process node of the chip's logic dies, one the cost catalog holds a carbon per "
                "area for (16, 12, 7, 5 or 4 nm); the catalog's published die's when absent.",
         .to = into<&Site::cost, &CostInputs::dieNode>()},
        fromCatalog({.pointer = "/cost/embodied/hbm_carbon",
                     .type = T::Quantity,
                     .quantity = Q::MassPerDataSize,
                     .min = "0 kg/GB",
                     .max = "10 kg/GB",
                     .doc = "Embodied carbon of the chips' high-bandwidth memory per GB.",
                     .to = into<&Site::cost, &CostInputs::hbmKgPerByte>()}),
        {.pointer = "/cost/embodied/flash_per_server",
         .type = T::Quantity,
         .quantity = Q::DataSize,
         .min = "0 GB",
         .max = "10 PB",
         .doc = "Flash storage in one server; none when absent.",
         .to = into<&Site::cost, &CostInputs::flashPerServer>()},
        fromCatalog({.pointer = "/cost/embodied/flash_carbon",
                     .type = T::Quantity,
                     .quantity = Q::MassPerDataSize,
                     .min = "0 kg/GB",
                     .max = "1 kg/GB",
                     .doc = "Embodied carbon of flash storage per GB.",
                     .to = into<&Site::cost, &CostInputs::flashKgPerByte>()}),
        fromCatalog({.pointer = "/cost/embodied/server_rest",
                     .type = T::Quantity,
                     .quantity = Q::Mass,
                     .min = "0 kg",
                     .max = "20 t",
                     .doc = "Embodied carbon of one server besides its accelerators' dies and "
                            "memory: host, board, chassis, power supplies, fans.",
                     .to = into<&Site::cost, &CostInputs::serverRestKg>()}),
        fromCatalog({.pointer = "/cost/embodied/switch",
                     .type = T::Quantity,
                     .quantity = Q::Mass,
                     .min = "0 kg",
                     .max = "20 t",
                     .doc = "Embodied carbon of one fabric switch (optics not included).",
                     .to = into<&Site::cost, &CostInputs::switchKg>()}),
        fromCatalog({.pointer = "/cost/embodied/building",
                     .type = T::Quantity,
                     .quantity = Q::MassPerPower,
                     .min = "0 t/MW",
                     .max = "10000 t/MW",
                     .doc = "Embodied carbon of the building shell and its power and cooling "
                            "plant per MW of critical IT built.",
                     .to = into<&Site::cost, &CostInputs::buildingKgPerW>()}),
        fromCatalog({.pointer = "/cost/embodied/plant_share",
                     .type = T::Quantity,
                     .quantity = Q::Fraction,
                     .min = "0 %",
                     .max = "100 %",
                     .doc = "Share of the building's embodied carbon in its power and cooling "
                            "plant (plant life); the rest is the shell (shell life).",
                     .to = into<&Site::cost, &CostInputs::plantShare>()}),
        {.pointer = "/cost/embodied/shell_reduction",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "90 %",
         .defaultJson = "\"0 %\"",
         .doc = "Cut in the shell's embodied carbon from a low-carbon structure, as the builders "
                "state it: a hybrid cross-laminated-timber structure, 35 % against steel "
                "[microsoft-2024-clt-datacenters]; concrete with at least 20 % less embodied "
                "carbon [aws-2023-construction] cuts the shell by that share of its concrete's "
                "part. None when absent.",
         .to = into<&Site::cost, &CostInputs::shellReduction>()},
    };
}

} // namespace headroom::model
