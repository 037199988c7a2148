// The 15-year plan of the Indiana build-out sample (sample_sites/st-joseph-county-in-plan.json:
// 2025-2039, three phases, a Trn2 -> Trn3 refresh, Cambium RFCWc carbon, a warming climate)
// through runPlan(), single threaded. Issue 19 asks for a 15-year plan in 10 ms or less.
// The site is read once, outside the timing: what is timed is the years (their morphed
// weather, each platform's simulate() and the hour-by-hour sums).
#include "model/plan/plan.h"
#include "model/site/site_reader.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <iterator>
#include <string>

namespace {

using namespace headroom::model;

void BM_PlanFifteenYears(benchmark::State& state) {
    const std::string dir = std::string(HEADROOM_SITE_SOURCE_DIR) + "/sample_sites";
    std::ifstream in(dir + "/st-joseph-county-in-plan.json", std::ios::binary);
    const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    auto load = readSiteText(text, "plan.json", dir);
    if (!load.site || !load.site->plan) {
        state.SkipWithError("the plan sample did not load");
        return;
    }
    const Scenario scenario{*load.site, "bench"};
    Feedback feedback;
    std::size_t siteYears = 0;
    for (auto _ : state) {
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
BENCHMARK(BM_PlanFifteenYears)
    ->Unit(benchmark::kMillisecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

} // namespace
