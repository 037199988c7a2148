#include "model/cost/tco.h"

#include "model/catalog/cost_catalog.h"
#include "model/core/meaning_note.h"
#include "model/core/two_lanes.h"
#include "model/result/month_runs.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace headroom::model {
namespace {

constexpr double kSecondsPerYear = 8760.0 * 3600.0;
constexpr double kSecondsPerMonth = kSecondsPerYear / 12.0; // the parser's "month"

/// A unit cost more than twice the top of its source's range, or under half its bottom, is
/// more likely a slip than a market: warned about, with the range and its source.
void checkPlausible(const CostInputs& cost, Diagnostics& diagnostics) {
    struct Given {
        const char* field;
        double si;
    };
    const Given given[] = {
        {"/cost/construction_per_mw_it", cost.constructionUsdPerW},
        {"/cost/land/price", cost.landUsdPerM2},
        {"/cost/network/price_per_switch", cost.switchUsd},
        {"/cost/network/price_per_transceiver", cost.transceiverUsd},
    };
    for (const Given& g : given) {
        const CostFigure* figure = CostCatalog::builtin().forField(g.field);
        if (g.si > 2.0 * figure->highSi || g.si < 0.5 * figure->lowSi) {
            addMeaningNote(diagnostics, Severity::Warning, g.field,
                           "far outside the range its source supports (" + figure->low + " to " +
                               figure->high + ", " + std::to_string(figure->year) + ": " +
                               figure->source + "): check the unit");
        }
    }
}

#if HEADROOM_FOUR_LANES
/// The energy bill's steps of eight hours over [i, end), then one of four if four remain,
/// with AVX2: the lanes of usd and peak (pairs of hours 0 and 1, 2 and 3, ... of every
/// eight) as two sets of four, so the same sums and maxima as the pairs give. Returns the
/// first hour not worked.
HEADROOM_FOUR_LANES_FN std::size_t billEights(std::array<Pair, 4>& usd, std::array<Pair, 4>& peak,
                                              const double* kw, const double* usdPerKwh,
                                              std::size_t i, std::size_t end) {
    __m256d usd0 = four(usd[0], usd[1]);
    __m256d usd1 = four(usd[2], usd[3]);
    __m256d peak0 = four(peak[0], peak[1]);
    __m256d peak1 = four(peak[2], peak[3]);
    for (; i + 8 <= end; i += 8) {
        const __m256d kw0 = _mm256_loadu_pd(kw + i), kw1 = _mm256_loadu_pd(kw + i + 4);
        usd0 = _mm256_add_pd(usd0, _mm256_mul_pd(kw0, _mm256_loadu_pd(usdPerKwh + i)));
        usd1 = _mm256_add_pd(usd1, _mm256_mul_pd(kw1, _mm256_loadu_pd(usdPerKwh + i + 4)));
        peak0 = _mm256_max_pd(kw0, peak0); // maxOf(peak, kw)
        peak1 = _mm256_max_pd(kw1, peak1);
    }
    if (i + 4 <= end) {
        const __m256d kw0 = _mm256_loadu_pd(kw + i);
        usd0 = _mm256_add_pd(usd0, _mm256_mul_pd(kw0, _mm256_loadu_pd(usdPerKwh + i)));
        peak0 = _mm256_max_pd(kw0, peak0);
        i += 4;
    }
    split(usd0, usd[0], usd[1]);
    split(usd1, usd[2], usd[3]);
    split(peak0, peak[0], peak[1]);
    split(peak1, peak[2], peak[3]);
    return i;
}
#endif

} // namespace

double capitalRecoveryFactor(double rate, double years) {
    if (rate <= 0.0) {
        return 1.0 / years;
    }
    const double growth = std::pow(1.0 + rate, years);
    return rate * growth / (growth - 1.0);
}

CostResult siteCost(const Site& site, const RunResult& result, Diagnostics& diagnostics) {
    const CostInputs& in = *site.cost;
    checkPlausible(in, diagnostics);
    CostResult c;
    const double r = in.discountRate;
    const auto crf = [&](units::Time life) {
        return capitalRecoveryFactor(r, life.value() / kSecondsPerYear);
    };

    // Capital. Construction is priced per W of critical IT built, AI premium included, and
    // split by Cushman & Wakefield's shares; each line lives as its asset class.
    c.criticalItMw = site.campus.halls() * site.campus.itPowerPerHall.value() / 1e6;
    c.constructionUsd = in.constructionUsdPerW * c.criticalItMw * 1e6 * (1.0 + in.aiPremium);
    for (const ConstructionLine& line : CostCatalog::builtin().constructionLines()) {
        const double usd = c.constructionUsd * line.share;
        c.constructionLinesUsd.push_back(usd);
        c.capexUsd += usd;
        c.annualizedCapexUsd +=
            usd * crf(line.life == AssetClass::Plant ? in.plantLife : in.shellLife);
    }
    if (in.landArea) {
        c.landUsd = in.landArea->value() * in.landUsdPerM2;
        c.capexUsd += c.landUsd;
        c.annualizedCapexUsd += c.landUsd * r; // not depreciated: its cost of capital only
    }
    if (in.ultraServerUsd) {
        c.itUsd = result.compute.ultraServers * *in.ultraServerUsd;
        c.capexUsd += *c.itUsd;
        c.annualizedCapexUsd += *c.itUsd * crf(in.serverLife);
    } else if (result.compute.ultraServers > 0) {
        addMeaningNote(
            diagnostics, Severity::Note, "/cost/it/price_per_ultraserver",
            "no UltraServer price (AWS publishes none for Trainium): the IT equipment is left "
            "out of capital and of the cost per PFLOP-hour");
    }
    c.networkUsd = static_cast<double>(result.compute.switches) * in.switchUsd +
                   static_cast<double>(result.compute.transceivers) * in.transceiverUsd;
    c.capexUsd += c.networkUsd;
    c.annualizedCapexUsd += c.networkUsd * crf(in.networkLife);

    // Operating cost of the simulated hours: energy at each hour's price (one-hour steps,
    // so kW is kWh), and the demand charge on each month's highest hour. The hours of a
    // month come in runs (one a month for a calendar year). A sum taken hour after hour
    // waits on each addition in turn, so the energy is summed in eight interleaved partial
    // sums and each run's peak in eight partial maxima, four pairs of lanes worked two hours
    // at a time (model/core/two_lanes.h), or two sets of four lanes with AVX2 where the
    // processor has it (the same lanes, so the same bits), kept in registers: the maxima
    // are exact whatever their order; the sum's order moves it by a few units in its last
    // place.
    const HourlyResults& h = result.hourly;
    const std::vector<double>& price = in.electricityUsdPerKwh.values;
    const std::size_t hours = std::min(h.hours(), price.size());
    const double* kw = h.facilityPowerKw.data();
    const double* usdPerKwh = price.data();
    std::array<double, 12> monthPeakKw{};
    std::array<Pair, 4> usd; // the partial sums of hours 0 and 1, 2 and 3, ... of every eight
    for (std::size_t begin = 0; begin < hours;) {
        const std::size_t end = monthRunEnd(std::span(h.month).first(hours), begin);
        const auto m = static_cast<std::size_t>(std::clamp<int>(h.month[begin], 1, 12) - 1);
        std::array<Pair, 4> peak;
        peak.fill(splat(monthPeakKw[m]));
        std::size_t i = begin;
#if HEADROOM_FOUR_LANES
        if (haveFourLanes()) {
            i = billEights(usd, peak, kw, usdPerKwh, i, end);
        }
#endif
        for (; i + 8 <= end; i += 8) {
            for (std::size_t j = 0; j < 4; ++j) {
                const Pair kwj = loadPair(kw + i + 2 * j);
                usd[j] = usd[j] + kwj * loadPair(usdPerKwh + i + 2 * j);
                peak[j] = maxOf(peak[j], kwj);
            }
        }
        if (i + 4 <= end) { // four more into the first four lanes
            for (std::size_t j = 0; j < 2; ++j) {
                const Pair kwj = loadPair(kw + i + 2 * j);
                usd[j] = usd[j] + kwj * loadPair(usdPerKwh + i + 2 * j);
                peak[j] = maxOf(peak[j], kwj);
            }
            i += 4;
        }
        double peakKw = low(peak[0]);
        for (const Pair p : peak) {
            peakKw = std::max(std::max(peakKw, low(p)), high(p));
        }
        for (; i < end; ++i) { // the first lane's sum
            usd[0] = usd[0] + loadLow(kw + i) * loadLow(usdPerKwh + i);
            peakKw = std::max(peakKw, kw[i]);
        }
        monthPeakKw[m] = peakKw;
        begin = end;
    }
    const double energyUsd = (total(usd[0]) + total(usd[1])) + (total(usd[2]) + total(usd[3]));
    c.electricityEnergyUsd = energyUsd;
    const double demandUsdPerKwMonth = in.demandChargeUsdPerWs * 1e3 * kSecondsPerMonth;
    for (const double peakKw : monthPeakKw) {
        c.electricityDemandUsd += peakKw * demandUsdPerKwMonth;
    }
    if (in.waterUsdPerM3) {
        c.waterUsd = result.annual.waterM3 * *in.waterUsdPerM3;
    } else if (result.annual.waterM3 > 0.0) {
        addMeaningNote(diagnostics, Severity::Note, "/cost/water/price",
                       "no water price: the site's water is left out of the operating cost");
    }
    if (in.sewerUsdPerM3) {
        double blowdownM3 = 0.0;
        for (const double m3 : result.monthly.blowdownM3) {
            blowdownM3 += m3;
        }
        c.sewerUsd = blowdownM3 * *in.sewerUsdPerM3;
    }
    c.maintenanceUsd = in.maintenanceShare * c.constructionUsd;
    c.opexUsd = c.electricityEnergyUsd + c.electricityDemandUsd + c.waterUsd.value_or(0.0) +
                c.sewerUsd.value_or(0.0) + c.maintenanceUsd;
    c.tcoPerYearUsd = c.annualizedCapexUsd + c.opexUsd;

    for (std::size_t p = 0; p < c.usdPerPeakPflopHour.size(); ++p) {
        const auto& pflops = result.compute.peakPflops[p];
        if (pflops && *pflops > 0.0 && h.hours() > 0) {
            c.usdPerPeakPflopHour[p] = c.tcoPerYearUsd / (*pflops * static_cast<double>(h.hours()));
        }
    }
    // A training run pays for the chip-hours it holds the site's chips, at the year's TCO
    // per chip-hour: the same basis as the cost per peak PFLOP-hour above, so a run that
    // holds every chip for a year costs the year's TCO.
    if (!result.training.empty() && result.compute.chips > 0 && h.hours() > 0) {
        const TrainingResult& run = result.training.front();
        const double chipHours = static_cast<double>(run.layout.chipsUsed) * run.hours;
        c.trainingRunUsd =
            c.tcoPerYearUsd * chipHours /
            (static_cast<double>(result.compute.chips) * static_cast<double>(h.hours()));
    }
    return c;
}

} // namespace headroom::model
