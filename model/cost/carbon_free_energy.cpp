#include "model/cost/carbon_free_energy.h"

#include "model/core/derived_cache.h"
#include "model/site/grid_mix.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace headroom::model {

namespace {

/// The hourly matching, one hour at a time, so that a site's year is matched in the same
/// pass that reads its hours (no per-hour arrays are built first). The battery's state and
/// the year's sums are carried from hour to hour in plain doubles (registers, in the loop).
class HourlyMatcher {
public:
    HourlyMatcher(const std::optional<BatteryRating>& battery, std::vector<double>& hourlyShare)
        : m_battery(battery)
        , m_share(hourlyShare) {}

    /// Matches hour h of load (MWh, at least 0), the grid's carbon-free share g (0-1) and the
    /// contracted supply (MWh, at least 0); returns what it drew from the grid (MWh).
    double match(std::size_t h, double load, double g, double supply) {
        const double direct = std::min(load, supply);
        double surplus = supply - direct;
        const double shortfall = load - direct;
        // An hour has a surplus or a shortfall, never both, so the battery charges or
        // discharges. Only that one is worked: the other would move nothing (in a surplus
        // hour the shortfall is 0 and so is the discharge, min(min(0, power), stored); in a
        // shortfall hour the surplus is 0 and so is the charge), and adding 0 to the stored
        // energy or to a sum changes no bit. Skipping it takes an addition and a min off the
        // one chain that runs through the year, the stored energy.
        double discharge = 0.0;
        if (m_battery) {
            if (surplus > 0.0) {
                const double charge = chargeOf(surplus);
                m_stored += charge * m_battery->roundTripEfficiency;
                surplus -= charge;
                m_charged += charge;
            } else {
                discharge = std::min(std::min(shortfall, m_battery->powerMw), m_stored);
                m_stored -= discharge;
                m_discharged += discharge;
            }
        }
        const double clean = direct + discharge;
        const double drawn = load - clean;
        // Google's hourly CFE: contracted clean energy used, plus the grid's carbon-free
        // share of what the hour drew from the grid.
        const double cfe = clean + g * drawn;
        m_consumption += load;
        m_carbonFree += cfe;
        m_gridClean += g * load;
        m_used += clean;
        m_surplus += surplus;
        m_share[h] = load > 0.0 ? cfe / load : g;
        m_hoursShort += load - cfe > 1e-9 * load ? 1 : 0;
        return drawn;
    }

    /// The year's result; contractedMwh is the year's contracted supply (each hour's, at
    /// least 0). The hourly shares stay in the array given to the constructor.
    CfeResult finish(double contractedMwh) const {
        CfeResult r;
        r.consumptionMwh = m_consumption;
        r.hoursShort = m_hoursShort;
        r.batteryChargedMwh = m_charged;
        r.batteryDischargedMwh = m_discharged;
        r.batteryEndMwh = m_stored;
        r.surplusMwh = m_surplus;
        if (m_consumption > 0.0) {
            r.cfeShare = m_carbonFree / m_consumption;
            r.gridCfeShare = m_gridClean / m_consumption;
            r.hourlyMatchedShare = m_used / m_consumption;
            r.annualMatchedShare = std::min(1.0, contractedMwh / m_consumption);
        }
        return r;
    }

private:
    /// What a surplus charges: what it, the power and the room allow. The round-trip loss is
    /// taken on the way in, so what is stored can all come out. The room, (energy - stored)
    /// / efficiency, binds only near full; the test before it (a margin of 1e-9 over two
    /// roundings) proves it does not, so the year's one serial chain (the stored energy)
    /// waits on a division only in the hours it could matter, and the figure is the same.
    double chargeOf(double surplus) const {
        const BatteryRating& b = *m_battery;
        const double want = std::min(surplus, b.powerMw);
        const double free = b.energyMwh - m_stored;
        if (free > want * b.roundTripEfficiency * (1.0 + 1e-9)) {
            return want;
        }
        return std::max(0.0, std::min(want, free / b.roundTripEfficiency));
    }

    const std::optional<BatteryRating>& m_battery;
    std::vector<double>& m_share;
    double m_stored = 0.0; // MWh in the battery, after its charging loss
    double m_consumption = 0.0, m_carbonFree = 0.0, m_gridClean = 0.0, m_used = 0.0;
    double m_surplus = 0.0, m_charged = 0.0, m_discharged = 0.0;
    int m_hoursShort = 0;
};

/// What the site's contracts and grid give in each of the climate's hours: they depend on
/// the climate's calendar, the UTC offset, the mix and the capacities only, not on the
/// year's load, so a sweep's or a plan's years share them.
struct ContractedHours {
    std::vector<double> gridShare; ///< the mix's carbon-free share, 0-1
    std::vector<double> supplyMwh; ///< wind + solar, at least 0
    double windMwh = 0.0, solarMwh = 0.0, supplyTotalMwh = 0.0;
};

struct ContractsKey {
    BalancingAuthority gridMix;
    double utcOffsetHours, windMw, solarMw;
    bool operator==(const ContractsKey&) const = default;
};

ContractedHours contractedHours(const Climate& climate, const ContractsKey& key) {
    const GridMix& mix = eia930GridMix(key.gridMix);
    const UtcRowOfLocalHour rowOf(key.utcOffsetHours);
    const std::size_t n = climate.hours();
    ContractedHours c;
    c.gridShare.resize(n);
    c.supplyMwh.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
        const std::size_t k = rowOf(climate.month[h], climate.day[h], climate.hour[h]);
        const double wind = key.windMw * mix.windShape[k];
        const double solar = key.solarMw * mix.solarShape[k];
        c.windMwh += wind;
        c.solarMwh += solar;
        c.gridShare[h] = std::clamp(mix.carbonFreeShare[k], 0.0, 1.0);
        c.supplyMwh[h] = std::max(wind + solar, 0.0);
        c.supplyTotalMwh += c.supplyMwh[h];
    }
    return c;
}

/// The site's contracted hours, made once per climate and key (a plan's morphed years, a
/// session's sites).
std::shared_ptr<const ContractedHours>
siteContractedHours(const std::shared_ptr<const Climate>& climate, const ContractsKey& key) {
    static DerivedCache<Climate, ContractsKey, ContractedHours> cache(48);
    return cache.get(climate, key, [&] {
        return std::make_shared<const ContractedHours>(contractedHours(*climate, key));
    });
}

} // namespace

CfeResult matchHourly(std::span<const double> loadMwh, std::span<const double> gridCarbonFreeShare,
                      std::span<const double> contractedMwh,
                      const std::optional<BatteryRating>& battery,
                      std::vector<double>* gridDrawnMwh) {
    const std::size_t n = loadMwh.size();
    std::vector<double> share(n);
    if (gridDrawnMwh != nullptr) {
        gridDrawnMwh->assign(n, 0.0);
    }
    HourlyMatcher matcher(battery, share);
    double contracted = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        const double supply = std::max(contractedMwh[h], 0.0);
        contracted += supply;
        const double drawn = matcher.match(h, std::max(loadMwh[h], 0.0),
                                           std::clamp(gridCarbonFreeShare[h], 0.0, 1.0), supply);
        if (gridDrawnMwh != nullptr) {
            (*gridDrawnMwh)[h] = drawn;
        }
    }
    CfeResult r = matcher.finish(contracted);
    r.hourlyShare = std::move(share);
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
    const ContractsKey key{inputs.gridMix, site.location.utcOffsetHours,
                           inputs.windCapacity ? inputs.windCapacity->value() / 1e6 : 0.0,
                           inputs.solarCapacity ? inputs.solarCapacity->value() / 1e6 : 0.0};
    const std::shared_ptr<const ContractedHours> contracts = siteContractedHours(site.climate, key);
    // The year's hours are the climate's (model/sim/simulate.cpp).
    const std::size_t n = std::min(hr.facilityPowerKw.size(), contracts->supplyMwh.size());
    std::optional<BatteryRating> battery;
    if (inputs.battery) {
        battery = BatteryRating{inputs.battery->power.value() / 1e6,
                                inputs.battery->energy.value() / 3.6e9,
                                inputs.battery->roundTripEfficiency};
    }
    std::optional<double> residual;
    if (site.grid.residualMix) {
        residual = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    // One pass over the hours: each hour's matching and its market-based carbon.
    std::vector<double> share(n);
    HourlyMatcher matcher(battery, share);
    // Market-based carbon by month, t, summed over each run of hours of one month (a
    // register, not the array, carries the sum through the run).
    Monthly marketT{};
    for (std::size_t start = 0, end = 0; start < n; start = end) {
        while (end < n && hr.month[end] == hr.month[start]) {
            ++end;
        }
        const auto m =
            static_cast<std::size_t>(std::clamp(static_cast<int>(hr.month[start]), 1, 12) - 1);
        double monthT = marketT[m];
        for (std::size_t h = start; h < end; ++h) {
            // One hour: kW -> MWh.
            const double load = std::max(hr.facilityPowerKw[h] / 1000.0, 0.0);
            const double drawn =
                matcher.match(h, load, contracts->gridShare[h], contracts->supplyMwh[h]);
            // MWh x kg/kWh = t: what the hour drew from the grid, at the hour's intensity
            // or the residual mix; the contracted energy carries none.
            monthT += drawn * residual.value_or(hr.gridCarbonKgPerKwh[h]);
        }
        marketT[m] = monthT;
    }
    CfeResult cfe = matcher.finish(contracts->supplyTotalMwh);
    cfe.hourlyShare = std::move(share);
    cfe.gridMix = balancingAuthorityName(inputs.gridMix);
    const double windMwh = contracts->windMwh, solarMwh = contracts->solarMwh;
    cfe.windMwh = windMwh;
    cfe.solarMwh = solarMwh;

    if (windMwh + solarMwh > 0.0) {
        // Market-based carbon from the contracts (a site file with contracts has no annual
        // renewable fraction: the reader refuses the pair, site_physics_check.cpp).
        result.monthly.carbonMarketT = marketT;
        result.annual.carbonMarketT = 0.0;
        for (double t : result.monthly.carbonMarketT) {
            result.annual.carbonMarketT += t;
        }
    }
    return cfe;
}

} // namespace headroom::model
