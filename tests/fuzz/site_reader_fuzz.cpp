// Fuzzes the site reader: any bytes give a complete Site with no error, or errors and
// no Site (never half-loaded); never a crash, a hang or a non-finite quantity.
#include "model/site/site_reader.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    const auto load = readSiteText(std::string_view(reinterpret_cast<const char*>(data), size),
                                   "fuzz.json", "/nonexistent-fuzz-base");
    if (load.site.has_value() == load.diagnostics.hasErrors()) {
        std::abort();
    }
    if (load.site) {
        const Site& site = *load.site;
        if (!std::isfinite(site.campus.utilityInterconnect.value()) ||
            !std::isfinite(site.campus.itPowerPerHall.value()) ||
            !std::isfinite(site.cooling.envelope.maxDryBulb.value()) || site.campus.halls() < 0) {
            std::abort();
        }
    }
    return 0;
}
