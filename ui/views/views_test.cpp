// The result views fed a hand-made, self-consistent RunResult (tests/support): tiles
// show the result's own figures, charts come from the shared builders, the heatmap
// reads out the hour under the pointer, and the BOM table lists every line.
#include "model/batch/result_store.h"
#include "model/report/fabric_trade_off.h"
#include "tests/support/sample_run_result.h"
#include "ui/charts/charts.h"
#include "ui/views/assumptions_view.h"
#include "ui/views/batch_view.h"
#include "ui/views/charts_view.h"
#include "ui/views/compare_view.h"
#include "ui/views/compute_view.h"
#include "ui/views/dashboard_view.h"
#include "ui/views/diagnostics_view.h"

#include <QAbstractItemModel>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>
#include <qcustomplot.h>
#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

namespace headroom::ui {
namespace {

std::shared_ptr<const model::RunResult> sampleResult() {
    static const auto result =
        std::make_shared<const model::RunResult>(headroom::testing::makeSampleRunResult());
    return result;
}

std::shared_ptr<const model::Site> sampleSite() {
    static const auto site =
        std::make_shared<const model::Site>(headroom::testing::makeSampleSite());
    return site;
}

TEST(DashboardView, TilesShowTheResultsFigures) {
    DashboardView view;
    view.setResult(sampleResult());
    const model::RunResult& r = *sampleResult();
    EXPECT_DOUBLE_EQ(view.tileValue("pue"), r.annual.pue);
    EXPECT_DOUBLE_EQ(view.tileValue("wue_site_l_per_kwh"), r.annual.wueSiteLPerKwh);
    EXPECT_DOUBLE_EQ(view.tileValue("water_m3"), r.annual.waterM3);
    EXPECT_DOUBLE_EQ(view.tileValue("chips"), r.compute.chips);
    EXPECT_EQ(view.tileText("pue"), QLocale().toString(r.annual.pue, 'f', 3));
    const auto binding = static_cast<std::size_t>(r.capacity.binding);
    EXPECT_DOUBLE_EQ(view.tileValue("headroom_mw"), r.capacity.headroomMw[binding].value());
    EXPECT_FALSE(view.tileText("binding_constraint").isEmpty());
}

// A fixed count over its limit shows as over it, never as negative room (issue 14); a
// precision the chip publishes no rate for says so (Trainium2 TF32 in the sample).
TEST(DashboardView, OverTheLimitAndUnpublishedRatesAreSaidSo) {
    DashboardView view;
    view.setResult(sampleResult());
    EXPECT_FALSE(view.findChild<QWidget*>("tile_headroom_mw")->property("overLimit").toBool());
    auto over = std::make_shared<model::RunResult>(*sampleResult());
    const auto binding = static_cast<std::size_t>(over->capacity.binding);
    over->capacity.headroomMw[binding] = -13.3;
    view.setResult(over);
    EXPECT_DOUBLE_EQ(view.tileValue("headroom_mw"), -13.3);
    EXPECT_TRUE(view.tileText("headroom_mw").startsWith("over by"));
    EXPECT_TRUE(view.tileText("headroom_mw").contains(QLocale().toString(13.3, 'f', 1)));
    EXPECT_TRUE(view.findChild<QWidget*>("tile_headroom_mw")->property("overLimit").toBool());
    over->compute.peakPflops[0].reset();
    view.setResult(over);
    EXPECT_EQ(view.tileText("peak_pflops_fp8"), QStringLiteral("not published"));
    EXPECT_TRUE(std::isnan(view.tileValue("peak_pflops_fp8")));
}

/// Hours drier than the envelope in the zero-water months (what the zero owes to them).
double dryHoursInZeroWaterMonths(const model::RunResult& r) {
    double hours = 0.0;
    for (const int month : r.annual.zeroWaterMonths) {
        hours += r.monthly.hoursTooDry[static_cast<std::size_t>(month - 1)];
    }
    return hours;
}

// Issue 14: beside the zero-water months, the hours in them the air was too dry.
TEST(DashboardView, ZeroWaterMonthsSayHowManyHoursWereTooDry) {
    DashboardView view;
    view.setResult(sampleResult());
    const double dry = dryHoursInZeroWaterMonths(*sampleResult());
    ASSERT_GT(dry, 0.0);
    const QString detail = view.tileDetail("zero_water_month_count");
    EXPECT_TRUE(detail.startsWith(monthLabel(sampleResult()->annual.zeroWaterMonths.front())))
        << detail.toStdString();
    EXPECT_TRUE(detail.contains(
        QStringLiteral("zero water, with %1 hours drier than the envelope's minimum")
            .arg(QString::number(dry, 'f', 0))))
        << detail.toStdString();
}

TEST(DashboardView, IpUnitsConvertTheDisplayNotTheValue) {
    DashboardView view;
    view.setResult(sampleResult());
    view.setUnitSystem(UnitSystem::IP);
    const double litres = sampleResult()->annual.wueSiteLPerKwh;
    // 1 US gallon = 3.785411784 L (NIST SP 811).
    EXPECT_TRUE(view.tileText("wue_site_l_per_kwh").endsWith("gal/kWh"));
    EXPECT_TRUE(view.tileText("wue_site_l_per_kwh")
                    .startsWith(QLocale().toString(litres / 3.785411784, 'f', 4)));
    EXPECT_DOUBLE_EQ(view.tileValue("wue_site_l_per_kwh"), litres);
}

TEST(DashboardView, AStaleResultIsMarked) {
    DashboardView view;
    view.setResult(sampleResult());
    view.setStale(true);
    EXPECT_TRUE(view.isStale());
    EXPECT_FALSE(view.findChild<QWidget*>("tile_pue")->isEnabled());
    EXPECT_TRUE(view.findChild<QLabel*>("dashboardBanner")->isVisibleTo(&view));
    view.setStale(false);
    EXPECT_TRUE(view.findChild<QWidget*>("tile_pue")->isEnabled());
}

TEST(ChartsView, DrawsEveryChartKindFromTheSharedBuilders) {
    ChartsView view;
    view.resize(1200, 900);
    view.setResult(sampleResult());
    ASSERT_EQ(view.chartIds().size(), 9);
    for (const QString& id : view.chartIds()) {
        QCustomPlot* plot = view.plot(id);
        ASSERT_NE(plot, nullptr) << id.toStdString();
        EXPECT_GT(plot->plottableCount(), 0) << id.toStdString();
    }
}

TEST(ChartsView, ADarkPaletteRecoloursTheFrameOfEveryChart) {
    ChartsView view;
    QPalette dark;
    dark.setColor(QPalette::Window, QColor(0x20, 0x20, 0x20));
    dark.setColor(QPalette::WindowText, QColor(0xee, 0xee, 0xee));
    dark.setColor(QPalette::Base, QColor(0x18, 0x18, 0x18));
    view.setPalette(dark); // as a system switch to dark would
    view.setResult(sampleResult());
    for (const QString& id : view.chartIds()) {
        QCustomPlot* plot = view.plot(id);
        EXPECT_EQ(plot->xAxis->tickLabelColor(), QColor(0xee, 0xee, 0xee)) << id.toStdString();
        EXPECT_EQ(plot->axisRect()->backgroundBrush().color(), QColor(0x18, 0x18, 0x18));
    }
}

TEST(ChartsView, HoveringTheHeatmapReadsOutThatHour) {
    ChartsView view;
    view.resize(1200, 900);
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.setResult(sampleResult());
    QCustomPlot* plot = view.plot("cooling_mode");
    ASSERT_NE(plot, nullptr);
    plot->replot();
    // Day 196 (July 15), hour ending 14, at the pixel a mouse can be on.
    const QPoint pixel(static_cast<int>(std::lround(plot->xAxis->coordToPixel(196))),
                       static_cast<int>(std::lround(plot->yAxis->coordToPixel(14))));
    const int day = static_cast<int>(std::lround(plot->xAxis->pixelToCoord(pixel.x())));
    ASSERT_NEAR(day, 196, 1);
    const QString text = view.heatmapReadout(QPointF(pixel));
    const model::HourlyResults& h = sampleResult()->hourly;
    const std::size_t index = static_cast<std::size_t>(day - 1) * 24 + 13;
    EXPECT_TRUE(text.startsWith(QStringLiteral("Jul %1, hour ending 14: ").arg(h.day[index])))
        << text.toStdString();
    EXPECT_TRUE(text.contains(coolingModeLabel(h.mode[index]))) << text.toStdString();
    QTest::mouseMove(plot, pixel);
    EXPECT_EQ(view.readout()->text(), text);
}

/// The cell of table at (row, column) whose first column reads name, or "" when none does.
QString cellOfRow(const QTableWidget& table, const QString& name, int column) {
    for (int row = 0; row < table.rowCount(); ++row) {
        if (table.item(row, 0) && table.item(row, 0)->text() == name && table.item(row, column)) {
            return table.item(row, column)->text();
        }
    }
    return {};
}

// Issue 18: an empty box says what belongs there and how to get it.
TEST(ComputeView, EmptyWorkloadBoxesSayHowToAddOne) {
    ComputeView view;
    view.show();
    view.setResult(sampleResult(), sampleSite());
    EXPECT_FALSE(view.noTrainingMessage()->isVisible());
    EXPECT_TRUE(view.training()->isVisible());
    auto without = std::make_shared<model::RunResult>(*sampleResult());
    without->training.clear();
    without->inference.clear();
    view.setResult(without, sampleSite());
    EXPECT_TRUE(view.noTrainingMessage()->isVisible());
    EXPECT_FALSE(view.training()->isVisible());
    EXPECT_TRUE(view.noTrainingMessage()->text().startsWith("No training runs: add one under "
                                                            "Workloads"));
    EXPECT_TRUE(view.noInferenceMessage()->isVisible());
}

TEST(ComputeView, ListsEveryBillOfMaterialsLine) {
    ComputeView view;
    view.setResult(sampleResult(), sampleSite());
    EXPECT_EQ(view.billOfMaterials()->rowCount(),
              static_cast<int>(sampleResult()->billOfMaterials.size()));
    EXPECT_EQ(view.training()->rowCount(), static_cast<int>(sampleResult()->training.size()));
}

// What the chips deliver (issue 22): the layout found with its step-time breakdown and
// implied MFU, the season, and the fabric trade-off at 1:1 / 2:1 / 4:1 side by side, each
// cell the result's figure at the decimals it shows.
TEST(ComputeView, ShowsTheLayoutTheSeasonAndTheFabricTradeOff) {
    ComputeView view;
    const auto result = sampleResult();
    view.setResult(result, sampleSite());
    const model::TrainingResult& t = result->training.front();
    const QString run = QString::fromStdString(t.name);
    ASSERT_EQ(view.steps()->rowCount(), 1);
    EXPECT_EQ(cellOfRow(*view.steps(), run, 1),
              QString::fromStdString(model::layoutDescription(t.layout)));
    EXPECT_TRUE(cellOfRow(*view.steps(), run, 1).startsWith("t=8 p=8 d=64"));
    EXPECT_EQ(cellOfRow(*view.steps(), run, 2), QLocale().toString(t.stepSeconds, 'f', 2));
    EXPECT_EQ(cellOfRow(*view.steps(), run, 3), QLocale().toString(t.computeSeconds, 'f', 2));
    EXPECT_EQ(cellOfRow(*view.steps(), run, 4), QLocale().toString(t.exposedCommSeconds, 'f', 2));
    EXPECT_EQ(cellOfRow(*view.steps(), run, 5), QLocale().toString(t.bubbleSeconds, 'f', 2));
    EXPECT_EQ(cellOfRow(*view.steps(), run, 6), QLocale().toString(41.0, 'f', 1) + " %");

    ASSERT_EQ(view.seasons()->rowCount(), 2);
    EXPECT_EQ(view.seasons()->item(0, 1)->text(), "January 1");
    EXPECT_EQ(view.seasons()->item(1, 1)->text(), "July 1");
    EXPECT_EQ(view.seasons()->item(1, 3)->text(),
              QLocale().toString(t.julyStart.siteWaterM3, 'f', 0));

    // The trade-off's columns are the result's description (model/report/fabric_trade_off.h),
    // as the PDF prints them; each cell its figure in the locale's style.
    QTableWidget& fabric = *view.fabricTradeOff();
    const auto& columns = model::fabricTradeOffColumns();
    ASSERT_EQ(fabric.columnCount(), static_cast<int>(columns.size()));
    ASSERT_EQ(fabric.rowCount(), 3);
    const model::DisplayUnits si;
    for (int column = 0; column < fabric.columnCount(); ++column) {
        const auto& c = columns[static_cast<std::size_t>(column)];
        EXPECT_EQ(fabric.horizontalHeaderItem(column)->text().toStdString(),
                  model::fabricTradeOffHeader(c, si));
        for (int row = 0; row < 3; ++row) {
            EXPECT_EQ(fabric.item(row, column)->text().toStdString(),
                      model::fabricTradeOffCell(c, t.fabricOptions[static_cast<std::size_t>(row)],
                                                t.fabricOptions.front(), si, localeNumberStyle()))
                << c.label << " row " << row;
        }
    }
    // Spot checks by hand: the leaves, switches, network power saved and time to train.
    for (int row = 0; row < 3; ++row) {
        const model::FabricOption& o = t.fabricOptions[static_cast<std::size_t>(row)];
        const model::FabricOption& base = t.fabricOptions.front();
        EXPECT_EQ(fabric.item(row, 0)->text(),
                  QString("%1:1").arg(std::array{1, 2, 4}[static_cast<std::size_t>(row)]));
        EXPECT_EQ(fabric.item(row, 1)->text(), QLocale().toString(o.switches));
        EXPECT_EQ(fabric.item(row, 4)->text(),
                  QLocale().toString(base.networkPowerKw - o.networkPowerKw, 'f', 0));
        EXPECT_EQ(fabric.item(row, 5)->text(), QLocale().toString(*o.hours / 24.0, 'f', 2));
    }
    // 4:1 against 1:1: the sample's run is 15 % longer and costs 12 % more energy.
    const model::FabricOption& four = t.fabricOptions[2];
    EXPECT_EQ(fabric.item(2, 6)->text(),
              "+" + QLocale().toString((*four.hours - t.hours) / 24.0, 'f', 2));
    EXPECT_EQ(fabric.item(2, 8)->text(),
              "+" +
                  QLocale().toString(*four.facilityEnergyMwh - t.costs.facilityEnergyMwh, 'f', 0));
    EXPECT_EQ(static_cast<int>(fabric.item(2, 8)->textAlignment()),
              static_cast<int>(Qt::AlignRight | Qt::AlignVCenter)); // "+..." is a number

    // A result without workloads leaves the tables empty, not stale.
    auto empty = std::make_shared<model::RunResult>(*result);
    empty->training.clear();
    empty->inference.clear();
    view.setResult(empty, sampleSite());
    EXPECT_EQ(view.steps()->rowCount(), 0);
    EXPECT_EQ(view.fabricTradeOff()->rowCount(), 0);
    EXPECT_EQ(view.inference()->rowCount(), 0);
}

// Exact factors: 1 US gallon = 3.785411784 L (NIST SP 811, B.8); 1 ton of refrigeration =
// 12,000 Btu/h = 3.516852842 kW (NIST SP 811, B.8, Btu_IT). Texts are compared exactly at
// the decimals each cell shows; values to 1e-9 relative.
constexpr double kLitresPerGallon = 3.785411784;
constexpr double kKwPerTon = 3.516852842;

TEST(ComputeView, IpUnitsShowWaterInGallonsAndCoolingInTonsThenBackToSi) {
    auto result = std::make_shared<model::RunResult>(*sampleResult());
    result->billOfMaterials.push_back(
        {"cooling", "mechanical cooling at the design hour", 12.5, "MW"});
    ComputeView view;
    view.setResult(result, sampleSite());
    const model::TrainingResult& training = result->training.front();
    const QString run = QString::fromStdString(training.name);
    const QString chat = QString::fromStdString(result->inference.front().name);
    const QString chiller = "mechanical cooling at the design hour";
    ASSERT_EQ(cellOfRow(*view.training(), run, 4),
              QLocale().toString(training.costs.siteWaterM3, 'f', 0));

    view.setUnitSystem(UnitSystem::IP);
    EXPECT_EQ(view.training()->horizontalHeaderItem(4)->text(), "Site water gal");
    EXPECT_EQ(cellOfRow(*view.training(), run, 4),
              QLocale().toString(training.costs.siteWaterM3 * 1000.0 / kLitresPerGallon, 'f', 0));
    // 0.011 L per million tokens = 0.00291 gal.
    EXPECT_EQ(cellOfRow(*view.inference(), chat, 5),
              QLocale().toString(0.011 / kLitresPerGallon, 'f', 3));
    EXPECT_EQ(view.inference()->horizontalHeaderItem(5)->text(), "gal per M tokens");
    // The BOM's item column is 1: 12.5 MW of heat = 3,554.3 tons.
    int bomRow = -1;
    for (int row = 0; row < view.billOfMaterials()->rowCount(); ++row) {
        if (view.billOfMaterials()->item(row, 1)->text() == chiller) {
            bomRow = row;
        }
    }
    ASSERT_GE(bomRow, 0);
    EXPECT_EQ(view.billOfMaterials()->item(bomRow, 2)->text(),
              QLocale().toString(12.5 * 1000.0 / kKwPerTon, 'f', 2));
    EXPECT_EQ(view.billOfMaterials()->item(bomRow, 3)->text(), "tons");

    view.setUnitSystem(UnitSystem::SI);
    EXPECT_EQ(cellOfRow(*view.training(), run, 4),
              QLocale().toString(training.costs.siteWaterM3, 'f', 0));
    EXPECT_EQ(view.billOfMaterials()->item(bomRow, 2)->text(), QLocale().toString(12.5, 'f', 2));
}

TEST(CompareView, IpUnitsConvertTheTableAndTheWaterChartThenBackToSi) {
    auto baseline = std::make_shared<model::RunResult>(*sampleResult());
    baseline->annual.waterM3 *= 0.8;
    baseline->monthly.waterM3[6] *= 0.8;
    CompareView view;
    view.setBaseline(baseline, "baseline");
    view.setCurrent(sampleResult(), "current");
    const double m3 = sampleResult()->annual.waterM3;
    // Rows are named by the result table's labels and units; no change reads "0".
    EXPECT_EQ(cellOfRow(*view.table(), "PUE", 3), "0");
    EXPECT_EQ(cellOfRow(*view.table(), "Site water (m³)", 2),
              QLocale().toString(m3, 'f', m3 >= 1000 ? 0 : 1));

    view.setUnitSystem(UnitSystem::IP);
    const double gallons = m3 * 1000.0 / kLitresPerGallon;
    EXPECT_NEAR(view.shownRow("water_m3")[1], gallons, gallons * 1e-9);
    EXPECT_NEAR(view.shownRow("water_m3")[2], gallons * 0.2, gallons * 1e-9);
    EXPECT_DOUBLE_EQ(view.row("water_m3")[1], m3); // the model's value is untouched
    EXPECT_EQ(cellOfRow(*view.table(), "Site water (gal)", 2), QLocale().toString(gallons, 'f', 0));
    EXPECT_EQ(cellOfRow(*view.table(), "Site water (m³)", 2), QString());
    const double wue = sampleResult()->annual.wueSiteLPerKwh;
    EXPECT_NEAR(view.shownRow("wue_site_l_per_kwh")[1], wue / kLitresPerGallon, 1e-12);
    EXPECT_FALSE(cellOfRow(*view.table(), "WUE, site (gal/kWh)", 2).isEmpty());
    // PUE has no unit: the same in both systems.
    EXPECT_DOUBLE_EQ(view.shownRow("pue")[1], sampleResult()->annual.pue);
    QCPGraph* july = view.monthlyWaterPlot()->graph(1); // the current result's line
    ASSERT_NE(july, nullptr);
    const double julyM3 = sampleResult()->monthly.waterM3[6];
    EXPECT_NEAR(july->data()->at(6)->value, julyM3 * 1000.0 / kLitresPerGallon,
                julyM3 * 1e-9 + 1e-12);
    EXPECT_EQ(view.monthlyWaterPlot()->yAxis->label(), "gal");

    view.setUnitSystem(UnitSystem::SI);
    EXPECT_EQ(cellOfRow(*view.table(), "Site water (m³)", 2),
              QLocale().toString(m3, 'f', m3 >= 1000 ? 0 : 1));
    EXPECT_NEAR(view.monthlyWaterPlot()->graph(1)->data()->at(6)->value, julyM3,
                julyM3 * 1e-12 + 1e-12);
}

// Issue 18: any number of variants beside the baseline, each change coloured by the
// direction its row has in the result table.
TEST(CompareView, ThreeVariantsAreColouredByEachRowsDirectionAndClearedInOneClick) {
    const auto base = sampleResult();
    auto lessWater = std::make_shared<model::RunResult>(*base);
    lessWater->annual.waterM3 *= 0.5;        // lower is better
    lessWater->annual.waterFreeHours += 500; // higher is better
    lessWater->compute.racks += 10;          // neutral: a change, not a verdict
    auto moreWater = std::make_shared<model::RunResult>(*base);
    moreWater->annual.waterM3 *= 1.5;
    moreWater->annual.pue += 0.05;
    CompareView view;
    view.show();
    view.setBaseline(base, "baseline");
    view.addVariant(lessWater, "less water");
    view.addVariant(moreWater, "more water");
    view.setCurrent(base, "current");
    ASSERT_EQ(view.variantCount(), 2);
    // KPI, the baseline, then a value and a change for each of the three compared columns.
    ASSERT_EQ(view.table()->columnCount(), 8);
    EXPECT_EQ(view.table()->horizontalHeaderItem(4)->text(), "more water");

    using model::KpiChange;
    EXPECT_EQ(view.change("water_m3", 0), KpiChange::Better);
    EXPECT_EQ(view.change("water_free_hours", 0), KpiChange::Better);
    EXPECT_EQ(view.change("racks", 0), KpiChange::Changed);
    EXPECT_EQ(view.change("water_m3", 1), KpiChange::Worse);
    EXPECT_EQ(view.change("pue", 1), KpiChange::Worse);
    EXPECT_EQ(view.change("pue", 0), KpiChange::Same);
    EXPECT_EQ(view.change("water_m3", 2), KpiChange::Same); // the current result is the baseline

    // What the table shows: the cells carry the judgement and its colour.
    const auto rowOf = [&](const QString& kpi) {
        for (int r = 0; r < view.table()->rowCount(); ++r) {
            if (view.table()->item(r, 0)->data(Qt::UserRole).toString() == kpi) {
                return r;
            }
        }
        return -1;
    };
    const int water = rowOf("water_m3");
    ASSERT_GE(water, 0);
    QTableWidget& table = *view.table();
    EXPECT_EQ(table.item(water, 3)->data(Qt::UserRole).toInt(), int(KpiChange::Better));
    EXPECT_EQ(table.item(water, 5)->data(Qt::UserRole).toInt(), int(KpiChange::Worse));
    EXPECT_EQ(table.item(water, 7)->text(), "0");
    const QColor better = table.item(water, 2)->background().color();
    const QColor worse = table.item(water, 4)->background().color();
    EXPECT_GT(better.green(), better.red());
    EXPECT_GT(worse.red(), worse.green());
    EXPECT_EQ(table.item(water, 6)->background().style(), Qt::NoBrush);
    const int racks = rowOf("racks");
    EXPECT_EQ(table.item(racks, 3)->text(), "+10");
    EXPECT_EQ(table.item(racks, 2)->background().style(), Qt::NoBrush);
    // The binding constraint is a row too, in words.
    const int binding = rowOf("binding_constraint");
    ASSERT_GE(binding, 0);
    EXPECT_FALSE(table.item(binding, 1)->text().isEmpty());
    EXPECT_EQ(view.monthlyWaterPlot()->graphCount(), 4);

    // "Clear Variants" leaves the baseline against the current result.
    QPushButton* clear = nullptr;
    for (QPushButton* button : view.findChildren<QPushButton*>()) {
        if (button->text() == "Clear Variants") {
            clear = button;
        }
    }
    ASSERT_NE(clear, nullptr);
    QTest::mouseClick(clear, Qt::LeftButton);
    EXPECT_EQ(view.variantCount(), 0);
    EXPECT_EQ(view.table()->columnCount(), 4);
    EXPECT_EQ(view.monthlyWaterPlot()->graphCount(), 2);
}

TEST(DiagnosticsView, ListsEverySourceAndEmitsThePointerOnActivation) {
    DiagnosticsView view;
    model::Diagnostics a;
    a.add({"site.json", 12, 5, "/cooling/supply_air/max", model::Severity::Error,
           model::DiagnosticKind::Meaning, "expected a temperature"});
    model::Diagnostics b;
    b.add({"site.json", 0, 0, "/grid", model::Severity::Warning, model::DiagnosticKind::Meaning,
           "unknown key"});
    view.setDiagnostics("site", a);
    view.setDiagnostics("run", b);
    EXPECT_EQ(view.errorCount(), 1);
    EXPECT_EQ(view.warningCount(), 1);
    EXPECT_TRUE(view.lines().contains(
        "site.json:12:5: error: /cooling/supply_air/max: expected a temperature"));
    QSignalSpy activated(&view, &DiagnosticsView::pointerActivated);
    emit view.itemActivated(view.topLevelItem(0), 0);
    ASSERT_EQ(activated.count(), 1);
    view.setDiagnostics("site", {});
    EXPECT_EQ(view.errorCount(), 0);
}

// Issue 14: the run's assumptions, defaults marked, each row going to its field.
TEST(AssumptionsView, ListsTheRunsAssumptionsAndGoesToTheField) {
    AssumptionsView view;
    view.setResult(sampleResult());
    const auto& assumptions = *sampleResult()->assumptions;
    ASSERT_EQ(view.topLevelItemCount(), static_cast<int>(assumptions.size()));
    int defaults = 0;
    for (int i = 0; i < view.topLevelItemCount(); ++i) {
        const model::Assumption& a = assumptions[static_cast<std::size_t>(i)];
        EXPECT_EQ(view.topLevelItem(i)->text(0).toStdString(), a.pointer);
        EXPECT_EQ(view.topLevelItem(i)->text(1).toStdString(), a.text);
        defaults += a.origin == model::AssumptionOrigin::Default ? 1 : 0;
    }
    ASSERT_GT(defaults, 0);
    EXPECT_EQ(view.defaultCount(), defaults);
    QSignalSpy activated(&view, &AssumptionsView::pointerActivated);
    emit view.itemActivated(view.topLevelItem(0), 0);
    ASSERT_EQ(activated.count(), 1);
    EXPECT_EQ(activated.front().front().toString().toStdString(), assumptions.front().pointer);
    view.setResult(nullptr);
    EXPECT_EQ(view.topLevelItemCount(), 0);
}

TEST(ParetoFront, KeepsThePointsNoOtherBeatsOnBothAxes) {
    const std::vector<double> x = {1.10, 1.15, 1.20, 1.25, std::nan("")};
    const std::vector<double> y = {0.30, 0.10, 0.05, 0.20, 0.0};
    EXPECT_EQ(paretoFront(x, y, false, false), (std::vector<std::size_t>{0, 1, 2}));
    // Higher y is better: only the lowest x with the highest y survive.
    EXPECT_EQ(paretoFront(x, y, false, true), (std::vector<std::size_t>{0}));
    EXPECT_EQ(paretoFront(x, y, true, false), (std::vector<std::size_t>{2, 3}));
}

TEST(BatchView, ReadsAStoreDrawsTheFrontAndOpensAPickedScenario) {
    QTemporaryDir dir;
    const QString path = dir.filePath("sweep.sqlite");
    const double pue[] = {1.10, 1.15, 1.20, 1.25};
    const double wue[] = {0.30, 0.10, 0.05, 0.20};
    {
        model::Diagnostics diagnostics;
        auto store = model::ResultStore::open(path.toStdString(), diagnostics);
        ASSERT_TRUE(store) << (diagnostics.empty() ? "" : diagnostics.items()[0].message);
        model::StoredRun run{"0123abcd", "sweep.json", "base.json", "list", 4};
        const auto runId = store->ensureRun(run, diagnostics);
        ASSERT_TRUE(runId);
        std::vector<model::RunResult> results(4, *sampleResult());
        std::vector<model::ScenarioRecord> records(4);
        for (std::size_t i = 0; i < 4; ++i) {
            results[i].annual.pue = pue[i];
            results[i].annual.wueSiteLPerKwh = wue[i];
            records[i].index = static_cast<std::int64_t>(i);
            records[i].parametersJson =
                "{\"/cooling/supply_air/max\":\"" + std::to_string(25 + i) + " degC\"}";
            records[i].scenarioHash = "hash" + std::to_string(i);
            records[i].result = &results[i];
        }
        ASSERT_TRUE(store->write(*runId, records, false, diagnostics));
    }
    BatchView view;
    view.resize(1200, 700);
    model::Diagnostics diagnostics;
    ASSERT_TRUE(view.openStore(path, diagnostics));
    ASSERT_EQ(view.table().rows.size(), 4u);
    EXPECT_GE(view.table().column("pue"), 0);
    EXPECT_EQ(view.front(), (std::vector<std::size_t>{0, 1, 2}));

    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.scatter()->replot();
    const QPointF pixel(view.scatter()->xAxis->coordToPixel(pue[3]),
                        view.scatter()->yAxis->coordToPixel(wue[3]));
    EXPECT_EQ(view.rowAtPixel(pixel), std::optional<std::size_t>(3));
    QSignalSpy open(&view, &BatchView::openScenario);
    QTest::mouseDClick(view.scatter(), Qt::LeftButton, {}, pixel.toPoint());
    EXPECT_EQ(view.selectedRow(), 3);
    ASSERT_EQ(open.count(), 1);
    EXPECT_EQ(open.front().at(1).toString(), "{\"/cooling/supply_air/max\":\"28 degC\"}");
}

// Issue 18: the explorer answers "least water with PUE under 1.2" without SQL: parameters
// as columns with their unit, KPIs named by the result table, a typed filter (and where a
// bad one fails), sorting, the best row by a KPI's direction, and a Pareto front that takes
// each axis's direction from the result table.
TEST(BatchView, FiltersSortsAndFindsTheBestScenarioByEachKpisDirection) {
    QTemporaryDir dir;
    const QString path = dir.filePath("sweep.sqlite");
    const double pue[] = {1.10, 1.15, 1.18, 1.25, 1.30, 1.12};
    const double water[] = {25000, 15000, 18000, 5000, 8000, 30000};
    const int waterFree[] = {1000, 3000, 2500, 6000, 5000, 800};
    {
        model::Diagnostics diagnostics;
        auto store = model::ResultStore::open(path.toStdString(), diagnostics);
        ASSERT_TRUE(store);
        const auto runId =
            store->ensureRun({"feedbeef", "sweep.json", "base.json", "list", 6}, diagnostics);
        ASSERT_TRUE(runId);
        std::vector<model::RunResult> results(6, *sampleResult());
        std::vector<model::ScenarioRecord> records(6);
        for (std::size_t i = 0; i < 6; ++i) {
            results[i].annual.pue = pue[i];
            results[i].annual.waterM3 = water[i];
            results[i].annual.waterFreeHours = waterFree[i];
            records[i].index = static_cast<std::int64_t>(i);
            records[i].parametersJson = "{\"/climate/epw\":\"" + std::string(i % 2 ? "b" : "a") +
                                        ".epw\",\"/cooling/supply_air/max\":\"" +
                                        std::to_string(24 + i) + " degC\"}";
            records[i].scenarioHash = "hash" + std::to_string(i);
            records[i].result = &results[i];
        }
        ASSERT_TRUE(store->write(*runId, records, false, diagnostics));
    }
    BatchView view;
    view.resize(1200, 700);
    view.show();
    model::Diagnostics diagnostics;
    ASSERT_TRUE(view.openStore(path, diagnostics));
    const BatchTable& table = view.table();
    // Each swept parameter is a column; one written with a unit is a number in it.
    const int limit = table.column("/cooling/supply_air/max");
    ASSERT_GE(limit, 0);
    EXPECT_EQ(table.columns[static_cast<std::size_t>(limit)].unit, "°C");
    EXPECT_DOUBLE_EQ(table.value(3, static_cast<std::size_t>(limit)), 27.0);
    const int epw = table.column("/climate/epw");
    ASSERT_GE(epw, 0);
    EXPECT_TRUE(std::isnan(table.value(1, static_cast<std::size_t>(epw))));
    // KPIs are named and formatted by the result table: "Site water (m³)", PUE to 3 decimals.
    const QAbstractItemModel& shown = *view.scenarioTable()->model();
    const int waterColumn = table.column("water_m3") + 2;
    EXPECT_EQ(shown.headerData(waterColumn, Qt::Horizontal).toString(), "Site water (m³)");
    EXPECT_EQ(shown.data(shown.index(0, table.column("pue") + 2)).toString(),
              QLocale().toString(1.10, 'f', 3));
    EXPECT_EQ(shown.data(shown.index(1, epw + 2)).toString(), "b.epw");

    // Typed into the filter box: least water with PUE under 1.2.
    QTest::keyClicks(view.filterEdit(), "pue < 1.2 and water_m3 < 20000");
    EXPECT_EQ(view.visibleRows(), (std::vector<std::size_t>{1, 2}));
    EXPECT_EQ(view.selectBest("water_m3"), std::optional<std::size_t>(1));
    EXPECT_EQ(view.selectedRow(), 1);
    EXPECT_EQ(view.selectBest("water_free_hours"), std::optional<std::size_t>(1)); // higher
    // A filter that does not parse says where, and the previous one stays.
    QTest::keyClicks(view.filterEdit(), " and");
    EXPECT_EQ(view.filterError(), "35: expected a column name or a number, got the end");
    EXPECT_EQ(view.visibleRows(), (std::vector<std::size_t>{1, 2}));
    EXPECT_FALSE(view.setFilter("pu < 1"));
    EXPECT_TRUE(view.filterError().startsWith("1: expected a column of the table ("));
    view.filterEdit()->clear();
    EXPECT_EQ(view.visibleRows().size(), 6u);
    EXPECT_EQ(view.selectBest("water_m3"), std::optional<std::size_t>(3));

    view.sortBy("water_m3", false);
    EXPECT_EQ(view.visibleRows(), (std::vector<std::size_t>{5, 0, 2, 1, 4, 3}));
    view.sortBy("/cooling/supply_air/max", true);
    EXPECT_EQ(view.visibleRows(), (std::vector<std::size_t>{0, 1, 2, 3, 4, 5}));

    // Less water and more water-free hours: one scenario beats every other on both.
    view.setAxes("water_m3", "water_free_hours");
    EXPECT_EQ(view.front(), (std::vector<std::size_t>{3}));
}

TEST(ThinToPixelGrid, KeepsTheFirstPointOfEachCellAndEveryKeptPoint) {
    // Cells of 2 px in a 10 x 10 px rectangle.
    const std::vector<double> px = {0.5, 1.5, 3.0, 1.0, 11.0, std::nan(""), 9.9};
    const std::vector<double> py = {0.5, 1.5, 3.0, 1.0, 1.0, 1.0, 9.9};
    std::vector<char> keep(px.size(), 0);
    // 1 and 3 share point 0's cell; 4 is outside and 5 is not a number.
    EXPECT_EQ(thinToPixelGrid(px, py, 10, 10, 2.0, keep), (std::vector<std::size_t>{0, 2, 6}));
    keep[3] = 1; // a front or selected point is drawn whatever its cell holds
    EXPECT_EQ(thinToPixelGrid(px, py, 10, 10, 2.0, keep), (std::vector<std::size_t>{0, 2, 3, 6}));
}

// Issue 18's speed: a dense scatter is thinned to the pixel grid before it is drawn, yet
// every point of the front and the selected best point are drawn and each point a planner
// would see has a drawn point in its pixel; a filter redraws the scatter once, a sort not
// at all, a new selection once.
TEST(BatchView, TheThinnedScatterStillShowsTheFrontAndTheSelectedBestPoint) {
    QTemporaryDir dir;
    const QString path = dir.filePath("dense.sqlite");
    constexpr int kRows = 2000;
    {
        model::Diagnostics diagnostics;
        auto store = model::ResultStore::open(path.toStdString(), diagnostics);
        ASSERT_TRUE(store);
        const auto runId =
            store->ensureRun({"0dense00", "sweep.json", "base.json", "list", kRows}, diagnostics);
        ASSERT_TRUE(runId);
        model::RunResult base = *sampleResult();
        base.hourly = {};
        std::vector<model::RunResult> results(kRows, base);
        std::vector<model::ScenarioRecord> records(kRows);
        for (int i = 0; i < kRows; ++i) {
            // 40 tight clusters of 50 points (a few pixels each) along a curved front:
            // the first point of each cluster beats the other 49 on both axes.
            const double a = (i % 40) / 40.0;
            const double b = i / 40;
            auto& r = results[static_cast<std::size_t>(i)];
            r.annual.pue = 1.1 + 0.2 * a + 1e-5 * b;
            r.annual.waterM3 = 10000.0 * (1.0 - a) * (1.0 - a) + 1000.0 + 0.5 * b;
            records[static_cast<std::size_t>(i)] = {i, "{}", "hash" + std::to_string(i), &r, {}};
        }
        ASSERT_TRUE(store->write(*runId, records, false, diagnostics));
    }
    BatchView view;
    view.resize(900, 600);
    model::Diagnostics diagnostics;
    ASSERT_TRUE(view.openStore(path, diagnostics));
    view.setAxes("pue", "water_m3");
    view.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&view));
    view.scatter()->replot();

    const BatchTable& table = view.table();
    const auto xi = static_cast<std::size_t>(table.column("pue"));
    const auto yi = static_cast<std::size_t>(table.column("water_m3"));
    QCPGraph* points = view.scenarioGraph();
    ASSERT_GT(points->dataCount(), 0);
    EXPECT_LT(points->dataCount(), kRows / 2) << "the dense cloud is thinned";
    // Every drawn point is a real scenario's, and every scenario's pixel holds a drawn point.
    std::set<std::pair<int, int>> drawnPixels;
    std::set<std::pair<double, double>> drawn;
    for (auto it = points->data()->constBegin(); it != points->data()->constEnd(); ++it) {
        drawn.insert({it->key, it->value});
        drawnPixels.insert(
            {static_cast<int>(std::floor(points->keyAxis()->coordToPixel(it->key))),
             static_cast<int>(std::floor(points->valueAxis()->coordToPixel(it->value)))});
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
        const double px = points->keyAxis()->coordToPixel(table.value(r, xi));
        const double py = points->valueAxis()->coordToPixel(table.value(r, yi));
        ASSERT_TRUE(
            drawnPixels.count({static_cast<int>(std::floor(px)), static_cast<int>(std::floor(py))}))
            << "scenario " << r << " has no drawn point in its pixel";
    }
    // The front (lower PUE and less water are both better) is drawn in full, in both graphs.
    const std::vector<std::size_t> front = view.front();
    ASSERT_EQ(front.size(), 40u);
    EXPECT_EQ(view.frontGraph()->dataCount(), static_cast<int>(front.size()));
    for (const std::size_t r : front) {
        EXPECT_TRUE(drawn.count({table.value(r, xi), table.value(r, yi)})) << "front row " << r;
    }

    QSignalSpy redraws(view.scatter(), &QCustomPlot::afterReplot);
    ASSERT_TRUE(view.setFilter("pue < 1.2"));
    EXPECT_EQ(redraws.count(), 1) << "a filter redraws the scatter once";
    view.sortBy("water_m3", true);
    EXPECT_EQ(redraws.count(), 1) << "a sort does not redraw the scatter";
    const auto best = view.selectBest("water_m3");
    ASSERT_TRUE(best);
    EXPECT_EQ(redraws.count(), 2) << "a new selection redraws it once";
    // The best point under the filter is marked, and drawn among the scenarios too.
    ASSERT_EQ(view.selectedGraph()->dataCount(), 1);
    EXPECT_TRUE(view.selectedGraph()->visible());
    const double bx = table.value(*best, xi);
    const double by = table.value(*best, yi);
    EXPECT_EQ(view.selectedGraph()->data()->at(0)->key, bx);
    EXPECT_EQ(view.selectedGraph()->data()->at(0)->value, by);
    bool bestDrawn = false;
    for (auto it = points->data()->constBegin(); it != points->data()->constEnd(); ++it) {
        bestDrawn = bestDrawn || (it->key == bx && it->value == by);
    }
    EXPECT_TRUE(bestDrawn);
}

// Issue 18: the SI/IP switch reaches the explorer. Parameters written in mixed units are
// numbers in one unit (never text), every column shows in the units chosen, a KPI's key
// names its unit, and a filter typed in the shown units filters correctly.
TEST(BatchView, ShowsEveryColumnInTheChosenUnitsAndFiltersInThem) {
    QTemporaryDir dir;
    const QString path = dir.filePath("units.sqlite");
    const char* limits[] = {"27 degC", "80.6 degF", "25 degC", "300.15 K"};
    const char* interconnects[] = {"100 MW", "150000 kW", "120 MW", "0.2 GW"};
    const double water[] = {10000, 20000, 30000, 40000};
    {
        model::Diagnostics diagnostics;
        auto store = model::ResultStore::open(path.toStdString(), diagnostics);
        ASSERT_TRUE(store);
        const auto runId =
            store->ensureRun({"0units00", "sweep.json", "base.json", "list", 4}, diagnostics);
        ASSERT_TRUE(runId);
        model::RunResult base = *sampleResult();
        base.hourly = {};
        std::vector<model::RunResult> results(4, base);
        std::vector<model::ScenarioRecord> records(4);
        for (std::size_t i = 0; i < 4; ++i) {
            results[i].annual.waterM3 = water[i];
            records[i] = {static_cast<std::int64_t>(i),
                          std::string("{\"/campus/utility_interconnect\":\"") + interconnects[i] +
                              "\",\"/cooling/supply_air/max\":\"" + limits[i] + "\"}",
                          "hash" + std::to_string(i),
                          &results[i],
                          {}};
        }
        ASSERT_TRUE(store->write(*runId, records, false, diagnostics));
    }
    BatchView view;
    view.resize(1200, 700);
    view.show();
    model::Diagnostics diagnostics;
    ASSERT_TRUE(view.openStore(path, diagnostics));
    const BatchTable& table = view.table();
    const auto limit = static_cast<std::size_t>(table.column("/cooling/supply_air/max"));
    const auto interconnect =
        static_cast<std::size_t>(table.column("/campus/utility_interconnect"));
    // Mixed units are one quantity: 80.6 degF = 27 degC (NIST SP 811 B.8), 300.15 K = 27 degC,
    // 150000 kW = 150 MW, 0.2 GW = 200 MW; shown in degC and in the first value's MW.
    EXPECT_EQ(table.columns[limit].unit, "°C");
    EXPECT_EQ(table.columns[interconnect].unit, "MW");
    const double limitC[] = {27, 27, 25, 27};
    const double interconnectMw[] = {100, 150, 120, 200};
    for (std::size_t r = 0; r < 4; ++r) {
        EXPECT_NEAR(table.value(r, limit), limitC[r], 1e-9) << r;
        EXPECT_NEAR(table.value(r, interconnect), interconnectMw[r], 1e-9) << r;
    }
    const QAbstractItemModel& shown = *view.scenarioTable()->model();
    EXPECT_EQ(shown.data(shown.index(1, static_cast<int>(interconnect) + 2)).toString(), "150");
    view.sortBy("/campus/utility_interconnect", false);
    EXPECT_EQ(view.visibleRows(), (std::vector<std::size_t>{3, 1, 2, 0}));

    // IP: degF, US gallons (3.785411784 L each, NIST SP 811), the water KPI keyed water_gal;
    // power stays in MW.
    view.setUnitSystem(model::UnitSystem::IP);
    const int waterColumn = table.column("water_gal");
    ASSERT_GE(waterColumn, 0);
    EXPECT_EQ(table.column("water_m3"), -1);
    EXPECT_EQ(table.columns[limit].unit, "°F");
    EXPECT_EQ(table.columns[interconnect].unit, "MW");
    EXPECT_NEAR(table.value(0, limit), 80.6, 1e-9);
    EXPECT_NEAR(table.value(2, limit), 77.0, 1e-9);
    EXPECT_NEAR(table.value(0, static_cast<std::size_t>(waterColumn)),
                10000.0 * 1000.0 / 3.785411784, 1e-6);
    EXPECT_EQ(shown.headerData(waterColumn + 2, Qt::Horizontal).toString(), "Site water (gal)");
    // Typed in the units shown: above 80 degF and under 6 million gallons (22,712 m3).
    QTest::keyClicks(view.filterEdit(), "/cooling/supply_air/max > 80 and water_gal < 6000000");
    EXPECT_TRUE(view.filterError().isEmpty()) << view.filterError().toStdString();
    std::vector<std::size_t> kept = view.visibleRows();
    std::sort(kept.begin(), kept.end());
    EXPECT_EQ(kept, (std::vector<std::size_t>{0, 1}));
    EXPECT_FALSE(view.setFilter("water_m3 < 20000"));

    // Back to SI, the typed filter names a column the table no longer has: it filters
    // nothing and says where.
    view.setUnitSystem(model::UnitSystem::SI);
    EXPECT_EQ(view.visibleRows().size(), 4u);
    EXPECT_TRUE(view.filterError().startsWith("34: expected a column of the table ("))
        << view.filterError().toStdString();
    EXPECT_GE(table.column("water_m3"), 0);
}

// Every KPI whose unit changes between SI and IP changes its key with it, so a filter's
// column name always says the unit its numbers are in.
TEST(BatchView, EveryKpiThatConvertsNamesItsIpUnit) {
    const model::DisplayUnits si(model::UnitSystem::SI);
    const model::DisplayUnits ip(model::UnitSystem::IP);
    int converting = 0;
    for (const model::KpiField& field : model::kpiFields()) {
        if (si.unit(field.display.kind) == ip.unit(field.display.kind)) {
            continue;
        }
        ++converting;
        EXPECT_NE(ip.namedUnit(field.name), field.name) << field.name;
    }
    EXPECT_GT(converting, 0);
}

TEST(BatchView, AFileThatIsNotAStoreIsADiagnostic) {
    QTemporaryDir dir;
    QFile file(dir.filePath("not.sqlite"));
    ASSERT_TRUE(file.open(QIODevice::WriteOnly));
    file.write("this is not SQLite");
    file.close();
    BatchView view;
    model::Diagnostics diagnostics;
    EXPECT_FALSE(view.openStore(file.fileName(), diagnostics));
    EXPECT_TRUE(diagnostics.hasErrors());
}

TEST(BatchView, AStoreLeftMidWriteByAKilledBatchSaysToResumeIt) {
    // What a batch killed in a write transaction leaves: the database with some changed
    // pages and a "hot" rollback journal of their old contents that no process holds a
    // lock for (SQLite file format, section 4.1). Made by copying both files while a
    // transaction that has spilled pages to disk (a one-page cache) is still open.
    QTemporaryDir dir;
    const std::string live = dir.filePath("live.sqlite").toStdString();
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(live.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db,
                           "PRAGMA cache_size=1; CREATE TABLE runs(run_id, base_site);"
                           "INSERT INTO runs VALUES (1, 'site.json'); BEGIN;"
                           "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                           "WHERE i < 200) INSERT INTO runs SELECT i, randomblob(2000) FROM n;",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    const QString killed = dir.filePath("killed.sqlite");
    ASSERT_TRUE(QFile::copy(QString::fromStdString(live), killed));
    ASSERT_TRUE(QFile::copy(QString::fromStdString(live + "-journal"), killed + "-journal"));
    sqlite3_close(db);

    BatchView view;
    model::Diagnostics diagnostics;
    EXPECT_FALSE(view.openStore(killed, diagnostics));
    ASSERT_TRUE(diagnostics.hasErrors());
    const std::string message = diagnostics.items().front().message;
    EXPECT_NE(message.find("stopped in the middle of writing"), std::string::npos) << message;
    EXPECT_NE(message.find("--resume"), std::string::npos) << message;
    // Read-only, as exploring must be: the journal is left for the batch to roll back.
    EXPECT_TRUE(QFile::exists(killed + "-journal"));
}

} // namespace
} // namespace headroom::ui
