#include "model/perf/step_model.h"

namespace headroom::model::step_model {

namespace {

constexpr double kActivationBytes = 2.0; // 16-bit activations, gathered and sent
constexpr double kGradientBytes = 2.0;   // 16-bit gradients reduced across data parallelism
/// Mixed-precision Adam per parameter [rajbhandari-2020-zero]: 2 (16-bit weights) +
/// 2 (16-bit gradients) + 12 (32-bit master weights, momentum and variance).
constexpr double kWeightBytesPerParameter = 2.0;
constexpr double kGradientBytesPerParameter = 2.0;
constexpr double kOptimizerBytesPerParameter = 12.0;
constexpr double kLogitBytes = 4.0; // the loss is taken on 32-bit logits

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

} // namespace

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

void dataTermsOf(const DegreeFrame& g, Frame& f) {
    f.gradientAllReduce = g.gradientAllReduce;
    f.gradientReduceScatter = g.gradientReduceScatter;
    f.weightAllGather = g.weightAllGather;
}

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

double stepLowerBound(const Prepared& pre, const Layout& l, const Frame& f) {
    const double bound = (static_cast<double>(f.microBatches) + (l.pipeline - 1.0) / l.interleave) *
                         leastMicroBatchSeconds(pre, l, f);
    return bound >= 0.0 ? bound : 0.0; // a NaN bound prunes nothing
}

double degreesLowerBound(const Prepared& pre, const Layout& l, const Frame& f) {
    const long long perReplica = (pre.job->globalBatch + l.data - 1) / l.data;
    const double bound =
        static_cast<double>(perReplica) * leastMicroBatchSeconds(pre, l, f) / l.microBatch;
    return bound >= 0.0 ? bound : 0.0;
}

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

} // namespace headroom::model::step_model
