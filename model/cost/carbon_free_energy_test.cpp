#include "model/cost/carbon_free_energy.h"

#include "model/core/two_lanes.h"
#include "model/site/grid_mix.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numeric>
#include <vector>

namespace headroom::model {
namespace {

constexpr std::size_t kYear = 8760;

// Definition [google-2021-cfe]: with no carbon-free generation on the grid and no contracts,
// no hour has any carbon-free energy. Exact.
TEST(CarbonFreeEnergy, ADirtyGridWithoutContractsIsZero) {
    const std::vector<double> load(kYear, 40e3), grid(kYear, 0.0), none(kYear, 0.0);
    const CfeResult r = matchHourly(load, grid, none, std::nullopt);
    EXPECT_EQ(r.cfeShare, 0.0);
    EXPECT_EQ(r.gridCfeShare, 0.0);
    EXPECT_EQ(r.hoursShort, static_cast<int>(kYear));
    EXPECT_DOUBLE_EQ(r.consumptionMwh, 40.0 * kYear);
}

// Definition: a grid that is carbon-free every hour meets every hour whole, contracts or not.
TEST(CarbonFreeEnergy, AWhollyCleanGridIsOneHundredPercent) {
    std::vector<double> load(kYear), grid(kYear, 1.0), none(kYear, 0.0);
    for (std::size_t h = 0; h < kYear; ++h) {
        load[h] = 30e3 + 10e3 * std::sin(static_cast<double>(h) / 24.0);
    }
    const CfeResult r = matchHourly(load, grid, none, std::nullopt);
    EXPECT_DOUBLE_EQ(r.cfeShare, 1.0);
    EXPECT_EQ(r.hoursShort, 0);
    EXPECT_EQ(r.hourlyMatchedShare, 0.0); // nothing contracted
}

// Worked by hand (the test's own arithmetic): load 10 MWh each hour, grid carbon-free
// 50 %, 20 %, 0 %; contracts deliver 16, 4, 0 MWh; a 3 MW / 5 MWh battery at 80 % (given in
// kWh, the matching's unit; its sums come back in MWh).
// Hour 1: 10 used, 3 charged (2.4 stored), 3 surplus: CFE 10.
// Hour 2: 4 used, 2.4 discharged, 3.6 from the grid at 20 %: CFE 6.4 + 0.72 = 7.12.
// Hour 3: nothing stored; 10 from the grid at 0 %: CFE 0.
// CFE 17.12 / 30; grid alone (5 + 2 + 0) / 30; hourly-matched 16.4 / 30; annual-matched
// 20 / 30; two hours short. Tolerance 1e-12 on shares and MWh, 1e-9 on kWh (a few
// roundings).
TEST(CarbonFreeEnergy, AThreeHourExampleWorkedByHand) {
    const std::vector<double> load{10e3, 10e3, 10e3}, grid{0.5, 0.2, 0.0}, supply{16e3, 4e3, 0.0};
    std::vector<double> drawn;
    const CfeResult r = matchHourly(load, grid, supply, BatteryRating{3e3, 5e3, 0.8}, &drawn);
    EXPECT_NEAR(r.cfeShare, 17.12 / 30.0, 1e-12);
    EXPECT_NEAR(r.gridCfeShare, 7.0 / 30.0, 1e-12);
    EXPECT_NEAR(r.hourlyMatchedShare, 16.4 / 30.0, 1e-12);
    EXPECT_NEAR(r.annualMatchedShare, 20.0 / 30.0, 1e-12);
    EXPECT_EQ(r.hoursShort, 2);
    EXPECT_NEAR(r.batteryChargedMwh, 3.0, 1e-12);
    EXPECT_NEAR(r.batteryDischargedMwh, 2.4, 1e-12);
    EXPECT_NEAR(r.surplusMwh, 3.0, 1e-12);
    EXPECT_NEAR(r.batteryEndMwh, 0.0, 1e-12);
    ASSERT_EQ(drawn.size(), 3u);
    EXPECT_NEAR(drawn[0], 0.0, 1e-9);
    EXPECT_NEAR(drawn[1], 3600.0, 1e-9);
    EXPECT_NEAR(drawn[2], 10e3, 1e-9);
    ASSERT_EQ(r.hourlyCarbonFreeKwh.size(), 3u);
    EXPECT_NEAR(r.hourlyCarbonFreeKwh[0], 10e3, 1e-9);
    EXPECT_NEAR(r.hourlyCarbonFreeKwh[1], 7120.0, 1e-9);
    EXPECT_NEAR(r.hourlyCarbonFreeKwh[2], 0.0, 1e-9);
}

// Worked by hand: a 3 MW / 2 MWh battery at 80 % fills in the first hour (its room, 2 / 0.8
// = 2.5 MWh of surplus, binds before its power), takes nothing in the second (full), and
// gives back its 2 MWh in the third. Load 10 MWh each hour on a grid with no carbon-free
// generation; contracts 20, 20, 0 MWh. CFE (10 + 10 + 2) / 30; surplus 7.5 + 10.
// Tolerance 1e-12.
TEST(CarbonFreeEnergy, AFullBatteryTakesOnlyItsRoom) {
    const std::vector<double> load{10e3, 10e3, 10e3}, grid{0.0, 0.0, 0.0}, supply{20e3, 20e3, 0.0};
    const CfeResult r = matchHourly(load, grid, supply, BatteryRating{3e3, 2e3, 0.8});
    EXPECT_NEAR(r.batteryChargedMwh, 2.5, 1e-12);
    EXPECT_NEAR(r.batteryDischargedMwh, 2.0, 1e-12);
    EXPECT_NEAR(r.surplusMwh, 17.5, 1e-12);
    EXPECT_NEAR(r.cfeShare, 22.0 / 30.0, 1e-12);
    EXPECT_NEAR(r.batteryEndMwh, 0.0, 1e-12);
    EXPECT_EQ(r.hoursShort, 1);
}

// A year of PJM's grid (bundled EIA-930 2022) with a solar contract of twice the load and
// a battery: the battery never gives back more than it took less its loss (energy balance
// over the year: discharged = efficiency x charged - what is left, to 1e-9 MWh), annual
// matching never claims less than hourly matching (hourly matching can only use contracted
// energy in its hour or stored), and contracts only add to the grid's CFE.
TEST(CarbonFreeEnergy, ABatteryKeepsItsEnergyBalanceAndAnnualMatchingBoundsHourly) {
    const GridMix& pjm = eia930GridMix(BalancingAuthority::PJM);
    std::vector<double> load(kYear), supply(kYear);
    for (std::size_t h = 0; h < kYear; ++h) {
        load[h] = 100e3 + 20e3 * static_cast<double>(h % 24 > 8 && h % 24 < 20);
        supply[h] = 200e3 * pjm.solarShape[h] + 60e3 * pjm.windShape[h];
    }
    const BatteryRating battery{50e3, 200e3, 0.85};
    const CfeResult r = matchHourly(load, pjm.carbonFreeShare, supply, battery);
    EXPECT_GT(r.batteryChargedMwh, 0.0);
    EXPECT_GT(r.batteryDischargedMwh, 0.0);
    EXPECT_NEAR(r.batteryDischargedMwh,
                battery.roundTripEfficiency * r.batteryChargedMwh - r.batteryEndMwh, 1e-9);
    EXPECT_LE(r.batteryDischargedMwh, battery.roundTripEfficiency * r.batteryChargedMwh + 1e-9);
    EXPECT_GE(r.annualMatchedShare, r.hourlyMatchedShare);
    EXPECT_GT(r.cfeShare, r.gridCfeShare);
    EXPECT_LE(r.cfeShare, 1.0);
    // Every contracted MWh is used, stored or surplus (1e-6 MWh on ~1e6 MWh).
    const double supplied = std::accumulate(supply.begin(), supply.end(), 0.0) / 1e3;
    EXPECT_NEAR(supplied,
                r.hourlyMatchedShare * r.consumptionMwh - r.batteryDischargedMwh +
                    r.batteryChargedMwh + r.surplusMwh,
                1e-6);
}

// The matching works its hours two at a time (model/core/two_lanes.h), the battery hour by
// hour: against the definition worked one hour at a time in the plainest form (below),
// every hour's carbon-free and grid-drawn energy is the same to the bit and the count of
// hours short the same; the year's sums differ only in their order of addition (1e-12
// relative). A year of PJM with wind, solar and a battery that fills and empties, and an
// odd number of hours (a last hour without its pair).
TEST(CarbonFreeEnergy, TwoHoursAtATimeMatchesTheDefinitionHourByHour) {
    const GridMix& pjm = eia930GridMix(BalancingAuthority::PJM);
    const std::size_t n = kYear - 3;
    std::vector<double> load(n), supply(n), grid(n);
    for (std::size_t h = 0; h < n; ++h) {
        load[h] = 90e3 + 30e3 * static_cast<double>(h % 24 > 8 && h % 24 < 20);
        supply[h] = 150e3 * pjm.solarShape[h] + 80e3 * pjm.windShape[h];
        grid[h] = std::clamp(pjm.carbonFreeShare[h], 0.0, 1.0);
    }
    const BatteryRating b{20e3, 60e3, 0.85};
    std::vector<double> drawn;
    const CfeResult r = matchHourly(load, grid, supply, b, &drawn);

    double stored = 0.0, charged = 0.0, discharged = 0.0, consumption = 0.0, carbonFree = 0.0;
    double used = 0.0, surplusLeft = 0.0;
    int hoursShort = 0;
    for (std::size_t h = 0; h < n; ++h) {
        const double direct = std::min(load[h], supply[h]);
        double surplus = supply[h] - direct, out = 0.0;
        if (surplus > 0.0 && stored < b.energyKwh) {
            const double want = std::min(surplus, b.powerKw);
            const double room = (b.energyKwh - stored) / b.roundTripEfficiency;
            const bool fits = want < room;
            const double in = fits ? want : room;
            stored = fits ? stored + want * b.roundTripEfficiency : b.energyKwh;
            surplus -= in;
            charged += in;
        } else if (surplus <= 0.0 && stored > 0.0) {
            out = std::min(std::min(load[h] - direct, b.powerKw), stored);
            stored -= out;
            discharged += out;
        }
        const double clean = direct + out, fromGrid = load[h] - clean;
        const double cfe = clean + grid[h] * fromGrid;
        EXPECT_EQ(r.hourlyCarbonFreeKwh[h], cfe) << "hour " << h;
        EXPECT_EQ(drawn[h], fromGrid) << "hour " << h;
        consumption += load[h];
        carbonFree += cfe;
        used += clean;
        surplusLeft += surplus;
        hoursShort += load[h] - cfe > 1e-9 * load[h] ? 1 : 0;
    }
    EXPECT_GT(charged, 0.0);
    EXPECT_GT(discharged, 0.0);
    EXPECT_EQ(r.hoursShort, hoursShort);
    const auto near = [](double x, double y) { return std::abs(x - y) <= 1e-12 * std::abs(y); };
    EXPECT_PRED2(near, r.consumptionMwh, consumption / 1e3);
    EXPECT_PRED2(near, r.cfeShare, carbonFree / consumption);
    EXPECT_PRED2(near, r.hourlyMatchedShare, used / consumption);
    EXPECT_PRED2(near, r.surplusMwh, surplusLeft / 1e3);
    EXPECT_PRED2(near, r.batteryChargedMwh, charged / 1e3);
    EXPECT_PRED2(near, r.batteryDischargedMwh, discharged / 1e3);
    EXPECT_PRED2(near, r.batteryEndMwh, stored / 1e3);
}

// The four-lane pass (AVX2, where the processor has it) and the two-lane pass give the same
// bits: every hour's figures and every sum, each hour worked with the same operations and
// each sum kept in the same four lanes. Hours 0 to 5, 6 to 12 and 13 to 19 of the year are
// matched apart, with runs of odd and even length, so each way a run ends is covered.
TEST(CarbonFreeEnergy, FourLanesGiveTheTwoLanesBits) {
    const GridMix& pjm = eia930GridMix(BalancingAuthority::PJM);
    const std::size_t n = kYear - 1;
    std::vector<double> load(n), supply(n), grid(n);
    for (std::size_t h = 0; h < n; ++h) {
        load[h] = 90e3 + 30e3 * static_cast<double>(h % 24 > 8 && h % 24 < 20);
        supply[h] = 150e3 * pjm.solarShape[h] + 80e3 * pjm.windShape[h];
        grid[h] = pjm.carbonFreeShare[h];
    }
    load[7] = -5.0; // clamped at 0
    load[8] = -1.0; // and no supply, so no surplus
    supply[8] = 0.0;
    load[9] = supply[9]; // neither a surplus nor a shortfall
    const BatteryRating b{20e3, 60e3, 0.85};
    const auto match = [&](bool fourLanes, std::size_t first, std::size_t last) {
        fourLanesAllowed() = fourLanes;
        std::vector<double> drawn;
        const auto part = [first, last](const std::vector<double>& v) {
            return std::span(v).subspan(first, last - first);
        };
        CfeResult r = matchHourly(part(load), part(grid), part(supply), b, &drawn);
        fourLanesAllowed() = true;
        return std::pair(r, drawn);
    };
    const auto sameBits = [](double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; };
    for (const auto& [first, last] :
         {std::pair<std::size_t, std::size_t>{0, n}, {0, 6}, {6, 13}, {13, 20}, {1, n}}) {
        const auto [four, fourDrawn] = match(true, first, last);
        const auto [two, twoDrawn] = match(false, first, last);
        EXPECT_EQ(four.hoursShort, two.hoursShort);
        for (const auto& [x, y] : {std::pair{four.consumptionMwh, two.consumptionMwh},
                                   {four.cfeShare, two.cfeShare},
                                   {four.gridCfeShare, two.gridCfeShare},
                                   {four.hourlyMatchedShare, two.hourlyMatchedShare},
                                   {four.surplusMwh, two.surplusMwh},
                                   {four.batteryChargedMwh, two.batteryChargedMwh},
                                   {four.batteryDischargedMwh, two.batteryDischargedMwh},
                                   {four.batteryEndMwh, two.batteryEndMwh}}) {
            EXPECT_PRED2(sameBits, x, y) << "hours " << first << " to " << last;
        }
        for (std::size_t h = 0; h < last - first; ++h) {
            EXPECT_PRED2(sameBits, four.hourlyCarbonFreeKwh[h], two.hourlyCarbonFreeKwh[h]);
            EXPECT_PRED2(sameBits, fourDrawn[h], twoDrawn[h]);
        }
    }
}

// The bundled files read through the series reader give the shares computed independently
// from the same CSV (Python, each row's (WND + SUN + WAT + NUC) / all eight fuels, averaged
// over the 8760 rows): AZPS 0.1337192792194928, BPAT 0.9197843643250503; no gaps in either.
// Tolerance 1e-12. BPAT's first hour, 0.9165651207798724.
TEST(GridMix, TheBundledSharesMatchTheFile) {
    const auto mean = [](const std::vector<double>& v) {
        return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    };
    const GridMix& azps = eia930GridMix(BalancingAuthority::AZPS);
    const GridMix& bpat = eia930GridMix(BalancingAuthority::BPAT);
    ASSERT_EQ(bpat.carbonFreeShare.size(), kYear);
    EXPECT_NEAR(mean(azps.carbonFreeShare), 0.1337192792194928, 1e-12);
    EXPECT_NEAR(mean(bpat.carbonFreeShare), 0.9197843643250503, 1e-12);
    EXPECT_NEAR(bpat.carbonFreeShare[0], 0.9165651207798724, 1e-12);
    EXPECT_TRUE(bpat.notes.empty());
    // PJM's 22 blank hours in a row are bridged, and said so.
    EXPECT_FALSE(eia930GridMix(BalancingAuthority::PJM).notes.empty());
}

// UTC rows of local hours: at UTC-5, hour-ending 1 of 1 January local (00:00-01:00 EST)
// is 05:00 UTC, row 5; 31 December 23:00-24:00 EST is row 4 (04:00 UTC, wrapped to the
// year's start); a leap day takes 28 February's rows.
TEST(GridMix, UtcRowsOfLocalStandardHours) {
    const UtcRowOfLocalHour rowOf(-5.0);
    EXPECT_EQ(rowOf(1, 1, 1), 5u);
    EXPECT_EQ(rowOf(1, 1, 24), 28u);
    EXPECT_EQ(rowOf(12, 31, 24), 4u);
    EXPECT_EQ(rowOf(2, 28, 1), rowOf(2, 29, 1));
    EXPECT_EQ(rowOf(2, 28, 1), (31u + 27u) * 24u + 5u);
    // East of Greenwich the rows wrap the other way: at UTC+8, 1 January 01:00-02:00 local
    // is 31 December 17:00 UTC, row 8759 - 7 = 8753; an offset of a whole year wraps too.
    EXPECT_EQ(UtcRowOfLocalHour(8.0)(1, 1, 2), 8753u);
    EXPECT_EQ(UtcRowOfLocalHour(-5.0 - 8760.0)(1, 1, 1), 5u);
}

} // namespace
} // namespace headroom::model
