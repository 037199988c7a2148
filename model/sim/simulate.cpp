// simulate(): one site-year in named phases. One hall (hall_model) is simulated and the
// result scaled by the number of halls in use (identical halls are simulated once and
// scaled); halls without IT draw nothing (their plant is assumed not yet energized).
// Phases: the hourly loop (hourly_loop), KPIs (kpis), the design hour, plant sizing and
// bill of materials (plant_sizing), capacity (capacity), workloads (model/perf).
// Facility power is what the transformers draw.

#include "model/sim/simulate.h"

#include "model/core/meaning_note.h"
#include "model/cost/carbon_free_energy.h"
#include "model/cost/embodied_carbon.h"
#include "model/cost/tco.h"
#include "model/cost/water_stress.h"
#include "model/perf/workloads.h"
#include "model/sim/capacity.h"
#include "model/sim/fill_check.h"
#include "model/sim/hall_model.h"
#include "model/sim/hourly_loop.h"
#include "model/sim/kpis.h"
#include "model/sim/plant_sizing.h"
#include "model/sizing/compute_sizing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace headroom::model {

namespace {

/// Diagnostics collect in the result; simulate() reports them once the count is final.
void addDiagnostic(RunResult& result, Severity severity, std::string pointer, std::string message) {
    addMeaningNote(result.diagnostics, severity, std::move(pointer), std::move(message));
}

/// "%.3g" of a figure, for messages.
std::string figureText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

/// Hours the supply air left the envelope's humidity limits are not water-free by design:
/// the plant saved the water of humidifying (or could not dry the air). One warning per
/// side names the hours, the months and the limit, so the planner can widen the envelope
/// or humidify and count the water.
void reportEnvelopeExcursions(const SupplyEnvelope& envelope, RunResult& result) {
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto months = [](const Monthly& hours) {
        std::string text;
        for (std::size_t m = 0; m < 12; ++m) {
            if (hours[m] > 0.0) {
                text += (text.empty() ? "" : ", ") + std::string(kMonths[m]);
            }
        }
        return text;
    };
    const AnnualResults& a = result.annual;
    if (a.hoursTooDry > 0) {
        std::string limit = "the " + figureText(100.0 * envelope.minRelativeHumidity) +
                            " % relative-humidity minimum";
        if (envelope.minDewPoint) {
            limit = "the " + figureText(units::toCelsius(*envelope.minDewPoint)) +
                    " degC dew-point minimum or " + limit;
        }
        addDiagnostic(result, Severity::Warning, "/cooling/supply_air/humidify",
                      std::to_string(a.hoursTooDry) + " hours drier than " + limit + " (" +
                          months(result.monthly.hoursTooDry) +
                          "): the plant does not humidify, so these hours use no water; "
                          "humidify (and count the water) or lower the minimum");
    }
    if (a.hoursTooHumid > 0) {
        addDiagnostic(result, Severity::Warning, "/cooling/supply_air/max_dew_point",
                      std::to_string(a.hoursTooHumid) + " hours more humid than the " +
                          figureText(units::toCelsius(envelope.maxDewPoint)) +
                          " degC dew-point or " + figureText(100.0 * envelope.maxRelativeHumidity) +
                          " % relative-humidity maximum (" + months(result.monthly.hoursTooHumid) +
                          "): cold, humid outdoor air recirculated to the supply minimum is "
                          "not dried; raise the maximum or dehumidify");
    }
}

/// One site-year of a sized deployment: hourly series, KPIs, design hour, plant, bill of
/// materials and capacity, into a result that starts empty but for the sizing and its
/// diagnostics (what it held before, "fill"'s last year, is dropped and its hourly
/// storage recycled). Returns the hours that set its capacity.
ConstraintHours simulateYear(const Scenario& scenario, ComputeSizing sizing,
                             const Diagnostics& sizingDiagnostics, Feedback& feedback,
                             RunResult& result) {
    result = RunResult{};
    const Site& site = scenario.site;
    const Climate& climate = *site.climate;
    result.siteName = site.name;
    result.scenarioHash = scenario.hash;
    result.climateProvenance = climate.provenance;
    result.assumptions = site.assumptions;
    result.inputs = RunInputs::of(site);
    result.compute = std::move(sizing);
    result.diagnostics.append(sizingDiagnostics);
    const ComputeSizing& compute = result.compute;
    const int hallsUsed = std::max(compute.hallsUsed, 1);
    const double scale = compute.servers > 0 ? hallsUsed : 0.0;

    const auto outdoorPtr = scenario.outdoor
                                ? scenario.outdoor
                                : outdoorSeries(site.climate, site.location.elevation.value());
    const OutdoorSeries& outdoor = *outdoorPtr;
    HallModel hall(site, compute, outdoor);

    if (site.it.utilization.values.empty()) {
        addDiagnostic(result, Severity::Note, "/it/utilization",
                      "no utilization given: the chips run at 100 % every hour");
    }
    if (site.grid.carbonKgPerKwh.values.empty()) {
        addDiagnostic(result, Severity::Warning, "/grid/carbon_intensity",
                      "no grid carbon intensity: carbon is reported as zero");
    }
    if (feedback.isCanceled()) {
        return {};
    }

    // Every hourly array is sized before the loop (no allocation inside it), its storage
    // recycled from results dropped before (HourlyResults): each of its values is set below.
    HourlyResults& hr = result.hourly;
    hr.prepare(climate.hours());
    hr.month = climate.month;
    hr.day = climate.day;
    hr.hour = climate.hour;
    hr.dryBulbC = climate.dryBulbC;
    hr.wetBulbC = outdoor.wetBulbC;
    hr.dewPointC = climate.dewPointC;

    // The KPIs are summed as the loop makes the hours (kpis.h).
    std::optional<double> residualKgPerKwh;
    if (site.grid.residualMix) {
        residualKgPerKwh = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    KpiSums kpis(std::clamp(site.grid.renewableFraction, 0.0, 1.0), residualKgPerKwh,
                 result.monthly, result.annual);
    ConstraintHours hours = simulateHours(site, hall, outdoor, scale, hr, kpis);
    kpis.finish();
    feedback.progress(0.9);
    reportEnvelopeExcursions(site.cooling.envelope, result);

    const DesignHour design = designHour(climate, hall, outdoor, hours.worstHour);
    const double designRackInKw = design.hall.rackInputKw();
    result.annual.designHourPue =
        designRackInKw > 0.0 ? design.hall.chain.facilityKw / designRackInKw : 0.0;
    result.plant = sizePlant(site, hall, design, hallsUsed, scale);
    result.billOfMaterials = computeBillOfMaterials(site, compute);
    addPlantLines(result.plant, design, scale, result.billOfMaterials);
    result.capacity =
        siteCapacity(site, compute, hall, design, result.annual, scale, result.diagnostics);
    return hours;
}

/// The count the tightest constraint allows, scaling `count` by its maximum-to-deployed
/// ratio (0 when nothing limits).
long long scaledGuess(const CapacityResult& capacity, long long count) {
    double ratio = std::numeric_limits<double>::infinity();
    for (const OptionalMw& maxIt : capacity.maxItMw) {
        if (maxIt && capacity.deployedItMw > 0.0) {
            ratio = std::min(ratio, *maxIt / capacity.deployedItMw);
        }
    }
    return std::isfinite(ratio)
               ? static_cast<long long>(std::floor(static_cast<double>(count) * ratio + 1e-9))
               : 0LL;
}

/// "fill": sizing placed as many UltraServers as the halls' power and rack positions hold
/// (and no more than the interconnect feeds at a PUE of 1). The interconnect at the design
/// hour's facility power, the compressors and the water supply are known only from a
/// simulated year, so while the deployment breaks one of them a smaller count is searched
/// for between the largest count known to fit and the smallest known to break. The search
/// checks counts at the hours that set those constraints in the last simulated or screened
/// year (fill_check: worst hour, thirstiest days), each check's capacity giving the next guess
/// (the count scaled by the tightest maximum-to-deployed ratio), after four guesses
/// bisection. The count the checks keep is simulated in full; whether one more breaks is
/// decided exactly by the weather's design hours when they break its interconnect, else by
/// its own year's hours, screened. A year whose hours moved corrects the bounds and the
/// search goes on from its hours. So the count kept fits its simulated year and one more
/// breaks its own, as fixed counts run; the checks and the screens only spare years (a fill
/// that binds on the interconnect: four or five years before, one year and one screen now).
void fitFill(const Scenario& scenario, SizedDeployment deployment, Feedback& feedback,
             RunResult& result) {
    auto noneFits = [&](Constraint limit) {
        addDiagnostic(result, Severity::Error, "/it/ultraservers",
                      std::string("\"fill\" cannot place one UltraServer: one breaks the ") +
                          constraintName(limit) + " limit at the design hour");
    };
    const Site& site = scenario.site;
    const auto outdoor = scenario.outdoor
                             ? scenario.outdoor
                             : outdoorSeries(site.climate, site.location.elevation.value());
    const long long sized = deployment.compute.ultraServers;
    // Every count's sizing takes the site's count-free figures from the sized deployment.
    const ComputeSizing siteSizing = deployment.compute;
    ConstraintHours hours;
    std::optional<Constraint> broken;
    long long next = 0;
    // The sized count's own year is needed unless the weather's design hours alone prove
    // that it breaks: they are among every year's design hours, so a limit they break, the
    // year breaks too. Then its screened hours are enough to search from.
    const ConstraintHours weatherDesignHours{outdoor->hottestDryBulbHour, {}};
    if (const auto proven = sized > 0 ? brokenConstraint(capacityAtHours(
                                            site, sized, siteSizing, weatherDesignHours, *outdoor))
                                      : std::nullopt) {
        hours = screenYearShared(site, sized, siteSizing, outdoor);
        const CapacityResult capacity = capacityAtHours(site, sized, siteSizing, hours, *outdoor);
        broken = brokenConstraint(capacity).value_or(*proven);
        next = scaledGuess(capacity, sized);
    } else {
        hours = simulateYear(scenario, std::move(deployment.compute), deployment.diagnostics,
                             feedback, result);
        if (feedback.isCanceled()) {
            return;
        }
        if (result.compute.ultraServers == 0) {
            if (!result.diagnostics.hasErrors()) { // sizing has not already said why
                noneFits(*result.compute.fillLimit);
            }
            return;
        }
        broken = brokenConstraint(result.capacity);
        if (!broken) {
            result.capacity.binding = *result.compute.fillLimit;
            result.capacity.maxUltraServers = result.compute.ultraServers;
            return;
        }
        next = scaledGuess(result.capacity, sized);
    }
    long long fits = 0; // none at all always fits
    long long breaks = sized;
    Constraint limit = *broken;
    RunResult fitting; // the year of `fits` UltraServers, once one is simulated
    bool haveFitting = false;
    // Simulates a count's year and moves the bound it settles; true when it breaks.
    auto simulateCount = [&](long long count) {
        Diagnostics diagnostics;
        ComputeSizing sizing =
            sizeCompute(site, Catalog::builtin(), count, siteSizing, diagnostics);
        hours = simulateYear(scenario, std::move(sizing), diagnostics, feedback, result);
        broken = brokenConstraint(result.capacity);
        next = scaledGuess(result.capacity, count);
        if (broken) {
            breaks = count;
            limit = *broken;
            return true;
        }
        fits = count;
        std::swap(fitting, result);
        haveFitting = true;
        return false;
    };
    // Whether `count` (one more than the largest count known to fit) breaks its own year,
    // and the first limit it breaks there, in brokenConstraint's order. The weather's design
    // hours are among that year's: when they alone break the interconnect, the year breaks
    // it too, and the interconnect comes first whatever else the year breaks, so the year's
    // screen is spared. Otherwise its own hours, screened, decide.
    auto oneMoreBreaks = [&](long long count) {
        const auto atWeather = brokenConstraint(
            capacityAtHours(site, count, siteSizing, weatherDesignHours, *outdoor));
        if (atWeather == Constraint::UtilityInterconnect) {
            return atWeather;
        }
        const ConstraintHours own = screenYearShared(site, count, siteSizing, outdoor);
        return brokenConstraint(capacityAtHours(site, count, siteSizing, own, *outdoor));
    };
    while (breaks - fits > 1 && !feedback.isCanceled()) {
        long long low = fits, high = breaks;
        for (int step = 0; high - low > 1; ++step) {
            if (step >= 4) {
                next = low + (high - low) / 2; // the guesses creep: bisect
            }
            next = std::clamp(next, low + 1, high - 1);
            const CapacityResult checked = capacityAtHours(site, next, siteSizing, hours, *outdoor);
            (brokenConstraint(checked) ? high : low) = next;
            next = scaledGuess(checked, next);
        }
        if (low > fits && simulateCount(low)) {
            continue; // its year broke where the checks did not: search again from its hours
        }
        // One more: its own year's hours, screened without keeping the year, settle whether
        // it breaks exactly; only a count that fits is simulated in full (it is kept).
        if (fits + 1 < breaks) {
            if (const auto moreBreaks = oneMoreBreaks(fits + 1)) {
                breaks = fits + 1;
                limit = *moreBreaks;
            } else {
                simulateCount(fits + 1);
            }
        }
    }
    if (haveFitting) {
        std::swap(fitting, result);
    } else { // not one UltraServer fits
        Diagnostics diagnostics;
        ComputeSizing sizing = sizeCompute(site, Catalog::builtin(), 0, siteSizing, diagnostics);
        simulateYear(scenario, std::move(sizing), diagnostics, feedback, result);
        noneFits(limit);
    }
    result.compute.fillLimit = limit;
    result.capacity.binding = limit;
    result.capacity.maxUltraServers = result.compute.ultraServers;
}

} // namespace

RunResult simulate(const Scenario& scenario, Feedback& feedback) {
    RunResult result;
    const Site& site = scenario.site;
    if (!site.climate || site.climate->hours() == 0) {
        result.siteName = site.name;
        result.scenarioHash = scenario.hash;
        result.inputs = RunInputs::of(site);
        addDiagnostic(result, Severity::Error, "/climate",
                      "the site has no climate: nothing to simulate");
    } else {
        // Compute sizing: servers, racks, halls in use, network power (model/sizing).
        SizedDeployment deployment;
        if (scenario.deployment) {
            deployment = *scenario.deployment;
        } else {
            deployment.compute = sizeCompute(site, Catalog::builtin(), deployment.diagnostics);
        }
        if (deployment.compute.fillLimit) {
            fitFill(scenario, std::move(deployment), feedback, result);
        } else {
            simulateYear(scenario, std::move(deployment.compute), deployment.diagnostics, feedback,
                         result);
        }
        // What the chips deliver, charged with the year's hourly costs (model/perf): once,
        // on the deployment "fill" settled on, not on every year it tried.
        if (!feedback.isCanceled()) {
            evaluateWorkloads(site, result);
        }
        // What the year costs, once the deployment is final (model/cost).
        if (site.cost && !feedback.isCanceled()) {
            result.cost = siteCost(site, result, result.diagnostics);
            result.embodiedCarbon = siteEmbodiedCarbon(site, result, result.diagnostics);
        }
        // Its hourly carbon-free energy, and market-based carbon from its contracts.
        if (site.cleanEnergy && !feedback.isCanceled()) {
            result.cfe = siteCarbonFreeEnergy(site, result, result.diagnostics);
        }
        // The basin's water stress beside the year's water.
        if (site.waterStress && !feedback.isCanceled()) {
            result.waterStress = siteWaterStress(site, result, result.diagnostics);
        }
    }
    for (const Diagnostic& d : result.diagnostics.items()) {
        feedback.report(d);
    }
    feedback.progress(1.0);
    return result;
}

} // namespace headroom::model
