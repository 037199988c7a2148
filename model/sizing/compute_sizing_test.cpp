#include "model/sizing/compute_sizing.h"

#include <gtest/gtest.h>

#include <cmath>

namespace headroom::model {
namespace {

// A site of `halls` halls built in the test (no file): Trn2 UltraServers in 48U, 40 kW
// racks, 20 racks a row, non-blocking 51.2 Tb/s 128 x 400G fabric.
Site makeSite(const char* platformId = "trn2-ultraserver", int buildings = 2,
              int hallsPerBuilding = 2) {
    const auto& catalog = Catalog::builtin();
    Site site;
    site.name = "test";
    site.it.platform = *catalog.platform(platformId);
    site.it.chip = *catalog.chip(site.it.platform.chipId);
    site.it.rackUnitsPerRack = 48;
    site.campus.buildings = buildings;
    site.campus.hallsPerBuilding = hallsPerBuilding;
    site.campus.itPowerPerHall = units::megawatts(16.0);
    site.campus.rackPositionsPerHall = 1000;
    site.campus.rackPowerLimit = units::kilowatts(40.0);
    site.campus.racksPerRow = 20;
    site.campus.utilityInterconnect = units::megawatts(300.0);
    site.fabric.switchId = "51.2t-128x400g";
    return site;
}

// Catalog figures (resources/catalog/platforms.json): a Trn2 server is 16 x 500 W chips
// + 1.2 kW host + 0.8 kW fans + 0.2 kW NICs = 10.2 kW; at the 91 % full-load PSU that is
// 11.209 kW at the rack. A 40 kW, 48U rack holds min(3 by power, 2 by space) = 2 servers,
// so an UltraServer spans 2 adjacent racks ([semianalysis-2024-trainium2]: "about 2 racks").
TEST(ComputeSizing, Trn2UltraServerSpansTwoRacks) {
    auto site = makeSite();
    site.it.ultraServers = 100;
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_DOUBLE_EQ(s.serverPowerKw, 10.2);
    EXPECT_EQ(s.serversPerRack, 2);
    EXPECT_EQ(s.racksPerUltraServer, 2);
    EXPECT_EQ(s.ultraServers, 100);
    EXPECT_EQ(s.servers, 400);
    EXPECT_EQ(s.chips, 6400);
    EXPECT_EQ(s.racks, 200);
    EXPECT_EQ(s.rows, 10); // 10 UltraServers (20 racks) a row
    EXPECT_EQ(s.hallsUsed, 1);
    EXPECT_EQ(s.buildingsUsed, 1);
    EXPECT_NEAR(s.strandedPowerPerRackKw, 40.0 - 2 * 10.2 / 0.91, 1e-9);
    // 100 x 64 x 1,299 TF = 8,313.6 PF FP8; BF16 667 TF; TF32 unknown for Trainium2.
    EXPECT_NEAR(s.peakPflops[0].value(), 8313.6, 1e-6);
    EXPECT_NEAR(s.peakPflops[1].value(), 6400 * 0.667, 1e-6);
    EXPECT_FALSE(s.peakPflops[3]); // absent, not 0
    EXPECT_DOUBLE_EQ(s.itPowerKw, 400 * 10.2);
    // 3,200 NIC ports on 128-port switches: two tiers (64 x 128 = 8,192 ports).
    EXPECT_EQ(s.fabricEndpoints, 3200);
    EXPECT_EQ(s.fabricTiers, 2);
    ASSERT_EQ(s.switchesPerTier.size(), 2U);
    EXPECT_EQ(s.switchesPerTier[0], 50);
    EXPECT_EQ(s.switchesPerTier[1], 25);
    EXPECT_NEAR(s.networkPowerKw, s.switchPowerKw + s.opticsPowerKw, 1e-9);
    EXPECT_NEAR(s.switchPowerKw, 75 * 1.5, 1e-9);
    EXPECT_GT(s.networkPowerKw, 0.0);
}

TEST(ComputeSizing, LowRackLimitSpreadsAnUltraServerOverMoreRacks) {
    auto site = makeSite();
    site.campus.rackPowerLimit = units::kilowatts(20.0); // one 11.2 kW server a rack
    site.it.ultraServers = 10;
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_EQ(s.serversPerRack, 1);
    EXPECT_EQ(s.racksPerUltraServer, 4);
    EXPECT_EQ(s.racks, 40);
    EXPECT_EQ(s.rows, 2); // 5 UltraServers (20 racks) a row
    EXPECT_NEAR(s.strandedPowerPerRackKw, 20.0 - 10.2 / 0.91, 1e-9);
}

// 8-GPU HGX H100 servers are their own NVLink domain, so several share a rack:
// 10.0 kW / 0.91 = 10.99 kW each, 3 to a 40 kW rack (6 would fit in 48U by space).
TEST(ComputeSizing, SmallDomainsShareRacks) {
    auto site = makeSite("hgx-h100-8gpu");
    site.it.ultraServers = 10;
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_EQ(s.serversPerRack, 3);
    EXPECT_EQ(s.racksPerUltraServer, 1);
    EXPECT_EQ(s.racks, 4); // 3 + 3 + 3 + 1
    EXPECT_EQ(s.chips, 80);
}

// Fill: each hall takes min(rack positions, hall IT power) UltraServers. Positions:
// 1,000 racks = 50 rows of 10 UltraServers = 500. Power, at the rack input: an UltraServer
// is 4 x 10.2 kW through 1+1 supplies at half load (96 %, it_load.h), 42.5 kW, plus its
// network share (its switches and optics, about 4 kW at their supplies):
// 16 MW / 42.5 kW < 377. So hall power binds, and 4 halls hold 4 x that.
TEST(ComputeSizing, FillStopsAtHallPower) {
    auto site = makeSite();
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_EQ(s.fillLimit, Constraint::HallPower);
    EXPECT_LT(s.ultraServersPerHall, 377);
    EXPECT_GT(s.ultraServersPerHall, 16000 / (42.5 + 5.0));
    EXPECT_EQ(s.ultraServersPerHallByPower, s.ultraServersPerHall);
    EXPECT_EQ(s.ultraServersPerHallBySpace, 500);
    EXPECT_EQ(s.ultraServers, 4 * s.ultraServersPerHall);
    EXPECT_EQ(s.hallsUsed, 4);
    EXPECT_EQ(s.buildingsUsed, 2);
    // What a full hall carries stays within its 16 MW and strands less than an UltraServer.
    const double hallLoadKw = 16000.0 - s.strandedPowerPerHallKw; // servers + their network share
    EXPECT_LE(hallLoadKw, 16000.0 + 1e-6);
    EXPECT_GE(s.strandedPowerPerHallKw, 0.0);
    EXPECT_LT(s.strandedPowerPerHallKw, 4 * 10.2 / 0.96 + 5.0);
    EXPECT_LE((s.itPowerKw + s.networkPowerKw) / 0.96, 4 * 16000.0 + 1e-6);
}

TEST(ComputeSizing, FillStopsAtRackPositionsOrTheUtility) {
    auto site = makeSite();
    site.campus.rackPositionsPerHall = 205; // 10 rows of 20 + 5: 100 + 2 UltraServers
    Diagnostics diagnostics;
    auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_EQ(s.fillLimit, Constraint::RackPositions);
    EXPECT_EQ(s.ultraServersPerHall, 102);
    EXPECT_EQ(s.ultraServers, 408);
    EXPECT_EQ(s.rows, 4 * 11);

    site = makeSite();
    site.campus.utilityInterconnect = units::megawatts(10.0);
    s = sizeCompute(site, Catalog::builtin(), diagnostics);
    // Sizing alone bounds the count by the interconnect at a PUE of 1 (rack input, every
    // supply at 96 %); the simulation lowers it to the design hour's facility power.
    EXPECT_EQ(s.fillLimit, Constraint::UtilityInterconnect);
    EXPECT_LE((s.itPowerKw + s.networkPowerKw) / 0.96, 10000.0 + 1e-6);
    EXPECT_GT((s.itPowerKw + s.networkPowerKw) / 0.96, 10000.0 - 2 * 42.5);
    EXPECT_FALSE(diagnostics.hasErrors());
}

// Project Rainier [amazon-2025-rainier]: 500,000 Trainium2 chips = 7,813 UltraServers
// (7,812.5 rounded up) = 500,032 chips and 666.7 EF dense BF16.
TEST(ComputeSizing, RainierScaleDeployment) {
    auto site = makeSite("trn2-ultraserver", 30, 2);
    site.campus.itPowerPerHall = units::megawatts(32.0);
    site.campus.rackPositionsPerHall = 1600;
    site.campus.utilityInterconnect = units::megawatts(2200.0);
    site.it.ultraServers = 7813;
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    EXPECT_FALSE(diagnostics.hasErrors());
    EXPECT_EQ(s.chips, 500032);
    EXPECT_NEAR(s.peakPflops[1].value(), 500032 * 0.667, 1e-6);
    EXPECT_EQ(s.fabricTiers, 3);
    EXPECT_EQ(s.racks, 2 * 7813);
}

TEST(ComputeSizing, ImpossibleDeploymentsAreDiagnosed) {
    auto site = makeSite();
    site.campus.rackPowerLimit = units::kilowatts(8.0);
    Diagnostics diagnostics;
    auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    ASSERT_TRUE(diagnostics.hasErrors());
    EXPECT_EQ(diagnostics.items().front().pointer, "/campus/hall/rack_power_limit");
    EXPECT_EQ(s.ultraServers, 0);

    site = makeSite();
    site.it.ultraServers = 5000; // 4 halls hold ~1,500
    Diagnostics tooMany;
    s = sizeCompute(site, Catalog::builtin(), tooMany);
    ASSERT_TRUE(tooMany.hasErrors());
    EXPECT_EQ(tooMany.items().front().pointer, "/it/ultraservers");

    site = makeSite();
    site.it.ultraServers = 10;
    site.fabric.switchId = "no-such-switch";
    Diagnostics badSwitch;
    s = sizeCompute(site, Catalog::builtin(), badSwitch);
    ASSERT_TRUE(badSwitch.hasErrors());
    EXPECT_EQ(badSwitch.items().back().pointer, "/fabric/switch");
}

TEST(ComputeSizing, BillOfMaterialsListsComputeAndNetwork) {
    auto site = makeSite();
    site.it.ultraServers = 100;
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), diagnostics);
    const auto lines = computeBillOfMaterials(site, s);
    auto find = [&](const std::string& item) -> const BomLine* {
        for (const auto& line : lines) {
            if (line.item == item) {
                return &line;
            }
        }
        return nullptr;
    };
    ASSERT_NE(find("trn2-ultraserver UltraServer"), nullptr);
    EXPECT_EQ(find("trn2-ultraserver UltraServer")->quantity, 100.0);
    ASSERT_NE(find("51.2t-128x400g switch (tier 2)"), nullptr);
    EXPECT_EQ(find("51.2t-128x400g switch (tier 2)")->category, "network");
    EXPECT_EQ(find("transceiver")->quantity, static_cast<double>(s.transceivers));
    EXPECT_EQ(find("NIC port (400G)")->quantity, 3200.0);
}

// Whether the halls hold `count` UltraServers, each count with its own fabric: what "fill"
// promises about the count it picks (the largest that holds) and the one after it.
bool hallsHold(const Site& site, long long count) {
    Diagnostics diagnostics;
    const auto s = sizeCompute(site, Catalog::builtin(), count, diagnostics);
    return !diagnostics.hasErrors() && s.hallsUsed <= site.campus.halls();
}

// An UltraServer's share of the fabric jumps where the fabric adds a switch or a tier, so
// whether the halls hold a count is not monotone in the count, and a bisection over it can
// settle below the largest count that fits. Fill must find the largest: checked against
// every count up to what the halls' ratings could feed with no fabric at all (each
// UltraServer draws at least its servers' peak, so no larger count fits). The sites are
// many small halls where the fabric is a large part of the load (fast NIC ports, small
// chips), the case a random site of the property test found (issue 14), and the same
// halls at a range of ratings.
TEST(ComputeSizing, FillIsTheLargestCountTheHallsHold) {
    for (const double hallKw : {102.577, 150.0, 230.0, 400.0, 1000.0, 2500.0}) {
        auto site = makeSite("trn2-ultraserver", 2, 16);
        site.fabric.switchId = "51.2t-64x800g";
        site.campus.itPowerPerHall = units::kilowatts(hallKw);
        site.campus.rackPowerLimit = units::kilowatts(6.68476);
        site.campus.racksPerRow = 25;
        site.campus.rackPositionsPerHall = 480;
        site.campus.utilityInterconnect = units::megawatts(520.0);
        site.it.chip.peakPower = units::watts(59.1943);
        site.it.platform.hostPowerPerServer = units::watts(0.294409);
        site.it.platform.nicPortSpeed = units::DataRate::from_value(1.25026e12); // B/s
        Diagnostics diagnostics;
        const auto fill = sizeCompute(site, Catalog::builtin(), diagnostics);
        ASSERT_FALSE(diagnostics.hasErrors()) << hallKw;
        const double usPeakKw =
            units::toKilowatts(serverPeakPower(site.it)) * site.it.platform.serversPerUltraServer;
        const auto bound =
            static_cast<long long>(hallKw / usPeakKw) * static_cast<long long>(site.campus.halls());
        long long largest = 0;
        for (long long n = bound; n > 0; --n) {
            if (hallsHold(site, n)) {
                largest = n;
                break;
            }
        }
        EXPECT_EQ(fill.ultraServers, largest) << hallKw << " kW halls";
        EXPECT_EQ(fill.ultraServersByHallPower, largest) << hallKw << " kW halls";
        EXPECT_FALSE(hallsHold(site, largest + 1)) << hallKw << " kW halls";
    }
}

// fill's count search (model/sim) sizes count after count of one site, each taking the
// halls' power room from the site's sizing (sameSite) instead of searching it again: every
// figure is the one a sizing from scratch gives, on either side of a hall's last whole
// UltraServer and of a fabric tier.
TEST(ComputeSizing, ASizingGivenTheSameSiteEqualsOneFromScratch) {
    auto site = makeSite();
    site.it.ultraServers.reset();
    Diagnostics diagnostics;
    const ComputeSizing filled = sizeCompute(site, Catalog::builtin(), diagnostics);
    ASSERT_GT(filled.ultraServers, 0);
    for (long long n : {0LL, 1LL, 127LL, 128LL, 129LL, static_cast<long long>(filled.ultraServers),
                        static_cast<long long>(filled.ultraServers) + 1}) {
        SCOPED_TRACE(n);
        Diagnostics fresh, reused;
        const ComputeSizing a = sizeCompute(site, Catalog::builtin(), n, fresh);
        const ComputeSizing b = sizeCompute(site, Catalog::builtin(), n, filled, reused);
        EXPECT_EQ(a.ultraServersByHallPower, b.ultraServersByHallPower);
        EXPECT_EQ(a.ultraServers, b.ultraServers);
        EXPECT_EQ(a.ultraServersPerHall, b.ultraServersPerHall);
        EXPECT_EQ(a.hallsUsed, b.hallsUsed);
        EXPECT_EQ(a.racks, b.racks);
        EXPECT_EQ(a.rows, b.rows);
        EXPECT_EQ(a.networkPowerKw, b.networkPowerKw);
        EXPECT_EQ(a.strandedPowerPerHallKw, b.strandedPowerPerHallKw);
        EXPECT_EQ(a.switchesPerTier, b.switchesPerTier);
        EXPECT_EQ(a.fillLimit, b.fillLimit);
        EXPECT_EQ(fresh.items().size(), reused.items().size());
    }
}

} // namespace
} // namespace headroom::model
