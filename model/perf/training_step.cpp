#include "model/perf/training_step.h"

#include "model/perf/perf_messages.h"
#include "model/perf/step_model.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>
#include <vector>

namespace headroom::model {

namespace {

using namespace step_model;

/// A frame is skipped only when its bound exceeds the best step by this relative margin:
/// the bound and the step are summed in different orders, so each may be a few ulps off.
constexpr double kPruneMargin = 1e-9;

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
