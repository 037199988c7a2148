#pragma once
// What the catalog resolves a chip or a platform id to; a site's deployment holds one of
// each, with the site file's overrides applied.

#include "model/units/units.h"

#include <array>
#include <optional>
#include <string>

namespace headroom::model {

struct ChipSpec {   // resolved from the catalog, with overrides
    std::string id; // /it/chip "trainium2"
    units::Power peakPower;
    units::Power idlePower;
    /// FP8, BF16, FP32, TF32; absent where the chip's maker publishes no figure (Trn2 TF32).
    std::array<std::optional<double>, 4> denseTflops{};
    units::DataSize hbm;
    units::DataRate hbmBandwidth;
    units::DataRate scaleUpBandwidth; ///< NeuronLink/NVLink/ICI per chip (0 when unknown)
};

struct PlatformSpec {   // resolved from the catalog, with overrides
    std::string id;     // /it/platform "trn2-ultraserver"
    std::string chipId; ///< the catalog chip the platform carries by default
    int chipsPerServer = 16;
    int serversPerUltraServer = 4;
    int rackUnitsPerServer = 18;
    units::Power hostPowerPerServer; ///< CPUs, memory, storage
    units::Power fanPowerPerServer;
    units::Power nicPowerPerServer;
    int nicPortsPerServer = 8;
    units::DataRate nicPortSpeed;
};

} // namespace headroom::model
