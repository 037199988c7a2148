#include "model/plan/plan.h"

#include "model/catalog/catalog.h"
#include "model/climate/climate_morph.h"
#include "model/core/derived_cache.h"
#include "model/cost/carbon_free_energy.h"
#include "model/cost/embodied_carbon.h"
#include "model/cost/tco.h"
#include "model/cost/water_stress.h"
#include "model/sim/kpis.h"
#include "model/sim/outdoor_series.h"
#include "model/site/grid_projection.h"
#include "model/site/site_fields.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>
#include <set>
#include <span>
#include <thread>

namespace headroom::model {

namespace {

/// A trajectory's value in year: its one point, or linear between the points around year
/// (SiteReader has checked that they cover the horizon).
double valueInYear(const std::vector<YearPoint>& points, int year) {
    if (points.size() == 1 || year <= points.front().year) {
        return points.front().value;
    }
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (year <= points[i].year) {
            const YearPoint& a = points[i - 1];
            const YearPoint& b = points[i];
            return a.value + (b.value - a.value) * (year - a.year) / (b.year - a.year);
        }
    }
    return points.back().value;
}

/// The platform a phase's buildings run in year, after every refresh its policy makes.
std::string platformInYear(const Plan& plan, const PlanPhase& phase, int year) {
    std::string platform = phase.platformId;
    int since = phase.year;
    for (std::size_t guard = 0; guard <= static_cast<std::size_t>(year - phase.year); ++guard) {
        const auto rule =
            std::find_if(plan.refresh.begin(), plan.refresh.end(),
                         [&](const PlanRefresh& r) { return r.platformId == platform; });
        if (rule == plan.refresh.end() || year < since + rule->serviceLifeYears) {
            break;
        }
        since += rule->serviceLifeYears;
        platform = rule->replacementId;
    }
    return platform;
}

/// The halls of one platform in a year: "fill" phases pooled, counted ones summed.
struct Cohort {
    std::string platformId;
    int halls = 0;
    std::set<int> buildings;         ///< the buildings its halls are in
    std::optional<int> ultraServers; ///< nothing: fill
};

std::vector<Cohort> cohortsInYear(const Site& site, int year) {
    const Plan& plan = *site.plan;
    std::map<std::pair<std::string, bool>, Cohort> byPlatform;
    for (const PlanPhase& phase : plan.phases) {
        if (phase.year > year) {
            continue;
        }
        const std::string platform = platformInYear(plan, phase, year);
        // A refreshed phase fills its halls with the new platform: a count of the old one
        // says nothing about how many of the new one fit.
        const bool fill = !phase.ultraServers || platform != phase.platformId;
        Cohort& cohort = byPlatform[{platform, fill}];
        cohort.platformId = platform;
        cohort.halls += phase.buildings * phase.hallsPerBuilding(site.campus.hallsPerBuilding);
        for (int b = phase.firstBuilding; b < phase.firstBuilding + phase.buildings; ++b) {
            cohort.buildings.insert(b);
        }
        if (!fill) {
            cohort.ultraServers = cohort.ultraServers.value_or(0) + *phase.ultraServers;
        }
    }
    std::vector<Cohort> out;
    for (auto& [key, cohort] : byPlatform) {
        out.push_back(std::move(cohort));
    }
    return out;
}

/// The hourly series that add across buildings; the weather and grid intensities do not.
constexpr std::array kAdditive{
    &HourlyResults::itPowerKw,         &HourlyResults::psuLossKw,
    &HourlyResults::fanPowerKw,        &HourlyResults::pumpPowerKw,
    &HourlyResults::compressorPowerKw, &HourlyResults::heatRejectionPowerKw,
    &HourlyResults::transformerLossKw, &HourlyResults::upsLossKw,
    &HourlyResults::pduLossKw,         &HourlyResults::ancillaryPowerKw,
    &HourlyResults::facilityPowerKw,   &HourlyResults::evaporationL,
    &HourlyResults::blowdownL,         &HourlyResults::driftL,
    &HourlyResults::humidificationL,   &HourlyResults::carbonKg};

template <class T> void addOptional(std::optional<T>& into, const std::optional<T>& add) {
    if (add) {
        into = into.value_or(T{}) + *add;
    }
}

/// Adds run `add` (another platform's buildings, same hours) into `sum`. Key figures are
/// recomputed afterwards from the summed hours.
void addRun(RunResult& sum, const RunResult& add) {
    HourlyResults& h = sum.hourly;
    for (auto series : kAdditive) {
        auto& into = h.*series;
        const auto& from = add.hourly.*series;
        for (std::size_t i = 0; i < into.size(); ++i) {
            into[i] += from[i];
        }
    }
    for (std::size_t i = 0; i < h.hours(); ++i) {
        h.mode[i] = std::max(h.mode[i], add.hourly.mode[i]); // the costlier mode of the hour
        h.evaporative[i] = h.evaporative[i] | add.hourly.evaporative[i];
        if (h.outsideEnvelope[i] == EnvelopeExcursion::Inside) {
            h.outsideEnvelope[i] = add.hourly.outsideEnvelope[i];
        }
    }
    ComputeSizing& c = sum.compute;
    const ComputeSizing& a = add.compute;
    c.ultraServers += a.ultraServers;
    c.servers += a.servers;
    c.chips += a.chips;
    c.racks += a.racks;
    c.rows += a.rows;
    c.hallsUsed += a.hallsUsed; // the buildings they are in: runPlanInto
    c.itPowerKw += a.itPowerKw;
    c.networkPowerKw += a.networkPowerKw;
    // Each platform's buildings have a fabric of their own: the year's parts are the sum,
    // its depth the deeper one's.
    c.fabricTiers = std::max(c.fabricTiers, a.fabricTiers);
    c.fabricEndpoints += a.fabricEndpoints;
    c.switches += a.switches;
    c.transceivers += a.transceivers;
    c.cables += a.cables;
    c.bisectionTbps += a.bisectionTbps;
    c.switchPowerKw += a.switchPowerKw;
    c.opticsPowerKw += a.opticsPowerKw;
    const auto addByTier = [](auto& into, const auto& from) {
        into.resize(std::max(into.size(), from.size()));
        for (std::size_t t = 0; t < from.size(); ++t) {
            into[t] += from[t];
        }
    };
    addByTier(c.switchesPerTier, a.switchesPerTier);
    addByTier(c.linksPerTier, a.linksPerTier);
    for (std::size_t p = 0; p < c.peakPflops.size(); ++p) {
        addOptional(c.peakPflops[p], a.peakPflops[p]);
    }
    sum.plant.designHourFacilityMw += add.plant.designHourFacilityMw;
    // The year's deployment is the sum; each constraint's maximum and headroom too (each
    // run holds its buildings' share of the campus limits).
    CapacityResult& cap = sum.capacity;
    cap.deployedItMw += add.capacity.deployedItMw;
    cap.maxUltraServers += add.capacity.maxUltraServers;
    for (std::size_t k = 0; k < cap.maxItMw.size(); ++k) {
        addOptional(cap.maxItMw[k], add.capacity.maxItMw[k]);
        addOptional(cap.headroomMw[k], add.capacity.headroomMw[k]);
    }
    std::optional<double> least;
    for (std::size_t k = 0; k < cap.headroomMw.size(); ++k) {
        if (cap.headroomMw[k] && (!least || *cap.headroomMw[k] < *least)) {
            least = cap.headroomMw[k];
            cap.binding = static_cast<Constraint>(k);
        }
    }
    for (const BomLine& line : add.billOfMaterials) {
        const auto same = std::find_if(
            sum.billOfMaterials.begin(), sum.billOfMaterials.end(), [&](const BomLine& b) {
                return b.category == line.category && b.item == line.item && b.unit == line.unit;
            });
        if (same == sum.billOfMaterials.end()) {
            sum.billOfMaterials.push_back(line);
        } else {
            same->quantity += line.quantity;
        }
    }
    // What each platform's buildings embody adds (each its own chip's dies); the year's
    // side of it follows in mergeRuns.
    if (sum.embodiedCarbon && add.embodiedCarbon) {
        EmbodiedCarbonResult& e = *sum.embodiedCarbon;
        const EmbodiedCarbonResult& x = *add.embodiedCarbon;
        addOptional(e.chipDiesT, x.chipDiesT);
        e.hbmT += x.hbmT;
        e.flashT += x.flashT;
        e.serverRestT += x.serverRestT;
        e.networkT += x.networkT;
        e.shellT += x.shellT;
        e.plantT += x.plantT;
        e.totalT += x.totalT;
        e.perYearT += x.perYearT;
    }
    // Delivered compute adds; per-kWh and per-UltraServer figures follow in mergeRuns.
    ProductivityResult& p = sum.productivity;
    for (std::size_t k = 0; k < p.sustainedPflops.size(); ++k) {
        addOptional(p.sustainedPflops[k], add.productivity.sustainedPflops[k]);
    }
    sum.diagnostics.append(add.diagnostics);
}

/// The year's platforms' runs, the first (`sum`) and the others, added hour by hour into
/// `sum`, with its key figures computed from the sums (kpis.h) as a single run's are.
/// `campus` is the year's site for every energized building: what the year costs, its
/// carbon-free energy and its basin's water stress are the campus's (one plot of land, one
/// set of contracts, one demand-charge peak), worked on the summed hours.
void mergeRuns(const Site& site, const Site& campus, RunResult& sum,
               std::span<const RunResult> others) {
    // BF16 sustained, delivered over the year
    double flops = sum.productivity.flopsPerFacilityKwh * sum.annual.facilityEnergyMwh * 1000.0;
    for (const RunResult& run : others) {
        flops += run.productivity.flopsPerFacilityKwh * run.annual.facilityEnergyMwh * 1000.0;
    }
    for (const RunResult& run : others) {
        addRun(sum, run);
    }
    std::optional<double> residualKgPerKwh;
    if (site.grid.residualMix) {
        residualKgPerKwh = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    computeKpis(std::clamp(site.grid.renewableFraction, 0.0, 1.0), residualKgPerKwh, sum);
    // The design hour is the same weather hour for every platform's buildings.
    const double designRackInMw = sum.capacity.deployedItMw;
    sum.annual.designHourPue =
        designRackInMw > 0.0 ? sum.plant.designHourFacilityMw / designRackInMw : 0.0;
    ProductivityResult& p = sum.productivity;
    const double kwh = sum.annual.facilityEnergyMwh * 1000.0;
    p.flopsPerFacilityKwh = kwh > 0.0 ? flops / kwh : 0.0;
    const double us = sum.compute.ultraServers;
    if (us > 0) {
        p.facilityMwhPerUltraServer = sum.annual.facilityEnergyMwh / us;
        p.siteWaterM3PerUltraServer = sum.annual.waterM3 / us;
        p.carbonTPerUltraServer = sum.annual.carbonLocationT / us;
        p.sustainedPflopsPerUltraServer = p.sustainedPflops[1].value_or(0.0) / us;
    }
    // The platforms' runs noted what the layers leave out already.
    Diagnostics noted;
    if (campus.cost) {
        sum.cost = siteCost(campus, sum, noted);
        if (sum.embodiedCarbon) {
            completeEmbodiedYear(*sum.embodiedCarbon, sum);
        }
    }
    if (campus.cleanEnergy) {
        sum.cfe = siteCarbonFreeEnergy(campus, sum, noted);
    }
    if (campus.waterStress) {
        sum.waterStress = siteWaterStress(campus, sum, noted);
    }
}

} // namespace

namespace {

struct CambiumKey {
    CambiumRegion region;
    int year;
    double utcOffsetHours;
    bool operator==(const CambiumKey&) const = default;
};

/// A year's Cambium carbon on a climate's hours (cambiumCarbonKgPerKwh), made once per
/// climate and key: a plan run again on the same weather (the morphs come from their cache)
/// interpolates and places its years' 8,760 hours again otherwise, 5 % of a warm plan.
std::shared_ptr<const std::vector<double>>
cambiumOfYear(const std::shared_ptr<const Climate>& climate, const CambiumKey& key) {
    static DerivedCache<Climate, CambiumKey, std::vector<double>> cache(48);
    return cache.get(climate, key, [&] {
        return std::make_shared<const std::vector<double>>(
            cambiumCarbonKgPerKwh(key.region, key.year, *climate, key.utcOffsetHours));
    });
}

/// What every year's site starts from: site without its plan and workloads (a single-year
/// analysis), and without the hourly series the plan's trajectories replace each year (a
/// year's site would copy 8,760 hours of each only to overwrite them).
Site planBaseSite(const Site& site) {
    const Plan& plan = *site.plan;
    Site s = site;
    s.plan.reset();
    s.training.clear();
    s.inference.clear();
    if (!plan.utilization.empty()) {
        s.it.utilization.values.clear();
    }
    if (plan.cambium != CambiumRegion::None || !plan.carbon.empty() || plan.carbonAnnualChange) {
        s.grid.carbonKgPerKwh.values.clear();
    }
    if (!plan.water.empty() || plan.waterAnnualChange) {
        s.grid.waterLPerKwh.values.clear();
    }
    return s;
}

/// `out` as the site's own series `own` times factor, hour by hour (its shape kept). From
/// the site's series, not the one a year's site holds: that may be an earlier year's,
/// scaled already.
void scaleOwnSeries(HourlySeries& out, const HourlySeries& own, double factor) {
    out.values.resize(own.values.size());
    for (std::size_t h = 0; h < own.values.size(); ++h) {
        out.values[h] = own.values[h] * factor;
    }
}

/// Makes `s`, planBaseSite(site) or a site this made from it before, the site of one year
/// of site's plan (planYearSite), with the year's and the first year's Cambium carbon when
/// the caller has them (a plan's weather): the same series cambiumCarbonKgPerKwh() gives.
/// It sets every member a year sets, from site and the year, so the years of a plan run in
/// one site one after the other (rather than each copying the site and its hourly series).
void toYearSite(Site& s, const Site& site, int year, int halls, const std::string& platformId,
                std::optional<int> ultraServers, std::shared_ptr<const Climate> climate,
                const std::vector<double>* cambium, const std::vector<double>* cambiumFirst) {
    const Plan& plan = *site.plan;
    // Identical halls share the campus limits evenly. Nothing in a site-year depends on how
    // its halls group into buildings but the count of buildings used, which a plan does
    // not report: whole buildings keep their halls per building, part of one groups as it
    // divides.
    const double share = static_cast<double>(halls) / site.campus.halls();
    s.campus.hallsPerBuilding = std::gcd(halls, site.campus.hallsPerBuilding);
    s.campus.buildings = halls / s.campus.hallsPerBuilding;
    s.campus.utilityInterconnect = site.campus.utilityInterconnect * share;
    s.campus.waterSupplyPerDay = site.campus.waterSupplyPerDay;
    if (site.campus.waterSupplyPerDay) {
        s.campus.waterSupplyPerDay = *site.campus.waterSupplyPerDay * share;
    }
    if (platformId != site.it.platform.id) {
        s.it.platform = *Catalog::builtin().platform(platformId);
        s.it.chip = *Catalog::builtin().chip(s.it.platform.chipId);
    } else { // the site's own keeps its overrides
        s.it.platform = site.it.platform;
        s.it.chip = site.it.chip;
    }
    // A draw of the uncertainty scales every chip's power, the catalog's or the site's.
    s.it.chip.peakPower *= plan.chipPowerScale;
    s.it.chip.idlePower *= plan.chipPowerScale;
    s.it.ultraServers = ultraServers;
    s.climate = std::move(climate);
    const std::size_t hours = s.climate->hours();
    if (!plan.utilization.empty()) {
        s.it.utilization.values.assign(hours, valueInYear(plan.utilization, year));
    }
    // A draw's grid change scale k moves each hour's intensity c to c + (k - 1)(c - c0),
    // c0 the same hour of the horizon's first year, never below zero: k = 1 is the
    // trajectory exactly.
    const double k = plan.gridChangeScale;
    if (plan.cambium != CambiumRegion::None) { // before any points (the reader warns)
        auto& c = s.grid.carbonKgPerKwh.values;
        // Made here (cached) when the caller has not: planYearSite, a plan without weather.
        std::shared_ptr<const std::vector<double>> made, madeFirst;
        if (!cambium || cambium->size() != hours) {
            made = cambiumOfYear(s.climate, {plan.cambium, year, site.location.utcOffsetHours});
            cambium = made.get();
        }
        c.assign(cambium->begin(), cambium->end());
        if (k != 1.0) {
            if (!cambiumFirst || cambiumFirst->size() != hours) {
                madeFirst = cambiumOfYear(
                    s.climate, {plan.cambium, plan.firstYear, site.location.utcOffsetHours});
                cambiumFirst = madeFirst.get();
            }
            const std::vector<double>& c0 = *cambiumFirst;
            for (std::size_t h = 0; h < c.size(); ++h) {
                c[h] = std::max(0.0, c[h] + (k - 1.0) * (c[h] - c0[h]));
            }
        }
    } else if (!plan.carbon.empty()) {
        const double c = valueInYear(plan.carbon, year);
        const double c0 = valueInYear(plan.carbon, plan.firstYear);
        const double scaled = k == 1.0 ? c : std::max(0.0, c + (k - 1.0) * (c - c0));
        s.grid.carbonKgPerKwh.values.assign(
            hours, scaled * seriesScaleFromSi(QuantityKind::CarbonIntensity));
    } else if (plan.carbonAnnualChange) {
        // Every hour of the site's own series by the same factor f: its change from the
        // first year, f - 1, is what a draw scales.
        const double f = std::pow(1.0 + *plan.carbonAnnualChange, year - plan.firstYear);
        scaleOwnSeries(s.grid.carbonKgPerKwh, site.grid.carbonKgPerKwh,
                       std::max(0.0, f + (k - 1.0) * (f - 1.0)));
    }
    // The water its generation consumes (EWIF), as written: the uncertainty draws none.
    if (!plan.water.empty()) {
        s.grid.waterLPerKwh.values.assign(
            hours, valueInYear(plan.water, year) * seriesScaleFromSi(QuantityKind::WaterIntensity));
    } else if (plan.waterAnnualChange) {
        scaleOwnSeries(s.grid.waterLPerKwh, site.grid.waterLPerKwh,
                       std::pow(1.0 + *plan.waterAnnualChange, year - plan.firstYear));
    }
}

} // namespace

Site planYearSite(const Site& site, int year, int halls, const std::string& platformId,
                  std::optional<int> ultraServers, std::shared_ptr<const Climate> climate) {
    Site s = planBaseSite(site);
    toYearSite(s, site, year, halls, platformId, ultraServers, std::move(climate), nullptr,
               nullptr);
    return s;
}

namespace {

/// The weather of one year of site's plan, morphed by morpher (of site.climate).
PlanWeather::Year yearWeather(const Site& site, ClimateMorpher& morpher, int year) {
    const Plan& plan = *site.plan;
    PlanWeather::Year entry;
    entry.climate = site.climate;
    if (plan.climate && year != plan.climate->baselineYear) {
        const PlanClimate& c = *plan.climate;
        MonthlyClimateChange change;
        change.meanDeltaK = c.meanDeltaK;
        change.rangeDeltaK = c.rangeDeltaK;
        change = change.scaled(static_cast<double>(year - c.baselineYear) /
                               (c.targetYear - c.baselineYear));
        entry.meanWarmingK =
            std::accumulate(change.meanDeltaK.begin(), change.meanDeltaK.end(), 0.0) / 12.0;
        // SiteReader morphed the horizon's ends: every year between stays in bounds.
        entry.climate = morpher.morphed(change);
    }
    if (entry.climate && entry.climate->hours() > 0) {
        entry.outdoor = outdoorSeries(entry.climate, site.location.elevation.value());
        if (plan.cambium != CambiumRegion::None) { // once a year, not once a platform
            entry.cambiumKgPerKwh =
                *cambiumOfYear(entry.climate, {plan.cambium, year, site.location.utcOffsetHours});
        }
    }
    return entry;
}

/// Runs the plan into buffers.plan, reusing its years' and buffers.runs' hourly storage;
/// each year's weather from `weather`, or made as the year comes (null).
void runPlanInto(const Scenario& scenario, const PlanWeather* weather, Feedback& feedback,
                 PlanBuffers& buffers) {
    const Site& site = scenario.site;
    const Plan& plan = *site.plan;
    // Every year's site, one after the other (toYearSite), its platforms' and its campus's.
    Scenario yearScenario{planBaseSite(site), scenario.hash};
    PlanResult& out = buffers.plan;
    out.siteName = site.name;
    out.scenarioHash = scenario.hash;
    out.firstYear = plan.firstYear;
    out.lastYear = plan.lastYear;
    out.uncertainty.reset();
    const int years = plan.lastYear - plan.firstYear + 1;
    // A growing vector copies its RunResults (their Boost.Units members do not move
    // noexcept): reserved, each year is made in place once.
    out.years.reserve(static_cast<std::size_t>(years));
    std::optional<ClimateMorpher> morpher;
    if (!weather) {
        morpher.emplace(site.climate);
    }
    std::size_t done = 0;
    for (int year = plan.firstYear; year <= plan.lastYear && !feedback.isCanceled(); ++year) {
        const std::size_t i = static_cast<std::size_t>(year - plan.firstYear);
        PlanWeather::Year made;
        if (!weather) {
            made = yearWeather(site, *morpher, year);
        }
        const PlanWeather::Year& weatherOfYear = weather ? weather->years.at(i) : made;
        if (out.years.size() <= i) {
            out.years.emplace_back();
        }
        PlanYearResult& entry = out.years[i];
        entry.year = year;
        entry.generations.clear();
        entry.meanWarmingK = weatherOfYear.meanWarmingK;
        const std::vector<Cohort> cohorts = cohortsInYear(site, year);
        if (buffers.runs.size() + 1 < cohorts.size()) {
            buffers.runs.resize(cohorts.size() - 1);
        }
        for (std::size_t k = 0; k < cohorts.size(); ++k) {
            const Cohort& cohort = cohorts[k];
            Feedback quiet; // the plan reports its own progress
            toYearSite(yearScenario.site, site, year, cohort.halls, cohort.platformId,
                       cohort.ultraServers, weatherOfYear.climate, &weatherOfYear.cambiumKgPerKwh,
                       weather ? &weather->firstYearCambiumKgPerKwh : nullptr);
            yearScenario.outdoor = weatherOfYear.outdoor;
            RunResult& run = k == 0 ? entry.result : buffers.runs[k - 1];
            run = simulate(yearScenario, quiet); // run's arrays go back to the store for it
            entry.generations.push_back({.platformId = cohort.platformId,
                                         .chipId = yearScenario.site.it.chip.id,
                                         .buildings = static_cast<int>(cohort.buildings.size()),
                                         .halls = cohort.halls,
                                         .ultraServers = run.compute.ultraServers,
                                         .chips = run.compute.chips,
                                         .deployedItMw = run.capacity.deployedItMw});
        }
        if (cohorts.empty()) {
            entry.result = RunResult{}; // a year before any building is energized stays empty
            entry.result.siteName = site.name;
        } else {
            if (cohorts.size() > 1) {
                int halls = 0;
                for (const Cohort& cohort : cohorts) {
                    halls += cohort.halls;
                }
                Site& campus = yearScenario.site;
                toYearSite(campus, site, year, halls, site.it.platform.id, std::nullopt,
                           weatherOfYear.climate, &weatherOfYear.cambiumKgPerKwh,
                           weather ? &weather->firstYearCambiumKgPerKwh : nullptr);
                mergeRuns(site, campus, entry.result,
                          std::span<const RunResult>(buffers.runs.data(), cohorts.size() - 1));
            }
            // The buildings a year uses are those with a hall it energized: a run's own count
            // knows its halls, not which buildings they are in (or share with another
            // platform's).
            std::set<int> energized;
            for (const Cohort& cohort : cohorts) {
                energized.insert(cohort.buildings.begin(), cohort.buildings.end());
            }
            entry.result.compute.buildingsUsed = static_cast<int>(energized.size());
        }
        done = i + 1;
        feedback.progress(static_cast<double>(done) / years);
    }
    // A canceled plan keeps the years it ran (the buffers keep the others' storage).
    while (out.years.size() > done) {
        out.years.pop_back();
    }
}

} // namespace

PlanWeather planWeather(const Site& site, int jobs) {
    const Plan& plan = *site.plan;
    PlanWeather out;
    const int years = plan.lastYear - plan.firstYear + 1;
    out.years.resize(static_cast<std::size_t>(years));
    // Each thread takes the next year not yet taken, morphed by a morpher of its own (a
    // morpher is not shared across threads; the caches behind them are).
    std::atomic<int> next{0};
    const auto work = [&] {
        ClimateMorpher morpher(site.climate);
        for (int i = next++; i < years; i = next++) {
            out.years[static_cast<std::size_t>(i)] = yearWeather(site, morpher, plan.firstYear + i);
        }
    };
    {
        std::vector<std::jthread> helpers;
        for (int j = 1; j < std::min(jobs, years); ++j) {
            helpers.emplace_back(work);
        }
        work();
    } // joins
    if (plan.cambium != CambiumRegion::None && site.climate) {
        out.firstYearCambiumKgPerKwh = *cambiumOfYear(
            site.climate, {plan.cambium, plan.firstYear, site.location.utcOffsetHours});
    }
    return out;
}

PlanResult runPlan(const Scenario& scenario, Feedback& feedback) {
    PlanBuffers buffers;
    runPlanInto(scenario, nullptr, feedback, buffers);
    return std::move(buffers.plan);
}

PlanResult runPlan(const Scenario& scenario, const PlanWeather& weather, Feedback& feedback) {
    PlanBuffers buffers;
    runPlanInto(scenario, &weather, feedback, buffers);
    return std::move(buffers.plan);
}

const PlanResult& runPlan(const Scenario& scenario, const PlanWeather& weather, Feedback& feedback,
                          PlanBuffers& buffers) {
    runPlanInto(scenario, &weather, feedback, buffers);
    return buffers.plan;
}

} // namespace headroom::model
