#include "model/sim/outdoor_series.h"

#include "model/climate/psychrometrics.h"
#include "model/core/derived_cache.h"

#include <algorithm>

namespace headroom::model {

OutdoorSeries deriveOutdoorSeries(const Climate& climate, double elevationM) {
    const std::size_t n = climate.hours();
    OutdoorSeries out;
    out.humidityRatio.resize(n);
    out.wetBulbC.resize(n);
    out.relativeHumidity.resize(n);
    out.pressurePa.resize(n);
    // Standard atmosphere at the site elevation, ASHRAE HoF 2017 ch. 1 eqn 3.
    const double standardPa = psychro::standardPressurePa(elevationM);
    for (std::size_t h = 0; h < n; ++h) {
        const double p = h < climate.pressurePa.size() && climate.pressurePa[h] > 10000.0
                             ? climate.pressurePa[h]
                             : standardPa;
        const double t = climate.dryBulbC[h];
        out.pressurePa[h] = p;
        if (h < climate.dewPointC.size()) {
            // Dew point is the primary humidity measurement of an EPW; W follows directly, and
            // the wet bulb's solve starts from the bracket [dew point, dry bulb].
            const psychro::DewPointState air =
                psychro::stateFromDewPoint(t, std::min(climate.dewPointC[h], t), p);
            out.humidityRatio[h] = air.humidityRatio;
            out.wetBulbC[h] = air.wetBulbC;
            out.relativeHumidity[h] = air.relativeHumidity;
            continue;
        }
        double w = 0.0;
        if (h < climate.relativeHumidityPct.size()) {
            w = psychro::humidityRatioFromRelativeHumidity(
                t, std::clamp(climate.relativeHumidityPct[h] / 100.0, 0.0, 1.0), p);
        }
        out.humidityRatio[h] = w;
        out.wetBulbC[h] = psychro::wetBulbFromHumidityRatio(t, w, p);
        out.relativeHumidity[h] = psychro::relativeHumidityFromHumidityRatio(t, w, p);
    }
    double highestEnthalpy = -1e300;
    for (std::size_t h = 0; h < n; ++h) {
        if (climate.dryBulbC[h] > climate.dryBulbC[out.hottestDryBulbHour]) {
            out.hottestDryBulbHour = h;
        }
        if (out.wetBulbC[h] > out.wetBulbC[out.hottestWetBulbHour]) {
            out.hottestWetBulbHour = h;
        }
        const double enthalpy =
            psychro::moistAirEnthalpyJPerKg(climate.dryBulbC[h], out.humidityRatio[h]);
        if (enthalpy > highestEnthalpy) {
            highestEnthalpy = enthalpy;
            out.highestEnthalpyHour = h;
        }
    }
    return out;
}

std::shared_ptr<const OutdoorSeries> outdoorSeries(const std::shared_ptr<const Climate>& climate,
                                                   double elevationM) {
    // A plan's morphed years (ClimateMorpher keeps 32) and the sites of a session.
    static DerivedCache<Climate, double, OutdoorSeries> cache(48);
    return cache.get(climate, elevationM, [&] {
        return std::make_shared<const OutdoorSeries>(deriveOutdoorSeries(*climate, elevationM));
    });
}

} // namespace headroom::model
