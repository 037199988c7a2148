#pragma once
// A scenario is a site document with edits: each a JSON pointer and the value that
// replaces what is there (from a batch sweep, or from the desktop app's editors).

#include "model/core/diagnostic.h"
#include "model/site/site_variants.h"

#include <nlohmann/json.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

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

/// canonicalDocument() of base with overrides applied (applyOverrides must accept them),
/// where baseMembers = canonicalMemberTexts(base): only the members overrides land in are
/// copied, edited and serialized; the others are taken from baseMembers. The same bytes,
/// without copying the document or re-writing a large unchanged member (an embedded
/// climate digest) for every scenario of a sweep.
std::string canonicalDocument(const nlohmann::json& base,
                              const std::map<std::string, std::string>& baseMembers,
                              const std::vector<Override>& overrides);

/// The canonical text of a document cut where a list of overrides lands: the text between
/// the values they replace, made once for a sweep's pointers. A scenario's hash is then the
/// SHA-256 of those pieces with the overrides' values between them, the bytes of
/// canonicalDocument() of the edited document without writing them out again.
class CanonicalCut {
public:
    /// The cut for these pointers, in this order; nothing when an override of them could do
    /// more than replace one value the document has (a pointer that names nothing, appends
    /// to an array, is the root, or lies inside another of the list).
    static std::optional<CanonicalCut> of(const nlohmann::json& base,
                                          const std::vector<std::string>& pointers);

    const std::vector<std::string>& pointers() const { return m_pointers; }
    /// Lower-case hex SHA-256 of canonicalDocument() of the base with overrides applied;
    /// their pointers must be pointers(), in order.
    std::string hash(const std::vector<Override>& overrides) const;

private:
    std::vector<std::string> m_pointers;
    std::vector<std::string> m_pieces; ///< text before the first value, between, after the last
    std::vector<std::size_t> m_order;  ///< the override whose value fills each gap, in text order
};

} // namespace headroom::model
