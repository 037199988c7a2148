// The Plan view on the Indiana build-out sample (sample_sites/st-joseph-county-in-plan.json)
// run through model::runPlan: the table and the charts hold the runner's figures, year by
// year; a month a year loses from its water-free window is named; no plan says why.
#include "model/plan/plan.h"
#include "model/plan/plan_uncertainty.h"
#include "model/report/json_summary.h"
#include "model/run/run_service.h"
#include "model/site/site_reader.h"
#include "ui/charts/plan_charts.h"
#include "ui/views/plan_view.h"

#include <QCoreApplication>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QTest>
#include <gtest/gtest.h>
#include <qcustomplot.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace headroom::ui {
namespace {

std::shared_ptr<const model::PlanResult> samplePlan() {
    static const auto plan = [] {
        const auto load = model::loadSiteSource(std::filesystem::path(HEADROOM_SOURCE_DIR) /
                                                "sample_sites" / "st-joseph-county-in-plan.json");
        model::RunService service;
        const auto build = service.prepare(*load.source, {});
        model::Feedback feedback;
        return std::make_shared<const model::PlanResult>(model::runPlan(*build.scenario, feedback));
    }();
    return plan;
}

/// The value of bars at key (a year), or NaN.
double barAt(QCustomPlot& plot, const QString& name, double key) {
    for (int i = 0; i < plot.plottableCount(); ++i) {
        auto* bars = qobject_cast<QCPBars*>(plot.plottable(i));
        if (bars && bars->name() == name) {
            const auto it = bars->data()->findBegin(key, false);
            if (it != bars->data()->constEnd() && it->key == key) {
                return it->value;
            }
        }
    }
    return std::nan("");
}

TEST(PlanView, ShowsTheRunnersYearsInTheTableAndTheCharts) {
    const auto plan = samplePlan();
    ASSERT_EQ(plan->years.size(), 15u);
    PlanView view;
    view.setPlan(plan);
    QTableWidget* table = view.years();
    ASSERT_EQ(table->rowCount(), 15);
    const DisplayUnits units(UnitSystem::SI);
    const model::NumberStyle style = localeNumberStyle();
    for (int row = 0; row < 15; ++row) {
        const model::PlanYearResult& year = plan->years[static_cast<std::size_t>(row)];
        SCOPED_TRACE(year.year);
        EXPECT_EQ(table->item(row, 0)->text(), QString::number(year.year));
        // Columns 2.. are the result table's rows, formatted by them (the runner's figures).
        for (const auto& [column, key] :
             {std::pair{2, "design_hour_it_mw"}, std::pair{5, "water_m3"},
              std::pair{6, "carbon_location_t"}}) {
            EXPECT_EQ(
                table->item(row, column)->text().toStdString(),
                model::displayKpi(*model::findKpiField(key), year.result, units, style, false));
        }
        EXPECT_EQ(table->item(row, 8)->text(), monthList(year.result.annual.zeroWaterMonths));
        // The charts: IT by generation stacks to the year's; water and carbon are the year's.
        QCustomPlot& capacity = *view.plot("plan_capacity");
        double stacked = 0.0;
        for (const char* platform : {"trn2-ultraserver", "trn3-ultraserver"}) {
            const double mw = barAt(capacity, QString::fromLatin1(platform), year.year);
            stacked += std::isnan(mw) ? 0.0 : mw;
        }
        EXPECT_NEAR(stacked, year.result.capacity.deployedItMw,
                    1e-9 * year.result.capacity.deployedItMw);
        EXPECT_DOUBLE_EQ(barAt(*view.plot("plan_water"), QStringLiteral("Site water"), year.year),
                         year.result.annual.waterM3);
        EXPECT_DOUBLE_EQ(
            barAt(*view.plot("plan_carbon"), QStringLiteral("Carbon, location-based"), year.year),
            year.result.annual.carbonLocationT / 1e3);
    }
    // The sample's first year runs 7 buildings of Trn2; its last year only Trn3 (refreshed).
    EXPECT_TRUE(table->item(0, 1)->text().contains("trn2-ultraserver"));
    EXPECT_FALSE(table->item(14, 1)->text().contains("trn2-ultraserver"));
    EXPECT_TRUE(view.horizonText().contains("2025\u20132039"));
}

// A month that used no water the year before and needs water this year is named in the
// table, and above the year's bar in the water chart.
TEST(PlanView, NamesTheMonthsThatStopBeingWaterFree) {
    auto warmer = std::make_shared<model::PlanResult>(*samplePlan());
    auto& months = warmer->years[5].result.annual.zeroWaterMonths;
    const auto november = std::find(months.begin(), months.end(), 11);
    ASSERT_NE(november, months.end()) << "the sample's November is water-free";
    months.erase(november);
    PlanView view;
    view.setPlan(warmer);
    EXPECT_EQ(view.years()->item(5, 9)->text(), QStringLiteral("Nov"));
    EXPECT_EQ(view.years()->item(4, 9)->text(), QString());
    // The next year regains November: nothing is lost there.
    EXPECT_EQ(view.years()->item(6, 9)->text(), QString());
    QCustomPlot& water = *view.plot("plan_water");
    ASSERT_EQ(water.itemCount(), 1);
    EXPECT_EQ(qobject_cast<QCPItemText*>(water.item(0))->text(), QStringLiteral("Nov needs water"));
}

/// A one-year plan of the sample (30 buildings of Trn2 in 2030) with two declared inputs
/// (warming and the grid's decarbonization) and `draws` draws.
std::shared_ptr<const model::Site> oneYearSite(int draws) {
    nlohmann::json doc =
        nlohmann::json::parse(std::ifstream(std::filesystem::path(HEADROOM_SOURCE_DIR) /
                                            "sample_sites" / "st-joseph-county-in-plan.json"));
    doc["plan"]["first_year"] = doc["plan"]["last_year"] = 2030;
    doc["plan"]["phases"] = {{{"year", 2030},
                              {"first_building", 1},
                              {"buildings", 30},
                              {"platform", "trn2-ultraserver"}}};
    doc["plan"].erase("refresh");
    doc["plan"]["uncertainty"]["draws"] = draws;
    doc["plan"]["uncertainty"]["inputs"] = {
        {{"input", "warming"}, {"distribution", "uniform"}, {"min", "80 %"}, {"max", "125 %"}},
        {{"input", "grid_decarbonization"},
         {"distribution", "uniform"},
         {"min", "50 %"},
         {"max", "150 %"}}};
    model::SiteLoad loaded = model::readSiteDocument(
        doc, "plan.json", std::filesystem::path(HEADROOM_SOURCE_DIR) / "sample_sites");
    return loaded.site ? std::make_shared<const model::Site>(*loaded.site) : nullptr;
}

// The uncertainty, drawn on demand: the one-year plan with two draws (kept small for
// speed); the bands and the tornado hold the model's figures.
TEST(PlanView, DrawsTheUncertaintyIntoBandsAndATornado) {
    const auto site = oneYearSite(2);
    ASSERT_TRUE(site);
    model::Feedback feedback;
    auto plan = std::make_shared<const model::PlanResult>(
        model::runPlan(model::Scenario{*site, "view"}, feedback));

    PlanView view;
    view.setPlan(plan, site);
    ASSERT_FALSE(view.drawButton()->isHidden()) << "the site declares draws";
    EXPECT_TRUE(view.plot("plan_tornado")->isHidden()) << "no tornado before the draws";
    QTest::mouseClick(view.drawButton(), Qt::LeftButton);
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.drawButton()->isHidden(); }, 120000));

    // The same draws in process (same seed: the same numbers, whatever the threads).
    const model::PlanUncertaintyResult expected = model::runPlanUncertainty(
        model::Scenario{*site, "view"}, {2, site->plan->uncertainty->seed, 1}, feedback);
    QCustomPlot& water = *view.plot("plan_water");
    double p90 = std::nan("");
    for (int i = 0; i < water.graphCount(); ++i) {
        if (water.graph(i)->name().startsWith(QStringLiteral("P10"))) {
            p90 = water.graph(i)->data()->at(0)->value;
        }
    }
    const auto figure =
        std::find(expected.yearFigures.begin(), expected.yearFigures.end(), "water_m3") -
        expected.yearFigures.begin();
    EXPECT_EQ(p90, expected.years[0][static_cast<std::size_t>(figure)].p90);
    // The tornado: two rows per input (water, carbon), each input's change from the plan.
    QCustomPlot& tornado = *view.plot("plan_tornado");
    EXPECT_FALSE(tornado.isHidden());
    const std::vector<PlanTornadoBar> bars = planTornadoBars(*view.plan(), "water_m3");
    ASSERT_EQ(bars.size(), 2u);
    int rows = 0;
    for (int i = 0; i < tornado.plottableCount(); ++i) {
        if (auto* b = qobject_cast<QCPBars*>(tornado.plottable(i))) {
            rows = std::max(rows, b->dataCount());
        }
    }
    EXPECT_EQ(rows, 4);
    for (const PlanTornadoBar& bar : bars) {
        if (bar.input == QStringLiteral("warming")) {
            EXPECT_GT(bar.highPercent, bar.lowPercent) << "more warming, more water";
        }
    }
    EXPECT_TRUE(view.horizonText().contains(QStringLiteral("Over 2 draws")));
}

// Issue 19: while the draws run, a bar shows the share of the plans done, and Cancel stops
// them and leaves the view as it was. 5,000 draws of the one-year plan take minutes; the
// bar's first thousandth (5 plans) comes long before. Every wait is on a condition
// (QTest::qWaitFor, what the QTRY_ macros poll with), with generous timeouts.
TEST(PlanView, ShowsTheDrawsProgressAndCancelsThem) {
    const auto site = oneYearSite(5000);
    ASSERT_TRUE(site);
    model::Feedback feedback;
    auto plan = std::make_shared<const model::PlanResult>(
        model::runPlan(model::Scenario{*site, "view"}, feedback));
    PlanView view;
    view.setPlan(plan, site);
    EXPECT_TRUE(view.drawProgress()->isHidden()) << "no bar before the draws";
    EXPECT_TRUE(view.cancelButton()->isHidden());
    const QString horizon = view.horizonText();
    const QString drawText = view.drawButton()->text();

    QTest::mouseClick(view.drawButton(), Qt::LeftButton);
    EXPECT_FALSE(view.drawProgress()->isHidden());
    EXPECT_FALSE(view.cancelButton()->isHidden());
    EXPECT_FALSE(view.drawButton()->isEnabled());
    EXPECT_EQ(view.drawProgress()->value(), 0);
    // The bar moves as the plans are drawn (the events come from the workers).
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.drawProgress()->value() > 0; }, 300000));
    const int first = view.drawProgress()->value();
    ASSERT_TRUE(QTest::qWaitFor([&] { return view.drawProgress()->value() > first; }, 300000));
    EXPECT_LT(view.drawProgress()->value(), view.drawProgress()->maximum());

    QTest::mouseClick(view.cancelButton(), Qt::LeftButton);
    // The view as it was: no bar, the draw button back, no bands, no tornado.
    const auto asBefore = [&] {
        EXPECT_TRUE(view.drawProgress()->isHidden());
        EXPECT_TRUE(view.cancelButton()->isHidden());
        EXPECT_FALSE(view.drawButton()->isHidden());
        EXPECT_TRUE(view.drawButton()->isEnabled());
        EXPECT_EQ(view.drawButton()->text(), drawText);
        EXPECT_EQ(view.plan(), plan);
        EXPECT_FALSE(view.plan()->uncertainty);
        EXPECT_EQ(view.horizonText(), horizon);
        EXPECT_TRUE(view.plot("plan_tornado")->isHidden());
    };
    asBefore();
    // What the canceled draws posted before they stopped changes nothing when it arrives.
    QCoreApplication::processEvents();
    asBefore();
}

TEST(PlanView, ASiteWithoutAPlanSaysWhy) {
    PlanView view;
    view.setPlan(samplePlan());
    view.setPlan(nullptr);
    EXPECT_EQ(view.years()->rowCount(), 0);
    EXPECT_TRUE(view.horizonText().contains("no plan"));
}

} // namespace
} // namespace headroom::ui
