// Climate and psychrometrics: one wet bulb (the hourly loop's inner solve), a whole
// weather year to full moist-air states, reading an EPW file, and regenerating a year
// from a climate digest, on the Chicago O'Hare TMY3 year in tests/data/weather.
#include "model/climate/climate_digest.h"
#include "model/climate/epw_file.h"
#include "model/climate/psychrometrics.h"

#include <benchmark/benchmark.h>

#include <filesystem>
#include <optional>

namespace {

using namespace headroom::model;

const std::filesystem::path kChicago = std::filesystem::path(HEADROOM_TEST_DATA_DIR) /
                                       "weather/USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw";

const std::optional<Climate>& chicago() {
    static const std::optional<Climate> climate = [] {
        Diagnostics diagnostics;
        return EpwFile::readClimate(kChicago, diagnostics);
    }();
    return climate;
}

void BM_WetBulb(benchmark::State& state) {
    double dryBulb = 31.0;
    double humidityRatio = psychro::humidityRatioFromDewPoint(22.0, 99000.0);
    double pressure = 99000.0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(dryBulb);
        benchmark::DoNotOptimize(humidityRatio);
        benchmark::DoNotOptimize(pressure);
        double wetBulb = psychro::wetBulbFromHumidityRatio(dryBulb, humidityRatio, pressure);
        benchmark::DoNotOptimize(wetBulb);
    }
}
BENCHMARK(BM_WetBulb);

/// Every hour of a year to wet bulb, humidity ratio, enthalpy and density.
void BM_YearToMoistAirStates(benchmark::State& state) {
    const auto& climate = chicago();
    if (!climate) {
        state.SkipWithError("shared Chicago EPW absent");
        return;
    }
    const std::size_t n = climate->hours();
    std::vector<double> wetBulb(n);
    std::vector<double> humidityRatio(n);
    std::vector<double> enthalpy(n);
    std::vector<double> density(n);
    for (auto _ : state) {
        for (std::size_t i = 0; i < n; ++i) {
            const double t = climate->dryBulbC[i];
            const double p = climate->pressurePa[i];
            const double w = psychro::humidityRatioFromDewPoint(climate->dewPointC[i], p);
            humidityRatio[i] = w;
            wetBulb[i] = psychro::wetBulbFromHumidityRatio(t, w, p);
            enthalpy[i] = psychro::moistAirEnthalpyJPerKg(t, w);
            density[i] = psychro::moistAirDensityKgPerM3(t, w, p);
        }
        benchmark::DoNotOptimize(wetBulb.data());
        benchmark::DoNotOptimize(enthalpy.data());
        benchmark::DoNotOptimize(density.data());
        benchmark::ClobberMemory();
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}
BENCHMARK(BM_YearToMoistAirStates)->Unit(benchmark::kMillisecond);

void BM_EpwRead(benchmark::State& state) {
    if (!std::filesystem::exists(kChicago)) {
        state.SkipWithError("shared Chicago EPW absent");
        return;
    }
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto file = EpwFile::load(kChicago, diagnostics);
        benchmark::DoNotOptimize(file);
    }
}
BENCHMARK(BM_EpwRead)->Unit(benchmark::kMillisecond);

void BM_DigestMake(benchmark::State& state) {
    const auto& climate = chicago();
    if (!climate) {
        state.SkipWithError("shared Chicago EPW absent");
        return;
    }
    for (auto _ : state) {
        auto digest = makeClimateDigest(*climate, "chicago");
        benchmark::DoNotOptimize(digest);
    }
}
BENCHMARK(BM_DigestMake)->Unit(benchmark::kMillisecond);

void BM_DigestRegenerate(benchmark::State& state) {
    const auto& climate = chicago();
    if (!climate) {
        state.SkipWithError("shared Chicago EPW absent");
        return;
    }
    const nlohmann::json digest = makeClimateDigest(*climate, "chicago");
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto year = climateFromDigest(digest, diagnostics);
        benchmark::DoNotOptimize(year);
    }
}
BENCHMARK(BM_DigestRegenerate)->Unit(benchmark::kMillisecond);

} // namespace
