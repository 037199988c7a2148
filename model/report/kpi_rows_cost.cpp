#include "model/report/kpi_rows.h"

#include "model/catalog/cost_catalog.h"
#include "model/site/site_fields.h"

namespace headroom::model::kpi_rows {

using Q = FigureKind;

void addCostAndCarbonRows(std::vector<KpiField>& f) {
    // What the site costs (model/cost/tco.h): the JSON summary's `cost` object, cost_*
    // columns everywhere else; absent without a /cost section, and a line not priced
    // (IT without a price, water without a tariff) is absent, never 0.
    const auto cost = [&f](const std::string& key, KpiDisplay display,
                           std::function<std::optional<double>(const CostResult&)> get) {
        display.absent = "not priced";
        f.push_back(optionalReal("cost_" + key, std::move(display),
                                 [get = std::move(get)](const RunResult& r) -> OptionalMw {
                                     return r.cost ? get(*r.cost) : std::nullopt;
                                 }));
        f.back().direction = KpiDirection::LowerIsBetter; // every line is money spent
    };
    cost("capex_usd",
         {"Capital cost", "construction, land, IT and network: the sum of the lines", Q::Money, 0,
          true},
         [](const CostResult& c) { return c.capexUsd; });
    cost("capex_construction_usd",
         {"Construction", "per MW of critical IT built, with the AI premium", Q::Money, 0},
         [](const CostResult& c) { return c.constructionUsd; });
    const auto& lines = CostCatalog::builtin().constructionLines();
    for (std::size_t i = 0; i < lines.size(); ++i) {
        cost("capex_construction_" + lines[i].id + "_usd",
             {"Construction, " + lines[i].name,
              "its share of construction, Cushman & Wakefield 2025 "
              "[cushman-wakefield-2025-dc-cost]",
              Q::Money, 0},
             [i](const CostResult& c) { return c.constructionLinesUsd.at(i); });
    }
    cost("capex_land_usd", {"Land", "land area x price", Q::Money, 0},
         [](const CostResult& c) { return c.landUsd; });
    cost("capex_it_usd", {"IT equipment", "UltraServers x their price", Q::Money, 0},
         [](const CostResult& c) { return c.itUsd; });
    cost("capex_network_usd", {"Network", "switches and transceivers", Q::Money, 0},
         [](const CostResult& c) { return c.networkUsd; });
    cost("annualized_capex_usd",
         {"Capital a year",
          "each line x the capital recovery factor of its life [short-1995-nrel-economics]",
          Q::Money, 0},
         [](const CostResult& c) { return c.annualizedCapexUsd; });
    cost("opex_electricity_energy_usd",
         {"Electricity, energy", "facility energy x price, hour by hour", Q::Money, 0},
         [](const CostResult& c) { return c.electricityEnergyUsd; });
    cost("opex_electricity_demand_usd",
         {"Electricity, demand", "each month's peak facility power x the demand charge", Q::Money,
          0},
         [](const CostResult& c) { return c.electricityDemandUsd; });
    cost("opex_water_usd", {"Water", "site water x price", Q::Money, 0},
         [](const CostResult& c) { return c.waterUsd; });
    cost("opex_sewer_usd", {"Sewer", "blowdown drained x sewer price", Q::Money, 0},
         [](const CostResult& c) { return c.sewerUsd; });
    cost("opex_maintenance_usd", {"Maintenance", "a share of construction a year", Q::Money, 0},
         [](const CostResult& c) { return c.maintenanceUsd; });
    cost("opex_usd", {"Operating cost", "the year's energy, water and maintenance", Q::Money, 0},
         [](const CostResult& c) { return c.opexUsd; });
    cost("tco_per_year_usd",
         {"Total cost of ownership a year", "capital a year + operating cost", Q::Money, 0, true},
         [](const CostResult& c) { return c.tcoPerYearUsd; });
    cost("capex_per_mw_it_usd",
         {"Capital per MW of IT", "capital cost / critical IT built", Q::MoneyPerMw, 0},
         [](const CostResult& c) -> std::optional<double> {
             return c.criticalItMw > 0.0 ? std::optional(c.capexUsd / c.criticalItMw)
                                         : std::nullopt;
         });
    cost("tco_per_mw_it_usd",
         {"TCO a year per MW of IT", "TCO a year / critical IT built", Q::MoneyPerMw, 0},
         [](const CostResult& c) -> std::optional<double> {
             return c.criticalItMw > 0.0 ? std::optional(c.tcoPerYearUsd / c.criticalItMw)
                                         : std::nullopt;
         });
    for (const EnumChoice& precision : precisionChoices()) {
        const auto p = static_cast<std::size_t>(precision.value);
        cost("usd_per_peak_pflop_hour_" + std::string(precision.name),
             {"Cost per peak PFLOP-hour, " + upper(precision.name),
              "TCO a year / (dense peak x hours of the year)", Q::MoneyPerPflopHour, 2, p == 1},
             [p](const CostResult& c) { return c.usdPerPeakPflopHour[p]; });
    }
    cost("training_run_usd",
         {"Cost per training run",
          "the first training run's chip-hours at the year's TCO per chip-hour", Q::Money, 0},
         [](const CostResult& c) { return c.trainingRunUsd; });

    // 24/7 carbon-free energy (model/cost/carbon_free_energy.h): the JSON summary's `cfe`
    // object, cfe_* columns everywhere else; absent without a /clean_energy section, and a
    // share of a year without consumption is absent.
    const auto cfe = [&f](const std::string& key, KpiDisplay display,
                          std::function<std::optional<double>(const CfeResult&)> get) {
        display.absent = "no /clean_energy";
        f.push_back(optionalReal("cfe_" + key, std::move(display),
                                 [get = std::move(get)](const RunResult& r) -> OptionalMw {
                                     return r.cfe ? get(*r.cfe) : std::nullopt;
                                 }));
    };
    const auto share = [](double CfeResult::*member) {
        return [member](const CfeResult& c) -> std::optional<double> {
            return c.consumptionMwh > 0.0 ? std::optional(c.*member) : std::nullopt;
        };
    };
    cfe("share",
        {"24/7 carbon-free energy",
         "each hour's consumption met by contracts and the grid's carbon-free share, over the "
         "year [google-2021-cfe]",
         Q::Ratio, 3, true},
        share(&CfeResult::cfeShare));
    f.back().direction = KpiDirection::HigherIsBetter;
    cfe("grid_share",
        {"Grid's carbon-free share", "the grid alone, hour by hour, weighted by consumption",
         Q::Ratio, 3},
        share(&CfeResult::gridCfeShare));
    f.back().direction = KpiDirection::HigherIsBetter;
    cfe("hourly_matched_share",
        {"Contracts matched hourly",
         "contracted supply used in its hour or through the battery / consumption", Q::Ratio, 3},
        share(&CfeResult::hourlyMatchedShare));
    f.back().direction = KpiDirection::HigherIsBetter;
    cfe("annual_matched_share",
        {"Contracts matched annually", "the year's contracted supply / consumption, at most 1",
         Q::Ratio, 3},
        share(&CfeResult::annualMatchedShare));
    f.back().direction = KpiDirection::HigherIsBetter;
    cfe("hours_short",
        {"Hours short of carbon-free", "hours not wholly met by carbon-free energy", Q::Hours, 0},
        [](const CfeResult& c) { return static_cast<double>(c.hoursShort); });
    f.back().direction = KpiDirection::LowerIsBetter;
    cfe("wind_mwh", {"Wind contracted", "the wind PPA's energy over the year", Q::EnergyMwh, 0},
        [](const CfeResult& c) { return c.windMwh; });
    cfe("solar_mwh", {"Solar contracted", "the solar PPA's energy over the year", Q::EnergyMwh, 0},
        [](const CfeResult& c) { return c.solarMwh; });
    cfe("battery_discharged_mwh",
        {"Battery discharged", "energy the battery gave back in hours supply fell short",
         Q::EnergyMwh, 0},
        [](const CfeResult& c) { return c.batteryDischargedMwh; });
    cfe("surplus_mwh",
        {"Contracted surplus", "contracted supply neither used in its hour nor stored",
         Q::EnergyMwh, 0},
        [](const CfeResult& c) { return c.surplusMwh; });

    // The basin's baseline water stress beside the year's water (model/cost/water_stress.h):
    // the JSON summary's `water_stress` object, water_stress_* columns everywhere else;
    // absent without /water_stress, and without a category where none was found.
    f.push_back({"water_stress_category",
                 KpiType::Text,
                 true,
                 [](const RunResult& r) {
                     if (!r.waterStress || !r.waterStress->category) {
                         return KpiValue();
                     }
                     const FieldDef* field = findSiteField("/water_stress/category");
                     for (const EnumChoice& choice : field->choices) {
                         if (choice.value == static_cast<int>(*r.waterStress->category)) {
                             return KpiValue(std::string(choice.name));
                         }
                     }
                     return KpiValue();
                 },
                 {"Baseline water stress",
                  "the basin's WRI Aqueduct 4.0 category, beside WUE [kuzma-2023-aqueduct]",
                  Q::Text, 0, true, "not found"}});
    f.push_back(optionalReal(
        "water_stress_score",
        {"Baseline water stress score", "Aqueduct's 0-5 score", Q::Ratio, 1, false, "not found"},
        [](const RunResult& r) -> OptionalMw {
            return r.waterStress ? r.waterStress->score : std::nullopt;
        }));
    f.push_back(lower(optionalReal(
        "water_stress_water_in_stress_m3",
        {"Site water in a stressed basin",
         "site water where Aqueduct rates the basin high or extremely high; 0 elsewhere "
         "(GRI 303-5 [gri-303-2018])",
         Q::WaterVolume, 0, false, "not found"},
        [](const RunResult& r) -> OptionalMw {
            return r.waterStress ? r.waterStress->waterInStressM3 : std::nullopt;
        })));

    // The embodied and lifecycle carbon (model/cost/embodied_carbon.h): the JSON summary's
    // `embodied_carbon` object, embodied_carbon_* columns everywhere else; absent without a
    // /cost section, and a part not known (a die not published) is absent, never 0.
    const auto embodied =
        [&f](const std::string& key, KpiDisplay display,
             std::function<std::optional<double>(const EmbodiedCarbonResult&)> get) {
            display.absent = "not known";
            f.push_back(lower(
                optionalReal("embodied_carbon_" + key, std::move(display),
                             [get = std::move(get)](const RunResult& r) -> OptionalMw {
                                 return r.embodiedCarbon ? get(*r.embodiedCarbon) : std::nullopt;
                             })));
        };
    embodied("total_t",
             {"Embodied carbon",
              "chips, memory, servers, network and building: the sum of the parts", Q::CarbonMass,
              0, true},
             [](const EmbodiedCarbonResult& e) { return e.totalT; });
    embodied("chip_dies_t",
             {"Embodied, chips' logic dies",
              "die area x carbon per area of its node [gupta-2022-act] [faiz-2024-llmcarbon]",
              Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.chipDiesT; });
    embodied("hbm_t", {"Embodied, HBM", "chips x HBM x carbon per GB", Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.hbmT; });
    embodied("flash_t", {"Embodied, flash", "servers x flash x carbon per GB", Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.flashT; });
    embodied("server_rest_t",
             {"Embodied, rest of the servers", "servers x a server's host, board and chassis",
              Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.serverRestT; });
    embodied("network_t", {"Embodied, network", "fabric switches", Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.networkT; });
    embodied("shell_t",
             {"Embodied, building shell", "per MW of IT built, less the low-carbon structure's cut",
              Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.shellT; });
    embodied("plant_t",
             {"Embodied, power and cooling plant", "per MW of IT built", Q::CarbonMass, 0},
             [](const EmbodiedCarbonResult& e) { return e.plantT; });
    embodied("per_year_t",
             {"Embodied carbon a year", "each part / its service life", Q::CarbonMass, 0, true},
             [](const EmbodiedCarbonResult& e) { return e.perYearT; });
    embodied("lifecycle_per_year_t",
             {"Lifecycle carbon a year", "embodied a year + operational (location-based)",
              Q::CarbonMass, 0, true},
             [](const EmbodiedCarbonResult& e) { return e.lifecycleT; });
    embodied(
        "embodied_share",
        {"Embodied share of lifecycle carbon", "embodied a year / lifecycle a year", Q::Ratio, 3},
        [](const EmbodiedCarbonResult& e) -> std::optional<double> {
            return e.lifecycleT > 0.0 ? std::optional(e.perYearT / e.lifecycleT) : std::nullopt;
        });
    for (const EnumChoice& precision : precisionChoices()) {
        const auto p = static_cast<std::size_t>(precision.value);
        embodied("kg_per_peak_pflop_hour_" + std::string(precision.name),
                 {"Lifecycle carbon per peak PFLOP-hour, " + upper(precision.name),
                  "lifecycle a year / (dense peak x hours of the year)", Q::CarbonKg, 3},
                 [p](const EmbodiedCarbonResult& e) { return e.kgPerPeakPflopHour[p]; });
    }
    embodied("training_run_t",
             {"Lifecycle carbon per training run",
              "the run's operational carbon + the year's embodied over its hours", Q::CarbonMass, 0,
              true},
             [](const EmbodiedCarbonResult& e) { return e.trainingRunT; });
}

} // namespace headroom::model::kpi_rows
