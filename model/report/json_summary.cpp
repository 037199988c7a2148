#include "model/report/json_summary.h"

#include "model/climate/climate_zone.h"
#include "model/core/version.h"
#include "model/report/kpi_rows.h"
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
using namespace kpi_rows;

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
    addCostAndCarbonRows(f);
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
