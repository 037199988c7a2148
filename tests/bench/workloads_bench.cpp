// The whole site run with its workloads (issue 22: at most 1 ms warm): the St. Joseph
// County, Indiana sample, which carries a Llama 3 405B training run and a Llama 3 70B
// inference service, through simulate() - sizing, the 8760-hour year, then the performance
// engine: the layout search for the run at the site's oversubscription and at 1:1, 2:1 and
// 4:1 (the fabric trade-off), and the inference search. "Warm" is an editing session's or a
// sweep's case: the climate's outdoor series and the layout searches of the same job on the
// same machine are answered from their caches (the first run, outside the timing, fills
// them). The same site without workloads, and the workloads alone on a finished year, show
// what the engine adds. Each iteration makes a fresh RunResult, as every caller does (its
// hourly storage recycled: see simulate_bench.cpp).
#include "model/perf/workloads.h"
#include "model/sim/simulate.h"
#include "model/site/site_reader.h"

#include <benchmark/benchmark.h>

#include <optional>
#include <string>

namespace {

using namespace headroom::model;

std::optional<Scenario> sampleScenario(benchmark::State& state, bool withWorkloads) {
    auto load = readSiteFile(HEADROOM_SITE_SOURCE_DIR "/sample_sites/st-joseph-county-in.json");
    if (!load.site || load.site->training.empty() || load.site->inference.empty()) {
        state.SkipWithError("the Indiana sample did not load with its workloads");
        return std::nullopt;
    }
    if (!withWorkloads) {
        load.site->training.clear();
        load.site->inference.clear();
    }
    return Scenario{std::move(*load.site), "bench"};
}

void simulateSample(benchmark::State& state, bool withWorkloads) {
    const auto scenario = sampleScenario(state, withWorkloads);
    if (!scenario) {
        return;
    }
    Feedback feedback;
    const RunResult first = simulate(*scenario, feedback); // fills the caches
    if (withWorkloads && (first.training.empty() || first.inference.empty())) {
        state.SkipWithError("the sample's workloads gave no result");
        return;
    }
    for (auto _ : state) {
        RunResult result = simulate(*scenario, feedback);
        benchmark::DoNotOptimize(result.annual.pue);
    }
    if (withWorkloads) {
        state.counters["mfu"] = first.training.front().mfu;
        state.counters["tensor"] = first.training.front().layout.tensor;
        state.counters["chips"] = static_cast<double>(first.compute.chips);
    }
}

void BM_SampleSiteRunWithWorkloadsWarm(benchmark::State& state) {
    simulateSample(state, true);
}
BENCHMARK(BM_SampleSiteRunWithWorkloadsWarm)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

void BM_SampleSiteRunWithoutWorkloadsWarm(benchmark::State& state) {
    simulateSample(state, false);
}
BENCHMARK(BM_SampleSiteRunWithoutWorkloadsWarm)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

// evaluateWorkloads alone on the simulated year: the trade-off's fabric designs, the cached
// searches and the hourly windows each run and option is charged over.
void BM_SampleSiteWorkloadsAloneWarm(benchmark::State& state) {
    const auto scenario = sampleScenario(state, true);
    if (!scenario) {
        return;
    }
    Feedback feedback;
    RunResult result = simulate(*scenario, feedback);
    for (auto _ : state) {
        evaluateWorkloads(scenario->site, result);
        benchmark::DoNotOptimize(result.training);
    }
}
BENCHMARK(BM_SampleSiteWorkloadsAloneWarm)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

} // namespace
