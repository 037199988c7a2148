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

std::string quotedExcerpt(std::string_view text, std::size_t limit) {
    if (text.size() <= limit) {
        return "\"" + std::string(text) + "\"";
    }
    std::size_t cut = limit;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut; // not inside a UTF-8 sequence
    }
    return "\"" + std::string(text.substr(0, cut)) + "...\" (" + std::to_string(text.size()) +
           " bytes)";
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
