#pragma once
// EnergyPlus weather (EPW) files: the LOCATION header and the hourly rows, read into a
// Climate. Accepts 8760 or 8784 rows, CRLF or LF line endings. The timeline comes from
// the month/day/hour columns, never the year column (typical years are stitched from
// several calendar years). Missing-value codes (dry bulb and dew point 99.9, relative
// humidity 999, pressure 999999) are bridged by interpolation when the gap is at most
// six hours (a warning), and are an error naming the rows when longer.

#include "model/climate/climate.h"
#include "model/core/diagnostic.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

class EpwFile {
public:
    /// Longest run of missing hours that is interpolated rather than refused.
    static constexpr std::size_t kMaxInterpolatedGapHours = 6;

    /// Reads a file. Not found, unreadable and syntax problems are distinct
    /// DiagnosticKinds. Returns nothing when any error was reported: never half a year.
    static std::optional<EpwFile> load(const std::filesystem::path& path, Diagnostics& diagnostics);
    /// Parses EPW text already in memory; fileName labels diagnostics and provenance.
    static std::optional<EpwFile> parse(std::string_view text, const std::string& fileName,
                                        Diagnostics& diagnostics);
    /// load() and keep only the Climate.
    static std::optional<Climate> readClimate(const std::filesystem::path& path,
                                              Diagnostics& diagnostics);

    const WeatherStation& station() const { return m_climate.station; }
    const Climate& climate() const& { return m_climate; }
    Climate climate() && { return std::move(m_climate); }
    /// Records per hour in DATA PERIODS (always 1 for an accepted file) and the number
    /// of hours that were interpolated over missing values.
    std::size_t interpolatedValues() const { return m_interpolatedValues; }

private:
    EpwFile() = default;

    Climate m_climate;
    std::size_t m_interpolatedValues = 0;
};

} // namespace headroom::model
