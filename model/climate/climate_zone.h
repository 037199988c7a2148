#pragma once
// Where a weather year stands among climates, and how far its station is from the site:
// what the report, the CLI and the desktop say beside the figures they compare with
// published ones (LBNL tabulates its designs by ASHRAE 169 climate zone).

#include "model/climate/climate.h"

#include <vector>

namespace headroom::model {

/// Thermal climate zone (0-8) from the weather year's degree-days, ASHRAE 169-2013
/// [ashrae-169-2013] Table A-3 (HDD18 and CDD10 from daily mean dry-bulb); -1 without a
/// full year. The moisture letter (A, B, C) needs precipitation, which weather files lack.
int thermalClimateZone(const std::vector<double>& hourlyDryBulbC);

/// Great-circle distance between two points in km: the haversine formula on a sphere of
/// the Earth's mean radius, 6371 km (IUGG).
double greatCircleDistanceKm(double lat1Deg, double lon1Deg, double lat2Deg, double lon2Deg);

/// A station farther than this from the site stands in for it (a proxy), and says so.
inline constexpr double kProxyStationDistanceKm = 10.0;

/// How far the weather station is from the site at (latitude, longitude), in km.
double stationDistanceKm(const WeatherStation& station, double siteLatitudeDeg,
                         double siteLongitudeDeg);

} // namespace headroom::model
