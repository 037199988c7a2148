// headroom-cli batch: runs every scenario of a sweep file into a SQLite result store,
// committing each as it finishes; --resume runs only what is missing, --shard K/N a
// deterministic 1/N of the scenarios (cluster array jobs).
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "app/cli/progress_bar.h"
#include "model/batch/batch_runner.h"
#include "model/batch/result_store.h"
#include "model/batch/sweep.h"
#include "model/core/atomic_file.h"
#include "model/run/run_service.h"

#include <chrono>
#include <csignal>
#include <iostream>
#include <thread>

namespace headroom::cli {
namespace {

model::Feedback* g_interruptible = nullptr;

extern "C" void onInterrupt(int) {
    // Finish the scenarios in flight, commit them, and stop: --resume picks up the rest.
    if (g_interruptible != nullptr) {
        g_interruptible->cancel();
    }
}

int runBatchCommand(std::span<const std::string> args) {
    std::string dbPath, csvPath;
    long long jobs = static_cast<long long>(std::max(1u, std::thread::hardware_concurrency()));
    long long shard = 1, shards = 1;
    bool resume = false, hourly = false, progress = false;
    std::string jobsText, shardText;
    std::vector<std::string> sweeps;
    if (const int code = parseArguments("batch", args,
                                        {{"--db", "", &dbPath, nullptr, "a file name"},
                                         {"--csv", "", &csvPath, nullptr, "a file name"},
                                         {"--jobs", "-j", &jobsText, nullptr, "a whole number"},
                                         {"--shard", "", &shardText, nullptr, "K/N"},
                                         {"--resume", "", nullptr, &resume},
                                         {"--hourly", "", nullptr, &hourly},
                                         {"--progress", "", nullptr, &progress}},
                                        sweeps);
        code != kOk) {
        return code;
    }
    if (!jobsText.empty()) {
        const auto n = parseCount(jobsText);
        if (!n || *n < 1 || *n > 1024) {
            return usageError("batch",
                              "'--jobs' is a whole number from 1 to 1024, not '" + jobsText + "'");
        }
        jobs = *n;
    }
    if (!shardText.empty()) {
        const auto slash = shardText.find('/');
        const auto k =
            slash != std::string::npos ? parseCount(shardText.substr(0, slash)) : std::nullopt;
        const auto n =
            slash != std::string::npos ? parseCount(shardText.substr(slash + 1)) : std::nullopt;
        if (!k || !n || *n < 1 || *k < 1 || *k > *n) {
            return usageError("batch",
                              "'--shard' is K/N with 1 <= K <= N, not '" + shardText + "'");
        }
        shard = *k;
        shards = *n;
    }
    if (sweeps.size() > 1) {
        return usageError("batch",
                          "one sweep file at a time ('" + sweeps[1] + "' is a second one)");
    }
    const std::string sweepPath = sweeps.empty() ? std::string() : sweeps.front();
    if (sweepPath.empty()) {
        return usageError("batch", "missing the sweep file");
    }
    if (dbPath.empty()) {
        return usageError("batch", "missing '--db results.sqlite'");
    }

    // Everything is checked before anything runs: the sweep, its base site, the store.
    auto sweepLoad = model::readSweepFile(sweepPath);
    printDiagnostics(sweepLoad.diagnostics);
    if (!sweepLoad.sweep) {
        return kBadInput;
    }
    const model::Sweep& sweep = *sweepLoad.sweep;
    auto siteLoad = model::loadSiteSource(sweep.basePath);
    printDiagnostics(siteLoad.diagnostics);
    if (!siteLoad.source) {
        return kBadInput;
    }
    const model::SiteSource& base = *siteLoad.source;
    model::RunService service;
    {
        auto check = service.prepare(base, {});
        printDiagnostics(check.diagnostics);
        if (!check.scenario) {
            std::cerr << "headroom-cli batch: the base site has errors; nothing was run\n";
            return kBadInput;
        }
    }

    model::Diagnostics storeDiagnostics;
    auto store = model::ResultStore::open(dbPath, storeDiagnostics);
    if (!store) {
        printDiagnostics(storeDiagnostics);
        return kBadInput;
    }
    const std::size_t count = sweep.count();
    const auto runId =
        store->ensureRun({sweep.sha256, sweepPath, sweep.basePath.string(),
                          model::sweepModeName(sweep.mode), static_cast<std::int64_t>(count)},
                         storeDiagnostics);
    if (!runId) {
        printDiagnostics(storeDiagnostics);
        return kRuntimeFailure;
    }
    // The scenarios to run, made on demand from their position: memory stays flat whatever
    // the sweep's count (up to 2^40), and a resume reads only which runs are finished.
    const auto shardIndex = static_cast<std::size_t>(shard - 1);
    const auto shardCount = static_cast<std::size_t>(shards);
    const model::ScenarioPlan plan(
        count, shardIndex, shardCount,
        store->finishedRuns(*runId, static_cast<std::int64_t>(count), shardIndex, shardCount));
    const std::size_t alreadyDone = plan.alreadyDone();
    if (alreadyDone > 0 && !resume) {
        std::cerr << dbPath << ": error: already holds " << alreadyDone
                  << " scenarios of this sweep; add --resume to run only the missing ones, "
                     "or choose another --db\n";
        return kBadInput;
    }

    model::tuneAllocatorForBatch();
    model::Feedback feedback;
    g_interruptible = &feedback;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);

    ProgressBar bar("batch", progress || stderrIsTerminal());
    model::BatchOptions options;
    options.jobs = static_cast<int>(jobs);
    options.hourly = hourly;
    // A commit every 50 ms, whatever finished in it (256 at most): fewer, larger commits
    // cost the writer less (README, Speed).
    options.scenariosPerCommit = 256;
    options.progress = [&](std::size_t done, std::size_t total) { bar.update(done, total); };
    const auto started = std::chrono::steady_clock::now();
    const auto summary =
        model::runBatch(*store, *runId, plan, model::sweepScenarioJob(service, base, sweep),
                        options, feedback, storeDiagnostics);
    bar.finish();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_interruptible = nullptr;
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    printDiagnostics(storeDiagnostics);

    std::cerr << "batch: " << summary.finished << " of " << summary.total << " scenarios";
    if (alreadyDone > 0) {
        std::cerr << " (" << alreadyDone << " already done)";
    }
    if (summary.failed > 0) {
        std::cerr << ", " << summary.failed << " failed (their diagnostics are in the store)";
    }
    char rate[64];
    std::snprintf(rate, sizeof rate, " in %.2f s, %.0f site-years/s", seconds,
                  seconds > 0 ? static_cast<double>(summary.finished) / seconds : 0.0);
    std::cerr << rate << "\n";

    if (summary.storeFailed) {
        return kRuntimeFailure;
    }
    if (!csvPath.empty()) {
        // Streamed row by row: a sweep of millions never sits in memory as one string.
        if (auto failure = model::writeFileAtomically(csvPath, [&](const model::ByteSink& sink) {
                store->writeSummaryCsv(*runId, sink);
            })) {
            std::cerr << model::formatDiagnostic(*failure) << "\n";
            return kRuntimeFailure;
        }
    }
    if (summary.canceled) {
        std::cerr << "batch: interrupted; run again with --resume to finish\n";
        return kRuntimeFailure;
    }
    return summary.failed > 0 ? kBadInput : kOk;
}

} // namespace

const Command kBatchCommand{
    "batch",
    "run a sweep of scenarios into a SQLite result store",
    "usage: headroom-cli batch SWEEP --db results.sqlite [--jobs N] [--shard K/N]\n"
    "                          [--resume] [--csv summary.csv] [--hourly] [--progress]\n\n"
    "Runs every scenario of the sweep file SWEEP (format headroom-sweep/1) and stores\n"
    "each result as it finishes. Every pointer and value of the sweep is checked against\n"
    "the base site before anything runs. The store's content is the same whatever --jobs\n"
    "is; shards merged with 'headroom-cli merge' equal a single run.\n\n"
    "options:\n"
    "  --db FILE        the result store (SQLite), created when missing\n"
    "  -j, --jobs N     worker threads (default: the number of cores)\n"
    "  --shard K/N      run only scenarios i with i mod N = K-1 (array jobs)\n"
    "  --resume         run only the scenarios the store does not hold yet\n"
    "  --csv FILE       also write the run's KPIs, one row per scenario\n"
    "  --hourly         also store the hourly series (8760 rows per scenario)\n"
    "  --progress       draw the progress bar even when stderr is not a terminal\n\n"
    "Ctrl-C stops after committing the scenarios in flight; --resume finishes the sweep.\n"
    "Exit codes: 0 ok, 1 bad input (sweep, base site, or scenarios that failed),\n"
    "2 usage error, 3 runtime failure or interrupted.\n",
    runBatchCommand,
};

} // namespace headroom::cli
