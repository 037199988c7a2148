#include "model/perf/accelerator_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>

namespace {

using namespace headroom::model;

// Trn2 UltraServer [aws-neuron-trn2-arch]: 64 chips on NeuronLink (1.28 TB/s per chip, half
// each way), 3.2 Tbps of EFA per 16-chip server = 25 GB/s per chip each way.
TEST(AcceleratorSystem, Trn2UltraServerFromTheCatalog) {
    const auto& catalog = Catalog::builtin();
    const auto s = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                  *catalog.platform("trn2-ultraserver"));
    EXPECT_EQ(s.scaleUpDomain, 64);
    EXPECT_DOUBLE_EQ(s.scaleUp.bandwidthBytesPerS, 640e9);
    EXPECT_DOUBLE_EQ(s.scaleOut.bandwidthBytesPerS, 25e9);
    EXPECT_DOUBLE_EQ(s.nicPortsPerChip, 0.5);
    EXPECT_DOUBLE_EQ(*s.peak(Precision::Bf16), 667e12);
    EXPECT_FALSE(s.peak(Precision::Tf32)); // unpublished: absent, never zero
}

// A group inside one leaf crosses one switch at full rate; a larger one climbs the Clos
// tiers (2 n - 1 switches for n tiers) and shares the leaf's uplinks r:1.
TEST(AcceleratorSystem, TiersAddLatencyAndOversubscriptionDividesBandwidth) {
    const auto& catalog = Catalog::builtin();
    const auto s = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                  *catalog.platform("trn2-ultraserver"), 2.0, 64);
    // Radix 64 at 2:1: 42 ports down per leaf = 84 chips at half a port each.
    const auto inLeaf = s.scaleOutFor(64);
    EXPECT_DOUBLE_EQ(inLeaf.bandwidthBytesPerS, 25e9 * s.linkEfficiency);
    EXPECT_DOUBLE_EQ(inLeaf.latencySeconds, s.scaleOut.latencySeconds + s.switchLatencySeconds);
    const auto wide = s.scaleOutFor(100000); // 50,000 ports: three tiers of 64-port switches
    EXPECT_DOUBLE_EQ(wide.bandwidthBytesPerS, 25e9 * s.linkEfficiency / 2.0);
    EXPECT_DOUBLE_EQ(wide.latencySeconds, s.scaleOut.latencySeconds + 5.0 * s.switchLatencySeconds);
}

// The links worked out once per system are those of the tiers counted span by span, to the
// bit: across radices, oversubscriptions (below 1:1 too), port shares and spans from one
// chip to past the largest fabric.
TEST(AcceleratorSystem, ScaleOutLinksAreTheTiersCountedOneByOne) {
    const auto& catalog = Catalog::builtin();
    for (const int radix : {1, 4, 64, 128}) {
        for (const double r : {0.5, 1.0, 2.0, 3.0, 4.0}) {
            for (const char* platform : {"trn2-ultraserver", "hgx-h100-8gpu"}) {
                const auto s = AcceleratorSystem::fromCatalog(
                    *catalog.chip("trainium2"), *catalog.platform(platform), r, radix);
                const ScaleOutLinks links(s);
                const int k = std::max(2, radix);
                const double rr = std::max(1.0, r);
                const int down = std::max(1, static_cast<int>(std::floor(k * rr / (rr + 1.0))));
                for (long long chips = 0; chips < 100000000; chips = chips * 5 / 4 + 1) {
                    const double ports =
                        std::max(1.0, std::ceil(static_cast<double>(chips) * s.nicPortsPerChip));
                    int tiers = 1;
                    while (tiers < kMaxFabricTiers &&
                           static_cast<double>(closCapacity(tiers, k, down)) < ports) {
                        ++tiers;
                    }
                    const Link link = links(chips);
                    EXPECT_EQ(link.latencySeconds, s.scaleOut.latencySeconds +
                                                       (2.0 * tiers - 1.0) * s.switchLatencySeconds)
                        << chips;
                    EXPECT_EQ(link.bandwidthBytesPerS, s.scaleOut.bandwidthBytesPerS *
                                                           s.linkEfficiency /
                                                           (ports > down ? rr : 1.0))
                        << chips;
                    EXPECT_EQ(s.scaleOutFor(chips).bandwidthBytesPerS, link.bandwidthBytesPerS);
                    EXPECT_EQ(s.scaleOutFor(chips).latencySeconds, link.latencySeconds);
                }
            }
        }
    }
}

} // namespace
