// The chart builders fill their plots with the result's values, in the units chosen.
// Values are compared with the RunResult they came from (tolerance 1e-9 relative: the
// builders only copy or convert), not with pixels.
#include "ui/charts/charts.h"

#include "model/climate/psychrometrics.h"
#include "tests/support/sample_run_result.h"

#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace headroom::ui {
namespace {

class ChartsTest : public ::testing::Test {
protected:
    model::RunResult result = headroom::testing::makeSampleRunResult();
    QCustomPlot plot;
};

QCPBars* barsNamed(QCustomPlot& plot, const QString& name) {
    for (int i = 0; i < plot.plottableCount(); ++i) {
        if (plot.plottable(i)->name() == name) {
            return qobject_cast<QCPBars*>(plot.plottable(i));
        }
    }
    return nullptr;
}

TEST(DisplayUnits, ConvertToCustomaryUnits) {
    const DisplayUnits ip(UnitSystem::IP);
    EXPECT_DOUBLE_EQ(ip.temperature(0.0), 32.0);
    EXPECT_DOUBLE_EQ(ip.temperature(100.0), 212.0);
    EXPECT_NEAR(ip.waterVolume(1.0), 264.172, 1e-3);       // NIST: 1 m3 = 264.172 gal
    EXPECT_NEAR(ip.coolingPower(1.0), 284.345, 1e-3);      // 1 MW = 284.345 tons
    EXPECT_NEAR(ip.area(1000.0), 10763.9, 0.1);            // 1000 m2 = 10,763.9 ft2
    EXPECT_NEAR(ip.waterIntensity(0.15), 0.0396258, 1e-6); // AWS 0.15 L/kWh in gal/kWh
    const DisplayUnits si(UnitSystem::SI);
    EXPECT_DOUBLE_EQ(si.temperature(21.5), 21.5);
    EXPECT_DOUBLE_EQ(si.waterVolume(12.0), 12.0);
}

TEST(DisplayUnits, NamedFiguresConvertByTheUnitInTheirName) {
    const DisplayUnits ip(UnitSystem::IP);
    // The same factors as above (NIST SP 811, B.8); names as the IP CSV columns spell them.
    EXPECT_NEAR(ip.named("water_m3", 1.0), 264.172, 1e-3);
    EXPECT_EQ(ip.namedUnit("water_m3"), "water_gal");
    EXPECT_NEAR(ip.named("wue_site_l_per_kwh", 0.15), 0.0396258, 1e-6);
    EXPECT_EQ(ip.namedUnit("wue_site_l_per_kwh"), "wue_site_gal_per_kwh");
    EXPECT_NEAR(ip.named("evaporation_l", 3.785411784), 1.0, 1e-12);
    EXPECT_EQ(ip.namedUnit("evaporation_l"), "evaporation_gal");
    EXPECT_DOUBLE_EQ(ip.named("dry_bulb_c", 100.0), 212.0);
    EXPECT_EQ(ip.namedUnit("dry_bulb_c"), "dry_bulb_f");
    // Power, energy, carbon and ratios keep their values and names.
    EXPECT_DOUBLE_EQ(ip.named("peak_facility_mw", 61.5), 61.5);
    EXPECT_EQ(ip.namedUnit("pue"), "pue");
    const DisplayUnits si(UnitSystem::SI);
    EXPECT_DOUBLE_EQ(si.named("water_m3", 12.0), 12.0);
    EXPECT_EQ(si.namedUnit("water_m3"), "water_m3");
}

TEST_F(ChartsTest, MonthlyPueAndWueCarryTheMonthlyValues) {
    buildMonthlyPueWueChart(plot, result, chartContextFor(result, UnitSystem::SI));
    ASSERT_EQ(plot.graphCount(), 1);
    const auto pue = plot.graph(0)->data();
    ASSERT_EQ(pue->size(), 12);
    for (int m = 0; m < 12; ++m) {
        EXPECT_DOUBLE_EQ(pue->at(m)->value, result.monthly.pue[m]);
    }
    QCPBars* wue = barsNamed(plot, QStringLiteral("WUE site"));
    ASSERT_NE(wue, nullptr);
    EXPECT_DOUBLE_EQ(wue->data()->at(6)->value, result.monthly.wueSiteLPerKwh[6]);
}

TEST_F(ChartsTest, WaterBarsStackToTheMonthlyTotalInGallons) {
    buildMonthlyWaterChart(plot, result, chartContextFor(result, UnitSystem::IP));
    ASSERT_EQ(plot.plottableCount(), 4);
    for (int m = 0; m < 12; ++m) {
        double stacked = 0.0;
        for (int i = 0; i < 4; ++i) {
            stacked += static_cast<QCPBars*>(plot.plottable(i))->data()->at(m)->value;
        }
        EXPECT_NEAR(stacked, result.monthly.waterM3[m] * 264.172052, 1e-6 * (1.0 + stacked));
    }
}

TEST_F(ChartsTest, HeatmapHoldsTheModeOfEveryHour) {
    buildCoolingModeHeatmap(plot, result, chartContextFor(result, UnitSystem::SI));
    auto* map = qobject_cast<QCPColorMap*>(plot.plottable(0));
    ASSERT_NE(map, nullptr);
    ASSERT_EQ(map->data()->keySize(), 365);
    ASSERT_EQ(map->data()->valueSize(), 24);
    for (std::size_t i = 0; i < result.hourly.hours(); i += 97) {
        const int day = static_cast<int>(i / 24);
        const int hour = static_cast<int>(i % 24);
        EXPECT_EQ(map->data()->cell(day, hour), static_cast<double>(result.hourly.mode[i]));
    }
}

// The CFE heat map holds each hour's band of 20 % of its carbon-free share (the sample's
// 0.85 in the hours ending 10 to 16 is band 4, 0.38 in the others band 1), an hour that consumed
// nothing the level after the bands, and says so when the site has no /clean_energy.
TEST_F(ChartsTest, CfeHeatmapBandsEveryHour) {
    model::RunResult idle = result;
    idle.hourly.facilityPowerKw[4000] = 0.0;
    idle.cfe->hourlyCarbonFreeKwh[4000] = 0.0;
    buildCfeHeatmap(plot, idle, chartContextFor(idle, UnitSystem::SI));
    auto* map = qobject_cast<QCPColorMap*>(plot.plottable(0));
    ASSERT_NE(map, nullptr);
    ASSERT_EQ(map->data()->keySize(), 365);
    ASSERT_EQ(map->data()->valueSize(), 24);
    for (std::size_t i = 0; i < result.hourly.hours(); i += 97) {
        const int hour = result.hourly.hour[i];
        const double expected = hour > 9 && hour < 17 ? 4.0 : 1.0;
        EXPECT_EQ(map->data()->cell(static_cast<int>(i / 24), static_cast<int>(i % 24)), expected);
    }
    EXPECT_EQ(map->data()->cell(4000 / 24, 4000 % 24), 5.0);
    model::RunResult without = result;
    without.cfe.reset();
    buildCfeHeatmap(plot, without, chartContextFor(without, UnitSystem::SI));
    EXPECT_EQ(plot.plottableCount(), 0);
}

TEST_F(ChartsTest, DurationCurveStartsAtTheHottestHourInFahrenheit) {
    buildTemperatureDurationChart(plot, result, chartContextFor(result, UnitSystem::IP));
    ASSERT_EQ(plot.graphCount(), 2);
    const double hottest =
        *std::max_element(result.hourly.dryBulbC.begin(), result.hourly.dryBulbC.end());
    EXPECT_DOUBLE_EQ(plot.graph(0)->data()->at(0)->value, hottest * 1.8 + 32.0);
    EXPECT_EQ(plot.graph(0)->data()->size(), static_cast<int>(result.hourly.hours()));
    // Sorted hottest first.
    EXPECT_GE(plot.graph(0)->data()->at(100)->value, plot.graph(0)->data()->at(5000)->value);
    // Three envelope limits (supply max, supply min, max dew point), each a line and a label.
    EXPECT_EQ(plot.itemCount(), 6);
}

TEST_F(ChartsTest, CapacityHighlightsTheBindingConstraint) {
    buildCapacityHeadroomChart(plot, result, chartContextFor(result, UnitSystem::SI));
    QCPBars* binding = barsNamed(plot, QStringLiteral("Binding constraint"));
    ASSERT_NE(binding, nullptr);
    ASSERT_EQ(binding->data()->size(), 1);
    EXPECT_DOUBLE_EQ(binding->data()->at(0)->value,
                     result.capacity.maxItMw[static_cast<int>(result.capacity.binding)].value());
}

TEST_F(ChartsTest, PsychrometricChartPlotsEveryHourAndTheEnvelope) {
    const ChartContext context = chartContextFor(result, UnitSystem::SI);
    ASSERT_TRUE(context.envelope.has_value());
    EXPECT_NEAR(context.envelope->maxDryBulbC, 27.0, 1e-9);
    buildPsychrometricChart(plot, result, context);
    ASSERT_EQ(plot.graphCount(), 1);
    const auto hours = plot.graph(0)->data();
    EXPECT_EQ(hours->size(), static_cast<int>(result.hourly.hours()));
    // Every dot's humidity ratio is the dew point's, in g/kg.
    const double w =
        model::psychro::humidityRatioFromDewPoint(result.hourly.dewPointC[0], context.pressurePa);
    const double t = result.hourly.dryBulbC[0];
    const auto found = std::find_if(hours->constBegin(), hours->constEnd(), [&](const auto& d) {
        return std::abs(d.key - t) < 1e-12 && std::abs(d.value - w * 1000.0) < 1e-9;
    });
    EXPECT_NE(found, hours->constEnd());
    bool envelope = false;
    for (int i = 0; i < plot.plottableCount(); ++i) {
        envelope = envelope || plot.plottable(i)->name() == QStringLiteral("Supply-air envelope");
    }
    EXPECT_TRUE(envelope);
}

TEST_F(ChartsTest, RebuildingReplacesThePreviousChart) {
    for (const ChartKind& kind : chartKinds()) {
        kind.build(plot, result, chartContextFor(result, UnitSystem::SI));
        const int plottables = plot.plottableCount();
        const int items = plot.itemCount();
        const int elements = plot.plotLayout()->elementCount();
        kind.build(plot, result, chartContextFor(result, UnitSystem::SI));
        EXPECT_EQ(plot.plottableCount(), plottables) << kind.id;
        EXPECT_EQ(plot.itemCount(), items) << kind.id;
        EXPECT_EQ(plot.plotLayout()->elementCount(), elements) << kind.id;
    }
}

TEST_F(ChartsTest, EveryChartDrawsWithoutASite) {
    result.inputs.reset();
    for (const ChartKind& kind : chartKinds()) {
        kind.build(plot, result, chartContextFor(result, UnitSystem::SI));
        const QPixmap pixmap = plot.toPixmap(400, 300);
        EXPECT_FALSE(pixmap.isNull()) << kind.id;
    }
}

} // namespace
} // namespace headroom::ui
