#!/usr/bin/env python3
"""Writes psychrolib_wet_bulb.csv: wet-bulb temperatures by PsychroLib's published algorithm.

Reference for model/climate/psychrometrics_test.cpp. Written for Headroom from the equations
of ASHRAE Handbook - Fundamentals 2017, chapter 1, and the wet-bulb algorithm of PsychroLib
(D. Meyer and D. Thevenard, "PsychroLib: a library of psychrometric functions to calculate
thermodynamic properties of air", JOSS 4(33) 1137, 2019; GetTWetBulbFromHumRatio):
bisection between the dew point and the dry bulb on eqn 33 (wet bulb at or above 0 degC)
or eqn 35 (below), W* from eqn 22 with the saturation pressure of eqn 5 (ice, below 0 degC)
or eqn 6 (water). It shares no code with Headroom: plain Python, standard library only.

Two deliberate differences from PsychroLib's code: the wet-bulb bisection runs to 1e-10 K
rather than 1e-3 K (the same midpoints, so the same choice of root where eqns 33 and 35 each
have one near 0 degC, and more digits); and the dew point that starts it is found by
bisection to 1e-12 K, where PsychroLib's Newton iteration stops within about 1e-3 K, which
shifts the midpoints by as much and so could choose the other root only for a state whose
deciding midpoint falls that close to a root or to 0 degC.

Run once, from the repository root (4,403 rows; sha256 of the output
edeec237b5e5101eb157a3a75700f8be714147956ce0b19011ce7152a9b34aa8):
    python3 tests/data/reference/psychrolib_wet_bulb.py > tests/data/reference/psychrolib_wet_bulb.csv
"""
import math


def saturation_pressure_pa(t_c):
    """ASHRAE HoF 2017 ch.1 eqn 5 (over ice, below 0 degC) and eqn 6 (over water)."""
    t = t_c + 273.15
    if t_c < 0.0:
        return math.exp(-5.6745359e3 / t + 6.3925247 - 9.677843e-3 * t + 6.2215701e-7 * t**2
                        + 2.0747825e-9 * t**3 - 9.484024e-13 * t**4 + 4.1635019 * math.log(t))
    return math.exp(-5.8002206e3 / t + 1.3914993 - 4.8640239e-2 * t + 4.1764768e-5 * t**2
                    - 1.4452093e-8 * t**3 + 6.5459673 * math.log(t))


def saturation_humidity_ratio(t_c, p_pa):
    """Eqn 22 (enhancement factor 1)."""
    pws = saturation_pressure_pa(t_c)
    return 0.621945 * pws / (p_pa - pws)


def humidity_ratio_from_wet_bulb(t_c, twb_c, p_pa):
    """Eqn 33 (t* >= 0 degC) and eqn 35 (t* < 0 degC), kJ/kg constants."""
    ws = saturation_humidity_ratio(twb_c, p_pa)
    if twb_c >= 0.0:
        return ((2501.0 - 2.326 * twb_c) * ws - 1.006 * (t_c - twb_c)) / (
            2501.0 + 1.86 * t_c - 4.186 * twb_c)
    return ((2830.0 - 0.24 * twb_c) * ws - 1.006 * (t_c - twb_c)) / (
        2830.0 + 1.86 * t_c - 2.1 * twb_c)


def dew_point(w, p_pa):
    """Eqn 36 inverted: the temperature whose saturation pressure is the vapour pressure."""
    pw = p_pa * w / (0.621945 + w)  # eqn 20 solved for p_w
    lo, hi = -100.0, 200.0
    while hi - lo > 1e-12:
        mid = 0.5 * (lo + hi)
        if saturation_pressure_pa(mid) > pw:
            hi = mid
        else:
            lo = mid
    return 0.5 * (lo + hi)


def wet_bulb(t_c, w, p_pa):
    """PsychroLib's GetTWetBulbFromHumRatio: bisection from [dew point, dry bulb]."""
    sup = t_c
    inf = min(dew_point(w, p_pa), t_c)
    twb = 0.5 * (sup + inf)
    while sup - inf > 1e-10:
        if humidity_ratio_from_wet_bulb(t_c, twb, p_pa) > w:
            sup = twb
        else:
            inf = twb
        twb = 0.5 * (sup + inf)
    return twb


def states():
    # The whole range: dry bulb -50..60 degC, relative humidity 2-99 %, sea level and 60 kPa.
    for p in (101325.0, 60000.0):
        for i in range(45):
            t = -50.0 + 2.5 * i
            for rh in (0.02, 0.1, 0.25, 0.5, 0.75, 0.9, 0.99):
                yield t, 0.621945 * rh * saturation_pressure_pa(t) / (
                    p - rh * saturation_pressure_pa(t)), p
    # Densely across 0 degC: states whose wet bulb (on either branch) is -1.5..0.6 degC.
    for p in (101325.0, 60000.0):
        for i in range(45):
            t = -3.0 + 0.5 * i
            for k in range(71):
                target = -1.5 + 0.03 * k
                if target > t:
                    continue
                w = humidity_ratio_from_wet_bulb(t, target, p)
                if w > 0.0:
                    yield t, w, p


def main():
    print("tdb_C,w_kg_per_kg,p_Pa,twb_C")
    for t, w, p in states():
        print(f"{t!r},{w!r},{p!r},{wet_bulb(t, w, p):.10f}")


if __name__ == "__main__":
    main()
