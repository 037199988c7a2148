#pragma once
// The desktop app's document loader, without Qt: a site file's text as an ordered JSON
// document (the keys in the order the user wrote them, so a save changes only what was
// edited), checked by the model's strict located parser first. Qt-free so that it can be
// fuzzed and property-tested with the rest of the model.

#include "model/core/diagnostic.h"
#include "model/site/site_writer.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

/// JSON text as an ordered value, or nothing when it is not JSON or nests deeper than
/// kMaxJsonDepth (the value is then walked recursively: dump, copy, compare). Never throws.
std::optional<nlohmann::ordered_json> parseOrderedJson(std::string_view text);

struct SiteDocumentText {
    std::optional<nlohmann::ordered_json> document; ///< when it is a headroom-site object
    Diagnostics diagnostics;                        ///< located syntax and kind errors
    NumberText numberText; ///< numbers as spelled ("41.70"), so a save keeps them
};

/// Parses a site file's text for editing; fileName labels the diagnostics.
SiteDocumentText parseSiteDocumentText(std::string_view text, const std::string& fileName);

} // namespace headroom::model
