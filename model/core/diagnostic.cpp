#include "model/core/diagnostic.h"

#include <algorithm>

namespace headroom::model {

const char* severityName(Severity severity) {
    switch (severity) {
    case Severity::Note:
        return "note";
    case Severity::Warning:
        return "warning";
    case Severity::Error:
        return "error";
    }
    return "error";
}

std::string formatDiagnostic(const Diagnostic& diagnostic) {
    std::string text = diagnostic.file.empty() ? std::string("<input>") : diagnostic.file;
    if (diagnostic.line > 0) {
        text += ':' + std::to_string(diagnostic.line) + ':' +
                std::to_string(std::max(diagnostic.column, 1));
    }
    text += ": ";
    text += severityName(diagnostic.severity);
    text += ": ";
    if (!diagnostic.pointer.empty()) {
        // A pointer through a 10 MB key would make a 10 MB line; the field keeps it whole.
        constexpr std::size_t kShownPointer = 200;
        text += diagnostic.pointer.size() <= kShownPointer
                    ? diagnostic.pointer
                    : quotedExcerpt(diagnostic.pointer, kShownPointer);
        text += ": ";
    }
    text += diagnostic.message;
    return text;
}

namespace {

/// The length of the valid UTF-8 sequence at text[i] (RFC 3629: no overlongs, no
/// surrogates, nothing above U+10FFFF), or 0 when the bytes there are not one.
std::size_t utf8SequenceLength(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
    const unsigned char lead = byte(i);
    std::size_t length = 0;
    unsigned char low = 0x80;
    unsigned char high = 0xBF;
    if (lead >= 0xC2 && lead <= 0xDF) {
        length = 2;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
        length = 3;
        low = lead == 0xE0 ? 0xA0 : 0x80;
        high = lead == 0xED ? 0x9F : 0xBF;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
        length = 4;
        low = lead == 0xF0 ? 0x90 : 0x80;
        high = lead == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 0;
    }
    if (i + length > text.size() || byte(i + 1) < low || byte(i + 1) > high) {
        return 0;
    }
    for (std::size_t k = 2; k < length; ++k) {
        if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) {
            return 0;
        }
    }
    return length;
}

} // namespace

std::string quotedExcerpt(std::string_view text, std::size_t limit) {
    std::size_t cut = std::min(text.size(), limit);
    while (cut > 0 && cut < text.size() && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // not inside a UTF-8 sequence
    }
    // Printable and valid UTF-8 whatever the input: a control byte would break the line,
    // an invalid sequence would make the JSON writer throw; both are shown as escapes.
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string quoted = "\"";
    std::size_t i = 0;
    while (i < cut) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c >= 0x80) {
            const std::size_t length = utf8SequenceLength(text, i);
            if (length > 0 && i + length <= cut) {
                quoted.append(text.substr(i, length));
                i += length;
                continue;
            }
        }
        switch (c) {
        case '"':
            quoted += "\\\"";
            break;
        case '\\':
            quoted += "\\\\";
            break;
        case '\n':
            quoted += "\\n";
            break;
        case '\r':
            quoted += "\\r";
            break;
        case '\t':
            quoted += "\\t";
            break;
        default:
            if (c < 0x20 || c >= 0x7F) {
                quoted += "\\x";
                quoted += kHex[c >> 4];
                quoted += kHex[c & 0xF];
            } else {
                quoted += static_cast<char>(c);
            }
        }
        ++i;
    }
    quoted += '"';
    if (cut < text.size()) {
        quoted.insert(quoted.size() - 1, "...");
        quoted += " (" + std::to_string(text.size()) + " bytes)";
    }
    return quoted;
}

std::optional<std::string> headerNamesExcerpt(const std::vector<std::string>& names) {
    constexpr std::size_t kShownNames = 12;
    constexpr std::size_t kLongestName = 64;
    if (names.size() < 2) {
        return std::nullopt;
    }
    for (const auto& name : names) {
        if (name.size() > kLongestName || std::any_of(name.begin(), name.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x20 || c == 0x7F;
            })) {
            return std::nullopt;
        }
    }
    std::string text;
    for (std::size_t i = 0; i < names.size() && i < kShownNames; ++i) {
        text += (i == 0 ? "" : ", ") + quotedExcerpt(names[i], 32);
    }
    if (names.size() > kShownNames) {
        text += ", ... (" + std::to_string(names.size()) + " columns)";
    }
    return text;
}

void Diagnostics::append(const Diagnostics& other) {
    m_items.insert(m_items.end(), other.m_items.begin(), other.m_items.end());
}

bool Diagnostics::hasErrors() const {
    return count(Severity::Error) > 0;
}

int Diagnostics::count(Severity severity) const {
    return static_cast<int>(std::count_if(m_items.begin(), m_items.end(), [&](const auto& item) {
        return item.severity == severity;
    }));
}

} // namespace headroom::model
