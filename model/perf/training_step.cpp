#include "model/perf/training_step.h"

#include "model/perf/perf_messages.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

namespace headroom::model {

namespace {

constexpr double kActivationBytes = 2.0; // 16-bit activations, gathered and sent
constexpr double kGradientBytes = 2.0;   // 16-bit gradients reduced across data parallelism
/// Mixed-precision Adam per parameter [rajbhandari-2020-zero]: 2 (16-bit weights) +
/// 2 (16-bit gradients) + 12 (32-bit master weights, momentum and variance).
constexpr double kWeightBytesPerParameter = 2.0;
constexpr double kGradientBytesPerParameter = 2.0;
constexpr double kOptimizerBytesPerParameter = 12.0;
constexpr double kLogitBytes = 4.0; // the loss is taken on 32-bit logits

/// What every layout of one job shares, computed once per search.
struct Prepared {
    const TrainingJob* job = nullptr;
    const AcceleratorSystem* system = nullptr;
    double peakFlopsPerS = 0.0;
    double sustainedFlopsPerS = 0.0;
    double layerForwardFlops = 0.0; ///< one sequence, whole layer
    double layerScoreFlops = 0.0;   ///< its attention-score part
    double logitForwardFlops = 0.0; ///< one sequence
    double layerParameters = 0.0;
    double embeddingParameters = 0.0;
    double actFull = 0.0; ///< bytes per sequence and layer, scores included
    double actNoScores = 0.0;
    /// One sequence's hidden state (s h 16-bit values): what crosses a stage boundary, what
    /// tensor parallelism gathers, and all a fully recomputed layer keeps.
    double boundaryBytes = 0.0;
    /// One sequence's keys and values in one layer (16-bit): what context parallelism gathers.
    double keyValueBytes = 0.0;
    double modelFlopsPerStep = 0.0;
    Link scaleUp;
};

Prepared prepare(const TrainingJob& job, const AcceleratorSystem& system) {
    Prepared p;
    p.job = &job;
    p.system = &system;
    p.peakFlopsPerS = system.peak(job.precision).value_or(0.0);
    p.sustainedFlopsPerS = p.peakFlopsPerS * system.computeEfficiency;
    const auto& m = job.model;
    p.layerForwardFlops = m.layerForwardFlopsPerSequence();
    p.layerScoreFlops = m.layerAttentionScoreFlopsPerSequence();
    p.logitForwardFlops = m.logitFlopsPerSequence();
    p.layerParameters = m.layerMatmulParameters();
    p.embeddingParameters = static_cast<double>(m.vocabulary) * m.hidden;
    p.actFull = m.layerActivationBytesPerSequence();
    p.actNoScores = m.layerActivationBytesWithoutScoresPerSequence();
    p.boundaryBytes = static_cast<double>(m.sequence) * m.hidden * kActivationBytes;
    p.keyValueBytes = 2.0 * static_cast<double>(m.sequence) * m.kvHeadCount() * m.headDimension() *
                      kActivationBytes;
    p.modelFlopsPerStep =
        m.trainingFlopsPerToken() * static_cast<double>(job.globalBatch) * m.sequence;
    p.scaleUp = system.scaleUpLink();
    return p;
}

/// Why a layout was refused, for the one diagnostic a failed search gives.
enum class Refusal { None, Shape, Memory };

/// The layout's estimate, or a refusal. Hot: no allocation, no text.
Refusal estimate(const Prepared& pre, const Layout& l, StepEstimate& out) {
    const auto& job = *pre.job;
    const auto& sys = *pre.system;
    const auto& m = job.model;
    const double t = l.tensor, pp = l.pipeline, d = static_cast<double>(l.data), b = l.microBatch;
    const double c = l.context;
    // Each chip holds 1/t of every layer's width and 1/c of every sequence: what it computes,
    // keeps and sends per sequence is the whole divided by t c.
    const double split = t * c;
    if (l.tensor < 1 || l.pipeline < 1 || l.data < 1 || l.microBatch < 1 || l.interleave < 1 ||
        l.context < 1 || m.sequence % l.context != 0 || l.tensor > sys.scaleUpDomain ||
        m.heads % l.tensor != 0 || l.pipeline > m.layers ||
        split * l.pipeline * static_cast<double>(l.data) > static_cast<double>(job.chips) ||
        l.data > job.globalBatch) {
        return Refusal::Shape;
    }
    const int layersPerStage = (m.layers + l.pipeline - 1) / l.pipeline;
    if (l.interleave > 1 && (l.pipeline == 1 || l.interleave > layersPerStage)) {
        return Refusal::Shape;
    }
    const long long perReplica = (job.globalBatch + l.data - 1) / l.data;
    if (l.microBatch > perReplica) {
        return Refusal::Shape;
    }
    const long long microBatches = (perReplica + l.microBatch - 1) / l.microBatch;
    const double mb = static_cast<double>(microBatches);
    const double v = l.interleave;
    const double lps = layersPerStage;

    // Memory of the first stage, the one with the most micro-batches in flight.
    const bool holdsLogits = l.pipeline == 1;
    const double stageParameters =
        (lps * pre.layerParameters +
         pre.embeddingParameters * (holdsLogits && !m.tiedEmbeddings ? 2.0 : 1.0)) /
        t;
    // Context ranks hold the same weights: the optimizer shards over data x context ranks,
    // as Megatron-LM's distributed optimizer does.
    const double shards = d * c;
    MemoryPerChip mem;
    switch (l.sharding) {
    case Sharding::None:
        mem.weightBytes = kWeightBytesPerParameter * stageParameters;
        mem.gradientBytes = kGradientBytesPerParameter * stageParameters;
        mem.optimizerBytes = kOptimizerBytesPerParameter * stageParameters;
        break;
    case Sharding::Optimizer:
        mem.weightBytes = kWeightBytesPerParameter * stageParameters;
        mem.gradientBytes = kGradientBytesPerParameter * stageParameters;
        mem.optimizerBytes = kOptimizerBytesPerParameter * stageParameters / shards;
        break;
    case Sharding::Full:
        // Sharded, plus the gathered weights of the layer in use and of the next (prefetch).
        mem.weightBytes =
            kWeightBytesPerParameter * (stageParameters / shards + 2.0 * pre.layerParameters / t);
        mem.gradientBytes = kGradientBytesPerParameter * stageParameters / shards;
        mem.optimizerBytes = kOptimizerBytesPerParameter * stageParameters / shards;
        break;
    }
    // Activations kept per layer and micro-batch, divided by t (sequence parallelism keeps
    // even the norms' tensors split) [korthikanti-2022-activation]: k layers of each stage
    // recomputed whole keep their input only (Megatron-LM's block recomputation), the others
    // keep what their recomputation mode leaves.
    const bool full = l.recompute == Recompute::Full;
    const double k = full ? lps : std::clamp<double>(l.fullyRecomputedLayers, 0.0, lps);
    const double keptOther = l.recompute == Recompute::Selective ? pre.actNoScores : pre.actFull;
    // 1F1B keeps min(p, m) micro-batches in flight on the first stage, i.e. about l layers'
    // worth; the interleaved schedule (1 + (p-1)/(p v)) times that
    // [korthikanti-2022-activation] section 4.2.3.
    const double inFlight = std::min(pp, mb);
    const double interleaveFactor = v > 1.0 ? 1.0 + (pp - 1.0) / (pp * v) : 1.0;
    mem.activationBytes =
        inFlight * interleaveFactor * b / split * ((lps - k) * keptOther + k * pre.boundaryBytes);
    if (k > 0.0) {
        // The layer being recomputed; selective recomputation's fused attention core never
        // keeps the scores, in a recomputed layer either.
        mem.activationBytes += keptOther * b / split;
    }
    if (holdsLogits) {
        mem.activationBytes +=
            b * m.sequence * static_cast<double>(m.vocabulary) * kLogitBytes / split;
    }
    out.memory = mem;
    if (mem.totalBytes() > sys.hbmBytes) {
        return Refusal::Memory;
    }

    // Compute of one micro-batch on the slowest stage.
    // Context ranks split the causal attention evenly (each takes a chunk from both ends of
    // the sequence [dubey-2024-llama3] section 3.3.2), so every term divides by t c.
    const double fwdFlops = b * (lps * pre.layerForwardFlops + pre.logitForwardFlops) / split;
    const double recomputeFlops =
        b / split *
        (k * pre.layerForwardFlops +
         (l.recompute == Recompute::Selective ? (lps - k) * pre.layerScoreFlops : 0.0));
    const double flops = 3.0 * fwdFlops + recomputeFlops; // backward = 2 x forward
    // Elementwise kernels (norms, activations, softmax) stream the tensors they make:
    // forward writes the kept activations once, backward reads and writes them (about twice
    // that), a full recomputation repeats the forward. Score tensors are materialised unless
    // the attention core is recomputed (fused) [korthikanti-2022-activation].
    const double traffic = b / split * (3.0 * (lps - k) * keptOther + 4.0 * k * pre.actFull);
    const double computeMb = flops / pre.sustainedFlopsPerS + traffic / sys.hbmBytesPerS;

    // Tensor parallelism with sequence parallelism: per layer and pass an all-gather before
    // and a reduce-scatter after the attention and the MLP (one of each with parallel
    // layers) of b s h 16-bit values [korthikanti-2022-activation] section 4.2.2.
    double tensorMb = 0.0;
    if (l.tensor > 1) {
        const double bytes = b * pre.boundaryBytes / c;
        const double perPass =
            (m.parallelLayers ? 1.0 : 2.0) * (allGatherSeconds(bytes, l.tensor, pre.scaleUp) +
                                              reduceScatterSeconds(bytes, l.tensor, pre.scaleUp));
        tensorMb = (2.0 * lps + k) * perPass; // forward, backward, and the recomputed layers
    }
    // Context parallelism: every layer all-gathers the sequence's keys and values (each
    // tensor rank its share of the key-value heads) before attention in the forward pass
    // and reduce-scatters their gradients in the backward [dubey-2024-llama3] section
    // 3.3.2; the c ranks are t apart, inside the scale-up domain while t c fits in it.
    double contextMb = 0.0;
    if (l.context > 1) {
        const double bytes = b * pre.keyValueBytes / std::min<double>(t, m.kvHeadCount());
        const long long span = static_cast<long long>(l.tensor) * l.context;
        const Link link = span <= sys.scaleUpDomain ? pre.scaleUp : sys.scaleOutFor(span);
        // Gathered in each forward (the recomputed layers' included), scattered once back.
        contextMb = (lps + k) * allGatherSeconds(bytes, l.context, link) +
                    lps * reduceScatterSeconds(bytes, l.context, link);
    }
    // Pipeline: each micro-batch crosses each chunk boundary forward and backward; the
    // scatter-gather optimisation sends 1/t of the hidden state per tensor rank
    // [narayanan-2021-megatron] section 4.1.
    const long long tc = static_cast<long long>(l.tensor) * l.context;
    double pipelineMb = 0.0;
    if (l.pipeline > 1) {
        const long long span = tc * l.pipeline;
        const Link link = span <= sys.scaleUpDomain ? pre.scaleUp : sys.scaleOutFor(span);
        pipelineMb = 2.0 * v * pointToPointSeconds(b * pre.boundaryBytes / split, link);
    }

    // Data parallelism: the gradients reduce over the data and context ranks together, the
    // c context ranks t apart, the d data ranks t c p apart; those sharing a scale-up domain
    // reduce over it first.
    double dataExposed = 0.0;
    if (l.data * l.context > 1) {
        const long long stride = tc * l.pipeline;
        const long long contextInner =
            l.tensor < sys.scaleUpDomain
                ? std::min<long long>(l.context, sys.scaleUpDomain / l.tensor)
                : 1;
        const long long dataInner = contextInner == l.context && stride < sys.scaleUpDomain
                                        ? std::min<long long>(l.data, sys.scaleUpDomain / stride)
                                        : 1;
        GroupSpan span;
        span.inner = contextInner * dataInner;
        span.outer = (l.data * l.context + span.inner - 1) / span.inner;
        span.fast = pre.scaleUp;
        span.slow = sys.scaleOutFor(stride * l.data);
        const double gradBytes = kGradientBytes * stageParameters;
        const double weightBytes = kWeightBytesPerParameter * stageParameters;
        const double backwardMb = (2.0 * fwdFlops + recomputeFlops) / pre.sustainedFlopsPerS;
        const double forwardMb = fwdFlops / pre.sustainedFlopsPerS;
        switch (l.sharding) {
        case Sharding::None:
            dataExposed = std::max(
                0.0, groupCollectiveSeconds(Collective::AllReduce, gradBytes, span) - backwardMb);
            break;
        case Sharding::Optimizer:
            // Gradients reduce-scattered under the last backward; updated weights gathered
            // under the next step's first forward.
            dataExposed =
                std::max(0.0, groupCollectiveSeconds(Collective::ReduceScatter, gradBytes, span) -
                                  backwardMb) +
                std::max(0.0, groupCollectiveSeconds(Collective::AllGather, weightBytes, span) -
                                  forwardMb);
            break;
        case Sharding::Full:
            // Every micro-batch gathers the weights for its forward and backward passes and
            // scatters its gradients, under its own compute.
            dataExposed =
                mb *
                std::max(0.0,
                         2.0 * groupCollectiveSeconds(Collective::AllGather, weightBytes, span) +
                             groupCollectiveSeconds(Collective::ReduceScatter, gradBytes, span) -
                             computeMb);
            break;
        }
    }

    const double perMb = computeMb + tensorMb + contextMb + pipelineMb;
    out.layout = l;
    out.chipsUsed = tc * l.pipeline * l.data;
    out.microBatches = microBatches;
    out.computeSeconds = mb * computeMb;
    out.tensorCommSeconds = mb * tensorMb;
    out.contextCommSeconds = mb * contextMb;
    out.pipelineCommSeconds = mb * pipelineMb;
    out.dataCommSeconds = dataExposed;
    out.exposedCommSeconds =
        out.tensorCommSeconds + out.contextCommSeconds + out.pipelineCommSeconds + dataExposed;
    // The fill and drain of the pipeline: (p-1)/v micro-batch times [narayanan-2021-megatron].
    out.bubbleSeconds = (pp - 1.0) / v * perMb;
    out.stepSeconds = out.computeSeconds + out.exposedCommSeconds + out.bubbleSeconds;
    out.modelFlopsPerStep = pre.modelFlopsPerStep;
    const double recomputePerStep =
        recomputeFlops * split / lps * m.layers / b * static_cast<double>(job.globalBatch);
    out.hardwareFlopsPerStep = pre.modelFlopsPerStep + recomputePerStep;
    const double peakPerStep =
        out.stepSeconds * static_cast<double>(out.chipsUsed) * pre.peakFlopsPerS;
    out.mfu = out.modelFlopsPerStep / peakPerStep;
    out.hfu = out.hardwareFlopsPerStep / peakPerStep;
    out.tokensPerSecond = static_cast<double>(job.globalBatch) * m.sequence / out.stepSeconds;
    return Refusal::None;
}

/// A malformed job or a machine without the figures it needs: errors, true if any.
bool checkJob(const TrainingJob& job, const AcceleratorSystem& system, Diagnostics& diagnostics) {
    perf_messages::InputChecks checks{diagnostics, job.pointer};
    perf_messages::checkShape(checks, job.model);
    checks.need(job.model.sequence > 0, "/sequence", "the sequence length must be positive");
    checks.need(job.globalBatch > 0, "/global_batch",
                "the global batch must be at least one sequence");
    checks.needOf(job.chips > 0, job.pointer, "no chips to train on");
    perf_messages::checkMachine(checks, system, job.precision);
    checks.needOf(system.scaleOut.bandwidthBytesPerS > 0.0 && system.linkEfficiency > 0.0,
                  perf_messages::kPlatformPointer,
                  "platform of chip '" + system.chipId +
                      "' has no scale-out bandwidth (give /it/platform_overrides/nic_ports and "
                      "/it/platform_overrides/nic_port_speed)");
    return checks.failed;
}

std::vector<int> divisorsUpTo(int n, long long limit) {
    std::vector<int> out;
    for (int k = 1; k <= n && k <= limit; ++k) {
        if (n % k == 0) {
            out.push_back(k);
        }
    }
    return out;
}

} // namespace

const char* shardingName(Sharding sharding) {
    switch (sharding) {
    case Sharding::None:
        return "none";
    case Sharding::Optimizer:
        return "optimizer";
    case Sharding::Full:
        return "full";
    }
    return "?";
}

std::optional<StepEstimate> evaluateLayout(const TrainingJob& job, const AcceleratorSystem& system,
                                           const Layout& layout, Diagnostics& diagnostics) {
    if (checkJob(job, system, diagnostics)) {
        return std::nullopt;
    }
    const Prepared pre = prepare(job, system);
    StepEstimate out;
    switch (estimate(pre, layout, out)) {
    case Refusal::None:
        return out;
    case Refusal::Shape:
        perf_messages::addError(
            diagnostics, job.pointer,
            "layout t=" + std::to_string(layout.tensor) + " c=" + std::to_string(layout.context) +
                " p=" + std::to_string(layout.pipeline) + " d=" + std::to_string(layout.data) +
                " is impossible: t must divide the " + std::to_string(job.model.heads) +
                " heads and stay within the " + std::to_string(system.scaleUpDomain) +
                "-chip scale-up domain, c divide the " + std::to_string(job.model.sequence) +
                "-token sequence, t c p d stay within the " + std::to_string(job.chips) +
                " chips, d and the micro-batch within the batch");
        return std::nullopt;
    case Refusal::Memory:
        perf_messages::addError(
            diagnostics, job.pointer,
            "layout t=" + std::to_string(layout.tensor) + " p=" + std::to_string(layout.pipeline) +
                " needs " + perf_messages::gibibytes(out.memory.totalBytes()) + " per chip; '" +
                system.chipId + "' has " + perf_messages::gibibytes(system.hbmBytes));
        return std::nullopt;
    }
    return std::nullopt;
}

std::optional<StepEstimate> searchLayout(const TrainingJob& job, const AcceleratorSystem& system,
                                         Diagnostics& diagnostics,
                                         const LayoutConstraints& constraints) {
    if (checkJob(job, system, diagnostics)) {
        return std::nullopt;
    }
    const Prepared pre = prepare(job, system);
    const auto& m = job.model;

    std::vector<int> tensors;
    if (constraints.tensor) {
        tensors = {*constraints.tensor};
    } else {
        tensors = divisorsUpTo(m.heads, std::min(system.scaleUpDomain, job.chips));
    }
    // Context degrees: powers of two dividing the sequence that leave each chip at least
    // kMinContextChunk tokens of it (1 for shorter sequences).
    std::vector<std::pair<int, int>> splits; // (tensor, context)
    for (const int t : tensors) {
        if (constraints.context) {
            splits.emplace_back(t, *constraints.context);
            continue;
        }
        for (int c = 1; static_cast<long long>(t) * c <= job.chips &&
                        (c == 1 || (m.sequence % c == 0 && m.sequence / c >= kMinContextChunk));
             c *= 2) {
            splits.emplace_back(t, c);
        }
    }
    const Recompute recomputes[] = {Recompute::None, Recompute::Selective, Recompute::Full};
    const Sharding shardings[] = {Sharding::None, Sharding::Optimizer, Sharding::Full};

    std::optional<StepEstimate> best;
    double leanest = std::numeric_limits<double>::infinity();
    Layout leanestLayout;
    StepEstimate candidate;
    for (const auto& [t, c] : splits) {
        const long long tc = static_cast<long long>(std::max(1, t)) * std::max(1, c);
        const int pFirst = constraints.pipeline.value_or(1);
        const int pLast = constraints.pipeline.value_or(
            static_cast<int>(std::min<long long>(m.layers, job.chips / tc)));
        for (int p = pFirst; p <= pLast; ++p) {
            // Of the pipeline degrees giving a stage the same ceil(l/p) layers, the smallest
            // is never slower: the same work and memory per stage, no more micro-batches in
            // flight, a smaller bubble and at least as many data-parallel replicas. So only
            // the smallest is tried: about 2 sqrt(l) degrees instead of l.
            if (!constraints.pipeline && p > 1 &&
                (m.layers + p - 1) / p == (m.layers + p - 2) / (p - 1)) {
                continue;
            }
            const long long replicas = job.chips / (tc * p);
            const long long d =
                constraints.data.value_or(std::min<long long>(replicas, job.globalBatch));
            if (d < 1) {
                continue;
            }
            const long long perReplica = (job.globalBatch + d - 1) / d;
            const int layersPerStage = (m.layers + p - 1) / p;
            for (int b = constraints.microBatch.value_or(1);
                 b <= constraints.microBatch.value_or(
                          static_cast<int>(std::min<long long>(perReplica, 1LL << 20)));
                 b *= 2) {
                const int vLast = p == 1 ? 1 : constraints.interleave.value_or(layersPerStage);
                for (int v = constraints.interleave.value_or(1); v <= vLast; v *= 2) {
                    for (const Recompute rc : recomputes) {
                        if (constraints.recompute && *constraints.recompute != rc) {
                            continue;
                        }
                        for (const Sharding sh : shardings) {
                            if ((constraints.sharding && *constraints.sharding != sh) ||
                                (d * c == 1 && sh != Sharding::None)) {
                                continue;
                            }
                            Layout layout{t, p, d, b, v, rc, 0, sh, c};
                            Refusal refusal = estimate(pre, layout, candidate);
                            if (refusal == Refusal::Memory && rc != Recompute::Full &&
                                layersPerStage > 1) {
                                // Recompute whole the fewest layers that make the stage fit:
                                // memory falls as more layers are recomputed, so bisect.
                                int lo = 0, hi = layersPerStage;
                                while (hi - lo > 1) {
                                    layout.fullyRecomputedLayers = lo + (hi - lo) / 2;
                                    if (estimate(pre, layout, candidate) == Refusal::Memory) {
                                        lo = layout.fullyRecomputedLayers;
                                    } else {
                                        hi = layout.fullyRecomputedLayers;
                                    }
                                }
                                layout.fullyRecomputedLayers = hi;
                                if (hi < layersPerStage) {
                                    refusal = estimate(pre, layout, candidate);
                                }
                            }
                            if (refusal == Refusal::Memory &&
                                candidate.memory.totalBytes() < leanest) {
                                leanest = candidate.memory.totalBytes();
                                leanestLayout = layout;
                            }
                            if (refusal == Refusal::None &&
                                (!best || candidate.stepSeconds < best->stepSeconds)) {
                                best = candidate;
                            }
                        }
                    }
                }
                if (constraints.microBatch) {
                    break;
                }
            }
        }
    }
    if (!best) {
        if (std::isfinite(leanest)) {
            const auto& l = leanestLayout;
            perf_messages::addError(
                diagnostics, job.pointer,
                "'" + m.name + "' fits no layout on " + std::to_string(job.chips) + " '" +
                    system.chipId + "' chips: its leanest (t=" + std::to_string(l.tensor) +
                    " c=" + std::to_string(l.context) + " p=" + std::to_string(l.pipeline) +
                    " d=" + std::to_string(l.data) + ", micro-batch " +
                    std::to_string(l.microBatch) + ", " + recomputeName(l.recompute) +
                    " recomputation, " + shardingName(l.sharding) + " sharding) needs " +
                    perf_messages::gibibytes(leanest) + " per chip, the chip has " +
                    perf_messages::gibibytes(system.hbmBytes));
        } else {
            perf_messages::addError(
                diagnostics, job.pointer,
                "no parallel layout of '" + m.name + "' matches the constraints on " +
                    std::to_string(job.chips) + " '" + system.chipId + "' chips");
        }
    }
    return best;
}

} // namespace headroom::model
