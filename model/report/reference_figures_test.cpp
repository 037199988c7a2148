// The published comparison figures (resources/reference_figures.json): each compares with a
// row of the result table and cites the bibliography; the most specific figure of a group
// shows (LBNL's design in zone 5A over its national median), and units convert.
#include "model/report/reference_figures.h"

#include "model/bibliography/bibliography.h"
#include "model/site/site.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

std::vector<std::string> labels(std::string_view kpi, const ReferenceContext& context) {
    std::vector<std::string> out;
    for (const ReferenceFigure* f : referenceFiguresFor(kpi, context)) {
        out.push_back(f->label);
    }
    return out;
}

TEST(ReferenceFigures, EveryFigureNamesARowAndCitesTheBibliography) {
    ASSERT_FALSE(referenceFigures().empty());
    for (const ReferenceFigure& f : referenceFigures()) {
        EXPECT_NE(findKpiField(f.kpi), nullptr) << f.kpi;
        const auto ids = citedIds(f.source);
        ASSERT_FALSE(ids.empty()) << f.label << " cites nothing";
        for (const auto& id : ids) {
            EXPECT_TRUE(Bibliography::builtin().contains(id)) << id;
        }
    }
}

TEST(ReferenceFigures, TheDesignInItsZoneOutranksTheMedian) {
    ReferenceContext indiana;
    indiana.thermalZone = 5;
    indiana.coolingDesign = "airside_economizer_evaporative";
    indiana.liquid = false;
    indiana.gridRegion = "eGRID RFCW";
    EXPECT_EQ(
        labels("pue", indiana),
        (std::vector<std::string>{
            "AWS fleet",
            "LBNL 2024, zone 5A, airside economizer + adiabatic, air-cooled chiller backup"}));
    EXPECT_EQ(labels("cue_kg_per_kwh", indiana).size(), 1u);
    // Zone 4: LBNL tabulates zone 5A only, so its national median shows instead.
    ReferenceContext elsewhere = indiana;
    elsewhere.thermalZone = 4;
    elsewhere.gridRegion = "eGRID CAMX";
    EXPECT_EQ(labels("pue", elsewhere),
              (std::vector<std::string>{"AWS fleet", "LBNL 2024 AI-specialized median"}));
    EXPECT_TRUE(labels("cue_kg_per_kwh", elsewhere).empty());
    // Liquid cooling in zone 5 has its own LBNL row, whatever the air design.
    ReferenceContext liquid = indiana;
    liquid.liquid = true;
    EXPECT_EQ(labels("pue", liquid).back(),
              "LBNL 2024, zone 5A, direct-to-chip liquid, dry cooler + adiabatic");
    // Without a site, only what the result alone decides.
    ReferenceContext unknown;
    unknown.thermalZone = 5;
    EXPECT_EQ(labels("pue", unknown).back(), "LBNL 2024 AI-specialized median");
    EXPECT_TRUE(labels("peak_pflops_fp8", unknown).empty());
}

TEST(ReferenceFigures, TextConvertsToTheDisplayUnits) {
    ReferenceContext none;
    const KpiField& wue = *findKpiField("wue_site_l_per_kwh");
    const NumberStyle style = englishNumberStyle();
    EXPECT_EQ(referencesText(wue, none, DisplayUnits(UnitSystem::SI), style),
              "AWS fleet 0.15 L/kWh (2024) [O] [amazon-2024-sustainability]; LBNL 2024 "
              "AI-specialized median 0.61 L/kWh (all climates) [lbnl-2024-usage]");
    // 0.15 L/kWh / 3.785411784 L/gal = 0.0396 gal/kWh (NIST SP 811), one decimal more.
    EXPECT_EQ(referenceText(*referenceFiguresFor("wue_site_l_per_kwh", none).front(), wue,
                            DisplayUnits(UnitSystem::IP), style),
              "AWS fleet 0.040 gal/kWh (2024) [O] [amazon-2024-sustainability]");
    const KpiField& pue = *findKpiField("pue");
    EXPECT_EQ(referencesText(pue, none, DisplayUnits(), style),
              "AWS fleet 1.15 (2024) [O] [amazon-2024-sustainability]; LBNL 2024 AI-specialized "
              "median 1.14 [1.09\u20131.19] [lbnl-2024-usage]");
}

TEST(ReferenceFigures, ContextOfASiteAndItsWeatherYear) {
    RunResult result;
    result.hourly.dryBulbC.assign(8760, 8.0); // HDD18 = 3650: zone 5 (ASHRAE 169 Table A-3)
    EXPECT_EQ(referenceContext(result).coolingDesign, "");
    EXPECT_EQ(proxyStationText(result), "");
    Site site;
    site.cooling.design = CoolingDesign::ChilledWaterTowers;
    site.grid.region = "eGRID RFCW";
    site.it.platform.id = "trn2-ultraserver";
    site.location.latitudeDeg = 41.0;
    site.location.longitudeDeg = -86.0;
    auto climate = std::make_shared<Climate>();
    climate->station.latitudeDeg = 42.0; // 111 km north (6371 km x pi / 180)
    climate->station.longitudeDeg = -86.0;
    site.climate = climate;
    result.inputs = RunInputs::of(site);
    const ReferenceContext context = referenceContext(result);
    EXPECT_EQ(context.thermalZone, 5);
    EXPECT_EQ(context.coolingDesign, "chilled_water_towers");
    EXPECT_EQ(context.liquid, false);
    EXPECT_EQ(labels("peak_pflops_fp8", context),
              (std::vector<std::string>{"Trn2 UltraServer, each"}));
    EXPECT_EQ(labels("pue", context).back(),
              "LBNL 2024, zone 5A, waterside economizer + cooling towers");
    EXPECT_EQ(proxyStationText(result),
              "The weather station is 111 km from the site; its hours stand in for the site's (a "
              "proxy).");
}

} // namespace
} // namespace headroom::model
