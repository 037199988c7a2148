// Fuzzes the located JSON parser and the site reader: any bytes give a Site or errors,
// never a crash, a hang or a half-loaded Site. Whatever the located parser accepts,
// nlohmann's parser reads to the same value; an accepted site survives write -> read.
#include "model/json/located_json.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const auto parsed = parseLocatedJson(text, "fuzz.json");
    if (parsed.json) {
        std::string_view body = text;
        if (body.substr(0, 3) == "\xEF\xBB\xBF") {
            body.remove_prefix(3);
        }
        const auto reference = nlohmann::json::parse(body, nullptr, false);
        if (reference.is_discarded() || reference != parsed.json->value) {
            std::abort();
        }
    } else if (!parsed.diagnostics.hasErrors()) {
        std::abort(); // a refusal must say why
    }
    // A base folder that does not exist: referenced files are "not found", never read.
    const auto load = readSiteText(text, "fuzz.json", "/nonexistent-headroom-fuzz");
    if (load.site.has_value() == load.diagnostics.hasErrors()) {
        std::abort();
    }
    if (load.site) {
        const auto again =
            readSiteText(writeSiteText(load.document), "fuzz.json", "/nonexistent-headroom-fuzz");
        if (!again.site || again.document != load.document) {
            std::abort();
        }
    }
    return 0;
}
