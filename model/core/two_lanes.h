#pragma once
// Two doubles worked side by side, for the hourly passes that work their hours in pairs:
// SSE2 (the x86-64 baseline, so no build flag) where the compiler has it, elsewhere the
// same operations lane by lane. Each operation rounds as the scalar one does in each lane
// (minOf and maxOf keep std::min and std::max's order, so NaN and -0.0 come out as they
// do), so every platform gives the same figures.

#include <algorithm>
#include <atomic>
#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

// Four lanes (AVX2) for the same passes, chosen at run time where the processor has them:
// a pass built on them keeps its sums in the lanes the two lanes' version keeps them in,
// and works each hour with the same operations, so it gives the same bits. Its functions
// are compiled for AVX2 and FMA, the FMA units used only for additions (a x 1 + b, rounded
// once, is a + b): a file with them must be compiled with -ffp-contract=off, so that no
// multiply and add is fused into one, which would round differently.
#if defined(__SSE2__) && (defined(__x86_64__) || defined(__i386__)) &&                             \
    (defined(__GNUC__) || defined(__clang__))
#define HEADROOM_FOUR_LANES 1
#define HEADROOM_FOUR_LANES_FN __attribute__((target("avx2,fma")))
#include <immintrin.h>
#else
#define HEADROOM_FOUR_LANES 0
#endif

namespace headroom::model {

#if defined(__SSE2__)

struct Pair {
    __m128d v = _mm_setzero_pd();
};
inline Pair pairOf(double lo, double hi) {
    return {_mm_set_pd(hi, lo)};
}
inline Pair splat(double x) {
    return {_mm_set1_pd(x)};
}
inline Pair loadPair(const double* p) {
    return {_mm_loadu_pd(p)};
}
/// p[0] and 0.
inline Pair loadLow(const double* p) {
    return {_mm_load_sd(p)};
}
inline void storePair(double* p, Pair a) {
    _mm_storeu_pd(p, a.v);
}
inline void storeLow(double* p, Pair a) {
    _mm_store_sd(p, a.v);
}
inline double low(Pair a) {
    return _mm_cvtsd_f64(a.v);
}
inline double high(Pair a) {
    return _mm_cvtsd_f64(_mm_unpackhi_pd(a.v, a.v));
}
inline Pair operator+(Pair a, Pair b) {
    return {_mm_add_pd(a.v, b.v)};
}
inline Pair operator-(Pair a, Pair b) {
    return {_mm_sub_pd(a.v, b.v)};
}
inline Pair operator*(Pair a, Pair b) {
    return {_mm_mul_pd(a.v, b.v)};
}
/// std::min(a, b) in each lane: b < a ? b : a.
inline Pair minOf(Pair a, Pair b) {
    return {_mm_min_pd(b.v, a.v)};
}
/// std::max(a, b) in each lane: a < b ? b : a.
inline Pair maxOf(Pair a, Pair b) {
    return {_mm_max_pd(b.v, a.v)};
}
/// Where a > b, lane by lane (false where either is NaN).
struct PairMask {
    __m128d v;
};
inline PairMask greaterThan(Pair a, Pair b) {
    return {_mm_cmpgt_pd(a.v, b.v)};
}
/// a where the mask holds, else 0.0.
inline Pair onlyWhere(PairMask m, Pair a) {
    return {_mm_and_pd(m.v, a.v)};
}
/// The mask as two bits: the first lane's in bit 0, the second's in bit 1.
inline unsigned bitsOf(PairMask m) {
    return static_cast<unsigned>(_mm_movemask_pd(m.v));
}
/// a where the mask does not hold, else 0.0.
inline Pair onlyWhereNot(PairMask m, Pair a) {
    return {_mm_andnot_pd(m.v, a.v)};
}
/// How many hours (lanes) a pair counts where a > b, kept per lane.
struct PairCount {
    __m128i v = _mm_setzero_si128();
    void addWhereGreater(Pair a, Pair b) {
        v = _mm_sub_epi64(v, _mm_castpd_si128(_mm_cmpgt_pd(a.v, b.v)));
    }
    std::int64_t total() const {
        return _mm_cvtsi128_si64(v) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(v, v));
    }
};

#else

struct Pair {
    double lo = 0.0, hi = 0.0;
};
inline Pair pairOf(double lo, double hi) {
    return {lo, hi};
}
inline Pair splat(double x) {
    return {x, x};
}
inline Pair loadPair(const double* p) {
    return {p[0], p[1]};
}
inline Pair loadLow(const double* p) {
    return {p[0], 0.0};
}
inline void storePair(double* p, Pair a) {
    p[0] = a.lo;
    p[1] = a.hi;
}
inline void storeLow(double* p, Pair a) {
    p[0] = a.lo;
}
inline double low(Pair a) {
    return a.lo;
}
inline double high(Pair a) {
    return a.hi;
}
inline Pair operator+(Pair a, Pair b) {
    return {a.lo + b.lo, a.hi + b.hi};
}
inline Pair operator-(Pair a, Pair b) {
    return {a.lo - b.lo, a.hi - b.hi};
}
inline Pair operator*(Pair a, Pair b) {
    return {a.lo * b.lo, a.hi * b.hi};
}
inline Pair minOf(Pair a, Pair b) {
    return {std::min(a.lo, b.lo), std::min(a.hi, b.hi)};
}
inline Pair maxOf(Pair a, Pair b) {
    return {std::max(a.lo, b.lo), std::max(a.hi, b.hi)};
}
struct PairMask {
    bool lo = false, hi = false;
};
inline PairMask greaterThan(Pair a, Pair b) {
    return {a.lo > b.lo, a.hi > b.hi};
}
inline Pair onlyWhere(PairMask m, Pair a) {
    return {m.lo ? a.lo : 0.0, m.hi ? a.hi : 0.0};
}
inline unsigned bitsOf(PairMask m) {
    return (m.lo ? 1U : 0U) | (m.hi ? 2U : 0U);
}
inline Pair onlyWhereNot(PairMask m, Pair a) {
    return {m.lo ? 0.0 : a.lo, m.hi ? 0.0 : a.hi};
}
struct PairCount {
    std::int64_t lo = 0, hi = 0;
    void addWhereGreater(Pair a, Pair b) {
        lo += a.lo > b.lo ? 1 : 0;
        hi += a.hi > b.hi ? 1 : 0;
    }
    std::int64_t total() const { return lo + hi; }
};

#endif

/// Whether the four lanes may be used where the processor has them (a test turns them off
/// to compare the two paths).
inline std::atomic<bool>& fourLanesAllowed() {
    static std::atomic<bool> allowed{true};
    return allowed;
}

#if HEADROOM_FOUR_LANES
/// Whether this processor has AVX2 and FMA (asked once), and the four lanes are allowed.
inline bool haveFourLanes() {
    static const bool have =
        (__builtin_cpu_init(), __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma"));
    return have && fourLanesAllowed().load(std::memory_order_relaxed);
}

/// Four lanes from two pairs (lo's in lanes 0 and 1, hi's in 2 and 3), and back.
HEADROOM_FOUR_LANES_FN inline __m256d four(const Pair& lo, const Pair& hi) {
    return _mm256_set_m128d(hi.v, lo.v);
}
HEADROOM_FOUR_LANES_FN inline void split(__m256d v, Pair& lo, Pair& hi) {
    lo.v = _mm256_castpd256_pd128(v);
    hi.v = _mm256_extractf128_pd(v, 1);
}
#endif

/// The sum of the two lanes.
inline double total(Pair a) {
    return low(a) + high(a);
}

} // namespace headroom::model
