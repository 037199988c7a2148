// The performance engine's layout search (issue 22): a Llama-3-class 405B run [dubey-2024-llama3]
// on 500,000 Trainium2 chips in UltraServers, every layout the search considers. Target:
// 50 ms in the release preset.
#include "model/catalog/catalog.h"
#include "model/perf/training_step.h"

#include <benchmark/benchmark.h>

namespace {

using namespace headroom::model;

void BM_LayoutSearch405BOn500kChips(benchmark::State& state) {
    const auto& catalog = Catalog::builtin();
    const auto system = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                       *catalog.platform("trn2-ultraserver"));
    TrainingJob job;
    job.model.name = "405B";
    job.model.layers = 126;
    job.model.hidden = 16384;
    job.model.heads = 128;
    job.model.kvHeads = 8;
    job.model.ffnHidden = 53248;
    job.model.gatedMlp = true;
    job.model.vocabulary = 128256;
    job.model.dropout = false;
    job.model.sequence = 8192;
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
