// Fuzzes the CSV weather reader with the Dublin-style column mapping: any text gives a
// year of finite values or an error, never a crash or a hang.
#include "model/climate/csv_weather.h"

#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace headroom::model;
    CsvWeatherMapping mapping;
    mapping.timestampColumn = "date_utc";
    mapping.temperatureColumn = "temp";
    mapping.relativeHumidityColumn = "rhum";
    mapping.pressureColumn = "msl";
    mapping.pressureReference = CsvWeatherMapping::PressureReference::MeanSeaLevel;
    mapping.stationElevationM = 71.0;
    Diagnostics diagnostics;
    const auto climate =
        CsvWeather::parse(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.csv",
                          mapping, diagnostics);
    if (!climate) {
        if (!diagnostics.hasErrors()) {
            std::abort();
        }
        return 0;
    }
    for (std::size_t i = 0; i < climate->hours(); ++i) {
        if (!std::isfinite(climate->dryBulbC[i]) || !std::isfinite(climate->dewPointC[i])) {
            std::abort();
        }
    }
    return 0;
}
