#pragma once
// A training run the way papers report it: IT energy = accelerators x
// hours x average power (or a published energy), facility energy = IT x PUE, carbon =
// facility energy x grid intensity (Patterson et al. 2021 [patterson-2021-carbon]), on-site water =
// IT energy x WUE and off-site water = IT energy x PUE x EWIF (Li et al., "Making AI Less
// Thirsty"). No hourly weather or grid: one average of each, as published.

#include "model/core/diagnostic.h"
#include "model/units/units.h"

#include <optional>

namespace headroom::model {

struct PublishedRun {
    double accelerators = 0.0;
    units::Time duration;
    units::Power averagePower;             ///< per accelerator, its share of the server included
    std::optional<units::Energy> itEnergy; ///< a published energy, instead of the product
    double pue = 1.0;
    units::CarbonIntensity carbonIntensity;
    std::optional<units::WaterIntensity> wue;  ///< site water per IT kWh
    std::optional<units::WaterIntensity> ewif; ///< water per kWh of grid electricity
};

struct PublishedRunResult {
    units::Energy itEnergy, facilityEnergy;
    units::Mass carbon;
    units::Volume onSiteWater, offSiteWater; ///< zero when WUE/EWIF were not given
    units::Volume totalWater() const { return onSiteWater + offSiteWater; }
};

/// Problems (PUE < 1, negative figures, no energy) go to diagnostics with the option name
/// as the pointer; the result is then empty.
std::optional<PublishedRunResult> evaluatePublishedRun(const PublishedRun& run,
                                                       Diagnostics& diagnostics);

} // namespace headroom::model
