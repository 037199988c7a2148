#include "model/perf/inference_step.h"

#include "model/perf/perf_messages.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

namespace {

constexpr double kActivationBytes = 2.0; // 16-bit hidden states in the all-reduces

struct Replica {
    const InferenceJob* job = nullptr;
    const AcceleratorSystem* system = nullptr;
    int tensor = 1;
    double sustainedFlopsPerS = 0.0;
    double weightBytesPerChip = 0.0;
    double kvBytesPerRequestPerChip = 0.0;
    Link link;

    /// Tensor-parallel all-reduces of `tokens` hidden states in every layer.
    double tensorComm(double tokens) const {
        if (tensor == 1) {
            return 0.0;
        }
        const auto& m = job->model;
        const double bytes = tokens * m.hidden * kActivationBytes;
        return m.layers * (m.parallelLayers ? 1.0 : 2.0) * allReduceSeconds(bytes, tensor, link);
    }

    double prefillSeconds() const {
        const auto& m = job->model;
        const double s = job->promptTokens;
        // 2 FLOPs per weight per token, and the causal half of the s x s scores.
        const double flops = (s * 2.0 *
                                  (m.layers * m.layerMatmulParameters() +
                                   static_cast<double>(m.vocabulary) * m.hidden) +
                              m.layers * 2.0 * s * s * m.attentionWidth()) /
                             tensor;
        return flops / sustainedFlopsPerS + tensorComm(s);
    }

    /// One decode step for `batch` requests at the mean context; memoryBound tells which
    /// roof binds.
    double decodeSeconds(double batch, bool& memoryBound) const {
        const auto& m = job->model;
        const double context = job->promptTokens + 0.5 * job->outputTokens;
        const double bytes = weightBytesPerChip + batch * kvBytesPerRequestPerChip;
        const double flops = batch *
                             (2.0 * (m.layers * m.layerMatmulParameters() +
                                     static_cast<double>(m.vocabulary) * m.hidden) +
                              m.layers * 4.0 * context * m.attentionWidth()) /
                             tensor;
        const double memorySeconds = bytes / system->hbmBytesPerS;
        const double computeSeconds = flops / sustainedFlopsPerS;
        memoryBound = memorySeconds >= computeSeconds;
        return std::max(memorySeconds, computeSeconds) + tensorComm(batch);
    }

    bool fits(double batch) const {
        return weightBytesPerChip + batch * kvBytesPerRequestPerChip <= system->hbmBytes;
    }
};

} // namespace

double siteOutputTokensPerSecond(const InferenceEstimate& e, long long chips) {
    const long long replicas = chips / e.tensor;
    return e.outputTokensPerSecondPerChip * e.tensor * static_cast<double>(replicas);
}

std::optional<InferenceEstimate> searchInference(const InferenceJob& job,
                                                 const AcceleratorSystem& system,
                                                 Diagnostics& diagnostics) {
    const auto& m = job.model;
    perf_messages::InputChecks checks{diagnostics, job.pointer};
    perf_messages::checkShape(checks, m);
    checks.need(job.promptTokens > 0, "/prompt_tokens", "the prompt must have at least one token");
    checks.need(job.outputTokens > 0, "/output_tokens", "a response must have at least one token");
    checks.need(job.weightBytesPerParameter > 0.0, "/bytes_per_parameter",
                "weights need a positive size per parameter");
    checks.need(job.kvBytesPerValue > 0.0, "/kv_bytes_per_value",
                "the key-value cache needs a positive size per value");
    checks.need(job.timePerOutputTokenSeconds > 0.0, "/time_per_output_token",
                "the latency target must be positive");
    perf_messages::checkMachine(checks, system, job.precision);
    if (checks.failed) {
        return std::nullopt;
    }

    const double weightBytes = m.parameters() * job.weightBytesPerParameter;
    const double context = job.promptTokens + 0.5 * job.outputTokens;
    std::optional<InferenceEstimate> best;
    bool anyFits = false;
    double fastestStep = 0.0;
    int fastestTensor = 0;
    for (int t = 1; t <= m.heads && t <= system.scaleUpDomain; ++t) {
        if (m.heads % t != 0) {
            continue;
        }
        Replica r{&job,
                  &system,
                  t,
                  *system.peak(job.precision) * system.computeEfficiency,
                  weightBytes / t,
                  0.0,
                  system.scaleUpLink()};
        // Key-value heads split over the tensor ranks; beyond their number they repeat.
        r.kvBytesPerRequestPerChip =
            context * m.kvCacheBytesPerToken(job.kvBytesPerValue) / std::min(t, m.kvHeadCount());
        if (!r.fits(1.0)) {
            continue;
        }
        anyFits = true;
        bool memoryBound = true;
        const double single = r.decodeSeconds(1.0, memoryBound);
        if (fastestTensor == 0 || single < fastestStep) {
            fastestStep = single;
            fastestTensor = t;
        }
        const double prefill = r.prefillSeconds();
        if (single > job.timePerOutputTokenSeconds ||
            (job.timeToFirstTokenSeconds && prefill > *job.timeToFirstTokenSeconds)) {
            continue;
        }
        // The step time and the cache grow with the batch: bisect for the largest batch
        // that meets the target and fits.
        long long lo = 1, hi = 1;
        while (hi < (1LL << 40) && r.fits(2.0 * static_cast<double>(hi)) &&
               r.decodeSeconds(2.0 * static_cast<double>(hi), memoryBound) <=
                   job.timePerOutputTokenSeconds) {
            hi *= 2;
        }
        lo = hi;
        hi *= 2;
        while (hi - lo > 1) {
            const long long mid = lo + (hi - lo) / 2;
            if (r.fits(static_cast<double>(mid)) &&
                r.decodeSeconds(static_cast<double>(mid), memoryBound) <=
                    job.timePerOutputTokenSeconds) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        InferenceEstimate e;
        e.tensor = t;
        e.batch = lo;
        e.prefillSeconds = prefill;
        e.decodeStepSeconds = r.decodeSeconds(static_cast<double>(lo), e.decodeMemoryBound);
        e.weightBytesPerChip = r.weightBytesPerChip;
        e.kvBytesPerChip = static_cast<double>(lo) * r.kvBytesPerRequestPerChip;
        // A cycle serves the batch: each request's prefill, then its output tokens.
        const double batch = static_cast<double>(lo);
        const double cycle = batch * prefill + job.outputTokens * e.decodeStepSeconds;
        e.outputTokensPerSecondPerChip = batch * job.outputTokens / cycle / t;
        e.siteOutputTokensPerSecond = siteOutputTokensPerSecond(e, job.chips);
        if (!best || e.outputTokensPerSecondPerChip > best->outputTokensPerSecondPerChip) {
            best = e;
        }
    }
    if (!best) {
        if (!anyFits) {
            perf_messages::addError(
                diagnostics, job.pointer,
                "the weights of '" + m.name + "' and one request's cache fit no replica of " +
                    "up to " + std::to_string(std::min<long long>(m.heads, system.scaleUpDomain)) +
                    " '" + system.chipId + "' chips");
        } else {
            perf_messages::addError(
                diagnostics, job.pointer + "/time_per_output_token",
                "no batch meets the latency targets: even one request takes " +
                    perf_messages::milliseconds(fastestStep) + " per output token on " +
                    std::to_string(fastestTensor) + " '" + system.chipId +
                    "' chips, the target is " +
                    perf_messages::milliseconds(job.timePerOutputTokenSeconds) +
                    (job.timeToFirstTokenSeconds
                         ? " (and " + perf_messages::milliseconds(*job.timeToFirstTokenSeconds) +
                               " to the first token)"
                         : std::string()));
        }
    }
    return best;
}

} // namespace headroom::model
