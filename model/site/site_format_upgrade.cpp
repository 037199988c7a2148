#include "model/site/site_fields.h"
#include "model/site/site_reader.h"

#include <algorithm>
#include <charconv>

namespace headroom::model {

bool upgradeSiteDocument(nlohmann::json& document, const std::string& fileName,
                         Diagnostics& diagnostics) {
    // Upgrade steps from version N to N+1, applied in turn. "headroom-site/1" is the
    // first version, so the chain is empty; a /2 reader adds {1, upgradeFrom1} here.
    struct Step {
        int from;
        void (*apply)(nlohmann::json&);
    };
    static const std::vector<Step> steps{};

    auto fail = [&](std::string message) {
        diagnostics.add({fileName, 0, 0, "/format", Severity::Error, DiagnosticKind::Meaning,
                         std::move(message)});
        return false;
    };
    if (!document.is_object()) {
        return true; // the reader reports the wrong type itself
    }
    if (!document.contains("format")) {
        return fail("missing required field \"format\": expected \"" + std::string(kSiteFormat) +
                    "\" as the file's first member");
    }
    const auto& format = document["format"];
    const std::string prefix = "headroom-site/";
    int version = 0;
    if (format.is_string()) {
        const std::string text = format.get<std::string>();
        if (text.rfind(prefix, 0) == 0) {
            const char* begin = text.data() + prefix.size();
            const char* end = text.data() + text.size();
            auto [ptr, ec] = std::from_chars(begin, end, version);
            if (ec != std::errc() || ptr != end) {
                version = 0;
            }
        }
    }
    if (version <= 0) {
        return fail("expected \"format\": \"" + std::string(kSiteFormat) + "\", got " +
                    format.dump() + ": this is not a Headroom site file");
    }
    if (version > kSiteFormatVersion) {
        return fail("format " + format.dump() + " is newer than this Headroom reads (\"" +
                    std::string(kSiteFormat) + "\"): update Headroom");
    }
    for (int from = version; from < kSiteFormatVersion; ++from) {
        auto step = std::find_if(steps.begin(), steps.end(),
                                 [&](const Step& candidate) { return candidate.from == from; });
        if (step == steps.end()) {
            return fail("format " + format.dump() + " is not supported: no upgrade from version " +
                        std::to_string(from));
        }
        step->apply(document);
    }
    document["format"] = std::string(kSiteFormat);
    return true;
}

} // namespace headroom::model
