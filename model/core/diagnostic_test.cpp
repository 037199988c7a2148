// quotedExcerpt: what a message may quote of a file — short, printable, valid UTF-8.
#include "model/core/diagnostic.h"
#include "model/core/finite_number.h"

#include <gtest/gtest.h>

#include <cmath>
#include <string>

namespace headroom::model {
namespace {

TEST(QuotedExcerpt, ControlBytesAndInvalidUtf8AreEscaped) {
    // Issue 17 items 3 and 10: an EPW field holding invalid UTF-8 made `validate --json`
    // throw; a value holding a newline spilled onto an unlocated second line.
    EXPECT_EQ(quotedExcerpt("a\nb"), "\"a\\nb\"");
    EXPECT_EQ(quotedExcerpt(std::string("x\0y", 3)), "\"x\\x00y\"");
    EXPECT_EQ(quotedExcerpt("\xff\xfe"), "\"\\xFF\\xFE\"");
    EXPECT_EQ(quotedExcerpt("say \"hi\"\t"), "\"say \\\"hi\\\"\\t\"");
    // Valid UTF-8 stays as written; a sequence cut short is escaped.
    EXPECT_EQ(quotedExcerpt("27 \xC2\xB0"
                            "C"),
              "\"27 \xC2\xB0"
              "C\"");
    EXPECT_EQ(quotedExcerpt("\xE2\x82"), "\"\\xE2\\x82\"");
}

TEST(QuotedExcerpt, LongTextGivesItsStartAndSize) {
    const std::string field(5000, '9');
    const std::string quoted = quotedExcerpt(field, 40);
    EXPECT_EQ(quoted, "\"" + std::string(40, '9') + "...\" (5000 bytes)");
    // Never cut inside a UTF-8 sequence.
    const std::string degrees = std::string(39, 'a') + "\xC2\xB0" + std::string(10, 'b');
    EXPECT_EQ(quotedExcerpt(degrees, 40), "\"" + std::string(39, 'a') + "...\" (51 bytes)");
}

TEST(FiniteNumber, TheGateRefusesNanInfinityAndOverflow) {
    EXPECT_EQ(parseFiniteNumber("12.5"), 12.5);
    EXPECT_EQ(parseFiniteNumber("+2"), 2.0);
    EXPECT_EQ(parseFiniteNumber("-1e3"), -1000.0);
    for (const char* bad :
         {"nan", "-nan", "NaN", "inf", "-inf", "infinity", "1e999", "", "+", "12abc", "1,5"}) {
        EXPECT_FALSE(parseFiniteNumber(bad)) << bad;
    }
    EXPECT_TRUE(finiteInRange(5.0, 0.0, 10.0));
    EXPECT_FALSE(finiteInRange(std::nan(""), -1e300, 1e300));
    EXPECT_FALSE(finiteInRange(INFINITY, 0.0, INFINITY));
    EXPECT_FALSE(finiteInRange(-0.5, 0.0, 10.0));
}

TEST(HeaderNamesExcerpt, ListsAFewNamesOrNothing) {
    EXPECT_EQ(headerNamesExcerpt({"time", "avg_CI"}), "\"time\", \"avg_CI\"");
    std::vector<std::string> many;
    for (int i = 0; i < 300; ++i) {
        many.push_back("column_" + std::to_string(i));
    }
    const auto listed = headerNamesExcerpt(many);
    ASSERT_TRUE(listed);
    EXPECT_LT(listed->size(), 250u);
    EXPECT_TRUE(listed->ends_with("... (300 columns)"));
    // Not a header: one "column" (a line of /etc/passwd), or a name that is a paragraph.
    EXPECT_FALSE(headerNamesExcerpt({"root:x:0:0:root:/root:/bin/bash"}));
    EXPECT_FALSE(headerNamesExcerpt({"a", std::string(2000, 'x')}));
}

} // namespace
} // namespace headroom::model
