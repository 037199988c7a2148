#pragma once
// Sweep files ("headroom-sweep/1"): a base site and the parameters to vary, by JSON
// pointer, as a cartesian product, a zip, an explicit list or a seeded random sample
// (README, "Sweep files"). Every pointer and value is checked against the base site
// before anything runs; scenarios are made on demand from their index, so a sweep of a
// million scenarios costs no memory, and a shard can make its own without the others.

#include "model/core/diagnostic.h"
#include "model/run/scenario_overrides.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

inline constexpr const char* kSweepFormat = "headroom-sweep/1";

enum class SweepMode { Cartesian, Zip, List, Random };
enum class Distribution { Uniform, Normal, Triangular };
const char* sweepModeName(SweepMode mode);

struct SweepParameter {
    std::string pointer;
    std::vector<nlohmann::json> values; ///< cartesian and zip
    // random: the distribution's figures in the parameter's own unit (unit empty when
    // the base value is a plain number).
    Distribution distribution = Distribution::Uniform;
    double min = 0.0, max = 0.0, mode = 0.0, mean = 0.0, sd = 0.0;
    std::string unit;
    bool integer = false; ///< the base value is a whole number: samples are rounded
};

struct Sweep {
    std::filesystem::path file;
    std::string sha256; ///< of the sweep file's bytes: names the run in the result store
    std::filesystem::path basePath;
    nlohmann::json baseDocument;
    SweepMode mode = SweepMode::Cartesian;
    std::vector<SweepParameter> parameters;
    std::vector<std::vector<Override>> list; ///< list mode: the explicit scenarios
    std::uint64_t seed = 0;
    std::size_t samples = 0;

    std::size_t count() const;
    /// The edits that make scenario index (0 <= index < count()).
    std::vector<Override> scenario(std::size_t index) const;
};

struct SweepLoad {
    std::optional<Sweep> sweep; ///< empty when diagnostics hold an error
    Diagnostics diagnostics;
};

SweepLoad readSweepFile(const std::filesystem::path& path);
/// text is the sweep file's content; path names it and anchors "base".
SweepLoad readSweepText(const std::string& text, const std::filesystem::path& path);

} // namespace headroom::model
