// Parsing quantity strings: every value of every site file goes through here.
#include "model/units/quantity_parser.h"

#include <benchmark/benchmark.h>

namespace {

using namespace headroom::units;

void BM_ParsePower(benchmark::State& state) {
    for (auto _ : state) {
        auto result = parseQuantity<Power>("65 MW");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_ParsePower);

void BM_ParseCompoundUnit(benchmark::State& state) {
    for (auto _ : state) {
        auto result = parseQuantity<SpecificFanPower>("1.2 kW/(m3/s)");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_ParseCompoundUnit);

void BM_RejectWrongDimension(benchmark::State& state) {
    for (auto _ : state) {
        auto result = parseQuantity<Power>("27 degC");
        benchmark::DoNotOptimize(result);
    }
}
BENCHMARK(BM_RejectWrongDimension);

} // namespace
