#include "model/sim/electrical_chain.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

// Normal per-unit load at full design load: redundancy xN/(x-1) loads each unit at most
// (x-1)/x: 4N/3 -> 75 %, 3N/2 -> 67 %, 2N -> 50 % (arithmetic). Design 12 MW on 1.5 MW
// units: N = 8.
TEST(ElectricalChain, UnitLoadingUnderEachRedundancy) {
    const double designKw = 12000.0, ratingKw = 1500.0;
    struct Case {
        Redundancy redundancy;
        int installed, loaded;
        double unitLoad;
    };
    const Case cases[] = {
        {Redundancy::N, 8, 8, 1.0},
        {Redundancy::NPlus1, 9, 9, 8.0 / 9.0},
        {Redundancy::TwoN, 16, 16, 0.5},
        {Redundancy::DistributedRedundant4N3, 11, 11, 8.0 / 11.0}, // ceil(8 x 4/3) = 11
        {Redundancy::DistributedRedundant3N2, 12, 12, 8.0 / 12.0},
        {Redundancy::Block, 9, 8, 1.0},
    };
    for (const Case& c : cases) {
        const StageLayout layout = layoutFor(c.redundancy, designKw, ratingKw);
        EXPECT_EQ(layout.installed, c.installed) << static_cast<int>(c.redundancy);
        EXPECT_EQ(layout.loaded, c.loaded) << static_cast<int>(c.redundancy);
        EXPECT_NEAR(layout.unitLoad(designKw), c.unitLoad, 1e-12) << static_cast<int>(c.redundancy);
    }
    // With N a multiple of 3, 4N/3 lands exactly on 75 %.
    EXPECT_NEAR(layoutFor(Redundancy::DistributedRedundant4N3, 9000.0, 1500.0).unitLoad(9000.0),
                0.75, 1e-12);
    EXPECT_NEAR(layoutFor(Redundancy::DistributedRedundant3N2, 6000.0, 1500.0).unitLoad(6000.0),
                2.0 / 3.0, 1e-12);
}

TEST(ElectricalChain, StageLossFollowsThePolynomial) {
    const StageLayout layout = layoutFor(Redundancy::Block, 3000.0, 1000.0); // 3 loaded + 1
    const LossModel m{0.01, 0.02, 0.03};
    const double x = 1500.0 / 3000.0;
    const double expected = 3 * 1000.0 * (0.01 + 0.02 * x + 0.03 * x * x) + 1000.0 * 0.01;
    EXPECT_NEAR(stageLossKw(layout, m, 1500.0), expected, 1e-9);
}

// A chain with the field table's double-conversion defaults (site_fields_plant.cpp), as a site
// file that names no losses reads.
Electrical doubleConversionChain() {
    Electrical e;
    e.upsModuleRating = units::megawatts(1.5);
    e.transformerRating = units::megawatts(3.0);
    e.transformerLoss = {0.002, 0.0, 0.010};
    e.upsLoss = {0.015, 0.010, 0.005};
    e.pduLoss = {0.0, 0.0, 0.015};
    return e;
}

// Lightly loaded redundant units lose a larger share: 2N loses more than N for the same load.
TEST(ElectricalChain, RedundancyCostsEfficiency) {
    Electrical e = doubleConversionChain();
    e.redundancy = Redundancy::N;
    const ElectricalChain n(e, 12000.0, 1000.0, 100.0);
    e.redundancy = Redundancy::TwoN;
    const ElectricalChain twoN(e, 12000.0, 1000.0, 100.0);
    const ChainLosses a = n.evaluate(9000.0, 500.0, 100.0);
    const ChainLosses b = twoN.evaluate(9000.0, 500.0, 100.0);
    EXPECT_GT(b.upsKw, a.upsKw);
    // The chain balances: facility = loads + every stage's loss.
    EXPECT_NEAR(a.facilityKw, 9000.0 + 500.0 + 100.0 + a.pduKw + a.upsKw + a.transformerKw, 1e-9);
}

// The chain's precomputed quadratics give the per-unit polynomial's losses.
TEST(ElectricalChain, ChainLossesEqualTheStagePolynomials) {
    Electrical e = doubleConversionChain();
    e.redundancy = Redundancy::Block;
    e.pduLoss = {0.003, 0.010, 0.015}; // every term of the polynomial in play
    const ElectricalChain chain(e, 12000.0, 2000.0, 200.0);
    const ChainLosses l = chain.evaluate(7000.0, 1200.0, 150.0);
    const double pdu = stageLossKw(chain.pdus(), e.pduLoss, 7000.0);
    const double ups = stageLossKw(chain.ups(), e.upsLoss, 7000.0 + pdu);
    const double transformer =
        stageLossKw(chain.transformers(), e.transformerLoss, 7000.0 + pdu + ups + 1200.0 + 150.0);
    EXPECT_NEAR(l.pduKw, pdu, 1e-9);
    EXPECT_NEAR(l.upsKw, ups, 1e-9);
    EXPECT_NEAR(l.transformerKw, transformer, 1e-9);
}

TEST(ElectricalChain, MechanicalOnUpsLoadsTheUps) {
    Electrical e = doubleConversionChain();
    e.mechanicalOnUps = false;
    const ElectricalChain off(e, 10000.0, 2000.0, 100.0);
    e.mechanicalOnUps = true;
    const ElectricalChain on(e, 10000.0, 2000.0, 100.0);
    EXPECT_GT(on.ups().installed, off.ups().installed);
    EXPECT_GT(on.evaluate(8000.0, 1500.0, 100.0).upsKw, off.evaluate(8000.0, 1500.0, 100.0).upsKw);
}

} // namespace
} // namespace headroom::model
