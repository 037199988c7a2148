#pragma once
// Future weather by morphing a present-day hourly year (Belcher, Hacker & Powell 2005
// [belcher-2005-morphing], the method behind the CIBSE future weather years): the dry bulb
// is shifted by the month's change in mean temperature and stretched about the month's mean
// by the change in its mean daily range. Humidity is carried at constant relative humidity:
// each hour keeps the relative humidity its present-day dry bulb and dew point give, and its
// dew point is re-derived at the morphed dry bulb (Belcher's relative-humidity stretch with
// zero change). Pressure is kept. Simplifications: no change to the diurnal phase or the
// day-to-day sequence; the morphed year inherits the present year's weather events.

#include "model/climate/climate.h"

#include <array>
#include <optional>
#include <string>

namespace headroom::model {

/// Monthly change signals against the present-day year, January first.
struct MonthlyClimateChange {
    std::array<double, 12> meanDeltaK{};  ///< change in the month's mean dry bulb (dTEMP)
    std::array<double, 12> rangeDeltaK{}; ///< change in its mean daily range (dTMAX - dTMIN)

    MonthlyClimateChange scaled(double factor) const;
    bool isZero() const;
};

/// Why a morph was refused: the first hour it would push out of physical bounds.
struct MorphError {
    std::size_t hour = 0; ///< index into the year
    std::string message;
};

/// The morphed year, or the first hour that would leave the psychrometric range the model
/// is valid in (-50 to 60 degC dry bulb) or a month whose daily range would shrink to
/// nothing. A zero change returns the year unchanged, hour for hour.
struct MorphOutcome {
    std::optional<Climate> climate;
    std::optional<MorphError> error;
};
MorphOutcome morphClimate(const Climate& present, const MonthlyClimateChange& change);

} // namespace headroom::model
