// The 15-year plan of the Indiana build-out sample (sample_sites/st-joseph-county-in-plan.json:
// 2025-2039, three phases, a Trn2 -> Trn3 refresh, Cambium RFCWc carbon, a warming climate)
// through runPlan(), single threaded. Issue 19 asks for a 15-year plan in 10 ms or less.
// The site is read once, outside the timing: what is timed is the years (their morphed
// weather, each platform's simulate() and the hour-by-hour sums). BM_PlanFifteenYears runs
// the plan again and again, as an app re-running it or draws that keep its warming do: the
// morphed years and their outdoor series come from their caches (a warm plan, as a warm
// site-year in simulate_bench). BM_PlanFifteenYearsCold gives every run a climate object
// of its own, so every year is morphed and its outdoor states solved (headroom-cli plan).
#include "model/batch/batch_runner.h"
#include "model/climate/climate_morph.h"
#include "model/plan/plan.h"
#include "model/plan/plan_uncertainty.h"
#include "model/sim/outdoor_series.h"
#include "model/site/site_reader.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

namespace {

using namespace headroom::model;

/// Runs the Indiana plan in every iteration; `cold`: on a fresh copy of its climate.
void planFifteenYears(benchmark::State& state, bool cold) {
    const std::string dir = std::string(HEADROOM_SITE_SOURCE_DIR) + "/sample_sites";
    std::ifstream in(dir + "/st-joseph-county-in-plan.json", std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto load = readSiteText(text, "plan.json", dir);
    if (!load.site || !load.site->plan) {
        state.SkipWithError("the plan sample did not load");
        return;
    }
    Scenario scenario{*load.site, "bench"};
    Feedback feedback;
    std::size_t siteYears = 0;
    for (auto _ : state) {
        if (cold) {
            state.PauseTiming();
            scenario.site.climate = std::make_shared<const Climate>(*load.site->climate);
            state.ResumeTiming();
        }
        PlanResult plan = runPlan(scenario, feedback);
        for (const PlanYearResult& year : plan.years) {
            siteYears += year.generations.size();
        }
        benchmark::DoNotOptimize(plan.years.back().result.annual.waterM3);
    }
    // Simulated site-years (one per platform running in a year) per second.
    state.counters["site_years"] =
        benchmark::Counter(static_cast<double>(siteYears), benchmark::Counter::kIsRate);
}

void BM_PlanFifteenYears(benchmark::State& state) {
    planFifteenYears(state, false);
}
BENCHMARK(BM_PlanFifteenYears)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

void BM_PlanFifteenYearsCold(benchmark::State& state) {
    planFifteenYears(state, true);
}
BENCHMARK(BM_PlanFifteenYearsCold)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// One warmed year's weather, what a cold plan year pays before its simulation: the Indiana
// sample's present-day year morphed by its horizon's last year (2039, 34/45 of +2.8 K in
// every month) and its outdoor states derived (humidity ratio, wet bulb, relative humidity
// of every hour). Uncached: morphClimate() and deriveOutdoorSeries() themselves.
void BM_PlanWarmedYearWeather(benchmark::State& state) {
    const std::string dir = std::string(HEADROOM_SITE_SOURCE_DIR) + "/sample_sites";
    std::ifstream in(dir + "/st-joseph-county-in-plan.json", std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto load = readSiteText(text, "plan.json", dir);
    if (!load.site || !load.site->plan || !load.site->plan->climate || !load.site->climate) {
        state.SkipWithError("the plan sample did not load with its climate change");
        return;
    }
    const Site& site = *load.site;
    const PlanClimate& c = *site.plan->climate;
    MonthlyClimateChange change;
    change.meanDeltaK = c.meanDeltaK;
    change.rangeDeltaK = c.rangeDeltaK;
    change = change.scaled(static_cast<double>(site.plan->lastYear - c.baselineYear) /
                           (c.targetYear - c.baselineYear));
    const double elevationM = site.location.elevation.value();
    for (auto _ : state) {
        MorphOutcome morphed = morphClimate(*site.climate, change);
        if (!morphed.climate) {
            state.SkipWithError("the morph was refused");
            return;
        }
        OutdoorSeries outdoor = deriveOutdoorSeries(*morphed.climate, elevationM);
        benchmark::DoNotOptimize(outdoor.wetBulbC.data());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) *
                            static_cast<std::int64_t>(site.climate->hours()));
}
BENCHMARK(BM_PlanWarmedYearWeather)->Unit(benchmark::kMillisecond);

// The sample's uncertainty: N draws of the whole 15-year plan over its six declared inputs,
// plus the tornado's twelve runs, on two threads (issue 19 asks for 1,000 draws in 5 s or
// less with --jobs 2). Real time: the threads' work is the point. The draws' warming is
// rounded to the sample's default step of 5 % (10 warmings), and the draws of a warming run
// together in its morphed years (made once for the group): /1000 is mostly warm plans, one
// iteration; /20 is mostly the 14 warmings' weather (the tornado's 4 unrounded ones too).
void BM_PlanUncertainty(benchmark::State& state) {
    const std::string dir = std::string(HEADROOM_SITE_SOURCE_DIR) + "/sample_sites";
    std::ifstream in(dir + "/st-joseph-county-in-plan.json", std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto load = readSiteText(text, "plan.json", dir);
    if (!load.site || !load.site->plan || !load.site->plan->uncertainty) {
        state.SkipWithError("the plan sample did not load with its uncertainty");
        return;
    }
    const Scenario scenario{*load.site, "bench"};
    tuneAllocatorForBatch(); // as headroom-cli plan does before the draws
    const PlanUncertaintyOptions options{static_cast<int>(state.range(0)),
                                         load.site->plan->uncertainty->seed, 2};
    Feedback feedback;
    for (auto _ : state) {
        PlanUncertaintyResult result = runPlanUncertainty(scenario, options, feedback);
        benchmark::DoNotOptimize(result.horizon.front().p50);
    }
    // Plans run (the draws and the tornado's) per second.
    const auto plans =
        static_cast<double>(options.draws + 2 * load.site->plan->uncertainty->inputs.size());
    state.counters["plans"] = benchmark::Counter(plans * static_cast<double>(state.iterations()),
                                                 benchmark::Counter::kIsRate);
}
BENCHMARK(BM_PlanUncertainty)->Arg(20)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_PlanUncertainty)
    ->Arg(1000)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime()
    ->Iterations(1);

} // namespace
