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
#include <memory>
#include <optional>
#include <string>

namespace headroom::model {

/// Monthly change signals against the present-day year, January first.
struct MonthlyClimateChange {
    std::array<double, 12> meanDeltaK{};  ///< change in the month's mean dry bulb (dTEMP)
    std::array<double, 12> rangeDeltaK{}; ///< change in its mean daily range (dTMAX - dTMIN)

    MonthlyClimateChange scaled(double factor) const;
    bool isZero() const;
    bool operator==(const MonthlyClimateChange&) const = default;
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

/// The morphs of one present-day year, for a run that morphs it by several changes (a
/// plan's years). What every change shares (each month's mean and daily range, each hour's
/// relative humidity) is computed once, on the first change not already cached; each
/// change's year is kept in a small cache while the present year lives, so a plan run again
/// (re-run, or a draw that keeps its warming) and years of equal warming morph once. The
/// years are those morphClimate makes, bit for bit. Thread-safe across morphers.
class ClimateMorpher {
public:
    explicit ClimateMorpher(std::shared_ptr<const Climate> present);
    ~ClimateMorpher();

    /// The year morphed by `change`; nothing when morphClimate refuses it.
    std::shared_ptr<const Climate> morphed(const MonthlyClimateChange& change);

private:
    struct Prepared;
    std::shared_ptr<const Climate> m_present;
    std::unique_ptr<Prepared> m_prepared;
};

} // namespace headroom::model
