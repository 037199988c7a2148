// Fuzzes the quantity parser: any byte string must give a value or an error whose
// offset lies inside the text, never a crash, a hang or a non-finite value.
#include "model/units/quantity_parser.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = headroom::units::parseAnyQuantity(text);
    if (parsed) {
        if (!std::isfinite(parsed.value->siValue)) {
            std::abort();
        }
    } else if (parsed.error.offset > size || parsed.error.message.empty()) {
        std::abort();
    }
    auto power = headroom::units::parseQuantity<headroom::units::Power>(text);
    if (power && !std::isfinite(power.value->value())) {
        std::abort();
    }
    return 0;
}
