#include "model/climate/text_lines.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>
#include <system_error>

namespace headroom::model {

std::vector<TextLine> splitTextLines(std::string_view text) {
    std::vector<TextLine> lines;
    lines.reserve(text.size() / 160 + 16);
    std::size_t start = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n' || c == '\r') {
            lines.push_back({text.substr(start, i - start)});
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
                ++i;
            }
            start = i + 1;
        }
    }
    if (start < text.size()) {
        lines.push_back({text.substr(start)});
    }
    return lines;
}

std::optional<std::string> readTextFile(const std::filesystem::path& path,
                                        const std::string& fileName, Diagnostics& diagnostics) {
    std::error_code code;
    const auto status = std::filesystem::status(path, code);
    if (code || !std::filesystem::exists(status)) {
        diagnostics.add({fileName, 0, 0, std::string(), Severity::Error, DiagnosticKind::NotFound,
                         "file not found"});
        return std::nullopt;
    }
    if (std::filesystem::is_directory(status)) {
        diagnostics.add({fileName, 0, 0, std::string(), Severity::Error, DiagnosticKind::Unreadable,
                         "unable to read: is a directory"});
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        diagnostics.add({fileName, 0, 0, std::string(), Severity::Error, DiagnosticKind::Unreadable,
                         std::string("unable to read: ") + std::strerror(errno)});
        return std::nullopt;
    }
    std::ostringstream buffer;
    buffer << in.rdbuf();
    if (in.bad()) {
        diagnostics.add({fileName, 0, 0, std::string(), Severity::Error, DiagnosticKind::Unreadable,
                         "unable to read: I/O error"});
        return std::nullopt;
    }
    return std::move(buffer).str();
}

std::string_view trim(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
        text.remove_prefix(1);
    }
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
        text.remove_suffix(1);
    }
    return text;
}

} // namespace headroom::model
