#include "model/perf/collectives.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

namespace {

double beta(const Link& link) {
    return 1.0 / link.bandwidthBytesPerS;
}

/// (p-1) alpha + (p-1)/p n beta: one ring pass (all-gather or reduce-scatter).
double ringPass(double bytes, long long chips, const Link& link) {
    if (chips <= 1) {
        return 0.0;
    }
    const double p = static_cast<double>(chips);
    return (p - 1.0) * link.latencySeconds + (p - 1.0) / p * bytes * beta(link);
}

} // namespace

double ringAllReduceSeconds(double bytes, long long chips, const Link& link) {
    return 2.0 * ringPass(bytes, chips, link); // reduce-scatter, then all-gather
}

double treeAllReduceSeconds(double bytes, long long chips, const Link& link) {
    if (chips <= 1) {
        return 0.0;
    }
    const double steps = std::ceil(std::log2(static_cast<double>(chips)));
    return 2.0 * steps * (link.latencySeconds + bytes * beta(link));
}

double allReduceSeconds(double bytes, long long chips, const Link& link) {
    return std::min(ringAllReduceSeconds(bytes, chips, link),
                    treeAllReduceSeconds(bytes, chips, link));
}

double allGatherSeconds(double bytes, long long chips, const Link& link) {
    return ringPass(bytes, chips, link);
}

double reduceScatterSeconds(double bytes, long long chips, const Link& link) {
    return ringPass(bytes, chips, link);
}

double pointToPointSeconds(double bytes, const Link& link) {
    return link.latencySeconds + bytes * beta(link);
}

double groupCollectiveSeconds(Collective kind, double bytes, const GroupSpan& span) {
    const long long inner = std::max(1LL, span.inner);
    const long long outer = std::max(1LL, span.outer);
    if (outer == 1) {
        switch (kind) {
        case Collective::AllReduce:
            return allReduceSeconds(bytes, inner, span.fast);
        case Collective::AllGather:
            return allGatherSeconds(bytes, inner, span.fast);
        case Collective::ReduceScatter:
            return reduceScatterSeconds(bytes, inner, span.fast);
        }
    }
    // Across domains each chip handles the 1/inner share its domain-mates do not.
    const double share = bytes / static_cast<double>(inner);
    switch (kind) {
    case Collective::AllReduce:
        return reduceScatterSeconds(bytes, inner, span.fast) +
               allReduceSeconds(share, outer, span.slow) +
               allGatherSeconds(bytes, inner, span.fast);
    case Collective::AllGather:
        return allGatherSeconds(share, outer, span.slow) +
               allGatherSeconds(bytes, inner, span.fast);
    case Collective::ReduceScatter:
        return reduceScatterSeconds(bytes, inner, span.fast) +
               reduceScatterSeconds(share, outer, span.slow);
    }
    return 0.0;
}

} // namespace headroom::model
