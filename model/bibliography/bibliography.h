#pragma once
// The publications every sourced figure cites (resources/references.json, CSL-JSON, the
// Citation Style Language's JSON that Zotero and Pandoc read). A source string cites a
// work by its id in square brackets, "[lbnl-2024-usage]"; the readers check each cited id
// against this bibliography, and reports print the full references.

#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

class Bibliography {
public:
    /// The bibliography compiled into the binary from resources/references.json.
    static const Bibliography& builtin();
    /// Reads a CSL-JSON array; each entry needs an id, a type, a title, an issued year and
    /// a URL, and an author or a publisher. Problems are reported with their location.
    static std::optional<Bibliography> fromJson(std::string_view text, const std::string& fileName,
                                                Diagnostics& diagnostics);

    /// The CSL-JSON entry of that id, or null.
    const nlohmann::json* entry(std::string_view id) const;
    bool contains(std::string_view id) const { return entry(id) != nullptr; }
    /// Every id, in file order.
    std::vector<std::string> ids() const;
    /// The reference as a reader expects it: "Authors (year). Title. Container. Publisher.
    /// Page. URL". Empty for an unknown id.
    std::string format(std::string_view id) const;

private:
    nlohmann::json m_entries = nlohmann::json::array();
    std::map<std::string, std::size_t, std::less<>> m_byId; ///< index into m_entries
};

/// The ids a text cites, in order of first appearance, each once: "[id]" where the id is
/// lowercase letters, digits and hyphens, starts with a letter and holds a hyphen (so the
/// confidence marks [O], [3P] and [I] are not citations).
std::vector<std::string> citedIds(std::string_view text);

/// The ids a text cites that the bibliography lacks.
std::vector<std::string>
unknownCitations(std::string_view text, const Bibliography& bibliography = Bibliography::builtin());

} // namespace headroom::model
