#pragma once
// Seeded random draws with the same numbers on every platform: a sweep's random mode and a
// plan's uncertainty draw from them. Each (draw, parameter) has its own stream, so a draw is
// made from its index alone, in any order, on any thread or shard.

#include <cstddef>
#include <cstdint>

namespace headroom::model {

/// splitmix64 (Steele, Lea and Flood 2014): a tiny generator with the same output on
/// every platform, unlike std::normal_distribution, whose algorithm is unspecified.
std::uint64_t splitmix64(std::uint64_t& state);

/// Uniform in (0, 1]: 53 random bits, never 0 (the logarithm of Box-Muller needs it).
double uniform01(std::uint64_t& state);

/// The state of the stream of draw index, parameter p, under seed (advanced once).
std::uint64_t drawStream(std::uint64_t seed, std::size_t index, std::size_t parameter);

/// Draws from a stream: uniform on [min, max]; normal (Box-Muller, reaching mean +- 8.6
/// sd); triangular on [min, max] with mode (inverse CDF).
double drawUniform(std::uint64_t& state, double min, double max);
double drawNormal(std::uint64_t& state, double mean, double sd);
double drawTriangular(std::uint64_t& state, double min, double mode, double max);

/// value rounded to the nearest multiple of step (round(value / step) * step, halves away
/// from zero); a step of 0 (or less) leaves it as it is. A plan's draws round their warming
/// to a step so that they share a few morphed climates.
double roundToStep(double value, double step);

} // namespace headroom::model
