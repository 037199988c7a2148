// The plan's uncertainty (model/plan/plan_uncertainty.h) on a short variant of the Indiana
// build-out sample: the same seed gives the same numbers whatever the threads, the bands
// are ordered, ranges collapsed to a point give the deterministic plan exactly, a tornado
// bar is the difference of two deterministic runs, the bars move the way the physics says,
// and bad declarations are refused at the member to blame. Few draws keep it fast.
#include "model/plan/plan_uncertainty.h"

#include "model/core/seeded_draw.h"
#include "model/plan/plan.h"
#include "model/plan/plan_test_site.h"
#include "model/report/plan_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <set>

namespace {

using namespace headroom::model;
namespace fs = std::filesystem;

const fs::path& kSamples = headroom::model::testing::kPlanSamples;

/// The sample's campus over 2030-2031: Trn2 in 2030, refreshed by Trn3 after a year, the
/// Cambium grid and the sample's warming; three uncertain inputs.
nlohmann::json shortPlan() {
    nlohmann::json doc =
        nlohmann::json::parse(std::ifstream(kSamples / "st-joseph-county-in-plan.json"));
    nlohmann::json& plan = doc["plan"];
    plan["first_year"] = 2030;
    plan["last_year"] = 2031;
    plan["phases"] = {{{"year", 2030},
                       {"first_building", 1},
                       {"buildings", 30},
                       {"platform", "trn2-ultraserver"}}};
    plan["refresh"] = {{{"platform", "trn2-ultraserver"},
                        {"service_life", 1},
                        {"replacement", "trn3-ultraserver"}}};
    plan["uncertainty"] = {{"draws", 3},
                           {"seed", 7},
                           {"inputs",
                            {{{"input", "warming"},
                              {"distribution", "triangular"},
                              {"min", "80 %"},
                              {"mode", "100 %"},
                              {"max", "125 %"}},
                             {{"input", "grid_decarbonization"},
                              {"distribution", "uniform"},
                              {"min", "50 %"},
                              {"max", "150 %"}},
                             {{"input", "chip_power"},
                              {"distribution", "normal"},
                              {"mean", "100 %"},
                              {"sd", "10 %"}}}}};
    return doc;
}

SiteLoad load(const nlohmann::json& document) {
    return headroom::model::testing::loadPlanSite(document);
}

Site site(const nlohmann::json& document) {
    return headroom::model::testing::planSite(document);
}

PlanUncertaintyResult uncertainty(const Site& s, long long seed, int draws, int jobs) {
    Feedback feedback;
    return runPlanUncertainty(Scenario{s, "test"}, {draws, seed, jobs}, feedback);
}

PlanResult run(const Site& s) {
    Feedback feedback;
    return runPlan(Scenario{s, "test"}, feedback);
}

std::size_t horizonIndex(const std::string& name) {
    const auto& fields = planHorizonFields();
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (fields[i].name == name) {
            return i;
        }
    }
    ADD_FAILURE() << name;
    return 0;
}

/// A year figure the bands hold, as a run gives it.
double yearFigure(const std::string& name, const RunResult& result) {
    const KpiValue value = findKpiField(name)->get(result);
    return std::holds_alternative<double>(value)
               ? std::get<double>(value)
               : static_cast<double>(std::get<std::int64_t>(value));
}

/// Bitwise equality of two results' bands (NaN equal to NaN).
void expectSameBands(const PlanUncertaintyResult& a, const PlanUncertaintyResult& b) {
    const auto same = [](double x, double y) { return (std::isnan(x) && std::isnan(y)) || x == y; };
    ASSERT_EQ(a.years.size(), b.years.size());
    for (std::size_t y = 0; y < a.years.size(); ++y) {
        for (std::size_t f = 0; f < a.years[y].size(); ++f) {
            EXPECT_TRUE(same(a.years[y][f].p10, b.years[y][f].p10)) << y << " " << f;
            EXPECT_TRUE(same(a.years[y][f].p50, b.years[y][f].p50)) << y << " " << f;
            EXPECT_TRUE(same(a.years[y][f].p90, b.years[y][f].p90)) << y << " " << f;
        }
    }
    ASSERT_EQ(a.horizon.size(), b.horizon.size());
    for (std::size_t f = 0; f < a.horizon.size(); ++f) {
        EXPECT_TRUE(same(a.horizon[f].p50, b.horizon[f].p50)) << f;
    }
}

TEST(PlanUncertainty, QuantilesFollowHyndmanAndFanDefinition7) {
    // Expected values by hand: h = (n - 1) p; for 1..4, p = 0.1 gives h = 0.3, so 1.3
    // (NumPy's default quantile gives the same). Exact in binary to 1e-15.
    EXPECT_NEAR(sampleQuantile({4, 1, 3, 2}, 0.1), 1.3, 1e-15);
    EXPECT_EQ(sampleQuantile({4, 1, 3, 2}, 0.5), 2.5);
    EXPECT_NEAR(sampleQuantile({4, 1, 3, 2}, 0.9), 3.7, 1e-15);
    EXPECT_EQ(sampleQuantile({5}, 0.9), 5.0);
    EXPECT_EQ(sampleQuantile({2, NAN, 4}, 0.5), 3.0) << "NaN is left out";
    EXPECT_TRUE(std::isnan(sampleQuantile({NAN}, 0.5)));
}

TEST(PlanUncertainty, DrawsFollowTheirDistributionsAndSeed) {
    PlanUncertainInput triangular{
        PlanInput::Warming, PlanDistribution::Triangular, 0.8, 1.0, 1.25, std::nullopt,
        std::nullopt};
    for (std::size_t i = 0; i < 200; ++i) {
        const double k = drawnScale(triangular, 7, i, 0);
        EXPECT_GE(k, 0.8);
        EXPECT_LE(k, 1.25);
        EXPECT_EQ(k, drawnScale(triangular, 7, i, 0)) << "a draw is its index's";
    }
    EXPECT_NE(drawnScale(triangular, 7, 0, 0), drawnScale(triangular, 8, 0, 0));
    EXPECT_NE(drawnScale(triangular, 7, 0, 0), drawnScale(triangular, 7, 0, 1));
    // A normal's tornado runs at its P10 and P90: mean -/+ 1.2816 sd (the standard normal's
    // 90th percentile, 1.2815516 to 7 digits; tolerance 1e-12).
    PlanUncertainInput normal{PlanInput::ChipPower,
                              PlanDistribution::Normal,
                              std::nullopt,
                              std::nullopt,
                              std::nullopt,
                              1.0,
                              0.1};
    const auto [low, high] = tornadoScales(normal);
    EXPECT_NEAR(low, 1.0 - 0.12815516, 1e-8);
    EXPECT_NEAR(high, 1.0 + 0.12815516, 1e-8);
}

TEST(PlanUncertainty, TheSameSeedGivesTheSameNumbersWhateverTheThreads) {
    const Site s = site(shortPlan());
    const PlanUncertaintyResult one = uncertainty(s, 7, 3, 1);
    const PlanUncertaintyResult two = uncertainty(s, 7, 3, 2);
    ASSERT_EQ(one.years.size(), 2u);
    expectSameBands(one, two);
    // Another seed draws other scales: the horizon's water moves.
    const PlanUncertaintyResult other = uncertainty(s, 8, 3, 2);
    const std::size_t water = horizonIndex("water_m3");
    EXPECT_NE(one.horizon[water].p50, other.horizon[water].p50);

    // P10 <= P50 <= P90 for every figure of every year and of the horizon.
    for (const auto* result : {&one, &other}) {
        for (const auto& year : result->years) {
            for (const PlanBand& band : year) {
                if (!std::isnan(band.p50)) {
                    EXPECT_LE(band.p10, band.p50);
                    EXPECT_LE(band.p50, band.p90);
                }
            }
        }
        for (const PlanBand& band : result->horizon) {
            EXPECT_LE(band.p10, band.p50);
            EXPECT_LE(band.p50, band.p90);
        }
    }
}

TEST(PlanUncertainty, RangesCollapsedToAPointGiveTheDeterministicPlanExactly) {
    nlohmann::json doc = shortPlan();
    for (auto& input : doc["plan"]["uncertainty"]["inputs"]) {
        if (input["distribution"] == "normal") {
            input["sd"] = "0 %";
        } else {
            input["distribution"] = "triangular";
            input["min"] = input["mode"] = input["max"] = "100 %";
        }
    }
    const Site s = site(doc);
    const PlanUncertaintyResult bands = uncertainty(s, 7, 2, 2);
    const PlanResult plan = run(s);
    ASSERT_EQ(bands.years.size(), plan.years.size());
    for (std::size_t y = 0; y < plan.years.size(); ++y) {
        for (std::size_t f = 0; f < bands.yearFigures.size(); ++f) {
            const double expected = yearFigure(bands.yearFigures[f], plan.years[y].result);
            SCOPED_TRACE(bands.yearFigures[f]);
            EXPECT_EQ(bands.years[y][f].p10, expected); // exactly: the same simulation
            EXPECT_EQ(bands.years[y][f].p50, expected);
            EXPECT_EQ(bands.years[y][f].p90, expected);
        }
    }
    for (std::size_t f = 0; f < bands.horizonFigures.size(); ++f) {
        const double expected = planHorizonFields()[f].get(plan);
        EXPECT_EQ(bands.horizon[f].p10, expected) << bands.horizonFigures[f];
        EXPECT_EQ(bands.horizon[f].p90, expected) << bands.horizonFigures[f];
        for (const PlanTornadoInput& bar : bands.tornado) {
            EXPECT_EQ(bar.atHigh[f] - bar.atLow[f], 0.0) << "a collapsed input moves nothing";
        }
    }
}

TEST(PlanUncertainty, ATornadoBarIsTheDifferenceOfTwoDeterministicRuns) {
    const Site s = site(shortPlan());
    const PlanUncertaintyResult result = uncertainty(s, 7, 0, 2); // the tornado alone
    ASSERT_EQ(result.tornado.size(), 3u);
    const std::size_t water = horizonIndex("water_m3");
    const std::size_t carbon = horizonIndex("carbon_location_t");
    // Warming: the plan run at 80 % and at 125 % of the declared changes.
    const PlanTornadoInput& warming = result.tornado[0];
    EXPECT_EQ(warming.low, 0.8);
    EXPECT_EQ(warming.high, 1.25);
    const PlanResult cool = run(scaledPlanSite(s, {{PlanInput::Warming, 0.8}}));
    const PlanResult warm = run(scaledPlanSite(s, {{PlanInput::Warming, 1.25}}));
    const double coolWater = planHorizonFields()[water].get(cool);
    const double warmWater = planHorizonFields()[water].get(warm);
    EXPECT_EQ(warming.atHigh[water] - warming.atLow[water], warmWater - coolWater);
    // The physics: a warmer climate evaporates more (the plan test's water-rises check).
    EXPECT_GT(warmWater, coolWater);
    // A faster decarbonizing grid (150 % of Cambium's decline) emits less than a slower one.
    const PlanTornadoInput& grid = result.tornado[1];
    EXPECT_LT(grid.atHigh[carbon], grid.atLow[carbon]);
    EXPECT_TRUE(result.years.empty()) << "no draws, no bands";
}

TEST(PlanUncertainty, RoundToStepGivesTheNearestMultiple) {
    EXPECT_EQ(roundToStep(0.87, 0.05), 17 * 0.05);
    EXPECT_EQ(roundToStep(0.874, 0.05), 17 * 0.05);
    EXPECT_EQ(roundToStep(0.876, 0.05), 18 * 0.05);
    EXPECT_EQ(roundToStep(1.0, 0.05), 1.0) << "a scale of 100 % stays the plan as written";
    EXPECT_EQ(roundToStep(0.8731, 0.0), 0.8731) << "a step of 0 leaves it";
}

// Issue 19: a draw's warming scale is a multiple of /plan/uncertainty/warming_step (the
// default 5 % here: the file does not give it), within half a step of its unrounded draw;
// the other inputs are not rounded; a step of 0 leaves every scale as drawn.
TEST(PlanUncertainty, ADrawsWarmingIsAMultipleOfTheStep) {
    const Site s = site(shortPlan());
    const PlanUncertainty& declared = *s.plan->uncertainty;
    ASSERT_EQ(declared.warmingStep, 0.05);
    ASSERT_EQ(declared.inputs[0].input, PlanInput::Warming);
    std::set<double> warmings;
    for (std::size_t i = 0; i < 500; ++i) {
        const auto scales = drawScales(declared, 7, i);
        ASSERT_EQ(scales.size(), declared.inputs.size());
        const double k = scales[0].second;
        const double drawn = drawnScale(declared.inputs[0], 7, i, 0);
        EXPECT_EQ(k, std::round(k / 0.05) * 0.05) << i;
        EXPECT_LE(std::abs(k - drawn), 0.025 + 1e-12) << i;
        warmings.insert(k);
        for (std::size_t p = 1; p < scales.size(); ++p) {
            EXPECT_EQ(scales[p].second, drawnScale(declared.inputs[p], 7, i, p)) << i;
        }
    }
    // The triangular 80-125 % falls on the 10 multiples of 5 % from 80 to 125 %.
    EXPECT_EQ(warmings.size(), 10u);
    EXPECT_EQ(*warmings.begin(), roundToStep(0.8, 0.05));
    EXPECT_EQ(*warmings.rbegin(), roundToStep(1.25, 0.05));

    PlanUncertainty unrounded = declared;
    unrounded.warmingStep = 0.0;
    for (std::size_t i = 0; i < 50; ++i) {
        const auto scales = drawScales(unrounded, 7, i);
        for (std::size_t p = 0; p < scales.size(); ++p) {
            EXPECT_EQ(scales[p].second, drawnScale(unrounded.inputs[p], 7, i, p)) << i;
        }
    }
}

/// The bands of one draw are that draw's plan's figures.
void expectBandsOfOneDraw(const PlanUncertaintyResult& bands, const PlanResult& plan) {
    ASSERT_EQ(bands.years.size(), plan.years.size());
    for (std::size_t y = 0; y < plan.years.size(); ++y) {
        for (std::size_t f = 0; f < bands.yearFigures.size(); ++f) {
            const double expected = yearFigure(bands.yearFigures[f], plan.years[y].result);
            EXPECT_EQ(bands.years[y][f].p50, expected) << bands.yearFigures[f];
        }
    }
    for (std::size_t f = 0; f < bands.horizonFigures.size(); ++f) {
        EXPECT_EQ(bands.horizon[f].p50, planHorizonFields()[f].get(plan)) << f;
    }
}

// A step of 0 reproduces the unrounded draws: one draw's bands are the plan run at its
// drawn scales, exactly; with the step, the plan at the rounded warming.
TEST(PlanUncertainty, AStepOfZeroReproducesTheUnroundedDraws) {
    nlohmann::json doc = shortPlan();
    doc["plan"]["uncertainty"]["warming_step"] = "0 %";
    const Site unroundedSite = site(doc);
    ASSERT_EQ(unroundedSite.plan->uncertainty->warmingStep, 0.0);
    const PlanUncertaintyResult unrounded = uncertainty(unroundedSite, 7, 1, 2);
    EXPECT_EQ(unrounded.warmingStep, 0.0);
    std::vector<std::pair<PlanInput, double>> drawn;
    const auto& inputs = unroundedSite.plan->uncertainty->inputs;
    for (std::size_t p = 0; p < inputs.size(); ++p) {
        drawn.emplace_back(inputs[p].input, drawnScale(inputs[p], 7, 0, p));
    }
    ASSERT_NE(drawn[0].second, roundToStep(drawn[0].second, 0.05)) << "a warming off the step";
    expectBandsOfOneDraw(unrounded, run(scaledPlanSite(unroundedSite, drawn)));

    const Site roundedSite = site(shortPlan());
    const PlanUncertaintyResult rounded = uncertainty(roundedSite, 7, 1, 2);
    EXPECT_EQ(rounded.warmingStep, 0.05);
    expectBandsOfOneDraw(
        rounded,
        run(scaledPlanSite(roundedSite, drawScales(*roundedSite.plan->uncertainty, 7, 0))));
}

// Draws of several warmings, run grouped by warming on 1, 2 or 3 threads: the same bands,
// bit for bit (each task writes its own slot, whatever order the threads take them in).
TEST(PlanUncertainty, GroupedByWarmingTheBandsDoNotDependOnTheJobs) {
    const Site s = site(shortPlan());
    const PlanUncertaintyResult one = uncertainty(s, 11, 8, 1);
    std::set<double> warmings;
    for (std::size_t i = 0; i < 8; ++i) {
        warmings.insert(drawScales(*s.plan->uncertainty, 11, i)[0].second);
    }
    EXPECT_GE(warmings.size(), 3u) << "the draws span several warmings";
    expectSameBands(one, uncertainty(s, 11, 8, 2));
    expectSameBands(one, uncertainty(s, 11, 8, 3));
}

// The step a run used is a default it took: it is listed with the draws' assumptions and
// reaches plan.json beside the seed.
TEST(PlanUncertainty, TheStepIsListedWithTheDrawsAssumptions) {
    const Site s = site(shortPlan());
    const PlanUncertaintyResult result = uncertainty(s, 7, 0, 1);
    const auto step =
        std::find_if(result.assumptions.begin(), result.assumptions.end(), [](const Assumption& a) {
            return a.pointer == "/plan/uncertainty/warming_step";
        });
    ASSERT_NE(step, result.assumptions.end());
    EXPECT_EQ(step->origin, AssumptionOrigin::Default);
    EXPECT_EQ(step->text, "5 %");
    PlanResult plan = run(s);
    plan.uncertainty = result;
    const nlohmann::ordered_json json = planJson(plan);
    EXPECT_EQ(json["uncertainty"]["warming_step"], 0.05);
    bool listed = false;
    for (const auto& a : json["uncertainty"]["assumptions"]) {
        listed = listed ||
                 (a["pointer"] == "/plan/uncertainty/warming_step" && a["origin"] == "default");
    }
    EXPECT_TRUE(listed);
}

// A cost input with catalog_range draws from the cost catalog's range about its central
// figure (resources/catalog/costs.json: Cushman & Wakefield 2025's 9.3 to 15.0 MUSD/MW about
// 11.7), and moves the horizon's cost without touching its water.
TEST(PlanUncertainty, ACostInputTakesTheCatalogsRangeAndMovesOnlyTheCost) {
    PlanUncertainInput declared;
    declared.input = PlanInput::ConstructionCost;
    declared.distribution = PlanDistribution::CatalogRange;
    const PlanUncertainInput filled = withCatalogRange(declared);
    ASSERT_TRUE(filled.min && filled.mode && filled.max);
    EXPECT_NEAR(*filled.min, 9.3 / 11.7, 1e-12);
    EXPECT_EQ(*filled.mode, 1.0);
    EXPECT_NEAR(*filled.max, 15.0 / 11.7, 1e-12);

    nlohmann::json doc = shortPlan();
    doc["plan"]["uncertainty"]["inputs"] = {
        {{"input", "construction_cost"}, {"distribution", "catalog_range"}},
        {{"input", "electricity_price"},
         {"distribution", "uniform"},
         {"min", "80 %"},
         {"max", "130 %"}}};
    const Site s = site(doc);
    const Site scaled = scaledPlanSite(
        s, {{PlanInput::ConstructionCost, 1.25}, {PlanInput::ElectricityPrice, 0.5}});
    EXPECT_EQ(scaled.cost->constructionUsdPerW, s.cost->constructionUsdPerW * 1.25);
    EXPECT_EQ(scaled.cost->electricityUsdPerKwh.values.front(),
              s.cost->electricityUsdPerKwh.values.front() * 0.5);

    const PlanUncertaintyResult result = uncertainty(s, 7, 0, 2); // the tornado alone
    ASSERT_EQ(result.tornado.size(), 2u);
    const std::size_t tco = horizonIndex("tco_usd");
    const std::size_t water = horizonIndex("water_m3");
    for (const PlanTornadoInput& bar : result.tornado) {
        EXPECT_LT(bar.atLow[tco], bar.atHigh[tco]) << planInputName(bar.declared.input);
        EXPECT_EQ(bar.atLow[water], bar.atHigh[water]) << planInputName(bar.declared.input);
    }
    // The catalog's range is what the plan ran, and what plan.json reports.
    EXPECT_NEAR(result.tornado[0].low, 9.3 / 11.7, 1e-12);
    EXPECT_NEAR(result.tornado[0].high, 15.0 / 11.7, 1e-12);
    EXPECT_TRUE(result.tornado[0].declared.mode.has_value());
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

TEST(PlanUncertainty, BadDeclarationsAreRefusedAtTheMemberToBlame) {
    nlohmann::json doc = shortPlan();
    doc["plan"]["uncertainty"]["inputs"][0].erase("mode");
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/0: the triangular distribution needs "
                               "\"mode\"");
    doc = shortPlan();
    doc["plan"]["uncertainty"]["inputs"][0]["mode"] = "130 %";
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/0/mode: expected a scale from min (80 %) "
                               "to max (125 %), got 130 %");
    doc = shortPlan();
    doc["plan"]["uncertainty"]["inputs"][1]["input"] = "warming";
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/1/input: this input is already "
                               "declared by /plan/uncertainty/inputs/0");
    doc = shortPlan();
    doc["plan"].erase("climate");
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/0/input: warming scales the changes of "
                               "/plan/climate, which the plan does not have");
    // The catalog prices no electricity (a site's tariff is its own), and a cost input
    // needs a cost to scale.
    doc = shortPlan();
    doc["plan"]["uncertainty"]["inputs"][1] = {{"input", "electricity_price"},
                                               {"distribution", "catalog_range"}};
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/1/distribution: the cost catalog gives "
                               "no range for electricity_price: give its own (uniform, "
                               "triangular or normal)");
    doc = shortPlan();
    doc.erase("cost");
    doc["plan"]["uncertainty"]["inputs"][1] = {{"input", "construction_cost"},
                                               {"distribution", "catalog_range"}};
    EXPECT_EQ(firstError(doc), "/plan/uncertainty/inputs/1/input: construction_cost scales "
                               "/cost/construction_per_mw_it, and the site has no /cost section");
    doc = shortPlan();
    doc["plan"]["uncertainty"]["draws"] = -1;
    EXPECT_NE(firstError(doc).find("/plan/uncertainty/draws"), std::string::npos);
}

} // namespace
