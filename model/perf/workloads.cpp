#include "model/perf/workloads.h"

#include "model/perf/inference_step.h"
#include "model/perf/layout_search_cache.h"
#include "model/perf/perf_messages.h"
#include "model/perf/training_step.h"
#include "model/sizing/compute_sizing.h"

#include <algorithm>
#include <cmath>

// What the deployed chips deliver, from the performance engine, charged with the hourly
// simulation's costs. Simplifications (stated so reports can repeat them):
// - a training run has the whole deployment: the engine's layout may use fewer chips than
//   are deployed (data parallelism stops at the global batch), and the run is charged the
//   site's hourly IT and facility energy, water and carbon over the hours it runs;
// - an inference service likewise has every deployed chip; its tokens follow the hourly
//   utilization, as the simulated IT power does, so its per-token costs are the year's
//   costs over the year's tokens;
// - the fabric trade-off holds the deployment fixed and changes only the leaf
//   oversubscription: the network power a fabric saves or adds changes the facility power
//   by that power x the run's own PUE (its facility energy over its IT energy).

namespace headroom::model {

namespace {

/// The longest training run charged with the site's hourly costs: 1,000 years.
constexpr double kMaxTrainingHours = 1000.0 * 8760.0;
/// The oversubscriptions of the fabric trade-off, r in r:1.
constexpr double kTradeOffOversubscriptions[] = {1.0, 2.0, 4.0};

void note(RunResult& result, Severity severity, std::string pointer, std::string message) {
    result.diagnostics.add(Diagnostic{"", 0, 0, std::move(pointer), severity,
                                      DiagnosticKind::Meaning, std::move(message)});
}

/// Sums of the hourly series over a window of the year.
struct WindowTotals {
    double itKwh = 0.0, facilityKwh = 0.0, siteWaterL = 0.0, sourceWaterL = 0.0, carbonKg = 0.0;
    double utilizationHours = 0.0; ///< hours weighted by chip utilization

    RunCosts costs() const {
        return {itKwh / 1e3, facilityKwh / 1e3, siteWaterL / 1e3, sourceWaterL / 1e3,
                carbonKg / 1e3};
    }
};

double at(const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
}

/// The hourly series a window sums, read hour by hour. simulate() gives every series a value
/// for every hour, so their lengths are checked once per window, not at every hour: a
/// series shorter than the year (a result built by hand) still reads 0 past its end.
class HourReader {
public:
    HourReader(const HourlyResults& h, const std::vector<double>& utilization)
        : m_h(h)
        , m_utilization(utilization) {
        const std::size_t n = h.hours();
        m_complete = h.facilityPowerKw.size() >= n && h.evaporationL.size() >= n &&
                     h.blowdownL.size() >= n && h.driftL.size() >= n &&
                     h.humidificationL.size() >= n && h.gridWaterLPerKwh.size() >= n &&
                     h.carbonKg.size() >= n;
    }

    /// Adds hours [first, last) of the year, each with weight w (a fraction for a run's
    /// last, partial hour); the utilization profile repeats from hour `first`'s place.
    void add(std::size_t first, std::size_t last, double w, WindowTotals& t) const {
        // A weight of 1 leaves every term as it is (1 x a = a, to the bit): whole hours, all
        // but the last of a run, are added without it.
        if (w == 1.0) {
            m_complete ? addHours<true, true>(first, last, w, t)
                       : addHours<false, true>(first, last, w, t);
        } else {
            m_complete ? addHours<true, false>(first, last, w, t)
                       : addHours<false, false>(first, last, w, t);
        }
    }

private:
    template <bool Complete, bool Whole>
    void addHours(std::size_t first, std::size_t last, double w, WindowTotals& t) const {
        const std::size_t profile = m_utilization.size();
        if (profile == 0) {
            addRun<Complete, Whole>(first, last, w, nullptr, t);
            return;
        }
        // Runs of hours along which the profile does not wrap.
        std::size_t u = first % profile; // the hour's place in the profile
        while (first < last) {
            const std::size_t end = std::min(last, first + (profile - u));
            addRun<Complete, Whole>(first, end, w, m_utilization.data() + u, t);
            first = end;
            u = 0;
        }
    }

    /// Hours [first, last), the utilization of the first at `utilization` and the rest after
    /// it (nullptr: full utilization).
    template <bool Complete, bool Whole>
    void addRun(std::size_t first, std::size_t last, double w, const double* utilization,
                WindowTotals& t) const {
        if (utilization) {
            addRun<Complete, Whole, true>(first, last, w, utilization, t);
        } else {
            addRun<Complete, Whole, false>(first, last, w, utilization, t);
        }
    }

    template <bool Complete, bool Whole, bool Profile>
    void addRun(std::size_t first, std::size_t last, double w, const double* utilization,
                WindowTotals& t) const {
        const HourlyResults& h = m_h;
        WindowTotals sums = t; // kept in registers, not stored each hour
        for (std::size_t i = first; i < last; ++i) {
            const auto get = [&](const std::vector<double>& v) {
                return Complete ? v[i] : at(v, i);
            };
            const auto weighted = [w](double value) { return Whole ? value : w * value; };
            const double it = h.itPowerKw[i];
            const double facility = get(h.facilityPowerKw);
            const double siteWater =
                get(h.evaporationL) + get(h.blowdownL) + get(h.driftL) + get(h.humidificationL);
            sums.itKwh += weighted(it);
            sums.facilityKwh += weighted(facility);
            sums.siteWaterL += weighted(siteWater);
            // Source water (Green Grid): site water + the water to make the facility's
            // electricity.
            sums.sourceWaterL += weighted(siteWater + facility * get(h.gridWaterLPerKwh));
            // Location-based carbon: the simulation's own series when it has one.
            sums.carbonKg += weighted(Complete             ? h.carbonKg[i]
                                      : h.carbonKg.empty() ? facility * at(h.gridCarbonKgPerKwh, i)
                                                           : h.carbonKg[i]);
            sums.utilizationHours += weighted(Profile ? utilization[i - first] : 1.0);
        }
        t = sums;
    }

    const HourlyResults& m_h;
    const std::vector<double>& m_utilization;
    bool m_complete = false;
};

/// Totals over `hours` hours from `start`, wrapping around the year as often as needed.
WindowTotals window(const HourlyResults& h, const std::vector<double>& utilization,
                    std::size_t start, double hours) {
    WindowTotals t;
    const std::size_t n = h.hours();
    if (n == 0 || hours <= 0.0) {
        return t;
    }
    const HourReader reader(h, utilization);
    // Whole years first, then the remainder hour by hour (a 10-year run costs 10 years).
    const double years = std::floor(hours / static_cast<double>(n));
    if (years > 0.0) {
        WindowTotals year;
        reader.add(0, n, 1.0, year);
        t.itKwh = years * year.itKwh;
        t.facilityKwh = years * year.facilityKwh;
        t.siteWaterL = years * year.siteWaterL;
        t.sourceWaterL = years * year.sourceWaterL;
        t.carbonKg = years * year.carbonKg;
        t.utilizationHours = years * year.utilizationHours;
    }
    // The remainder: whole hours from `start` in runs up to the year's end (wrapping to its
    // first hour), then the last, partial hour. Each hour of the remainder takes weight 1
    // while a whole hour remains, as min(1, remaining) gives, and `remaining` steps down by
    // 1 exactly each hour (it is below the year's 8760 hours, so integers are exact).
    double remaining = hours - years * static_cast<double>(n);
    std::size_t i = start % n;
    while (remaining >= 1.0) {
        const auto whole = static_cast<std::size_t>(std::floor(remaining));
        const std::size_t last = std::min(n, i + whole);
        reader.add(i, last, 1.0, t);
        remaining -= static_cast<double>(last - i);
        i = last == n ? 0 : last;
    }
    if (remaining > 1e-12) {
        reader.add(i, i + 1, remaining, t);
    }
    return t;
}

/// The first hour of July in the simulated year (4344 in a year without Feb 29).
std::size_t firstHourOfJuly(const HourlyResults& h) {
    const auto july = std::find(h.month.begin(), h.month.end(), std::uint8_t{7});
    return july == h.month.end() ? 0 : static_cast<std::size_t>(july - h.month.begin());
}

/// The machine the site deploys, behind a fabric of the given design and oversubscription.
AcceleratorSystem siteSystem(const Site& site, const FabricDesign& fabric, double oversubscription,
                             double achievableFraction) {
    AcceleratorSystem system = AcceleratorSystem::fromCatalog(
        site.it.chip, site.it.platform, oversubscription, std::max(2, fabric.radix));
    system.computeEfficiency = achievableFraction;
    return system;
}

void evaluateTraining(const Site& site, RunResult& result) {
    const ComputeSizing& compute = result.compute;
    const HourlyResults& hourly = result.hourly;
    const Catalog& catalog = Catalog::builtin();
    for (std::size_t w = 0; w < site.training.size(); ++w) {
        const TrainingWorkload& load = site.training[w];
        const std::string pointer = "/workloads/training/" + std::to_string(w);
        if (compute.chips == 0) {
            note(result, Severity::Error, pointer, "no chips deployed to train on");
            continue;
        }
        TrainingJob job;
        job.model = load.model;
        job.model.name = load.name;
        job.globalBatch = load.globalBatch;
        job.precision = static_cast<Precision>(std::clamp(load.precision, 0, 3));
        job.chips = compute.chips;
        job.pointer = pointer;
        LayoutConstraints constraints;
        constraints.recompute = load.recompute;
        Diagnostics scratch; // the site's own fabric was sized, and reported on, already
        const double siteR = site.fabric.oversubscription;
        const auto fabric = designFabric(site, catalog, compute.servers, siteR, scratch);
        const auto best = LayoutSearchCache::shared().search(
            job, siteSystem(site, fabric, siteR, load.achievableFraction), constraints,
            result.diagnostics);
        if (!best) {
            continue; // the engine said why, at the workload's pointer
        }
        TrainingResult out;
        out.name = load.name;
        out.startHourOfYear = load.startHourOfYear;
        out.flops = load.model.trainingFlopsPerToken() * load.tokens;
        const Layout& l = best->layout;
        out.layout = {l.tensor,
                      l.pipeline,
                      l.data,
                      l.microBatch,
                      l.interleave,
                      recomputeName(l.recompute),
                      shardingName(l.sharding),
                      l.fullyRecomputedLayers,
                      best->chipsUsed,
                      l.context};
        out.stepSeconds = best->stepSeconds;
        out.computeSeconds = best->computeSeconds;
        out.exposedCommSeconds = best->exposedCommSeconds;
        out.bubbleSeconds = best->bubbleSeconds;
        out.mfu = best->mfu;
        out.tokensPerSecond = best->tokensPerSecond;
        out.hours = load.tokens / best->tokensPerSecond / 3600.0;
        if (!(out.hours <= kMaxTrainingHours)) {
            // An enormous run: its totals would overflow, and walking it hour by hour would
            // never end.
            note(result, Severity::Error, pointer + "/tokens",
                 "the run would take " + formatFixed(out.hours / 8760.0, 0) +
                     " years on this deployment; at most " +
                     formatFixed(kMaxTrainingHours / 8760.0, 0) + " years are simulated");
            continue;
        }
        if (hourly.hours() == 0) {
            note(result, Severity::Warning, pointer,
                 "no hourly simulation: the run's energy, water and carbon are not set");
        } else {
            const std::size_t n = hourly.hours();
            const auto start = static_cast<std::size_t>(std::max(0, load.startHourOfYear)) % n;
            const WindowTotals own = window(hourly, {}, start, out.hours);
            out.costs = own.costs();
            out.januaryStart = window(hourly, {}, 0, out.hours).costs();
            out.julyStart = window(hourly, {}, firstHourOfJuly(hourly), out.hours).costs();
            // The fabric trade-off: the same run behind 1:1, 2:1 and 4:1 leaves.
            const double runPue = own.itKwh > 0.0 ? own.facilityKwh / own.itKwh : 1.0;
            for (const double r : kTradeOffOversubscriptions) {
                FabricOption option;
                option.oversubscription = r;
                const auto design = designFabric(site, catalog, compute.servers, r, scratch);
                option.switches = design.switches;
                option.transceivers = design.transceivers;
                option.networkPowerKw = design.powerKw();
                Diagnostics refusals; // a refusal here is the run's own, already reported
                const auto step = LayoutSearchCache::shared().search(
                    job, siteSystem(site, design, r, load.achievableFraction), constraints,
                    refusals);
                if (step) {
                    const double hours = load.tokens / step->tokensPerSecond / 3600.0;
                    if (hours <= kMaxTrainingHours) {
                        // The site's own oversubscription gives the run's own hours: its
                        // window is the run's.
                        const WindowTotals t =
                            hours == out.hours ? own : window(hourly, {}, start, hours);
                        const double networkDeltaKw = design.powerKw() - compute.networkPowerKw;
                        option.stepSeconds = step->stepSeconds;
                        option.hours = hours;
                        option.facilityEnergyMwh =
                            (t.facilityKwh + networkDeltaKw * runPue * hours) / 1e3;
                    }
                }
                out.fabricOptions.push_back(option);
            }
        }
        result.training.push_back(std::move(out));
    }
}

void evaluateInference(const Site& site, RunResult& result, const WindowTotals& year) {
    for (std::size_t w = 0; w < site.inference.size(); ++w) {
        const InferenceWorkload& load = site.inference[w];
        const std::string pointer = "/workloads/inference/" + std::to_string(w);
        if (result.compute.chips == 0) {
            note(result, Severity::Error, pointer, "no chips deployed to serve on");
            continue;
        }
        InferenceJob job;
        job.model = load.model;
        job.model.name = load.name;
        job.precision = static_cast<Precision>(std::clamp(load.precision, 0, 3));
        job.weightBytesPerParameter = load.bytesPerParameter;
        job.kvBytesPerValue = load.kvBytesPerValue;
        job.promptTokens = load.promptTokens;
        job.outputTokens = load.outputTokens;
        job.timePerOutputTokenSeconds = load.timePerOutputToken.value();
        if (load.timeToFirstToken) {
            job.timeToFirstTokenSeconds = load.timeToFirstToken->value();
        }
        job.chips = result.compute.chips;
        job.pointer = pointer;
        AcceleratorSystem system = AcceleratorSystem::fromCatalog(site.it.chip, site.it.platform,
                                                                  site.fabric.oversubscription);
        system.computeEfficiency = load.achievableFraction;
        const auto best = InferenceSearchCache::shared().search(job, system, result.diagnostics);
        if (!best) {
            continue; // the engine said why, at the workload's pointer
        }
        InferenceResult out;
        out.name = load.name;
        out.chipsPerReplica = best->tensor;
        out.batch = best->batch;
        out.prefillSeconds = best->prefillSeconds;
        out.decodeStepSeconds = best->decodeStepSeconds;
        out.computeBound = !best->decodeMemoryBound;
        out.tokensPerSecondPerChip = best->outputTokensPerSecondPerChip;
        out.siteTokensPerSecond = best->siteOutputTokensPerSecond;
        const double tokens = out.siteTokensPerSecond * 3600.0 * year.utilizationHours;
        if (tokens > 0.0) {
            const double perMillion = 1e6 / tokens;
            out.itEnergyKwhPerMillionTokens = year.itKwh * perMillion;
            out.energyKwhPerMillionTokens = year.facilityKwh * perMillion;
            out.waterLPerMillionTokens = year.siteWaterL * perMillion;
            out.sourceWaterLPerMillionTokens = year.sourceWaterL * perMillion;
            out.carbonKgPerMillionTokens = year.carbonKg * perMillion;
        }
        result.inference.push_back(std::move(out));
    }
}

void evaluateProductivity(RunResult& result, const WindowTotals& year) {
    ProductivityResult& p = result.productivity;
    const ComputeSizing& compute = result.compute;
    p.mfu = result.training.empty() ? 0.4 : result.training.front().mfu;
    for (std::size_t i = 0; i < p.sustainedPflops.size(); ++i) {
        if (compute.peakPflops[i]) {
            p.sustainedPflops[i] = *compute.peakPflops[i] * p.mfu;
        }
    }
    // BF16 FLOPs delivered in the year (at the hourly utilization) per facility kWh; a chip
    // without a BF16 rate leaves it at 0.
    if (year.facilityKwh > 0.0 && p.sustainedPflops[1]) {
        p.flopsPerFacilityKwh =
            *p.sustainedPflops[1] * 1e15 * 3600.0 * year.utilizationHours / year.facilityKwh;
    }
    if (compute.ultraServers > 0) {
        const double n = compute.ultraServers;
        p.facilityMwhPerUltraServer = year.facilityKwh / 1e3 / n;
        p.siteWaterM3PerUltraServer = year.siteWaterL / 1e3 / n;
        p.carbonTPerUltraServer = year.carbonKg / 1e3 / n;
        p.sustainedPflopsPerUltraServer = p.sustainedPflops[1].value_or(0.0) / n;
    }
    if (result.inference.empty()) {
        return;
    }
    p.tokensPerYear = result.inference.front().siteTokensPerSecond * 3600.0 * year.utilizationHours;
    if (year.facilityKwh > 0.0) {
        p.tokensPerKwh = p.tokensPerYear / year.facilityKwh;
    }
    if (year.siteWaterL > 0.0) {
        p.tokensPerLitre = p.tokensPerYear / year.siteWaterL;
    }
    if (year.carbonKg > 0.0) {
        p.tokensPerKgCo2e = p.tokensPerYear / year.carbonKg;
    }
}

} // namespace

void evaluateWorkloads(const Site& site, RunResult& result) {
    result.training.clear();
    result.inference.clear();
    result.productivity = {};
    const auto& utilization = site.it.utilization.values;
    const auto year =
        window(result.hourly, utilization, 0, static_cast<double>(result.hourly.hours()));
    evaluateTraining(site, result);
    evaluateInference(site, result, year);
    evaluateProductivity(result, year);
}

} // namespace headroom::model
