// Fuzzes RunService::prepare on the documents validation accepts (issue 17 item 1: `run`
// overflowed its stack on a document `validate` refused cleanly, because prepare walked
// it first). Whatever the site reader says of the bytes, prepare must agree: a valid
// document gives a scenario, as written and with an override, or errors and no scenario;
// never a crash, an uncaught exception or a scenario beside an error.
#include "model/run/run_service.h"
#include "model/site/site_reader.h"

#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    static RunService service; // one climate cache for every input, as in a batch
    const std::string text(reinterpret_cast<const char*>(data), size);
    // Relative weather paths of the seeds (the sample sites) resolve where they do.
    const std::string baseDir = HEADROOM_SOURCE_DIR "/sample_sites";
    const SiteLoad checked = readSiteText(text, "fuzz.json", baseDir);
    SiteSourceLoad load = siteSourceFromText(text, "fuzz.json", baseDir);
    if (!checked.site) {
        return 0; // validate refuses it: prepare is only promised valid documents
    }
    if (!load.source) {
        std::abort(); // the reader read it, the run service could not even parse it
    }
    const ScenarioBuild plain = service.prepare(*load.source, {});
    if (plain.scenario.has_value() == plain.diagnostics.hasErrors() || plain.hash.size() != 64) {
        std::abort();
    }
    // The override path: the document is copied, edited and hashed member by member.
    const ScenarioBuild edited = service.prepare(*load.source, {{"/name", "fuzz"}});
    if (edited.scenario.has_value() == edited.diagnostics.hasErrors()) {
        std::abort();
    }
    return 0;
}
