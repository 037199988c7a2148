#include "model/perf/published_run.h"

#include "model/units/quantity_parser.h"

#include <gtest/gtest.h>

#include <cstdio>

namespace headroom::model {
namespace {

template <class Q> Q q(const char* text) {
    return *units::parseQuantity<Q>(text).value;
}

// Patterson et al. 2021 [patterson-2021-carbon], Table 4, GPT-3: 10,000 V100 x 14.8 days x
// 330 W x PUE 1.10 = 1,287 MWh; x 0.429 kg/kWh = 552 t CO2e. Within 1 %.
TEST(PublishedRun, PattersonGpt3EnergyAndCarbon) {
    PublishedRun run;
    run.accelerators = 10000;
    run.duration = q<units::Time>("14.8 d");
    run.averagePower = q<units::Power>("330 W");
    run.pue = 1.10;
    run.carbonIntensity = q<units::CarbonIntensity>("0.429 kg/kWh");
    Diagnostics diagnostics;
    const auto r = evaluatePublishedRun(run, diagnostics);
    ASSERT_TRUE(r);
    const double mwh = units::toKilowattHours(r->facilityEnergy) / 1e3;
    EXPECT_NEAR(mwh, 1287.0, 1287.0 * 0.01);
    EXPECT_NEAR(r->carbon.value() / 1e3, 552.0, 552.0 * 0.01);
    std::printf("Patterson GPT-3: %.1f MWh (%.2f %% from 1,287), %.1f t (%.2f %% from 552)\n", mwh,
                100.0 * (mwh / 1287.0 - 1.0), r->carbon.value() / 1e3,
                100.0 * (r->carbon.value() / 1e3 / 552.0 - 1.0));
}

// Li et al., "Making AI Less Thirsty" [li-2023-thirsty]: GPT-3's 1,287 MWh at the US
// averages PUE 1.17, WUE 0.55 L/kWh, EWIF 3.142 L/kWh -> 0.708 ML on-site, 4.731 ML
// off-site, 5.439 ML in all. Li et al. treat the 1,287 MWh as the servers' (IT) energy.
TEST(PublishedRun, LiGpt3WaterUsAverage) {
    PublishedRun run;
    run.itEnergy = q<units::Energy>("1287 MWh");
    run.pue = 1.17;
    run.carbonIntensity = q<units::CarbonIntensity>("0.3497 kg/kWh");
    run.wue = q<units::WaterIntensity>("0.55 L/kWh");
    run.ewif = q<units::WaterIntensity>("3.142 L/kWh");
    Diagnostics diagnostics;
    const auto r = evaluatePublishedRun(run, diagnostics);
    ASSERT_TRUE(r);
    const double onSite = units::toLitres(r->onSiteWater) / 1e6;
    const double offSite = units::toLitres(r->offSiteWater) / 1e6;
    const double total = units::toLitres(r->totalWater()) / 1e6;
    EXPECT_NEAR(onSite, 0.708, 0.708 * 0.01);
    EXPECT_NEAR(offSite, 4.731, 4.731 * 0.01);
    EXPECT_NEAR(total, 5.439, 5.439 * 0.01);
    std::printf("Li GPT-3 water: %.4f / %.4f / %.4f ML\n", onSite, offSite, total);
}

TEST(PublishedRun, WaterIsZeroWithoutIntensities) {
    PublishedRun run;
    run.accelerators = 1;
    run.duration = q<units::Time>("1 h");
    run.averagePower = q<units::Power>("1 kW");
    run.pue = 1.5;
    run.carbonIntensity = q<units::CarbonIntensity>("0.5 kg/kWh");
    Diagnostics diagnostics;
    const auto r = evaluatePublishedRun(run, diagnostics);
    ASSERT_TRUE(r);
    EXPECT_DOUBLE_EQ(units::toKilowattHours(r->facilityEnergy), 1.5);
    EXPECT_DOUBLE_EQ(r->carbon.value(), 0.75);
    EXPECT_EQ(r->totalWater().value(), 0.0);
}

TEST(PublishedRun, BadInputsAreNamed) {
    PublishedRun run;
    run.accelerators = 0;
    run.duration = q<units::Time>("1 h");
    run.averagePower = q<units::Power>("300 W");
    run.pue = 0.9;
    Diagnostics diagnostics;
    EXPECT_FALSE(evaluatePublishedRun(run, diagnostics));
    ASSERT_EQ(diagnostics.items().size(), 2U);
    EXPECT_EQ(diagnostics.items()[0].pointer, "accelerators");
    EXPECT_EQ(diagnostics.items()[1].pointer, "pue");
}

} // namespace
} // namespace headroom::model
