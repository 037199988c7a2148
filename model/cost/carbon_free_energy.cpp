#include "model/cost/carbon_free_energy.h"

#include "model/site/grid_mix.h"

#include <algorithm>
#include <cmath>

namespace headroom::model {

CfeResult matchHourly(std::span<const double> loadMwh, std::span<const double> gridCarbonFreeShare,
                      std::span<const double> contractedMwh,
                      const std::optional<BatteryRating>& battery,
                      std::vector<double>* gridDrawnMwh) {
    const std::size_t n = loadMwh.size();
    CfeResult r;
    r.hourlyShare.resize(n);
    if (gridDrawnMwh != nullptr) {
        gridDrawnMwh->assign(n, 0.0);
    }
    double stored = 0.0; // MWh in the battery, after its charging loss
    double carbonFree = 0.0, gridClean = 0.0, contracted = 0.0, used = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        const double load = std::max(loadMwh[h], 0.0);
        const double supply = std::max(contractedMwh[h], 0.0);
        const double g = std::clamp(gridCarbonFreeShare[h], 0.0, 1.0);
        const double direct = std::min(load, supply);
        double surplus = supply - direct;
        const double shortfall = load - direct;
        double discharge = 0.0;
        if (battery) {
            // Charge what the surplus, the power and the room allow; the round-trip loss is
            // taken on the way in, so what is stored can all come out.
            const double room = (battery->energyMwh - stored) / battery->roundTripEfficiency;
            const double charge = std::max(0.0, std::min({surplus, battery->powerMw, room}));
            stored += charge * battery->roundTripEfficiency;
            surplus -= charge;
            r.batteryChargedMwh += charge;
            discharge = std::min({shortfall, battery->powerMw, stored});
            stored -= discharge;
            r.batteryDischargedMwh += discharge;
        }
        const double clean = direct + discharge;
        const double drawn = load - clean;
        // Google's hourly CFE: contracted clean energy used, plus the grid's carbon-free
        // share of what the hour drew from the grid.
        const double cfe = clean + g * drawn;
        r.consumptionMwh += load;
        carbonFree += cfe;
        gridClean += g * load;
        contracted += supply;
        used += clean;
        r.surplusMwh += surplus;
        r.hourlyShare[h] = load > 0.0 ? cfe / load : g;
        if (load - cfe > 1e-9 * load) {
            ++r.hoursShort;
        }
        if (gridDrawnMwh != nullptr) {
            (*gridDrawnMwh)[h] = drawn;
        }
    }
    r.batteryEndMwh = stored;
    if (r.consumptionMwh > 0.0) {
        r.cfeShare = carbonFree / r.consumptionMwh;
        r.gridCfeShare = gridClean / r.consumptionMwh;
        r.hourlyMatchedShare = used / r.consumptionMwh;
        r.annualMatchedShare = std::min(1.0, contracted / r.consumptionMwh);
    }
    return r;
}

CfeResult siteCarbonFreeEnergy(const Site& site, RunResult& result, Diagnostics& diagnostics) {
    const CleanEnergyInputs& inputs = *site.cleanEnergy;
    const GridMix& mix = eia930GridMix(inputs.gridMix);
    for (const std::string& note : mix.notes) {
        diagnostics.add({{},
                         0,
                         0,
                         "/clean_energy/grid_mix",
                         Severity::Note,
                         DiagnosticKind::Meaning,
                         std::string("the bundled EIA-930 mix of ") +
                             balancingAuthorityName(inputs.gridMix) + ": " + note});
    }
    const HourlyResults& hr = result.hourly;
    const std::size_t n = hr.facilityPowerKw.size();
    // The mix's rows of the site's hours, found once for the grid and both contracts.
    const std::vector<std::uint16_t> rows =
        utcRowsOfLocalHours(hr.month, hr.day, hr.hour, site.location.utcOffsetHours);
    const double windMw = inputs.windCapacity ? inputs.windCapacity->value() / 1e6 : 0.0;
    const double solarMw = inputs.solarCapacity ? inputs.solarCapacity->value() / 1e6 : 0.0;
    std::vector<double> load(n), grid(n), contracted(n);
    double windMwh = 0.0, solarMwh = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        const std::size_t k = rows[h];
        load[h] = hr.facilityPowerKw[h] / 1000.0; // one hour: kW -> MWh
        grid[h] = mix.carbonFreeShare[k];
        const double wind = windMw * mix.windShape[k];
        const double solar = solarMw * mix.solarShape[k];
        contracted[h] = wind + solar;
        windMwh += wind;
        solarMwh += solar;
    }
    std::optional<BatteryRating> battery;
    if (inputs.battery) {
        battery = BatteryRating{inputs.battery->power.value() / 1e6,
                                inputs.battery->energy.value() / 3.6e9,
                                inputs.battery->roundTripEfficiency};
    }
    std::vector<double> drawn;
    CfeResult cfe = matchHourly(load, grid, contracted, battery, &drawn);
    cfe.gridMix = balancingAuthorityName(inputs.gridMix);
    cfe.windMwh = windMwh;
    cfe.solarMwh = solarMwh;

    if (windMwh + solarMwh > 0.0) {
        // Market-based carbon from the contracts: what each hour drew from the grid, at the
        // hour's intensity or the residual mix; the contracted energy carries none.
        if (site.grid.renewableFraction > 0.0) {
            diagnostics.add({{},
                             0,
                             0,
                             "/grid/renewable/fraction",
                             Severity::Warning,
                             DiagnosticKind::Meaning,
                             "not used: /clean_energy's contracts set market-based carbon hour "
                             "by hour, and the fraction would count the same clean energy "
                             "twice"});
        }
        std::optional<double> residual;
        if (site.grid.residualMix) {
            residual = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
        }
        result.monthly.carbonMarketT.fill(0.0);
        for (std::size_t h = 0; h < n; ++h) {
            const int m = std::clamp(static_cast<int>(hr.month[h]), 1, 12) - 1;
            // MWh x kg/kWh = t
            result.monthly.carbonMarketT[m] +=
                drawn[h] * residual.value_or(hr.gridCarbonKgPerKwh[h]);
        }
        result.annual.carbonMarketT = 0.0;
        for (double t : result.monthly.carbonMarketT) {
            result.annual.carbonMarketT += t;
        }
    }
    return cfe;
}

} // namespace headroom::model
