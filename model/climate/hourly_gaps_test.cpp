// fillShortGaps: linear bridging of short runs, cyclic at the year boundary, long runs
// and an all-missing series reported unfilled.
#include "model/climate/hourly_gaps.h"

#include <gtest/gtest.h>

namespace {

using headroom::model::fillShortGaps;

TEST(HourlyGaps, FillsShortRunsLinearly) {
    std::vector<double> values{0.0, 0.0, 0.0, 4.0, 0.0, 0.0, 0.0, 0.0, 10.0, 0.0};
    const std::vector<char> missing{0, 1, 1, 0, 1, 1, 1, 1, 0, 0};
    const auto gaps = fillShortGaps(values, missing, 3);
    ASSERT_EQ(gaps.size(), 2u);
    EXPECT_EQ(gaps[0].first, 1u);
    EXPECT_EQ(gaps[0].count, 2u);
    EXPECT_TRUE(gaps[0].filled);
    EXPECT_DOUBLE_EQ(values[1], 4.0 / 3.0);
    EXPECT_DOUBLE_EQ(values[2], 8.0 / 3.0);
    EXPECT_EQ(gaps[1].first, 4u);
    EXPECT_EQ(gaps[1].count, 4u);
    EXPECT_FALSE(gaps[1].filled);
    EXPECT_DOUBLE_EQ(values[4], 0.0); // left as it was
}

TEST(HourlyGaps, WrapsAroundTheYear) {
    std::vector<double> values{0.0, 3.0, 6.0, 0.0};
    const std::vector<char> missing{1, 0, 0, 1};
    const auto gaps = fillShortGaps(values, missing, 6);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].first, 3u);
    EXPECT_EQ(gaps[0].count, 2u);
    EXPECT_DOUBLE_EQ(values[3], 5.0); // 6 -> 3 over three steps across the boundary
    EXPECT_DOUBLE_EQ(values[0], 4.0);
}

TEST(HourlyGaps, AllMissingAndSingleValue) {
    std::vector<double> none(5, 0.0);
    const auto all = fillShortGaps(none, std::vector<char>(5, 1), 6);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].count, 5u);
    EXPECT_FALSE(all[0].filled);

    std::vector<double> one{0.0, 0.0, 7.0, 0.0};
    const auto gaps = fillShortGaps(one, {1, 1, 0, 1}, 6);
    ASSERT_EQ(gaps.size(), 1u);
    EXPECT_EQ(gaps[0].count, 3u);
    EXPECT_EQ(one, std::vector<double>(4, 7.0));

    std::vector<double> complete{1.0, 2.0};
    EXPECT_TRUE(fillShortGaps(complete, {0, 0}, 6).empty());
}

} // namespace
