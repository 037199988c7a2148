#include "model/perf/workloads.h"

#include "model/catalog/catalog.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

constexpr std::size_t kHours = 8760;
constexpr int kJune1 = (31 + 28 + 31 + 30 + 31) * 24; // hour index of 1 June 00:00

// A synthetic simulated year: 5 MW IT, 5.5 MW facility (PUE 1.1), evaporative cooling
// water only in June-August (1,000 L/h), 0.4 kg/kWh and 2 L/kWh grid.
RunResult syntheticYear() {
    RunResult r;
    auto& h = r.hourly;
    const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 0; m < 12; ++m) {
        for (int d = 0; d < monthDays[m] * 24; ++d) {
            h.month.push_back(static_cast<std::uint8_t>(m + 1));
            const bool summer = m >= 5 && m <= 7;
            h.itPowerKw.push_back(5000.0);
            h.facilityPowerKw.push_back(5500.0);
            h.evaporationL.push_back(summer ? 1000.0 : 0.0);
            h.blowdownL.push_back(summer ? 250.0 : 0.0);
            h.driftL.push_back(0.0);
            h.humidificationL.push_back(0.0);
            h.gridCarbonKgPerKwh.push_back(0.4);
            h.gridWaterLPerKwh.push_back(2.0);
        }
    }
    return r;
}

// 100 Trn2 UltraServers = 6,400 Trainium2 chips (1,299 / 667 / 181 TF dense, catalog).
Site trn2Site() {
    Site site;
    site.it.chip = *Catalog::builtin().chip("trainium2");
    return site;
}

void deploy(RunResult& r, const Site& site, int chips) {
    r.compute.chips = chips;
    r.compute.ultraServers = chips / 64;
    for (std::size_t i = 0; i < 4; ++i) {
        if (site.it.chip.denseTflops[i]) {
            r.compute.peakPflops[i] = chips * *site.it.chip.denseTflops[i] / 1e3;
        }
    }
}

TrainingWorkload run70B(int startHour) {
    TrainingWorkload w;
    w.name = "70B";
    w.parameters = 70e9;
    w.tokens = 2e12;
    w.precision = 1; // BF16
    w.mfu = 0.4;
    w.startHourOfYear = startHour;
    return w;
}

// 6 N D = 8.4e23 FLOP at 6,400 x 667 TF x 0.4 = 1.70752e18 FLOP/s: 136.65 h.
TEST(Training, TimeToTrainIsSixNDOverSustainedRate) {
    auto site = trn2Site();
    site.training.push_back(run70B(0));
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.training.size(), 1U);
    const auto& t = r.training[0];
    EXPECT_DOUBLE_EQ(t.flops, 8.4e23);
    const double hours = 8.4e23 / (6400 * 667e12 * 0.4) / 3600.0;
    EXPECT_NEAR(t.hours, hours, 1e-9 * hours);
    EXPECT_NEAR(t.sustainedPflops.value(), 6400 * 0.667 * 0.4, 1e-9);
    // Constant 5 MW / 5.5 MW over a fractional number of hours.
    EXPECT_NEAR(t.itEnergyMwh, 5.0 * hours, 1e-6);
    EXPECT_NEAR(t.facilityEnergyMwh, 5.5 * hours, 1e-6);
    EXPECT_NEAR(t.carbonT, 5.5 * hours * 0.4, 1e-6);
    EXPECT_DOUBLE_EQ(t.siteWaterM3, 0.0); // January: no cooling water
    EXPECT_NEAR(t.sourceWaterM3, 5.5 * hours * 2.0, 1e-6);
    EXPECT_FALSE(r.diagnostics.hasErrors());
}

// The same run costs more water in summer than in winter (issue 5); energy and carbon,
// constant in this synthetic year, do not change.
TEST(Training, SummerRunCostsMoreWaterThanWinterRun) {
    auto site = trn2Site();
    site.training.push_back(run70B(0));
    site.training.push_back(run70B(kJune1));
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.training.size(), 2U);
    const auto& winter = r.training[0];
    const auto& summer = r.training[1];
    EXPECT_EQ(winter.siteWaterM3, 0.0);
    EXPECT_NEAR(summer.siteWaterM3, 1.25 * summer.hours, 1e-9);
    EXPECT_GT(summer.sourceWaterM3, winter.sourceWaterM3);
    EXPECT_NEAR(summer.facilityEnergyMwh, winter.facilityEnergyMwh, 1e-9);
    EXPECT_NEAR(summer.carbonT, winter.carbonT, 1e-9);
}

// A run started near the year's end wraps to January; one longer than a year pays the
// whole year once per year plus the remainder.
TEST(Training, WindowWrapsAroundTheYear) {
    auto site = trn2Site();
    auto r = syntheticYear();
    for (std::size_t i = 0; i < kHours; ++i) {
        r.hourly.itPowerKw[i] = static_cast<double>(i); // hour index as kW, to see the window
    }
    deploy(r, site, 6400);
    const double rate = 6400 * 667e12 * 0.4;
    auto w = run70B(8750);
    w.flops = units::Operations::from_value(rate * 3600.0 * 20.0); // exactly 20 hours
    site.training.push_back(w);
    auto longer = run70B(100);
    longer.flops = units::Operations::from_value(rate * 3600.0 * (kHours + 10.5));
    site.training.push_back(longer);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.training.size(), 2U);
    EXPECT_NEAR(r.training[0].hours, 20.0, 1e-9);
    // Hours 8750..8759 and 0..9.
    double expectedKwh = 0.0;
    for (int i = 8750; i < 8760; ++i) {
        expectedKwh += i;
    }
    for (int i = 0; i < 10; ++i) {
        expectedKwh += i;
    }
    EXPECT_NEAR(r.training[0].itEnergyMwh, expectedKwh / 1e3, 1e-9);
    const double yearKwh = (kHours - 1) * kHours / 2.0;
    const double tailKwh = (100 + 101 + 102 + 103 + 104 + 105 + 106 + 107 + 108 + 109) + 0.5 * 110;
    EXPECT_NEAR(r.training[1].itEnergyMwh, (yearKwh + tailKwh) / 1e3, 1e-6);
}

TEST(Training, ProblemsAreDiagnosed) {
    auto site = trn2Site();
    auto w = run70B(0);
    w.precision = 3; // TF32: not published for Trainium2 in the catalog
    site.training.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_TRUE(r.diagnostics.hasErrors());
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/training/0/precision");
    EXPECT_EQ(r.training[0].hours, 0.0);
}

// A run too long to charge (issue 10): 6 N D = 6e34 FLOP at 64 x 667 TF x 1e-6 MFU would
// take 6e34 / 4.2688e10 / 3600 / 8760 = 4.46e16 years; it is refused, never walked hour by
// hour and never infinite.
TEST(Training, ARunLongerThanAThousandYearsIsRefused) {
    auto site = trn2Site();
    auto w = run70B(0);
    w.parameters = 1e16;
    w.tokens = 1e18;
    w.mfu = 1e-6;
    site.training.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 64);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.diagnostics.items().size(), 1u);
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/training/0");
    EXPECT_EQ(r.diagnostics.items().front().message,
              "the run would take 4.46e+16 years on this deployment; at most 1000 years are "
              "simulated");
    EXPECT_EQ(r.training[0].hours, 0.0);
    EXPECT_EQ(r.training[0].itEnergyMwh, 0.0);
}

// Decode of a 70B model at FP8 (1 byte/parameter) on Trainium2: compute caps a chip at
// 1,299e12 / 1.4e11 = 9,279 tokens/s; HBM at batch x 2.9e12 / 7e10 = 41.4 x batch.
TEST(Inference, ThroughputIsBoundedByComputeOrHbm) {
    auto site = trn2Site();
    InferenceWorkload small;
    small.name = "batch 1";
    small.parameters = 70e9;
    small.precision = 0;
    small.batch = 1;
    small.bytesPerParameter = 1.0;
    auto large = small;
    large.name = "batch 512";
    large.batch = 512;
    auto big = small;
    big.name = "405B BF16";
    big.parameters = 405e9;
    big.bytesPerParameter = 2.0;
    site.inference = {small, large, big};
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.inference.size(), 3U);
    EXPECT_FALSE(r.inference[0].computeBound);
    EXPECT_NEAR(r.inference[0].tokensPerSecondPerChip, 2.9e12 / 70e9, 1e-9);
    EXPECT_TRUE(r.inference[1].computeBound);
    EXPECT_NEAR(r.inference[1].tokensPerSecondPerChip, 1299e12 / 140e9, 1e-6);
    EXPECT_EQ(r.inference[0].chipsPerReplica, 1);
    EXPECT_EQ(r.inference[2].chipsPerReplica, 8); // 810 GB over 96 GiB chips
    // Per-million-token costs: the year's totals over the year's tokens (utilization 1).
    const double tokens = r.inference[1].tokensPerSecondPerChip * 6400 * 3600.0 * kHours;
    EXPECT_NEAR(r.inference[1].energyKwhPerMillionTokens, 5500.0 * kHours / tokens * 1e6, 1e-9);
    EXPECT_NEAR(r.inference[1].itEnergyKwhPerMillionTokens, 5000.0 * kHours / tokens * 1e6, 1e-9);
    const double summerHours = (30 + 31 + 31) * 24;
    EXPECT_NEAR(r.inference[1].waterLPerMillionTokens, 1250.0 * summerHours / tokens * 1e6, 1e-9);
    EXPECT_NEAR(r.inference[1].carbonKgPerMillionTokens, 5500.0 * 0.4 * kHours / tokens * 1e6,
                1e-9);
}

TEST(Productivity, SiteAndPerUltraServer) {
    auto site = trn2Site();
    site.training.push_back(run70B(0));
    InferenceWorkload inf;
    inf.parameters = 70e9;
    inf.precision = 0;
    inf.batch = 512;
    site.inference.push_back(inf);
    site.it.utilization.values.assign(kHours, 0.5);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    const auto& p = r.productivity;
    EXPECT_DOUBLE_EQ(p.mfu, 0.4);
    EXPECT_NEAR(p.sustainedPflops[1].value(), 6400 * 0.667 * 0.4, 1e-9);
    EXPECT_FALSE(p.sustainedPflops[3]); // Trainium2 publishes no dense TF32 rate
    // Half utilization: half the FLOPs for the same simulated energy.
    EXPECT_NEAR(p.flopsPerFacilityKwh, 6400 * 667e12 * 0.4 * 3600.0 * 0.5 / 5500.0, 1e3);
    const double tokens = 1299e12 / 140e9 * 6400 * 3600.0 * kHours * 0.5;
    EXPECT_NEAR(p.tokensPerYear, tokens, 1e-6 * tokens);
    EXPECT_NEAR(p.tokensPerLitre, tokens / (1250.0 * 92 * 24), 1e-6 * p.tokensPerLitre);
    EXPECT_NEAR(p.tokensPerKgCo2e, tokens / (5500.0 * 0.4 * kHours), 1e-6 * p.tokensPerKgCo2e);
    EXPECT_NEAR(p.facilityMwhPerUltraServer, 5.5 * kHours / 100.0, 1e-9);
    EXPECT_NEAR(p.sustainedPflopsPerUltraServer, 64 * 0.667 * 0.4, 1e-9);
}

} // namespace
} // namespace headroom::model
