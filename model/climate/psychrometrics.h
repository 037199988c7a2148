#pragma once
// Moist-air properties in SI after ASHRAE Handbook - Fundamentals 2017, chapter 1
// [ashrae-hof-2017]; checked against PsychroLib's reference values [meyer-2019-psychrolib].
// Simplifications: ideal-gas mixture of dry air and water vapour; enhancement factor
// taken as 1; saturation over ice below 0 degC and over water above (as the ASHRAE
// tables). Valid from -100 to 200 degC for saturation pressure and -50 to 60 degC for
// the wet-bulb solution.
//
// The free functions take bare doubles with their unit in the name: they run inside
// the hourly loop. MoistAir is the typed face for everything outside it.

#include "model/units/units.h"

namespace headroom::model::psychro {

double saturationVapourPressurePa(double dryBulbC);
double humidityRatioFromVapourPressure(double vapourPressurePa, double pressurePa);
double vapourPressureFromHumidityRatio(double humidityRatio, double pressurePa);
double humidityRatioFromDewPoint(double dewPointC, double pressurePa);
double humidityRatioFromRelativeHumidity(double dryBulbC, double relativeHumidity01,
                                         double pressurePa);
double humidityRatioFromWetBulb(double dryBulbC, double wetBulbC, double pressurePa);
double relativeHumidityFromHumidityRatio(double dryBulbC, double humidityRatio,
                                         double pressurePa); ///< 0-1
double dewPointFromHumidityRatio(double humidityRatio, double pressurePa);
/// The dew point of air holding vapour at vapourPressurePa (the saturation temperature of
/// that pressure), whatever the total pressure.
double dewPointFromVapourPressure(double vapourPressurePa);
/// ln(p_ws / Pa) at a temperature: the log of saturationVapourPressurePa(), without taking
/// the exponential.
double logSaturationVapourPressure(double temperatureC);
/// A dew point to solve others from (dewPointNear): ln p_ws there and the coefficients of
/// the inverse of its cubic Taylor series about it.
struct DewPointSeed {
    double dewPointC = 0.0;
    double logSaturationPressure = 0.0; ///< ln(p_ws / Pa) at dewPointC
    double inverseSlope = 0.0;          ///< 1 / (d ln p_ws / dT), K
    double square = 0.0, cube = 0.0;    ///< the series' z^2 and z^3 coefficients
};
DewPointSeed dewPointSeed(double dewPointC);
/// dewPointFromVapourPressure(exp(logVapourPressure)), the same root to its tolerance
/// (Newton's method to a step under 1e-10 K), solved from a seed's dew point near it
/// instead of the Magnus formula: the seed's series puts the first guess within about
/// 1e-4 K of a dew point 6 K away on the same side of 0 degC, so that it takes two steps.
double dewPointNear(const DewPointSeed& seed, double logVapourPressure);
double wetBulbFromHumidityRatio(double dryBulbC, double humidityRatio, double pressurePa);

/// Air at a dry bulb, a dew point (at most the dry bulb) and a pressure: what
/// humidityRatioFromDewPoint(), then wetBulbFromHumidityRatio() and
/// relativeHumidityFromHumidityRatio() of that humidity ratio give, the humidity ratio and the
/// relative humidity bit for bit and the wet bulb to that solver's tolerance (1e-9 K). For
/// less work: each saturation pressure is computed once, and the wet-bulb solve starts from
/// its bracket [dew point, dry bulb], whose ends' residuals they give without a solve.
struct DewPointState {
    double humidityRatio = 0.0;    ///< kg water / kg dry air
    double wetBulbC = 0.0;         ///< degC
    double relativeHumidity = 0.0; ///< 0-1
};
DewPointState stateFromDewPoint(double dryBulbC, double dewPointC, double pressurePa);
double moistAirEnthalpyJPerKg(double dryBulbC, double humidityRatio);
double dryAirEnthalpyJPerKg(double dryBulbC);
double moistAirSpecificVolumeM3PerKg(double dryBulbC, double humidityRatio, double pressurePa);
double moistAirDensityKgPerM3(double dryBulbC, double humidityRatio, double pressurePa);
double dryAirDensityKgPerM3(double dryBulbC, double pressurePa);
double standardPressurePa(double altitudeM);
double standardTemperatureC(double altitudeM);
double dryBulbFromEnthalpy(double enthalpyJPerKg, double humidityRatio);

// Added by the climate module (issue 3): the remaining ASHRAE ch.1 relations the
// reference table and the weather readers use.
double saturationHumidityRatio(double dryBulbC, double pressurePa);
double vapourPressureFromRelativeHumidity(double dryBulbC, double relativeHumidity01);
double humidityRatioFromEnthalpy(double dryBulbC, double enthalpyJPerKg);
double dryAirSpecificVolumeM3PerKg(double dryBulbC, double pressurePa);
double dryBulbFromSpecificVolume(double specificVolumeM3PerKg, double humidityRatio,
                                 double pressurePa);
double specificHumidityFromHumidityRatio(double humidityRatio); ///< kg water / kg moist air
/// Station pressure reduced to mean sea level, and back (hypsometric equation).
double seaLevelPressurePa(double stationPressurePa, double dryBulbC, double altitudeM);
double stationPressureFromSeaLevelPa(double seaLevelPressurePa, double dryBulbC, double altitudeM);

/// A moist-air state: dry-bulb, humidity ratio and pressure, with derived properties.
class MoistAir {
public:
    static MoistAir fromDryBulbAndDewPoint(units::Temperature dryBulb, units::Temperature dewPoint,
                                           units::Pressure pressure);
    static MoistAir fromDryBulbAndRelativeHumidity(units::Temperature dryBulb,
                                                   units::Dimensionless relativeHumidity,
                                                   units::Pressure pressure);
    static MoistAir fromDryBulbAndWetBulb(units::Temperature dryBulb, units::Temperature wetBulb,
                                          units::Pressure pressure);

    units::Temperature dryBulb() const;
    units::Temperature wetBulb() const;
    units::Temperature dewPoint() const;
    units::Dimensionless relativeHumidity() const;
    double humidityRatio() const { return m_humidityRatio; } ///< kg water / kg dry air
    units::SpecificEnergy enthalpy() const;
    units::Density density() const;
    units::Pressure pressure() const;

private:
    MoistAir(double dryBulbC, double humidityRatio, double pressurePa)
        : m_dryBulbC(dryBulbC)
        , m_humidityRatio(humidityRatio)
        , m_pressurePa(pressurePa) {}

    double m_dryBulbC;
    double m_humidityRatio;
    double m_pressurePa;
};

} // namespace headroom::model::psychro
