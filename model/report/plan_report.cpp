#include "model/report/plan_report.h"

#include "model/core/version.h"
#include "model/report/csv_writer.h"
#include "model/site/site_fields.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>

namespace headroom::model {
namespace {

using Q = FigureKind;

double sum(const PlanResult& plan, double AnnualResults::*value) {
    double total = 0.0;
    for (const PlanYearResult& year : plan.years) {
        total += year.result.annual.*value;
    }
    return total;
}

/// The sum over the years of a figure of an optional layer (cost, embodied carbon); NaN
/// (null) when no year has the layer (the site has no /cost section).
template <class Layer>
double sumOfLayer(const PlanResult& plan, std::optional<Layer> RunResult::*layer,
                  const std::function<double(const Layer&)>& value) {
    double total = 0.0;
    bool any = false;
    for (const PlanYearResult& year : plan.years) {
        if (const std::optional<Layer>& present = year.result.*layer) {
            total += value(*present);
            any = true;
        }
    }
    return any ? total : std::numeric_limits<double>::quiet_NaN();
}

/// A ratio of two horizon sums; NaN (null) when the horizon ran no IT.
double ratio(double numerator, double itEnergyMwh) {
    return itEnergyMwh > 0.0 ? numerator / itEnergyMwh : std::numeric_limits<double>::quiet_NaN();
}

std::vector<PlanHorizonField> makeHorizonFields() {
    std::vector<PlanHorizonField> f;
    const auto total = [&f](const char* name, KpiDisplay display, double AnnualResults::*value) {
        f.push_back({name, std::move(display),
                     [value](const PlanResult& plan) { return sum(plan, value); }});
    };
    // The ratios are of the horizon's sums (ISO/IEC 30134-2, -8, -9 over a longer period),
    // not means of the yearly ratios: a year with more IT weighs more.
    f.push_back({"pue",
                 {"PUE, horizon", "facility energy / IT energy over every year", Q::Ratio, 3},
                 [](const PlanResult& p) {
                     return ratio(sum(p, &AnnualResults::facilityEnergyMwh),
                                  sum(p, &AnnualResults::itEnergyMwh));
                 }});
    f.push_back(
        {"wue_site_l_per_kwh",
         {"WUE, site, horizon", "site water / IT energy over every year", Q::WaterIntensity, 3},
         [](const PlanResult& p) {
             // m3 / MWh = L / kWh
             return ratio(sum(p, &AnnualResults::waterM3), sum(p, &AnnualResults::itEnergyMwh));
         }});
    f.push_back({"cue_kg_per_kwh",
                 {"CUE, horizon", "location-based carbon / IT energy over every year",
                  Q::CarbonIntensity, 3},
                 [](const PlanResult& p) {
                     // t / MWh = kg / kWh
                     return ratio(sum(p, &AnnualResults::carbonLocationT),
                                  sum(p, &AnnualResults::itEnergyMwh));
                 }});
    total("it_energy_mwh", {"IT energy, horizon", "every year's IT energy", Q::EnergyMwh, 0},
          &AnnualResults::itEnergyMwh);
    total("facility_energy_mwh",
          {"Facility energy, horizon", "every year's energy at the utility meter", Q::EnergyMwh, 0},
          &AnnualResults::facilityEnergyMwh);
    total("water_m3", {"Site water, horizon", "every year's site water", Q::WaterVolume, 0},
          &AnnualResults::waterM3);
    total("grid_water_m3",
          {"Grid water, horizon", "every year's water of generation (EWIF)", Q::WaterVolume, 0},
          &AnnualResults::gridWaterM3);
    total("carbon_location_t",
          {"Carbon, location-based, horizon", "every year's grid carbon, hour by hour",
           Q::CarbonMass, 0},
          &AnnualResults::carbonLocationT);
    total("carbon_market_t",
          {"Carbon, market-based, horizon", "every year's carbon after contracted renewables",
           Q::CarbonMass, 0},
          &AnnualResults::carbonMarketT);
    // Cost and embodied carbon as each year carries them: capital annualized over its
    // service life (a refresh pays for its new hardware in the years it serves) plus the
    // year's operating cost, and embodied carbon amortized the same way (model/cost).
    const auto costTotal = [&f](const char* name, KpiDisplay display,
                                std::function<double(const CostResult&)> value) {
        display.absent = "no /cost section";
        f.push_back({name, std::move(display), [value](const PlanResult& plan) {
                         return sumOfLayer(plan, &RunResult::cost, value);
                     }});
    };
    const auto embodiedTotal = [&f](const char* name, KpiDisplay display,
                                    std::function<double(const EmbodiedCarbonResult&)> value) {
        display.absent = "no /cost section";
        f.push_back({name, std::move(display), [value](const PlanResult& plan) {
                         return sumOfLayer(plan, &RunResult::embodiedCarbon, value);
                     }});
    };
    costTotal("tco_usd",
              {"Cost, horizon", "every year's annualized capital and operating cost", Q::Money, 0},
              [](const CostResult& c) { return c.tcoPerYearUsd; });
    costTotal(
        "opex_usd",
        {"Operating cost, horizon", "every year's energy, water and maintenance", Q::Money, 0},
        [](const CostResult& c) { return c.opexUsd; });
    embodiedTotal("embodied_carbon_t",
                  {"Embodied carbon, horizon",
                   "every year's share of what was built, amortized over its service life",
                   Q::CarbonMass, 0},
                  [](const EmbodiedCarbonResult& e) { return e.perYearT; });
    embodiedTotal("lifecycle_carbon_t",
                  {"Lifecycle carbon, horizon",
                   "embodied share + location-based carbon, every year", Q::CarbonMass, 0},
                  [](const EmbodiedCarbonResult& e) { return e.lifecycleT; });
    f.push_back({"peak_facility_mw",
                 {"Peak facility power, horizon", "the highest hour of any year", Q::PowerMw, 1},
                 [](const PlanResult& p) {
                     double peak = 0.0;
                     for (const PlanYearResult& year : p.years) {
                         peak = std::max(peak, year.result.annual.peakFacilityMw);
                     }
                     return peak;
                 }});
    f.push_back(
        {"zero_water_month_count",
         {"Zero-water months, horizon", "months of every year that used no water", Q::Count, 0},
         [](const PlanResult& p) {
             double months = 0.0;
             for (const PlanYearResult& year : p.years) {
                 months += static_cast<double>(year.result.annual.zeroWaterMonths.size());
             }
             return months;
         }});
    return f;
}

nlohmann::ordered_json number(double value) {
    return std::isfinite(value) ? nlohmann::ordered_json(value) : nlohmann::ordered_json(nullptr);
}

nlohmann::ordered_json kpiJson(const KpiValue& value) {
    if (const auto* d = std::get_if<double>(&value)) {
        return number(*d);
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return *i;
    }
    if (const auto* s = std::get_if<std::string>(&value)) {
        return *s;
    }
    return nullptr;
}

/// "1 2 3 11 12": a year's zero-water months in one CSV field.
std::string monthList(const std::vector<int>& months) {
    std::string text;
    for (const int month : months) {
        text += (text.empty() ? "" : " ") + std::to_string(month);
    }
    return text;
}

const PlanGeneration* generationOf(const PlanYearResult& year, const std::string& platform) {
    const auto it = std::find_if(year.generations.begin(), year.generations.end(),
                                 [&](const PlanGeneration& g) { return g.platformId == platform; });
    return it == year.generations.end() ? nullptr : &*it;
}

/// {"figure": value, ...} of one quantile of a year's or the horizon's bands.
nlohmann::ordered_json bandObject(const std::vector<std::string>& figures,
                                  const std::vector<PlanBand>& bands, double PlanBand::*which) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t f = 0; f < figures.size() && f < bands.size(); ++f) {
        object[figures[f]] = number(bands[f].*which);
    }
    return object;
}

nlohmann::ordered_json figureObject(const std::vector<std::string>& figures,
                                    const std::vector<double>& values) {
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    for (std::size_t f = 0; f < figures.size() && f < values.size(); ++f) {
        object[figures[f]] = number(values[f]);
    }
    return object;
}

nlohmann::ordered_json uncertaintyJson(const PlanUncertaintyResult& u) {
    nlohmann::ordered_json json;
    json["seed"] = u.seed;
    json["draws"] = u.draws;
    json["warming_step"] = u.warmingStep; // each draw's warming scale rounded to it (0: not)
    json["quantiles"] = "Hyndman and Fan (1996) definition 7 [hyndman-fan-1996-quantiles]";
    // What the draws assumed, as the JSON summary lists a run's assumptions.
    nlohmann::ordered_json assumptions = nlohmann::ordered_json::array();
    for (const Assumption& a : u.assumptions) {
        assumptions.push_back({{"pointer", a.pointer},
                               {"value", a.text},
                               {"origin", assumptionOriginName(a.origin)},
                               {"source", a.source}});
    }
    json["assumptions"] = std::move(assumptions);
    // Built apart and then moved in: a reference into an ordered_json object moves when a
    // later key is added.
    nlohmann::ordered_json inputs = nlohmann::ordered_json::array();
    nlohmann::ordered_json tornado = nlohmann::ordered_json::array();
    for (const PlanTornadoInput& bar : u.tornado) {
        const PlanUncertainInput& d = bar.declared;
        nlohmann::ordered_json input;
        input["input"] = planInputName(d.input);
        input["distribution"] = std::string(choiceName("/plan/uncertainty/inputs/*/distribution",
                                                       static_cast<int>(d.distribution)));
        const std::pair<const char*, const std::optional<double>*> figures[] = {
            {"min", &d.min}, {"mode", &d.mode}, {"max", &d.max}, {"mean", &d.mean}, {"sd", &d.sd}};
        for (const auto& [name, value] : figures) {
            if (*value) {
                input[name] = **value;
            }
        }
        inputs.push_back(std::move(input));
        nlohmann::ordered_json entry;
        entry["input"] = planInputName(d.input);
        entry["low"] = bar.low;
        entry["high"] = bar.high;
        entry["at_low"] = figureObject(u.horizonFigures, bar.atLow);
        entry["at_high"] = figureObject(u.horizonFigures, bar.atHigh);
        tornado.push_back(std::move(entry));
    }
    json["inputs"] = std::move(inputs);
    json["tornado"] = std::move(tornado);
    nlohmann::ordered_json horizon;
    horizon["p10"] = bandObject(u.horizonFigures, u.horizon, &PlanBand::p10);
    horizon["p50"] = bandObject(u.horizonFigures, u.horizon, &PlanBand::p50);
    horizon["p90"] = bandObject(u.horizonFigures, u.horizon, &PlanBand::p90);
    json["horizon"] = std::move(horizon);
    return json;
}

} // namespace

std::string planInputName(PlanInput input) {
    return std::string(choiceName("/plan/uncertainty/inputs/*/input", static_cast<int>(input)));
}

const std::vector<PlanHorizonField>& planHorizonFields() {
    static const std::vector<PlanHorizonField> fields = makeHorizonFields();
    return fields;
}

std::vector<std::string> planPlatforms(const PlanResult& plan) {
    std::vector<std::string> platforms;
    for (const PlanYearResult& year : plan.years) {
        for (const PlanGeneration& g : year.generations) {
            if (std::find(platforms.begin(), platforms.end(), g.platformId) == platforms.end()) {
                platforms.push_back(g.platformId);
            }
        }
    }
    return platforms;
}

std::vector<int> monthsNoLongerWaterFree(const PlanResult& plan, std::size_t i) {
    std::vector<int> lost;
    if (i == 0 || i >= plan.years.size()) {
        return lost;
    }
    const AnnualResults& before = plan.years[i - 1].result.annual;
    const AnnualResults& now = plan.years[i].result.annual;
    if (!(before.itEnergyMwh > 0.0) || !(now.itEnergyMwh > 0.0)) {
        return lost;
    }
    for (const int month : before.zeroWaterMonths) {
        if (std::find(now.zeroWaterMonths.begin(), now.zeroWaterMonths.end(), month) ==
            now.zeroWaterMonths.end()) {
            lost.push_back(month);
        }
    }
    return lost;
}

nlohmann::ordered_json planJson(const PlanResult& plan) {
    nlohmann::ordered_json json;
    json["format"] = kPlanFormat;
    json["headroom_version"] = kVersion;
    json["site"] = plan.siteName;
    json["scenario_hash"] = plan.scenarioHash;
    json["first_year"] = plan.firstYear;
    json["last_year"] = plan.lastYear;
    auto& horizon = json["horizon"] = nlohmann::ordered_json::object();
    for (const PlanHorizonField& field : planHorizonFields()) {
        const double value = field.get(plan);
        horizon[field.name] = field.display.kind == Q::Count
                                  ? nlohmann::ordered_json(static_cast<std::int64_t>(value))
                                  : number(value);
    }
    auto& years = json["years"] = nlohmann::ordered_json::array();
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const PlanYearResult& year = plan.years[i];
        nlohmann::ordered_json entry;
        entry["year"] = year.year;
        entry["mean_warming_k"] = year.meanWarmingK;
        auto& generations = entry["generations"] = nlohmann::ordered_json::array();
        for (const PlanGeneration& g : year.generations) {
            generations.push_back({{"platform", g.platformId},
                                   {"chip", g.chipId},
                                   {"buildings", g.buildings},
                                   {"halls", g.halls},
                                   {"ultraservers", g.ultraServers},
                                   {"chips", g.chips},
                                   {"design_hour_it_mw", g.deployedItMw}});
        }
        // The keys of the JSON summary, from the same rows: a year reads as a single run.
        for (const KpiField& field : kpiFields()) {
            if (!field.nestedInJson) {
                entry[field.name] = kpiJson(field.get(year.result));
            }
            if (field.name == "zero_water_month_count") {
                // Months whose hours used no water, from the year's hourly series (kpis.cpp).
                entry["zero_water_months"] = year.result.annual.zeroWaterMonths;
                entry["no_longer_water_free"] = monthsNoLongerWaterFree(plan, i);
            }
        }
        auto& water = entry["monthly_water_m3"] = nlohmann::ordered_json::array();
        for (const double m3 : year.result.monthly.waterM3) {
            water.push_back(number(m3));
        }
        if (plan.uncertainty && i < plan.uncertainty->years.size()) {
            const PlanUncertaintyResult& u = *plan.uncertainty;
            entry["p10"] = bandObject(u.yearFigures, u.years[i], &PlanBand::p10);
            entry["p50"] = bandObject(u.yearFigures, u.years[i], &PlanBand::p50);
            entry["p90"] = bandObject(u.yearFigures, u.years[i], &PlanBand::p90);
        }
        years.push_back(std::move(entry));
    }
    if (plan.uncertainty) {
        json["uncertainty"] = uncertaintyJson(*plan.uncertainty);
    }
    return json;
}

std::string uncertaintyCsv(const PlanResult& plan) {
    const PlanUncertaintyResult& u = *plan.uncertainty;
    std::vector<std::string> header = {"year"};
    for (const std::string& figure : u.yearFigures) {
        for (const char* q : {"_p10", "_p50", "_p90"}) {
            header.push_back(figure + q);
        }
    }
    std::string text = csvRow(header);
    for (std::size_t i = 0; i < u.years.size() && i < plan.years.size(); ++i) {
        std::vector<std::string> row = {std::to_string(plan.years[i].year)};
        for (const PlanBand& band : u.years[i]) {
            for (const double value : {band.p10, band.p50, band.p90}) {
                row.push_back(std::isfinite(value) ? formatNumber(value) : "");
            }
        }
        text += csvRow(row);
    }
    return text;
}

std::string tornadoCsv(const PlanResult& plan) {
    const PlanUncertaintyResult& u = *plan.uncertainty;
    std::vector<std::string> header = {"input", "low", "high"};
    for (const std::string& figure : u.horizonFigures) {
        header.push_back(figure + "_at_low");
        header.push_back(figure + "_at_high");
    }
    std::string text = csvRow(header);
    for (const PlanTornadoInput& bar : u.tornado) {
        std::vector<std::string> row = {planInputName(bar.declared.input), formatNumber(bar.low),
                                        formatNumber(bar.high)};
        for (std::size_t f = 0; f < u.horizonFigures.size(); ++f) {
            for (const double value : {bar.atLow[f], bar.atHigh[f]}) {
                row.push_back(std::isfinite(value) ? formatNumber(value) : "");
            }
        }
        text += csvRow(row);
    }
    return text;
}

std::string yearsCsv(const PlanResult& plan) {
    const std::vector<std::string> platforms = planPlatforms(plan);
    std::vector<std::string> header = {"year", "mean_warming_k"};
    for (const std::string& p : platforms) {
        for (const char* column :
             {"buildings_", "halls_", "ultraservers_", "chips_", "design_hour_it_mw_"}) {
            header.push_back(column + p);
        }
    }
    header.push_back("zero_water_months");
    header.push_back("no_longer_water_free");
    // summary.csv's columns after its site and scenario hash, which every year shares.
    const std::vector<std::string> summary = summaryCsvHeader(UnitSystem::SI);
    header.insert(header.end(), summary.begin() + 2, summary.end());
    std::string text = csvRow(header);
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const PlanYearResult& year = plan.years[i];
        std::vector<std::string> row = {std::to_string(year.year), formatNumber(year.meanWarmingK)};
        for (const std::string& p : platforms) {
            const PlanGeneration* g = generationOf(year, p);
            row.push_back(g ? std::to_string(g->buildings) : "0");
            row.push_back(g ? std::to_string(g->halls) : "0");
            row.push_back(g ? std::to_string(g->ultraServers) : "0");
            row.push_back(g ? std::to_string(g->chips) : "0");
            row.push_back(g ? formatNumber(g->deployedItMw) : "0");
        }
        row.push_back(monthList(year.result.annual.zeroWaterMonths));
        row.push_back(monthList(monthsNoLongerWaterFree(plan, i)));
        const std::vector<std::string> values = summaryCsvValues(year.result, UnitSystem::SI);
        row.insert(row.end(), values.begin() + 2, values.end());
        text += csvRow(row);
    }
    return text;
}

WriteOutcome writePlanFiles(const PlanResult& plan, const std::vector<std::string>& formats,
                            const std::filesystem::path& folder) {
    const auto wants = [&](const char* format) {
        return formats.empty() ||
               std::find(formats.begin(), formats.end(), format) != formats.end();
    };
    std::vector<std::pair<std::string, std::string>> files;
    if (wants("json")) {
        files.emplace_back("plan.json", jsonFileText(planJson(plan)));
    }
    if (wants("csv")) {
        files.emplace_back("years.csv", yearsCsv(plan));
        if (plan.uncertainty) {
            files.emplace_back("uncertainty.csv", uncertaintyCsv(plan));
            files.emplace_back("tornado.csv", tornadoCsv(plan));
        }
    }
    return writeTextFiles(folder, files);
}

} // namespace headroom::model
