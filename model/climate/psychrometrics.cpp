#include "model/climate/psychrometrics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

// Every relation here follows ASHRAE Handbook - Fundamentals 2017, chapter 1
// ("Psychrometrics") [ashrae-hof-2017], in SI. The handbook writes enthalpies in kJ/kg and
// pressures in kPa; this file works in J/kg and Pa, so the constants below are scaled accordingly.

namespace headroom::model::psychro {

namespace {

constexpr double kKelvinOffset = 273.15;
/// Ratio of the molar masses of water and dry air, ASHRAE HoF 2017 ch.1 eqn 20.
constexpr double kMolarMassRatio = 0.621945;
/// Gas constant of dry air, J/(kg K), ASHRAE HoF 2017 ch.1 eqn 1 (R / M_da).
constexpr double kDryAirGasConstant = 287.042;
/// Triple-point convention: ice below 0 degC, liquid water from 0 degC up (as Table 3).
constexpr double kFreezingC = 0.0;
constexpr double kMinTemperatureC = -100.0;
constexpr double kMaxTemperatureC = 200.0;

// Hyland-Wexler coefficients, ASHRAE HoF 2017 ch.1 eqn 5 (over ice, -100..0 degC)...
constexpr double kC1 = -5.6745359e3;
constexpr double kC2 = 6.3925247;
constexpr double kC3 = -9.6778430e-3;
constexpr double kC4 = 6.2215701e-7;
constexpr double kC5 = 2.0747825e-9;
constexpr double kC6 = -9.4840240e-13;
constexpr double kC7 = 4.1635019;
// ... and eqn 6 (over liquid water, 0..200 degC).
constexpr double kC8 = -5.8002206e3;
constexpr double kC9 = 1.3914993;
constexpr double kC10 = -4.8640239e-2;
constexpr double kC11 = 4.1764768e-5;
constexpr double kC12 = -1.4452093e-8;
constexpr double kC13 = 6.5459673;

/// ln(p_ws / Pa) and its derivative with respect to T (1/K), at absolute temperature T.
struct LogSaturation {
    double value;
    double slope;
};

LogSaturation logSaturationPressure(double temperatureK, bool overIce) {
    const double t = temperatureK;
    if (overIce) {
        // ASHRAE HoF 2017 ch.1 eqn 5
        return {kC1 / t + kC2 + kC3 * t + kC4 * t * t + kC5 * t * t * t + kC6 * t * t * t * t +
                    kC7 * std::log(t),
                -kC1 / (t * t) + kC3 + 2.0 * kC4 * t + 3.0 * kC5 * t * t + 4.0 * kC6 * t * t * t +
                    kC7 / t};
    }
    // ASHRAE HoF 2017 ch.1 eqn 6
    return {kC8 / t + kC9 + kC10 * t + kC11 * t * t + kC12 * t * t * t + kC13 * std::log(t),
            -kC8 / (t * t) + kC10 + 2.0 * kC11 * t + 3.0 * kC12 * t * t + kC13 / t};
}

/// logSaturationPressure at a temperature in degC, clamped to the valid range, on the branch
/// its side of 0 degC takes (eqn 5 over ice below it, eqn 6 over water from it).
LogSaturation logSaturationAtC(double temperatureC) {
    const double t = std::clamp(temperatureC, kMinTemperatureC, kMaxTemperatureC);
    return logSaturationPressure(t + kKelvinOffset, t < kFreezingC);
}

/// The saturation pressures at the ends of the valid range and at the triple point, which
/// the dew-point and wet-bulb solutions compare against on every call: computed once, by the
/// same eqns 5/6 (so every comparison is as before, bit for bit).
struct SaturationLimits {
    double minPa, freezingPa, maxPa;
    double logMinPa, logFreezingPa, logMaxPa; ///< their natural logs
};

const SaturationLimits& saturationLimits() {
    static const SaturationLimits limits = [] {
        SaturationLimits l{saturationVapourPressurePa(kMinTemperatureC),
                           saturationVapourPressurePa(kFreezingC),
                           saturationVapourPressurePa(kMaxTemperatureC),
                           0.0,
                           0.0,
                           0.0};
        l.logMinPa = std::log(l.minPa);
        l.logFreezingPa = std::log(l.freezingPa);
        l.logMaxPa = std::log(l.maxPa);
        return l;
    }();
    return limits;
}

/// Humidity ratio of air saturated at the wet-bulb temperature and brought adiabatically
/// to the dry-bulb: the psychrometric wet-bulb relation.
double humidityRatioAtWetBulb(double dryBulbC, double wetBulbC, double pressurePa) {
    const double wsStar = saturationHumidityRatio(wetBulbC, pressurePa);
    if (wetBulbC >= kFreezingC) {
        // ASHRAE HoF 2017 ch.1 eqn 33 (kJ/kg constants)
        return ((2501.0 - 2.326 * wetBulbC) * wsStar - 1.006 * (dryBulbC - wetBulbC)) /
               (2501.0 + 1.86 * dryBulbC - 4.186 * wetBulbC);
    }
    // ASHRAE HoF 2017 ch.1 eqn 35 (over ice, kJ/kg constants)
    return ((2830.0 - 0.24 * wetBulbC) * wsStar - 1.006 * (dryBulbC - wetBulbC)) /
           (2830.0 + 1.86 * dryBulbC - 2.1 * wetBulbC);
}

} // namespace

double saturationVapourPressurePa(double dryBulbC) {
    // ASHRAE HoF 2017 ch.1 eqn 5 (ice, below 0 degC) / eqn 6 (water, from 0 degC)
    return std::exp(logSaturationAtC(dryBulbC).value);
}

double humidityRatioFromVapourPressure(double vapourPressurePa, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 20
    return kMolarMassRatio * vapourPressurePa / (pressurePa - vapourPressurePa);
}

double vapourPressureFromHumidityRatio(double humidityRatio, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 20 solved for p_w
    return pressurePa * humidityRatio / (kMolarMassRatio + humidityRatio);
}

double saturationHumidityRatio(double dryBulbC, double pressurePa) {
    const double pws = saturationVapourPressurePa(dryBulbC);
    // ASHRAE HoF 2017 ch.1 eqn 22 (enhancement factor taken as 1)
    return kMolarMassRatio * pws / (pressurePa - pws);
}

double humidityRatioFromDewPoint(double dewPointC, double pressurePa) {
    // The vapour pressure is the saturation pressure at the dew point, ASHRAE HoF 2017
    // ch.1 eqn 36 (inverted), then eqn 20.
    return humidityRatioFromVapourPressure(saturationVapourPressurePa(dewPointC), pressurePa);
}

double vapourPressureFromRelativeHumidity(double dryBulbC, double relativeHumidity01) {
    // ASHRAE HoF 2017 ch.1 eqn 24 (phi = p_w / p_ws at the same temperature)
    return relativeHumidity01 * saturationVapourPressurePa(dryBulbC);
}

double humidityRatioFromRelativeHumidity(double dryBulbC, double relativeHumidity01,
                                         double pressurePa) {
    return humidityRatioFromVapourPressure(
        vapourPressureFromRelativeHumidity(dryBulbC, relativeHumidity01), pressurePa);
}

double humidityRatioFromWetBulb(double dryBulbC, double wetBulbC, double pressurePa) {
    return humidityRatioAtWetBulb(dryBulbC, wetBulbC, pressurePa);
}

double relativeHumidityFromHumidityRatio(double dryBulbC, double humidityRatio, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 24 with p_w from eqn 20
    return vapourPressureFromHumidityRatio(humidityRatio, pressurePa) /
           saturationVapourPressurePa(dryBulbC);
}

double dewPointFromHumidityRatio(double humidityRatio, double pressurePa) {
    return dewPointFromVapourPressure(
        vapourPressureFromHumidityRatio(std::max(humidityRatio, 0.0), pressurePa));
}

namespace {

/// The root of ln p_ws(T) = target (T in K) on one branch (eqn 5 over ice, 6 over water) by
/// Newton's method from t, to a step under 1e-10 K.
double solveDewPointK(double target, bool overIce, double t) {
    double lo = (overIce ? kMinTemperatureC : kFreezingC) + kKelvinOffset;
    double hi = (overIce ? kFreezingC : kMaxTemperatureC) + kKelvinOffset;
    if (!(t >= lo && t <= hi)) {
        t = std::isnan(t) ? 0.5 * (lo + hi) : std::clamp(t, lo, hi);
    }
    // Converged when the root is within 1e-11 K (a tenth of the tolerance, 1e-10 K) of the
    // point a Newton step goes to: Newton's error after a step d is at most
    // max|L''| / (2 min L') d^2, and over -100..200 degC that factor is under 0.06/K (0.0556:
    // |L''| <= 0.0023/K^2, L' >= 0.021/K), so a step under 1.29e-5 K ends the solve (one
    // evaluation sooner than waiting for a step under 1e-10 K). That is tested before the
    // bracket: at the root the step is a rounding (or exactly zero) that may not move t off the
    // end of the bracket it has just become, and taken as a step out of it, it would bisect the
    // whole bracket again (up to 40 steps, ending up to 1e-10 K off the root).
    constexpr double kHalfCurvatureBound = 0.06; // 1/K
    constexpr double kErrorAfterStep = 1e-11;    // K
    for (int i = 0; i < 50; ++i) {
        const LogSaturation s = logSaturationPressure(t, overIce);
        const double g = s.value - target;
        const double step = g / s.slope;
        if (kHalfCurvatureBound * step * step < kErrorAfterStep) {
            return t - step;
        }
        (g > 0.0 ? hi : lo) = t;
        t -= step;
        if (!(t > lo && t < hi)) {
            t = 0.5 * (lo + hi); // keep inside the bracket
        }
    }
    return t;
}

} // namespace

double logSaturationVapourPressure(double temperatureC) {
    return logSaturationAtC(temperatureC).value;
}

DewPointSeed dewPointSeed(double dewPointC) {
    // ln p_ws about the seed, y = L1 x + L2 x^2 / 2 + L3 x^3 / 6 in x = T - T_seed, inverted:
    // x = z - (L2 / 2 L1) z^2 + (L2^2 / 2 L1^2 - L3 / 6 L1) z^3 with z = y / L1. The
    // derivatives of eqns 5 (ice) and 6 (water) are their terms' own.
    const double c = std::clamp(dewPointC, kMinTemperatureC, kMaxTemperatureC);
    const double t = c + kKelvinOffset;
    const bool overIce = c < kFreezingC;
    const LogSaturation s = logSaturationPressure(t, overIce);
    const double t2 = t * t;
    const double t3 = t2 * t;
    const double l2 = overIce
                          ? 2.0 * kC1 / t3 + 2.0 * kC4 + 6.0 * kC5 * t + 12.0 * kC6 * t2 - kC7 / t2
                          : 2.0 * kC8 / t3 + 2.0 * kC11 + 6.0 * kC12 * t - kC13 / t2;
    const double l3 = overIce ? -6.0 * kC1 / (t3 * t) + 6.0 * kC5 + 24.0 * kC6 * t + 2.0 * kC7 / t3
                              : -6.0 * kC8 / (t3 * t) + 6.0 * kC12 + 2.0 * kC13 / t3;
    const double l1 = s.slope;
    return {c, s.value, 1.0 / l1, -l2 / (2.0 * l1), l2 * l2 / (2.0 * l1 * l1) - l3 / (6.0 * l1)};
}

namespace {

/// ln(610.94), the Magnus formula's saturation pressure at 0 degC in Pa (Alduchov and
/// Eskridge 1996).
constexpr double kLogMagnusPa = 6.414998754677024;

/// The seed of the whole degree nearest a guess on a branch (-100..-1 degC over ice,
/// 0..200 degC over water), from a table made once.
const DewPointSeed& seedNear(double guessC, bool overIce) {
    constexpr int kSeeds = static_cast<int>(kMaxTemperatureC - kMinTemperatureC) + 1;
    static const std::array<DewPointSeed, kSeeds> seeds = [] {
        std::array<DewPointSeed, kSeeds> out{};
        for (int i = 0; i < kSeeds; ++i) {
            out[static_cast<std::size_t>(i)] = dewPointSeed(kMinTemperatureC + i);
        }
        return out;
    }();
    const int zero = static_cast<int>(kFreezingC - kMinTemperatureC); // the seed of 0 degC
    const double index = std::round(guessC - kMinTemperatureC);
    const int i = std::isnan(index)
                      ? (overIce ? zero - 1 : zero)
                      : static_cast<int>(std::clamp(index, overIce ? 0.0 : zero,
                                                    overIce ? zero - 1.0 : kSeeds - 1.0));
    return seeds[static_cast<std::size_t>(i)];
}

} // namespace

double dewPointNear(const DewPointSeed& seed, double logVapourPressure) {
    const SaturationLimits& limits = saturationLimits();
    if (logVapourPressure <= limits.logMinPa) {
        return kMinTemperatureC;
    }
    if (logVapourPressure >= limits.logMaxPa) {
        return kMaxTemperatureC;
    }
    const double z = (logVapourPressure - seed.logSaturationPressure) * seed.inverseSlope;
    const double guess = seed.dewPointC + z + (seed.square + seed.cube * z) * z * z;
    return solveDewPointK(logVapourPressure, logVapourPressure < limits.logFreezingPa,
                          guess + kKelvinOffset) -
           kKelvinOffset;
}

double dewPointFromVapourPressure(double pw) {
    const SaturationLimits& limits = saturationLimits();
    if (pw <= limits.minPa) {
        return kMinTemperatureC;
    }
    if (pw >= limits.maxPa) {
        return kMaxTemperatureC;
    }
    // ASHRAE HoF 2017 ch.1 eqn 36: p_w = p_ws(t_d). The handbook's fits (eqns 37, 38)
    // are good to about 0.1 K; inverting eqns 5/6 by Newton's method keeps the dew point
    // consistent with the saturation pressure used everywhere else. ln(p_ws) is smooth and
    // monotonic on each branch: the Magnus formula (Alduchov and Eskridge 1996; within 0.1 K
    // over water, 3 K over ice) picks the whole degree whose seed starts Newton's method
    // (dewPointNear), which then takes one step.
    const double target = std::log(pw);
    const double a = target - kLogMagnusPa;
    const double magnus = 243.04 * a / (17.625 - a);
    return dewPointNear(seedNear(magnus, pw < limits.freezingPa), target);
}

namespace {

// Solving ASHRAE HoF 2017 ch.1 eqns 33/35 for the wet bulb t*. f(t*) = W(t*) - W: at t* = t
// it is W_s(t) - W >= 0, and at the dew point the sensible term makes it negative. On each
// branch (eqn 35 over ice below 0 degC, eqn 33 over water from 0 degC) f rises with t*, but
// it steps down at 0 degC (the ice branch's latent heat, 2830 kJ/kg, exceeds the water's,
// 2501), so a state whose bracket spans 0 degC may have a root on each side, both
// consistent with the equations. The root chosen is PsychroLib's (Meyer and Thevenard 2019,
// GetTWetBulbFromHumRatio): bisection from [dew point, dry bulb] picks the root whose side
// the first midpoint between the roots falls on. That bisection is followed exactly while
// the bracket spans 0 degC; once it lies on one branch the root is unique and Newton's
// method with the analytic slope (eqns 5/6 give d ln p_ws/dT) finishes it, every step
// narrowing the bracket, and a step leaving it replaced by a Newton step from the end it
// passed (or the bracket's midpoint while that end's residual is unknown).

constexpr double kWetBulbToleranceK = 1e-9;

struct WetBulbResidual {
    double value, slope;
};

/// f(x) and f'(x) for dry bulb t, humidity ratio w and pressure p, given the saturation
/// pressure at x and d ln p_ws/dT there: eqn 33 (water, x >= 0) or 35 (ice), kJ/kg constants.
WetBulbResidual wetBulbResidual(double x, double t, double w, double p, double pwsStar,
                                double logSlope) {
    const bool ice = x < kFreezingC;
    const double a0 = ice ? 2830.0 : 2501.0;
    const double a1 = ice ? 0.24 : 2.326;
    const double d1 = ice ? 2.1 : 4.186;
    const double wsStar = kMolarMassRatio * pwsStar / (p - pwsStar);
    const double wsStarSlope =
        kMolarMassRatio * p * pwsStar * logSlope / ((p - pwsStar) * (p - pwsStar));
    const double numerator = (a0 - a1 * x) * wsStar - 1.006 * (t - x);
    const double denominator = a0 + 1.86 * t - d1 * x;
    const double numeratorSlope = -a1 * wsStar + (a0 - a1 * x) * wsStarSlope + 1.006;
    return WetBulbResidual{numerator / denominator - w,
                           (numeratorSlope * denominator + d1 * numerator) /
                               (denominator * denominator)};
}

WetBulbResidual wetBulbResidual(double x, double t, double w, double p) {
    const LogSaturation s = logSaturationPressure(x + kKelvinOffset, x < kFreezingC);
    return wetBulbResidual(x, t, w, p, std::exp(s.value), s.slope);
}

/// A bracket [lo, hi] around the root on one branch, with the residuals at its ends where
/// known (NaN where not).
struct WetBulbBracket {
    double lo, hi;
    WetBulbResidual fLo{std::numeric_limits<double>::quiet_NaN(), 0.0};
    WetBulbResidual fHi{std::numeric_limits<double>::quiet_NaN(), 0.0};
};

/// Newton's method from x inside the bracket, to a step under the tolerance.
double newtonWetBulb(double x, WetBulbBracket b, double t, double w, double p) {
    // Converged when a Newton step is under the tolerance, or when the root is within a
    // tenth of it of the point the step goes to on the same side of 0 degC: Newton's error
    // after a step d is |f''| / (2 f') d^2, and at the roots of -50..60 degC, 2-98 % RH and
    // 61.6-104 kPa that factor is under 0.041/K (taken as 0.1/K), so a step under 3.2e-5 K
    // ends the solve (one evaluation sooner). That is tested before the bracket: at the root
    // the step is a rounding that may not move x off the end of the bracket it has just
    // become, and taken for a step out of it, it would start a bisection.
    constexpr double kHalfCurvatureBound = 0.1; // 1/K
    for (int i = 0; i < 200 && b.hi - b.lo >= kWetBulbToleranceK; ++i) {
        const WetBulbResidual f = wetBulbResidual(x, t, w, p);
        if (f.value == 0.0) {
            return x;
        }
        const double step = f.value / f.slope;
        if (std::abs(step) < kWetBulbToleranceK ||
            (kHalfCurvatureBound * step * step < 0.1 * kWetBulbToleranceK &&
             (x - step < kFreezingC) == (x < kFreezingC))) {
            return x - step;
        }
        (f.value < 0.0 ? b.lo : b.hi) = x;
        (f.value < 0.0 ? b.fLo : b.fHi) = f;
        x -= step;
        if (!(x > b.lo && x < b.hi)) {
            // Newton left the bracket (from below the root a convex f overshoots it): a Newton
            // step from the end it passed, if that end's residual is known; else the midpoint.
            const WetBulbResidual& end = x >= b.hi ? b.fHi : b.fLo;
            x = (x >= b.hi ? b.hi : b.lo) - end.value / end.slope;
            if (!(x > b.lo && x < b.hi)) {
                x = 0.5 * (b.lo + b.hi);
            }
        }
    }
    return 0.5 * (b.lo + b.hi);
}

/// A first guess inside a bracket whose ends' residuals are both known: cubic Hermite
/// interpolation of t*(f) between them, at f = 0; else a Newton step from the top end, else
/// the midpoint.
double hermiteGuess(const WetBulbBracket& b) {
    const double h = b.fHi.value - b.fLo.value;
    const double u = -b.fLo.value / h;
    const double u2 = u * u;
    const double u3 = u2 * u;
    double x = (2.0 * u3 - 3.0 * u2 + 1.0) * b.lo + (u3 - 2.0 * u2 + u) * h / b.fLo.slope +
               (3.0 * u2 - 2.0 * u3) * b.hi + (u3 - u2) * h / b.fHi.slope;
    if (!(x > b.lo && x < b.hi)) {
        x = b.hi - b.fHi.value / b.fHi.slope;
        if (!(x > b.lo && x < b.hi)) {
            x = 0.5 * (b.lo + b.hi);
        }
    }
    return x;
}

/// The wet bulb of (t, w, p) not saturated (pw < pws, the saturation pressure at t, whose
/// d ln p_ws/dT is logSlopeT), by PsychroLib's bisection across 0 degC and Newton's method
/// from Stull's first guess.
double solveWetBulb(double t, double w, double p, double pws, double logSlopeT, double pw) {
    WetBulbBracket b{std::min(kMinTemperatureC, t), t};
    b.fHi = wetBulbResidual(t, t, w, p, pws, logSlopeT); // W_s(t) - W >= 0
    const bool spansFreezing = t >= kFreezingC && pw < saturationLimits().freezingPa;
    if (!spansFreezing && b.fHi.value / b.fHi.slope < kWetBulbToleranceK) {
        return t - b.fHi.value / b.fHi.slope; // all but saturated: a Newton step from t ends it
    }
    if (spansFreezing) {
        // The dew point is below 0 degC and the dry bulb above: PsychroLib's bisection.
        b.lo = dewPointFromHumidityRatio(w, p);
        while (b.lo < kFreezingC && b.hi >= kFreezingC && b.hi - b.lo > kWetBulbToleranceK) {
            const double mid = 0.5 * (b.lo + b.hi);
            const WetBulbResidual f = wetBulbResidual(mid, t, w, p);
            (f.value > 0.0 ? b.hi : b.lo) = mid;
            (f.value > 0.0 ? b.fHi : b.fLo) = f;
        }
        // Each end's residual, where known, was taken on the side of 0 degC the bracket is
        // now on (or the bracket is closed, and Newton returns its midpoint). Known at both
        // (one was a midpoint, the other too or the dry bulb): they give the first guess.
        if (!std::isnan(b.fLo.value) && !std::isnan(b.fHi.value)) {
            return newtonWetBulb(hermiteGuess(b), b, t, w, p);
        }
    }
    // Stull (2011), J. Appl. Meteor. Climatol. 50, eqn 1: a first guess within about 1 K
    // for 5-99 % RH and -20..50 degC; elsewhere the bracket keeps Newton safe. Near
    // saturation it may land at or past the dry bulb: the root is then just below the top of
    // the bracket, and Newton starts there.
    const double rh = std::clamp(100.0 * pw / pws, 1.0, 100.0);
    double x = t * std::atan(0.151977 * std::sqrt(rh + 8.313659)) + std::atan(t + rh) -
               std::atan(rh - 1.676331) +
               0.00391838 * std::pow(rh, 1.5) * std::atan(0.023101 * rh) - 4.686035;
    if (!(x < b.hi)) {
        x = b.hi;
    } else if (!(x > b.lo)) {
        x = 0.5 * (b.lo + b.hi);
    }
    return newtonWetBulb(x, b, t, w, p);
}

} // namespace

double wetBulbFromHumidityRatio(double dryBulbC, double humidityRatio, double pressurePa) {
    const double t = dryBulbC;
    const double p = pressurePa;
    const LogSaturation s = logSaturationAtC(t);
    const double pws = std::exp(s.value); // saturationVapourPressurePa(t)
    const double pw = vapourPressureFromHumidityRatio(std::max(humidityRatio, 0.0), p);
    if (pw >= pws) {
        return t;
    }
    return solveWetBulb(t, humidityRatio, p, pws, s.slope, pw);
}

DewPointState stateFromDewPoint(double dryBulbC, double dewPointC, double pressurePa) {
    const double t = dryBulbC;
    const double p = pressurePa;
    // The saturation pressures at the dew point and the dry bulb (saturationVapourPressurePa,
    // bit for bit), with d ln p_ws/dT at each.
    const double td = std::clamp(dewPointC, kMinTemperatureC, kMaxTemperatureC);
    const LogSaturation sd = logSaturationAtC(td);
    const double pwsDew = std::exp(sd.value);
    const LogSaturation st = logSaturationAtC(t);
    const double pws = std::exp(st.value);

    DewPointState out;
    out.humidityRatio = humidityRatioFromVapourPressure(pwsDew, p); // humidityRatioFromDewPoint
    const double w = out.humidityRatio;
    const double pw = vapourPressureFromHumidityRatio(std::max(w, 0.0), p);
    out.relativeHumidity = pw / pws; // relativeHumidityFromHumidityRatio
    if (pw >= pws) {
        out.wetBulbC = t;
        return out;
    }
    const bool spansFreezing = t >= kFreezingC && pw < saturationLimits().freezingPa;
    if (spansFreezing || td != dewPointC || w <= 0.0) {
        // Across 0 degC the root is PsychroLib's bisection's, from the dew point it solves.
        out.wetBulbC = solveWetBulb(t, w, p, pws, st.slope, pw);
        return out;
    }
    // [dew point, dry bulb] brackets the root on one branch, and the residual at each end
    // comes without solving anything: at the dew point W_s = W (the humidity ratio above is
    // W_s there, bit for bit), at the dry bulb W* = W_s(t).
    WetBulbBracket b{td, t};
    b.fLo = wetBulbResidual(td, t, w, p, pwsDew, sd.slope);
    b.fHi = wetBulbResidual(t, t, w, p, pws, st.slope);
    if (!(b.fLo.value < 0.0) || b.fHi.value / b.fHi.slope < kWetBulbToleranceK) {
        // Saturated to the last bits: the dew point is the wet bulb's lower bound only to
        // its rounding, and a Newton step from the dry bulb ends the solve.
        out.wetBulbC = solveWetBulb(t, w, p, pws, st.slope, pw);
        return out;
    }
    out.wetBulbC = newtonWetBulb(hermiteGuess(b), b, t, w, p);
    return out;
}

double moistAirEnthalpyJPerKg(double dryBulbC, double humidityRatio) {
    // ASHRAE HoF 2017 ch.1 eqn 32: h = 1.006 t + W (2501 + 1.86 t) kJ/kg
    return 1006.0 * dryBulbC + humidityRatio * (2501000.0 + 1860.0 * dryBulbC);
}

double dryAirEnthalpyJPerKg(double dryBulbC) {
    // ASHRAE HoF 2017 ch.1 eqn 30: h_da = 1.006 t kJ/kg
    return 1006.0 * dryBulbC;
}

double dryBulbFromEnthalpy(double enthalpyJPerKg, double humidityRatio) {
    // ASHRAE HoF 2017 ch.1 eqn 32 solved for t
    return (enthalpyJPerKg - 2501000.0 * humidityRatio) / (1006.0 + 1860.0 * humidityRatio);
}

double humidityRatioFromEnthalpy(double dryBulbC, double enthalpyJPerKg) {
    // ASHRAE HoF 2017 ch.1 eqn 32 solved for W
    return (enthalpyJPerKg - 1006.0 * dryBulbC) / (2501000.0 + 1860.0 * dryBulbC);
}

double moistAirSpecificVolumeM3PerKg(double dryBulbC, double humidityRatio, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 26: v = R_da T (1 + 1.607858 W) / p, per kg of dry air
    return kDryAirGasConstant * (dryBulbC + kKelvinOffset) * (1.0 + 1.607858 * humidityRatio) /
           pressurePa;
}

double dryAirSpecificVolumeM3PerKg(double dryBulbC, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 26 with W = 0 (eqn 28 ideal-gas law for dry air)
    return kDryAirGasConstant * (dryBulbC + kKelvinOffset) / pressurePa;
}

double dryBulbFromSpecificVolume(double specificVolumeM3PerKg, double humidityRatio,
                                 double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 26 solved for T
    return specificVolumeM3PerKg * pressurePa /
               (kDryAirGasConstant * (1.0 + 1.607858 * humidityRatio)) -
           kKelvinOffset;
}

double moistAirDensityKgPerM3(double dryBulbC, double humidityRatio, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 11: rho = (1 + W) / v
    return (1.0 + humidityRatio) /
           moistAirSpecificVolumeM3PerKg(dryBulbC, humidityRatio, pressurePa);
}

double dryAirDensityKgPerM3(double dryBulbC, double pressurePa) {
    // ASHRAE HoF 2017 ch.1 eqn 11 with W = 0
    return 1.0 / dryAirSpecificVolumeM3PerKg(dryBulbC, pressurePa);
}

double specificHumidityFromHumidityRatio(double humidityRatio) {
    // ASHRAE HoF 2017 ch.1 eqn 9b: q = W / (1 + W)
    return humidityRatio / (1.0 + humidityRatio);
}

double standardPressurePa(double altitudeM) {
    // ASHRAE HoF 2017 ch.1 eqn 3: p = 101.325 (1 - 2.25577e-5 Z)^5.2559 kPa
    return 101325.0 * std::pow(1.0 - 2.25577e-5 * altitudeM, 5.2559);
}

double standardTemperatureC(double altitudeM) {
    // ASHRAE HoF 2017 ch.1 eqn 4: t = 15 - 0.0065 Z
    return 15.0 - 0.0065 * altitudeM;
}

namespace {

/// Scale height of the air column between the station and sea level, m. Hypsometric
/// equation (Wallace & Hobbs, Atmospheric Science, 2nd ed. 2006, eqn 3.29) with the mean
/// layer temperature taken as the station dry bulb plus half the standard lapse rate
/// (0.0065 K/m, ASHRAE HoF 2017 ch.1 eqn 4) times the height; g = 9.807 m/s2.
double scaleHeightM(double dryBulbC, double altitudeM) {
    const double meanColumnK = dryBulbC + kKelvinOffset + 0.0065 * altitudeM / 2.0;
    return kDryAirGasConstant * meanColumnK / 9.807;
}

} // namespace

double seaLevelPressurePa(double stationPressurePa, double dryBulbC, double altitudeM) {
    // Hypsometric equation: p0 = p exp(Z / H)
    return stationPressurePa * std::exp(altitudeM / scaleHeightM(dryBulbC, altitudeM));
}

double stationPressureFromSeaLevelPa(double seaLevelPressurePa, double dryBulbC, double altitudeM) {
    // Hypsometric equation: p = p0 exp(-Z / H)
    return seaLevelPressurePa * std::exp(-altitudeM / scaleHeightM(dryBulbC, altitudeM));
}

// MoistAir: the typed face over the same functions.

MoistAir MoistAir::fromDryBulbAndDewPoint(units::Temperature dryBulb, units::Temperature dewPoint,
                                          units::Pressure pressure) {
    const double p = pressure.value();
    return {units::toCelsius(dryBulb), humidityRatioFromDewPoint(units::toCelsius(dewPoint), p), p};
}

MoistAir MoistAir::fromDryBulbAndRelativeHumidity(units::Temperature dryBulb,
                                                  units::Dimensionless relativeHumidity,
                                                  units::Pressure pressure) {
    const double t = units::toCelsius(dryBulb);
    const double p = pressure.value();
    return {t, humidityRatioFromRelativeHumidity(t, relativeHumidity.value(), p), p};
}

MoistAir MoistAir::fromDryBulbAndWetBulb(units::Temperature dryBulb, units::Temperature wetBulb,
                                         units::Pressure pressure) {
    const double t = units::toCelsius(dryBulb);
    const double p = pressure.value();
    return {t, humidityRatioFromWetBulb(t, units::toCelsius(wetBulb), p), p};
}

units::Temperature MoistAir::dryBulb() const {
    return units::celsius(m_dryBulbC);
}

units::Temperature MoistAir::wetBulb() const {
    return units::celsius(wetBulbFromHumidityRatio(m_dryBulbC, m_humidityRatio, m_pressurePa));
}

units::Temperature MoistAir::dewPoint() const {
    return units::celsius(dewPointFromHumidityRatio(m_humidityRatio, m_pressurePa));
}

units::Dimensionless MoistAir::relativeHumidity() const {
    return units::Dimensionless::from_value(
        relativeHumidityFromHumidityRatio(m_dryBulbC, m_humidityRatio, m_pressurePa));
}

units::SpecificEnergy MoistAir::enthalpy() const {
    return units::SpecificEnergy::from_value(moistAirEnthalpyJPerKg(m_dryBulbC, m_humidityRatio));
}

units::Density MoistAir::density() const {
    return units::Density::from_value(
        moistAirDensityKgPerM3(m_dryBulbC, m_humidityRatio, m_pressurePa));
}

units::Pressure MoistAir::pressure() const {
    return units::pascals(m_pressurePa);
}

} // namespace headroom::model::psychro
