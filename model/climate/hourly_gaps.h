#pragma once
// Short gaps in an hourly weather series are bridged by linear interpolation; long gaps
// are left for the reader to report. Shared by the EPW and CSV weather readers.

#include <cstddef>
#include <vector>

namespace headroom::model {

/// A run of consecutive missing hours, as indices into the series.
struct HourlyGap {
    std::size_t first = 0;
    std::size_t count = 0;
    bool filled = false; ///< true when interpolated (count <= the limit)
};

/// Fills runs of at most maxGapHours missing values (missing[i] != 0) by linear
/// interpolation between the valid neighbours. The series is treated as cyclic: a
/// typical or calendar year wraps from 31 Dec 24:00 to 1 Jan 01:00, so a gap at either
/// end is bridged across the year boundary. Returns every gap, filled or not.
std::vector<HourlyGap> fillShortGaps(std::vector<double>& values, const std::vector<char>& missing,
                                     std::size_t maxGapHours);

} // namespace headroom::model
