#include "model/climate/climate_morph.h"

#include "model/climate/psychrometrics.h"
#include "model/core/derived_cache.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>

namespace headroom::model {

namespace {

// The range the psychrometric solutions downstream are valid in (psychrometrics.h).
constexpr double kMinDryBulbC = -50.0;
constexpr double kMaxDryBulbC = 60.0;

struct MonthStatistics {
    double meanC = 0.0;
    double meanDailyRangeK = 0.0; ///< mean over the month's days of (daily max - daily min)
    bool present = false;
};

std::array<MonthStatistics, 12> monthStatistics(const Climate& c) {
    std::array<double, 12> sum{};
    std::array<int, 12> count{};
    // Daily extremes by month and day of month (1-31, the Climate's contract).
    struct Extremes {
        double min = 0.0, max = 0.0;
        bool seen = false;
    };
    std::array<std::array<Extremes, 32>, 12> days{};
    for (std::size_t h = 0; h < c.hours(); ++h) {
        const int m = c.month[h] - 1;
        const double t = c.dryBulbC[h];
        sum[m] += t;
        ++count[m];
        Extremes& day = days[m][std::min<std::size_t>(c.day[h], 31)];
        day.min = day.seen ? std::min(day.min, t) : t;
        day.max = day.seen ? std::max(day.max, t) : t;
        day.seen = true;
    }
    std::array<MonthStatistics, 12> out{};
    for (int m = 0; m < 12; ++m) {
        if (count[m] == 0) {
            continue;
        }
        double rangeSum = 0.0; // summed in day order
        int dayCount = 0;
        for (const Extremes& day : days[m]) {
            if (day.seen) {
                rangeSum += day.max - day.min;
                ++dayCount;
            }
        }
        out[m] = {sum[m] / count[m], rangeSum / dayCount, true};
    }
    return out;
}

/// What the morph keeps of each hour's humidity: its relative humidity (0-1), e/es(T0) with
/// e = es(dew point) (ASHRAE HoF 2017 ch.1 eqn 36: the vapour pressure is the saturation
/// pressure at the dew point), or the hour's own relative humidity where the year has no dew
/// points; and where it has, ln of that relative humidity and the present dew point as the
/// seed its morphed dew point is solved from (psychro::dewPointNear).
struct HumidityBasis {
    std::vector<double> relativeHumidity;
    std::vector<double> logRelativeHumidity;      ///< with dew points only
    std::vector<psychro::DewPointSeed> dewPoints; ///< with dew points only
};

HumidityBasis humidityBasis(const Climate& c) {
    HumidityBasis out;
    out.relativeHumidity.assign(c.hours(), 0.0);
    if (c.dewPointC.size() == c.hours()) {
        out.logRelativeHumidity.resize(c.hours());
        out.dewPoints.resize(c.hours());
        for (std::size_t h = 0; h < c.hours(); ++h) {
            const double t0 = c.dryBulbC[h];
            const double dewPoint = std::min(c.dewPointC[h], t0);
            out.relativeHumidity[h] = psychro::saturationVapourPressurePa(dewPoint) /
                                      psychro::saturationVapourPressurePa(t0);
            out.dewPoints[h] = psychro::dewPointSeed(dewPoint);
            out.logRelativeHumidity[h] =
                out.dewPoints[h].logSaturationPressure - psychro::logSaturationVapourPressure(t0);
        }
    } else if (c.relativeHumidityPct.size() == c.hours()) {
        for (std::size_t h = 0; h < c.hours(); ++h) {
            out.relativeHumidity[h] = std::clamp(c.relativeHumidityPct[h] / 100.0, 0.0, 1.0);
        }
    }
    return out;
}

std::string hourLabel(const Climate& c, std::size_t h) {
    char text[48];
    std::snprintf(text, sizeof text, "%02d-%02d hour %d", c.month[h], c.day[h], c.hour[h]);
    return text;
}

} // namespace

MonthlyClimateChange MonthlyClimateChange::scaled(double factor) const {
    MonthlyClimateChange out;
    for (int m = 0; m < 12; ++m) {
        out.meanDeltaK[m] = meanDeltaK[m] * factor;
        out.rangeDeltaK[m] = rangeDeltaK[m] * factor;
    }
    return out;
}

bool MonthlyClimateChange::isZero() const {
    return std::ranges::all_of(meanDeltaK, [](double d) { return d == 0.0; }) &&
           std::ranges::all_of(rangeDeltaK, [](double d) { return d == 0.0; });
}

namespace {

/// The morph of `present` by `change`, given its month statistics and relative humidities.
MorphOutcome morph(const Climate& present, const std::array<MonthStatistics, 12>& stats,
                   const HumidityBasis& humidity, const MonthlyClimateChange& change) {
    Climate out = present;
    out.provenance = present.provenance + ", morphed (Belcher et al. 2005)";

    // Belcher et al. 2005 eqn 3 (shift and stretch):
    //   T = T0 + dTEMP_m + alpha_m (T0 - <T0>_m),  alpha_m = dRANGE_m / <Tmax - Tmin>_m.
    // The stretch term averages to zero over the month, so the monthly mean moves by
    // exactly dTEMP_m; the mean daily range becomes <Tmax - Tmin>_m (1 + alpha_m).
    std::array<double, 12> alpha{};
    for (int m = 0; m < 12; ++m) {
        if (!stats[m].present || change.rangeDeltaK[m] == 0.0) {
            continue;
        }
        const double range = stats[m].meanDailyRangeK;
        if (range <= 0.0 || 1.0 + change.rangeDeltaK[m] / range <= 0.0) {
            char text[160];
            std::snprintf(text, sizeof text,
                          "month %d: a daily-range change of %.3g K would shrink its mean daily "
                          "range of %.3g K to nothing",
                          m + 1, change.rangeDeltaK[m], range);
            return {std::nullopt, MorphError{0, text}};
        }
        alpha[m] = change.rangeDeltaK[m] / range;
    }

    const bool haveDewPoint = present.dewPointC.size() == present.hours();
    const bool haveRh = present.relativeHumidityPct.size() == present.hours();
    for (std::size_t h = 0; h < present.hours(); ++h) {
        const int m = present.month[h] - 1;
        const double t0 = present.dryBulbC[h];
        const double t = t0 + change.meanDeltaK[m] + alpha[m] * (t0 - stats[m].meanC);
        if (t == t0) {
            continue; // no change this hour: keep its humidity bit for bit
        }
        if (!(t >= kMinDryBulbC && t <= kMaxDryBulbC)) {
            char text[160];
            std::snprintf(text, sizeof text,
                          "%s: morphed dry bulb %.1f degC is outside the %.0f to %.0f degC the "
                          "psychrometrics hold in",
                          hourLabel(present, h).c_str(), t, kMinDryBulbC, kMaxDryBulbC);
            return {std::nullopt, MorphError{h, text}};
        }
        out.dryBulbC[h] = t;
        if (haveDewPoint) {
            // The vapour pressure e = rh es(T) (ln e = ln rh + ln es(T)) is the saturation
            // pressure at the dew point: the root of ln es(T_d) = ln e, solved from the present
            // dew point. Capped at the dry bulb: rh <= 1 makes this an identity up to rounding.
            const double logVapourPressure =
                humidity.logRelativeHumidity[h] + psychro::logSaturationVapourPressure(t);
            out.dewPointC[h] =
                std::min(psychro::dewPointNear(humidity.dewPoints[h], logVapourPressure), t);
        }
        if (haveRh) {
            out.relativeHumidityPct[h] = 100.0 * humidity.relativeHumidity[h];
        }
    }
    return {std::move(out), std::nullopt};
}

} // namespace

MorphOutcome morphClimate(const Climate& present, const MonthlyClimateChange& change) {
    return morph(present, monthStatistics(present), humidityBasis(present), change);
}

struct ClimateMorpher::Prepared {
    std::array<MonthStatistics, 12> stats;
    HumidityBasis humidity;
};

ClimateMorpher::ClimateMorpher(std::shared_ptr<const Climate> present)
    : m_present(std::move(present)) {}

ClimateMorpher::~ClimateMorpher() = default;

std::shared_ptr<const Climate> ClimateMorpher::morphed(const MonthlyClimateChange& change) {
    // Two 15-year plans' years: a morphed year with its outdoor series is about 0.6 MB.
    static DerivedCache<Climate, MonthlyClimateChange, Climate> cache(32);
    return cache.get(m_present, change, [&]() -> std::shared_ptr<const Climate> {
        if (!m_prepared) {
            m_prepared = std::make_unique<Prepared>(
                Prepared{monthStatistics(*m_present), humidityBasis(*m_present)});
        }
        MorphOutcome outcome = morph(*m_present, m_prepared->stats, m_prepared->humidity, change);
        if (!outcome.climate) {
            return nullptr;
        }
        return std::make_shared<const Climate>(std::move(*outcome.climate));
    });
}

} // namespace headroom::model
