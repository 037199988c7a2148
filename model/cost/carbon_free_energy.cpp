#include "model/cost/carbon_free_energy.h"

#include "model/core/derived_cache.h"
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
/// the drawn energy's carbon). A run of hours takes it by value and hands it back, so that
/// its loop keeps every field in a register.
struct Matching {
    double stored = 0.0; ///< in the battery, after its charging loss
    double charged = 0.0, discharged = 0.0;
    double consumption = 0.0, carbonFree = 0.0, gridClean = 0.0, used = 0.0, surplus = 0.0;
    double drawnCarbon = 0.0; ///< what the grid-drawn energy carries, at each hour's intensity
    int hoursShort = 0;
};

/// An hour's inputs: load (kWh, at least 0), the grid's carbon-free share g (0-1), the
/// contracted supply (kWh, at least 0) and the carbon intensity of what it draws from the
/// grid (kg/kWh).
struct MatchHour {
    double load = 0.0, g = 0.0, supply = 0.0, carbon = 0.0;
};

/// Matches hours [first, last), one at a time, so that a site's year is matched in the
/// pass that reads its hours: hourAt(h) gives hour h's inputs; hour h's carbon-free energy
/// goes to carbonFreeKwh[h] and what it drew from the grid to drawn(h, kWh). WithBattery:
/// the battery is given (a template argument: a year without one tests nothing). No hour
/// divides: its carbon-free share is left to the one reader that needs it (the heat map),
/// as a division an hour costs as much as the rest of the hour.
template <bool WithBattery, class HourAt, class Drawn>
Matching matchHours(Matching s, const BatteryRating& battery, std::size_t first, std::size_t last,
                    HourAt hourAt, double* carbonFreeKwh, Drawn drawn) {
    for (std::size_t h = first; h < last; ++h) {
        const MatchHour in = hourAt(h);
        const double direct = std::min(in.load, in.supply);
        double surplus = in.supply - direct;
        // An hour has a surplus or a shortfall, never both, so the battery charges or
        // discharges; a full battery charges nothing, an empty one discharges nothing. Only
        // what moves is worked: the rest would add 0 to the stored energy and the sums,
        // which changes no bit, and skipping it keeps the one serial chain of the year,
        // the stored energy, to the hours it changes.
        double discharge = 0.0;
        if constexpr (WithBattery) {
            if (surplus > 0.0) {
                if (s.stored < battery.energyKwh) {
                    const double charged = charge(battery, s.stored, surplus);
                    surplus -= charged;
                    s.charged += charged;
                }
            } else if (s.stored > 0.0) {
                discharge = std::min(std::min(in.load - direct, battery.powerKw), s.stored);
                s.stored -= discharge;
                s.discharged += discharge;
            }
        }
        const double clean = direct + discharge;
        const double fromGrid = in.load - clean;
        // Google's hourly CFE: contracted clean energy used, plus the grid's carbon-free
        // share of what the hour drew from the grid.
        const double cfe = clean + in.g * fromGrid;
        s.consumption += in.load;
        s.carbonFree += cfe;
        s.gridClean += in.g * in.load;
        s.used += clean;
        s.surplus += surplus;
        s.drawnCarbon += fromGrid * in.carbon;
        s.hoursShort += in.load - cfe > 1e-9 * in.load ? 1 : 0;
        carbonFreeKwh[h] = cfe;
        drawn(h, fromGrid);
    }
    return s;
}

/// matchHours with the battery, when there is one.
template <class HourAt, class Drawn>
Matching matchRun(Matching s, const std::optional<BatteryRating>& battery, std::size_t first,
                  std::size_t last, HourAt hourAt, double* carbonFreeKwh, Drawn drawn) {
    return battery
               ? matchHours<true>(s, *battery, first, last, hourAt, carbonFreeKwh, drawn)
               : matchHours<false>(s, BatteryRating{}, first, last, hourAt, carbonFreeKwh, drawn);
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
    std::vector<double> carbonFree(n);
    if (gridDrawnKwh != nullptr) {
        gridDrawnKwh->assign(n, 0.0);
    }
    double contracted = 0.0;
    for (std::size_t h = 0; h < n; ++h) {
        contracted += std::max(contractedKwh[h], 0.0);
    }
    const auto hourAt = [&](std::size_t h) {
        return MatchHour{std::max(loadKwh[h], 0.0), std::clamp(gridCarbonFreeShare[h], 0.0, 1.0),
                         std::max(contractedKwh[h], 0.0), 0.0};
    };
    const auto drawn = [gridDrawnKwh](std::size_t h, double kwh) {
        if (gridDrawnKwh != nullptr) {
            (*gridDrawnKwh)[h] = kwh;
        }
    };
    const Matching s = matchRun(Matching{}, battery, 0, n, hourAt, carbonFree.data(), drawn);
    CfeResult r = finish(s, contracted);
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
    Monthly marketKg{};
    Matching s;
    const auto matchYear = [&](auto hourAt) {
        const auto month = std::span(hr.month).first(n);
        for (std::size_t first = 0; first < n;) {
            const std::size_t end = monthRunEnd(month, first);
            const auto m = static_cast<std::size_t>(std::clamp<int>(month[first], 1, 12) - 1);
            s.drawnCarbon = marketKg[m];
            s = matchRun(s, battery, first, end, hourAt, carbonFree.data(),
                         [](std::size_t, double) {});
            marketKg[m] = s.drawnCarbon;
            first = end;
        }
    };
    const double* load = hr.facilityPowerKw.data();
    const double* gridShare = contracts->gridShare.data();
    const double* supply = contracts->supplyKwh.data();
    if (site.grid.residualMix) {
        const double residualKgPerKwh = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
        matchYear([=](std::size_t h) {
            return MatchHour{std::max(load[h], 0.0), gridShare[h], supply[h], residualKgPerKwh};
        });
    } else {
        const double* carbon = hr.gridCarbonKgPerKwh.data();
        matchYear([=](std::size_t h) {
            return MatchHour{std::max(load[h], 0.0), gridShare[h], supply[h], carbon[h]};
        });
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
