#include "model/core/sha256.h"

#include <algorithm>
#include <cstring>

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#endif

namespace headroom::model {
namespace {

// FIPS 180-4 section 4.2.2: the first 32 bits of the fractional parts of the cube roots
// of the first 64 primes.
constexpr std::array<std::uint32_t, 64> kRound = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2};

constexpr std::uint32_t rotr(std::uint32_t x, int n) {
    return (x >> n) | (x << (32 - n));
}

// FIPS 180-4 section 6.2.2: the SHA-256 hash computation on one 512-bit block.
void compressPortable(std::uint32_t* state, const std::uint8_t* block) {
    std::array<std::uint32_t, 64> w{};
    for (std::size_t t = 0; t < 16; ++t) {
        w[t] = (std::uint32_t{block[4 * t]} << 24) | (std::uint32_t{block[4 * t + 1]} << 16) |
               (std::uint32_t{block[4 * t + 2]} << 8) | std::uint32_t{block[4 * t + 3]};
    }
    for (std::size_t t = 16; t < 64; ++t) {
        const std::uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        const std::uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    std::uint32_t a = state[0], b = state[1], c = state[2], d = state[3];
    std::uint32_t e = state[4], f = state[5], g = state[6], h = state[7];
    for (std::size_t t = 0; t < 64; ++t) {
        const std::uint32_t sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        const std::uint32_t choose = (e & f) ^ (~e & g);
        const std::uint32_t t1 = h + sigma1 + choose + kRound[t] + w[t];
        const std::uint32_t sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        const std::uint32_t majority = (a & b) ^ (a & c) ^ (b & c);
        const std::uint32_t t2 = sigma0 + majority;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    state[0] += a;
    state[1] += b;
    state[2] += c;
    state[3] += d;
    state[4] += e;
    state[5] += f;
    state[6] += g;
    state[7] += h;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HEADROOM_SHA_NI 1
// The same computation with the x86 SHA extensions (Intel, "Intel SHA Extensions", 2013):
// SHA256RNDS2 runs two rounds on the state held as the pairs ABEF and CDGH; SHA256MSG1
// and SHA256MSG2 extend the message schedule four words at a time (word t is sigma1 of word
// t - 2, plus word t - 7, sigma0 of word t - 15 and word t - 16: section 6.2.2 step 1).
__attribute__((target("sha,sse4.1,ssse3"))) void compressShaNi(std::uint32_t* state,
                                                               const std::uint8_t* block) {
    // Each 32-bit word of the block is big-endian.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i dcba = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));     // lanes A B C D
    __m128i hgfe = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4)); // E F G H
    const __m128i badc = _mm_shuffle_epi32(dcba, 0xB1);                          // lanes B A D C
    hgfe = _mm_shuffle_epi32(hgfe, 0x1B);                                        // lanes H G F E
    __m128i abef = _mm_alignr_epi8(badc, hgfe, 8);                               // lanes F E B A
    __m128i cdgh = _mm_blend_epi16(hgfe, badc, 0xF0);                            // lanes H G D C
    const __m128i abefBefore = abef, cdghBefore = cdgh;
    __m128i w[4]; // words 4i to 4i + 3 of the last four groups, by i mod 4
    for (std::size_t i = 0; i < 16; ++i) {
        __m128i& group = w[i % 4]; // holds the group four before until replaced
        if (i < 4) {
            group = _mm_shuffle_epi8(
                _mm_loadu_si128(reinterpret_cast<const __m128i*>(block + 16 * i)), byteSwap);
        } else {
            const __m128i& previous = w[(i + 3) % 4]; // words t - 4 to t - 1
            // Words t - 7 to t - 4: the last three of the group two back, the first of the last.
            const __m128i sevenBack = _mm_alignr_epi8(previous, w[(i + 2) % 4], 4);
            group = _mm_sha256msg2_epu32(
                _mm_add_epi32(_mm_sha256msg1_epu32(group, w[(i + 1) % 4]), sevenBack), previous);
        }
        const __m128i wk = _mm_add_epi32(
            group, _mm_loadu_si128(reinterpret_cast<const __m128i*>(kRound.data() + 4 * i)));
        // Two rounds make the old ABEF the new CDGH: each call's result is the next ABEF,
        // and the two registers trade roles twice, so they hold ABEF and CDGH again.
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                          // 4i, 4i+1
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E)); // 4i+2, 4i+3
    }
    abef = _mm_add_epi32(abef, abefBefore);
    cdgh = _mm_add_epi32(cdgh, cdghBefore);
    const __m128i efab = _mm_shuffle_epi32(abef, 0x1B); // lanes A B E F
    const __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1); // lanes G H C D
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state), _mm_blend_epi16(efab, dchg, 0xF0));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4), _mm_alignr_epi8(dchg, efab, 8));
}

bool cpuHasShaNi() {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (__get_cpuid(1, &a, &b, &c, &d) == 0 || (c & bit_SSSE3) == 0 || (c & bit_SSE4_1) == 0) {
        return false;
    }
    return __get_cpuid_count(7, 0, &a, &b, &c, &d) != 0 && (b & bit_SHA) != 0;
}
#endif

using Compress = void (*)(std::uint32_t* state, const std::uint8_t* block);

Compress fastestCompress() {
#ifdef HEADROOM_SHA_NI
    static const bool shaNi = cpuHasShaNi();
    if (shaNi) {
        return compressShaNi;
    }
#endif
    return compressPortable;
}

} // namespace

// FIPS 180-4 section 5.3.3: the initial hash value.
Sha256::Sha256(Engine engine)
    : m_compress(engine == Engine::Portable ? compressPortable : fastestCompress())
    , m_state{0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
              0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19} {}

void Sha256::update(std::string_view bytes) {
    update(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

void Sha256::update(const std::uint8_t* bytes, std::size_t size) {
    m_totalBytes += size;
    if (m_buffered > 0) {
        const std::size_t take = std::min(size, m_buffer.size() - m_buffered);
        std::memcpy(m_buffer.data() + m_buffered, bytes, take);
        m_buffered += take;
        bytes += take;
        size -= take;
        if (m_buffered < m_buffer.size()) {
            return;
        }
        m_compress(m_state.data(), m_buffer.data());
        m_buffered = 0;
    }
    while (size >= 64) {
        m_compress(m_state.data(), bytes);
        bytes += 64;
        size -= 64;
    }
    if (size > 0) {
        std::memcpy(m_buffer.data(), bytes, size);
        m_buffered = size;
    }
}

std::array<std::uint8_t, 32> Sha256::digest() {
    // FIPS 180-4 section 5.1.1: append 1 bit, zeros, then the message length in bits.
    const std::uint64_t bitLength = m_totalBytes * 8;
    const std::uint8_t one = 0x80;
    update(&one, 1);
    const std::uint8_t zero = 0;
    while (m_buffered != 56) {
        update(&zero, 1);
    }
    std::array<std::uint8_t, 8> length{};
    for (int i = 0; i < 8; ++i) {
        length[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(bitLength >> (56 - 8 * i));
    }
    update(length.data(), length.size());

    std::array<std::uint8_t, 32> out{};
    for (std::size_t i = 0; i < 8; ++i) {
        out[4 * i] = static_cast<std::uint8_t>(m_state[i] >> 24);
        out[4 * i + 1] = static_cast<std::uint8_t>(m_state[i] >> 16);
        out[4 * i + 2] = static_cast<std::uint8_t>(m_state[i] >> 8);
        out[4 * i + 3] = static_cast<std::uint8_t>(m_state[i]);
    }
    return out;
}

std::string sha256Hex(std::string_view bytes) {
    Sha256 hasher;
    hasher.update(bytes);
    return sha256Hex(hasher.digest());
}

std::string sha256Hex(const std::array<std::uint8_t, 32>& digest) {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    hex.reserve(64);
    for (const std::uint8_t byte : digest) {
        hex += kHex[byte >> 4];
        hex += kHex[byte & 0xf];
    }
    return hex;
}

} // namespace headroom::model
