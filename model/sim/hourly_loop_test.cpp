// The hourly loop against the slower ways it stands for: the KPIs it sums as it makes the
// hours against computeKpis over the stored series, and each hour of a hall that keeps the
// last utilization's and pressure's terms against a hall evaluating that hour first.

#include "model/sim/hall_model.h"
#include "model/sim/kpis.h"
#include "model/sim/simulate.h"

#include "model/sim/sim_test_support.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <memory>

namespace headroom::model {
namespace {

RunResult run(const Site& site) {
    Feedback feedback;
    return simulate(Scenario{site, "test"}, feedback);
}

// The loop sums the KPIs as it makes the hours (KpiSums); computeKpis sums the stored series
// (a plan's years). Both must give the same figures, bit for bit, for every design, a daily
// utilization and grid profile, contracts and a residual mix, and a month split in two runs.
TEST(HourlyLoop, KpisSummedInTheLoopAreThoseOfTheHourlySeries) {
    for (CoolingDesign design :
         {CoolingDesign::AirsideEconomizerEvaporative, CoolingDesign::IndirectEvaporative,
          CoolingDesign::ChilledWaterTowers, CoolingDesign::AirCooledChillers,
          CoolingDesign::AirsideEconomizerWaterCooledChillers,
          CoolingDesign::ChilledWaterAdiabaticDryCoolers}) {
        SCOPED_TRACE(static_cast<int>(design));
        auto climate = std::make_shared<Climate>(*testing::syntheticClimate(12.0, 16.0, 7.0, 5.0));
        // Hours of a month apart from its run: the month's sums are taken up again.
        std::rotate(climate->month.begin(), climate->month.begin() + 100, climate->month.end());
        Site site = testing::indianaLikeSite(climate);
        site.cooling.design = design;
        site.it.utilization.values.clear();
        site.grid.carbonKgPerKwh.values.clear();
        for (int h = 0; h < 24; ++h) {
            site.it.utilization.values.push_back(h < 8 ? 0.55 : 0.9);
            site.grid.carbonKgPerKwh.values.push_back(0.3 + 0.01 * h);
        }
        site.grid.renewableFraction = 0.35;
        const RunResult r = run(site);
        RunResult fromSeries = r;
        computeKpis(0.35, std::nullopt, fromSeries);
        const MonthlyResults& a = r.monthly;
        const MonthlyResults& b = fromSeries.monthly;
        for (const auto member :
             {&MonthlyResults::pue, &MonthlyResults::wueSiteLPerKwh,
              &MonthlyResults::wueSourceLPerKwh, &MonthlyResults::waterM3,
              &MonthlyResults::waterHours, &MonthlyResults::carbonLocationT,
              &MonthlyResults::carbonMarketT, &MonthlyResults::itEnergyMwh,
              &MonthlyResults::facilityEnergyMwh, &MonthlyResults::evaporationM3,
              &MonthlyResults::blowdownM3, &MonthlyResults::driftM3,
              &MonthlyResults::humidificationM3, &MonthlyResults::mechanicalEnergyMwh,
              &MonthlyResults::electricalLossMwh, &MonthlyResults::hoursOutsideEnvelope,
              &MonthlyResults::hoursTooDry, &MonthlyResults::hoursTooHumid}) {
            EXPECT_EQ(a.*member, b.*member);
        }
        const AnnualResults& x = r.annual;
        AnnualResults y = fromSeries.annual;
        y.designHourPue = x.designHourPue; // not a sum: simulate() sets it after the KPIs
        for (const auto member :
             {&AnnualResults::pue, &AnnualResults::ppueCooling, &AnnualResults::ppuePower,
              &AnnualResults::wueSiteLPerKwh, &AnnualResults::wueSourceLPerKwh,
              &AnnualResults::cueKgPerKwh, &AnnualResults::itEnergyMwh,
              &AnnualResults::facilityEnergyMwh, &AnnualResults::waterM3,
              &AnnualResults::gridWaterM3, &AnnualResults::carbonLocationT,
              &AnnualResults::carbonMarketT, &AnnualResults::peakFacilityMw,
              &AnnualResults::peakItMw, &AnnualResults::mlcAnnualized,
              &AnnualResults::elcAnnualized, &AnnualResults::designHourPue,
              &AnnualResults::waterMaxDayM3, &AnnualResults::waterMaxDayItMwh}) {
            EXPECT_EQ(x.*member, y.*member);
        }
        EXPECT_EQ(x.zeroWaterMonths, y.zeroWaterMonths);
        EXPECT_EQ(x.waterFreeHours, y.waterFreeHours);
        EXPECT_EQ(x.longestWaterFreeRunDays, y.longestWaterFreeRunDays);
        EXPECT_EQ(x.modeHours, y.modeHours);
        EXPECT_EQ(x.hoursOutsideEnvelope, y.hoursOutsideEnvelope);
        EXPECT_EQ(x.hoursTooDry, y.hoursTooDry);
        EXPECT_EQ(x.hoursTooHumid, y.hoursTooHumid);
        EXPECT_GT(x.pue, 1.0);
    }
}

// The hall keeps the plant's pressure terms of the last pressure (HallModel::evaluate): every
// hour of a year whose pressure changes hour by hour, and of one whose pressure changes by
// month (a climate digest's), is the hour a hall evaluating it first would make.
TEST(HourlyLoop, EachHourIsTheHourOfAFreshHallWhateverThePressure) {
    for (bool byMonth : {false, true}) {
        SCOPED_TRACE(byMonth ? "by month" : "by hour");
        auto climate = std::make_shared<Climate>(*testing::syntheticClimate(12.0, 16.0, 7.0, 5.0));
        for (std::size_t h = 0; h < climate->hours(); ++h) {
            climate->pressurePa[h] = byMonth ? 97000.0 + 300.0 * climate->month[h]
                                             : 96000.0 + 250.0 * static_cast<double>(h % 7);
        }
        Site site = testing::indianaLikeSite(climate);
        site.it.ultraServers = 800;
        site.it.utilization.values.clear(); // 100 %, as the fresh halls below evaluate
        // Limits the outdoor air meets in cold, mild and hot hours.
        site.cooling.envelope.maxDewPoint = units::celsius(15.0);
        site.cooling.envelope.minRelativeHumidity = 0.3;
        const RunResult r = run(site);
        const auto outdoor = outdoorSeries(site.climate, site.location.elevation.value());
        const double scale = std::max(r.compute.hallsUsed, 1);
        std::array<int, kCoolingModeCount> modes{};
        int outside = 0;
        for (std::size_t h = 0; h < climate->hours(); h += 5) {
            HallModel fresh(site, r.compute, *outdoor);
            const HallHour hh = fresh.evaluate(outdoorAt(*climate, *outdoor, h), 1.0);
            ASSERT_EQ(r.hourly.mode[h], hh.cooling.mode) << h;
            ASSERT_EQ(r.hourly.outsideEnvelope[h], hh.cooling.outsideEnvelope) << h;
            ASSERT_EQ(r.hourly.compressorPowerKw[h], scale * hh.cooling.compressorKw) << h;
            ASSERT_EQ(r.hourly.evaporationL[h], scale * hh.cooling.evaporationL) << h;
            ASSERT_EQ(r.hourly.facilityPowerKw[h], scale * hh.chain.facilityKw) << h;
            ++modes[static_cast<std::size_t>(hh.cooling.mode)];
            outside += hh.cooling.outsideEnvelope != EnvelopeExcursion::Inside ? 1 : 0;
        }
        // The pressure's terms decide in recirculation, free-cooling and hot hours alike.
        EXPECT_GT(modes[static_cast<std::size_t>(CoolingMode::Recirculation)], 0);
        EXPECT_GT(modes[static_cast<std::size_t>(CoolingMode::FreeCooling)], 0);
        EXPECT_GT(modes[static_cast<std::size_t>(CoolingMode::PartialMechanical)], 0);
        EXPECT_GT(outside, 0);
    }
}

} // namespace
} // namespace headroom::model
