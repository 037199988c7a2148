#include "model/perf/perf_messages.h"

#include <algorithm>

namespace headroom::model::perf_messages {

void checkShape(InputChecks& checks, const TransformerShape& m) {
    checks.need(m.layers > 0, "/layers", "a transformer needs at least one layer");
    checks.need(m.hidden > 0, "/hidden", "the hidden size must be positive");
    checks.need(m.heads > 0 && (m.headDim > 0 || m.hidden % std::max(1, m.heads) == 0), "/heads",
                "the heads must be positive and divide the hidden size (or give a head dimension)");
    checks.need(m.kvHeads >= 0 && (m.kvHeads == 0 || m.heads % m.kvHeads == 0), "/kv_heads",
                "key-value heads must divide the query heads");
    checks.need(m.vocabulary >= 0, "/vocabulary", "the vocabulary cannot be negative");
}

void checkMachine(InputChecks& checks, const AcceleratorSystem& system, Precision precision) {
    const auto chip = [&] { return "chip '" + system.chipId + "'"; };
    const auto peak = system.peak(precision);
    checks.need(peak && *peak > 0.0, "/precision", [&] {
        return chip() + " has no published dense " + precisionName(precision) +
               " rate (choose another precision or chip, or give it in /it/chip_overrides)";
    });
    checks.needOf(system.hbmBytes > 0.0, kChipPointer,
                  [&] { return chip() + " has no HBM capacity (give /it/chip_overrides/hbm)"; });
    checks.needOf(system.hbmBytesPerS > 0.0, kChipPointer, [&] {
        return chip() + " has no HBM bandwidth (give /it/chip_overrides/hbm_bandwidth)";
    });
    checks.needOf(system.scaleUp.bandwidthBytesPerS > 0.0 || system.scaleUpDomain <= 1,
                  kChipPointer, [&] {
                      return chip() + " has no scale-up bandwidth for its " +
                             std::to_string(system.scaleUpDomain) + "-chip scale-up domain";
                  });
    checks.need(system.computeEfficiency > 0.0, "/achievable_fraction",
                "the achievable fraction of the dense peak must be positive");
}

} // namespace headroom::model::perf_messages
