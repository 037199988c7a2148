#pragma once
// A strict JSON (RFC 8259) parser that remembers where every value and key was written,
// so that a meaning error found later ("expected a temperature, got a power") can still
// name its line and column. nlohmann-json 3.11 keeps no positions, hence this parser;
// it builds the same nlohmann::json value nlohmann's own parser would.
//
// Positions are 1-based; columns count characters (UTF-8 code points), not bytes.
// Syntax errors are located exactly; a UTF-8 byte-order mark is accepted with a note.

#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace headroom::model {

struct TextPosition {
    int line = 0;   ///< 1-based; 0 when unknown
    int column = 0; ///< 1-based, in characters
};

/// A parsed document with the position of each value and key, by JSON pointer.
struct LocatedJson {
    nlohmann::json value;
    /// First character of each value ("" is the root).
    std::unordered_map<std::string, TextPosition> values;
    /// Opening quote of each object key, by the pointer of its member.
    std::unordered_map<std::string, TextPosition> keys;
    /// The text of each number as written ("41.70", "1.75e11"), so a writer can keep it.
    std::unordered_map<std::string, std::string> numbers;

    /// Where the value at pointer starts, or its nearest located ancestor.
    TextPosition valuePosition(const std::string& pointer) const;
    /// Where the key of the member at pointer starts, else where its value does.
    TextPosition keyPosition(const std::string& pointer) const;
};

/// Limits a document must respect; deeper nesting is an error, not a stack overflow.
inline constexpr int kMaxJsonDepth = 64;

/// Whether text nests its arrays and objects at most maxDepth deep, counted by an
/// iterative scan of the brackets outside strings. For callers that parse with nlohmann's
/// own parser (the desktop keeps key order in ordered_json): its values are walked
/// recursively (dump, copy, compare), so only a bounded document may be parsed.
bool nestsWithin(std::string_view text, int maxDepth = kMaxJsonDepth);

struct JsonParseResult {
    std::optional<LocatedJson> json; ///< empty when there was any error
    Diagnostics diagnostics;         ///< syntax errors, and the note about a BOM
};

/// Parses text; fileName only labels the diagnostics.
JsonParseResult parseLocatedJson(std::string_view text, const std::string& fileName);

/// Escapes one reference token of a JSON pointer (RFC 6901: "~" -> "~0", "/" -> "~1").
std::string escapePointerToken(std::string_view token);

} // namespace headroom::model
