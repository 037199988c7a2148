// The JSON summary is the machine contract (issue 6): every key it promises, monthly
// arrays of 12, and values equal to the run's.
#include "model/report/json_summary.h"
#include "model/report/report_registry.h"
#include "model/report/synthetic_run_result.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <unistd.h>

namespace headroom::model {
namespace {

TEST(JsonSummary, HasEveryContractKey) {
    const RunResult run = testing::syntheticRunResult();
    const auto json = summaryJson(run);
    for (const char* key : {"site",
                            "scenario_hash",
                            "pue",
                            "wue_site_l_per_kwh",
                            "wue_source_l_per_kwh",
                            "cue_kg_per_kwh",
                            "it_energy_mwh",
                            "facility_energy_mwh",
                            "water_m3",
                            "carbon_location_t",
                            "carbon_market_t",
                            "peak_facility_mw",
                            "zero_water_months",
                            "water_free_hours",
                            "chips",
                            "ultraservers",
                            "racks",
                            "peak_pflops",
                            "binding_constraint",
                            "headroom",
                            "monthly"}) {
        EXPECT_TRUE(json.contains(key)) << key;
    }
    for (const char* key : {"pue", "wue_site_l_per_kwh", "water_m3", "water_hours",
                            "carbon_location_t", "it_energy_mwh"}) {
        ASSERT_TRUE(json["monthly"].contains(key)) << key;
        EXPECT_EQ(json["monthly"][key].size(), 12u) << key;
    }
    EXPECT_EQ(json["format"], kSummaryFormat);
}

TEST(JsonSummary, ValuesAreTheRunsValues) {
    const RunResult run = testing::syntheticRunResult();
    const auto json = nlohmann::json::parse(summaryJson(run).dump());
    EXPECT_EQ(json["site"], run.siteName);
    EXPECT_EQ(json["pue"].get<double>(), run.annual.pue);
    EXPECT_EQ(json["water_m3"].get<double>(), run.annual.waterM3);
    EXPECT_EQ(json["chips"].get<int>(), 6400);
    EXPECT_EQ(json["binding_constraint"], "cooling");
    EXPECT_EQ(json["zero_water_months"].get<std::vector<int>>(), run.annual.zeroWaterMonths);
    EXPECT_EQ(json["peak_pflops"]["fp8"].get<double>(), run.compute.peakPflops[0].value());
    EXPECT_TRUE(json["peak_pflops"]["tf32"].is_null()); // not published: null, not 0
    // The three IT powers (issue 14): the year's peak hour at the stated utilization,
    // design-hour IT (full utilization, rack input) and the nameplate (at the server).
    EXPECT_EQ(json["peak_it_mw"].get<double>(), run.annual.peakItMw);
    EXPECT_EQ(json["design_hour_it_mw"].get<double>(), run.capacity.deployedItMw);
    EXPECT_EQ(json["it_nameplate_mw"].get<double>(),
              (run.compute.itPowerKw + run.compute.networkPowerKw) / 1e3);
    EXPECT_EQ(json["headroom"]["cooling"]["headroom_mw"].get<double>(),
              run.capacity.headroomMw[3].value());
    // A constraint that does not limit (no water supply given) has no maximum: null.
    EXPECT_TRUE(json["headroom"]["water_supply"]["max_it_mw"].is_null());
    EXPECT_TRUE(json["headroom"]["water_supply"]["headroom_mw"].is_null());
    double monthlyWater = 0.0;
    for (const auto& value : json["monthly"]["water_m3"]) {
        monthlyWater += value.get<double>();
    }
    // Tolerance: 12-term sums in another order, 1e-12 relative.
    EXPECT_NEAR(monthlyWater, run.annual.waterM3, 1e-12 * run.annual.waterM3);
    EXPECT_EQ(json["diagnostics"][0]["severity"], "warning");
}

// Issue 14: the hours outside the supply envelope, annual and by month, split into too
// dry and too humid; the synthetic year has its winter hours below -12 degC dew point.
TEST(JsonSummary, HoursOutsideTheEnvelope) {
    const RunResult run = testing::syntheticRunResult();
    ASSERT_GT(run.annual.hoursTooDry, 0);
    const auto json = nlohmann::json::parse(summaryJson(run).dump());
    EXPECT_EQ(json["hours_outside_envelope"].get<int>(), run.annual.hoursOutsideEnvelope);
    EXPECT_EQ(json["hours_too_dry"].get<int>(), run.annual.hoursTooDry);
    EXPECT_EQ(json["hours_too_humid"].get<int>(), run.annual.hoursTooHumid);
    double monthly = 0.0;
    ASSERT_EQ(json["monthly"]["hours_outside_envelope"].size(), 12u);
    for (std::size_t m = 0; m < 12; ++m) {
        monthly += json["monthly"]["hours_outside_envelope"][m].get<double>();
        EXPECT_EQ(json["monthly"]["hours_too_dry"][m].get<double>(), run.monthly.hoursTooDry[m]);
    }
    EXPECT_EQ(monthly, run.annual.hoursOutsideEnvelope);
}

// Issue 14: every assumption of the run, with its value, origin and source, in order.
TEST(JsonSummary, ListsTheRunsAssumptions) {
    RunResult run = testing::syntheticRunResult();
    run.assumptions = std::make_shared<const std::vector<Assumption>>(std::vector<Assumption>{
        {"/grid/carbon_intensity", "0.4155 kg/kWh", "eGRID2023", AssumptionOrigin::File},
        {"/electrical/ups/no_load", "0.4 %", "eco-mode UPS", AssumptionOrigin::Default}});
    const auto json = nlohmann::json::parse(summaryJson(run).dump());
    ASSERT_EQ(json["assumptions"].size(), 2u);
    EXPECT_EQ(json["assumptions"][1], nlohmann::json({{"pointer", "/electrical/ups/no_load"},
                                                      {"value", "0.4 %"},
                                                      {"origin", "default"},
                                                      {"source", "eco-mode UPS"}}));
    EXPECT_EQ(json["assumptions"][0]["origin"], "file");
    // A result without a site (made in code) lists none, as an empty array.
    EXPECT_EQ(summaryJson(RunResult{})["assumptions"].size(), 0u);
}

TEST(JsonSummary, UndefinedRatiosAreNullNotNan) {
    RunResult run; // no IT energy at all: the ratios are 0 in the result, null in the summary
    const auto json = summaryJson(run);
    for (const char* key :
         {"pue", "ppue_cooling", "ppue_power", "wue_site_l_per_kwh", "wue_source_l_per_kwh",
          "cue_kg_per_kwh", "mlc_annualized", "elc_annualized"}) {
        EXPECT_TRUE(json[key].is_null()) << key;
    }
    EXPECT_TRUE(json["monthly"]["pue"][0].is_null());
    // The same in monthly.csv and the store's monthly table, which write monthlyValue().
    for (const auto& field : monthlyFields()) {
        EXPECT_EQ(monthlyValue(field, run.monthly, 6).has_value(), !field.ratioToIt) << field.name;
    }
    run.monthly.itEnergyMwh[6] = 100.0;
    run.monthly.pue[6] = 1.2;
    EXPECT_EQ(monthlyValue(monthlyFields()[0], run.monthly, 6), 1.2);
    EXPECT_EQ(json["it_energy_mwh"].get<double>(), 0.0);
    EXPECT_EQ(formatKpi(KpiValue()), "");
    EXPECT_EQ(formatNumber(std::nan("")), "");
}

TEST(JsonSummary, BytesAreDeterministic) {
    EXPECT_EQ(summaryJson(testing::syntheticRunResult(2.0)).dump(),
              summaryJson(testing::syntheticRunResult(2.0)).dump());
}

TEST(ReportRegistry, ListsTheModelWritersAndAcceptsNewOnes) {
    auto& registry = ReportRegistry::instance();
    ASSERT_NE(registry.find("csv"), nullptr);
    ASSERT_NE(registry.find("json"), nullptr);
    EXPECT_EQ(registry.find("docx"), nullptr);

    struct Fake final : ReportWriter {
        std::string shortName() const override { return "fake"; }
        std::vector<std::string> extensions() const override { return {"fk"}; }
        std::string description() const override { return "fake"; }
        WriteOutcome write(const RunResult&, const ReportOptions&) const override { return {}; }
    };
    ReportRegistry local;
    local.registerWriter(std::make_unique<Fake>());
    local.registerWriter(std::make_unique<JsonSummaryWriter>());
    local.registerWriter(std::make_unique<Fake>()); // replaces, not duplicates
    const auto writers = local.writers();
    ASSERT_EQ(writers.size(), 2u);
    EXPECT_EQ(writers[0]->shortName(), "fake"); // sorted by name
    EXPECT_EQ(writers[1]->shortName(), "json");
}

TEST(ReportRegistry, JsonWriterWritesSummaryJson) {
    const auto dir =
        std::filesystem::temp_directory_path() / ("headroom-json-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    const RunResult run = testing::syntheticRunResult();
    const auto outcome = ReportRegistry::instance().find("json")->write(
        run, {dir, UnitSystem::SI, "a4", std::nullopt});
    ASSERT_TRUE(outcome.ok);
    std::ifstream in(dir / "summary.json");
    const auto json = nlohmann::json::parse(in);
    EXPECT_EQ(json["scenario_hash"], run.scenarioHash);
    std::filesystem::remove_all(dir);
}

// Issue 16: the published figures the run compares with travel in the summary, cited.
TEST(JsonSummary, ListsThePublishedFiguresTheRunComparesWith) {
    RunResult run;
    run.hourly.dryBulbC.assign(8760, 8.0); // HDD18 = 3650: ASHRAE 169 zone 5
    const auto json = summaryJson(run);
    EXPECT_EQ(json["thermal_climate_zone"], 5);
    ASSERT_GE(json["references"].size(), 2u);
    // Without a site: the AWS fleet, and LBNL's national median (no design to match).
    EXPECT_EQ(json["references"][0],
              nlohmann::ordered_json({{"kpi", "pue"},
                                      {"label", "AWS fleet"},
                                      {"value", 1.15},
                                      {"low", nullptr},
                                      {"high", nullptr},
                                      {"note", "2024"},
                                      {"source", "[O] [amazon-2024-sustainability]"}}));
    EXPECT_EQ(json["references"][1]["label"], "LBNL 2024 AI-specialized median");
    EXPECT_TRUE(summaryJson(RunResult{})["thermal_climate_zone"].is_null());
}

// Issue 18: compare colours a change and the batch explorer finds a front by which way each
// figure improves, read from the result table's row and nowhere else.
TEST(KpiDirection, ResourceUseIsBetterLowerCapacityHigherPlantNeutral) {
    const auto direction = [](const char* name) {
        const KpiField* field = findKpiField(name);
        EXPECT_NE(field, nullptr) << name;
        return field ? field->direction : KpiDirection::Neutral;
    };
    for (const char* name : {"pue", "wue_site_l_per_kwh", "water_m3", "carbon_location_t",
                             "hours_outside_envelope", "training_days", "cost_tco_per_year_usd"}) {
        EXPECT_EQ(direction(name), KpiDirection::LowerIsBetter) << name;
    }
    for (const char* name : {"water_free_hours", "zero_water_month_count", "ultraservers",
                             "headroom_mw", "peak_pflops_fp8", "tokens_per_kwh"}) {
        EXPECT_EQ(direction(name), KpiDirection::HigherIsBetter) << name;
    }
    for (const char* name : {"racks", "transformers", "it_energy_mwh", "thermal_climate_zone",
                             "binding_constraint", "training_season_carbon_t"}) {
        EXPECT_EQ(direction(name), KpiDirection::Neutral) << name;
    }
    // Families of rows: every headroom more is better, every intensity per IT kWh less.
    for (const KpiField& field : kpiFields()) {
        const std::string& n = field.name;
        if (n.rfind("headroom_", 0) == 0 || n.rfind("max_it_", 0) == 0) {
            EXPECT_EQ(field.direction, KpiDirection::HigherIsBetter) << n;
        }
        if (n.size() > 7 && n.compare(n.size() - 7, 7, "per_kwh") == 0 &&
            n.rfind("tokens", 0) != 0) {
            EXPECT_EQ(field.direction, KpiDirection::LowerIsBetter) << n;
        }
    }
}

TEST(KpiDirection, AChangeIsJudgedByItsRowsDirection) {
    const KpiField& pue = *findKpiField("pue");
    EXPECT_EQ(judgeChange(pue, 1.20, 1.10), KpiChange::Better);
    EXPECT_EQ(judgeChange(pue, 1.10, 1.20), KpiChange::Worse);
    EXPECT_EQ(judgeChange(pue, 1.10, 1.10), KpiChange::Same);
    EXPECT_EQ(judgeChange(pue, std::nan(""), 1.10), KpiChange::Unknown);
    const KpiField& waterFree = *findKpiField("water_free_hours");
    EXPECT_EQ(judgeChange(waterFree, 100, 200), KpiChange::Better);
    EXPECT_EQ(judgeChange(waterFree, 200, 100), KpiChange::Worse);
    EXPECT_EQ(judgeChange(*findKpiField("racks"), 10, 12), KpiChange::Changed);
}

} // namespace
} // namespace headroom::model
