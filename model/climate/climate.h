#pragma once
// One year of hourly outdoor states at a site, in local standard time, hour-ending
// (EnergyPlus convention). Built from an EPW file, an hourly CSV of observations, or a
// climate digest embedded in a site file. Stored as contiguous arrays for the hot loop;
// the unit of each array is in its name.

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace headroom::model {

struct WeatherStation {
    std::string city;
    std::string region; ///< state or province
    std::string country;
    std::string dataSource; ///< "TMY3", "TMYx", "Met Eireann hourly", ...
    std::string wmo;
    double latitudeDeg = 0.0;
    double longitudeDeg = 0.0;
    double utcOffsetHours = 0.0;
    double elevationM = 0.0;
};

struct Climate {
    WeatherStation station;
    /// Where the hours came from: "EPW <file>", "digest of <file>", "CSV <file>".
    std::string provenance;

    // One entry per hour of the year, 8760 (or 8784 with Feb 29).
    std::vector<std::uint8_t> month; ///< 1-12
    std::vector<std::uint8_t> day;   ///< 1-31
    std::vector<std::uint8_t> hour;  ///< 1-24, hour ending, local standard time
    std::vector<double> dryBulbC;
    std::vector<double> dewPointC;
    std::vector<double> relativeHumidityPct; ///< 0-100
    std::vector<double> pressurePa;          ///< station pressure

    std::size_t hours() const { return dryBulbC.size(); }
};

} // namespace headroom::model
