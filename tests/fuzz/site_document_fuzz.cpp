// Fuzzes the desktop app's document loader, through its Qt-free core (issue 17 item 2:
// the app aborted on 1e999, an out_of_range the loader did not catch). Any bytes give a
// document or diagnostics, never both empty, never an exception; a document loaded can
// be dumped and written back as the app does on save.
#include "model/site/site_document_text.h"
#include "model/site/site_writer.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const SiteDocumentText load = parseSiteDocumentText(text, "fuzz.json");
    if (load.document.has_value() == load.diagnostics.hasErrors()) {
        std::abort();
    }
    if (load.document) {
        // What SiteDocument::save does with it.
        const std::string dumped =
            load.document->dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        const auto reparsed = nlohmann::json::parse(dumped, nullptr, false);
        if (reparsed.is_discarded()) {
            std::abort();
        }
        (void)writeSiteText(reparsed, &load.numberText);
    }
    return 0;
}
