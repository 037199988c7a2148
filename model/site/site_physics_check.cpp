#include "model/climate/psychrometrics.h"
#include "model/site/site_read_steps.h"

#include <cmath>
#include <cstdio>

namespace headroom::model {
namespace {

// Combinations of valid fields a model cannot compute: an envelope that holds no air, a
// server that fits no rack, and (warnings) figures far outside what real halls have.
class PhysicsCheck : SiteReadContext {
public:
    explicit PhysicsCheck(const SiteReadContext& context)
        : SiteReadContext(context) {}

    void run(const Site& site) {
        checkEnvelope(site);
        checkPlacement(site);
        checkPlausibility(site);
        checkCleanSupply(site);
    }

private:
    /// The value at pointer as the file spells it ("27 degC", 4), or its default.
    std::string shown(const std::string& pointer) const { return value(pointer).dump(); }
    /// The field to blame for a conflict between two: the later one when the file gives it.
    std::string blamed(const std::string& first, const std::string& second) const {
        return findValue(second) != nullptr || findValue(first) == nullptr ? second : first;
    }
    static std::string figure(double value, const char* unit) {
        char text[64];
        std::snprintf(text, sizeof text, "%.4g %s", value, unit);
        return text;
    }

    /// One home for contracted clean supply: /clean_energy's wind and solar contracts are
    /// matched hour by hour and set market-based carbon; /grid/renewable/fraction claims an
    /// annual share of the site's energy as clean. Both at once would count the same clean
    /// energy twice, and which one wins is not a question a planner should have to ask.
    void checkCleanSupply(const Site& site) {
        const std::string fraction = "/grid/renewable/fraction";
        if (!site.cleanEnergy || site.grid.renewableFraction <= 0.0) {
            return;
        }
        std::string contracts;
        const auto named = [&](const std::optional<units::Power>& capacity, const char* field) {
            if (capacity && capacity->value() > 0.0) {
                contracts +=
                    (contracts.empty() ? "" : ", ") + std::string(field) + " " + shown(field);
            }
        };
        named(site.cleanEnergy->windCapacity, "/clean_energy/wind/capacity");
        named(site.cleanEnergy->solarCapacity, "/clean_energy/solar/capacity");
        if (!contracts.empty()) {
            error(fraction,
                  "expected no annual renewable fraction beside /clean_energy's contracts (" +
                      contracts + "), got " + shown(fraction) +
                      ": both would claim the same clean energy for market-based carbon. Use "
                      "/clean_energy's contracts, matched hour by hour, and remove " +
                      fraction +
                      " (it stands alone for supply bought by the year, without an "
                      "hourly profile)");
        }
    }

    /// The supply envelope must hold some air: dry-bulb, dew point and relative humidity
    /// limits that no state of moist air meets would leave every hour outside it.
    void checkEnvelope(const Site& site) {
        const std::string a = "/cooling/supply_air/";
        const auto& env = site.cooling.envelope;
        const double minC = units::toCelsius(env.minDryBulb);
        const double maxC = units::toCelsius(env.maxDryBulb);
        const double maxDewC = units::toCelsius(env.maxDewPoint);
        if (minC > maxC) {
            const std::string at = blamed(a + "min", a + "max");
            error(at, at == a + "max" ? "expected a temperature at or above the supply minimum " +
                                            shown(a + "min") + " (" + a + "min), got " + shown(at)
                                      : "expected a temperature at or below the supply maximum " +
                                            shown(a + "max") + " (" + a + "max), got " + shown(at));
            return;
        }
        if (maxDewC > maxC) {
            const std::string at = blamed(a + "max", a + "max_dew_point");
            error(at, at == a + "max"
                          ? "expected a temperature at or above the maximum supply dew point " +
                                shown(a + "max_dew_point") + " (" + a +
                                "max_dew_point): air is never below its dew point, got " + shown(at)
                          : "expected a dew point at or below the supply maximum " +
                                shown(a + "max") + " (" + a +
                                "max): air is never below its dew point, got " + shown(at));
            return;
        }
        if (env.minDewPoint && units::toCelsius(*env.minDewPoint) > maxDewC) {
            error(a + "min_dew_point", "expected a dew point at or below the maximum supply dew "
                                       "point " +
                                           shown(a + "max_dew_point") + " (" + a +
                                           "max_dew_point), got " + shown(a + "min_dew_point"));
            return;
        }
        if (env.minRelativeHumidity > env.maxRelativeHumidity) {
            const std::string at = blamed(a + "max_rh", a + "min_rh");
            error(at, at == a + "min_rh"
                          ? "expected a relative humidity at or below the maximum " +
                                shown(a + "max_rh") + " (" + a + "max_rh), got " + shown(at)
                          : "expected a relative humidity at or above the minimum " +
                                shown(a + "min_rh") + " (" + a + "min_rh), got " + shown(at));
            return;
        }
        // Vapour pressure p_w = RH p_ws(t) (ASHRAE HoF 2017 ch. 1 eqn 12/22): the driest air
        // the RH floor allows is at the coolest supply, the most humid the RH ceiling allows
        // at the warmest; the dew-point band must meet the range between them.
        const double pwsMin = psychro::saturationVapourPressurePa(minC);
        const double pwsMax = psychro::saturationVapourPressurePa(maxC);
        const double pwsMaxDew = psychro::saturationVapourPressurePa(maxDewC);
        if (env.minRelativeHumidity * pwsMin > pwsMaxDew) {
            const std::string at = blamed(a + "max_dew_point", a + "min_rh");
            error(
                at,
                at == a + "min_rh"
                    ? "expected a relative humidity of at most " +
                          figure(100.0 * pwsMaxDew / pwsMin, "%") + ": at the supply minimum " +
                          shown(a + "min") + " more puts the dew point above the maximum " +
                          shown(a + "max_dew_point") + " (" + a + "max_dew_point), got " + shown(at)
                    : "expected a dew point the minimum relative humidity " + shown(a + "min_rh") +
                          " allows at the supply minimum " + shown(a + "min") + ": at least " +
                          figure(dewPointOf(env.minRelativeHumidity * pwsMin), "degC") + ", got " +
                          shown(at));
            return;
        }
        if (env.minDewPoint) {
            const double pwsMinDew =
                psychro::saturationVapourPressurePa(units::toCelsius(*env.minDewPoint));
            if (env.maxRelativeHumidity * pwsMax < pwsMinDew) {
                const std::string at = blamed(a + "min_dew_point", a + "max_rh");
                error(at, at == a + "max_rh"
                              ? "expected a relative humidity of at least " +
                                    figure(100.0 * pwsMinDew / pwsMax, "%") +
                                    ": at the supply maximum " + shown(a + "max") +
                                    " less puts the dew point below the minimum " +
                                    shown(a + "min_dew_point") + " (" + a + "min_dew_point), got " +
                                    shown(at)
                              : "expected a dew point the maximum relative humidity " +
                                    shown(a + "max_rh") + " allows at the supply maximum " +
                                    shown(a + "max") + ": at most " +
                                    figure(dewPointOf(env.maxRelativeHumidity * pwsMax), "degC") +
                                    ", got " + shown(at));
            }
        }
    }

    /// Dew point of air at vapour pressure pw (ASHRAE HoF 2017 ch. 1 eqns 20 and 39).
    static double dewPointOf(double vapourPressurePa) {
        const double p = psychro::standardPressurePa(0.0);
        return psychro::dewPointFromHumidityRatio(
            psychro::humidityRatioFromVapourPressure(vapourPressurePa, p), p);
    }

    /// One server must fit in a rack, one UltraServer in a row and in a hall, and the
    /// deployment's chips must be countable; otherwise sizing has nothing to place.
    void checkPlacement(const Site& site) {
        const auto& it = site.it;
        const auto& platform = it.platform;
        const auto& campus = site.campus;
        const long long chipsPerUs =
            static_cast<long long>(platform.serversPerUltraServer) * platform.chipsPerServer;
        if (it.ultraServers && static_cast<long long>(*it.ultraServers) * chipsPerUs > kMaxChips) {
            error("/it/ultraservers",
                  "expected a whole number of at most " + std::to_string(kMaxChips / chipsPerUs) +
                      ": Headroom counts at most " + std::to_string(kMaxChips) + " chips and " +
                      "one UltraServer holds " + std::to_string(chipsPerUs) + ", got " +
                      shown("/it/ultraservers"));
            return;
        }
        const std::string server = "one " + quotedExcerpt(platform.id) + " server";
        const double inputKw = units::toKilowatts(serverInputPower(it));
        const double rackKw = units::toKilowatts(campus.rackPowerLimit);
        if (inputKw > rackKw * (1.0 + 1e-12)) {
            error("/campus/hall/rack_power_limit",
                  "expected a power of at least " + figure(inputKw, "kW") + ", what " + server +
                      " draws at its power supplies (" + std::to_string(platform.chipsPerServer) +
                      " chips of " + figure(units::toKilowatts(it.chip.peakPower) * 1e3, "W") +
                      ", host, fans and NICs, at " + figure(100.0 * it.psuEfficiency[3], "%") +
                      " PSU efficiency), got " + shown("/campus/hall/rack_power_limit"));
            return;
        }
        if (platform.rackUnitsPerServer > it.rackUnitsPerRack) {
            const std::string at =
                blamed("/it/platform_overrides/rack_units_per_server", "/it/rack_units");
            error(at, at == "/it/rack_units"
                          ? "expected a whole number of at least " +
                                std::to_string(platform.rackUnitsPerServer) + ", the height of " +
                                server + " in rack units, got " + shown(at)
                          : "expected a whole number of at most " +
                                std::to_string(it.rackUnitsPerRack) + ", the rack units of a " +
                                "rack (/it/rack_units), got " + shown(at));
            return;
        }
        const int byPower = static_cast<int>(std::floor(rackKw / inputKw + 1e-9));
        const int perRack = std::min(byPower, it.rackUnitsPerRack / platform.rackUnitsPerServer);
        const int serversPerUs = platform.serversPerUltraServer;
        const int racksPerUs = serversPerUs <= perRack ? 1 : (serversPerUs + perRack - 1) / perRack;
        const std::string spans = "one UltraServer spans " + std::to_string(racksPerUs) +
                                  " adjacent racks (" + std::to_string(perRack) +
                                  " of its servers to a rack)";
        if (racksPerUs > campus.racksPerRow) {
            error("/campus/hall/racks_per_row", "expected a whole number of at least " +
                                                    std::to_string(racksPerUs) + ": " + spans +
                                                    ", got " + shown("/campus/hall/racks_per_row"));
            return;
        }
        if (racksPerUs > campus.rackPositionsPerHall) {
            error("/campus/hall/rack_positions",
                  "expected a whole number of at least " + std::to_string(racksPerUs) + ": " +
                      spans + ", got " + shown("/campus/hall/rack_positions"));
            return;
        }
        const double ultraServerKw = serversPerUs * units::toKilowatts(serverPeakPower(it));
        if (ultraServerKw > units::toKilowatts(campus.itPowerPerHall) * (1.0 + 1e-12)) {
            error("/campus/hall/it_power",
                  "expected a power of at least " + figure(ultraServerKw, "kW") + ", one " +
                      quotedExcerpt(platform.id) + " UltraServer at peak, got " +
                      shown("/campus/hall/it_power"));
            return;
        }
    }

    /// Warnings, not errors, for the figures a planner most often mistypes (a unit off by
    /// a thousand, ft2 for m2, kW for MW): the value is possible, but far outside what real
    /// halls have. Each bound says where it comes from.
    void checkPlausibility(const Site& site) {
        const auto& campus = site.campus;
        const double hallKw = units::toKilowatts(campus.itPowerPerHall);
        const double areaM2 = campus.floorAreaPerHall.value();
        // IT power per m2 of hall floor. Air-cooled enterprise halls run about 1 to 3 kW/m2
        // (ASHRAE TC 9.9, "Datacom Equipment Power Trends and Cooling Applications", 2nd
        // ed., 2012, ch. 3 [ashrae-power-trends-2012]); the densest AI racks today, NVIDIA
        // GB200 NVL72 at about 120 kW [nvidia-gb200-nvl72] [semianalysis-2024-gb200], on a 0.6 m
        // x 1.2 m footprint plus its share of the aisles (about 3 m2 a rack) give about 40 kW/m2.
        // Warned outside 0.1 to 60 kW/m2: a tenth of the sparsest, half again the densest.
        if (hallKw > 0.0 && areaM2 > 0.0) {
            const double density = hallKw / areaM2;
            if (density < 0.1 || density > 60.0) {
                warning("/campus/hall/floor_area",
                        "implausible: " + figure(density, "kW/m2") + " of IT power per m2 of " +
                            "hall floor (" + shown("/campus/hall/it_power") + " on " +
                            shown("/campus/hall/floor_area") + "); real halls have 0.1 to 60 " +
                            "kW/m2 (ASHRAE TC 9.9 power trends; NVIDIA GB200 NVL72 racks). " +
                            "Check the unit (m2 or ft2)");
            }
        }
        // Rack feeds: a few kW in enterprise rooms, up to about 132 kW for NVIDIA GB200
        // NVL72 [semianalysis-2024-gb200]. Warned outside 1 to 250 kW.
        const double rackKw = units::toKilowatts(campus.rackPowerLimit);
        if (rackKw > 0.0 && (rackKw < 1.0 || rackKw > 250.0)) {
            warning("/campus/hall/rack_power_limit",
                    "implausible: " + shown("/campus/hall/rack_power_limit") + " per rack " +
                        "position; racks are fed 1 to 250 kW (the densest, NVIDIA GB200 NVL72, "
                        "about 132 kW). Check the unit (kW or MW)");
        }
        // The interconnect feeds IT times PUE. Large fleets report annual PUEs of 1.1 to 1.6
        // (Google data center efficiency, 2023 fleet PUE 1.10 [google-2023-efficiency]; Uptime
        // Institute Global Data Center Survey 2023, average 1.58 [uptime-2023-survey]): an
        // interconnect more than 10 times the IT power is a unit slip far more often than a plan.
        const double itKw = hallKw * campus.halls();
        const double interconnectKw = units::toKilowatts(campus.utilityInterconnect);
        if (itKw > 0.0 && interconnectKw > 10.0 * itKw) {
            warning("/campus/utility_interconnect",
                    "implausible: " + shown("/campus/utility_interconnect") + " is " +
                        figure(interconnectKw / itKw, "times") + " the campus IT power (" +
                        figure(itKw / 1000.0, "MW") + " in " + std::to_string(campus.halls()) +
                        " halls); sites draw 1.1 to 1.6 times their IT power (annual PUE, Google "
                        "2023; Uptime Institute 2023). Check the unit (MW or GW)");
        }
    }
};

} // namespace

void checkSitePhysics(const SiteReadContext& context, const Site& site) {
    PhysicsCheck(context).run(site);
}

} // namespace headroom::model
