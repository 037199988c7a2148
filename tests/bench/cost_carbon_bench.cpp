// Issue 20, "Speed": the cost and carbon layers (TCO with an hourly price, 24/7 carbon-free
// energy with a wind and a solar PPA and a battery, water stress) add at most 10 % to a
// site-year. The same Indiana-like site-year as simulate_bench.cpp, without and with the
// layers, in one run; compare the two medians. The layers alone (the same inputs, on a
// result the site-year with them prepared) measure what they add directly: the target is
// BM_CostCarbonLayersAlone / BM_SiteYearWithoutCostCarbon <= 0.10. On a shared machine run
// the three interleaved, so a drift in load falls on all of them:
// headroom-bench --benchmark_filter='SiteYearWith|LayersAlone'
// --benchmark_enable_random_interleaving=true

#include "model/cost/carbon_free_energy.h"
#include "model/cost/embodied_carbon.h"
#include "model/cost/tco.h"
#include "model/cost/water_stress.h"
#include "model/sim/sim_test_support.h"
#include "model/sim/simulate.h"

#include <benchmark/benchmark.h>

namespace {

using namespace headroom::model;
namespace units = headroom::units;

Scenario siteYear(bool layers) {
    Site site = testing::indianaLikeSite(testing::syntheticClimate(10.0, 15.0, 5.0, 6.0, 22.0));
    if (layers) {
        constexpr double kYear = 8760.0 * 3600.0; // s
        CostInputs& c = site.cost.emplace();
        c.constructionUsdPerW = 11.7;
        c.aiPremium = 0.085;
        c.switchUsd = 2e5;
        c.transceiverUsd = 1250.0;
        c.electricityUsdPerKwh.values.assign(8760, 0.0824);
        c.demandChargeUsdPerWs = 10.0 / (1e3 * kYear / 12.0);
        c.waterUsdPerM3 = 2.5;
        c.maintenanceShare = 0.03;
        c.discountRate = 0.08;
        c.serverLife = units::Time::from_value(5 * kYear);
        c.networkLife = units::Time::from_value(6 * kYear);
        c.plantLife = units::Time::from_value(20 * kYear);
        c.shellLife = units::Time::from_value(35 * kYear);
        CleanEnergyInputs& e = site.cleanEnergy.emplace();
        e.gridMix = BalancingAuthority::PJM;
        e.windCapacity = units::megawatts(40.0);
        e.solarCapacity = units::megawatts(60.0);
        e.battery = BatteryInputs{units::megawatts(10.0), units::kilowattHours(40e3), 0.85};
        site.waterStress = WaterStressInputs{WaterStressCategory::High, 3.4};
    }
    return {std::move(site), "bench"};
}

void siteYearLoop(benchmark::State& state, bool layers) {
    const Scenario scenario = siteYear(layers);
    Feedback feedback;
    simulate(scenario, feedback); // the grid mix is parsed, the contracts' hours made
    for (auto _ : state) {
        RunResult result = simulate(scenario, feedback);
        benchmark::DoNotOptimize(result.annual.pue);
    }
}

void BM_SiteYearWithoutCostCarbon(benchmark::State& state) {
    siteYearLoop(state, false);
}
BENCHMARK(BM_SiteYearWithoutCostCarbon)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

void BM_SiteYearWithCostCarbon(benchmark::State& state) {
    siteYearLoop(state, true);
}
BENCHMARK(BM_SiteYearWithCostCarbon)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

// What simulate() runs after the year when the site has the sections (model/sim/simulate.cpp),
// on the year's result: each layer overwrites what it writes, so the result can be reused.
void BM_CostCarbonLayersAlone(benchmark::State& state) {
    const Scenario scenario = siteYear(true);
    const Site& site = scenario.site;
    Feedback feedback;
    RunResult result = simulate(scenario, feedback);
    for (auto _ : state) {
        Diagnostics diagnostics;
        result.cost = siteCost(site, result, diagnostics);
        result.embodiedCarbon = siteEmbodiedCarbon(site, result, diagnostics);
        result.cfe = siteCarbonFreeEnergy(site, result, diagnostics);
        result.waterStress = siteWaterStress(site, result, diagnostics);
        benchmark::DoNotOptimize(result.cfe->cfeShare);
    }
}
BENCHMARK(BM_CostCarbonLayersAlone)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(10)
    ->ReportAggregatesOnly(true);

} // namespace
