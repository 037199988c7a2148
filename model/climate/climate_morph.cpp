#include "model/climate/climate_morph.h"

#include "model/climate/psychrometrics.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
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
    // Daily extremes keyed by (month, day); a typical year holds each day once.
    std::map<std::pair<int, int>, std::pair<double, double>> days;
    for (std::size_t h = 0; h < c.hours(); ++h) {
        const int m = c.month[h] - 1;
        const double t = c.dryBulbC[h];
        sum[m] += t;
        ++count[m];
        auto [it, inserted] = days.try_emplace({m, c.day[h]}, t, t);
        if (!inserted) {
            it->second.first = std::min(it->second.first, t);
            it->second.second = std::max(it->second.second, t);
        }
    }
    std::array<double, 12> rangeSum{};
    std::array<int, 12> dayCount{};
    for (const auto& [key, extremes] : days) {
        rangeSum[key.first] += extremes.second - extremes.first;
        ++dayCount[key.first];
    }
    std::array<MonthStatistics, 12> out{};
    for (int m = 0; m < 12; ++m) {
        if (count[m] == 0) {
            continue;
        }
        out[m] = {sum[m] / count[m], rangeSum[m] / dayCount[m], true};
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

MorphOutcome morphClimate(const Climate& present, const MonthlyClimateChange& change) {
    Climate out = present;
    out.provenance = present.provenance + ", morphed (Belcher et al. 2005)";
    const auto stats = monthStatistics(present);

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
        const double p = present.pressurePa[h];
        // The hour's relative humidity, e/es(T0), with e = es(dew point) (ASHRAE HoF 2017
        // ch.1 eqn 36: the vapour pressure is the saturation pressure at the dew point).
        const double rh =
            haveDewPoint ? psychro::saturationVapourPressurePa(std::min(present.dewPointC[h], t0)) /
                               psychro::saturationVapourPressurePa(t0)
                         : std::clamp(present.relativeHumidityPct[h] / 100.0, 0.0, 1.0);
        const double e = psychro::vapourPressureFromRelativeHumidity(t, rh);
        const double w = psychro::humidityRatioFromVapourPressure(e, p);
        if (haveDewPoint) {
            // Capped at the dry bulb: rh <= 1 makes this an identity up to rounding.
            out.dewPointC[h] = std::min(psychro::dewPointFromHumidityRatio(w, p), t);
        }
        if (haveRh) {
            out.relativeHumidityPct[h] = 100.0 * rh;
        }
    }
    return {std::move(out), std::nullopt};
}

} // namespace headroom::model
