#pragma once
// The time and memory model of one training step (training_step.h describes it), in the
// pieces the layout search works with: what a job shares (Prepared), what a layout's
// degrees fix (DegreeFrame), what its micro-batch and interleaving add (Frame), the lower
// bounds that let the search skip frames, and the estimate of one layout. The search and
// evaluateLayout() (training_step.cpp) are its only users. Hot paths allocate nothing.

#include "model/perf/training_step.h"

#include <algorithm>

namespace headroom::model::step_model {

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

Prepared prepare(const TrainingJob& job, const AcceleratorSystem& system);

/// The part of l's frame its degrees fix, or Refusal::Shape when they are impossible. Hot:
/// no allocation, no text.
Refusal degreeFrame(const Prepared& pre, const Layout& l, DegreeFrame& g);

/// The data-parallel collectives of degrees g (dataTerms()) into their frame f.
void dataTermsOf(const DegreeFrame& g, Frame& f);

/// The frame of l's degrees g and micro-batch, its pipeline sends left to interleave(), or
/// Refusal::Shape when the micro-batch is impossible. Hot: no allocation, no text.
Refusal batchFrame(const Prepared& pre, const DegreeFrame& g, const Layout& l, Frame& f);

/// Completes a frame of batchFrame() with l's interleaving: the pipeline sends of its v
/// chunks a stage, or Refusal::Shape when the stages cannot take them. The frames of one
/// micro-batch differ only in this.
Refusal interleave(const Layout& l, Frame& f);

/// Fills the data-parallel collectives of l's degrees g (what only a layout that fits, or a
/// tighter bound, needs): the gradients reduce over the data and context ranks together, the
/// c context ranks t apart, the d data ranks t c p apart; those sharing a scale-up domain
/// reduce over it first.
void dataTerms(const Prepared& pre, const Layout& l, DegreeFrame& g);

/// The frame of l's degrees, micro-batch and interleaving, its data-parallel collectives
/// included, or Refusal::Shape when they are impossible.
Refusal frame(const Prepared& pre, const Layout& l, Frame& f);

/// No layout of the frame takes a shorter step than this: its micro-batches and its bubble
/// at the least micro-batch time, and no exposed data-parallel time. The search skips a
/// frame whose bound exceeds the best step found, so the bound must never exceed a step
/// that estimate() gives.
double stepLowerBound(const Prepared& pre, const Layout& l, const Frame& f);

/// No layout with l's degrees (t, c, p, d) and micro-batches of at most l.microBatch
/// sequences takes a shorter step than this, l being uninterleaved (the least pipeline
/// traffic). Each term of a micro-batch's time is linear in its b sequences (compute,
/// traffic) or affine with a non-negative latency (the alpha-beta collectives), so time / b
/// never grows with b: the m = ceil(R / b) micro-batches of a replica's R sequences take at
/// least R x time(b_max) / b_max, bubble and data-parallel time aside.
double degreesLowerBound(const Prepared& pre, const Layout& l, const Frame& f);

/// The estimate of a layout of frame f, or a refusal. Hot: no allocation, no text.
Refusal estimate(const Prepared& pre, const Frame& f, const Layout& l, StepEstimate& out);

/// The layers of each of l's stages (lps of them) recomputed whole: all with full
/// recomputation, else its block recomputation's.
inline double recomputedLayers(const Layout& l, double lps) {
    return l.recompute == Recompute::Full ? lps
                                          : std::clamp<double>(l.fullyRecomputedLayers, 0.0, lps);
}

/// What a layer of l not recomputed whole keeps, bytes a sequence: selective recomputation
/// drops the attention scores.
inline double keptBytes(const Prepared& pre, const Layout& l) {
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
inline MicroBatchTime microBatchTime(const Prepared& pre, const Frame& f, const Layout& l, double k,
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
inline StepTime stepTime(const Prepared& pre, const Frame& f, const Layout& l,
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

} // namespace headroom::model::step_model
