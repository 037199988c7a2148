#include "model/json/located_json.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <limits>
#include <map>
#include <utility>

namespace headroom::model {

bool nestsWithin(std::string_view text, int maxDepth) {
    int depth = 0;
    bool inString = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (c == '\\') {
                ++i; // the escaped character cannot end the string
            } else if (c == '"') {
                inString = false;
            }
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth) {
                return false;
            }
        } else if (c == ']' || c == '}') {
            --depth;
        }
    }
    return true;
}

std::string escapePointerToken(std::string_view token) {
    std::string escaped;
    escaped.reserve(token.size());
    for (const char c : token) {
        if (c == '~') {
            escaped += "~0";
        } else if (c == '/') {
            escaped += "~1";
        } else {
            escaped += c;
        }
    }
    return escaped;
}

namespace {

std::string parentPointer(const std::string& pointer) {
    const auto slash = pointer.rfind('/');
    return slash == std::string::npos ? std::string() : pointer.substr(0, slash);
}

} // namespace

TextPosition LocatedJson::valuePosition(const std::string& pointer) const {
    std::string current = pointer;
    while (true) {
        if (auto found = values.find(current); found != values.end()) {
            return found->second;
        }
        if (current.empty()) {
            return {};
        }
        current = parentPointer(current);
    }
}

TextPosition LocatedJson::keyPosition(const std::string& pointer) const {
    if (auto found = keys.find(pointer); found != keys.end()) {
        return found->second;
    }
    return valuePosition(pointer);
}

namespace {

// Binary data is told apart from bad JSON by a NUL byte near the start of the file.
constexpr std::size_t kSniffBytes = 4096;

std::string describeByte(unsigned char byte) {
    if (byte >= 0x20 && byte < 0x7f) {
        return std::string("'") + static_cast<char>(byte) + "'";
    }
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "0x%02X", byte);
    return buffer;
}

// Recursive descent over the bytes, tracking line and column as it goes. Every error
// stops the parse: after the first syntax error the rest of the text means little.
class Parser {
public:
    Parser(std::string_view text, const std::string& fileName)
        : m_text(text)
        , m_file(fileName) {}

    JsonParseResult run() {
        JsonParseResult result;
        if (m_text.substr(0, 2) == "\xFF\xFE" || m_text.substr(0, 2) == "\xFE\xFF") {
            // Notepad's "Unicode": every other byte is 0, and nothing below would say why.
            fail("the file is UTF-16 text (it starts with a UTF-16 byte-order mark): save it "
                 "as UTF-8");
            result.diagnostics = std::move(m_diagnostics);
            return result;
        }
        if (const auto nul = m_text.substr(0, kSniffBytes).find('\0');
            nul != std::string_view::npos) {
            while (m_pos < nul) {
                advance();
            }
            fail("binary data, not JSON text: a NUL byte (0x00) at byte " + std::to_string(nul) +
                 " of the file");
            result.diagnostics = std::move(m_diagnostics);
            return result;
        }
        if (m_text.substr(0, 3) == "\xEF\xBB\xBF") {
            m_diagnostics.add({m_file, 1, 1, "", Severity::Note, DiagnosticKind::Syntax,
                               "skipped a UTF-8 byte-order mark at the start of the file"});
            m_pos = 3;
        }
        skipSpace();
        if (atEnd()) {
            fail("empty file: expected a JSON object");
        } else {
            LocatedJson located;
            m_out = &located;
            nlohmann::json root;
            if (parseValue(root, "", 0)) {
                skipSpace();
                if (!atEnd()) {
                    fail("unexpected " + describeHere() + " after the end of the JSON value");
                } else {
                    located.value = std::move(root);
                    result.json = std::move(located);
                }
            }
        }
        result.diagnostics = std::move(m_diagnostics);
        if (result.diagnostics.hasErrors()) {
            result.json.reset();
        }
        return result;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    unsigned char peek() const { return static_cast<unsigned char>(m_text[m_pos]); }
    TextPosition here() const { return {m_line, m_column}; }

    void advance() {
        const unsigned char c = peek();
        ++m_pos;
        if (c == '\n') {
            ++m_line;
            m_column = 1;
        } else if ((c & 0xC0) != 0x80) {
            // A continuation byte belongs to the character already counted.
            ++m_column;
        }
    }

    void skipSpace() {
        while (!atEnd()) {
            const unsigned char c = peek();
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                break;
            }
            advance();
        }
    }

    std::string describeHere() const {
        if (atEnd()) {
            return "end of file";
        }
        const unsigned char c = peek();
        if (c >= 0x80) {
            return "byte " + describeByte(c);
        }
        return describeByte(c);
    }

    bool fail(std::string message, TextPosition at = {}) {
        if (at.line == 0) {
            at = here();
        }
        if (!m_failed) {
            m_diagnostics.add({m_file, at.line, at.column, "", Severity::Error,
                               DiagnosticKind::Syntax, std::move(message)});
        }
        m_failed = true;
        return false;
    }

    bool expectedValue() {
        if (atEnd()) {
            return fail(unclosedMessage("expected a value"));
        }
        return fail("expected a value (object, array, string, number, true, false or null), "
                    "got " +
                    describeHere());
    }

    std::string unclosedMessage(const std::string& what) const {
        std::string message = "unexpected end of file: " + what;
        if (!m_open.empty()) {
            const auto& [kind, at] = m_open.back();
            message += " (the " + std::string(kind) + " opened at " + std::to_string(at.line) +
                       ":" + std::to_string(at.column) + " is not closed)";
        }
        return message;
    }

    bool parseValue(nlohmann::json& out, const std::string& pointer, int depth) {
        skipSpace();
        if (atEnd()) {
            return expectedValue();
        }
        m_out->values[pointer] = here();
        const unsigned char c = peek();
        switch (c) {
        case '{':
            return parseObject(out, pointer, depth + 1);
        case '[':
            return parseArray(out, pointer, depth + 1);
        case '"': {
            std::string text;
            if (!parseString(text)) {
                return false;
            }
            out = std::move(text);
            return true;
        }
        case 't':
            return parseLiteral("true", out, nlohmann::json(true));
        case 'f':
            return parseLiteral("false", out, nlohmann::json(false));
        case 'n':
            return parseLiteral("null", out, nlohmann::json(nullptr));
        default:
            if (c == '-' || (c >= '0' && c <= '9')) {
                return parseNumber(out, pointer);
            }
            if (startsWordHere("NaN") || startsWordHere("Infinity") ||
                startsWordHere("-Infinity")) {
                return fail(std::string(startsWordHere("NaN") ? "NaN" : "Infinity") +
                            " is not valid JSON: write a finite number");
            }
            if (c == '\'') {
                return fail("strings must be in double quotes, got a single quote");
            }
            return expectedValue();
        }
    }

    bool startsWordHere(std::string_view word) const {
        return m_text.substr(m_pos, word.size()) == word;
    }

    bool parseLiteral(std::string_view word, nlohmann::json& out, nlohmann::json value) {
        if (!startsWordHere(word)) {
            return fail("expected \"" + std::string(word) + "\", got " + describeHere());
        }
        for (std::size_t i = 0; i < word.size(); ++i) {
            advance();
        }
        out = std::move(value);
        return true;
    }

    bool enter(int depth, const char* kind) {
        if (depth > kMaxJsonDepth) {
            return fail(std::string("nesting deeper than ") + std::to_string(kMaxJsonDepth) +
                        " levels: this " + kind + " is at level " + std::to_string(depth));
        }
        m_open.emplace_back(kind, here());
        advance();
        return true;
    }

    bool parseObject(nlohmann::json& out, const std::string& pointer, int depth) {
        if (!enter(depth, "object")) {
            return false;
        }
        out = nlohmann::json::object();
        std::map<std::string, TextPosition> seen;
        skipSpace();
        if (!atEnd() && peek() == '}') {
            advance();
            m_open.pop_back();
            return true;
        }
        while (true) {
            skipSpace();
            if (atEnd()) {
                return fail(unclosedMessage("expected a key in double quotes or '}'"));
            }
            if (peek() != '"') {
                return fail("expected a key in double quotes, got " + describeHere());
            }
            const TextPosition keyAt = here();
            std::string key;
            if (!parseString(key)) {
                return false;
            }
            if (auto previous = seen.find(key); previous != seen.end()) {
                return fail("duplicate key " + quotedExcerpt(key) + " (first written at " +
                                std::to_string(previous->second.line) + ":" +
                                std::to_string(previous->second.column) + ")",
                            keyAt);
            }
            seen.emplace(key, keyAt);
            const std::string member = pointer + "/" + escapePointerToken(key);
            m_out->keys[member] = keyAt;
            skipSpace();
            if (atEnd()) {
                return fail(unclosedMessage("expected ':' after the key " + quotedExcerpt(key)));
            }
            if (peek() != ':') {
                return fail("expected ':' after the key " + quotedExcerpt(key) + ", got " +
                            describeHere());
            }
            advance();
            nlohmann::json value;
            if (!parseValue(value, member, depth)) {
                return false;
            }
            out[key] = std::move(value);
            skipSpace();
            if (atEnd()) {
                return fail(unclosedMessage("expected ',' or '}'"));
            }
            if (peek() == '}') {
                advance();
                m_open.pop_back();
                return true;
            }
            if (peek() != ',') {
                return fail("expected ',' or '}' after the value of " + quotedExcerpt(key) +
                            ", got " + describeHere());
            }
            const TextPosition commaAt = here();
            advance();
            skipSpace();
            if (!atEnd() && peek() == '}') {
                return fail("trailing comma before '}': remove it or add another member", commaAt);
            }
        }
    }

    bool parseArray(nlohmann::json& out, const std::string& pointer, int depth) {
        if (!enter(depth, "array")) {
            return false;
        }
        out = nlohmann::json::array();
        skipSpace();
        if (!atEnd() && peek() == ']') {
            advance();
            m_open.pop_back();
            return true;
        }
        while (true) {
            nlohmann::json value;
            if (!parseValue(value, pointer + "/" + std::to_string(out.size()), depth)) {
                return false;
            }
            out.push_back(std::move(value));
            skipSpace();
            if (atEnd()) {
                return fail(unclosedMessage("expected ',' or ']'"));
            }
            if (peek() == ']') {
                advance();
                m_open.pop_back();
                return true;
            }
            if (peek() != ',') {
                return fail("expected ',' or ']' in array, got " + describeHere());
            }
            const TextPosition commaAt = here();
            advance();
            skipSpace();
            if (!atEnd() && peek() == ']') {
                return fail("trailing comma before ']': remove it or add another element", commaAt);
            }
        }
    }

    static void appendUtf8(std::string& out, std::uint32_t cp) {
        if (cp < 0x80) {
            out += static_cast<char>(cp);
        } else if (cp < 0x800) {
            out += static_cast<char>(0xC0 | (cp >> 6));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out += static_cast<char>(0xE0 | (cp >> 12));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        } else {
            out += static_cast<char>(0xF0 | (cp >> 18));
            out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
            out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
            out += static_cast<char>(0x80 | (cp & 0x3F));
        }
    }

    bool readHex4(std::uint32_t& value) {
        value = 0;
        for (int i = 0; i < 4; ++i) {
            if (atEnd()) {
                return fail(unclosedMessage("expected 4 hex digits after \\u"));
            }
            const unsigned char c = peek();
            std::uint32_t digit = 0;
            if (c >= '0' && c <= '9') {
                digit = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                digit = c - 'a' + 10u;
            } else if (c >= 'A' && c <= 'F') {
                digit = c - 'A' + 10u;
            } else {
                return fail("expected 4 hex digits after \\u, got " + describeHere());
            }
            value = value * 16 + digit;
            advance();
        }
        return true;
    }

    // Checks one UTF-8 sequence starting at the current byte (RFC 3629: no overlong
    // forms, no surrogates, nothing above U+10FFFF) and copies it to out.
    bool copyUtf8(std::string& out) {
        const TextPosition at = here();
        const unsigned char lead = peek();
        int length = 0;
        std::uint32_t cp = 0;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
            cp = lead & 0x1Fu;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            cp = lead & 0x0Fu;
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            cp = lead & 0x07u;
        } else {
            return fail("invalid UTF-8: byte " + describeByte(lead) + " cannot start a character",
                        at);
        }
        if (m_pos + static_cast<std::size_t>(length) > m_text.size()) {
            return fail("invalid UTF-8: the character is cut short by the end of the file", at);
        }
        for (int i = 1; i < length; ++i) {
            const auto next =
                static_cast<unsigned char>(m_text[m_pos + static_cast<std::size_t>(i)]);
            if ((next & 0xC0) != 0x80) {
                return fail("invalid UTF-8: byte " + describeByte(lead) + " is followed by " +
                                describeByte(next) + ", not a continuation byte",
                            at);
            }
            cp = (cp << 6) | (next & 0x3Fu);
        }
        if ((length == 3 && cp < 0x800) || (length == 4 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >= 0xD800 && cp <= 0xDFFF)) {
            return fail("invalid UTF-8: overlong form, surrogate or code point above U+10FFFF", at);
        }
        for (int i = 0; i < length; ++i) {
            out += m_text[m_pos];
            advance();
        }
        return true;
    }

    bool parseString(std::string& out) {
        const TextPosition openAt = here();
        advance(); // opening quote
        while (true) {
            if (atEnd()) {
                return fail("unexpected end of file: the string opened at " +
                            std::to_string(openAt.line) + ":" + std::to_string(openAt.column) +
                            " is not closed");
            }
            const unsigned char c = peek();
            if (c == '"') {
                advance();
                return true;
            }
            if (c == '\\') {
                const TextPosition escapeAt = here();
                advance();
                if (atEnd()) {
                    return fail(unclosedMessage("expected an escape after '\\'"));
                }
                const unsigned char e = peek();
                switch (e) {
                case '"':
                case '\\':
                case '/':
                    out += static_cast<char>(e);
                    advance();
                    break;
                case 'b':
                    out += '\b';
                    advance();
                    break;
                case 'f':
                    out += '\f';
                    advance();
                    break;
                case 'n':
                    out += '\n';
                    advance();
                    break;
                case 'r':
                    out += '\r';
                    advance();
                    break;
                case 't':
                    out += '\t';
                    advance();
                    break;
                case 'u': {
                    advance();
                    std::uint32_t cp = 0;
                    if (!readHex4(cp)) {
                        return false;
                    }
                    if (cp >= 0xDC00 && cp <= 0xDFFF) {
                        return fail("invalid escape: \\u" + hex4(cp) +
                                        " is a low surrogate without a high surrogate before it",
                                    escapeAt);
                    }
                    if (cp >= 0xD800 && cp <= 0xDBFF) {
                        if (!startsWordHere("\\u")) {
                            return fail("invalid escape: \\u" + hex4(cp) +
                                            " is a high surrogate without a low surrogate after it",
                                        escapeAt);
                        }
                        advance();
                        advance();
                        std::uint32_t low = 0;
                        if (!readHex4(low)) {
                            return false;
                        }
                        if (low < 0xDC00 || low > 0xDFFF) {
                            return fail("invalid escape: \\u" + hex4(cp) +
                                            " is a high surrogate without a low surrogate after it",
                                        escapeAt);
                        }
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
                    }
                    appendUtf8(out, cp);
                    break;
                }
                default:
                    return fail("invalid escape \"\\" +
                                    (e >= 0x20 && e < 0x7f ? std::string(1, static_cast<char>(e))
                                                           : describeByte(e)) +
                                    "\" in string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r "
                                    "\\t \\uXXXX",
                                escapeAt);
                }
                continue;
            }
            if (c < 0x20) {
                return fail(c == '\n' ? "unexpected end of line in a string: close the string with "
                                        "'\"' or write \\n"
                                      : "control character " + describeByte(c) +
                                            " in a string: escape it");
            }
            if (c >= 0x80) {
                if (!copyUtf8(out)) {
                    return false;
                }
                continue;
            }
            out += static_cast<char>(c);
            advance();
        }
    }

    /// A number's text for a message, cut short like a quoted value.
    static std::string excerpt(std::string_view text) {
        const std::string quoted = quotedExcerpt(text);
        return text.size() <= 64 ? std::string(text) : quoted;
    }

    static std::string hex4(std::uint32_t cp) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "%04X", cp);
        return buffer;
    }

    bool parseNumber(nlohmann::json& out, const std::string& pointer) {
        const TextPosition at = here();
        const std::size_t start = m_pos;
        bool isInteger = true;
        auto digits = [&] {
            std::size_t count = 0;
            while (!atEnd() && peek() >= '0' && peek() <= '9') {
                advance();
                ++count;
            }
            return count;
        };
        if (peek() == '-') {
            advance();
            if (startsWordHere("Infinity")) {
                return fail("Infinity is not valid JSON: write a finite number", at);
            }
        }
        if (atEnd() || peek() < '0' || peek() > '9') {
            return fail("expected a digit in number, got " + describeHere());
        }
        if (peek() == '0') {
            advance();
            if (!atEnd() && peek() >= '0' && peek() <= '9') {
                return fail("numbers must not have leading zeros", at);
            }
        } else {
            digits();
        }
        if (!atEnd() && peek() == '.') {
            isInteger = false;
            advance();
            if (digits() == 0) {
                return fail("expected a digit after the decimal point, got " + describeHere());
            }
        }
        if (!atEnd() && (peek() == 'e' || peek() == 'E')) {
            isInteger = false;
            advance();
            if (!atEnd() && (peek() == '+' || peek() == '-')) {
                advance();
            }
            if (digits() == 0) {
                return fail("expected a digit in the exponent, got " + describeHere());
            }
        }
        const std::string_view text = m_text.substr(start, m_pos - start);
        m_out->numbers[pointer] = std::string(text);
        const char* first = text.data();
        const char* last = text.data() + text.size();
        if (isInteger) {
            std::int64_t value = 0;
            if (auto [end, ec] = std::from_chars(first, last, value);
                ec == std::errc() && end == last) {
                out = value;
                return true;
            }
            std::uint64_t unsignedValue = 0;
            if (auto [end, ec] = std::from_chars(first, last, unsignedValue);
                ec == std::errc() && end == last) {
                out = unsignedValue;
                return true;
            }
        }
        double value = 0.0;
        auto [end, ec] = std::from_chars(first, last, value);
        if (ec == std::errc::result_out_of_range || !std::isfinite(value)) {
            return fail("number " + excerpt(text) + " is out of range (a double holds about " +
                            "1e-308 to 1e308)",
                        at);
        }
        if (ec != std::errc() || end != last) {
            return fail("malformed number " + excerpt(text), at);
        }
        out = value;
        return true;
    }

    std::string_view m_text;
    const std::string& m_file;
    std::size_t m_pos = 0;
    int m_line = 1;
    int m_column = 1;
    bool m_failed = false;
    LocatedJson* m_out = nullptr;
    std::vector<std::pair<const char*, TextPosition>> m_open;
    Diagnostics m_diagnostics;
};

} // namespace

JsonParseResult parseLocatedJson(std::string_view text, const std::string& fileName) {
    return Parser(text, fileName).run();
}

} // namespace headroom::model
