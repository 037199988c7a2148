#pragma once
// Reading a weather text file whole and splitting it into lines, whatever the line
// endings (LF, CRLF or a lone CR), with "not found" and "unreadable" kept apart.

#include "model/core/diagnostic.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

struct TextLine {
    std::string_view text; ///< without its line ending
};

/// Splits text into lines; a final line ending does not start an empty line.
std::vector<TextLine> splitTextLines(std::string_view text);

/// text without leading and trailing spaces and tabs.
std::string_view trim(std::string_view text);

/// The whole file, or nothing with a NotFound or Unreadable diagnostic labelled fileName.
std::optional<std::string> readTextFile(const std::filesystem::path& path,
                                        const std::string& fileName, Diagnostics& diagnostics);

} // namespace headroom::model
