// Fuzzes the sweep reader: any bytes give a Sweep with no error, or errors and no Sweep;
// a Sweep makes the scenarios it counts, and random samples are finite. Never a crash or a hang.
// The sweep "lives" in tests/bench: the benchmark's sweep (base "../../sample_sites/...")
// is a seed as it is, and the synthetic seeds name the small tests/fuzz/sweep_base_site.json
// (a 23 KB sample site as the base costs most of each run).
#include "model/batch/sweep.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace {

// A random sample is a finite number, or "<finite number> <unit>".
bool finiteSample(const nlohmann::json& value) {
    if (value.is_number()) {
        return std::isfinite(value.get<double>());
    }
    return value.is_string() &&
           std::isfinite(std::strtod(value.get<std::string>().c_str(), nullptr));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    const std::string text(reinterpret_cast<const char*>(data), size);
    const auto load = readSweepText(text, HEADROOM_SOURCE_DIR "/tests/bench/fuzz-sweep.json");
    if (load.sweep.has_value() == load.diagnostics.hasErrors()) {
        std::abort();
    }
    if (!load.sweep) {
        return 0;
    }
    const Sweep& sweep = *load.sweep;
    const std::size_t count = sweep.count();
    if (count == 0 && sweep.mode != SweepMode::List) {
        std::abort();
    }
    // The first, the last and one in the middle: enough to reach every value of a zip or
    // list, and both ends of a cartesian product's index arithmetic.
    for (const std::size_t index : {std::size_t{0}, count / 2, count - 1}) {
        if (index >= count) {
            continue;
        }
        for (const auto& edit : sweep.scenario(index)) {
            if (edit.pointer.empty() ||
                (sweep.mode == SweepMode::Random && !finiteSample(edit.value))) {
                std::abort();
            }
        }
    }
    return 0;
}
