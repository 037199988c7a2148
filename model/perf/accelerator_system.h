#pragma once
// The machine a training or inference job runs on, as the performance model sees it: one
// chip's dense rates and memory, its scale-up domain (NeuronLink inside a Trn2 UltraServer,
// NVLink inside an 8-GPU server, ICI inside a TPU pod) and the scale-out network between
// domains (EFA / InfiniBand / RoCE in a folded Clos, or a TPU pod's data-centre network).
// The two "achievable fraction" figures are stated here once and apply to every chip.

#include "model/catalog/catalog.h"
#include "model/perf/collectives.h"
#include "model/sizing/fabric.h"

#include <array>
#include <optional>
#include <string>

namespace headroom::model {

/// Fraction of the dense peak a transformer layer's matrix multiplies sustain, for every
/// chip [I]: large GEMMs alone reach 70-80 %, and the best published runs sustain 52-58 %
/// of peak over whole steps including their communication and pipeline bubbles (Megatron-LM
/// 1T on A100: 52 % with full recomputation [narayanan-2021-megatron], 57 % with selective
/// [korthikanti-2022-activation]; PaLM on TPU v4: 57.8 % hardware FLOPs utilisation
/// [chowdhery-2022-palm]). With it the validation tests hold the three published runs to
/// within 15 % (training_step_test.cpp). A site's workload may state its own
/// (/workloads/*/N/achievable_fraction, whose default this is).
inline constexpr double kComputeEfficiency = 0.6;

/// Index into ChipSpec::denseTflops.
enum class Precision { Fp8 = 0, Bf16 = 1, Fp32 = 2, Tf32 = 3 };
const char* precisionName(Precision precision);

struct AcceleratorSystem {
    std::string chipId;
    std::array<std::optional<double>, 4> denseFlopsPerS{}; ///< by Precision; absent = unpublished
    double hbmBytes = 0.0;
    double hbmBytesPerS = 0.0;

    long long scaleUpDomain = 1; ///< chips joined by the scale-up link
    Link scaleUp;                ///< per chip, one direction

    Link scaleOut;                 ///< per chip, one direction (its share of the server's NICs)
    double nicPortsPerChip = 1.0;  ///< fabric endpoints per chip (0.5 = one port per 2 chips)
    double oversubscription = 1.0; ///< leaf down:up, r in r:1
    int switchRadix = 64;          ///< switch ports at the link speed
    double switchLatencySeconds = 0.0;

    /// Fraction of the dense peak a transformer layer's matrix multiplies sustain.
    double computeEfficiency = 0.0;
    /// Fraction of a link's rate a collective sustains (protocol and synchronisation).
    double linkEfficiency = 0.0;

    std::optional<double> peak(Precision precision) const {
        return denseFlopsPerS[static_cast<std::size_t>(precision)];
    }
    /// The scale-out link seen by a group spanning `chips` chips: latency through the
    /// switch tiers the span needs, bandwidth cut by the oversubscription once the span
    /// leaves one leaf switch (ScaleOutLinks, for one span).
    Link scaleOutFor(long long chips) const;
    /// The scale-up link as collectives see it (the efficiency applied).
    Link scaleUpLink() const;

    /// From catalog entries: the chip, its server platform (chips per domain = chips per
    /// server x servers per UltraServer; NIC ports and speed), and the fabric's
    /// oversubscription and switch radix (the site's /fabric figures).
    static AcceleratorSystem fromCatalog(const ChipSpec& chip, const PlatformSpec& platform,
                                         double oversubscription = 1.0, int switchRadix = 64);
};

/// AcceleratorSystem::scaleOutFor of one system at any span, the fabric's figures worked out
/// once: the endpoints each number of Clos tiers serves, each tier count's latency and the
/// two bandwidths (within a leaf, and shared r:1 beyond it). A layout search asks for
/// thousands of spans of one system.
class ScaleOutLinks {
public:
    ScaleOutLinks() = default; ///< no fabric: every link is zero
    explicit ScaleOutLinks(const AcceleratorSystem& system);

    /// The link of a group spanning `chips` chips.
    Link operator()(long long chips) const;

private:
    double m_nicPortsPerChip = 1.0;
    double m_leafDownlinks = 1.0;
    /// Endpoints served by 1 .. kMaxFabricTiers - 1 tiers ([0] unused); past them, the most.
    std::array<double, kMaxFabricTiers> m_capacity{};
    std::array<double, kMaxFabricTiers + 1> m_latencySeconds{}; ///< by tiers
    double m_leafBandwidth = 0.0, m_sharedBandwidth = 0.0;
};

} // namespace headroom::model
