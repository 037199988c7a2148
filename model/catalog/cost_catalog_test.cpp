#include "model/catalog/cost_catalog.h"

#include "model/bibliography/bibliography.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

TEST(CostCatalog, BuiltinFiguresCiteTheirSourcesAndHoldTheirRanges) {
    const CostCatalog& catalog = CostCatalog::builtin();
    ASSERT_GE(catalog.figures().size(), 11u);
    for (const CostFigure& figure : catalog.figures()) {
        // A published figure cites its publication; an inference says it is one.
        if (figure.confidence == "I") {
            EXPECT_NE(figure.source.find("[I]"), std::string::npos) << figure.id;
        } else {
            EXPECT_FALSE(citedIds(figure.source).empty()) << figure.id;
        }
        EXPECT_EQ(figure.field.rfind("/cost/", 0), 0u) << figure.id;
    }
    // AWS publishes no Trainium price: the catalog must not invent one.
    EXPECT_EQ(catalog.forField("/cost/it/price_per_ultraserver"), nullptr);
}

// The figures in SI units are read once with the catalog: construction's 11.7 MUSD/MW is
// 11.7 USD/W, between 9.3 and 15.0 (Cushman & Wakefield 2025). Tolerance 1e-12.
TEST(CostCatalog, FiguresCarryTheirValueAndRangeInSiUnits) {
    const CostFigure* construction =
        CostCatalog::builtin().forField("/cost/construction_per_mw_it");
    ASSERT_NE(construction, nullptr);
    EXPECT_NEAR(construction->valueSi, 11.7, 1e-12);
    EXPECT_NEAR(construction->lowSi, 9.3, 1e-12);
    EXPECT_NEAR(construction->highSi, 15.0, 1e-12);
    for (const CostFigure& figure : CostCatalog::builtin().figures()) {
        EXPECT_LE(figure.lowSi, figure.valueSi) << figure.id;
        EXPECT_LE(figure.valueSi, figure.highSi) << figure.id;
        EXPECT_GT(figure.highSi, 0.0) << figure.id;
    }
}

// Cushman & Wakefield 2025's split (53/21/10/10/4/2 %) is the catalog's, whole.
TEST(CostCatalog, ConstructionSplitIsCushmanWakefields) {
    const auto& lines = CostCatalog::builtin().constructionLines();
    ASSERT_EQ(lines.size(), 6u);
    const double expected[] = {0.53, 0.21, 0.10, 0.10, 0.04, 0.02};
    double total = 0.0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        EXPECT_NEAR(lines[i].share, expected[i], 1e-12) << lines[i].id;
        total += lines[i].share;
    }
    EXPECT_NEAR(total, 1.0, 1e-12);
    EXPECT_FALSE(citedIds(CostCatalog::builtin().splitSource()).empty());
}

TEST(CostCatalog, RefusesAFigureOutsideItsRangeAndASplitThatIsNotWhole) {
    Diagnostics diagnostics;
    const auto catalog = CostCatalog::fromJson(R"({
      "format": "headroom-cost-catalog/1",
      "costs": [{"id": "x", "field": "/cost/x", "value": "20 MUSD/MW", "low": "9 MUSD/MW",
                 "high": "15 MUSD/MW", "year": 2024, "source": "[I] a test", "confidence": "I"}],
      "construction_split": {"source": "[I] a test", "lines": [
        {"id": "a", "name": "A", "share": "60 %", "life": "plant"},
        {"id": "b", "name": "B", "share": "30 %", "life": "attic"}]}
    })",
                                               "costs.json", diagnostics);
    EXPECT_FALSE(catalog);
    std::vector<std::string> pointers;
    for (const Diagnostic& d : diagnostics.items()) {
        pointers.push_back(d.pointer);
    }
    EXPECT_EQ(pointers, (std::vector<std::string>{"/costs/0", "/construction_split/lines/1/life",
                                                  "/construction_split/lines"}));
}

} // namespace
} // namespace headroom::model
