#include "model/climate/climate_zone.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace headroom::model {

int thermalClimateZone(const std::vector<double>& hourlyDryBulbC) {
    const std::size_t days = hourlyDryBulbC.size() / 24;
    if (days < 365) {
        return -1;
    }
    // ASHRAE 169-2013 annex A: degree-days from the daily mean temperature.
    double hdd18 = 0.0, cdd10 = 0.0;
    for (std::size_t day = 0; day < days; ++day) {
        double sum = 0.0;
        for (std::size_t hour = 0; hour < 24; ++hour) {
            sum += hourlyDryBulbC[day * 24 + hour];
        }
        const double mean = sum / 24.0;
        hdd18 += std::max(0.0, 18.0 - mean);
        cdd10 += std::max(0.0, mean - 10.0);
    }
    // ASHRAE 169-2013 Table A-3, thermal climate zone criteria (SI).
    if (cdd10 > 6000.0) {
        return 0;
    }
    if (cdd10 > 5000.0) {
        return 1;
    }
    if (cdd10 > 3500.0) {
        return 2;
    }
    if (hdd18 <= 2000.0) {
        return 3;
    }
    if (hdd18 <= 3000.0) {
        return 4;
    }
    if (hdd18 <= 4000.0) {
        return 5;
    }
    if (hdd18 <= 5000.0) {
        return 6;
    }
    if (hdd18 <= 7000.0) {
        return 7;
    }
    return 8;
}

double greatCircleDistanceKm(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg) {
    const double rad = std::numbers::pi / 180.0;
    const double dLat = (lat2Deg - lat1Deg) * rad;
    const double dLon = (lon2Deg - lon1Deg) * rad;
    // haversine: a = sin²(Δφ/2) + cos φ1 cos φ2 sin²(Δλ/2); d = 2 R asin(√a)
    const double a =
        std::sin(dLat / 2) * std::sin(dLat / 2) +
        std::cos(lat1Deg * rad) * std::cos(lat2Deg * rad) * std::sin(dLon / 2) * std::sin(dLon / 2);
    return 2.0 * 6371.0 * std::asin(std::min(1.0, std::sqrt(a)));
}

double stationDistanceKm(const WeatherStation& station, double siteLatitudeDeg,
                         double siteLongitudeDeg) {
    return greatCircleDistanceKm(siteLatitudeDeg, siteLongitudeDeg, station.latitudeDeg,
                                 station.longitudeDeg);
}

} // namespace headroom::model
