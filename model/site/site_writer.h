#pragma once
// Writes site documents canonically: keys in the field table's order (then "source",
// then unknown keys alphabetically), two-space indentation, short arrays on one line.
// Values are written as they are held, so quantity strings keep the user's own text
// and units: read -> write -> read gives the same document.

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>
#include <unordered_map>

namespace headroom::model {

/// Numbers as a file spelled them, by JSON pointer (SiteLoad::numberText).
using NumberText = std::unordered_map<std::string, std::string>;

/// The canonical text of a site document, ending in a newline. A number keeps its
/// spelling from numberText ("41.70", "1.75e11") while its value is unchanged.
std::string writeSiteText(const nlohmann::json& document, const NumberText* numberText = nullptr);

/// Writes atomically: a temporary file beside path, flushed, then renamed over it, so a
/// crash never leaves a half-written site. Returns false with a message on failure.
bool writeSiteFile(const std::filesystem::path& path, const nlohmann::json& document,
                   std::string* errorMessage = nullptr, const NumberText* numberText = nullptr);

} // namespace headroom::model
