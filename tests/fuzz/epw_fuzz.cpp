// Fuzzes the EPW reader: any text gives a whole year of finite values or an error,
// never a crash, a hang or half a year.
#include "model/climate/epw_file.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    Diagnostics diagnostics;
    const auto epw = EpwFile::parse(std::string_view(reinterpret_cast<const char*>(data), size),
                                    "fuzz.epw", diagnostics);
    if (!epw) {
        if (!diagnostics.hasErrors()) {
            std::abort(); // a refusal must say why
        }
        return 0;
    }
    const Climate& climate = epw->climate();
    if (climate.hours() != 8760 && climate.hours() != 8784) {
        std::abort();
    }
    for (std::size_t i = 0; i < climate.hours(); ++i) {
        if (!std::isfinite(climate.dryBulbC[i]) || !std::isfinite(climate.dewPointC[i]) ||
            !std::isfinite(climate.pressurePa[i])) {
            std::abort();
        }
    }
    return 0;
}
