// The site tree and property editor driven with real key clicks: a valid entry is one
// undoable edit, an invalid one stays marked and never reaches the document.
#include "model/catalog/catalog.h"
#include "ui/editor/property_editor.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"

#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QTest>
#include <QToolButton>
#include <gtest/gtest.h>

namespace headroom::ui {
namespace {

Json sampleSite() {
    return Json::parse(R"({
      "format": "headroom-site/1",
      "name": "Editor test",
      "location": {"latitude": 41.6, "elevation": "240 m"},
      "campus": {"buildings": {"count": 7, "halls_per_building": 2},
                 "utility_interconnect": {"value": "300 MW", "source": "utility filing"}},
      "cooling": {"design": "airside_economizer_evaporative",
                  "supply_air": {"max": "27 degC", "min": "18 degC", "humidify": false}},
      "workloads": {"training": [{"name": "70B pretrain", "parameters": 7e10}]}
    })");
}

void typeInto(QLineEdit* edit, const QString& text) {
    edit->setFocus();
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Backspace);
    QTest::keyClicks(edit, text);
    QTest::keyClick(edit, Qt::Key_Return);
}

TEST(QuantityField, SplitsAndConvertsUnits) {
    EXPECT_EQ(splitQuantity("27 degC"), std::make_pair(QString("27"), QString("degC")));
    EXPECT_EQ(splitQuantity("-1.5e3 kW"), std::make_pair(QString("-1.5e3"), QString("kW")));
    // 27 degC = 80.6 degF exactly (x * 9/5 + 32).
    EXPECT_NEAR(*convertUnit(27.0, "degC", "degF"), 80.6, 1e-9);
    EXPECT_NEAR(*convertUnit(300.0, "MW", "kW"), 300000.0, 1e-6);
    // 1 US gallon = 3.785411784 L (NIST SP 811).
    EXPECT_NEAR(*convertUnit(1.0, "gal", "L"), 3.785411784, 1e-9);
}

TEST(SiteTree, ListsSectionsAndSubsections) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    SiteTree tree(&document);
    QStringList pointers;
    for (QTreeWidgetItemIterator it(&tree); *it; ++it) {
        pointers << (*it)->data(0, SiteTree::kPointerRole).toString();
    }
    EXPECT_TRUE(pointers.contains("/cooling/supply_air"));
    EXPECT_TRUE(pointers.contains("/campus/buildings"));
    EXPECT_TRUE(pointers.contains("/workloads/training/0"));
    // An annotated value is a field, not a section.
    EXPECT_FALSE(pointers.contains("/campus/utility_interconnect"));
    tree.selectPointer("/cooling/supply_air/max");
    EXPECT_EQ(tree.selectedPointer(), "/cooling/supply_air");
}

TEST(PropertyEditor, KeyClicksMakeOneUndoableEdit) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    editor.show();
    auto* field = qobject_cast<QuantityField*>(editor.fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->unitBox()->currentText(), "degC");

    typeInto(field->valueEdit(), "29");
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "29 degC");
    EXPECT_EQ(document.undoStack()->count(), 1);

    document.undoStack()->undo();
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "27 degC");
    EXPECT_EQ(field->valueEdit()->text(), "27");
}

TEST(PropertyEditor, AWrongDimensionIsMarkedAndNeverCommitted) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    editor.show();
    auto* field = qobject_cast<QuantityField*>(editor.fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);

    typeInto(field->valueEdit(), "27 MW");
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "27 degC");
    EXPECT_EQ(document.undoStack()->count(), 0);
    EXPECT_TRUE(field->error().contains("expected a temperature")) << field->error().toStdString();
    // The entry stays on screen, and the editor lists it as invalid.
    EXPECT_EQ(field->valueEdit()->text(), "27 MW");
    EXPECT_TRUE(editor.invalidEntries().contains("/cooling/supply_air/max"));

    typeInto(field->valueEdit(), "abc");
    EXPECT_FALSE(field->error().isEmpty());
    EXPECT_EQ(document.undoStack()->count(), 0);
}

TEST(PropertyEditor, ChangingTheUnitConvertsTheValue) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    auto* field = qobject_cast<QuantityField*>(editor.fieldWidget("/cooling/supply_air/max"));
    ASSERT_NE(field, nullptr);
    field->unitBox()->setCurrentText("degF");
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "80.6 degF");
}

TEST(PropertyEditor, IntegersAnnotatedValuesAndCallerChecks) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.setCheck([](const QString& pointer, const Json& value) -> std::optional<QString> {
        if (pointer.endsWith("/count") && value.is_number_integer() && value.get<int>() < 1) {
            return QString("must be at least 1");
        }
        return std::nullopt;
    });
    editor.showObject("/campus/buildings");
    editor.show();
    auto* count = qobject_cast<QLineEdit*>(editor.fieldWidget("/campus/buildings/count"));
    ASSERT_NE(count, nullptr);
    typeInto(count, "2.5");
    EXPECT_EQ(document.value("/campus/buildings/count"), 7);
    typeInto(count, "0");
    EXPECT_EQ(document.value("/campus/buildings/count"), 7);
    EXPECT_EQ(editor.invalidEntries().value("/campus/buildings/count"), "must be at least 1");
    typeInto(count, "8");
    EXPECT_EQ(document.value("/campus/buildings/count"), 8);
    EXPECT_TRUE(editor.invalidEntries().isEmpty());

    editor.showObject("/campus");
    EXPECT_NE(editor.fieldWidget("/campus/utility_interconnect/value"), nullptr);
}

// A sourced field's label shows the source and, for every work it or the field's
// documentation cites, the full reference from the bibliography (resources/references.json).
TEST(PropertyEditor, ASourcedFieldShowsTheFullReferenceOfWhatItCites) {
    SiteDocument document;
    document.resetUntitled(Json::parse(R"({"format": "headroom-site/1", "name": "Cited",
          "grid": {"carbon_intensity": "0.4155 kg/kWh",
                   "source": {"carbon_intensity": "eGRID2023 RFCW [O] [epa-egrid-2023]"}}})"),
                           "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/grid");
    editor.show();
    QWidget* field = editor.fieldWidget("/grid/carbon_intensity");
    ASSERT_NE(field, nullptr);
    const QLabel* label = nullptr;
    for (const QLabel* candidate : editor.findChildren<QLabel*>()) {
        label = candidate->buddy() == field ? candidate : label;
    }
    ASSERT_NE(label, nullptr);
    const QString tip = label->toolTip();
    EXPECT_TRUE(tip.contains("Source: eGRID2023 RFCW [O] [epa-egrid-2023]")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("[epa-egrid-2023] U.S. Environmental Protection Agency (2025). "
                             "Emissions & Generation Resource Integrated Database"))
        << tip.toStdString();
    EXPECT_TRUE(tip.contains("https://www.epa.gov/egrid/summary-data")) << tip.toStdString();
}

/// The entry of a field button's menu for key, or null when the menu does not list it.
QAction* menuEntry(QToolButton* button, const QString& key) {
    if (!button || !button->menu()) {
        return nullptr;
    }
    for (QAction* action : button->menu()->actions()) {
        if (action->data().toString() == key) {
            return action;
        }
    }
    return nullptr;
}

TEST(PropertyEditor, AddFieldListsTheAbsentOptionalFieldsAndAddsADefaultAsOneUndoableEdit) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    // site_fields.cpp: supply_air has min, max, max_dew_point, min_dew_point, min_rh, max_rh
    // and humidify, all optional; the document has min, max and humidify.
    EXPECT_EQ(editor.absentOptionalFields(),
              QStringList({"max_dew_point", "min_dew_point", "min_rh", "max_rh"}));
    EXPECT_EQ(editor.presentOptionalFields(), QStringList({"min", "max", "humidify"}));
    ASSERT_NE(menuEntry(editor.addFieldButton(), "max_rh"), nullptr);
    EXPECT_EQ(menuEntry(editor.addFieldButton(), "max"), nullptr);

    // max_rh is documented as 80 % (ASHRAE TC9.9, site_fields.cpp): added with that value.
    menuEntry(editor.addFieldButton(), "max_rh")->trigger();
    EXPECT_EQ(document.value("/cooling/supply_air/max_rh"), "80 %");
    EXPECT_EQ(document.undoStack()->count(), 1);
    auto* field = qobject_cast<QuantityField*>(editor.fieldWidget("/cooling/supply_air/max_rh"));
    ASSERT_NE(field, nullptr);
    EXPECT_EQ(field->valueEdit()->text(), "80");
    EXPECT_EQ(menuEntry(editor.addFieldButton(), "max_rh"), nullptr);
    ASSERT_NE(menuEntry(editor.removeFieldButton(), "max_rh"), nullptr);

    document.undoStack()->undo();
    EXPECT_FALSE(document.contains("/cooling/supply_air/max_rh"));
    EXPECT_EQ(editor.fieldWidget("/cooling/supply_air/max_rh"), nullptr);
    EXPECT_NE(menuEntry(editor.addFieldButton(), "max_rh"), nullptr);
}

// The UPS losses default by mode (site_fields.cpp: double conversion 1.5 % no-load, eco
// 0.4 %): the menu's tooltip and the added value are the open site's, not the table's
// double-conversion text.
TEST(PropertyEditor, ADesignDependentDefaultFollowsTheOpenSite) {
    SiteDocument document;
    Json site = sampleSite();
    site["electrical"] = Json::parse(R"({"ups": {"mode": "eco"}})");
    document.resetUntitled(site, "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/electrical/ups");
    QAction* noLoad = menuEntry(editor.addFieldButton(), "no_load");
    ASSERT_NE(noLoad, nullptr);
    EXPECT_TRUE(noLoad->toolTip().contains("Default: \"0.4 %\""))
        << noLoad->toolTip().toStdString();
    noLoad->trigger();
    EXPECT_EQ(document.value("/electrical/ups/no_load"), "0.4 %");

    document.setValue("/electrical/ups/mode", "double_conversion");
    QAction* square = menuEntry(editor.addFieldButton(), "square");
    ASSERT_NE(square, nullptr);
    EXPECT_TRUE(square->toolTip().contains("Default: \"0.5 %\""))
        << square->toolTip().toStdString();
    square->trigger();
    EXPECT_EQ(document.value("/electrical/ups/square"), "0.5 %");
}

TEST(PropertyEditor, AFieldWithoutADefaultJoinsTheDocumentWhenItsValueIsTyped) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    editor.show();
    menuEntry(editor.addFieldButton(), "min_dew_point")->trigger();
    // Nothing is invented: the field waits, empty, for a value.
    EXPECT_FALSE(document.contains("/cooling/supply_air/min_dew_point"));
    EXPECT_EQ(document.undoStack()->count(), 0);
    auto* field =
        qobject_cast<QuantityField*>(editor.fieldWidget("/cooling/supply_air/min_dew_point"));
    ASSERT_NE(field, nullptr);
    EXPECT_TRUE(field->valueEdit()->text().isEmpty());

    typeInto(field->valueEdit(), "-12 degC");
    EXPECT_EQ(document.value("/cooling/supply_air/min_dew_point"), "-12 degC");
    EXPECT_EQ(document.undoStack()->count(), 1);
    document.undoStack()->undo();
    EXPECT_FALSE(document.contains("/cooling/supply_air/min_dew_point"));
    EXPECT_EQ(editor.fieldWidget("/cooling/supply_air/min_dew_point"), nullptr);
}

TEST(PropertyEditor, RemoveFieldTakesAnOptionalFieldOutAndUndoPutsItBack) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling/supply_air");
    menuEntry(editor.removeFieldButton(), "humidify")->trigger();
    EXPECT_FALSE(document.contains("/cooling/supply_air/humidify"));
    EXPECT_EQ(editor.fieldWidget("/cooling/supply_air/humidify"), nullptr);
    EXPECT_NE(menuEntry(editor.addFieldButton(), "humidify"), nullptr);
    document.undoStack()->undo();
    EXPECT_EQ(document.value("/cooling/supply_air/humidify"), false);
    EXPECT_NE(editor.fieldWidget("/cooling/supply_air/humidify"), nullptr);
    // Required fields are never offered for removal.
    editor.showObject("/campus/buildings");
    EXPECT_EQ(menuEntry(editor.removeFieldButton(), "count"), nullptr);
    EXPECT_NE(menuEntry(editor.removeFieldButton(), "halls_per_building"), nullptr);
}

TEST(PropertyEditor, SectionsAreOfferedWhenTheirRequiredMembersHaveDefaults) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling");
    // cooling/fan has only optional members; cooling/liquid requires a share without default.
    ASSERT_NE(menuEntry(editor.addFieldButton(), "fan"), nullptr);
    EXPECT_EQ(menuEntry(editor.addFieldButton(), "liquid"), nullptr);
    menuEntry(editor.addFieldButton(), "fan")->trigger();
    EXPECT_EQ(document.value("/cooling/fan"), Json::object());
    SiteTree tree(&document);
    tree.selectPointer("/cooling/fan");
    EXPECT_EQ(tree.selectedPointer(), "/cooling/fan");
}

// Issue 18: "4000" typed into UltraServers was refused as a string; a count-or-fill field
// takes a whole number or "fill" in one entry, and each keystroke that leaves a valid
// entry reaches the document (the run follows 150 ms after the last), as one undo step.
TEST(PropertyEditor, ACountOrFillTakesANumberOrFillAsItIsTyped) {
    SiteDocument document;
    document.resetUntitled(Json::parse(R"({"format": "headroom-site/1", "name": "Count",
        "it": {"chip": "trainium2", "platform": "trn2-ultraserver", "ultraservers": "fill"}})"),
                           "count.json");
    PropertyEditor editor(&document);
    editor.showObject("/it");
    editor.show();
    auto* count = qobject_cast<QLineEdit*>(editor.fieldWidget("/it/ultraservers"));
    ASSERT_NE(count, nullptr);
    count->setFocus();
    count->selectAll();
    QTest::keyClick(count, Qt::Key_Backspace);
    QTest::keyClicks(count, "4000");
    // Before Enter: the document already holds the number, and the entry kept its text.
    EXPECT_EQ(document.value("/it/ultraservers"), 4000);
    EXPECT_EQ(count->text(), "4000");
    EXPECT_EQ(document.undoStack()->count(), 1);
    QTest::keyClick(count, Qt::Key_Return);
    EXPECT_EQ(document.undoStack()->count(), 1);
    typeInto(count, "fill");
    EXPECT_EQ(document.value("/it/ultraservers"), "fill");
    EXPECT_EQ(document.undoStack()->count(), 2);
    // Neither a fraction nor a word: marked, and what its keystrokes applied is taken out.
    typeInto(count, "12.5");
    EXPECT_EQ(document.value("/it/ultraservers"), "fill");
    EXPECT_EQ(editor.invalidEntries().value("/it/ultraservers"),
              "expected a whole number or \"fill\", got \"12.5\"");
    EXPECT_EQ(document.undoStack()->count(), 2);
    document.undoStack()->undo();
    document.undoStack()->undo();
    EXPECT_EQ(document.value("/it/ultraservers"), "fill");
    EXPECT_EQ(document.undoStack()->index(), 0);
}

// Chip, platform and switch are chosen from the catalog (the field table names the
// group); each entry shows its figures, and their sources in its tooltip.
TEST(PropertyEditor, ChipPlatformAndSwitchAreChosenFromTheCatalog) {
    SiteDocument document;
    document.resetUntitled(Json::parse(R"({"format": "headroom-site/1", "name": "Chooser",
        "it": {"chip": "trainium2", "platform": "trn2-ultraserver"},
        "fabric": {"switch": "51.2t-64x800g"}})"),
                           "chooser.json");
    PropertyEditor editor(&document);
    editor.showObject("/it");
    auto* chip = qobject_cast<QComboBox*>(editor.fieldWidget("/it/chip"));
    ASSERT_NE(chip, nullptr);
    const model::Catalog& catalog = model::Catalog::builtin();
    int chips = 0;
    for (const auto& [group, id] : catalog.listing()) {
        chips += group == "chips" ? 1 : 0;
    }
    EXPECT_EQ(chip->count(), chips);
    EXPECT_EQ(chip->currentData().toString(), "trainium2");
    const int trn1 = chip->findData("trainium1");
    ASSERT_GE(trn1, 0);
    EXPECT_TRUE(chip->itemText(trn1).contains("AWS Trainium1"));
    // resources/catalog/chips.json: Trainium1 peak power 300 W, dense FP8 190 TFLOP/s.
    const QString tip = chip->itemData(trn1, Qt::ToolTipRole).toString();
    EXPECT_TRUE(tip.contains("Peak power: 300 W [I]")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("190 TFLOP/s [O] AWS Neuron documentation [aws-neuron-trainium]"));
    chip->activated(trn1);
    EXPECT_EQ(document.value("/it/chip"), "trainium1");
    auto* figures = editor.findChild<QLabel*>("catalogFigures");
    ASSERT_NE(figures, nullptr);
    EXPECT_TRUE(figures->text().contains("Peak power: 300 W")) << figures->text().toStdString();
    document.undoStack()->undo();
    EXPECT_EQ(chip->currentData().toString(), "trainium2");

    auto* platform = qobject_cast<QComboBox*>(editor.fieldWidget("/it/platform"));
    ASSERT_NE(platform, nullptr);
    EXPECT_GE(platform->findData("trn2-ultraserver"), 0);
    EXPECT_LT(platform->findData("trainium2"), 0); // platforms only
    editor.showObject("/fabric");
    auto* box = qobject_cast<QComboBox*>(editor.fieldWidget("/fabric/switch"));
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(box->currentData().toString(), "51.2t-64x800g");
}

// A file-valued field has a Browse button; the picked file is written relative to the site.
// An enum's choices show their words, where the field table gives them, as tooltips.
TEST(PropertyEditor, AnEnumsChoicesCarryTheirLabels) {
    SiteDocument document;
    document.resetUntitled(sampleSite(), "test.json");
    PropertyEditor editor(&document);
    editor.showObject("/cooling");
    auto* design = qobject_cast<QComboBox*>(editor.fieldWidget("/cooling/design"));
    ASSERT_NE(design, nullptr);
    const int towers = design->findText("chilled_water_towers");
    ASSERT_GE(towers, 0);
    EXPECT_EQ(design->itemData(towers, Qt::ToolTipRole).toString(),
              "Chilled water, cooling towers (waterside economizer)");
}

TEST(PropertyEditor, AFileFieldIsPickedAndWrittenRelativeToTheSite) {
    const QString folder = QDir::temp().filePath("headroom-editor-browse");
    QDir(folder).mkpath("weather");
    SiteDocument document;
    document.resetUntitled(Json::parse(R"({"format": "headroom-site/1", "name": "Browse",
        "climate": {"epw": "old.epw"}})"),
                           "browse.json");
    ASSERT_TRUE(document.save(folder + "/site.json"));
    PropertyEditor editor(&document);
    QString askedFolder;
    editor.setFilePicker([&](const QString& pointer, const QString& start) {
        EXPECT_EQ(pointer, "/climate/epw");
        askedFolder = start;
        return folder + "/weather/new.epw";
    });
    editor.showObject("/climate");
    auto* browse = editor.findChild<QToolButton*>("browse");
    ASSERT_NE(browse, nullptr);
    browse->click();
    EXPECT_EQ(QDir(askedFolder), QDir(folder));
    EXPECT_EQ(document.value("/climate/epw"), "weather/new.epw");
    EXPECT_EQ(document.undoStack()->count(), 1);
}

} // namespace
} // namespace headroom::ui
