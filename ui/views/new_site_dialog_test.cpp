// File > New Site… from an hourly CSV, driven as a planner does (QTest, offscreen): the
// column choosers list the file's header, preset by the columns' names; the position a CSV
// cannot carry is typed in; the site validates only when the mapping reads the whole file;
// a bad cell shows its location (file:line:col, the column, found, expected) and makes
// nothing.
#include "ui/views/new_site_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

namespace headroom::ui {
namespace {

const QString kDublin = QStringLiteral(
    HEADROOM_SOURCE_DIR "/tests/data/weather/IRL_Dublin.Airport_MetEireann_hly532_2017.csv");

/// Types text into a line edit and leaves it, as Tab would.
void typeInto(QLineEdit* edit, const QString& text) {
    edit->clear();
    QTest::keyClicks(edit, text);
    emit edit->editingFinished();
}

/// Sets a spin box (whatever the locale's decimal point) and leaves it.
void enter(QDoubleSpinBox* box, double value) {
    box->setValue(value);
    emit box->editingFinished();
}

TEST(NewSiteDialog, ACsvIsMappedColumnByColumnAndMakesASiteThatValidates) {
    NewSiteDialog dialog;
    dialog.show();
    const auto& csv = dialog.csvMapping();
    EXPECT_FALSE(csv.box->isVisible());
    dialog.setWeatherFile(kDublin);
    EXPECT_TRUE(csv.box->isVisible());
    // The header's own columns, each chooser preset by the names Met Éireann uses.
    ASSERT_EQ(csv.temperature->count(), 12);
    EXPECT_EQ(csv.timestamp->currentText(), "date_utc");
    EXPECT_EQ(csv.temperature->currentText(), "temp");
    EXPECT_EQ(csv.humidity->currentText(), "rhum");
    EXPECT_EQ(csv.pressure->currentText(), "msl");
    EXPECT_TRUE(csv.pressureReference->currentData().toBool()); // msl: mean sea level
    // The station's position (Met Éireann: 53.428 N, 6.241 W, 71 m) and country, typed.
    enter(csv.latitude, 53.428);
    enter(csv.longitude, -6.241);
    enter(csv.elevation, 71.0);
    typeInto(csv.station, "Dublin Airport");
    typeInto(csv.country, "IRL");
    EXPECT_TRUE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled())
        << dialog.preview()->text().toStdString();
    const auto site = dialog.document();
    ASSERT_TRUE(site);
    EXPECT_EQ((*site)["name"], "Dublin Airport, IRL");
    EXPECT_DOUBLE_EQ((*site)["location"]["latitude"].get<double>(), 53.428);
    EXPECT_EQ((*site)["location"]["elevation"], "71 m");
    EXPECT_TRUE((*site)["climate"].contains("digest"));
    EXPECT_TRUE(dialog.findChild<QLabel*>("gridChoice")->text().contains("country IRL"));

    // Mapped to a column that holds no humidity, the file does not read as weather: the
    // located errors show and nothing is made.
    csv.humidity->setCurrentText("station");
    EXPECT_FALSE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    EXPECT_FALSE(dialog.document());
    EXPECT_TRUE(dialog.preview()->text().contains(
        "relative humidity (column &quot;station&quot;): expected a finite number, found "
        "&quot;DUBLIN AIRPORT&quot;"))
        << dialog.preview()->text().toStdString();
}

TEST(NewSiteDialog, ACsvWithABadCellShowsWhereAndMakesNothing) {
    QFile in(kDublin);
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    QByteArray text = in.readAll();
    const QByteArray row = "DUBLIN AIRPORT,2017,1,1,1,2017-01-01T01:00Z,0.2,4.9,95,1019.7";
    const qsizetype at = text.indexOf(row);
    ASSERT_GE(at, 0);
    text.replace(at + row.indexOf("4.9"), 3, "4.9x");
    QTemporaryDir dir;
    const QString bad = dir.filePath("bad.csv");
    QFile out(bad);
    ASSERT_TRUE(out.open(QIODevice::WriteOnly));
    out.write(text);
    out.close();

    NewSiteDialog dialog;
    dialog.setWeatherFile(bad);
    typeInto(dialog.csvMapping().country, "IRL");
    EXPECT_FALSE(dialog.buttons()->button(QDialogButtonBox::Ok)->isEnabled());
    EXPECT_FALSE(dialog.document());
    const QString expected =
        QStringLiteral("%1:3:%2: error: temperature (column &quot;temp&quot;): "
                       "expected a finite number, found &quot;4.9x&quot;")
            .arg(bad)
            .arg(row.indexOf("4.9") + 1);
    EXPECT_TRUE(dialog.preview()->text().contains(expected))
        << dialog.preview()->text().toStdString();
}

} // namespace
} // namespace headroom::ui
