// Two lanes side by side give, lane by lane, exactly what the scalar operations give: the
// hourly passes built on them (model/cost) change no figure but a sum's order.
#include "model/core/two_lanes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace headroom::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The same bits, so that -0.0 differs from 0.0 and a NaN equals a NaN.
bool sameBits(double a, double b) {
    return std::signbit(a) == std::signbit(b) &&
           (std::isnan(a) ? std::isnan(b) : !std::isnan(b) && a == b);
}

// std::min and std::max keep their first argument unless the second is strictly less
// (greater): a NaN on either side and the order of 0.0 and -0.0 follow that, lane by lane.
TEST(TwoLanes, MinAndMaxAreStdMinAndStdMaxInEachLane) {
    const std::vector<double> values{1.5, -2.0, 0.0, -0.0, kNaN, 1e300, -1e-300};
    for (const double a : values) {
        for (const double b : values) {
            const Pair lo = minOf(pairOf(a, b), pairOf(b, a));
            const Pair hi = maxOf(pairOf(a, b), pairOf(b, a));
            EXPECT_TRUE(sameBits(low(lo), std::min(a, b))) << a << " " << b;
            EXPECT_TRUE(sameBits(high(lo), std::min(b, a))) << a << " " << b;
            EXPECT_TRUE(sameBits(low(hi), std::max(a, b))) << a << " " << b;
            EXPECT_TRUE(sameBits(high(hi), std::max(b, a))) << a << " " << b;
        }
    }
}

// Arithmetic rounds in each lane as the scalar operation does; loads, stores and the
// lanes' order.
TEST(TwoLanes, ArithmeticLoadsAndStoresWorkLaneByLane) {
    const double x[2] = {0.1, 1.0 / 3.0}, y[2] = {0.7, 2.0 / 7.0};
    const Pair a = loadPair(x), b = loadPair(y);
    EXPECT_TRUE(sameBits(low(a + b), x[0] + y[0]));
    EXPECT_TRUE(sameBits(high(a + b), x[1] + y[1]));
    EXPECT_TRUE(sameBits(low(a - b), x[0] - y[0]));
    EXPECT_TRUE(sameBits(high(a - b), x[1] - y[1]));
    EXPECT_TRUE(sameBits(low(a * b), x[0] * y[0]));
    EXPECT_TRUE(sameBits(high(a * b), x[1] * y[1]));
    EXPECT_TRUE(sameBits(total(a), x[0] + x[1]));
    EXPECT_EQ(low(splat(2.5)), 2.5);
    EXPECT_EQ(high(splat(2.5)), 2.5);
    EXPECT_EQ(low(Pair{}), 0.0);
    EXPECT_EQ(high(Pair{}), 0.0);

    const Pair one = loadLow(x + 1); // the second lane 0
    EXPECT_EQ(low(one), x[1]);
    EXPECT_TRUE(sameBits(high(one), 0.0));
    double out[3] = {-1.0, -1.0, -1.0};
    storePair(out, pairOf(4.0, 5.0));
    storeLow(out + 2, pairOf(6.0, 7.0));
    EXPECT_EQ(out[0], 4.0);
    EXPECT_EQ(out[1], 5.0);
    EXPECT_EQ(out[2], 6.0); // the second lane not written past it
}

// The count of lanes where a > b: a NaN compares false, as in scalar code.
TEST(TwoLanes, CountsTheLanesWhereOneIsGreater) {
    PairCount count;
    count.addWhereGreater(pairOf(2.0, 1.0), pairOf(1.0, 1.0));   // 1
    count.addWhereGreater(pairOf(2.0, 3.0), pairOf(1.0, 1.0));   // 2
    count.addWhereGreater(pairOf(kNaN, 0.0), pairOf(0.0, -0.0)); // 0
    EXPECT_EQ(count.total(), 3);
}

} // namespace
} // namespace headroom::model
