// The batch explorer on a 100,000-scenario store (issue 18: sort and filter in <= 100 ms,
// draw in <= 200 ms). The store is written once, outside the timings, by the result store
// the batch runner uses: 100 supply-air limits x 1,000 interconnect sizes of a synthetic
// result whose PUE, water and water-free hours move with them, so a filter keeps a real
// share of the rows and a sort has work to do. Each benchmark times one step a planner
// takes: reading the store, a filter, a sort, and the view's own filter + sort + redraw.
#include "model/batch/result_store.h"
#include "model/batch/row_filter.h"
#include "model/report/synthetic_run_result.h"
#include "ui/report/pdf_report.h"
#include "ui/views/batch_view.h"

#include <QApplication>
#include <QTemporaryDir>
#include <QWindow>
#include <benchmark/benchmark.h>
#include <qcustomplot.h>

#include <memory>
#include <numeric>
#include <string>
#include <variant>

namespace {

constexpr int kScenarios = 100000;
const char* const kFilter = "pue < 1.2 and water_m3 < 20000";

/// The store's path, written on first use; empty when it could not be written.
const QString& storePath() {
    static QTemporaryDir dir;
    static const QString path = [] {
        const QString file = dir.filePath(QStringLiteral("explorer-100k.sqlite"));
        headroom::model::Diagnostics diagnostics;
        auto store = headroom::model::ResultStore::open(file.toStdString(), diagnostics);
        if (!store) {
            return QString();
        }
        const auto runId = store->ensureRun(
            {"bench-100k", "sweep.json", "base.json", "cartesian", kScenarios}, diagnostics);
        if (!runId) {
            return QString();
        }
        // One hourly-free result per scenario, in transactions of 1,000 as a batch commits.
        headroom::model::RunResult base = headroom::model::testing::syntheticRunResult();
        base.hourly = {}; // the store keeps no hourly rows here; 1,000 copies stay small
        constexpr int kChunk = 1000;
        std::vector<headroom::model::RunResult> results(kChunk, base);
        std::vector<headroom::model::ScenarioRecord> records(kChunk);
        for (int first = 0; first < kScenarios; first += kChunk) {
            for (int j = 0; j < kChunk; ++j) {
                const int i = first + j;
                const double limit = 20.0 + 0.1 * (i / 1000);         // degC
                const double interconnect = 100.0 + 0.5 * (i % 1000); // MW
                headroom::model::RunResult& r = results[static_cast<std::size_t>(j)];
                r.annual.pue = 1.05 + 0.3 * (30.0 - limit) / 10.0 + 1e-5 * (i % 1000);
                r.annual.waterM3 = 1000.0 * (limit - 15.0) + 40.0 * (i % 1000);
                r.annual.waterFreeHours = 8760 - static_cast<int>(200.0 * (limit - 18.0));
                records[static_cast<std::size_t>(j)] = {
                    i,
                    "{\"/campus/utility_interconnect\":\"" + std::to_string(interconnect) +
                        " MW\",\"/cooling/supply_air/max\":\"" + std::to_string(limit) + " degC\"}",
                    "hash" + std::to_string(i),
                    &r,
                    {}};
            }
            if (!store->write(*runId, records, false, diagnostics)) {
                return QString();
            }
        }
        return file;
    }();
    return path;
}

const headroom::ui::BatchTable* tableOrSkip(benchmark::State& state) {
    static const std::unique_ptr<headroom::ui::BatchTable> table = [] {
        headroom::model::Diagnostics diagnostics;
        auto read = headroom::ui::readBatchStore(storePath(), diagnostics);
        return read ? std::make_unique<headroom::ui::BatchTable>(std::move(*read)) : nullptr;
    }();
    if (!table) {
        state.SkipWithError("the 100,000-scenario store could not be written or read");
    }
    return table.get();
}

std::vector<std::string> keys(const headroom::ui::BatchTable& table) {
    std::vector<std::string> out;
    for (const auto& column : table.columns) {
        out.push_back(column.key.toStdString());
    }
    return out;
}

void BM_ExplorerReadStore(benchmark::State& state) {
    if (!tableOrSkip(state)) {
        return;
    }
    for (auto _ : state) {
        headroom::model::Diagnostics diagnostics;
        auto table = headroom::ui::readBatchStore(storePath(), diagnostics);
        benchmark::DoNotOptimize(table);
    }
}
BENCHMARK(BM_ExplorerReadStore)->Unit(benchmark::kMillisecond);

void BM_ExplorerFilter(benchmark::State& state) {
    const auto* table = tableOrSkip(state);
    if (!table) {
        return;
    }
    const std::vector<std::string> names = keys(*table);
    std::size_t kept = 0;
    for (auto _ : state) {
        auto filter = headroom::model::RowFilter::parse(kFilter, names);
        const auto rows =
            headroom::ui::filterRows(*table, std::get<headroom::model::RowFilter>(filter));
        kept = rows.size();
        benchmark::DoNotOptimize(rows.data());
    }
    state.counters["kept"] = static_cast<double>(kept);
}
BENCHMARK(BM_ExplorerFilter)->Unit(benchmark::kMillisecond);

void BM_ExplorerSort(benchmark::State& state) {
    const auto* table = tableOrSkip(state);
    if (!table) {
        return;
    }
    const auto column = static_cast<std::size_t>(table->column(QStringLiteral("water_m3")));
    std::vector<std::size_t> all(table->rows.size());
    for (auto _ : state) {
        std::iota(all.begin(), all.end(), std::size_t{0});
        headroom::ui::sortRows(*table, all, column, false);
        benchmark::DoNotOptimize(all.data());
    }
}
BENCHMARK(BM_ExplorerSort)->Unit(benchmark::kMillisecond);

/// The view: a filter typed, then a sort by site water, each redrawing the table and the
/// scatter (every kept point and the Pareto front) and repainting the window.
void BM_ExplorerViewFilterSortDraw(benchmark::State& state) {
    if (!tableOrSkip(state)) {
        return;
    }
    headroom::ui::ensureOffscreenApplication();
    headroom::ui::BatchView view;
    headroom::model::Diagnostics diagnostics;
    if (!view.openStore(storePath(), diagnostics)) {
        state.SkipWithError("the view did not open the store");
        return;
    }
    view.resize(1400, 900);
    view.show();
    while (!(view.windowHandle() && view.windowHandle()->isExposed())) {
        QApplication::processEvents(QEventLoop::AllEvents, 50);
    }
    bool ascending = true;
    for (auto _ : state) {
        view.setFilter(ascending ? QString::fromLatin1(kFilter) : QString());
        view.sortBy(QStringLiteral("water_m3"), ascending);
        view.repaint();
        ascending = !ascending;
    }
}
BENCHMARK(BM_ExplorerViewFilterSortDraw)->Unit(benchmark::kMillisecond);

} // namespace
