#pragma once
// Bundled grid carbon projections for a site plan: NREL Cambium hourly long-run marginal
// emission rates of end-use load [nrel-cambium-lrmer] for 2024, 2030, 2040 and 2050,
// interpolated linearly between those years, hour by hour (resources/grid/README.md).

#include "model/climate/climate.h"
#include "model/site/site.h"

#include <vector>

namespace headroom::model {

/// The years a Cambium projection covers, first and last.
inline constexpr int kCambiumFirstYear = 2024;
inline constexpr int kCambiumLastYear = 2050;

/// The region's hourly rate in year (kCambiumFirstYear..kCambiumLastYear), kg CO2e/kWh, on
/// the climate's hours: Cambium's hour-beginning Eastern Standard Time moved to the site's
/// local standard time (utcOffsetHours) and hour-ending; a leap day repeats 28 February.
std::vector<double> cambiumCarbonKgPerKwh(CambiumRegion region, int year, const Climate& climate,
                                          double utcOffsetHours);

} // namespace headroom::model
