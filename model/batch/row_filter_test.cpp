// The batch explorer's filter expressions (issue 18): what they match, and where a filter
// that does not parse goes wrong.
#include "model/batch/row_filter.h"

#include <gtest/gtest.h>

#include <cmath>

namespace headroom::model {
namespace {

const std::vector<std::string> kColumns = {"pue", "water_m3", "/cooling/supply_air/max"};

RowFilter parsed(std::string_view text) {
    auto result = RowFilter::parse(text, kColumns);
    if (const auto* error = std::get_if<FilterError>(&result)) {
        ADD_FAILURE() << text << ": " << error->column << ": " << error->message;
        return {};
    }
    return std::get<RowFilter>(result);
}

FilterError error(std::string_view text) {
    auto result = RowFilter::parse(text, kColumns);
    EXPECT_TRUE(std::holds_alternative<FilterError>(result)) << text;
    return std::holds_alternative<FilterError>(result) ? std::get<FilterError>(result)
                                                       : FilterError{};
}

TEST(RowFilter, ComparisonsJoinedByAndOrNotAndParentheses) {
    const double a[] = {1.15, 15000, 27};
    const double b[] = {1.25, 12000, 30};
    const double c[] = {1.10, 30000, 24};
    const RowFilter both = parsed("pue < 1.2 and water_m3 < 20000");
    EXPECT_TRUE(both.matches(a));
    EXPECT_FALSE(both.matches(b));
    EXPECT_FALSE(both.matches(c));
    // and binds tighter than or: a or (b and c).
    const RowFilter either = parsed("pue >= 1.25 or water_m3 > 20000 AND pue <= 1.1");
    EXPECT_FALSE(either.matches(a));
    EXPECT_TRUE(either.matches(b));
    EXPECT_TRUE(either.matches(c));
    const RowFilter grouped = parsed("not (pue < 1.2) and /cooling/supply_air/max = 30");
    EXPECT_TRUE(grouped.matches(b));
    EXPECT_FALSE(grouped.matches(a));
    EXPECT_TRUE(parsed("water_m3 != 15000 and 1e4 < water_m3").matches(b));
    EXPECT_TRUE(parsed("pue == 1.1").matches(c));
    EXPECT_TRUE(parsed("  ").matches(a)); // nothing typed: every row
}

TEST(RowFilter, AMissingValueFailsEveryComparison) {
    const double missing[] = {std::nan(""), 15000, 27};
    EXPECT_FALSE(parsed("pue < 1.2").matches(missing));
    EXPECT_FALSE(parsed("pue != 1.2").matches(missing));
    EXPECT_TRUE(parsed("not pue < 1.2").matches(missing));
}

TEST(RowFilter, ErrorsSayWhereWhatWasFoundAndWhatWasExpected) {
    FilterError e = error("pue 1.2");
    EXPECT_EQ(e.column, 5u);
    EXPECT_EQ(e.message, "expected a comparison (<, <=, >, >=, =, !=), got \"1.2\"");
    e = error("pu < 1.2");
    EXPECT_EQ(e.column, 1u);
    EXPECT_EQ(e.message, "expected a column of the table (pue, water_m3, "
                         "/cooling/supply_air/max), got \"pu\"");
    e = error("pue < 1.2 and");
    EXPECT_EQ(e.column, 14u);
    EXPECT_EQ(e.message, "expected a column name or a number, got the end");
    e = error("(pue < 1.2");
    EXPECT_EQ(e.column, 11u);
    EXPECT_EQ(e.message, "expected \")\", got the end");
    e = error("pue < 1.2 water_m3 < 3");
    EXPECT_EQ(e.column, 11u);
    EXPECT_EQ(e.message, "expected \"and\", \"or\" or the end, got \"water_m3\"");
    e = error("water_m3 < 20000m3");
    EXPECT_EQ(e.column, 17u);
    EXPECT_EQ(e.message, "expected a plain number (in the column's unit), got \"20000m3\"");
    e = error("pue ! 1");
    EXPECT_EQ(e.column, 5u);
    e = error("pue < 1.2 # water");
    EXPECT_EQ(e.column, 11u);
    EXPECT_EQ(e.message, "expected a column name, a number or a parenthesis, got \"#\"");
}

} // namespace
} // namespace headroom::model
