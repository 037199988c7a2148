#pragma once
// Bandwidth-latency ("alpha-beta") cost of the collectives of parallel training, for p
// chips, a message of n bytes, a latency alpha per step and beta = 1 / bandwidth, from the
// cost table of Thakur, Rabenseifner and Gropp 2005 [thakur-2005-collectives]:
//   ring all-reduce        2 (p-1) alpha + 2 (p-1)/p n beta
//   tree all-reduce        2 ceil(log2 p) (alpha + n beta)  (binomial reduce, then broadcast)
//   ring all-gather        (p-1) alpha + (p-1)/p n beta    (n = the gathered whole)
//   ring reduce-scatter    (p-1) alpha + (p-1)/p n beta    (n = the whole before scattering)
//   point-to-point         alpha + n beta
// Simplifications: links are full duplex and contention-free inside a group; the reduction
// arithmetic is free (it hides under the transfer on every chip considered).

namespace headroom::model {

/// One chip's path into a group: bandwidth in one direction, and latency per step.
struct Link {
    double bandwidthBytesPerS = 0.0;
    double latencySeconds = 0.0;
};

double ringAllReduceSeconds(double bytes, long long chips, const Link& link);
double treeAllReduceSeconds(double bytes, long long chips, const Link& link);
/// The faster of ring and tree, as collective libraries choose by message size.
double allReduceSeconds(double bytes, long long chips, const Link& link);
double allGatherSeconds(double bytes, long long chips, const Link& link);
double reduceScatterSeconds(double bytes, long long chips, const Link& link);
double pointToPointSeconds(double bytes, const Link& link);

enum class Collective { AllReduce, AllGather, ReduceScatter };

/// A group of `inner x outer` chips: `inner` of them share a scale-up domain (`fast`), and
/// `outer` domains are joined by the scale-out network (`slow`).
struct GroupSpan {
    long long inner = 1;
    long long outer = 1;
    Link fast;
    Link slow;
};

/// A collective over a two-level group, done hierarchically when both levels hold more
/// than one chip: all-reduce = reduce-scatter inside + all-reduce of the 1/inner share
/// across + all-gather inside, so each chip's scale-out link carries n/inner bytes.
double groupCollectiveSeconds(Collective kind, double bytes, const GroupSpan& span);

} // namespace headroom::model
