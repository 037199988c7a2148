#include "model/perf/accelerator_system.h"

#include "model/sizing/fabric.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

namespace {

// 0.8 of a link's rate for collectives [I]: large NCCL-style transfers run near but below
// the link rate; Calculon describes each network by such an efficiency, there a curve over
// message size [isaev-2023-calculon], here one figure.
constexpr double kLinkEfficiency = 0.8;
// Latencies per collective step [I]: a scale-up hop ~1 us, a NIC and its software ~5 us,
// each switch on the way ~1 us (cut-through Ethernet and InfiniBand switches are 0.3-1 us).
constexpr double kScaleUpLatencySeconds = 1e-6;
constexpr double kNicLatencySeconds = 5e-6;
constexpr double kSwitchLatencySeconds = 1e-6;

} // namespace

const char* precisionName(Precision precision) {
    switch (precision) {
    case Precision::Fp8:
        return "FP8";
    case Precision::Bf16:
        return "BF16";
    case Precision::Fp32:
        return "FP32";
    case Precision::Tf32:
        return "TF32";
    }
    return "?";
}

Link AcceleratorSystem::scaleUpLink() const {
    return {scaleUp.bandwidthBytesPerS * linkEfficiency, scaleUp.latencySeconds};
}

Link AcceleratorSystem::scaleOutFor(long long chips) const {
    return ScaleOutLinks(*this)(chips);
}

ScaleOutLinks::ScaleOutLinks(const AcceleratorSystem& system)
    : m_nicPortsPerChip(system.nicPortsPerChip) {
    const int radix = std::max(2, system.switchRadix);
    const double r = std::max(1.0, system.oversubscription);
    // A leaf gives r/(r+1) of its ports to endpoints (model/sizing/fabric.h).
    const int leafDown = std::max(1, static_cast<int>(std::floor(radix * r / (r + 1.0))));
    m_leafDownlinks = leafDown;
    for (int tiers = 1; tiers < kMaxFabricTiers; ++tiers) {
        m_capacity[static_cast<std::size_t>(tiers)] =
            static_cast<double>(closCapacity(tiers, radix, leafDown));
    }
    // Up through the tiers and down again: 2 n - 1 switches between two endpoints.
    for (int tiers = 1; tiers <= kMaxFabricTiers; ++tiers) {
        m_latencySeconds[static_cast<std::size_t>(tiers)] =
            system.scaleOut.latencySeconds + (2.0 * tiers - 1.0) * system.switchLatencySeconds;
    }
    // Within one leaf every port runs at full rate; beyond it the uplinks are shared r:1.
    m_leafBandwidth = system.scaleOut.bandwidthBytesPerS * system.linkEfficiency;
    m_sharedBandwidth = system.scaleOut.bandwidthBytesPerS * system.linkEfficiency / r;
}

Link ScaleOutLinks::operator()(long long chips) const {
    const double ports = std::max(1.0, std::ceil(static_cast<double>(chips) * m_nicPortsPerChip));
    std::size_t tiers = 1;
    while (tiers < kMaxFabricTiers && m_capacity[tiers] < ports) {
        ++tiers;
    }
    return {ports > m_leafDownlinks ? m_sharedBandwidth : m_leafBandwidth, m_latencySeconds[tiers]};
}

AcceleratorSystem AcceleratorSystem::fromCatalog(const ChipSpec& chip, const PlatformSpec& platform,
                                                 double oversubscription, int switchRadix) {
    AcceleratorSystem s;
    s.chipId = chip.id;
    for (std::size_t i = 0; i < s.denseFlopsPerS.size(); ++i) {
        if (chip.denseTflops[i]) {
            s.denseFlopsPerS[i] = *chip.denseTflops[i] * 1e12;
        }
    }
    s.hbmBytes = chip.hbm.value();
    s.hbmBytesPerS = chip.hbmBandwidth.value();
    s.scaleUpDomain = static_cast<long long>(platform.chipsPerServer) *
                      std::max(1, platform.serversPerUltraServer);
    // Scale-up figures are published as the sum over both directions of every link
    // (NVLink 900 GB/s on H100 = 18 links x 25 GB/s x 2 [nvidia-h100-datasheet]): half
    // of it flows each way.
    s.scaleUp = {chip.scaleUpBandwidth.value() / 2.0, kScaleUpLatencySeconds};
    const double chipsPerServer = std::max(1, platform.chipsPerServer);
    s.scaleOut = {platform.nicPortsPerServer * platform.nicPortSpeed.value() / chipsPerServer,
                  kNicLatencySeconds};
    s.nicPortsPerChip = platform.nicPortsPerServer / chipsPerServer;
    s.oversubscription = oversubscription;
    s.switchRadix = switchRadix;
    s.switchLatencySeconds = kSwitchLatencySeconds;
    s.computeEfficiency = kComputeEfficiency;
    s.linkEfficiency = kLinkEfficiency;
    return s;
}

} // namespace headroom::model
