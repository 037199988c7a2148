#include "model/json/array_index_token.h"
#include "model/site/site_binding.h"
#include "model/site/site_read_steps.h"

#include <algorithm>
#include <string_view>

namespace headroom::model {
namespace {

using json = nlohmann::json;

/// The value at pointer read by read(FieldValue), when there is one and a row for it.
template <class Read>
auto taken(const json& found, const std::string& pointer, Read read)
    -> std::optional<decltype(read(std::declval<const FieldValue&>()))> {
    const FieldDef* field = findSiteField(patternOf(pointer));
    if (field == nullptr || found.is_null()) {
        return std::nullopt;
    }
    return read(FieldValue(*field, found, {}));
}

/// The value at an RFC 6901 pointer, or null: the walk json_pointer would make, without
/// building one (the reader looks up every field of the table this way).
const json* valueAt(const json& document, std::string_view pointer) {
    const json* at = &document;
    std::string unescaped;
    while (!pointer.empty()) {
        if (pointer.front() != '/') {
            return nullptr;
        }
        const std::size_t end = std::min(pointer.find('/', 1), pointer.size());
        std::string_view token = pointer.substr(1, end - 1);
        pointer.remove_prefix(end);
        if (token.find('~') != std::string_view::npos) {
            unescaped.clear();
            for (std::size_t i = 0; i < token.size(); ++i) {
                const bool escape = token[i] == '~' && i + 1 < token.size();
                unescaped += escape ? (token[++i] == '1' ? '/' : '~') : token[i];
            }
            token = unescaped;
        }
        if (at->is_object()) {
            const auto member = at->find(token);
            if (member == at->end()) {
                return nullptr;
            }
            at = &*member;
        } else if (at->is_array()) {
            const auto index = arrayIndexToken(token, at->size());
            if (!index) {
                return nullptr;
            }
            at = &(*at)[*index];
        } else {
            return nullptr;
        }
    }
    return at;
}

} // namespace

void SiteReadContext::report(const std::string& pointer, Severity severity, DiagnosticKind kind,
                             std::string message, bool atKey) const {
    TextPosition at;
    if (m_located != nullptr) {
        at = atKey ? m_located->keyPosition(pointer) : m_located->valuePosition(pointer);
    }
    m_diagnostics.add({m_file, at.line, at.column, pointer, severity, kind, std::move(message)});
}

void SiteReadContext::error(const std::string& pointer, std::string message,
                            DiagnosticKind kind) const {
    report(pointer, Severity::Error, kind, std::move(message));
}

void SiteReadContext::warning(const std::string& pointer, std::string message, bool atKey) const {
    report(pointer, Severity::Warning, DiagnosticKind::Meaning, std::move(message), atKey);
}

const json* SiteReadContext::findValue(const std::string& pointer) const {
    return valueAt(m_doc, pointer);
}

json SiteReadContext::value(const std::string& pointer) const {
    if (const json* found = findValue(pointer)) {
        return *found;
    }
    const FieldDef* field = findSiteField(patternOf(pointer));
    if (field == nullptr) {
        return nullptr;
    }
    const auto fallback = fieldDefault(*field, m_doc);
    return fallback ? json::parse(fallback->json) : json(nullptr);
}

std::string SiteReadContext::text(const std::string& pointer) const {
    return taken(value(pointer), pointer, [](const FieldValue& v) { return v.text(); })
        .value_or("");
}

std::optional<double> SiteReadContext::number(const std::string& pointer) const {
    return taken(value(pointer), pointer, [](const FieldValue& v) { return v.number(); });
}

int SiteReadContext::choice(const std::string& pointer) const {
    return taken(value(pointer), pointer, [](const FieldValue& v) { return v.integer(); })
        .value_or(0);
}

/// "a number 27", "an object", "true", "a string \"x\"": what was found, for messages.
std::string describeFound(const json& value) {
    switch (value.type()) {
    case json::value_t::string:
        return "a string " + quotedExcerpt(value.get_ref<const std::string&>());
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
        return "a number " + value.dump();
    case json::value_t::boolean:
        return value.get<bool>() ? "true" : "false";
    case json::value_t::object:
        return "an object";
    case json::value_t::array:
        return "an array";
    case json::value_t::null:
        return "null";
    default:
        return "a value";
    }
}

/// Replaces array indices with "*" to find a pointer's field definition.
std::string patternOf(const std::string& pointer) {
    std::string pattern;
    std::size_t pos = 0;
    while (pos < pointer.size()) {
        const std::size_t next = pointer.find('/', pos + 1);
        const std::string token =
            pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1);
        const bool index = !token.empty() && std::all_of(token.begin(), token.end(), [](char c) {
            return c >= '0' && c <= '9';
        });
        pattern += "/" + (index ? std::string("*") : token);
        pos = next == std::string::npos ? pointer.size() : next;
    }
    return pattern;
}

} // namespace headroom::model
