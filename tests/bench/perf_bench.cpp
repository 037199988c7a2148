// The performance engine's layout search (issue 22): a Llama-3-class 405B run [dubey-2024-llama3]
// on 500,000 Trainium2 chips in UltraServers, every layout the search considers. Target:
// 50 ms in the release preset. And the searches of the 10,000-scenario sweep, one by one.
#include "model/catalog/catalog.h"
#include "model/perf/perf_shapes.h"
#include "model/perf/training_step.h"

#include <benchmark/benchmark.h>

#include <cstdint>
#include <vector>

namespace {

using namespace headroom::model;

void BM_LayoutSearch405BOn500kChips(benchmark::State& state) {
    const auto& catalog = Catalog::builtin();
    const auto system = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                       *catalog.platform("trn2-ultraserver"));
    TrainingJob job;
    job.model = test::llama3405B();
    job.globalBatch = 2048;
    job.chips = 500000;
    StepEstimate last;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto best = searchLayout(job, system, diagnostics);
        benchmark::DoNotOptimize(best);
        if (best) {
            last = *best;
        }
    }
    state.counters["tensor"] = last.layout.tensor;
    state.counters["pipeline"] = last.layout.pipeline;
    state.counters["data"] = static_cast<double>(last.layout.data);
    state.counters["step_s"] = last.stepSeconds;
    state.counters["mfu"] = last.mfu;
}
BENCHMARK(BM_LayoutSearch405BOn500kChips)->Unit(benchmark::kMillisecond);

// The searches of the 10,000-scenario Indiana sweep (tests/bench/indiana-10k-sweep.json): its
// campus power moves the deployment between 375,232 and 430,080 Trainium2 chips (a multiple of
// the 64-chip UltraServer), and each chip count is searched behind the 1:1, 2:1 and 4:1 leaves
// of the fabric trade-off (model/perf/workloads.cpp), the machine built as the workloads
// build it (the site's 51.2 Tb/s switch split into 128 ports of 400G). Every 22nd
// UltraServer count: 39 counts, 117 searches an iteration, none answered from a cache.
void BM_LayoutSearchIndianaSweep(benchmark::State& state) {
    const auto& catalog = Catalog::builtin();
    const ChipSpec chip = *catalog.chip("trainium2");
    const PlatformSpec platform = *catalog.platform("trn2-ultraserver");
    std::vector<AcceleratorSystem> systems;
    for (const double r : {1.0, 2.0, 4.0}) {
        systems.push_back(AcceleratorSystem::fromCatalog(chip, platform, r, 128));
    }
    TrainingJob job;
    job.model = test::llama3405B();
    job.globalBatch = 2048;
    job.pointer = "/workloads/training/0";
    std::int64_t searches = 0;
    double steps = 0.0;
    for (auto _ : state) {
        for (long long chips = 375232; chips <= 430080; chips += 64 * 22) {
            job.chips = chips;
            for (const auto& system : systems) {
                Diagnostics diagnostics;
                const auto best = searchLayout(job, system, diagnostics);
                benchmark::DoNotOptimize(best);
                steps += best ? best->stepSeconds : 0.0;
                ++searches;
            }
        }
    }
    state.SetItemsProcessed(searches);
    state.counters["step_s_mean"] = searches > 0 ? steps / static_cast<double>(searches) : 0.0;
}
BENCHMARK(BM_LayoutSearchIndianaSweep)->Unit(benchmark::kMillisecond);

} // namespace
