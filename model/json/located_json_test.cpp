#include "model/json/located_json.h"

#include <gtest/gtest.h>

#include <string>

namespace headroom::model {
namespace {

// The first diagnostic, formatted as the CLI prints it.
std::string firstError(std::string_view text) {
    auto result = parseLocatedJson(text, "t.json");
    EXPECT_FALSE(result.json.has_value());
    if (result.diagnostics.empty()) {
        return "<no diagnostic>";
    }
    return formatDiagnostic(result.diagnostics.items().front());
}

TEST(LocatedJson, RecordsValueAndKeyPositions) {
    const std::string text = "{\n  \"a\": 1,\n  \"b\": [true, {\"c\": \"x\"}],\n  \"é\": null\n}";
    auto result = parseLocatedJson(text, "t.json");
    ASSERT_TRUE(result.json) << formatDiagnostic(result.diagnostics.items().front());
    const auto& json = *result.json;
    EXPECT_EQ(json.value["a"], 1);
    EXPECT_EQ(json.value["b"][1]["c"], "x");
    EXPECT_EQ(json.valuePosition("").line, 1);
    EXPECT_EQ(json.valuePosition("/a").line, 2);
    EXPECT_EQ(json.valuePosition("/a").column, 8);
    EXPECT_EQ(json.keyPosition("/a").column, 3);
    EXPECT_EQ(json.valuePosition("/b/0").column, 9);
    EXPECT_EQ(json.valuePosition("/b/1/c").line, 3);
    EXPECT_EQ(json.valuePosition("/b/1/c").column, 21);
    // Columns count characters: "é" is two bytes but one column.
    EXPECT_EQ(json.valuePosition("/\xC3\xA9").column, 8);
    // A pointer that does not exist falls back to its nearest ancestor.
    EXPECT_EQ(json.valuePosition("/b/1/missing").column, 15);
}

TEST(LocatedJson, ParsesLikeNlohmann) {
    const std::string text =
        R"({"s": "a\"b\\c\/d\b\f\n\r\t\u00e9\ud83d\ude00", "i": -12, "u": 18446744073709551615,
            "d": 1.5e3, "z": 0, "n": null, "t": true, "f": false, "e": {}, "a": []})";
    auto result = parseLocatedJson(text, "t.json");
    ASSERT_TRUE(result.json);
    EXPECT_EQ(result.json->value, nlohmann::json::parse(text));
    EXPECT_TRUE(result.json->value["i"].is_number_integer());
    EXPECT_TRUE(result.json->value["d"].is_number_float());
}

TEST(LocatedJson, TruncatedFile) {
    EXPECT_EQ(firstError("{\n  \"a\": {\n    \"b\": 1"),
              "t.json:3:11: error: unexpected end of file: expected ',' or '}' (the object "
              "opened at 2:8 is not closed)");
    EXPECT_EQ(firstError("{\"a\": \"xyz"),
              "t.json:1:11: error: unexpected end of file: the string opened at 1:7 is not closed");
    EXPECT_EQ(firstError(""), "t.json:1:1: error: empty file: expected a JSON object");
}

TEST(LocatedJson, TrailingComma) {
    EXPECT_EQ(firstError("{\n  \"a\": 1,\n}"),
              "t.json:2:9: error: trailing comma before '}': remove it or add another member");
    EXPECT_EQ(firstError("[1, 2, ]"),
              "t.json:1:6: error: trailing comma before ']': remove it or add another element");
}

TEST(LocatedJson, MissingColon) {
    EXPECT_EQ(firstError("{\"a\" 1}"),
              "t.json:1:6: error: expected ':' after the key \"a\", got '1'");
}

TEST(LocatedJson, BadEscape) {
    EXPECT_EQ(firstError(R"({"a": "x\qy"})"),
              "t.json:1:9: error: invalid escape \"\\q\" in string: expected one of \\\" \\\\ \\/ "
              "\\b \\f \\n \\r \\t \\uXXXX");
    EXPECT_EQ(firstError(R"(["\ud83d"])"),
              "t.json:1:3: error: invalid escape: \\uD83D is a high surrogate without a low "
              "surrogate after it");
}

TEST(LocatedJson, ByteOrderMarkIsSkippedWithANote) {
    auto result = parseLocatedJson("\xEF\xBB\xBF{\"a\": 1}", "t.json");
    ASSERT_TRUE(result.json);
    ASSERT_EQ(result.diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(result.diagnostics.items().front()),
              "t.json:1:1: note: skipped a UTF-8 byte-order mark at the start of the file");
    EXPECT_EQ(result.json->valuePosition("/a").column, 7);
}

TEST(LocatedJson, InvalidUtf8) {
    EXPECT_EQ(firstError("{\n  \"a\": \"ok \xFF\"\n}"),
              "t.json:2:12: error: invalid UTF-8: byte 0xFF cannot start a character");
    EXPECT_EQ(firstError("[\"\xC3(\"]"),
              "t.json:1:3: error: invalid UTF-8: byte 0xC3 is followed by '(', not a "
              "continuation byte");
    EXPECT_EQ(firstError("[\"\xE0\x80\x80\"]"),
              "t.json:1:3: error: invalid UTF-8: overlong form, surrogate or code point above "
              "U+10FFFF");
}

TEST(LocatedJson, NonFiniteLiterals) {
    EXPECT_EQ(firstError("{\"a\": NaN}"),
              "t.json:1:7: error: NaN is not valid JSON: write a finite number");
    EXPECT_EQ(firstError("[1, -Infinity]"),
              "t.json:1:5: error: Infinity is not valid JSON: write a finite number");
}

TEST(LocatedJson, NestingLimit) {
    const std::string ok = std::string(64, '[') + std::string(64, ']');
    EXPECT_TRUE(parseLocatedJson(ok, "t.json").json);
    const std::string deep = std::string(65, '[') + std::string(65, ']');
    EXPECT_EQ(firstError(deep),
              "t.json:1:65: error: nesting deeper than 64 levels: this array is at level 65");
    // Far deeper input must not overflow the stack either.
    EXPECT_FALSE(parseLocatedJson(std::string(100000, '['), "t.json").json);
}

TEST(LocatedJson, NumbersOutOfRange) {
    EXPECT_EQ(firstError("{\"a\": 1e400}"),
              "t.json:1:7: error: number 1e400 is out of range (a double holds about 1e-308 to "
              "1e308)");
    EXPECT_EQ(firstError("[012]"), "t.json:1:2: error: numbers must not have leading zeros");
    EXPECT_EQ(firstError("[1.]"),
              "t.json:1:4: error: expected a digit after the decimal point, got ']'");
    // Integers too large for 64 bits still read, as doubles.
    auto big = parseLocatedJson("[123456789012345678901234567890]", "t.json");
    ASSERT_TRUE(big.json);
    EXPECT_TRUE(big.json->value[0].is_number_float());
}

TEST(LocatedJson, DuplicateKeys) {
    EXPECT_EQ(firstError("{\n  \"a\": 1,\n  \"a\": 2\n}"),
              "t.json:3:3: error: duplicate key \"a\" (first written at 2:3)");
}

TEST(LocatedJson, OtherSyntaxErrors) {
    EXPECT_EQ(firstError("{\"a\": 1} x"),
              "t.json:1:10: error: unexpected 'x' after the end of the JSON value");
    EXPECT_EQ(firstError("{'a': 1}"),
              "t.json:1:2: error: expected a key in double quotes, got '''");
    EXPECT_EQ(firstError("[tru]"), "t.json:1:2: error: expected \"true\", got 't'");
    EXPECT_EQ(firstError("[\"a\nb\"]"),
              "t.json:1:4: error: unexpected end of line in a string: close the string with '\"' "
              "or write \\n");
    EXPECT_EQ(firstError("{\"a\": }"),
              "t.json:1:7: error: expected a value (object, array, string, number, true, false or "
              "null), got '}'");
}

TEST(LocatedJson, EscapesPointerTokens) {
    EXPECT_EQ(escapePointerToken("a/b~c"), "a~1b~0c");
    auto result = parseLocatedJson("{\"a/b\": 1}", "t.json");
    ASSERT_TRUE(result.json);
    EXPECT_EQ(result.json->valuePosition("/a~1b").column, 9);
}

TEST(NestsWithin, CountsBracketsOutsideStrings) {
    EXPECT_TRUE(nestsWithin("{\"a\": [[1]]}", 3));
    EXPECT_FALSE(nestsWithin("{\"a\": [[1]]}", 2));
    EXPECT_TRUE(nestsWithin("[\"[[[[\\\"[[[\"]", 1));   // brackets in a string do not count
    EXPECT_FALSE(nestsWithin(std::string(60000, '['))); // issue 17 item 1's document
}

} // namespace
} // namespace headroom::model
