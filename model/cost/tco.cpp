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
    // waits on each addition in turn, so the energy is summed in four interleaved partial
    // sums and each run's peak in four partial maxima, two pairs of lanes worked two hours
    // at a time (model/core/two_lanes.h), kept in registers: the maxima are exact whatever
    // their order; the sum's order moves it by a few units in its last place.
    const HourlyResults& h = result.hourly;
    const std::vector<double>& price = in.electricityUsdPerKwh.values;
    const std::size_t hours = std::min(h.hours(), price.size());
    const double* kw = h.facilityPowerKw.data();
    const double* usdPerKwh = price.data();
    std::array<double, 12> monthPeakKw{};
    Pair usd01, usd23; // the partial sums of hours 0 and 1, 2 and 3 of every four
    for (std::size_t begin = 0; begin < hours;) {
        const std::size_t end = monthRunEnd(std::span(h.month).first(hours), begin);
        const auto m = static_cast<std::size_t>(std::clamp<int>(h.month[begin], 1, 12) - 1);
        Pair peak01 = splat(monthPeakKw[m]), peak23 = peak01;
        std::size_t i = begin;
        for (; i + 4 <= end; i += 4) {
            const Pair kw01 = loadPair(kw + i), kw23 = loadPair(kw + i + 2);
            usd01 = usd01 + kw01 * loadPair(usdPerKwh + i);
            usd23 = usd23 + kw23 * loadPair(usdPerKwh + i + 2);
            peak01 = maxOf(peak01, kw01);
            peak23 = maxOf(peak23, kw23);
        }
        double peakKw =
            std::max(std::max(low(peak01), high(peak01)), std::max(low(peak23), high(peak23)));
        for (; i < end; ++i) { // the first lane's sum
            usd01 = usd01 + loadLow(kw + i) * loadLow(usdPerKwh + i);
            peakKw = std::max(peakKw, kw[i]);
        }
        monthPeakKw[m] = peakKw;
        begin = end;
    }
    const double energyUsd = total(usd01) + total(usd23);
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
