#pragma once
// Hourly outdoor states derived from a Climate once (humidity ratio, wet-bulb, relative
// humidity, pressure) and shared by every run over the same climate: the wet-bulb needs an
// iterative solution (ASHRAE HoF 2017 ch. 1 eqn 33), too slow to redo in every
// scenario of a sweep. Derived values depend only on the Climate, so caching keeps results
// byte-identical.

#include "model/climate/climate.h"

#include <memory>
#include <vector>

namespace headroom::model {

struct OutdoorSeries {
    std::vector<double> humidityRatio; ///< kg/kg dry air
    std::vector<double> wetBulbC;
    std::vector<double> relativeHumidity; ///< 0-1
    std::vector<double> pressurePa;
    /// Design hours of the year: the highest dry-bulb, wet-bulb and enthalpy.
    std::size_t hottestDryBulbHour = 0, hottestWetBulbHour = 0, highestEnthalpyHour = 0;
};

/// Computes the series for a climate; elevationM fills missing station pressures.
OutdoorSeries deriveOutdoorSeries(const Climate& climate, double elevationM);

/// The series of a climate, computed on first use and kept while the climate lives
/// (a small cache keyed by the climate object and the elevation; thread-safe).
std::shared_ptr<const OutdoorSeries> outdoorSeries(const std::shared_ptr<const Climate>& climate,
                                                   double elevationM);

} // namespace headroom::model
