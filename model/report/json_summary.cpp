#include "model/report/json_summary.h"

#include "model/catalog/cost_catalog.h"
#include "model/climate/climate_zone.h"
#include "model/core/version.h"
#include "model/report/reference_figures.h"
#include "model/site/site_fields.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

namespace headroom::model {
namespace {

using Q = FigureKind;

KpiField real(std::string name, KpiDisplay display, std::function<double(const RunResult&)> get,
              bool nested = false) {
    return {std::move(name), KpiType::Real, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); },
            std::move(display)};
}

/// A ratio to the year's IT energy: no value when there was none (README: null).
KpiField ratio(std::string name, KpiDisplay display, std::function<double(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, false,
            [get = std::move(get)](const RunResult& r) {
                return r.annual.itEnergyMwh > 0.0 ? KpiValue(get(r)) : KpiValue();
            },
            std::move(display)};
}

/// A figure that may not exist (a constraint that does not limit, a rate not published).
KpiField optionalReal(std::string name, KpiDisplay display,
                      std::function<OptionalMw(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, true,
            [get = std::move(get)](const RunResult& r) {
                const OptionalMw value = get(r);
                return value ? KpiValue(*value) : KpiValue();
            },
            std::move(display)};
}

KpiField integer(std::string name, KpiDisplay display,
                 std::function<std::int64_t(const RunResult&)> get, bool nested = false) {
    return {std::move(name), KpiType::Integer, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); },
            std::move(display)};
}

/// A figure that is better lower (PUE, water, carbon) or higher (water-free hours, capacity).
KpiField lower(KpiField field) {
    field.direction = KpiDirection::LowerIsBetter;
    return field;
}
KpiField higher(KpiField field) {
    field.direction = KpiDirection::HigherIsBetter;
    return field;
}

/// "bf16" -> "BF16": a precision's name as the tables print it.
std::string upper(std::string_view name) {
    std::string text(name);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// "hall_power" -> "hall power": a model name as words.
std::string words(std::string name) {
    for (char& c : name) {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

/// A top-level figure that may not exist: null in JSON, empty in CSV, NULL in the store.
KpiField maybeReal(std::string name, KpiDisplay display,
                   std::function<std::optional<double>(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, false,
            [get = std::move(get)](const RunResult& r) {
                const std::optional<double> value = get(r);
                return value ? KpiValue(*value) : KpiValue();
            },
            std::move(display)};
}

// What the site delivers per unit of work (issue 22): the first training run and the first
// inference service of the site file, from the performance engine (model/perf) charged
// with the hourly simulation. Absent (null) when the site has none, or the engine refused
// it (its diagnostic says why).
void addWorkloadRows(std::vector<KpiField>& f) {
    using Training = std::function<double(const TrainingResult&)>;
    using Inference = std::function<double(const InferenceResult&)>;
    using Direction = KpiDirection;
    const auto training = [&f](const char* name, KpiDisplay display, Direction direction,
                               Training get) {
        display.absent = "no training run";
        f.push_back(maybeReal(name, std::move(display), [get = std::move(get)](const RunResult& r) {
            return r.training.empty() ? std::nullopt
                                      : std::optional<double>(get(r.training.front()));
        }));
        f.back().direction = direction;
    };
    const auto inference = [&f](const char* name, KpiDisplay display, Direction direction,
                                Inference get) {
        display.absent = "no inference service";
        f.push_back(maybeReal(name, std::move(display), [get = std::move(get)](const RunResult& r) {
            return r.inference.empty() ? std::nullopt
                                       : std::optional<double>(get(r.inference.front()));
        }));
        f.back().direction = direction;
    };
    training("training_days",
             {"Time to train", "the first training run on the layout the engine found", Q::Days, 1,
              true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.hours / 24.0; });
    training("training_mfu",
             {"MFU, training",
              "model FLOPs / (step time x chips used x dense peak): an output of the layout "
              "search [isaev-2023-calculon]",
              Q::Ratio, 3, true},
             Direction::HigherIsBetter, [](const TrainingResult& t) { return t.mfu; });
    training(
        "training_tokens_per_s",
        {"Training throughput", "tokens per second of the first training run", Q::TokenRate, 0},
        Direction::HigherIsBetter, [](const TrainingResult& t) { return t.tokensPerSecond; });
    training("training_energy_mwh",
             {"Energy per training run", "facility energy over the hours the run takes",
              Q::EnergyMwh, 0, true},
             Direction::LowerIsBetter,
             [](const TrainingResult& t) { return t.costs.facilityEnergyMwh; });
    training("training_site_water_m3",
             {"Site water per training run", "cooling water over the hours the run takes",
              Q::WaterVolume, 0, true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.costs.siteWaterM3; });
    training("training_source_water_m3",
             {"Source water per training run", "site water + the grid's water (EWIF)",
              Q::WaterVolume, 0, true},
             Direction::LowerIsBetter,
             [](const TrainingResult& t) { return t.costs.sourceWaterM3; });
    training("training_carbon_t",
             {"Carbon per training run", "location-based, hour by hour", Q::CarbonMass, 0, true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.costs.carbonT; });
    training("training_season_energy_mwh",
             {"Season, energy (July - January)",
              "the same run started on July 1 "
              "rather than January 1",
              Q::EnergyMwh, 0, true},
             Direction::Neutral, [](const TrainingResult& t) {
                 return t.julyStart.facilityEnergyMwh - t.januaryStart.facilityEnergyMwh;
             });
    training("training_season_site_water_m3",
             {"Season, site water (July - January)",
              "the same run started on July 1 rather than January 1", Q::WaterVolume, 0, true},
             Direction::Neutral, [](const TrainingResult& t) {
                 return t.julyStart.siteWaterM3 - t.januaryStart.siteWaterM3;
             });
    training("training_season_carbon_t",
             {"Season, carbon (July - January)",
              "the same run started on July 1 rather than January 1", Q::CarbonMass, 0, true},
             Direction::Neutral,
             [](const TrainingResult& t) { return t.julyStart.carbonT - t.januaryStart.carbonT; });
    inference("inference_tokens_per_s",
              {"Tokens served per second",
               "output tokens of the first inference service, every chip, at its latency target",
               Q::TokenRate, 0, true},
              Direction::HigherIsBetter,
              [](const InferenceResult& i) { return i.siteTokensPerSecond; });
    inference("inference_energy_per_million_tokens_kwh",
              {"Energy per million tokens", "facility energy over the year's served tokens",
               Q::EnergyKwh, 2, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.energyKwhPerMillionTokens; });
    inference("inference_site_water_per_million_tokens_l",
              {"Site water per million tokens", "cooling water over the year's served tokens",
               Q::SmallWaterVolume, 3, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.waterLPerMillionTokens; });
    inference("inference_source_water_per_million_tokens_l",
              {"Source water per million tokens", "site + grid water over the year's tokens",
               Q::SmallWaterVolume, 3},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.sourceWaterLPerMillionTokens; });
    inference("inference_carbon_per_million_tokens_kg",
              {"Carbon per million tokens", "location-based, over the year's served tokens",
               Q::CarbonKg, 3, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.carbonKgPerMillionTokens; });
    f.push_back(higher(
        maybeReal("tokens_per_kwh",
                  {"Tokens per kWh", "served tokens per facility kWh", Q::TokensPerKwh, 0, true},
                  [](const RunResult& r) -> std::optional<double> {
                      if (r.inference.empty()) {
                          return std::nullopt;
                      }
                      return r.productivity.tokensPerKwh;
                  })));
    KpiDisplay perLitre{"Tokens per litre", "served tokens per litre of site water",
                        Q::TokensPerWater, 0, true};
    perLitre.absent = "no water used";
    f.push_back(higher(maybeReal("tokens_per_litre", std::move(perLitre), [](const RunResult& r) {
        return r.inference.empty() ? std::nullopt : r.productivity.tokensPerLitre;
    })));
    f.push_back(higher(
        maybeReal("tokens_per_kg_co2e",
                  {"Tokens per kg CO\u2082e", "served tokens per kg of location-based carbon",
                   Q::TokensPerCarbon, 0, true},
                  [](const RunResult& r) -> std::optional<double> {
                      if (r.inference.empty()) {
                          return std::nullopt;
                      }
                      return r.productivity.tokensPerKgCo2e;
                  })));
}

std::vector<KpiField> makeFields() {
    std::vector<KpiField> f;
    // Headline rows (true) are the summary: the CLI table, the dashboard tiles and the PDF.
    f.push_back(lower(ratio(
        "pue",
        {"PUE", "facility energy / IT energy (ISO/IEC 30134-2 [iso-30134-2])", Q::Ratio, 3, true},
        [](const RunResult& r) { return r.annual.pue; })));
    f.push_back(lower(ratio("ppue_cooling",
                            {"pPUE, cooling", "(IT + cooling energy) / IT energy", Q::Ratio, 3},
                            [](const RunResult& r) { return r.annual.ppueCooling; })));
    f.push_back(lower(ratio(
        "ppue_power", {"pPUE, power chain", "(IT + electrical losses) / IT energy", Q::Ratio, 3},
        [](const RunResult& r) { return r.annual.ppuePower; })));
    f.push_back(lower(ratio("wue_site_l_per_kwh",
                            {"WUE, site", "site water / IT energy (ISO/IEC 30134-9 [iso-30134-9])",
                             Q::WaterIntensity, 3, true},
                            [](const RunResult& r) { return r.annual.wueSiteLPerKwh; })));
    f.push_back(lower(ratio("wue_source_l_per_kwh",
                            {"WUE, source", "site WUE + EWIF \u00d7 PUE [greengrid-wp35-wue]",
                             Q::WaterIntensity, 3, true},
                            [](const RunResult& r) { return r.annual.wueSourceLPerKwh; })));
    f.push_back(lower(ratio("cue_kg_per_kwh",
                            {"CUE", "grid intensity \u00d7 PUE (ISO/IEC 30134-8 [iso-30134-8])",
                             Q::CarbonIntensity, 3, true},
                            [](const RunResult& r) { return r.annual.cueKgPerKwh; })));
    f.push_back(real("it_energy_mwh",
                     {"IT energy", "the year's IT energy at the rack input", Q::EnergyMwh, 0, true},
                     [](const RunResult& r) { return r.annual.itEnergyMwh; }));
    f.push_back(lower(
        real("facility_energy_mwh",
             {"Facility energy", "the year's energy at the utility meter", Q::EnergyMwh, 0, true},
             [](const RunResult& r) { return r.annual.facilityEnergyMwh; })));
    f.push_back(lower(real(
        "water_m3",
        {"Site water", "evaporation, blowdown, drift and humidification", Q::WaterVolume, 0, true},
        [](const RunResult& r) { return r.annual.waterM3; })));
    f.push_back(lower(real(
        "grid_water_m3",
        {"Grid water", "water used to generate the electricity (EWIF)", Q::WaterVolume, 0, true},
        [](const RunResult& r) { return r.annual.gridWaterM3; })));
    f.push_back(
        lower(real("carbon_location_t",
                   {"Carbon, location-based", "grid average, hour by hour", Q::CarbonMass, 0, true},
                   [](const RunResult& r) { return r.annual.carbonLocationT; })));
    f.push_back(
        lower(real("carbon_market_t",
                   {"Carbon, market-based", "after contracted renewables", Q::CarbonMass, 0, true},
                   [](const RunResult& r) { return r.annual.carbonMarketT; })));
    f.push_back(real("peak_facility_mw",
                     {"Peak facility power", "the year's highest hour at the utility meter",
                      Q::PowerMw, 1, true},
                     [](const RunResult& r) { return r.annual.peakFacilityMw; }));
    f.push_back(
        real("peak_it_mw",
             {"Peak IT", "the year's highest hour, at the stated utilization, at the rack input",
              Q::PowerMw, 1, true},
             [](const RunResult& r) { return r.annual.peakItMw; }));
    f.push_back(real("design_hour_it_mw",
                     {"Design-hour IT",
                      "every chip at full utilization, at the rack input; headroom is measured "
                      "from it",
                      Q::PowerMw, 1, true},
                     [](const RunResult& r) { return r.capacity.deployedItMw; }));
    f.push_back(real(
        "it_nameplate_mw",
        {"IT nameplate",
         "servers and network at full utilization, at the server (before PSU "
         "losses)",
         Q::PowerMw, 1, true},
        [](const RunResult& r) { return (r.compute.itPowerKw + r.compute.networkPowerKw) / 1e3; }));
    f.push_back(
        higher(integer("water_free_hours",
                       {"Water-free hours", "hours the plant used no water", Q::Hours, 0, true},
                       [](const RunResult& r) { return r.annual.waterFreeHours; })));
    f.push_back(higher(
        integer("longest_water_free_run_days",
                {"Longest water-free run", "the longest stretch of days without water", Q::Days, 0},
                [](const RunResult& r) { return r.annual.longestWaterFreeRunDays; })));
    f.push_back(higher(
        integer("zero_water_month_count",
                {"Zero-water months", "months in which the plant used no water", Q::Count, 0, true},
                [](const RunResult& r) {
                    return static_cast<std::int64_t>(r.annual.zeroWaterMonths.size());
                })));
    f.push_back(
        lower(integer("hours_outside_envelope",
                      {"Hours outside the envelope",
                       "hours the supply air left the envelope's humidity limits", Q::Hours, 0},
                      [](const RunResult& r) { return r.annual.hoursOutsideEnvelope; })));
    f.push_back(lower(integer(
        "hours_too_dry",
        {"Hours too dry", "supply air drier than the envelope, not humidified", Q::Hours, 0},
        [](const RunResult& r) { return r.annual.hoursTooDry; })));
    f.push_back(lower(integer(
        "hours_too_humid",
        {"Hours too humid", "supply air more humid than the envelope, not dried", Q::Hours, 0},
        [](const RunResult& r) { return r.annual.hoursTooHumid; })));
    for (int m = 0; m < kCoolingModeCount; ++m) {
        const std::string mode = coolingModeName(static_cast<CoolingMode>(m));
        f.push_back(integer(
            "mode_hours_" + mode,
            {"Hours in mode " + words(mode), "hours the plant ran in this cooling mode", Q::Hours,
             0},
            [m](const RunResult& r) { return r.annual.modeHours[static_cast<std::size_t>(m)]; },
            true));
    }
    f.push_back(
        lower(ratio("mlc_annualized",
                    {"MLC, annualized", "mechanical load component (ASHRAE 90.4)", Q::Ratio, 3},
                    [](const RunResult& r) { return r.annual.mlcAnnualized; })));
    f.push_back(
        lower(ratio("elc_annualized",
                    {"ELC, annualized", "electrical loss component (ASHRAE 90.4)", Q::Ratio, 3},
                    [](const RunResult& r) { return r.annual.elcAnnualized; })));
    f.push_back(higher(integer("chips", {"Chips", "accelerator chips deployed", Q::Count, 0, true},
                               [](const RunResult& r) { return r.compute.chips; })));
    f.push_back(higher(integer("servers", {"Servers", "servers deployed", Q::Count, 0},
                               [](const RunResult& r) { return r.compute.servers; })));
    f.push_back(higher(integer("ultraservers",
                               {"UltraServers", "NeuronLink domains deployed", Q::Count, 0, true},
                               [](const RunResult& r) { return r.compute.ultraServers; })));
    f.push_back(integer("racks", {"Racks", "racks deployed", Q::Count, 0, true},
                        [](const RunResult& r) { return r.compute.racks; }));
    f.push_back(integer("rows", {"Rows", "rows of racks", Q::Count, 0},
                        [](const RunResult& r) { return r.compute.rows; }));
    f.push_back(integer("halls_used", {"Halls used", "halls holding racks", Q::Count, 0},
                        [](const RunResult& r) { return r.compute.hallsUsed; }));
    f.push_back(integer("fabric_tiers", {"Fabric tiers", "tiers of the EFA Clos", Q::Count, 0},
                        [](const RunResult& r) { return r.compute.fabricTiers; }));
    f.push_back(integer("transceivers",
                        {"Transceivers", "optical transceivers of the fabric", Q::Count, 0},
                        [](const RunResult& r) { return r.compute.transceivers; }));
    f.push_back(real("network_power_kw",
                     {"Network power", "switches, optics and NICs at full load", Q::PowerKw, 0},
                     [](const RunResult& r) { return r.compute.networkPowerKw; }));
    // One figure per precision of the site table's list (its value indexes peakPflops); FP8
    // and BF16, the rates training and inference run at, are headline figures.
    for (const EnumChoice& precision : precisionChoices()) {
        const auto p = static_cast<std::size_t>(precision.value);
        KpiDisplay display{"Peak compute, dense " + upper(precision.name),
                           "the chips' published dense rate, all deployed", Q::ComputePflops, 1,
                           p < 2};
        display.absent = "not published"; // never shown as 0
        f.push_back(
            higher(optionalReal("peak_pflops_" + std::string(precision.name), std::move(display),
                                [p](const RunResult& r) { return r.compute.peakPflops[p]; })));
    }
    f.push_back({"binding_constraint",
                 KpiType::Text,
                 false,
                 [](const RunResult& r) {
                     return KpiValue(std::string(constraintName(r.capacity.binding)));
                 },
                 {"Binding constraint", "the limit the site reaches first", Q::Text, 0, true}});
    f.push_back(higher(
        integer("max_ultraservers",
                {"UltraServers possible", "at most, under the binding constraint", Q::Count, 0},
                [](const RunResult& r) { return r.capacity.maxUltraServers; })));
    for (int c = 0; c < kConstraintCount; ++c) {
        const std::string name = constraintName(static_cast<Constraint>(c));
        const auto i = static_cast<std::size_t>(c);
        KpiDisplay headroom{"Headroom, " + words(name),
                            "design-hour IT this constraint still allows", Q::HeadroomMw, 1};
        headroom.absent = "unlimited";
        f.push_back(
            higher(optionalReal("headroom_" + name + "_mw", std::move(headroom),
                                [i](const RunResult& r) { return r.capacity.headroomMw[i]; })));
        KpiDisplay maxIt{"Most IT, " + words(name), "design-hour IT this constraint allows",
                         Q::PowerMw, 1};
        maxIt.absent = "unlimited";
        f.push_back(
            higher(optionalReal("max_it_" + name + "_mw", std::move(maxIt),
                                [i](const RunResult& r) { return r.capacity.maxItMw[i]; })));
    }
    f.push_back(integer("transformers",
                        {"Transformers", "MV transformers, redundancy included", Q::Count, 0},
                        [](const RunResult& r) { return r.plant.transformers; }));
    f.push_back(integer("ups_modules", {"UPS modules", "redundancy included", Q::Count, 0},
                        [](const RunResult& r) { return r.plant.upsModules; }));
    f.push_back(integer("generators", {"Generators", "redundancy included", Q::Count, 0},
                        [](const RunResult& r) { return r.plant.generators; }));
    f.push_back(integer("cooling_units", {"Cooling units", "redundancy included", Q::Count, 0},
                        [](const RunResult& r) { return r.plant.coolingUnits; }));
    f.push_back(
        real("design_hour_facility_mw",
             {"Design-hour facility demand", "facility power in the design hour", Q::PowerMw, 1},
             [](const RunResult& r) { return r.plant.designHourFacilityMw; }));
    f.push_back(higher(real(
        "headroom_mw",
        {"Headroom under it",
         "design-hour IT the binding constraint still allows; over it when below 0", Q::HeadroomMw,
         1, true},
        [](const RunResult& r) {
            return r.capacity.headroomMw[static_cast<std::size_t>(r.capacity.binding)].value_or(
                std::numeric_limits<double>::quiet_NaN());
        })));
    f.push_back({"thermal_climate_zone",
                 KpiType::Integer,
                 false,
                 [](const RunResult& r) {
                     const int zone = thermalClimateZone(r.hourly.dryBulbC);
                     return zone < 0 ? KpiValue() : KpiValue(std::int64_t{zone});
                 },
                 {"Climate zone",
                  "ASHRAE 169 thermal zone of the weather year, from its degree-days "
                  "[ashrae-169-2013]",
                  Q::Count, 0}});
    addWorkloadRows(f);

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
    return f;
}

nlohmann::ordered_json number(double value) {
    // JSON has no NaN or infinity; an undefined ratio (no IT energy) is null.
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json optionalNumber(const OptionalMw& value) {
    return value ? number(*value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json kpiJson(const KpiValue& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        return nullptr;
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return number(*d);
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return *i;
    }
    return std::get<std::string>(value);
}

} // namespace

std::optional<double> monthlyValue(const MonthlyField& field, const MonthlyResults& monthly,
                                   std::size_t month) {
    if (field.ratioToIt && !(monthly.itEnergyMwh[month] > 0.0)) {
        return std::nullopt;
    }
    return (monthly.*field.values)[month];
}

const std::vector<MonthlyField>& monthlyFields() {
    static const std::vector<MonthlyField> fields = {
        {"pue", &MonthlyResults::pue, true},
        {"wue_site_l_per_kwh", &MonthlyResults::wueSiteLPerKwh, true},
        {"wue_source_l_per_kwh", &MonthlyResults::wueSourceLPerKwh, true},
        {"it_energy_mwh", &MonthlyResults::itEnergyMwh},
        {"facility_energy_mwh", &MonthlyResults::facilityEnergyMwh},
        {"mechanical_energy_mwh", &MonthlyResults::mechanicalEnergyMwh},
        {"electrical_loss_mwh", &MonthlyResults::electricalLossMwh},
        {"water_m3", &MonthlyResults::waterM3},
        {"evaporation_m3", &MonthlyResults::evaporationM3},
        {"blowdown_m3", &MonthlyResults::blowdownM3},
        {"drift_m3", &MonthlyResults::driftM3},
        {"humidification_m3", &MonthlyResults::humidificationM3},
        {"water_hours", &MonthlyResults::waterHours},
        {"hours_outside_envelope", &MonthlyResults::hoursOutsideEnvelope},
        {"hours_too_dry", &MonthlyResults::hoursTooDry},
        {"hours_too_humid", &MonthlyResults::hoursTooHumid},
        {"carbon_location_t", &MonthlyResults::carbonLocationT},
        {"carbon_market_t", &MonthlyResults::carbonMarketT},
    };
    return fields;
}

const std::vector<KpiField>& kpiFields() {
    static const std::vector<KpiField> fields = makeFields();
    return fields;
}

const KpiField* findKpiField(std::string_view name) {
    for (const KpiField& field : kpiFields()) {
        if (field.name == name) {
            return &field;
        }
    }
    return nullptr;
}

KpiChange judgeChange(const KpiField& field, double baseline, double value) {
    if (!std::isfinite(baseline) || !std::isfinite(value)) {
        return KpiChange::Unknown;
    }
    if (value == baseline) {
        return KpiChange::Same;
    }
    switch (field.direction) {
    case KpiDirection::LowerIsBetter:
        return value < baseline ? KpiChange::Better : KpiChange::Worse;
    case KpiDirection::HigherIsBetter:
        return value > baseline ? KpiChange::Better : KpiChange::Worse;
    case KpiDirection::Neutral:
        break;
    }
    return KpiChange::Changed;
}

double kpiNumber(const KpiField& field, const RunResult& result) {
    const KpiValue value = field.get(result);
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    return std::numeric_limits<double>::quiet_NaN();
}

std::string displayKpi(const KpiField& field, const RunResult& result, const DisplayUnits& units,
                       const NumberStyle& style, bool withUnit) {
    const KpiDisplay& d = field.display;
    const KpiValue value = field.get(result);
    if (const auto* text = std::get_if<std::string>(&value)) {
        // A model name as a reader says it: "hall_power" -> "Hall power".
        std::string shown = *text;
        for (char& c : shown) {
            c = c == '_' ? ' ' : c;
        }
        if (!shown.empty() && shown[0] >= 'a' && shown[0] <= 'z') {
            shown[0] = static_cast<char>(shown[0] - 'a' + 'A');
        }
        return shown;
    }
    const double number = kpiNumber(field, result);
    if (!std::isfinite(number)) {
        return d.absent;
    }
    return withUnit ? formatQuantity(number, d.kind, d.decimals, units, style)
                    : formatValue(number, d.kind, d.decimals, units, style);
}

std::string formatNumber(double value) {
    if (!std::isfinite(value)) {
        return {};
    }
    char buffer[32];
    const auto end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    return std::string(buffer, end);
}

std::string formatKpi(const KpiValue& value) {
    if (std::holds_alternative<std::monostate>(value)) {
        return {};
    }
    if (const auto* d = std::get_if<double>(&value)) {
        return formatNumber(*d);
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return std::to_string(*i);
    }
    return std::get<std::string>(value);
}

nlohmann::ordered_json summaryJson(const RunResult& result) {
    nlohmann::ordered_json json;
    json["format"] = kSummaryFormat;
    json["headroom_version"] = kVersion;
    json["site"] = result.siteName;
    json["scenario_hash"] = result.scenarioHash;
    json["climate"] = result.climateProvenance;
    for (const auto& field : kpiFields()) {
        if (!field.nestedInJson) {
            json[field.name] = kpiJson(field.get(result));
        }
        if (field.name == "zero_water_month_count") {
            json["zero_water_months"] = result.annual.zeroWaterMonths;
        }
    }
    auto& modes = json["mode_hours"] = nlohmann::ordered_json::object();
    for (int m = 0; m < kCoolingModeCount; ++m) {
        modes[coolingModeName(static_cast<CoolingMode>(m))] =
            result.annual.modeHours[static_cast<std::size_t>(m)];
    }
    auto& pflops = json["peak_pflops"] = nlohmann::ordered_json::object();
    for (const EnumChoice& precision : precisionChoices()) {
        pflops[std::string(precision.name)] =
            optionalNumber(result.compute.peakPflops[static_cast<std::size_t>(precision.value)]);
    }
    auto& headroom = json["headroom"] = nlohmann::ordered_json::object();
    for (int c = 0; c < kConstraintCount; ++c) {
        const auto i = static_cast<std::size_t>(c);
        headroom[constraintName(static_cast<Constraint>(c))] = {
            {"max_it_mw", optionalNumber(result.capacity.maxItMw[i])},
            {"headroom_mw", optionalNumber(result.capacity.headroomMw[i])}};
    }
    // What the site costs: the cost_* rows without their prefix; null without a /cost section.
    auto& cost = json["cost"] = nlohmann::ordered_json(nullptr);
    if (result.cost) {
        for (const KpiField& field : kpiFields()) {
            if (field.name.starts_with("cost_")) {
                cost[field.name.substr(5)] = kpiJson(field.get(result));
            }
        }
    }
    // The embodied and lifecycle carbon: the embodied_carbon_* rows without their prefix.
    auto& embodied = json["embodied_carbon"] = nlohmann::ordered_json(nullptr);
    if (result.embodiedCarbon) {
        for (const KpiField& field : kpiFields()) {
            if (field.name.starts_with("embodied_carbon_")) {
                embodied[field.name.substr(16)] = kpiJson(field.get(result));
            }
        }
    }
    // 24/7 carbon-free energy: the cfe_* rows without their prefix; null without
    // /clean_energy.
    auto& cfe = json["cfe"] = nlohmann::ordered_json(nullptr);
    if (result.cfe) {
        cfe["grid_mix"] = result.cfe->gridMix;
        for (const KpiField& field : kpiFields()) {
            if (field.name.starts_with("cfe_")) {
                cfe[field.name.substr(4)] = kpiJson(field.get(result));
            }
        }
    }
    // Water stress: the water_stress_* rows without their prefix; null without /water_stress.
    auto& stress = json["water_stress"] = nlohmann::ordered_json(nullptr);
    if (result.waterStress) {
        for (const KpiField& field : kpiFields()) {
            if (field.name.starts_with("water_stress_")) {
                stress[field.name.substr(13)] = kpiJson(field.get(result));
            }
        }
    }
    // The monthly arrays the summary carries (a subset of monthly.csv, in the contract's
    // order); ratios to IT energy are null in months without any.
    auto& monthly = json["monthly"] = nlohmann::ordered_json::object();
    for (const char* name :
         {"pue", "wue_site_l_per_kwh", "wue_source_l_per_kwh", "water_m3", "water_hours",
          "hours_outside_envelope", "hours_too_dry", "hours_too_humid", "carbon_location_t",
          "carbon_market_t", "it_energy_mwh", "facility_energy_mwh"}) {
        const auto field = std::find_if(monthlyFields().begin(), monthlyFields().end(),
                                        [&](const MonthlyField& f) { return f.name == name; });
        auto& array = monthly[name] = nlohmann::ordered_json::array();
        for (std::size_t month = 0; month < 12; ++month) {
            const auto value = monthlyValue(*field, result.monthly, month);
            array.push_back(value ? number(*value) : nlohmann::ordered_json(nullptr));
        }
    }
    // The published figures the run compares with (resources/reference_figures.json), as
    // the CLI table, the dashboard and the PDF show them: in the row's SI unit.
    auto& references = json["references"] = nlohmann::ordered_json::array();
    const ReferenceContext context = referenceContext(result);
    for (const KpiField& field : kpiFields()) {
        for (const ReferenceFigure* f : referenceFiguresFor(field.name, context)) {
            references.push_back({{"kpi", f->kpi},
                                  {"label", f->label},
                                  {"value", f->value},
                                  {"low", f->low ? nlohmann::ordered_json(*f->low) : nullptr},
                                  {"high", f->high ? nlohmann::ordered_json(*f->high) : nullptr},
                                  {"note", f->note},
                                  {"source", f->source}});
        }
    }
    // What the run assumed: every default it took, with its value and source, and every
    // figure the site file gave a source for.
    auto& assumptions = json["assumptions"] = nlohmann::ordered_json::array();
    if (result.assumptions) {
        for (const Assumption& a : *result.assumptions) {
            assumptions.push_back({{"pointer", a.pointer},
                                   {"value", a.text},
                                   {"origin", assumptionOriginName(a.origin)},
                                   {"source", a.source}});
        }
    }
    auto& diagnostics = json["diagnostics"] = nlohmann::ordered_json::array();
    for (const auto& d : result.diagnostics.items()) {
        diagnostics.push_back({{"severity", severityName(d.severity)},
                               {"pointer", d.pointer},
                               {"message", d.message}});
    }
    return json;
}

std::string jsonFileText(const nlohmann::ordered_json& document) {
    return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

WriteOutcome JsonSummaryWriter::write(const RunResult& result, const ReportOptions& options) const {
    // The summary stays SI whatever options.units says: its keys carry SI units, and
    // machines reading it must not have to guess.
    return writeTextFiles(options.outDir, {{"summary.json", jsonFileText(summaryJson(result))}});
}

} // namespace headroom::model
