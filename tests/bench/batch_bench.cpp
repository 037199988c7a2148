// The batch path end to end (issue 6, "Speed"): sweep -> run service (site reader,
// cached climate, simulate) -> worker threads -> SQLite, on the Indiana site. Items are
// site-years; the target is >= 1,000 per second on the 2-core reference machine with
// memory flat (peak RSS is reported as a counter: compare 1,000 and 10,000 scenarios).
#include "model/batch/batch_runner.h"
#include "model/batch/result_store.h"
#include "model/batch/sweep.h"
#include "model/report/synthetic_run_result.h"
#include "model/run/run_service.h"

#include <benchmark/benchmark.h>

#include <fstream>
#include <sys/resource.h>
#include <unistd.h>

namespace {

namespace fs = std::filesystem;
using namespace headroom::model;

double peakRssMb() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<double>(usage.ru_maxrss) / 1024.0; // Linux reports KiB
}

fs::path scratch(const std::string& name) {
    const auto dir = fs::temp_directory_path() / ("headroom-bench-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    return dir / name;
}

/// The result store alone, per scenario: state.range(0) synthetic scenarios to a
/// transaction (1, the worst case; 4, what the batch's writer committed at --jobs 2 before
/// it held a transaction open for 50 ms; 256, the most headroom-cli batch commits at once).
void BM_ResultStoreWrite(benchmark::State& state) {
    const RunResult result = testing::syntheticRunResult();
    const auto path = scratch("store.sqlite");
    fs::remove(path);
    Diagnostics diagnostics;
    auto store = ResultStore::open(path, diagnostics);
    const auto runId = store->ensureRun({"bench", "b.json", "b.json", "list", 0}, diagnostics);
    std::vector<ScenarioRecord> records(static_cast<std::size_t>(state.range(0)));
    std::int64_t index = 0;
    for (auto _ : state) {
        for (ScenarioRecord& record : records) {
            record.index = index++;
            record.parametersJson = "{\"/cooling/supply_air/max\":\"27 degC\"}";
            record.scenarioHash = result.scenarioHash;
            record.result = &result;
        }
        store->write(*runId, records, false, diagnostics);
    }
    state.SetItemsProcessed(state.iterations() * state.range(0));
    store.reset();
    fs::remove(path);
}
BENCHMARK(BM_ResultStoreWrite)->Arg(1)->Arg(4)->Arg(256)->Unit(benchmark::kMicrosecond);

/// What a batch pays per scenario outside the simulation (issue 16: at most 0.15 ms):
/// RunService::prepare on a variant of the Indiana site, as a sweep's worker calls it
/// (overrides, hash, site reader with the climate cached, deployment sized and checked).
void BM_PrepareScenarioIndiana(benchmark::State& state) {
    const auto source =
        loadSiteSource(fs::path(HEADROOM_SOURCE_DIR) / "sample_sites" / "st-joseph-county-in.json");
    if (!source.source) {
        state.SkipWithError("sample_sites/st-joseph-county-in.json does not load");
        return;
    }
    tuneAllocatorForBatch(); // as headroom-cli batch does
    RunService service;
    int index = 0;
    for (auto _ : state) {
        const std::vector<Override> overrides{
            {"/cooling/supply_air/max", std::to_string(20.0 + 0.12 * (index % 100)) + " degC"},
            {"/campus/utility_interconnect", std::to_string(200 + index / 100 % 100) + " MW"}};
        const ScenarioBuild build = service.prepare(*source.source, overrides);
        if (!build.scenario) {
            state.SkipWithError("a variant of the Indiana site did not prepare");
            break;
        }
        benchmark::DoNotOptimize(build.hash.data());
        ++index;
    }
    state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_PrepareScenarioIndiana)->Unit(benchmark::kMicrosecond);

/// A cartesian sweep of the Indiana site with `scenarios` scenarios, run as
/// `headroom-cli batch --jobs 2` runs it.
void BM_BatchSweepIndiana(benchmark::State& state) {
    const fs::path site =
        fs::path(HEADROOM_SOURCE_DIR) / "sample_sites" / "st-joseph-county-in.json";
    if (!fs::exists(site)) {
        state.SkipWithError("sample_sites/st-joseph-county-in.json does not exist");
        return;
    }
    const auto steps = static_cast<int>(std::sqrt(static_cast<double>(state.range(0))));
    nlohmann::json supply = nlohmann::json::array(), interconnect = nlohmann::json::array();
    for (int i = 0; i < steps; ++i) {
        supply.push_back(std::to_string(20.0 + 12.0 * i / steps) + " degC");
        interconnect.push_back(std::to_string(200 + i) + " MW");
    }
    const auto sweepPath = scratch("sweep.json");
    std::ofstream(sweepPath) << nlohmann::json{
        {"format", kSweepFormat},
        {"base", site.string()},
        {"mode", "cartesian"},
        {"parameters",
         {{{"pointer", "/cooling/supply_air/max"}, {"values", supply}},
          {{"pointer", "/campus/utility_interconnect"},
           {"values",
            interconnect}}}}}.dump();
    const auto sweep = readSweepFile(sweepPath);
    if (!sweep.sweep) {
        state.SkipWithError(formatDiagnostic(sweep.diagnostics.items().front()).c_str());
        return;
    }
    const auto source = loadSiteSource(sweep.sweep->basePath);
    tuneAllocatorForBatch(); // as headroom-cli batch does
    std::size_t scenarios = 0;
    for (auto _ : state) {
        const auto dbPath = scratch("batch.sqlite");
        fs::remove(dbPath);
        Diagnostics diagnostics;
        auto store = ResultStore::open(dbPath, diagnostics);
        const auto runId =
            store->ensureRun({sweep.sweep->sha256, "sweep.json", site.string(), "cartesian",
                              static_cast<std::int64_t>(sweep.sweep->count())},
                             diagnostics);
        RunService service; // a fresh climate cache each time: its first read is counted
        const ScenarioPlan plan(sweep.sweep->count());
        BatchOptions options;
        options.jobs = 2;
        options.scenariosPerCommit = 256; // as headroom-cli batch commits
        Feedback feedback;
        const auto summary =
            runBatch(*store, *runId, plan, sweepScenarioJob(service, *source.source, *sweep.sweep),
                     options, feedback, diagnostics);
        scenarios += summary.finished;
        if (summary.failed > 0) {
            state.SkipWithError("scenarios failed");
            break;
        }
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(scenarios));
    state.counters["site_years_per_s"] =
        benchmark::Counter(static_cast<double>(scenarios), benchmark::Counter::kIsRate);
    state.counters["peak_rss_mb"] = peakRssMb();
    fs::remove_all(scratch("").parent_path());
}
BENCHMARK(BM_BatchSweepIndiana)
    ->Arg(1024)
    ->Arg(10000)
    ->Unit(benchmark::kSecond)
    ->UseRealTime()
    ->Iterations(1);

} // namespace
