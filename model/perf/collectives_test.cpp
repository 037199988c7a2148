#include "model/perf/collectives.h"

#include <gtest/gtest.h>

namespace {

using namespace headroom::model;

const Link kLink{100e9, 2e-6}; // 100 GB/s, 2 us

// The closed forms of Thakur, Rabenseifner and Gropp 2005 [thakur-2005-collectives].
TEST(Collectives, RingAndTreeFollowTheAlphaBetaCosts) {
    const double n = 1e9;
    // p = 8: ring 2 x 7 alpha + 2 x 7/8 n / B; tree 2 x 3 (alpha + n / B).
    EXPECT_DOUBLE_EQ(ringAllReduceSeconds(n, 8, kLink), 14 * 2e-6 + 2.0 * 7.0 / 8.0 * n / 100e9);
    EXPECT_DOUBLE_EQ(treeAllReduceSeconds(n, 8, kLink), 6.0 * (2e-6 + n / 100e9));
    EXPECT_DOUBLE_EQ(allGatherSeconds(n, 8, kLink), 7 * 2e-6 + 7.0 / 8.0 * n / 100e9);
    EXPECT_DOUBLE_EQ(reduceScatterSeconds(n, 8, kLink), allGatherSeconds(n, 8, kLink));
    EXPECT_DOUBLE_EQ(pointToPointSeconds(n, kLink), 2e-6 + n / 100e9);
    EXPECT_EQ(ringAllReduceSeconds(n, 1, kLink), 0.0);
}

// Large messages take the ring (bandwidth-optimal), tiny ones on many chips the tree
// (latency-optimal).
TEST(Collectives, AllReducePicksTheFasterAlgorithm) {
    EXPECT_DOUBLE_EQ(allReduceSeconds(1e9, 1024, kLink), ringAllReduceSeconds(1e9, 1024, kLink));
    EXPECT_DOUBLE_EQ(allReduceSeconds(8.0, 1024, kLink), treeAllReduceSeconds(8.0, 1024, kLink));
}

// Two levels: each chip's slow link carries only its 1/inner share.
TEST(Collectives, HierarchicalAllReduceSendsTheShareAcross) {
    const Link slow{10e9, 10e-6};
    const GroupSpan flat{8, 1, kLink, slow};
    EXPECT_DOUBLE_EQ(groupCollectiveSeconds(Collective::AllReduce, 1e9, flat),
                     allReduceSeconds(1e9, 8, kLink));
    const GroupSpan twoLevel{8, 16, kLink, slow};
    const double expected = reduceScatterSeconds(1e9, 8, kLink) +
                            allReduceSeconds(1e9 / 8, 16, slow) + allGatherSeconds(1e9, 8, kLink);
    EXPECT_DOUBLE_EQ(groupCollectiveSeconds(Collective::AllReduce, 1e9, twoLevel), expected);
    // ... which beats a flat ring of all 128 chips on the slow link.
    EXPECT_LT(expected, allReduceSeconds(1e9, 128, slow));
}

} // namespace
