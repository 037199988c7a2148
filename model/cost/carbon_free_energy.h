#pragma once
// 24/7 carbon-free energy (CFE) of a site-year, as Google defines it [google-2021-cfe]: each
// hour, the site's consumption is met first by its contracted clean supply (wind and solar
// power purchase agreements on the same grid), then by a battery charged only from that
// supply's surplus, and the rest by the grid, carbon-free at the grid's own share that
// hour; the year's CFE is the carbon-free energy over the consumption. Clean supply beyond
// an hour's need that the battery cannot take counts for nothing (it is sold back, not
// banked). Simplifications: the battery starts the year empty, charges and discharges at
// most its power in an hour, and loses its round-trip loss on the way in; the contracts'
// output follows the grid's own wind and solar fleets hour by hour (model/site/grid_mix.h).

#include "model/core/diagnostic.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

#include <optional>
#include <span>
#include <vector>

namespace headroom::model {

/// A battery, as the hourly matching works it: one-hour steps, so its power is the energy it
/// moves in an hour.
struct BatteryRating {
    double powerKw = 0.0;
    double energyKwh = 0.0;
    double roundTripEfficiency = 1.0;
};

/// The hourly matching of one year in kWh, the unit of the simulation's hourly series:
/// loadKwh, gridCarbonFreeShare (0-1) and contractedKwh have one entry per hour; the
/// result's sums are in MWh. gridDrawnKwh, when given, receives what each hour drew from
/// the grid (consumption less the contracted supply and battery discharge it used).
CfeResult matchHourly(std::span<const double> loadKwh, std::span<const double> gridCarbonFreeShare,
                      std::span<const double> contractedKwh,
                      const std::optional<BatteryRating>& battery,
                      std::vector<double>* gridDrawnKwh = nullptr);

/// The site's CFE over result's simulated hours (site.cleanEnergy must hold a section).
/// With contracts, market-based carbon (annual and monthly) becomes the grid-drawn energy
/// of each hour at that hour's intensity (the residual mix when given): the contracts'
/// energy carries none (GHG Protocol Scope 2, market-based [ghg-2015-scope2]). They are the
/// site's one home for contracted clean supply: a site file with them has no annual
/// /grid/renewable/fraction (the reader refuses the pair).
CfeResult siteCarbonFreeEnergy(const Site& site, RunResult& result, Diagnostics& diagnostics);

} // namespace headroom::model
