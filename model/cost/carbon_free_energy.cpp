#include "model/cost/carbon_free_energy.h"

#include "model/core/derived_cache.h"
#include "model/core/two_lanes.h"
#include "model/result/month_runs.h"
#include "model/site/grid_mix.h"

#include <algorithm>
#include <cmath>
#include <memory>

namespace headroom::model {

namespace {

/// Charges a battery holding `stored` from a surplus: what the surplus, the power and the
/// room allow; returns the charge taken. The round-trip loss is taken on the way in, so what
/// is stored can all come out. The room, (energy - stored) / efficiency, binds only near
/// full; the test before it (a margin of 1e-9 over two roundings) proves it does not, so the
/// year's one serial chain (the stored energy) waits on a division only in the hours it
/// could matter. When it binds the battery is left exactly full, so the hours after it,
/// while it stays full, take nothing without working it out again.
double charge(const BatteryRating& b, double& stored, double surplus) {
    const double want = std::min(surplus, b.powerKw);
    const double free = b.energyKwh - stored;
    if (free > want * b.roundTripEfficiency * (1.0 + 1e-9)) {
        stored += want * b.roundTripEfficiency;
        return want;
    }
    const double room = free / b.roundTripEfficiency;
    if (want < room) {
        stored += want * b.roundTripEfficiency;
        return want;
    }
    stored = b.energyKwh;
    return room;
}

/// The hourly matching's state and sums over the hours matched so far, in kWh (kg for
/// the drawn energy's carbon).
struct Matching {
    double stored = 0.0; ///< in the battery, after its charging loss
    double charged = 0.0, discharged = 0.0;
    double consumption = 0.0, carbonFree = 0.0, gridClean = 0.0, used = 0.0, surplus = 0.0;
    double drawnCarbon = 0.0; ///< what the grid-drawn energy carries, at each hour's intensity
    int hoursShort = 0;
};

/// The hours' inputs, kWh: the load (clamped at 0 here), the grid's carbon-free share (0-1)
/// and the contracted supply (at least 0); the carbon intensity of what an hour draws from
/// the grid, kg/kWh (each hour's, or one for all when carbon is null). Out: each hour's
/// carbon-free energy, and what it drew from the grid when drawn is given.
struct MatchSeries {
    const double* load = nullptr;
    const double* gridShare = nullptr;
    const double* supply = nullptr;
    const double* carbon = nullptr;
    double carbonEach = 0.0;
    double* carbonFree = nullptr;
    double* drawn = nullptr;
};

/// The battery through the hours: its rating, what it holds and what it has moved.
struct BatteryHours {
    BatteryRating rating;
    double stored = 0.0, charged = 0.0, discharged = 0.0;

    /// One hour, given its surplus of contracted supply and its shortfall (one of them is
    /// 0): charges from a surplus, discharges into a shortfall; returns what it charged, and
    /// what it discharged in `out`. A full battery charges nothing, an empty one discharges
    /// nothing: only what moves is worked (the rest would add 0 to the stored energy and the
    /// sums, which changes no bit), keeping the year's one serial chain, the stored energy,
    /// to the hours it changes.
    double hour(double surplus, double shortfall, double& out) {
        if (surplus > 0.0) {
            if (stored < rating.energyKwh) {
                const double in = charge(rating, stored, surplus);
                charged += in;
                return in;
            }
        } else if (stored > 0.0) {
            out = std::min(std::min(shortfall, rating.powerKw), stored);
            stored -= out;
            discharged += out;
        }
        return 0.0;
    }
};

/// What a run of the matching works with: a battery, each hour's own carbon intensity (or
/// one for all), each hour's grid-drawn energy written out (template arguments: the hours
/// test nothing that the run does not need).
struct MatchKind {
    bool battery = false, hourlyCarbon = false, drawn = false;
};

/// Matches hours [first, last), so that a site's year is matched in the pass that reads its
/// hours, two hours at a time: the sums are kept in two partial sums (one per lane), which
/// moves them by a few units in their last place. No hour divides: its carbon-free share is
/// left to the one reader that needs it (the heat map), as a division an hour costs as much
/// as the rest of the hour.
template <MatchKind Kind>
Matching matchHours(Matching s, BatteryRating rating, MatchSeries x, std::size_t first,
                    std::size_t last) {
    const double* const loadKwh = x.load;
    const double* const gridShare = x.gridShare;
    const double* const supplyKwh = x.supply;
    const double* const carbon = x.carbon;
    double* const carbonFree = x.carbonFree;
    double* const drawn = x.drawn;
    const Pair carbonEach = splat(x.carbonEach);
    BatteryHours battery{rating, s.stored, s.charged, s.discharged};
    Pair consumption = pairOf(s.consumption, 0.0), cfeSum = pairOf(s.carbonFree, 0.0);
    Pair gridClean = pairOf(s.gridClean, 0.0), used = pairOf(s.used, 0.0);
    Pair surplusSum = pairOf(s.surplus, 0.0), drawnCarbon = pairOf(s.drawnCarbon, 0.0);
    PairCount hoursShort;
    // One pair of hours at h (only the first when !Both: the second lane reads and writes
    // nothing, and is 0 throughout).
    const auto pairAt = [&]<bool Both>(std::size_t h) {
        const auto in = [h](const double* series) {
            return Both ? loadPair(series + h) : loadLow(series + h);
        };
        const auto out = [h](double* series, Pair a) {
            Both ? storePair(series + h, a) : storeLow(series + h, a);
        };
        const Pair load = maxOf(in(loadKwh), Pair{}); // std::max(load, 0.0)
        const Pair g = in(gridShare);
        const Pair supply = in(supplyKwh);
        const Pair direct = minOf(load, supply);
        Pair surplus = supply - direct;
        Pair clean = direct;
        if constexpr (Kind.battery) {
            // An hour has a surplus or a shortfall, never both, so the battery charges or
            // discharges.
            const Pair shortfall = load - direct;
            double discharged0 = 0.0, discharged1 = 0.0, charged1 = 0.0;
            const double charged0 = battery.hour(low(surplus), low(shortfall), discharged0);
            if constexpr (Both) {
                charged1 = battery.hour(high(surplus), high(shortfall), discharged1);
            }
            surplus = surplus - pairOf(charged0, charged1);
            clean = clean + pairOf(discharged0, discharged1);
        }
        const Pair fromGrid = load - clean;
        // Google's hourly CFE: contracted clean energy used, plus the grid's carbon-free
        // share of what the hour drew from the grid.
        const Pair cfe = clean + g * fromGrid;
        consumption = consumption + load;
        cfeSum = cfeSum + cfe;
        gridClean = gridClean + g * load;
        used = used + clean;
        surplusSum = surplusSum + surplus;
        if constexpr (Kind.hourlyCarbon) {
            drawnCarbon = drawnCarbon + fromGrid * in(carbon);
        } else {
            drawnCarbon = drawnCarbon + fromGrid * carbonEach;
        }
        hoursShort.addWhereGreater(load - cfe, splat(1e-9) * load);
        out(carbonFree, cfe);
        if constexpr (Kind.drawn) {
            out(drawn, fromGrid);
        }
    };
    std::size_t h = first;
    for (; h + 2 <= last; h += 2) {
        pairAt.template operator()<true>(h);
    }
    if (h < last) {
        pairAt.template operator()<false>(h);
    }
    s.stored = battery.stored;
    s.charged = battery.charged;
    s.discharged = battery.discharged;
    s.consumption = total(consumption);
    s.carbonFree = total(cfeSum);
    s.gridClean = total(gridClean);
    s.used = total(used);
    s.surplus = total(surplusSum);
    s.drawnCarbon = total(drawnCarbon);
    s.hoursShort += static_cast<int>(hoursShort.total());
    return s;
}

/// matchHours of the kind the battery and the series make.
Matching matchRun(Matching s, const std::optional<BatteryRating>& battery, const MatchSeries& x,
                  std::size_t first, std::size_t last) {
    const BatteryRating b = battery.value_or(BatteryRating{});
    const auto run = [&]<bool Battery>() {
        if (x.drawn != nullptr) {
            return x.carbon != nullptr
                       ? matchHours<MatchKind{Battery, true, true}>(s, b, x, first, last)
                       : matchHours<MatchKind{Battery, false, true}>(s, b, x, first, last);
        }
        return x.carbon != nullptr
                   ? matchHours<MatchKind{Battery, true, false}>(s, b, x, first, last)
                   : matchHours<MatchKind{Battery, false, false}>(s, b, x, first, last);
    };
    return battery ? run.template operator()<true>() : run.template operator()<false>();
}

/// The year's result from its sums; contractedKwh is the year's contracted supply (each
/// hour's, at least 0).
CfeResult finish(const Matching& s, double contractedKwh) {
    CfeResult r;
    r.consumptionMwh = s.consumption / 1e3;
    r.hoursShort = s.hoursShort;
    r.batteryChargedMwh = s.charged / 1e3;
    r.batteryDischargedMwh = s.discharged / 1e3;
    r.batteryEndMwh = s.stored / 1e3;
    r.surplusMwh = s.surplus / 1e3;
    if (s.consumption > 0.0) {
        r.cfeShare = s.carbonFree / s.consumption;
        r.gridCfeShare = s.gridClean / s.consumption;
        r.hourlyMatchedShare = s.used / s.consumption;
        r.annualMatchedShare = std::min(1.0, contractedKwh / s.consumption);
    }
    return r;
}

/// What the site's contracts and grid give in each of the climate's hours: they depend on
/// the climate's calendar, the UTC offset, the mix and the capacities only, not on the
/// year's load, so a sweep's or a plan's years share them.
struct ContractedHours {
    std::vector<double> gridShare; ///< the mix's carbon-free share, 0-1
    std::vector<double> supplyKwh; ///< wind + solar, at least 0
    double windKwh = 0.0, solarKwh = 0.0, supplyTotalKwh = 0.0;
};

struct ContractsKey {
    BalancingAuthority gridMix;
    double utcOffsetHours, windKw, solarKw;
    bool operator==(const ContractsKey&) const = default;
};

ContractedHours contractedHours(const Climate& climate, const ContractsKey& key) {
    const GridMix& mix = eia930GridMix(key.gridMix);
    const UtcRowOfLocalHour rowOf(key.utcOffsetHours);
    const std::size_t n = climate.hours();
    ContractedHours c;
    c.gridShare.resize(n);
    c.supplyKwh.resize(n);
    for (std::size_t h = 0; h < n; ++h) {
        const std::size_t k = rowOf(climate.month[h], climate.day[h], climate.hour[h]);
        const double wind = key.windKw * mix.windShape[k];
        const double solar = key.solarKw * mix.solarShape[k];
        c.windKwh += wind;
        c.solarKwh += solar;
        c.gridShare[h] = std::clamp(mix.carbonFreeShare[k], 0.0, 1.0);
        c.supplyKwh[h] = std::max(wind + solar, 0.0);
        c.supplyTotalKwh += c.supplyKwh[h];
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

CfeResult matchHourly(std::span<const double> loadKwh, std::span<const double> gridCarbonFreeShare,
                      std::span<const double> contractedKwh,
                      const std::optional<BatteryRating>& battery,
                      std::vector<double>* gridDrawnKwh) {
    const std::size_t n = loadKwh.size();
    std::vector<double> carbonFree(n), grid(n), supply(n);
    double contracted = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        grid[h] = std::clamp(gridCarbonFreeShare[h], 0.0, 1.0);
        supply[h] = std::max(contractedKwh[h], 0.0);
        contracted += supply[h];
    }
    if (gridDrawnKwh != nullptr) {
        gridDrawnKwh->assign(n, 0.0);
    }
    const MatchSeries x{loadKwh.data(),
                        grid.data(),
                        supply.data(),
                        nullptr,
                        0.0,
                        carbonFree.data(),
                        gridDrawnKwh != nullptr ? gridDrawnKwh->data() : nullptr};
    CfeResult r = finish(matchRun(Matching{}, battery, x, 0, n), contracted);
    r.hourlyCarbonFreeKwh = std::move(carbonFree);
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
                           inputs.windCapacity ? inputs.windCapacity->value() / 1e3 : 0.0,
                           inputs.solarCapacity ? inputs.solarCapacity->value() / 1e3 : 0.0};
    const std::shared_ptr<const ContractedHours> contracts = siteContractedHours(site.climate, key);
    // The year's hours are the climate's (model/sim/simulate.cpp). The matching runs in
    // kWh, the unit of the hourly series (one-hour steps: kW is kWh), so no hour converts.
    const std::size_t n = std::min(hr.facilityPowerKw.size(), contracts->supplyKwh.size());
    std::optional<BatteryRating> battery;
    if (inputs.battery) {
        battery = BatteryRating{inputs.battery->power.value() / 1e3,
                                inputs.battery->energy.value() / 3.6e6,
                                inputs.battery->roundTripEfficiency};
    }
    // Each hour's matching and its market-based carbon, kept by month: each of the
    // climate's runs of one month's hours carries its month's sum in the matching's state.
    // What the contracted energy leaves to the grid carries the hour's intensity, or the
    // residual mix's; the contracted energy carries none.
    std::vector<double> carbonFree(n);
    MatchSeries x{hr.facilityPowerKw.data(),
                  contracts->gridShare.data(),
                  contracts->supplyKwh.data(),
                  hr.gridCarbonKgPerKwh.data(),
                  0.0,
                  carbonFree.data(),
                  nullptr};
    if (site.grid.residualMix) {
        x.carbon = nullptr;
        x.carbonEach = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    Monthly marketKg{};
    Matching s;
    const auto month = std::span(hr.month).first(n);
    for (std::size_t first = 0; first < n;) {
        const std::size_t end = monthRunEnd(month, first);
        const auto m = static_cast<std::size_t>(std::clamp<int>(month[first], 1, 12) - 1);
        s.drawnCarbon = marketKg[m];
        s = matchRun(s, battery, x, first, end);
        marketKg[m] = s.drawnCarbon;
        first = end;
    }
    CfeResult cfe = finish(s, contracts->supplyTotalKwh);
    cfe.hourlyCarbonFreeKwh = std::move(carbonFree);
    cfe.gridMix = balancingAuthorityName(inputs.gridMix);
    cfe.windMwh = contracts->windKwh / 1e3;
    cfe.solarMwh = contracts->solarKwh / 1e3;

    if (contracts->windKwh + contracts->solarKwh > 0.0) {
        // Market-based carbon from the contracts (a site file with contracts has no annual
        // renewable fraction: the reader refuses the pair, site_physics_check.cpp).
        result.annual.carbonMarketT = 0.0;
        for (std::size_t m = 0; m < 12; ++m) {
            result.monthly.carbonMarketT[m] = marketKg[m] / 1e3;
            result.annual.carbonMarketT += result.monthly.carbonMarketT[m];
        }
    }
    return cfe;
}

} // namespace headroom::model
