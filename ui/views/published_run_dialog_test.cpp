// The desktop's published-run mode: typed fields in, the model's published-run figures out.
#include "model/perf/published_run.h"
#include "model/units/quantity_parser.h"
#include "ui/views/published_run_dialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QTest>
#include <gtest/gtest.h>

namespace headroom::ui {
namespace {

void retype(QLineEdit* edit, const QString& text) {
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

TEST(PublishedRunDialog, ShowsPattersonsGpt3RowFromTheDefaults) {
    PublishedRunDialog dialog;
    // Patterson et al. 2021 [patterson-2021-carbon]: 10,000 V100 x 14.8 d x 330 W x PUE 1.10
    // = 1,287 MWh; x 0.429 kg/kWh = 552 t CO2e. The model reproduces both within 1 %.
    model::PublishedRun run;
    run.accelerators = 10000;
    run.duration = units::parseQuantity<units::Time>("14.8 d").value.value();
    run.averagePower = units::watts(330);
    run.pue = 1.10;
    run.carbonIntensity =
        units::parseQuantity<units::CarbonIntensity>("0.429 kg/kWh").value.value();
    model::Diagnostics diagnostics;
    const auto expected = model::evaluatePublishedRun(run, diagnostics);
    ASSERT_TRUE(expected);
    const double facilityMwh = expected->facilityEnergy.value() / 3.6e9;
    EXPECT_NEAR(facilityMwh, 1287.0, 1287.0 * 0.01);
    const QString text = dialog.results()->text();
    EXPECT_TRUE(text.contains(QLocale().toString(facilityMwh, 'f', 1) + " MWh"))
        << text.toStdString();
    EXPECT_TRUE(text.contains(QLocale().toString(expected->carbon.value() / 1e3, 'f', 1) + " t"))
        << text.toStdString();
    EXPECT_FALSE(text.contains("water"));
}

TEST(PublishedRunDialog, AddsWaterWhenWueAndEwifAreGiven) {
    PublishedRunDialog dialog;
    QTest::keyClicks(dialog.wue(), "0.55 L/kWh");
    QTest::keyClicks(dialog.ewif(), "3.142 L/kWh");
    EXPECT_TRUE(dialog.results()->text().contains("water on-site"))
        << dialog.results()->text().toStdString();
}

TEST(PublishedRunDialog, NamesTheFieldAndTheProblemOfABadEntry) {
    PublishedRunDialog dialog;
    retype(dialog.power(), "330 m");
    EXPECT_EQ(dialog.results()->text(),
              "Cannot compute: Power: expected a power such as \"65 MW\", got a length \"330 m\"");
    retype(dialog.power(), "330 W");
    EXPECT_TRUE(dialog.results()->text().contains("MWh"));
}

} // namespace
} // namespace headroom::ui
