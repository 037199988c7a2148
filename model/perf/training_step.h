#pragma once
// One training step of a dense transformer on many chips, from the hardware rather than an
// assumed MFU: the analytical model of Calculon (Isaev et al. 2023 [isaev-2023-calculon])
// with the Megatron-LM parallel layouts and their costs:
// - tensor parallelism t with sequence parallelism inside the scale-up domain, pipeline
//   parallelism p with the 1F1B or interleaved schedule (bubble (p-1)/(v m) of the ideal,
//   Narayanan et al. 2021 [narayanan-2021-megatron] section 2.2), data parallelism d;
//   context parallelism c splitting each sequence, its keys and values all-gathered in the
//   forward pass and their gradients reduce-scattered in the backward, every layer
//   (the all-gather method of Dubey et al. 2024 [dubey-2024-llama3] section 3.3.2);
//   ranks ordered tensor, context, pipeline, data (data outermost, as Llama 3 orders
//   theirs);
// - compute time = matmul FLOPs / (dense peak x achievable fraction) + the elementwise
//   kernels' HBM traffic / HBM bandwidth (a roofline per phase, as Calculon does);
// - memory per chip = weights, gradients and Adam state (16 bytes per parameter,
//   Rajbhandari et al. 2020 [rajbhandari-2020-zero], optionally sharded over d) +
//   activations (Korthikanti et al. 2022 [korthikanti-2022-activation]) with no, selective
//   or full recomputation;
// - communication: the tensor-parallel gathers and reduce-scatters of every layer and the
//   pipeline sends are exposed; the data-parallel gradient reduction overlaps the last
//   micro-batch's backward pass and shows only where it outlasts it (Calculon's overlap).
// Simplifications: the slowest stage (ceil(l/p) layers and the logits) sets the pace; the
// first stage's memory (the most micro-batches in flight) is the one checked; optimizer
// step, data loading and failures are not modelled.

#include "model/catalog/transformer.h"
#include "model/core/diagnostic.h"
#include "model/perf/accelerator_system.h"

#include <optional>
#include <string>

namespace headroom::model {

/// What data parallelism shards: nothing, the optimizer state (ZeRO-1, Megatron's
/// distributed optimizer), or weights, gradients and optimizer state (ZeRO-3 / FSDP).
enum class Sharding { None, Optimizer, Full };
const char* shardingName(Sharding sharding);

/// The shortest piece of a sequence context parallelism leaves a chip [I]: below it the
/// per-layer gathers of keys and values outweigh the attention they split (Llama 3 used
/// context parallelism only for its 128K-token stage, 8K tokens per chip
/// [dubey-2024-llama3] table 4).
inline constexpr int kMinContextChunk = 2048;

struct TrainingJob {
    TransformerShape model;
    long long globalBatch = 0; ///< sequences per step
    Precision precision = Precision::Bf16;
    long long chips = 0; ///< chips available; a layout may use fewer
    /// JSON pointer of the workload, prefixed to every diagnostic ("/workloads/training/0").
    std::string pointer;
};

struct Layout {
    int tensor = 1;
    int pipeline = 1;
    long long data = 1;
    int microBatch = 1; ///< sequences per micro-batch
    int interleave = 1; ///< model chunks per pipeline stage (1 = plain 1F1B)
    Recompute recompute = Recompute::None;
    /// With None or Selective: this many layers of each stage recomputed whole anyway
    /// (Megatron-LM's block recomputation), the least that makes the stage fit.
    int fullyRecomputedLayers = 0;
    Sharding sharding = Sharding::None;
    /// Context parallelism: chips splitting each sequence, next to the tensor ranks
    /// (Llama 3's order tensor, context, pipeline, data [dubey-2024-llama3] section 3.3.2).
    int context = 1;
};

/// What a search may not change: the published parts of a run's configuration.
struct LayoutConstraints {
    std::optional<int> tensor, pipeline;
    std::optional<long long> data;
    std::optional<int> microBatch, interleave;
    std::optional<Recompute> recompute;
    std::optional<Sharding> sharding;
    std::optional<int> context;
};

struct MemoryPerChip {
    double weightBytes = 0.0, gradientBytes = 0.0, optimizerBytes = 0.0, activationBytes = 0.0;
    double totalBytes() const {
        return weightBytes + gradientBytes + optimizerBytes + activationBytes;
    }
};

struct StepEstimate {
    Layout layout;
    long long chipsUsed = 0;
    long long microBatches = 0;
    /// step = compute + exposed communication + bubble
    double stepSeconds = 0.0;
    double computeSeconds = 0.0;
    double exposedCommSeconds = 0.0;
    double bubbleSeconds = 0.0;
    /// The exposed communication by kind.
    double tensorCommSeconds = 0.0, pipelineCommSeconds = 0.0, dataCommSeconds = 0.0,
           contextCommSeconds = 0.0;
    MemoryPerChip memory;
    double modelFlopsPerStep = 0.0;    ///< without recomputation: the MFU numerator
    double hardwareFlopsPerStep = 0.0; ///< with it
    double mfu = 0.0;                  ///< model FLOPs / (step x chips used x dense peak)
    double hfu = 0.0;
    double tokensPerSecond = 0.0;
};

/// The step time of one layout; nullopt, with the reason in diagnostics, when the layout
/// is impossible (degrees that do not divide, tensor parallelism beyond the scale-up
/// domain) or does not fit the chip's memory.
std::optional<StepEstimate> evaluateLayout(const TrainingJob& job, const AcceleratorSystem& system,
                                           const Layout& layout, Diagnostics& diagnostics);

/// How searchLayout walks the layouts. Pruned tries the most promising first and skips
/// those whose step has a lower bound above the best found; Exhaustive estimates every one
/// in the order of enumeration (what tests compare Pruned with). Both give the same answer.
enum class SearchWalk { Pruned, Exhaustive };

/// The fastest layout that fits memory, over tensor (dividing the heads, within the
/// scale-up domain), context (powers of two leaving each chip at least kMinContextChunk
/// tokens of a sequence), pipeline, data and micro-batch sizes, interleaving, recomputation and
/// sharding, with `constraints` held fixed; of layouts equally fast, the first in that order.
/// Nullopt with a located error when the chip has no rate at the job's precision, the job
/// is malformed, or no layout fits.
std::optional<StepEstimate> searchLayout(const TrainingJob& job, const AcceleratorSystem& system,
                                         Diagnostics& diagnostics,
                                         const LayoutConstraints& constraints = {},
                                         SearchWalk walk = SearchWalk::Pruned);

} // namespace headroom::model
