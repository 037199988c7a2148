// The performance engine's layout search (issue 22): a Llama-3-class 405B run [dubey-2024-llama3]
// on 500,000 Trainium2 chips in UltraServers, every layout the search considers. Target:
// 50 ms in the release preset.
#include "model/catalog/catalog.h"
#include "model/perf/perf_shapes.h"
#include "model/perf/training_step.h"

#include <benchmark/benchmark.h>

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

} // namespace
