#include "model/report/json_summary.h"

#include "model/core/atomic_file.h"
#include "model/core/version.h"

#include <charconv>
#include <cmath>

namespace headroom::model {
namespace {

KpiField real(std::string name, std::function<double(const RunResult&)> get, bool nested = false) {
    return {std::move(name), KpiType::Real, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); }};
}

/// A ratio to the year's IT energy: no value when there was none (README: null).
KpiField ratio(std::string name, std::function<double(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, false, [get = std::move(get)](const RunResult& r) {
                return r.annual.itEnergyMwh > 0.0 ? KpiValue(get(r)) : KpiValue();
            }};
}

/// A figure that may not exist (a constraint that does not limit, a rate not published).
KpiField optionalReal(std::string name, std::function<OptionalMw(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, true, [get = std::move(get)](const RunResult& r) {
                const OptionalMw value = get(r);
                return value ? KpiValue(*value) : KpiValue();
            }};
}

KpiField integer(std::string name, std::function<std::int64_t(const RunResult&)> get,
                 bool nested = false) {
    return {std::move(name), KpiType::Integer, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); }};
}

const char* const kPrecisions[4] = {"fp8", "bf16", "fp32", "tf32"};

std::vector<KpiField> makeFields() {
    std::vector<KpiField> f;
    f.push_back(ratio("pue", [](const RunResult& r) { return r.annual.pue; }));
    f.push_back(ratio("ppue_cooling", [](const RunResult& r) { return r.annual.ppueCooling; }));
    f.push_back(ratio("ppue_power", [](const RunResult& r) { return r.annual.ppuePower; }));
    f.push_back(
        ratio("wue_site_l_per_kwh", [](const RunResult& r) { return r.annual.wueSiteLPerKwh; }));
    f.push_back(ratio("wue_source_l_per_kwh",
                      [](const RunResult& r) { return r.annual.wueSourceLPerKwh; }));
    f.push_back(ratio("cue_kg_per_kwh", [](const RunResult& r) { return r.annual.cueKgPerKwh; }));
    f.push_back(real("it_energy_mwh", [](const RunResult& r) { return r.annual.itEnergyMwh; }));
    f.push_back(
        real("facility_energy_mwh", [](const RunResult& r) { return r.annual.facilityEnergyMwh; }));
    f.push_back(real("water_m3", [](const RunResult& r) { return r.annual.waterM3; }));
    f.push_back(real("grid_water_m3", [](const RunResult& r) { return r.annual.gridWaterM3; }));
    f.push_back(
        real("carbon_location_t", [](const RunResult& r) { return r.annual.carbonLocationT; }));
    f.push_back(real("carbon_market_t", [](const RunResult& r) { return r.annual.carbonMarketT; }));
    f.push_back(
        real("peak_facility_mw", [](const RunResult& r) { return r.annual.peakFacilityMw; }));
    f.push_back(real("peak_it_mw", [](const RunResult& r) { return r.annual.peakItMw; }));
    f.push_back(
        real("design_hour_it_mw", [](const RunResult& r) { return r.capacity.deployedItMw; }));
    f.push_back(real("it_nameplate_mw", [](const RunResult& r) {
        return (r.compute.itPowerKw + r.compute.networkPowerKw) / 1e3;
    }));
    f.push_back(
        integer("water_free_hours", [](const RunResult& r) { return r.annual.waterFreeHours; }));
    f.push_back(integer("longest_water_free_run_days",
                        [](const RunResult& r) { return r.annual.longestWaterFreeRunDays; }));
    f.push_back(integer("zero_water_month_count", [](const RunResult& r) {
        return static_cast<std::int64_t>(r.annual.zeroWaterMonths.size());
    }));
    f.push_back(integer("hours_outside_envelope",
                        [](const RunResult& r) { return r.annual.hoursOutsideEnvelope; }));
    f.push_back(integer("hours_too_dry", [](const RunResult& r) { return r.annual.hoursTooDry; }));
    f.push_back(
        integer("hours_too_humid", [](const RunResult& r) { return r.annual.hoursTooHumid; }));
    for (int m = 0; m < kCoolingModeCount; ++m) {
        f.push_back(integer(
            std::string("mode_hours_") + coolingModeName(static_cast<CoolingMode>(m)),
            [m](const RunResult& r) { return r.annual.modeHours[static_cast<std::size_t>(m)]; },
            true));
    }
    f.push_back(ratio("mlc_annualized", [](const RunResult& r) { return r.annual.mlcAnnualized; }));
    f.push_back(ratio("elc_annualized", [](const RunResult& r) { return r.annual.elcAnnualized; }));
    f.push_back(integer("chips", [](const RunResult& r) { return r.compute.chips; }));
    f.push_back(integer("servers", [](const RunResult& r) { return r.compute.servers; }));
    f.push_back(integer("ultraservers", [](const RunResult& r) { return r.compute.ultraServers; }));
    f.push_back(integer("racks", [](const RunResult& r) { return r.compute.racks; }));
    f.push_back(integer("rows", [](const RunResult& r) { return r.compute.rows; }));
    f.push_back(integer("halls_used", [](const RunResult& r) { return r.compute.hallsUsed; }));
    f.push_back(integer("fabric_tiers", [](const RunResult& r) { return r.compute.fabricTiers; }));
    f.push_back(integer("transceivers", [](const RunResult& r) { return r.compute.transceivers; }));
    f.push_back(
        real("network_power_kw", [](const RunResult& r) { return r.compute.networkPowerKw; }));
    for (std::size_t p = 0; p < 4; ++p) {
        f.push_back(optionalReal(std::string("peak_pflops_") + kPrecisions[p],
                                 [p](const RunResult& r) { return r.compute.peakPflops[p]; }));
    }
    f.push_back({"binding_constraint", KpiType::Text, false, [](const RunResult& r) {
                     return KpiValue(std::string(constraintName(r.capacity.binding)));
                 }});
    f.push_back(
        integer("max_ultraservers", [](const RunResult& r) { return r.capacity.maxUltraServers; }));
    for (int c = 0; c < kConstraintCount; ++c) {
        const std::string name = constraintName(static_cast<Constraint>(c));
        const auto i = static_cast<std::size_t>(c);
        f.push_back(optionalReal("headroom_" + name + "_mw",
                                 [i](const RunResult& r) { return r.capacity.headroomMw[i]; }));
        f.push_back(optionalReal("max_it_" + name + "_mw",
                                 [i](const RunResult& r) { return r.capacity.maxItMw[i]; }));
    }
    f.push_back(integer("transformers", [](const RunResult& r) { return r.plant.transformers; }));
    f.push_back(integer("ups_modules", [](const RunResult& r) { return r.plant.upsModules; }));
    f.push_back(integer("generators", [](const RunResult& r) { return r.plant.generators; }));
    f.push_back(integer("cooling_units", [](const RunResult& r) { return r.plant.coolingUnits; }));
    f.push_back(real("design_hour_facility_mw",
                     [](const RunResult& r) { return r.plant.designHourFacilityMw; }));
    return f;
}

nlohmann::ordered_json number(double value) {
    // JSON has no NaN or infinity; an undefined ratio (no IT energy) is null.
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json monthlyArray(const Monthly& values) {
    auto array = nlohmann::ordered_json::array();
    for (const double value : values) {
        array.push_back(number(value));
    }
    return array;
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
    for (std::size_t p = 0; p < 4; ++p) {
        pflops[kPrecisions[p]] = optionalNumber(result.compute.peakPflops[p]);
    }
    auto& headroom = json["headroom"] = nlohmann::ordered_json::object();
    for (int c = 0; c < kConstraintCount; ++c) {
        const auto i = static_cast<std::size_t>(c);
        headroom[constraintName(static_cast<Constraint>(c))] = {
            {"max_it_mw", optionalNumber(result.capacity.maxItMw[i])},
            {"headroom_mw", optionalNumber(result.capacity.headroomMw[i])}};
    }
    const auto& m = result.monthly;
    // Ratios to IT energy (the first three monthly fields) are null in months without any.
    auto ratioArray = [&](std::size_t field) {
        auto array = nlohmann::ordered_json::array();
        for (std::size_t month = 0; month < 12; ++month) {
            const auto value = monthlyValue(monthlyFields()[field], m, month);
            array.push_back(value ? number(*value) : nlohmann::ordered_json(nullptr));
        }
        return array;
    };
    json["monthly"] = {
        {"pue", ratioArray(0)},
        {"wue_site_l_per_kwh", ratioArray(1)},
        {"wue_source_l_per_kwh", ratioArray(2)},
        {"water_m3", monthlyArray(m.waterM3)},
        {"water_hours", monthlyArray(m.waterHours)},
        {"hours_outside_envelope", monthlyArray(m.hoursOutsideEnvelope)},
        {"hours_too_dry", monthlyArray(m.hoursTooDry)},
        {"hours_too_humid", monthlyArray(m.hoursTooHumid)},
        {"carbon_location_t", monthlyArray(m.carbonLocationT)},
        {"carbon_market_t", monthlyArray(m.carbonMarketT)},
        {"it_energy_mwh", monthlyArray(m.itEnergyMwh)},
        {"facility_energy_mwh", monthlyArray(m.facilityEnergyMwh)},
    };
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

WriteOutcome JsonSummaryWriter::write(const RunResult& result, const ReportOptions& options) const {
    WriteOutcome outcome;
    std::error_code error;
    std::filesystem::create_directories(options.outDir, error);
    const auto path = options.outDir / "summary.json";
    // The summary stays SI whatever options.units says: its keys carry SI units, and
    // machines reading it must not have to guess.
    if (auto failure = writeFileAtomically(
            path,
            summaryJson(result).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                "\n")) {
        outcome.diagnostics.add(*failure);
        return outcome;
    }
    outcome.files.push_back(path);
    outcome.ok = true;
    return outcome;
}

} // namespace headroom::model
