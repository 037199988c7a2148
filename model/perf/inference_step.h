#pragma once
// Serving a dense transformer: prefill is compute-bound (the whole prompt in one pass),
// decode is bound by HBM bandwidth (each step reads the chip's share of the weights once for
// the whole batch, and every request's key-value cache) or by compute at large batches: a
// roofline per step, as Calculon models inference [isaev-2023-calculon]. Tensor parallelism
// stays inside the scale-up domain, with two all-reduces of the batch's hidden states per
// layer [narayanan-2021-megatron] (one with parallel layers).
// Simplifications: each request's cache is charged at its mean context (prompt + half the
// response); prefill and decode share the chips in turn (continuous batching), and a
// decode step's latency is taken without the prefills interleaved with it.

#include "model/catalog/transformer.h"
#include "model/core/diagnostic.h"
#include "model/perf/accelerator_system.h"

#include <optional>
#include <string>

namespace headroom::model {

struct InferenceJob {
    TransformerShape model; ///< its sequence is not used
    Precision precision = Precision::Fp8;
    double weightBytesPerParameter = 1.0;
    double kvBytesPerValue = 2.0;
    int promptTokens = 0;
    int outputTokens = 0;
    double timePerOutputTokenSeconds = 0.0; ///< the latency target of a decode step
    std::optional<double> timeToFirstTokenSeconds;
    long long chips = 0; ///< chips serving (for the site's total)
    std::string pointer; ///< JSON pointer of the workload, prefixed to diagnostics
};

struct InferenceEstimate {
    int tensor = 1;                 ///< chips per replica
    long long batch = 0;            ///< concurrent requests per replica
    double prefillSeconds = 0.0;    ///< one request's prompt
    double decodeStepSeconds = 0.0; ///< one output token for the whole batch
    bool decodeMemoryBound = true;
    double weightBytesPerChip = 0.0, kvBytesPerChip = 0.0;
    double outputTokensPerSecondPerChip = 0.0;
    double siteOutputTokensPerSecond = 0.0;
};

/// The output tokens per second of `chips` chips in replicas of e's (whole replicas only).
double siteOutputTokensPerSecond(const InferenceEstimate& e, long long chips);

/// The replica size and largest batch that meet the latency targets with the most output
/// tokens per second per chip (whatever job.chips, which sets only the site's total). Nullopt with
/// a located error when the chip has no rate at the precision, the weights fit no replica, or no
/// batch meets the targets.
std::optional<InferenceEstimate>
searchInference(const InferenceJob& job, const AcceleratorSystem& system, Diagnostics& diagnostics);

} // namespace headroom::model
