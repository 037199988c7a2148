#include "model/site/site_document_text.h"

#include "model/json/located_json.h"

namespace headroom::model {

std::optional<nlohmann::ordered_json> parseOrderedJson(std::string_view text) {
    if (!nestsWithin(text)) {
        return std::nullopt;
    }
    // allow_exceptions = false: a number out of range (1e999) gives a discarded value,
    // not an out_of_range thrown.
    nlohmann::ordered_json value = nlohmann::ordered_json::parse(text, nullptr, false);
    if (value.is_discarded()) {
        return std::nullopt;
    }
    return value;
}

SiteDocumentText parseSiteDocumentText(std::string_view text, const std::string& fileName) {
    SiteDocumentText load;
    // The located parser, as the CLI reads: no exception of the JSON library escapes,
    // nesting is bounded, and the numbers keep their spelling for the writer.
    auto parsed = parseLocatedJson(text, fileName);
    if (!parsed.json) {
        load.diagnostics.append(parsed.diagnostics);
        return load;
    }
    const nlohmann::json& value = parsed.json->value;
    if (!value.is_object()) {
        load.diagnostics.add(
            {fileName, 1, 1, "", Severity::Error, DiagnosticKind::Meaning,
             "expected a site object ({...}), got " + std::string(value.type_name())});
        return load;
    }
    const auto format = value.find("format");
    if (format == value.end() || !format->is_string() ||
        format->get_ref<const std::string&>().rfind("headroom-site/", 0) != 0) {
        load.diagnostics.add({fileName, 1, 1, "/format", Severity::Error, DiagnosticKind::Meaning,
                              "expected \"format\": \"headroom-site/1\""});
        return load;
    }
    // Parsed again in the file's key order, now that the strict parser has passed it.
    load.document = parseOrderedJson(text);
    load.numberText = std::move(parsed.json->numbers);
    return load;
}

} // namespace headroom::model
