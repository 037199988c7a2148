#include "model/cost/tco.h"

#include "model/catalog/cost_catalog.h"
#include "model/core/two_lanes.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <numeric>

namespace headroom::model {
namespace {

constexpr double kYear = 8760.0 * 3600.0; // s

// 2 halls of 50 MW, 10 UltraServers, a 4-hour "year" in January and February.
Site pricedSite() {
    Site site;
    site.campus.buildings = 1;
    site.campus.hallsPerBuilding = 2;
    site.campus.itPowerPerHall = units::megawatts(50.0);
    CostInputs& c = site.cost.emplace();
    c.constructionUsdPerW = 11.7; // 11.7 MUSD/MW
    c.aiPremium = 0.0;
    c.landArea = units::Area::from_value(1e5);
    c.landUsdPerM2 = 60.0;
    c.ultraServerUsd = 3e6;
    c.switchUsd = 2e5;
    c.transceiverUsd = 1250.0;
    c.electricityUsdPerKwh.values = {0.10, 0.20, 0.10, 0.05};
    c.demandChargeUsdPerWs = 10.0 / (1e3 * kYear / 12.0); // 10 USD/kW/month
    c.waterUsdPerM3 = 2.0;
    c.sewerUsdPerM3 = 3.0;
    c.maintenanceShare = 0.03;
    c.discountRate = 0.08;
    c.serverLife = units::Time::from_value(5 * kYear);
    c.networkLife = units::Time::from_value(6 * kYear);
    c.plantLife = units::Time::from_value(20 * kYear);
    c.shellLife = units::Time::from_value(35 * kYear);
    return site;
}

RunResult simulatedYear() {
    RunResult r;
    r.hourly.resize(4);
    r.hourly.month = {1, 1, 2, 2};
    r.hourly.facilityPowerKw = {1000.0, 3000.0, 2000.0, 500.0};
    r.compute.ultraServers = 10;
    r.compute.switches = 20;
    r.compute.transceivers = 1000;
    r.compute.peakPflops = {83.2 * 10, 42.8 * 10, std::nullopt, std::nullopt};
    r.annual.waterM3 = 500.0;
    r.monthly.blowdownM3[0] = 100.0;
    return r;
}

// CRF(8 %, 20 y) = 0.10185 (any annuity table; the formula of Short et al. 1995, eq. 4-5
// [short-1995-nrel-economics]); at 0 % capital is repaid evenly.
TEST(Tco, CapitalRecoveryFactorMatchesTheAnnuityFormula) {
    EXPECT_NEAR(capitalRecoveryFactor(0.08, 20.0), 0.1018522, 1e-7);
    EXPECT_NEAR(capitalRecoveryFactor(0.10, 5.0), 0.2637975, 1e-7);
    EXPECT_DOUBLE_EQ(capitalRecoveryFactor(0.0, 4.0), 0.25);
}

// A site's capital is the sum of its lines, and the construction lines are Cushman &
// Wakefield's shares of the construction total (11.7 MUSD/MW x 100 MW = 1,170 MUSD:
// critical power and cooling 53 % = 620.1 MUSD).
TEST(Tco, CapexIsTheSumOfItsLinesAndTheSplitReproducesTheTotal) {
    Diagnostics diagnostics;
    const CostResult c = siteCost(pricedSite(), simulatedYear(), diagnostics);
    EXPECT_NEAR(c.constructionUsd, 1170e6, 1e-3);
    const auto& lines = CostCatalog::builtin().constructionLines();
    ASSERT_EQ(c.constructionLinesUsd.size(), lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_NEAR(c.constructionLinesUsd[i] / c.constructionUsd, lines[i].share, 1e-12);
    }
    EXPECT_NEAR(c.constructionLinesUsd[0], 620.1e6, 1e-3);
    const double construction =
        std::accumulate(c.constructionLinesUsd.begin(), c.constructionLinesUsd.end(), 0.0);
    EXPECT_NEAR(construction, c.constructionUsd, 1e-6);
    EXPECT_NEAR(c.landUsd, 6e6, 1e-6);
    EXPECT_NEAR(*c.itUsd, 30e6, 1e-6);
    EXPECT_NEAR(c.networkUsd, 20 * 2e5 + 1000 * 1250.0, 1e-6);
    EXPECT_NEAR(c.capexUsd, construction + c.landUsd + *c.itUsd + c.networkUsd, 1e-6);
    EXPECT_TRUE(diagnostics.items().empty());
}

// Hour by hour: energy 1000 x 0.10 + 3000 x 0.20 + 2000 x 0.10 + 500 x 0.05 = 925 USD;
// demand on January's 3000 kW and February's 2000 kW at 10 USD/kW/month = 50,000 USD.
TEST(Tco, OperatingCostFollowsTheHoursAndTheMonthlyPeaks) {
    Diagnostics diagnostics;
    const Site site = pricedSite();
    const CostResult c = siteCost(site, simulatedYear(), diagnostics);
    EXPECT_NEAR(c.electricityEnergyUsd, 925.0, 1e-9);
    EXPECT_NEAR(c.electricityDemandUsd, 50000.0, 1e-6);
    EXPECT_NEAR(*c.waterUsd, 1000.0, 1e-9);
    EXPECT_NEAR(*c.sewerUsd, 300.0, 1e-9); // blowdown only
    EXPECT_NEAR(c.maintenanceUsd, 0.03 * 1170e6, 1e-3);
    EXPECT_NEAR(c.opexUsd, 925.0 + 50000.0 + 1000.0 + 300.0 + 0.03 * 1170e6, 1e-3);
    const auto& lines = CostCatalog::builtin().constructionLines();
    double annualized = c.landUsd * 0.08 + *c.itUsd * capitalRecoveryFactor(0.08, 5.0) +
                        c.networkUsd * capitalRecoveryFactor(0.08, 6.0);
    for (std::size_t i = 0; i < lines.size(); ++i) {
        annualized += c.constructionLinesUsd[i] *
                      capitalRecoveryFactor(0.08, lines[i].life == AssetClass::Plant ? 20.0 : 35.0);
    }
    EXPECT_NEAR(c.annualizedCapexUsd, annualized, 1e-3);
    EXPECT_NEAR(c.tcoPerYearUsd, c.annualizedCapexUsd + c.opexUsd, 1e-3);
    // Per peak PFLOP-hour over the 4 hours simulated; no rate published, no figure.
    EXPECT_NEAR(*c.usdPerPeakPflopHour[0], c.tcoPerYearUsd / (832.0 * 4.0), 1e-6);
    EXPECT_FALSE(c.usdPerPeakPflopHour[2]);
}

// The energy bill's four-lane pass (AVX2, where the processor has it) and its two-lane pass
// give the same bits: the same eight partial sums and the same monthly peaks. Months of 23,
// 29, 31 and 36 hours, so that runs end after a step of eight, of four and of single hours.
TEST(Tco, FourLanesGiveTheTwoLanesBill) {
    const Site base = pricedSite();
    RunResult r = simulatedYear();
    const std::vector<std::uint8_t> months{1, 2, 3, 4};
    const std::vector<std::size_t> lengths{23, 29, 31, 36};
    std::vector<std::uint8_t> month;
    for (std::size_t m = 0; m < months.size(); ++m) {
        month.insert(month.end(), lengths[m], months[m]);
    }
    const std::size_t n = month.size();
    r.hourly.resize(n);
    r.hourly.month = month;
    Site site = base;
    site.cost->electricityUsdPerKwh.values.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
        r.hourly.facilityPowerKw[h] = 1000.0 + 300.0 * std::sin(0.7 * static_cast<double>(h));
        site.cost->electricityUsdPerKwh.values[h] = 0.05 + 0.01 * static_cast<double>(h % 7) / 3.0;
    }
    Diagnostics diagnostics;
    fourLanesAllowed() = false;
    const CostResult two = siteCost(site, r, diagnostics);
    fourLanesAllowed() = true;
    const CostResult four = siteCost(site, r, diagnostics);
    const auto sameBits = [](double x, double y) { return std::memcmp(&x, &y, sizeof x) == 0; };
    EXPECT_PRED2(sameBits, four.electricityEnergyUsd, two.electricityEnergyUsd);
    EXPECT_PRED2(sameBits, four.electricityDemandUsd, two.electricityDemandUsd);
    double usd = 0.0; // and both are the bill, to the sums' order
    for (std::size_t h = 0; h < n; ++h) {
        usd += r.hourly.facilityPowerKw[h] * site.cost->electricityUsdPerKwh.values[h];
    }
    EXPECT_NEAR(four.electricityEnergyUsd, usd, 1e-12 * usd);
}

// A training run pays the chip-hours it holds at the year's TCO per chip-hour (the test's
// own arithmetic): 640 chips deployed over the 4-hour year, a run of 320 chips for 6 hours
// costs TCO x (320 x 6) / (640 x 4) = 0.75 TCO. Without a run, no figure.
TEST(Tco, ATrainingRunPaysItsChipHoursOfTheYear) {
    Diagnostics diagnostics;
    RunResult year = simulatedYear();
    year.compute.chips = 640;
    EXPECT_FALSE(siteCost(pricedSite(), year, diagnostics).trainingRunUsd);
    TrainingResult& run = year.training.emplace_back();
    run.hours = 6.0;
    run.layout.chipsUsed = 320;
    const CostResult c = siteCost(pricedSite(), year, diagnostics);
    ASSERT_TRUE(c.trainingRunUsd);
    EXPECT_NEAR(*c.trainingRunUsd, 0.75 * c.tcoPerYearUsd, 1e-6);
}

// Trainium has no published price: without one, IT is absent (never 0) and a note says so;
// a unit slip (11.7 USD/W read as 117 MUSD/MW) is warned about at its field.
TEST(Tco, UnpricedItIsAbsentAndASlipIsWarned) {
    Site site = pricedSite();
    site.cost->ultraServerUsd.reset();
    site.cost->constructionUsdPerW = 117.0;
    Diagnostics diagnostics;
    const CostResult c = siteCost(site, simulatedYear(), diagnostics);
    EXPECT_FALSE(c.itUsd);
    std::vector<std::string> pointers;
    for (const Diagnostic& d : diagnostics.items()) {
        pointers.push_back(d.pointer);
    }
    EXPECT_EQ(pointers, (std::vector<std::string>{"/cost/construction_per_mw_it",
                                                  "/cost/it/price_per_ultraserver"}));
}

} // namespace
} // namespace headroom::model
