#include "model/perf/training_step.h"

#include "model/perf/perf_messages.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
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
/// A frame is skipped only when its bound exceeds the best step by this relative margin:
/// the bound and the step are summed in different orders, so each may be a few ulps off.
constexpr double kPruneMargin = 1e-9;

/// What every layout of one job shares, computed once per search.
struct Prepared {
    ScaleOutLinks scaleOut; ///< the system's
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
    p.scaleOut = ScaleOutLinks(system);
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

/// What a layout's degrees (t, c, p, d) fix, whatever its micro-batch, interleaving,
/// recomputation and sharding: the search's frames share it in groups of up to a few dozen.
struct DegreeFrame {
    int layersPerStage = 0;
    long long perReplica = 0;       ///< sequences per data-parallel replica
    double stageParameters = 0.0;   ///< parameters of the first stage held per chip
    double stageForwardFlops = 0.0; ///< one sequence's forward pass on the slowest stage, all ranks
    Link contextLink, pipelineLink; ///< the links of the context and the pipeline ranks
    /// The data-parallel collectives of the stage's gradients and weights (dataTerms()).
    double gradientAllReduce = 0.0, gradientReduceScatter = 0.0, weightAllGather = 0.0;
};

/// What a layout's degrees, micro-batch and interleaving fix, whatever its recomputation
/// and sharding: the search's layouts share it in groups of nine and more (the three
/// recomputations times the three shardings, and the block-recomputation probes).
struct Frame {
    int layersPerStage = 0;
    long long microBatches = 0;
    double stageParameters = 0.0;    ///< parameters of the first stage held per chip
    double forwardFlops = 0.0;       ///< one micro-batch's forward pass on the slowest stage
    double tensorPerLayerPass = 0.0; ///< tensor-parallel gathers and scatters, one layer
    double contextGather = 0.0, contextScatter = 0.0; ///< context-parallel, one layer
    double pipelineSend = 0.0; ///< one micro-batch's send across one stage boundary
    double pipelineMb = 0.0;   ///< pipeline sends of one micro-batch, every chunk's boundaries
    /// The data-parallel collectives of the stage's gradients and weights (its degrees').
    double gradientAllReduce = 0.0, gradientReduceScatter = 0.0, weightAllGather = 0.0;
};

/// The part of l's frame its degrees fix, or Refusal::Shape when they are impossible. Hot:
/// no allocation, no text.
Refusal degreeFrame(const Prepared& pre, const Layout& l, DegreeFrame& g) {
    const auto& job = *pre.job;
    const auto& sys = *pre.system;
    const auto& m = job.model;
    const double t = l.tensor, c = l.context;
    // Each chip holds 1/t of every layer's width and 1/c of every sequence: what it computes,
    // keeps and sends per sequence is the whole divided by t c.
    const double split = t * c;
    if (l.tensor < 1 || l.pipeline < 1 || l.data < 1 || l.context < 1 ||
        m.sequence % l.context != 0 || l.tensor > sys.scaleUpDomain || m.heads % l.tensor != 0 ||
        l.pipeline > m.layers ||
        split * l.pipeline * static_cast<double>(l.data) > static_cast<double>(job.chips) ||
        l.data > job.globalBatch) {
        return Refusal::Shape;
    }
    g.layersPerStage = (m.layers + l.pipeline - 1) / l.pipeline;
    g.perReplica = (job.globalBatch + l.data - 1) / l.data;
    const double lps = g.layersPerStage;
    const bool holdsLogits = l.pipeline == 1;
    g.stageParameters = (lps * pre.layerParameters +
                         pre.embeddingParameters * (holdsLogits && !m.tiedEmbeddings ? 2.0 : 1.0)) /
                        t;
    g.stageForwardFlops = lps * pre.layerForwardFlops + pre.logitForwardFlops;
    // The c context ranks are t apart, inside the scale-up domain while t c fits in it; the
    // pipeline's stages t c apart.
    if (l.context > 1) {
        const long long span = static_cast<long long>(l.tensor) * l.context;
        g.contextLink = span <= sys.scaleUpDomain ? pre.scaleUp : pre.scaleOut(span);
    }
    if (l.pipeline > 1) {
        const long long span = static_cast<long long>(l.tensor) * l.context * l.pipeline;
        g.pipelineLink = span <= sys.scaleUpDomain ? pre.scaleUp : pre.scaleOut(span);
    }
    return Refusal::None;
}

/// The data-parallel collectives of degrees g (dataTerms()) into their frame f.
void dataTermsOf(const DegreeFrame& g, Frame& f) {
    f.gradientAllReduce = g.gradientAllReduce;
    f.gradientReduceScatter = g.gradientReduceScatter;
    f.weightAllGather = g.weightAllGather;
}

/// The frame of l's degrees g and micro-batch, its pipeline sends left to interleave(), or
/// Refusal::Shape when the micro-batch is impossible. Hot: no allocation, no text.
Refusal batchFrame(const Prepared& pre, const DegreeFrame& g, const Layout& l, Frame& f) {
    const auto& m = pre.job->model;
    if (l.microBatch < 1 || l.microBatch > g.perReplica) {
        return Refusal::Shape;
    }
    const double t = l.tensor, b = l.microBatch, c = l.context;
    const double split = t * c;
    f.layersPerStage = g.layersPerStage;
    f.microBatches = (g.perReplica + l.microBatch - 1) / l.microBatch;
    f.stageParameters = g.stageParameters;
    dataTermsOf(g, f);
    // Context ranks split the causal attention evenly (each takes a chunk from both ends of
    // the sequence [dubey-2024-llama3] section 3.3.2), so every term divides by t c.
    f.forwardFlops = b * g.stageForwardFlops / split;

    // Tensor parallelism with sequence parallelism: per layer and pass an all-gather before
    // and a reduce-scatter after the attention and the MLP (one of each with parallel
    // layers) of b s h 16-bit values [korthikanti-2022-activation] section 4.2.2.
    if (l.tensor > 1) {
        const double bytes = b * pre.boundaryBytes / c;
        f.tensorPerLayerPass =
            (m.parallelLayers ? 1.0 : 2.0) * (allGatherSeconds(bytes, l.tensor, pre.scaleUp) +
                                              reduceScatterSeconds(bytes, l.tensor, pre.scaleUp));
    }
    // Context parallelism: every layer all-gathers the sequence's keys and values (each
    // tensor rank its share of the key-value heads) before attention in the forward pass
    // and reduce-scatters their gradients in the backward [dubey-2024-llama3] section
    // 3.3.2.
    if (l.context > 1) {
        const double bytes = b * pre.keyValueBytes / std::min<double>(t, m.kvHeadCount());
        f.contextGather = allGatherSeconds(bytes, l.context, g.contextLink);
        f.contextScatter = reduceScatterSeconds(bytes, l.context, g.contextLink);
    }
    // Pipeline: each micro-batch crosses each chunk boundary forward and backward; the
    // scatter-gather optimisation sends 1/t of the hidden state per tensor rank
    // [narayanan-2021-megatron] section 4.1.
    if (l.pipeline > 1) {
        f.pipelineSend = pointToPointSeconds(b * pre.boundaryBytes / split, g.pipelineLink);
    }
    return Refusal::None;
}

/// Completes a frame of batchFrame() with l's interleaving: the pipeline sends of its v
/// chunks a stage, or Refusal::Shape when the stages cannot take them. The frames of one
/// micro-batch differ only in this.
Refusal interleave(const Layout& l, Frame& f) {
    if (l.interleave < 1 ||
        (l.interleave > 1 && (l.pipeline == 1 || l.interleave > f.layersPerStage))) {
        return Refusal::Shape;
    }
    if (l.pipeline > 1) {
        f.pipelineMb = 2.0 * l.interleave * f.pipelineSend;
    }
    return Refusal::None;
}

/// Fills the data-parallel collectives of l's degrees g (what only a layout that fits, or a
/// tighter bound, needs): the gradients reduce over the data and context ranks together, the
/// c context ranks t apart, the d data ranks t c p apart; those sharing a scale-up domain
/// reduce over it first.
void dataTerms(const Prepared& pre, const Layout& l, DegreeFrame& g) {
    const auto& sys = *pre.system;
    if (l.data * l.context <= 1) {
        return;
    }
    const long long tc = static_cast<long long>(l.tensor) * l.context;
    const long long stride = tc * l.pipeline;
    const long long contextInner =
        l.tensor < sys.scaleUpDomain ? std::min<long long>(l.context, sys.scaleUpDomain / l.tensor)
                                     : 1;
    const long long dataInner = contextInner == l.context && stride < sys.scaleUpDomain
                                    ? std::min<long long>(l.data, sys.scaleUpDomain / stride)
                                    : 1;
    GroupSpan span;
    span.inner = contextInner * dataInner;
    span.outer = (l.data * l.context + span.inner - 1) / span.inner;
    span.fast = pre.scaleUp;
    span.slow = pre.scaleOut(stride * l.data);
    const double gradBytes = kGradientBytes * g.stageParameters;
    const double weightBytes = kWeightBytesPerParameter * g.stageParameters;
    g.gradientAllReduce = groupCollectiveSeconds(Collective::AllReduce, gradBytes, span);
    g.gradientReduceScatter = groupCollectiveSeconds(Collective::ReduceScatter, gradBytes, span);
    g.weightAllGather = groupCollectiveSeconds(Collective::AllGather, weightBytes, span);
}

/// The frame of l's degrees, micro-batch and interleaving, its data-parallel collectives
/// included, or Refusal::Shape when they are impossible.
Refusal frame(const Prepared& pre, const Layout& l, Frame& f) {
    DegreeFrame g;
    if (degreeFrame(pre, l, g) != Refusal::None) {
        return Refusal::Shape;
    }
    dataTerms(pre, l, g);
    if (batchFrame(pre, g, l, f) != Refusal::None) {
        return Refusal::Shape;
    }
    return interleave(l, f);
}

/// One micro-batch's time on the slowest stage, at least, whatever the recomputation and
/// sharding: its compute without recomputation, the least elementwise traffic (every layer
/// keeps at least the smaller of its two activation sizes and streams it three times), and
/// the communication of its layers without recomputed ones - each term of estimate() at its
/// least.
double leastMicroBatchSeconds(const Prepared& pre, const Layout& l, const Frame& f) {
    const double lps = f.layersPerStage;
    const double b = l.microBatch, split = static_cast<double>(l.tensor) * l.context;
    const double traffic = b / split * 3.0 * lps * std::min(pre.actNoScores, pre.actFull);
    const double computeMb =
        3.0 * f.forwardFlops / pre.sustainedFlopsPerS + traffic / pre.system->hbmBytesPerS;
    return computeMb + 2.0 * lps * f.tensorPerLayerPass +
           lps * (f.contextGather + f.contextScatter) + f.pipelineMb;
}

/// No layout of the frame takes a shorter step than this: its micro-batches and its bubble
/// at the least micro-batch time, and no exposed data-parallel time. The search skips a
/// frame whose bound exceeds the best step found, so the bound must never exceed a step
/// that estimate() gives.
double stepLowerBound(const Prepared& pre, const Layout& l, const Frame& f) {
    const double bound = (static_cast<double>(f.microBatches) + (l.pipeline - 1.0) / l.interleave) *
                         leastMicroBatchSeconds(pre, l, f);
    return bound >= 0.0 ? bound : 0.0; // a NaN bound prunes nothing
}

/// No layout with l's degrees (t, c, p, d) and micro-batches of at most l.microBatch
/// sequences takes a shorter step than this, l being uninterleaved (the least pipeline
/// traffic). Each term of a micro-batch's time is linear in its b sequences (compute,
/// traffic) or affine with a non-negative latency (the alpha-beta collectives), so time / b
/// never grows with b: the m = ceil(R / b) micro-batches of a replica's R sequences take at
/// least R x time(b_max) / b_max, bubble and data-parallel time aside.
double degreesLowerBound(const Prepared& pre, const Layout& l, const Frame& f) {
    const long long perReplica = (pre.job->globalBatch + l.data - 1) / l.data;
    const double bound =
        static_cast<double>(perReplica) * leastMicroBatchSeconds(pre, l, f) / l.microBatch;
    return bound >= 0.0 ? bound : 0.0;
}

/// The layers of each of l's stages (lps of them) recomputed whole: all with full
/// recomputation, else its block recomputation's.
double recomputedLayers(const Layout& l, double lps) {
    return l.recompute == Recompute::Full ? lps
                                          : std::clamp<double>(l.fullyRecomputedLayers, 0.0, lps);
}

/// What a layer of l not recomputed whole keeps, bytes a sequence: selective recomputation
/// drops the attention scores.
double keptBytes(const Prepared& pre, const Layout& l) {
    return l.recompute == Recompute::Selective ? pre.actNoScores : pre.actFull;
}

/// One micro-batch's time on the slowest stage, whatever the sharding.
struct MicroBatchTime {
    double recomputeFlops = 0.0;
    double computeSeconds = 0.0; ///< matrix multiplies and elementwise traffic
    double tensorCommSeconds = 0.0, contextCommSeconds = 0.0, pipelineCommSeconds = 0.0;
    double seconds = 0.0; ///< all of them
};

/// The micro-batch time of layout l of frame f with k layers of each stage recomputed whole
/// and the others keeping `keptOther` bytes a sequence. Hot: no allocation, no text.
MicroBatchTime microBatchTime(const Prepared& pre, const Frame& f, const Layout& l, double k,
                              double keptOther) {
    const double b = l.microBatch;
    const double split = static_cast<double>(l.tensor) * l.context;
    const double lps = f.layersPerStage;
    MicroBatchTime out;
    // Compute of one micro-batch on the slowest stage.
    out.recomputeFlops =
        b / split *
        (k * pre.layerForwardFlops +
         (l.recompute == Recompute::Selective ? (lps - k) * pre.layerScoreFlops : 0.0));
    const double flops = 3.0 * f.forwardFlops + out.recomputeFlops; // backward = 2 x forward
    // Elementwise kernels (norms, activations, softmax) stream the tensors they make:
    // forward writes the kept activations once, backward reads and writes them (about twice
    // that), a full recomputation repeats the forward. Score tensors are materialised unless
    // the attention core is recomputed (fused) [korthikanti-2022-activation].
    const double traffic = b / split * (3.0 * (lps - k) * keptOther + 4.0 * k * pre.actFull);
    out.computeSeconds = flops / pre.sustainedFlopsPerS + traffic / pre.system->hbmBytesPerS;
    // Forward, backward, and the recomputed layers; keys and values are gathered in each
    // forward (the recomputed layers' included) and scattered once back.
    out.tensorCommSeconds = l.tensor > 1 ? (2.0 * lps + k) * f.tensorPerLayerPass : 0.0;
    out.contextCommSeconds =
        l.context > 1 ? (lps + k) * f.contextGather + lps * f.contextScatter : 0.0;
    out.pipelineCommSeconds = f.pipelineMb;
    out.seconds = out.computeSeconds + out.tensorCommSeconds + out.contextCommSeconds +
                  out.pipelineCommSeconds;
    return out;
}

/// The parts of a step's time (estimate()'s, and the bound of the search's frames).
struct StepTime {
    double computeSeconds = 0.0;
    double tensorCommSeconds = 0.0, contextCommSeconds = 0.0, pipelineCommSeconds = 0.0,
           dataCommSeconds = 0.0;
    double exposedCommSeconds = 0.0;
    double bubbleSeconds = 0.0;
    double stepSeconds = 0.0;
};

/// The step time of layout l of frame f (its data terms filled), its micro-batches taking
/// `perMb` each. Hot: no allocation, no text.
StepTime stepTime(const Prepared& pre, const Frame& f, const Layout& l,
                  const MicroBatchTime& perMb) {
    const double mb = static_cast<double>(f.microBatches);
    double dataExposed = 0.0;
    if (l.data * l.context > 1) {
        const double fwdFlops = f.forwardFlops;
        const double backwardMb = (2.0 * fwdFlops + perMb.recomputeFlops) / pre.sustainedFlopsPerS;
        const double forwardMb = fwdFlops / pre.sustainedFlopsPerS;
        switch (l.sharding) {
        case Sharding::None:
            dataExposed = std::max(0.0, f.gradientAllReduce - backwardMb);
            break;
        case Sharding::Optimizer:
            // Gradients reduce-scattered under the last backward; updated weights gathered
            // under the next step's first forward.
            dataExposed = std::max(0.0, f.gradientReduceScatter - backwardMb) +
                          std::max(0.0, f.weightAllGather - forwardMb);
            break;
        case Sharding::Full:
            // Every micro-batch gathers the weights for its forward and backward passes and
            // scatters its gradients, under its own compute.
            dataExposed = mb * std::max(0.0, 2.0 * f.weightAllGather + f.gradientReduceScatter -
                                                 perMb.computeSeconds);
            break;
        }
    }
    StepTime out;
    out.computeSeconds = mb * perMb.computeSeconds;
    out.tensorCommSeconds = mb * perMb.tensorCommSeconds;
    out.contextCommSeconds = mb * perMb.contextCommSeconds;
    out.pipelineCommSeconds = mb * perMb.pipelineCommSeconds;
    out.dataCommSeconds = dataExposed;
    out.exposedCommSeconds =
        out.tensorCommSeconds + out.contextCommSeconds + out.pipelineCommSeconds + dataExposed;
    // The fill and drain of the pipeline: (p-1)/v micro-batch times [narayanan-2021-megatron].
    out.bubbleSeconds = (l.pipeline - 1.0) / l.interleave * perMb.seconds;
    out.stepSeconds = out.computeSeconds + out.exposedCommSeconds + out.bubbleSeconds;
    return out;
}

/// The estimate of a layout of frame f, or a refusal. Hot: no allocation, no text.
Refusal estimate(const Prepared& pre, const Frame& f, const Layout& l, StepEstimate& out) {
    const auto& job = *pre.job;
    const auto& sys = *pre.system;
    const auto& m = job.model;
    const double t = l.tensor, pp = l.pipeline, d = static_cast<double>(l.data), b = l.microBatch;
    const double c = l.context;
    const double split = t * c;
    const double mb = static_cast<double>(f.microBatches);
    const double v = l.interleave;
    const double lps = f.layersPerStage;
    const double stageParameters = f.stageParameters;

    // Memory of the first stage, the one with the most micro-batches in flight.
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
    const double k = recomputedLayers(l, lps);
    const double keptOther = keptBytes(pre, l);
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
    if (l.pipeline == 1) { // the only stage also computes the logits
        mem.activationBytes +=
            b * m.sequence * static_cast<double>(m.vocabulary) * kLogitBytes / split;
    }
    out.memory = mem;
    if (mem.totalBytes() > sys.hbmBytes) {
        return Refusal::Memory;
    }

    const MicroBatchTime perMb = microBatchTime(pre, f, l, k, keptOther);
    const StepTime time = stepTime(pre, f, l, perMb);
    out.layout = l;
    out.chipsUsed = static_cast<long long>(l.tensor) * l.context * l.pipeline * l.data;
    out.microBatches = f.microBatches;
    out.computeSeconds = time.computeSeconds;
    out.tensorCommSeconds = time.tensorCommSeconds;
    out.contextCommSeconds = time.contextCommSeconds;
    out.pipelineCommSeconds = time.pipelineCommSeconds;
    out.dataCommSeconds = time.dataCommSeconds;
    out.exposedCommSeconds = time.exposedCommSeconds;
    out.bubbleSeconds = time.bubbleSeconds;
    out.stepSeconds = time.stepSeconds;
    out.modelFlopsPerStep = pre.modelFlopsPerStep;
    const double recomputePerStep =
        perMb.recomputeFlops * split / lps * m.layers / b * static_cast<double>(job.globalBatch);
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
                  perf_messages::kPlatformPointer, [&] {
                      return "platform of chip '" + system.chipId +
                             "' has no scale-out bandwidth (give /it/platform_overrides/nic_ports "
                             "and /it/platform_overrides/nic_port_speed)";
                  });
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

/// A layout's place in the order of enumeration: its degrees (t, c, p, d) in the high 32
/// bits, then its micro-batch and interleaving among theirs.
using EnumerationOrder = std::uint64_t;

EnumerationOrder enumerationOrder(std::size_t degrees, int member) {
    return static_cast<std::uint64_t>(degrees) << 32 | static_cast<std::uint32_t>(member);
}

/// The best layout found so far and, for the error when none fits, the leanest refused
/// for memory; of equals, each the first in the order of enumeration.
struct Choice {
    std::optional<StepEstimate> best;
    EnumerationOrder bestOrder = 0;
    double leanestBytes = std::numeric_limits<double>::infinity();
    EnumerationOrder leanestOrder = 0;
    Layout leanest;
};

/// No layout of frame f (of layout `base`, its data terms filled) takes a shorter step than
/// this: the least, over the recomputations and shardings the constraints allow, of the step
/// with no layer recomputed whole beyond what the recomputation itself recomputes. A layer
/// recomputed whole adds its forward compute, more traffic than it saves and its
/// communication to every micro-batch and so to the bubble, and takes away at most its
/// compute from the exposed data-parallel time, so no step is shorter than that one; memory
/// only refuses layouts.
double frameLowerBound(const Prepared& pre, const LayoutConstraints& constraints,
                       const Layout& base, const Frame& f) {
    double least = std::numeric_limits<double>::infinity();
    bool unordered = false;
    for (const Recompute rc : {Recompute::None, Recompute::Selective, Recompute::Full}) {
        if (constraints.recompute && *constraints.recompute != rc) {
            continue;
        }
        Layout layout = base;
        layout.recompute = rc;
        layout.fullyRecomputedLayers = 0;
        const MicroBatchTime perMb = microBatchTime(
            pre, f, layout, recomputedLayers(layout, f.layersPerStage), keptBytes(pre, layout));
        for (const Sharding sh : {Sharding::None, Sharding::Optimizer, Sharding::Full}) {
            if ((constraints.sharding && *constraints.sharding != sh) ||
                (base.data * base.context == 1 && sh != Sharding::None)) {
                continue;
            }
            layout.sharding = sh;
            const double step = stepTime(pre, f, layout, perMb).stepSeconds;
            unordered = unordered || std::isnan(step);
            least = std::min(least, step);
        }
    }
    return !unordered && least >= 0.0 ? least : 0.0; // a NaN bound prunes nothing
}

/// Every layout of one frame f (of layout `base`): the recomputations and shardings the
/// constraints allow, with the fewest layers recomputed whole that make a stage fit.
void searchFrame(const Prepared& pre, const LayoutConstraints& constraints, const Layout& base,
                 const Frame& f, EnumerationOrder order, Choice& choice) {
    StepEstimate candidate;
    for (const Recompute rc : {Recompute::None, Recompute::Selective, Recompute::Full}) {
        if (constraints.recompute && *constraints.recompute != rc) {
            continue;
        }
        for (const Sharding sh : {Sharding::None, Sharding::Optimizer, Sharding::Full}) {
            if ((constraints.sharding && *constraints.sharding != sh) ||
                (base.data * base.context == 1 && sh != Sharding::None)) {
                continue;
            }
            Layout layout = base;
            layout.recompute = rc;
            layout.sharding = sh;
            Refusal refusal = estimate(pre, f, layout, candidate);
            if (refusal == Refusal::Memory && rc != Recompute::Full && f.layersPerStage > 1) {
                // Recompute whole the fewest layers that make the stage fit: memory falls as
                // more layers are recomputed, so bisect.
                int lo = 0, hi = f.layersPerStage;
                while (hi - lo > 1) {
                    layout.fullyRecomputedLayers = lo + (hi - lo) / 2;
                    if (estimate(pre, f, layout, candidate) == Refusal::Memory) {
                        lo = layout.fullyRecomputedLayers;
                    } else {
                        hi = layout.fullyRecomputedLayers;
                    }
                }
                layout.fullyRecomputedLayers = hi;
                if (hi < f.layersPerStage) {
                    refusal = estimate(pre, f, layout, candidate);
                }
            }
            // Layouts of one frame come in the order of enumeration: a later one wins only
            // by being strictly better.
            const double bytes = candidate.memory.totalBytes();
            if (refusal == Refusal::Memory &&
                (bytes < choice.leanestBytes ||
                 (bytes == choice.leanestBytes && order < choice.leanestOrder))) {
                choice.leanestBytes = bytes;
                choice.leanestOrder = order;
                choice.leanest = layout;
            }
            if (refusal == Refusal::None &&
                (!choice.best || candidate.stepSeconds < choice.best->stepSeconds ||
                 (candidate.stepSeconds == choice.best->stepSeconds && order < choice.bestOrder))) {
                choice.best = candidate;
                choice.bestOrder = order;
            }
        }
    }
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
    Frame f;
    StepEstimate out;
    Refusal refusal = frame(pre, layout, f);
    if (refusal == Refusal::None) {
        refusal = estimate(pre, f, layout, out);
    }
    switch (refusal) {
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
                                         const LayoutConstraints& constraints, SearchWalk walk) {
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
    // Pruned, the walk is best first by lower bounds on the step; exhaustive, every bound is
    // 0, so nothing is skipped and the walk follows the order of enumeration.
    const auto bound = [walk](double least) { return walk == SearchWalk::Pruned ? least : 0.0; };

    // The degrees (t, c, p, d) in the order of enumeration, each with its largest
    // micro-batch, and their order by the bound of their frames.
    struct Degrees {
        Layout layout; ///< the largest micro-batch, no interleaving
        DegreeFrame frame;
        bool dataTermsFilled = false;
        bool largestPossible = false; ///< whether `largest` is a frame
        Frame largest;                ///< that of `layout`
    };
    struct Bounded {
        double bound = 0.0;
        std::uint32_t index = 0; ///< the place in `degrees`, in the order of enumeration
    };
    std::vector<Degrees> degrees;
    std::vector<Bounded> byBound;
    degrees.reserve(splits.size() * (constraints.pipeline ? 1 : 2 * 12));
    byBound.reserve(degrees.capacity());
    // Pipeline degrees: of those giving a stage the same ceil(l/p) layers, the smallest is
    // never slower: the same work and memory per stage, no more micro-batches in flight, a
    // smaller bubble and at least as many data-parallel replicas. So only the smallest is
    // tried: about 2 sqrt(l) degrees instead of l.
    std::vector<int> pipelines;
    if (constraints.pipeline) {
        pipelines = {*constraints.pipeline};
    } else {
        for (int p = 1; p <= m.layers; ++p) {
            if (p == 1 || (m.layers + p - 1) / p != (m.layers + p - 2) / (p - 1)) {
                pipelines.push_back(p);
            }
        }
    }
    for (const auto& [t, c] : splits) {
        const long long tc = static_cast<long long>(std::max(1, t)) * std::max(1, c);
        const long long pLast =
            constraints.pipeline.value_or(std::min<long long>(m.layers, job.chips / tc));
        for (const int p : pipelines) {
            if (p > pLast) {
                break;
            }
            const long long replicas = job.chips / (tc * p);
            const long long d =
                constraints.data.value_or(std::min<long long>(replicas, job.globalBatch));
            if (d < 1) {
                continue;
            }
            const long long perReplica = (job.globalBatch + d - 1) / d;
            int bLast = constraints.microBatch.value_or(1);
            while (!constraints.microBatch && 2LL * bLast <= std::min(perReplica, 1LL << 20)) {
                bLast *= 2;
            }
            Degrees next{
                {t, p, d, bLast, 1, Recompute::None, 0, Sharding::None, c}, {}, false, false, {}};
            if (degreeFrame(pre, next.layout, next.frame) != Refusal::None) {
                continue; // no frame of the degrees is possible
            }
            Bounded bounded{0.0, static_cast<std::uint32_t>(degrees.size())};
            if (batchFrame(pre, next.frame, next.layout, next.largest) == Refusal::None &&
                interleave(next.layout, next.largest) == Refusal::None) {
                next.largestPossible = true;
                bounded.bound = bound(degreesLowerBound(pre, next.layout, next.largest));
            }
            byBound.push_back(bounded);
            degrees.push_back(next);
        }
    }
    const auto before = [](const auto& x, const auto& y) {
        return x.bound < y.bound || (x.bound == y.bound && x.index < y.index);
    };
    std::sort(byBound.begin(), byBound.end(), before);

    // The frames of the degrees taken so far, on a heap: least bound first. A frame is named
    // by its degrees, its micro-batch's frame in `batches` (uninterleaved), and the
    // doublings of its micro-batch and interleaving from the first.
    struct Pending {
        double bound = 0.0;
        EnumerationOrder index = 0; ///< the frame's place in the order of enumeration
        std::uint32_t batch = 0;
        std::uint8_t batchDoublings = 0, interleaveDoublings = 0;
    };
    std::vector<Pending> heap;
    std::vector<Frame> batches;
    heap.reserve(4 * degrees.size());
    batches.reserve(2 * degrees.size());
    const auto after = [&](const Pending& x, const Pending& y) { return before(y, x); };
    Choice choice;
    // What has a bound beyond the best step found is never looked at (the walk stops before
    // it, the best only falling): it is not kept.
    const auto beyondBest = [&](double least) {
        return choice.best && least > choice.best->stepSeconds * (1.0 + kPruneMargin);
    };
    const int bFirst = constraints.microBatch.value_or(1);
    const int vFirst = constraints.interleave.value_or(1);
    // A frame of the degrees by its doublings (bFirst and vFirst at least 1).
    const auto layoutOf = [&](const Degrees& g, int batchDoublings, int interleaveDoublings) {
        Layout layout = g.layout;
        layout.microBatch = bFirst << batchDoublings;
        layout.interleave = vFirst << interleaveDoublings;
        return layout;
    };
    // The frames of the degrees, each with its bound.
    const auto take = [&](std::uint32_t index) {
        const Degrees& g = degrees[index];
        if (bFirst < 1 || vFirst < 1) {
            return; // no frame is possible
        }
        const int vLast =
            g.layout.pipeline == 1 ? 1 : constraints.interleave.value_or(g.frame.layersPerStage);
        int member = 0;
        for (int bd = 0; (static_cast<long long>(bFirst) << bd) <= g.layout.microBatch; ++bd) {
            Layout layout = layoutOf(g, bd, 0);
            const auto batch = static_cast<std::uint32_t>(batches.size());
            bool possible = false;
            if (layout.microBatch == g.layout.microBatch) {
                possible = g.largestPossible;
                batches.push_back(g.largest);
            } else {
                batches.emplace_back();
                possible = batchFrame(pre, g.frame, layout, batches.back()) == Refusal::None;
            }
            Frame& f = batches.back();
            bool kept = false;
            for (int vd = 0; (static_cast<long long>(vFirst) << vd) <= vLast; ++vd) {
                const int place = member++;
                layout.interleave = vFirst << vd;
                if (possible && interleave(layout, f) == Refusal::None) {
                    const double least = bound(stepLowerBound(pre, layout, f));
                    if (!beyondBest(least)) {
                        heap.push_back({least, enumerationOrder(index, place), batch,
                                        static_cast<std::uint8_t>(bd),
                                        static_cast<std::uint8_t>(vd)});
                        std::push_heap(heap.begin(), heap.end(), after);
                        kept = true;
                    }
                }
            }
            if (!kept) {
                batches.pop_back();
            }
        }
    };
    // The layouts of the frame, unless its tighter bound (with the data-parallel time and
    // each recomputation's own compute and traffic) exceeds the best step found: it skips
    // most frames taken.
    const auto search = [&](const Pending& pending) {
        Degrees& g = degrees[pending.index >> 32];
        if (!g.dataTermsFilled) {
            dataTerms(pre, g.layout, g.frame);
            g.dataTermsFilled = true;
        }
        const Layout layout = layoutOf(g, pending.batchDoublings, pending.interleaveDoublings);
        Frame f = batches[pending.batch];
        dataTermsOf(g.frame, f);
        interleave(layout, f);
        if (beyondBest(bound(frameLowerBound(pre, constraints, layout, f)))) {
            return;
        }
        searchFrame(pre, constraints, layout, f, pending.index, choice);
    };

    // Best first: take the degrees or the frame of the least bound, until that bound exceeds
    // the best step found (and so do all the rest). Either way the answer is the exhaustive
    // walk's: the least step, and of equal steps the layout enumerated first.
    for (auto next = byBound.begin(); next != byBound.end() || !heap.empty();) {
        const bool takeDegrees =
            next != byBound.end() && (heap.empty() || next->bound < heap.front().bound);
        if (beyondBest(takeDegrees ? next->bound : heap.front().bound)) {
            break;
        }
        if (takeDegrees) {
            take((next++)->index);
            continue;
        }
        std::pop_heap(heap.begin(), heap.end(), after);
        const Pending pending = heap.back();
        heap.pop_back();
        search(pending);
    }
    const auto& best = choice.best;
    if (!best) {
        if (std::isfinite(choice.leanestBytes)) {
            const auto& l = choice.leanest;
            perf_messages::addError(
                diagnostics, job.pointer,
                "'" + m.name + "' fits no layout on " + std::to_string(job.chips) + " '" +
                    system.chipId + "' chips: its leanest (t=" + std::to_string(l.tensor) +
                    " c=" + std::to_string(l.context) + " p=" + std::to_string(l.pipeline) +
                    " d=" + std::to_string(l.data) + ", micro-batch " +
                    std::to_string(l.microBatch) + ", " + recomputeName(l.recompute) +
                    " recomputation, " + shardingName(l.sharding) + " sharding) needs " +
                    perf_messages::gibibytes(choice.leanestBytes) + " per chip, the chip has " +
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
