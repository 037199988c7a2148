// runPlan on the Indiana build-out sample (sample_sites/st-joseph-county-in-plan.json) and
// on variants of its document: a one-phase plan that changes nothing is the single-year
// run, warming raises water, a falling grid lowers CUE, a refresh to Trn3 lowers the
// energy per unit of compute, and bad plans are refused at the member to blame.
#include "model/plan/plan.h"

#include "model/plan/plan_test_site.h"
#include "model/report/plan_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <optional>

namespace {

using namespace headroom::model;
namespace fs = std::filesystem;

const fs::path& kSamples = headroom::model::testing::kPlanSamples;

const nlohmann::json& planDocument() {
    // Without its uncertainty (plan_uncertainty_test's subject): these variants change the
    // grid and the climate its inputs scale.
    static const nlohmann::json document = [] {
        nlohmann::json d =
            nlohmann::json::parse(std::ifstream(kSamples / "st-joseph-county-in-plan.json"));
        d["plan"].erase("uncertainty");
        return d;
    }();
    return document;
}

SiteLoad load(const nlohmann::json& document) {
    return headroom::model::testing::loadPlanSite(document);
}

Site site(const nlohmann::json& document) {
    return headroom::model::testing::planSite(document);
}

PlanResult run(const Site& s) {
    Feedback feedback;
    return runPlan(Scenario{s, "test"}, feedback);
}

/// A phase of `buildings` buildings from firstBuilding, their halls from firstHall on (all
/// of them unless halls is given).
nlohmann::json phase(int year, int firstBuilding, int buildings, const char* platform,
                     int firstHall = 1, std::optional<int> halls = std::nullopt) {
    nlohmann::json p = {{"year", year},
                        {"first_building", firstBuilding},
                        {"buildings", buildings},
                        {"first_hall", firstHall},
                        {"platform", platform}};
    if (halls) {
        p["halls"] = *halls;
    }
    return p;
}

constexpr const char* kTrn2 = "trn2-ultraserver";
constexpr const char* kTrn3 = "trn3-ultraserver";

/// The sample's plan with its phases replaced, on the present weather (the phases' subject).
nlohmann::json withPhases(nlohmann::json phases) {
    nlohmann::json doc = planDocument();
    doc["plan"].erase("climate");
    doc["plan"]["phases"] = std::move(phases);
    return doc;
}

/// The first error's pointer and message, for the bad-input tests.
std::string firstError(const nlohmann::json& document) {
    const SiteLoad loaded = load(document);
    EXPECT_FALSE(loaded.site);
    for (const auto& d : loaded.diagnostics.items()) {
        if (d.severity == Severity::Error) {
            return d.pointer + ": " + d.message;
        }
    }
    return "no error";
}

TEST(Plan, OnePhaseWithoutChangeIsTheSingleYearRun) {
    nlohmann::json doc = planDocument();
    doc["plan"] = {{"first_year", 2025},
                   {"last_year", 2025},
                   {"phases",
                    {{{"year", 2025},
                      {"first_building", 1},
                      {"buildings", 30},
                      {"platform", "trn2-ultraserver"}}}}};
    const Site s = site(doc);
    const PlanResult plan = run(s);
    ASSERT_EQ(plan.years.size(), 1u);
    Site single = s;
    single.plan.reset();
    Feedback feedback;
    const RunResult one = simulate(Scenario{single, "test"}, feedback);
    const RunResult& year = plan.years[0].result;
    // Exactly the same figures: the plan year is the same simulation.
    EXPECT_EQ(year.annual.facilityEnergyMwh, one.annual.facilityEnergyMwh);
    EXPECT_EQ(year.annual.waterM3, one.annual.waterM3);
    EXPECT_EQ(year.annual.carbonLocationT, one.annual.carbonLocationT);
    EXPECT_EQ(year.annual.pue, one.annual.pue);
    EXPECT_EQ(year.annual.peakFacilityMw, one.annual.peakFacilityMw);
    EXPECT_EQ(year.compute.ultraServers, one.compute.ultraServers);
    EXPECT_EQ(year.monthly.waterM3, one.monthly.waterM3);
    EXPECT_EQ(year.hourly.facilityPowerKw, one.hourly.facilityPowerKw);
}

TEST(Plan, TheSampleBuildsOutRefreshesAndWarms) {
    const PlanResult plan = run(site(planDocument()));
    ASSERT_EQ(plan.years.size(), 15u);
    EXPECT_EQ(plan.years.front().year, 2025);
    // 7 buildings in 2025 [cnbc-2025-rainier], all 30 from 2029.
    EXPECT_EQ(plan.years[0].result.compute.buildingsUsed, 7);
    EXPECT_EQ(plan.years[4].result.compute.buildingsUsed, 30);
    // 2030: the 2025 phase's Trn2 reach their five-year life and become Trn3.
    ASSERT_EQ(plan.years[4].generations.size(), 2u); // 2029: Trn2 and Trn3
    for (const auto& g : plan.years[5].generations) {
        EXPECT_TRUE(g.platformId == "trn3-ultraserver" || g.buildings == 11) << g.platformId;
    }
    // Warming of 2.8 K at 2050 from a 2005 baseline, linear: 2039 is 2.8 * 34/45 K.
    EXPECT_NEAR(plan.years.back().meanWarmingK, 2.8 * 34.0 / 45.0, 1e-12);
    // Every year within the interconnect (fill keeps each building's share).
    for (const auto& y : plan.years) {
        EXPECT_LE(y.result.annual.peakFacilityMw, 2200.0 + 1e-6) << y.year;
    }
}

// A plan's weather made on three threads is the one made on one, year by year, in its
// years' order: each its own climate object, so neither comes from the other's caches.
// Five years of the sample (2025-2029, its last phase's year). Exact.
TEST(Plan, TheWeatherMadeOnThreadsIsTheSameYearByYear) {
    nlohmann::json doc = planDocument();
    doc["plan"]["last_year"] = 2029;
    const Site s = site(doc);
    Site other = s;
    other.climate = std::make_shared<const Climate>(*s.climate);
    const PlanWeather one = planWeather(s, 1);
    const PlanWeather three = planWeather(other, 3);
    ASSERT_EQ(one.years.size(), 5u);
    ASSERT_EQ(three.years.size(), one.years.size());
    for (std::size_t i = 0; i < one.years.size(); ++i) {
        const PlanWeather::Year& a = one.years[i];
        const PlanWeather::Year& b = three.years[i];
        EXPECT_EQ(a.meanWarmingK, b.meanWarmingK) << i;
        EXPECT_EQ(a.climate->dryBulbC, b.climate->dryBulbC) << i;
        EXPECT_EQ(a.climate->dewPointC, b.climate->dewPointC) << i;
        EXPECT_EQ(a.outdoor->wetBulbC, b.outdoor->wetBulbC) << i;
        EXPECT_EQ(a.cambiumKgPerKwh, b.cambiumKgPerKwh) << i;
    }
    EXPECT_NE(one.years[1].meanWarmingK, one.years[0].meanWarmingK); // the years differ
    EXPECT_EQ(one.firstYearCambiumKgPerKwh, three.firstYearCambiumKgPerKwh);
}

TEST(Plan, WaterRisesInWarmerYearsAndOctoberNeedsWater) {
    // The same campus every year (all 30 buildings of Trn2 from the 2005 baseline, no
    // refresh), so only the weather changes: the NCA5 Midwest +2.8 K at 2050
    // [usgcrp-2023-nca5].
    nlohmann::json doc = planDocument();
    auto& plan = doc["plan"];
    plan["phases"] = {{{"year", 2005},
                       {"first_building", 1},
                       {"buildings", 30},
                       {"platform", "trn2-ultraserver"}}};
    plan.erase("refresh");
    plan["first_year"] = 2005;
    plan["last_year"] = 2050;
    plan["grid"] = {{"carbon_intensity", {{{"year", 2005}, {"value", "0.4 kg/kWh"}}}}};
    const PlanResult result = run(site(doc));
    ASSERT_EQ(result.years.size(), 46u);
    const auto& first = result.years.front().result;
    const auto& last = result.years.back().result;
    EXPECT_GT(last.annual.waterM3, first.annual.waterM3 * 1.05);
    for (std::size_t i = 5; i < result.years.size(); i += 5) {
        EXPECT_GT(result.years[i].result.annual.waterM3, result.years[i - 5].result.annual.waterM3)
            << result.years[i].year;
    }
    // October: no cooling water in the present-day year (as Amazon reports for the site,
    // October-March [amazon-2025-rainier]); at the 2050 warming of +2.8 K it needs some.
    EXPECT_EQ(first.monthly.waterM3[9], 0.0);
    EXPECT_GT(last.monthly.waterM3[9], 0.0);
}

TEST(Plan, AFallingGridLowersCueYearByYear) {
    const PlanResult plan = run(site(planDocument()));
    // Cambium RFCWc's marginal rates fall from 2024 to 2040 [nrel-cambium-lrmer].
    for (std::size_t i = 1; i < plan.years.size(); ++i) {
        EXPECT_LT(plan.years[i].result.annual.cueKgPerKwh,
                  plan.years[i - 1].result.annual.cueKgPerKwh)
            << plan.years[i].year;
    }
}

/// The whole campus of Trn2 from 2025 to lastYear, with no refresh and the site's own
/// utilization: the same campus and weather every year, so only the grid moves a figure.
nlohmann::json sameCampusFrom2025To(int lastYear) {
    nlohmann::json doc = withPhases({phase(2025, 1, 30, kTrn2)});
    doc["plan"].erase("refresh");
    doc["plan"].erase("utilization");
    doc["plan"]["last_year"] = lastYear;
    return doc;
}

// A grid without a bundled projection: the site's own hourly carbon falls 3 % a year,
// compounded. The same campus and weather every year, so each year's CUE is the first's
// times 0.97^n; a draw scaling the change by k moves it to 1 + k (0.97^n - 1).
TEST(Plan, AYearlyChangeScalesTheSitesOwnCarbon) {
    nlohmann::json doc = sameCampusFrom2025To(2030);
    doc["plan"]["grid"] = {{"annual_change", "-3 %"}};
    Site s = site(doc);
    const PlanResult asWritten = run(s);
    s.plan->gridChangeScale = 2.0;
    const PlanResult doubled = run(s);
    ASSERT_EQ(asWritten.years.size(), 6u);
    // Beside the sample's Cambium projection, the change is said to be ignored.
    nlohmann::json both = planDocument();
    both["plan"]["grid"]["annual_change"] = "-3 %";
    const SiteLoad withCambium = load(both);
    ASSERT_TRUE(withCambium.site);
    const auto said =
        std::find_if(withCambium.diagnostics.items().begin(), withCambium.diagnostics.items().end(),
                     [](const Diagnostic& d) { return d.pointer == "/plan/grid/annual_change"; });
    ASSERT_NE(said, withCambium.diagnostics.items().end());
    EXPECT_EQ(said->severity, Severity::Warning);
    EXPECT_EQ(said->message, "the Cambium projection (/plan/grid/cambium) is used; this "
                             "change is ignored");
    const double cue0 = asWritten.years[0].result.annual.cueKgPerKwh;
    ASSERT_GT(cue0, 0.0);
    constexpr double kRel = 1e-12; // sums of the same hours, scaled
    for (std::size_t n = 0; n < asWritten.years.size(); ++n) {
        const double f = std::pow(0.97, static_cast<double>(n));
        EXPECT_NEAR(asWritten.years[n].result.annual.cueKgPerKwh, cue0 * f, kRel * cue0)
            << asWritten.years[n].year;
        EXPECT_NEAR(doubled.years[n].result.annual.cueKgPerKwh, cue0 * (1.0 + 2.0 * (f - 1.0)),
                    kRel * cue0)
            << doubled.years[n].year;
    }
}

// Points of the grid's carbon and water intensity by year, interpolated linearly between
// them: every hour of a year takes its year's value, so the year's location-based CUE is
// that value x PUE, and its source WUE less its site WUE is the water value x PUE (The
// Green Grid's definitions, as kpis.cpp sums them). Tolerance 1e-9 relative (sums of the
// same hours). Carbon 0.5 -> 0.3 kg/kWh and water 2.0 -> 1.0 L/kWh over 2025-2030.
TEST(Plan, GridPointsSetEachYearsCarbonAndWaterIntensity) {
    nlohmann::json doc = sameCampusFrom2025To(2030);
    doc["plan"]["grid"] = {
        {"carbon_intensity",
         {{{"year", 2025}, {"value", "0.5 kg/kWh"}}, {{"year", 2030}, {"value", "0.3 kg/kWh"}}}},
        {"water_intensity",
         {{{"year", 2025}, {"value", "2 L/kWh"}}, {{"year", 2030}, {"value", "1 L/kWh"}}}}};
    const PlanResult result = run(site(doc));
    ASSERT_EQ(result.years.size(), 6u);
    for (std::size_t n = 0; n < result.years.size(); ++n) {
        const AnnualResults& a = result.years[n].result.annual;
        const double carbon = 0.5 - 0.04 * static_cast<double>(n);
        const double water = 2.0 - 0.2 * static_cast<double>(n);
        EXPECT_NEAR(a.cueKgPerKwh, carbon * a.pue, 1e-9 * carbon * a.pue) << result.years[n].year;
        EXPECT_NEAR(a.wueSourceLPerKwh - a.wueSiteLPerKwh, water * a.pue, 1e-9 * water * a.pue)
            << result.years[n].year;
    }
}

// A yearly change of the grid's water intensity scales the site's own EWIF, compounded:
// -2 % a year gives 0.98^n of the first year's source-less-site WUE per unit of PUE; beside
// points, it is said to be ignored.
TEST(Plan, AYearlyChangeScalesTheSitesOwnGridWater) {
    nlohmann::json doc = sameCampusFrom2025To(2029);
    doc["plan"]["grid"] = {{"water_annual_change", "-2 %"}};
    const PlanResult result = run(site(doc));
    ASSERT_EQ(result.years.size(), 5u);
    const auto ewif = [](const AnnualResults& a) {
        return (a.wueSourceLPerKwh - a.wueSiteLPerKwh) / a.pue;
    };
    const double first = ewif(result.years[0].result.annual);
    ASSERT_GT(first, 0.0);
    for (std::size_t n = 1; n < result.years.size(); ++n) {
        EXPECT_NEAR(ewif(result.years[n].result.annual),
                    first * std::pow(0.98, static_cast<double>(n)), 1e-9 * first)
            << result.years[n].year;
    }
    doc["plan"]["grid"]["water_intensity"] = {{{"year", 2025}, {"value", "1 L/kWh"}}};
    const SiteLoad both = load(doc);
    ASSERT_TRUE(both.site);
    const auto said = std::find_if(
        both.diagnostics.items().begin(), both.diagnostics.items().end(),
        [](const Diagnostic& d) { return d.pointer == "/plan/grid/water_annual_change"; });
    ASSERT_NE(said, both.diagnostics.items().end());
    EXPECT_EQ(said->severity, Severity::Warning);
}

TEST(Plan, ARefreshToAMoreEfficientChipLowersEnergyPerCompute) {
    // H100 (989 TFLOP/s BF16 at 700 W) to B200 (2250 at 1000 W), the catalog's figures:
    // about 1.6 times the compute per chip watt. (Trn2 to Trn3, 667 TFLOP/s at 500 W to
    // 671 at 1000 W, is not a gain at BF16.)
    nlohmann::json doc = planDocument();
    auto& plan = doc["plan"];
    plan["phases"] = {
        {{"year", 2025}, {"first_building", 1}, {"buildings", 30}, {"platform", "hgx-h100-8gpu"}}};
    plan["refresh"] = {
        {{"platform", "hgx-h100-8gpu"}, {"service_life", 5}, {"replacement", "hgx-b200-8gpu"}}};
    plan["last_year"] = 2031;
    plan.erase("climate");
    plan["grid"] = {{"carbon_intensity", {{{"year", 2025}, {"value", "0.4 kg/kWh"}}}}};
    const PlanResult result = run(site(doc));
    const auto& before = result.years[4]; // 2029, the last H100 year
    const auto& after = result.years[5];  // 2030, refreshed
    ASSERT_EQ(before.generations.at(0).platformId, "hgx-h100-8gpu");
    ASSERT_EQ(after.generations.at(0).platformId, "hgx-b200-8gpu");
    // Facility energy per unit of BF16 compute falls by more than a quarter.
    EXPECT_GT(after.result.productivity.flopsPerFacilityKwh,
              before.result.productivity.flopsPerFacilityKwh * 1.25);
}

// A year of two platforms is one campus: its fabric parts, embodied carbon and energy bill
// are the platforms' added, while what the campus has once (its land) is paid once and the
// demand charge falls on the summed hours' peak. Expected values: each platform's
// buildings simulated alone (planYearSite), as the plan runs them.
TEST(Plan, AYearOfTwoPlatformsIsOneCampusInItsFabricCostAndCarbon) {
    nlohmann::json doc = planDocument();
    doc["plan"].erase("climate"); // every year on the present weather: the cohorts' own
    doc["cost"] = {
        {"electricity", {{"price", "0.0824 USD/kWh"}, {"demand_charge", "10 USD/kW/month"}}},
        {"land", {{"area", "2 km2"}}}};
    const Site s = site(doc);
    const PlanResult plan = run(s);
    const PlanYearResult& y2029 = plan.years.at(4);
    ASSERT_EQ(y2029.generations.size(), 2u);
    // 2029: the Trn2 phases of 2025 and 2027 (18 buildings) and the Trn3 phase (12).
    Feedback feedback;
    const auto alone = [&](int buildings, const char* platform) {
        const int halls = buildings * s.campus.hallsPerBuilding;
        return simulate(
            Scenario{planYearSite(s, 2029, halls, platform, std::nullopt, s.climate), "test"},
            feedback);
    };
    const RunResult trn2 = alone(18, "trn2-ultraserver");
    const RunResult trn3 = alone(12, "trn3-ultraserver");
    const RunResult& year = y2029.result;
    EXPECT_EQ(year.compute.ultraServers, trn2.compute.ultraServers + trn3.compute.ultraServers);
    EXPECT_EQ(year.compute.switches, trn2.compute.switches + trn3.compute.switches);
    EXPECT_EQ(year.compute.transceivers, trn2.compute.transceivers + trn3.compute.transceivers);
    EXPECT_EQ(year.compute.cables, trn2.compute.cables + trn3.compute.cables);
    EXPECT_EQ(year.compute.fabricTiers,
              std::max(trn2.compute.fabricTiers, trn3.compute.fabricTiers));

    ASSERT_TRUE(year.cost && trn2.cost && trn3.cost);
    const CostResult& c = *year.cost;
    constexpr double kRel = 1e-9; // sums taken in another order
    EXPECT_NEAR(c.constructionUsd, trn2.cost->constructionUsd + trn3.cost->constructionUsd,
                kRel * c.constructionUsd);
    EXPECT_NEAR(c.networkUsd, trn2.cost->networkUsd + trn3.cost->networkUsd, kRel * c.networkUsd);
    EXPECT_NEAR(c.electricityEnergyUsd,
                trn2.cost->electricityEnergyUsd + trn3.cost->electricityEnergyUsd,
                kRel * c.electricityEnergyUsd);
    // One plot of land: each platform's run alone pays for all of it.
    EXPECT_GT(c.landUsd, 0.0);
    EXPECT_EQ(c.landUsd, trn2.cost->landUsd);
    // The peak of the sum is at most the sum of the peaks, and at least either.
    EXPECT_LE(c.electricityDemandUsd,
              trn2.cost->electricityDemandUsd + trn3.cost->electricityDemandUsd);
    EXPECT_GE(c.electricityDemandUsd,
              std::max(trn2.cost->electricityDemandUsd, trn3.cost->electricityDemandUsd));

    ASSERT_TRUE(year.embodiedCarbon && trn2.embodiedCarbon && trn3.embodiedCarbon);
    const EmbodiedCarbonResult& e = *year.embodiedCarbon;
    EXPECT_NEAR(e.totalT, trn2.embodiedCarbon->totalT + trn3.embodiedCarbon->totalT,
                kRel * e.totalT);
    EXPECT_NEAR(e.perYearT, trn2.embodiedCarbon->perYearT + trn3.embodiedCarbon->perYearT,
                kRel * e.perYearT);
    EXPECT_EQ(e.operationalT, year.annual.carbonLocationT);
    EXPECT_EQ(e.lifecycleT, e.perYearT + year.annual.carbonLocationT);

    // The horizon's cost and lifecycle carbon are the years' (plan_report.h).
    double tco = 0.0, lifecycle = 0.0;
    for (const PlanYearResult& y : plan.years) {
        ASSERT_TRUE(y.result.cost) << y.year;
        tco += y.result.cost->tcoPerYearUsd;
        lifecycle += y.result.embodiedCarbon->lifecycleT;
    }
    const auto horizon = [&](const char* name) {
        for (const PlanHorizonField& field : planHorizonFields()) {
            if (field.name == name) {
                return field.get(plan);
            }
        }
        return -1.0;
    };
    EXPECT_NEAR(horizon("tco_usd"), tco, kRel * tco);
    EXPECT_NEAR(horizon("lifecycle_carbon_t"), lifecycle, kRel * lifecycle);
}

// A building's halls energized by two phases of one year with one platform are the
// building energized by one: the same halls, pooled into the same run, bit for bit.
TEST(Plan, ABuildingsHallsInTwoPhasesOfAYearAreTheWholeBuilding) {
    const nlohmann::json whole = withPhases({phase(2025, 1, 7, kTrn2), phase(2027, 8, 11, kTrn2)});
    const nlohmann::json split = withPhases(
        {phase(2025, 1, 7, kTrn2), phase(2027, 8, 11, kTrn2, 1, 1), phase(2027, 8, 11, kTrn2, 2)});
    const PlanResult a = run(site(whole));
    const PlanResult b = run(site(split));
    ASSERT_EQ(a.years.size(), b.years.size());
    for (std::size_t i = 0; i < a.years.size(); ++i) {
        const RunResult& x = a.years[i].result;
        const RunResult& y = b.years[i].result;
        EXPECT_EQ(x.compute.ultraServers, y.compute.ultraServers) << a.years[i].year;
        EXPECT_EQ(x.compute.buildingsUsed, y.compute.buildingsUsed) << a.years[i].year;
        EXPECT_EQ(x.annual.facilityEnergyMwh, y.annual.facilityEnergyMwh) << a.years[i].year;
        EXPECT_EQ(x.annual.waterM3, y.annual.waterM3) << a.years[i].year;
        ASSERT_EQ(a.years[i].generations.size(), b.years[i].generations.size());
        for (std::size_t g = 0; g < a.years[i].generations.size(); ++g) {
            EXPECT_EQ(a.years[i].generations[g].halls, b.years[i].generations[g].halls);
            EXPECT_EQ(a.years[i].generations[g].buildings, b.years[i].generations[g].buildings);
        }
    }
    // 2027 on: 18 buildings of 4 halls (/campus/buildings/halls_per_building).
    EXPECT_EQ(b.years.at(2).generations.at(0).halls, 72);
    EXPECT_EQ(b.years.at(2).result.compute.buildingsUsed, 18);
}

// Building 8's first two halls go live in 2026 with Trn2 and its last two in 2028 with
// Trn3; each pair is refreshed five years after its own phase (the sample's Trn2 -> Trn3
// rule), so a building can hold two generations.
TEST(Plan, APhaseCanEnergizePartOfABuilding) {
    const PlanResult plan = run(site(withPhases(
        {phase(2025, 1, 7, kTrn2), phase(2026, 8, 1, kTrn2, 1, 2), phase(2028, 8, 1, kTrn3, 3)})));
    const auto generation = [&](int year, const std::string& platform) {
        const PlanYearResult& y = plan.years.at(static_cast<std::size_t>(year - 2025));
        for (const PlanGeneration& g : y.generations) {
            if (g.platformId == platform) {
                return std::pair(g.halls, g.buildings);
            }
        }
        return std::pair(0, 0);
    };
    EXPECT_EQ(generation(2025, "trn2-ultraserver"), std::pair(28, 7));
    EXPECT_EQ(generation(2026, "trn2-ultraserver"), std::pair(30, 8));
    EXPECT_EQ(generation(2028, "trn2-ultraserver"), std::pair(30, 8));
    EXPECT_EQ(generation(2028, "trn3-ultraserver"), std::pair(2, 1));
    // 2030: the 2025 halls are refreshed, building 8's first two are not yet (2031).
    EXPECT_EQ(generation(2030, "trn2-ultraserver"), std::pair(2, 1));
    EXPECT_EQ(generation(2030, "trn3-ultraserver"), std::pair(30, 8));
    EXPECT_EQ(generation(2031, "trn3-ultraserver"), std::pair(32, 8));
    EXPECT_EQ(generation(2031, "trn2-ultraserver"), std::pair(0, 0));
    // Building 8 is shared by both generations of 2028 and counted once.
    EXPECT_EQ(plan.years.at(3).result.compute.buildingsUsed, 8);
    EXPECT_EQ(plan.years.at(3).result.compute.hallsUsed, 32);
    // Two more halls filled with the same platform add UltraServers; a hall's share of the
    // interconnect bounds the campus as before.
    const RunResult& y2025 = plan.years.at(0).result;
    const RunResult& y2026 = plan.years.at(1).result;
    EXPECT_GT(y2026.compute.ultraServers, y2025.compute.ultraServers);
    EXPECT_LE(y2026.compute.ultraServers, y2025.compute.ultraServers * 30 / 28 + 1);
    // The JSON and every report read the halls.
    EXPECT_EQ(planJson(plan)["years"][3]["generations"][1]["halls"], 2);
}

TEST(Plan, RefusesBadPlansAtTheMemberToBlame) {
    nlohmann::json outside = planDocument();
    outside["plan"]["phases"][2]["year"] = 2041;
    EXPECT_EQ(firstError(outside).rfind("/plan/phases/2/year: expected a year within the "
                                        "horizon 2025-2039, got 2041",
                                        0),
              0u)
        << firstError(outside);

    nlohmann::json twice = planDocument();
    twice["plan"]["phases"][1]["first_building"] = 5;
    EXPECT_NE(firstError(twice).find("/plan/phases/1/first_building: building 5 is energized "
                                     "twice: by /plan/phases/0"),
              std::string::npos)
        << firstError(twice);

    // Halls: one energized twice, one past the building's last.
    const nlohmann::json first = phase(2025, 1, 7, kTrn2);
    const nlohmann::json hallTwice =
        withPhases({first, phase(2026, 8, 1, kTrn2, 2, 2), phase(2028, 8, 1, kTrn2, 3)});
    EXPECT_NE(firstError(hallTwice).find("/plan/phases/2/first_hall: hall 3 of building 8 is "
                                         "energized twice: by /plan/phases/1"),
              std::string::npos)
        << firstError(hallTwice);
    const nlohmann::json pastLast = withPhases({first, phase(2026, 8, 1, kTrn2, 5)});
    EXPECT_NE(firstError(pastLast).find("/plan/phases/1/first_hall: expected at most 4 (a "
                                        "building has 4 halls, "
                                        "/campus/buildings/halls_per_building), got 5"),
              std::string::npos)
        << firstError(pastLast);
    const nlohmann::json tooMany = withPhases({first, phase(2026, 8, 1, kTrn2, 3, 4)});
    EXPECT_NE(firstError(tooMany).find("/plan/phases/1/halls: expected at most 2 halls from hall "
                                       "3 (a building has 4, "
                                       "/campus/buildings/halls_per_building), got 4"),
              std::string::npos)
        << firstError(tooMany);

    nlohmann::json missing = planDocument();
    missing["plan"]["refresh"][0]["replacement"] = "trn4-ultraserver";
    EXPECT_NE(firstError(missing).find("/plan/refresh/0/replacement: unknown platform"),
              std::string::npos)
        << firstError(missing);

    nlohmann::json gap = planDocument();
    gap["plan"]["utilization"] = {{{"year", 2025}, {"value", "60 %"}},
                                  {{"year", 2030}, {"value", "80 %"}}};
    EXPECT_NE(firstError(gap).find("/plan/utilization: a gap: the points cover 2025-2030"),
              std::string::npos)
        << firstError(gap);

    nlohmann::json waterGap = planDocument();
    waterGap["plan"]["grid"]["water_intensity"] = {{{"year", 2027}, {"value", "1.5 L/kWh"}},
                                                   {{"year", 2050}, {"value", "1 L/kWh"}}};
    EXPECT_NE(firstError(waterGap).find("/plan/grid/water_intensity: a gap: the points cover "
                                        "2027-2050"),
              std::string::npos)
        << firstError(waterGap);

    nlohmann::json hot = planDocument();
    hot["plan"]["climate"]["mean_change"] = nlohmann::json::array();
    for (int m = 0; m < 12; ++m) {
        hot["plan"]["climate"]["mean_change"].push_back("10 K");
    }
    hot["plan"]["climate"]["target_year"] = 2010; // +10 K by 2010: +40 K in 2025
    EXPECT_NE(firstError(hot).find("/plan/climate/mean_change: the morph of 2025 leaves "
                                   "physical bounds"),
              std::string::npos)
        << firstError(hot);

    nlohmann::json late = planDocument();
    late["plan"]["last_year"] = 2055;
    EXPECT_NE(firstError(late).find("/plan/grid/cambium: a gap"), std::string::npos)
        << firstError(late);
}

} // namespace
