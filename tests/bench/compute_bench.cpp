// Compute and fabric sizing at campus scale (issue 5): a 1,000,000-chip Trn2 fabric and
// the placement of an Indiana-sized campus (30 buildings, ~2.2 GW [cnbc-2025-rainier]).
#include "model/catalog/catalog.h"
#include "model/sizing/compute_sizing.h"
#include "model/sizing/fabric.h"

#include <benchmark/benchmark.h>

namespace {

using namespace headroom;
using namespace headroom::model;

// 1,000,000 Trainium2 chips = 15,625 UltraServers x 4 servers x 8 x 400G EFA ports.
void BM_FabricMillionChips(benchmark::State& state) {
    FabricRequest request;
    request.endpoints = 15625LL * 4 * 8;
    request.endpointSpeed = units::DataRate::from_value(400e9 / 8.0);
    request.switchSpec = Catalog::builtin().networkSwitch("51.2t-128x400g");
    request.endpointOpticsPower = request.switchSpec->opticsPowerPerPort;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto design = sizeFabric(request, diagnostics);
        benchmark::DoNotOptimize(design);
    }
}
BENCHMARK(BM_FabricMillionChips);

// An Indiana-sized campus: 30 buildings x 2 halls of 32 MW IT and 1,600 rack positions,
// 2.2 GW interconnect, filled with Trn2 UltraServers (the fill bisects over the count,
// sizing a fabric for each candidate).
Site indianaCampus() {
    const auto& catalog = Catalog::builtin();
    Site site;
    site.it.platform = *catalog.platform("trn2-ultraserver");
    site.it.chip = *catalog.chip("trainium2");
    site.campus.buildings = 30;
    site.campus.hallsPerBuilding = 2;
    site.campus.itPowerPerHall = units::megawatts(32.0);
    site.campus.rackPositionsPerHall = 1600;
    site.campus.rackPowerLimit = units::kilowatts(40.0);
    site.campus.racksPerRow = 20;
    site.campus.utilityInterconnect = units::megawatts(2200.0);
    site.fabric.switchId = "51.2t-128x400g";
    return site;
}

void BM_ComputeSizingIndianaFill(benchmark::State& state) {
    const auto site = indianaCampus();
    ComputeSizing last;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto sizing = sizeCompute(site, Catalog::builtin(), diagnostics);
        benchmark::DoNotOptimize(sizing);
        last = std::move(sizing);
    }
    state.counters["ultraservers"] = last.ultraServers;
    state.counters["racks"] = last.racks;
    state.counters["tiers"] = last.fabricTiers;
    state.counters["switches"] = static_cast<double>(last.switches);
    state.counters["network_mw"] = last.networkPowerKw / 1e3;
    state.counters["it_mw"] = last.itPowerKw / 1e3;
}
BENCHMARK(BM_ComputeSizingIndianaFill);

void BM_ComputeSizingIndianaFixed(benchmark::State& state) {
    auto site = indianaCampus();
    site.it.ultraServers = 15625;
    for (auto _ : state) {
        Diagnostics diagnostics;
        auto sizing = sizeCompute(site, Catalog::builtin(), diagnostics);
        benchmark::DoNotOptimize(sizing);
    }
}
BENCHMARK(BM_ComputeSizingIndianaFixed);

} // namespace
