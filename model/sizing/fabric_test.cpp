#include "model/sizing/fabric.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace headroom::model {
namespace {

SwitchSpec kPortSwitch(int k, double gbps = 400.0) {
    SwitchSpec s;
    s.id = "test-" + std::to_string(k);
    s.ports = k;
    s.portSpeed = units::DataRate::from_value(gbps * 1e9 / 8.0);
    s.power = units::watts(1000.0);
    s.opticsPowerPerPort = units::watts(10.0);
    return s;
}

// The request points at `sw`, which must outlive it.
FabricRequest request(long long endpoints, const SwitchSpec& sw, double nicGbps = 400.0) {
    FabricRequest r;
    r.endpoints = endpoints;
    r.endpointSpeed = units::DataRate::from_value(nicGbps * 1e9 / 8.0);
    r.switchSpec = &sw;
    r.endpointOpticsPower = units::watts(10.0);
    return r;
}

// Al-Fares, Loukissas and Vahdat, "A Scalable, Commodity Data Center Network
// Architecture", SIGCOMM 2008, §3: a fat tree of k-port switches supports k^3/4 hosts with
// k^2/2 edge, k^2/2 aggregation and k^2/4 core switches (5k^2/4 in all). Exact counts.
TEST(Fabric, ThreeTierFatTreeMatchesAlFares) {
    for (int k : {4, 8, 16, 24, 32, 48, 64, 128}) {
        const long long kk = k;
        const long long hosts = kk * kk * kk / 4;
        Diagnostics diagnostics;
        const auto d = sizeFabric(request(hosts, kPortSwitch(k)), diagnostics);
        EXPECT_TRUE(diagnostics.empty()) << k;
        EXPECT_EQ(d.tiers, 3) << k;
        EXPECT_EQ(d.capacity, hosts) << k;
        EXPECT_EQ(d.switches, 5 * kk * kk / 4) << k;
        ASSERT_EQ(d.switchesPerTier.size(), 3U);
        EXPECT_EQ(d.switchesPerTier[0], kk * kk / 2) << k;
        EXPECT_EQ(d.switchesPerTier[1], kk * kk / 2) << k;
        EXPECT_EQ(d.switchesPerTier[2], kk * kk / 4) << k;
        // k^3/4 links at each of the three levels (hosts-edge, edge-agg, agg-core).
        for (long long links : d.linksPerTier) {
            EXPECT_EQ(links, hosts) << k;
        }
        EXPECT_EQ(d.cables, 3 * hosts);
        // Every switch port carries a transceiver, plus one at each host.
        EXPECT_EQ(d.switchTransceivers, d.switches * k) << k;
        EXPECT_EQ(d.transceivers, d.switches * k + hosts) << k;
        // Full bisection: hosts x link speed / 2.
        EXPECT_DOUBLE_EQ(d.bisectionTbps, static_cast<double>(hosts) * 0.4 / 2.0);
        // One more host needs a fourth tier.
        const auto bigger = sizeFabric(request(hosts + 1, kPortSwitch(k)), diagnostics);
        EXPECT_EQ(bigger.tiers, 4) << k;
    }
}

// The two-tier leaf-spine: k^2/2 hosts on k leaves and k/2 spines.
TEST(Fabric, TwoTierLeafSpine) {
    for (int k : {8, 32, 64}) {
        Diagnostics diagnostics;
        const long long hosts = static_cast<long long>(k) * k / 2;
        const auto d = sizeFabric(request(hosts, kPortSwitch(k)), diagnostics);
        EXPECT_EQ(d.tiers, 2);
        EXPECT_EQ(d.switches, 3LL * k / 2);
        EXPECT_EQ(sizeFabric(request(k, kPortSwitch(k)), diagnostics).tiers, 1);
        EXPECT_EQ(sizeFabric(request(k + 1, kPortSwitch(k)), diagnostics).tiers, 2);
    }
}

// General non-blocking n-tier tree: 2(k/2)^n hosts with (2n-1)(k/2)^(n-1) switches.
TEST(Fabric, FourTierTreeFollowsTheGeneralForm) {
    const int k = 8;
    Diagnostics diagnostics;
    const auto d = sizeFabric(request(2 * 4 * 4 * 4 * 4, kPortSwitch(k)), diagnostics);
    EXPECT_EQ(d.tiers, 4);
    EXPECT_EQ(d.switches, 7 * 4 * 4 * 4);
}

// 3:1 at the leaf: 48 down and 16 up on a 64-port switch; the bisection drops by 3.
TEST(Fabric, OversubscriptionCutsUpperTiersAndBisection) {
    Diagnostics diagnostics;
    const SwitchSpec sw = kPortSwitch(64);
    auto r = request(48 * 64, sw);
    r.oversubscription = 3.0;
    const auto d = sizeFabric(r, diagnostics);
    EXPECT_EQ(d.tiers, 2);
    EXPECT_EQ(d.switchesPerTier[0], 64);
    EXPECT_EQ(d.linksPerTier[1], 64 * 16);
    EXPECT_EQ(d.switchesPerTier[1], 16);
    EXPECT_DOUBLE_EQ(d.bisectionTbps, 48.0 * 64 * 0.4 / 2.0 / 3.0);
}

// Rail-optimized planes: 8 planes of 1/8 of the endpoints each need fewer tiers.
TEST(Fabric, PlanesSplitTheEndpoints) {
    Diagnostics diagnostics;
    const long long endpoints = 8 * 2048; // 2,048 servers x 8 ports
    const SwitchSpec sw = kPortSwitch(64);
    const auto one = sizeFabric(request(endpoints, sw), diagnostics);
    auto railed = request(endpoints, sw);
    railed.planes = 8;
    const auto eight = sizeFabric(railed, diagnostics);
    EXPECT_EQ(one.tiers, 3);
    EXPECT_EQ(eight.tiers, 2); // 2,048 per plane <= 64 x 32
    EXPECT_EQ(eight.switches, 8 * (64 + 32));
    EXPECT_LT(eight.switches, one.switches);
    EXPECT_DOUBLE_EQ(eight.bisectionTbps, one.bisectionTbps);
}

// A 64 x 800G switch breaks out into 128 x 400G: same tree as 128-port 400G switches,
// half the switch-side transceivers.
TEST(Fabric, BreakoutDoublesRadixAndSharesTransceivers) {
    Diagnostics diagnostics;
    const long long endpoints = 100000;
    const auto breakout = sizeFabric(request(endpoints, kPortSwitch(64, 800.0)), diagnostics);
    const SwitchSpec sw400 = kPortSwitch(128, 400.0);
    const auto native = sizeFabric(request(endpoints, sw400), diagnostics);
    EXPECT_EQ(breakout.radix, 128);
    EXPECT_EQ(breakout.breakout, 2);
    EXPECT_EQ(breakout.switches, native.switches);
    EXPECT_EQ(breakout.switchTransceivers, (native.switchTransceivers + 1) / 2);
    // Copper NIC links drop the host transceivers and their leaf-side ends.
    auto copper = request(endpoints, sw400);
    copper.opticalEndpointLinks = false;
    const auto c = sizeFabric(copper, diagnostics);
    EXPECT_EQ(c.transceivers, native.transceivers - 2 * endpoints);
    EXPECT_TRUE(diagnostics.empty());
}

TEST(Fabric, PowerIsSwitchesPlusOptics) {
    Diagnostics diagnostics;
    const auto d = sizeFabric(request(16, kPortSwitch(4)), diagnostics);
    EXPECT_DOUBLE_EQ(d.switchPowerKw, 20 * 1.0);
    EXPECT_DOUBLE_EQ(d.opticsPowerKw, (20 * 4 + 16) * 0.010);
    EXPECT_DOUBLE_EQ(d.powerKw(), d.switchPowerKw + d.opticsPowerKw);
}

TEST(Fabric, ImpossibleRequestsAreDiagnosed) {
    Diagnostics diagnostics;
    EXPECT_EQ(sizeFabric(request(0, kPortSwitch(64)), diagnostics).tiers, 0);
    EXPECT_TRUE(diagnostics.hasErrors());
    Diagnostics tooMany;
    // 4-port switches top out at 2 x 2^6 = 128 endpoints in six tiers.
    EXPECT_EQ(sizeFabric(request(129, kPortSwitch(4)), tooMany).tiers, 0);
    ASSERT_TRUE(tooMany.hasErrors());
    EXPECT_EQ(tooMany.items().front().pointer, "/fabric");
}

// Project Rainier scale [amazon-2025-rainier]: 500,000 and 1,000,000 Trainium2 chips as
// 7,813 and 15,625 Trn2 UltraServers of 4 servers x 8 x 400G EFA ports, on 51.2 Tb/s
// 128 x 400G switches, non-blocking. Both fit three tiers (k^3/4 = 524,288 ports); the
// switch count is 5E/k to within rounding (the full-tree ratio 5k^2/4 per k^3/4).
TEST(Fabric, RainierScale) {
    const SwitchSpec sw = *Catalog::builtin().networkSwitch("51.2t-128x400g");
    const auto optics = Catalog::builtin().opticsForSpeed(sw.portSpeed);
    ASSERT_TRUE(optics);
    for (long long ultraServers : {7813LL, 15625LL}) {
        const long long endpoints = ultraServers * 4 * 8;
        auto r = request(endpoints, sw);
        r.endpointOpticsPower = optics->power;
        Diagnostics diagnostics;
        const auto d = sizeFabric(r, diagnostics);
        EXPECT_EQ(d.tiers, 3);
        const double expected = 5.0 * static_cast<double>(endpoints) / 128.0;
        EXPECT_NEAR(static_cast<double>(d.switches), expected, 3.0);
        EXPECT_GE(d.capacity, endpoints);
        // Full bisection of 400G ports: endpoints x 0.4 Tb/s / 2.
        EXPECT_DOUBLE_EQ(d.bisectionTbps, static_cast<double>(endpoints) * 0.4 / 2.0);
        // The same tree on 64 x 800G switches in 2 x 400G breakout: half the switch optics.
        const SwitchSpec sw800 = *Catalog::builtin().networkSwitch("51.2t-64x800g");
        auto r800 = request(endpoints, sw800);
        r800.endpointOpticsPower = optics->power;
        const auto d800 = sizeFabric(r800, diagnostics);
        EXPECT_EQ(d800.switches, d.switches);
        EXPECT_LT(d800.opticsPowerKw, d.opticsPowerKw);
        std::printf(
            "  on 64x800G: transceivers %lld (800G %lld), switch %.1f MW + optics %.1f MW\n",
            d800.transceivers, d800.switchTransceivers, d800.switchPowerKw / 1e3,
            d800.opticsPowerKw / 1e3);
        std::printf("Rainier %lld UltraServers: %lld endpoints, %d tiers, switches %lld/%lld/%lld "
                    "= %lld, transceivers %lld, cables %lld, switch %.1f MW + optics %.1f MW, "
                    "bisection %.1f Pb/s\n",
                    ultraServers, endpoints, d.tiers, d.switchesPerTier[0], d.switchesPerTier[1],
                    d.switchesPerTier[2], d.switches, d.transceivers, d.cables,
                    d.switchPowerKw / 1e3, d.opticsPowerKw / 1e3, d.bisectionTbps / 1e3);
    }
}

} // namespace
} // namespace headroom::model
