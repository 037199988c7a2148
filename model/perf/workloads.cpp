#include "model/perf/workloads.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

// What the deployed chips deliver, charged with the hourly simulation's costs.
// Simplifications (stated so reports can repeat them):
// - a training run occupies every deployed chip and costs the site's hourly IT and facility
//   energy, water and carbon over the hours it runs (the site is the run's site);
// - sustained FLOP/s = dense peak at the run's precision x MFU (PaLM, Chowdhery et al.
//   2022, define MFU against that peak); training FLOPs = 6 N D for a dense transformer
//   (Kaplan et al. 2020 [kaplan-2020-scaling]) unless the workload gives them;
// - inference decode is bounded by compute (2 N FLOPs per token) and by HBM bandwidth
//   (every step reads the weights once for the whole batch); prefill, KV-cache traffic
//   and interconnect time are not modelled, so the figures are upper bounds on throughput.

namespace headroom::model {

namespace {

const char* kPrecisionNames[] = {"FP8", "BF16", "FP32", "TF32"};
/// The longest training run charged with the site's hourly costs: 1,000 years.
constexpr double kMaxTrainingHours = 1000.0 * 8760.0;

void note(RunResult& result, Severity severity, std::string pointer, std::string message) {
    result.diagnostics.add(Diagnostic{"", 0, 0, std::move(pointer), severity,
                                      DiagnosticKind::Meaning, std::move(message)});
}

/// Sums of the hourly series over a window of the year.
struct WindowTotals {
    double itKwh = 0.0, facilityKwh = 0.0, siteWaterL = 0.0, sourceWaterL = 0.0, carbonKg = 0.0;
    double utilizationHours = 0.0; ///< hours weighted by chip utilization
};

double at(const std::vector<double>& v, std::size_t i) {
    return i < v.size() ? v[i] : 0.0;
}

/// Adds hour i of the year with weight w (a fraction for a run's last, partial hour).
void addHour(const HourlyResults& h, const std::vector<double>& utilization, std::size_t i,
             double w, WindowTotals& t) {
    const double it = h.itPowerKw[i];
    const double facility = at(h.facilityPowerKw, i);
    const double siteWater =
        at(h.evaporationL, i) + at(h.blowdownL, i) + at(h.driftL, i) + at(h.humidificationL, i);
    t.itKwh += w * it;
    t.facilityKwh += w * facility;
    t.siteWaterL += w * siteWater;
    // Source water (Green Grid): site water + the water to make the facility's electricity.
    t.sourceWaterL += w * (siteWater + facility * at(h.gridWaterLPerKwh, i));
    // Location-based carbon: the simulation's own series when it has one.
    t.carbonKg += w * (h.carbonKg.empty() ? facility * at(h.gridCarbonKgPerKwh, i) : h.carbonKg[i]);
    t.utilizationHours += w * (utilization.empty() ? 1.0 : utilization[i % utilization.size()]);
}

/// Totals over `hours` hours from `start`, wrapping around the year as often as needed.
WindowTotals window(const HourlyResults& h, const std::vector<double>& utilization,
                    std::size_t start, double hours) {
    WindowTotals t;
    const std::size_t n = h.hours();
    if (n == 0 || hours <= 0.0) {
        return t;
    }
    // Whole years first, then the remainder hour by hour (a 10-year run costs 10 years).
    const double years = std::floor(hours / static_cast<double>(n));
    if (years > 0.0) {
        WindowTotals year;
        for (std::size_t i = 0; i < n; ++i) {
            addHour(h, utilization, i, 1.0, year);
        }
        t.itKwh = years * year.itKwh;
        t.facilityKwh = years * year.facilityKwh;
        t.siteWaterL = years * year.siteWaterL;
        t.sourceWaterL = years * year.sourceWaterL;
        t.carbonKg = years * year.carbonKg;
        t.utilizationHours = years * year.utilizationHours;
    }
    double remaining = hours - years * static_cast<double>(n);
    for (std::size_t k = 0; remaining > 1e-12; ++k) {
        const double w = std::min(1.0, remaining);
        addHour(h, utilization, (start + k) % n, w, t);
        remaining -= w;
    }
    return t;
}

void evaluateTraining(const Site& site, RunResult& result) {
    const auto& compute = result.compute;
    for (std::size_t w = 0; w < site.training.size(); ++w) {
        const auto& load = site.training[w];
        const std::string pointer = "/workloads/training/" + std::to_string(w);
        TrainingResult out;
        out.name = load.name;
        out.startHourOfYear = load.startHourOfYear;
        out.flops = load.flops ? load.flops->value() : 6.0 * load.parameters * load.tokens;
        if (load.precision < 0 || load.precision > 3) {
            note(result, Severity::Error, pointer + "/precision", "unknown precision");
            continue;
        }
        const auto p = static_cast<std::size_t>(load.precision);
        // Sustained = peak x MFU over every deployed chip.
        if (compute.peakPflops[p]) {
            out.sustainedPflops = *compute.peakPflops[p] * load.mfu;
        }
        if (out.flops <= 0.0) {
            note(result, Severity::Error, pointer, "the run has no FLOPs (parameters x tokens)");
        } else if (compute.chips == 0) {
            note(result, Severity::Error, pointer, "no chips deployed to train on");
        } else if (!out.sustainedPflops || *out.sustainedPflops <= 0.0) {
            note(result, Severity::Error, pointer + "/precision",
                 std::string("chip '") + site.it.chip.id + "' has no published dense " +
                     kPrecisionNames[p] + " rate, or the MFU is zero");
        } else {
            out.hours = out.flops / (*out.sustainedPflops * 1e15) / 3600.0;
            if (!(out.hours <= kMaxTrainingHours)) {
                // A tiny MFU or an enormous run: its totals would overflow, and walking it
                // hour by hour would never end.
                char text[160];
                std::snprintf(text, sizeof text,
                              "the run would take %.3g years on this deployment; at most %.0f "
                              "years are simulated",
                              out.hours / 8760.0, kMaxTrainingHours / 8760.0);
                note(result, Severity::Error, pointer, text);
                out.hours = 0.0;
            } else if (result.hourly.hours() == 0) {
                note(result, Severity::Warning, pointer,
                     "no hourly simulation: the run's energy, water and carbon are not set");
            } else {
                const auto start = static_cast<std::size_t>(std::max(0, load.startHourOfYear)) %
                                   result.hourly.hours();
                const auto t = window(result.hourly, {}, start, out.hours);
                out.itEnergyMwh = t.itKwh / 1e3;
                out.facilityEnergyMwh = t.facilityKwh / 1e3;
                out.siteWaterM3 = t.siteWaterL / 1e3;
                out.sourceWaterM3 = t.sourceWaterL / 1e3;
                out.carbonT = t.carbonKg / 1e3;
            }
        }
        result.training.push_back(out);
    }
}

void evaluateInference(const Site& site, RunResult& result, const WindowTotals& year) {
    const auto& chip = site.it.chip;
    for (std::size_t w = 0; w < site.inference.size(); ++w) {
        const auto& load = site.inference[w];
        const std::string pointer = "/workloads/inference/" + std::to_string(w);
        InferenceResult out;
        out.name = load.name;
        if (load.precision < 0 || load.precision > 3 || load.parameters <= 0.0 || load.batch < 1 ||
            load.bytesPerParameter <= 0.0) {
            note(result, Severity::Error, pointer,
                 "an inference workload needs parameters, a batch of 1 or more, bytes per "
                 "parameter and a precision");
            continue;
        }
        const double flopsPerSecond =
            chip.denseTflops[static_cast<std::size_t>(load.precision)].value_or(0.0) * 1e12;
        const double weightBytes = load.parameters * load.bytesPerParameter;
        const double hbmBytes = chip.hbm.value();
        if (flopsPerSecond <= 0.0 || hbmBytes <= 0.0) {
            note(result, Severity::Error, pointer + "/precision",
                 "chip '" + chip.id + "' has no rate at this precision or no HBM");
            continue;
        }
        // The weights are split over the fewest chips whose HBM holds them.
        const double replicaChips = std::ceil(weightBytes / hbmBytes);
        if (replicaChips > static_cast<double>(std::max(result.compute.chips, 1))) {
            note(result, Severity::Warning, pointer + "/parameters",
                 "one copy of the weights needs " + std::to_string(std::llround(replicaChips)) +
                     " chips' HBM, more than the " + std::to_string(result.compute.chips) +
                     " deployed");
        }
        out.chipsPerReplica = static_cast<int>(std::min(replicaChips, 2147483647.0));
        // Decode: 2 N FLOPs per token (Kaplan et al. 2020), so compute caps a chip at
        // peak / 2N tokens/s; each step streams the chip's share of the weights once for
        // the whole batch, so memory caps it at batch x bandwidth / weight bytes.
        out.computeBoundTokensPerSecondPerChip = flopsPerSecond / (2.0 * load.parameters);
        out.memoryBoundTokensPerSecondPerChip =
            load.batch * chip.hbmBandwidth.value() / weightBytes;
        out.computeBound =
            out.computeBoundTokensPerSecondPerChip <= out.memoryBoundTokensPerSecondPerChip;
        out.tokensPerSecondPerChip =
            std::min(out.computeBoundTokensPerSecondPerChip, out.memoryBoundTokensPerSecondPerChip);
        out.siteTokensPerSecond = out.tokensPerSecondPerChip * result.compute.chips;
        // Per-token costs over the simulated year: tokens follow the hourly utilization,
        // as the simulated IT power does.
        const double tokens = out.siteTokensPerSecond * 3600.0 * year.utilizationHours;
        if (tokens > 0.0) {
            const double perMillion = 1e6 / tokens;
            out.itEnergyKwhPerMillionTokens = year.itKwh * perMillion;
            out.energyKwhPerMillionTokens = year.facilityKwh * perMillion;
            out.waterLPerMillionTokens = year.siteWaterL * perMillion;
            out.sourceWaterLPerMillionTokens = year.sourceWaterL * perMillion;
            out.carbonKgPerMillionTokens = year.carbonKg * perMillion;
        }
        result.inference.push_back(out);
    }
}

void evaluateProductivity(const Site& site, RunResult& result, const WindowTotals& year) {
    auto& p = result.productivity;
    const auto& compute = result.compute;
    p.mfu = site.training.empty() ? 0.4 : site.training.front().mfu;
    for (std::size_t i = 0; i < p.sustainedPflops.size(); ++i) {
        if (compute.peakPflops[i]) {
            p.sustainedPflops[i] = *compute.peakPflops[i] * p.mfu;
        }
    }
    // The per-energy and per-UltraServer figures are BF16, which every catalog chip publishes;
    // a chip without it leaves them at 0.
    if (year.facilityKwh > 0.0 && p.sustainedPflops[1]) {
        // BF16 FLOPs delivered in the year (at the hourly utilization) per facility kWh.
        p.flopsPerFacilityKwh =
            *p.sustainedPflops[1] * 1e15 * 3600.0 * year.utilizationHours / year.facilityKwh;
    }
    if (!result.inference.empty()) {
        p.tokensPerYear =
            result.inference.front().siteTokensPerSecond * 3600.0 * year.utilizationHours;
        if (year.siteWaterL > 0.0) {
            p.tokensPerLitre = p.tokensPerYear / year.siteWaterL;
        } else if (p.tokensPerYear > 0.0 && result.hourly.hours() > 0) {
            note(result, Severity::Note, "/workloads/inference/0",
                 "the year used no site water: tokens per litre is unbounded (reported as 0)");
        }
        if (year.carbonKg > 0.0) {
            p.tokensPerKgCo2e = p.tokensPerYear / year.carbonKg;
        }
    }
    if (compute.ultraServers > 0) {
        const double n = compute.ultraServers;
        p.facilityMwhPerUltraServer = year.facilityKwh / 1e3 / n;
        p.siteWaterM3PerUltraServer = year.siteWaterL / 1e3 / n;
        p.carbonTPerUltraServer = year.carbonKg / 1e3 / n;
        p.sustainedPflopsPerUltraServer = p.sustainedPflops[1].value_or(0.0) / n;
        if (!result.inference.empty()) {
            p.tokensPerSecondPerUltraServer = result.inference.front().siteTokensPerSecond / n;
        }
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
    evaluateProductivity(site, result, year);
}

} // namespace headroom::model
