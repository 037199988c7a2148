#include "model/core/seeded_draw.h"

#include <cmath>
#include <numbers>

namespace headroom::model {

std::uint64_t splitmix64(std::uint64_t& state) {
    std::uint64_t z = (state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

double uniform01(std::uint64_t& state) {
    return (static_cast<double>(splitmix64(state) >> 11) + 1.0) * 0x1.0p-53;
}

std::uint64_t drawStream(std::uint64_t seed, std::size_t index, std::size_t parameter) {
    std::uint64_t state =
        seed ^ (0x632be59bd9b4e019ULL * (index + 1)) ^ (0x8cb92ba72f3d8dd7ULL * (parameter + 1));
    splitmix64(state);
    return state;
}

double drawUniform(std::uint64_t& state, double min, double max) {
    return min + (max - min) * (1.0 - uniform01(state));
}

double drawNormal(std::uint64_t& state, double mean, double sd) {
    // Box-Muller transform (Box and Muller 1958).
    const double u = uniform01(state);
    const double v = uniform01(state);
    return mean + sd * std::sqrt(-2.0 * std::log(u)) * std::cos(2.0 * std::numbers::pi * v);
}

double drawTriangular(std::uint64_t& state, double min, double mode, double max) {
    // Inverse CDF of the triangular distribution on [a, b] with mode c.
    const double a = min, b = max, c = mode;
    const double w = 1.0 - uniform01(state); // in [0, 1)
    const double fc = (b > a) ? (c - a) / (b - a) : 0.0;
    return w < fc ? a + std::sqrt(w * (b - a) * (c - a))
                  : b - std::sqrt((1.0 - w) * (b - a) * (b - c));
}

double roundToStep(double value, double step) {
    return step > 0.0 ? std::round(value / step) * step : value;
}

} // namespace headroom::model
