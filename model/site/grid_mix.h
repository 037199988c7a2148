#pragma once
// The bundled hourly generation mixes of 2022 (U.S. EIA Form EIA-930 [eia-930]; provenance in
// resources/grid/README.md), read once per process through the site's CSV-column series
// reader: the grid's carbon-free share each hour, and the hourly shape of its wind and
// solar fleets, which a site's power purchase agreements follow.

#include "model/site/site.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace headroom::model {

/// One balancing authority's 2022, hour-beginning UTC, 8760 hours.
struct GridMix {
    /// (wind + solar + hydro + nuclear) / all generation, 0-1; other fuels (biomass,
    /// geothermal and the rest EIA-930 books as "other") count as not carbon-free.
    std::vector<double> carbonFreeShare;
    /// The fleet's output / its highest hour of the year, 0-1.
    std::vector<double> windShape, solarShape;
    /// What reading the file noted (the blank hours bridged), for the run's diagnostics.
    std::vector<std::string> notes;
};

/// The bundled mix of a balancing authority (parsed on first use, then shared).
const GridMix& eia930GridMix(BalancingAuthority authority);

/// The authority's name as a site file writes it ("PJM").
const char* balancingAuthorityName(BalancingAuthority authority);

/// The row (0-8759, hour-beginning UTC of a non-leap year) of a local standard hour given
/// by month (1-12), day and hour-ending (1-24) at utcOffsetHours; a leap day takes 28
/// February's rows. Index a mix's series with it, hour by hour (no division per hour).
class UtcRowOfLocalHour {
public:
    explicit UtcRowOfLocalHour(double utcOffsetHours);

    std::size_t operator()(std::uint8_t month, std::uint8_t day, std::uint8_t hour) const {
        static constexpr std::array<int, 12> kMonthStartDay{0,   31,  59,  90,  120, 151,
                                                            181, 212, 243, 273, 304, 334};
        const int m = std::clamp<int>(month, 1, 12) - 1;
        const int d = std::min<int>(day, m == 1 ? 28 : 31) - 1;
        // UTC = local standard time - offset; local hour-ending h begins at h - 1.
        int row = (kMonthStartDay[static_cast<std::size_t>(m)] + d) * 24 + hour - 1 + m_shift;
        while (row < 0) {
            row += kYear;
        }
        while (row >= kYear) {
            row -= kYear;
        }
        return static_cast<std::size_t>(row);
    }

private:
    static constexpr int kYear = 8760;
    int m_shift; ///< -offset, in hours, within [0, 8760)
};

} // namespace headroom::model
