#pragma once
// Tests only: the Met Éireann Dublin Airport hourly CSV of 2017 (tests/data/weather, its
// origin and licence in tests/data/README.md) and the mapping tests/data/README.md
// describes: UTC ISO 8601 timestamps, temp in degC, rhum in %, msl in hPa at mean sea
// level; the station as Met Éireann gives it (53.428 N, 6.241 W, 71 m). Header-only;
// HEADROOM_SOURCE_DIR comes from headroom_add_test.

#include "model/climate/csv_weather.h"

#include <filesystem>

namespace headroom::testing {

inline const std::filesystem::path& dublinCsv() {
    static const std::filesystem::path path =
        std::filesystem::path(HEADROOM_SOURCE_DIR) /
        "tests/data/weather/IRL_Dublin.Airport_MetEireann_hly532_2017.csv";
    return path;
}

inline model::CsvWeatherMapping dublinMapping() {
    model::CsvWeatherMapping mapping;
    mapping.timestampColumn = "date_utc";
    mapping.timestampIsUtc = true;
    mapping.temperatureColumn = "temp";
    mapping.relativeHumidityColumn = "rhum";
    mapping.pressureColumn = "msl";
    mapping.pressureUnit = "hPa";
    mapping.pressureReference = model::CsvWeatherMapping::PressureReference::MeanSeaLevel;
    mapping.stationElevationM = 71.0;
    mapping.utcOffsetHours = 0.0; // Irish standard time is UTC
    mapping.stationName = "Dublin Airport";
    mapping.dataSource = "Met Eireann hourly";
    mapping.latitudeDeg = 53.428;
    mapping.longitudeDeg = -6.241;
    return mapping;
}

} // namespace headroom::testing
