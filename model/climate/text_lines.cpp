#include "model/climate/text_lines.h"

#include "model/core/text_file.h"

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
    // The shared reader: no stream exceptions, and /dev/zero stops at the size limit.
    TextFile file = readTextFile(path);
    const auto fail = [&](DiagnosticKind kind, std::string message) {
        diagnostics.add({fileName, 0, 0, std::string(), Severity::Error, kind, std::move(message)});
        return std::nullopt;
    };
    switch (file.status) {
    case TextFile::Status::Ok:
        return std::move(file.text);
    case TextFile::Status::NotFound:
        return fail(DiagnosticKind::NotFound, "file not found");
    case TextFile::Status::Folder:
        return fail(DiagnosticKind::Unreadable, "unable to read: is a directory");
    case TextFile::Status::NotRegular:
    case TextFile::Status::TooLarge:
        return fail(DiagnosticKind::Unreadable, "unable to read: " + describeStatus(file.status));
    case TextFile::Status::Unreadable:
        break;
    }
    return fail(DiagnosticKind::Unreadable, std::string("unable to read: ") + std::strerror(errno));
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
