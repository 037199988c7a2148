#pragma once
// Hourly weather observations in a CSV file (one header row naming the columns), read
// into a Climate through a column mapping that the site file names. The timeline is
// rebuilt in local standard time, hour-ending (EnergyPlus convention); hours pushed
// across the year boundary by the UTC shift wrap round to the other end of the year, as
// a typical year would. Dew point is derived from temperature, relative humidity and
// station pressure (ASHRAE HoF 2017 ch.1 [ashrae-hof-2017]); mean-sea-level pressure is reduced to
// the station with the hypsometric equation. Gaps up to six hours are interpolated with a warning;
// longer gaps are an error naming the rows.

#include "model/climate/climate.h"
#include "model/core/diagnostic.h"

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

struct CsvWeatherMapping {
    enum class PressureReference { Station, MeanSeaLevel };

    /// ISO 8601 timestamps ("2017-01-01T00:00Z", "2017-01-01 00:00:00", "...+01:00").
    std::string timestampColumn;
    /// How to read a timestamp that carries no offset of its own: UTC, or local
    /// standard time of the site. An explicit "Z" or "+hh:mm" always wins.
    bool timestampIsUtc = true;
    std::string temperatureColumn;
    std::string temperatureUnit = "degC"; ///< any temperature unit the units layer reads
    std::string relativeHumidityColumn;   ///< in percent, 0-100
    std::string pressureColumn;
    std::string pressureUnit = "hPa"; ///< any pressure unit the units layer reads
    PressureReference pressureReference = PressureReference::Station;
    double stationElevationM = 0.0;
    /// Offset of the site's local standard time from UTC, hours (no daylight saving).
    double utcOffsetHours = 0.0;

    /// Station description copied into the Climate.
    std::string stationName;
    std::string dataSource = "CSV observations";
    double latitudeDeg = 0.0;
    double longitudeDeg = 0.0;
};

class CsvWeather {
public:
    static constexpr std::size_t kMaxInterpolatedGapHours = 6;

    /// Reads a file; not found, unreadable, syntax and meaning errors are distinct
    /// DiagnosticKinds. Returns nothing when any error was reported.
    static std::optional<Climate> load(const std::filesystem::path& path,
                                       const CsvWeatherMapping& mapping, Diagnostics& diagnostics);
    /// The names in a file's header row, for a column mapping to choose from; nothing, with
    /// a located diagnostic, when the file cannot be read or is empty.
    static std::optional<std::vector<std::string>> columns(const std::filesystem::path& path,
                                                           Diagnostics& diagnostics);
    /// Parses CSV text already in memory; fileName labels diagnostics and provenance.
    static std::optional<Climate> parse(std::string_view text, const std::string& fileName,
                                        const CsvWeatherMapping& mapping, Diagnostics& diagnostics);
};

} // namespace headroom::model
