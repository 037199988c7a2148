#pragma once
// A scenario is a site document with edits: each a JSON pointer and the value that
// replaces what is there (from a batch sweep, or from the desktop app's editors).

#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <map>
#include <string>
#include <vector>

namespace headroom::model {

struct Override {
    std::string pointer; ///< RFC 6901, e.g. "/cooling/supply_air/max"
    nlohmann::json value;
};

/// Applies the edits in order. A pointer that names nothing in the document is an error
/// (a typo must not silently add a field the reader would then ignore).
bool applyOverrides(nlohmann::json& document, const std::vector<Override>& overrides,
                    const std::string& fileName, Diagnostics& diagnostics);

/// The edits as one canonical JSON object (keys sorted), as the result store keeps them.
std::string canonicalParameters(const std::vector<Override>& overrides);

/// The canonical text of a document: keys sorted, no whitespace. Its SHA-256 names a
/// scenario: equal documents give equal hashes whatever order keys were written in.
std::string canonicalDocument(const nlohmann::json& document);

/// The canonical text of each top-level member of an object document, by key.
std::map<std::string, std::string> canonicalMemberTexts(const nlohmann::json& document);

/// canonicalDocument(document), where document is the base with overrides applied and
/// baseMembers = canonicalMemberTexts(base): members no override touches are taken from
/// baseMembers instead of being serialized again. The same bytes, without re-writing a
/// large unchanged member (an embedded climate digest) for every scenario of a sweep.
std::string canonicalDocument(const nlohmann::json& document,
                              const std::map<std::string, std::string>& baseMembers,
                              const std::vector<Override>& overrides);

} // namespace headroom::model
