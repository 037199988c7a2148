// Fuzzes the located JSON parser behind every site and sweep file: any bytes give a
// value whose every pointer has a position, or a located error; never a crash or a hang.
#include "model/json/located_json.h"

#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    const auto result =
        parseLocatedJson(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
    if (!result.json) {
        if (!result.diagnostics.hasErrors()) {
            std::abort();
        }
        for (const auto& diagnostic : result.diagnostics.items()) {
            if (diagnostic.line < 1 || diagnostic.column < 1) {
                std::abort(); // syntax errors always have a location
            }
        }
        return 0;
    }
    if (result.json->valuePosition("").line < 1) {
        std::abort();
    }
    return 0;
}
