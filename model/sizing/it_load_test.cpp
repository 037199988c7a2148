#include "model/sizing/it_load.h"

#include "model/catalog/catalog.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

// 80 PLUS Titanium points [clearesult-80plus]: 90/94/96/91 % at 10/20/50/100 %.
TEST(ItLoad, PsuCurveHitsTheTitaniumPoints) {
    const std::array<double, 4> curve{0.90, 0.94, 0.96, 0.91};
    EXPECT_DOUBLE_EQ(psuEfficiency(curve, 0.10), 0.90);
    EXPECT_DOUBLE_EQ(psuEfficiency(curve, 0.20), 0.94);
    EXPECT_DOUBLE_EQ(psuEfficiency(curve, 0.50), 0.96);
    EXPECT_DOUBLE_EQ(psuEfficiency(curve, 1.00), 0.91);
    EXPECT_NEAR(psuEfficiency(curve, 0.35), 0.95, 1e-12); // halfway between 20 and 50 %
    EXPECT_LT(psuEfficiency(curve, 0.05), 0.90);          // constant loss below 10 %
    EXPECT_DOUBLE_EQ(psuEfficiency(curve, 0.0), 0.0);
}

// Trn2 server (catalog): 16 x 500 W peak, 75 W idle, 1.2 kW host + 0.8 kW fans + 0.2 kW NIC.
TEST(ItLoad, LinearInUtilizationWithPsuLosses) {
    ItDeployment it;
    it.chip = *Catalog::builtin().chip("trainium2");
    it.platform = *Catalog::builtin().platform("trn2-ultraserver");
    const ItLoad load(it, 100.0, 50.0);
    const ItPower idle = load.evaluate(0.0);
    const ItPower half = load.evaluate(0.5);
    const ItPower full = load.evaluate(1.0);
    EXPECT_NEAR(idle.itKw, 100.0 * (16 * 0.075 + 2.2) + 50.0, 1e-9);
    EXPECT_NEAR(full.itKw, 100.0 * (16 * 0.5 + 2.2) + 50.0, 1e-9);
    EXPECT_NEAR(half.itKw, 0.5 * (idle.itKw + full.itKw), 1e-9);
    // At peak each of the two supplies runs at 50 %: 96 % efficient.
    EXPECT_NEAR(full.psuLossKw, 100.0 * 10.2 * (1 / 0.96 - 1) + 50.0 * (1 / 0.96 - 1), 1e-9);
    EXPECT_GT(idle.psuLossKw, 0.0);
}

} // namespace
} // namespace headroom::model
