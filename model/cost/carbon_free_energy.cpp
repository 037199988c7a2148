#include "model/cost/carbon_free_energy.h"

#include "model/core/derived_cache.h"
#include "model/core/two_lanes.h"
#include "model/result/month_runs.h"
#include "model/site/grid_mix.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
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
/// the grid, kg/kWh (each hour's, or one for all when carbon is null); what the battery
/// moved each hour (null without one): its charge in an hour with a surplus, its discharge
/// in an hour short. Out: each hour's carbon-free energy, and what it drew from the grid
/// when drawn is given.
struct MatchSeries {
    const double* load = nullptr;
    const double* gridShare = nullptr;
    const double* supply = nullptr;
    const double* carbon = nullptr;
    double carbonEach = 0.0;
    const double* batteryMoved = nullptr;
    double* carbonFree = nullptr;
    double* drawn = nullptr;
};

#if HEADROOM_FOUR_LANES
/// runBattery's surplus bits of the first `words` whole words of 64 hours, four hours at a
/// time (AVX2); returns words.
HEADROOM_FOUR_LANES_FN std::size_t surplusWordsFour(const double* loadKwh, const double* supplyKwh,
                                                    std::uint64_t* bitsOut, std::size_t words) {
    const __m256d zero = _mm256_setzero_pd();
    for (std::size_t w = 0; w < words; ++w) {
        std::uint64_t bits = 0;
        for (std::size_t i = 0; i < 64; i += 4) {
            const std::size_t h = w * 64 + i;
            // supply - std::min(load, supply) > 0 exactly when load < supply (the difference
            // of two doubles is 0 only when they are equal; a NaN fails both tests).
            const __m256d load = _mm256_max_pd(zero, _mm256_loadu_pd(loadKwh + h)); // maxOf
            const __m256d supply = _mm256_loadu_pd(supplyKwh + h);
            const auto four = _mm256_movemask_pd(_mm256_cmp_pd(load, supply, _CMP_LT_OS));
            bits |= static_cast<std::uint64_t>(four) << i;
        }
        bitsOut[w] = bits;
    }
    return words;
}
#endif

/// The battery through hours [0, n), before the hours are matched: in each hour with a
/// surplus of contracted supply it charges from it, in each other hour it discharges into
/// the shortfall; moved[h] receives what it charged or discharged (left as it is, 0, in
/// the hours it does neither). A full battery charges nothing and an empty one discharges
/// nothing, and a battery's state changes only in the hours it moves energy: so once it is
/// full in a run of hours with a surplus it stays full to the run's end, and once empty in
/// a run of hours short it stays empty. The runs are found 64 hours at a time from a bit
/// per hour, and only the hours before the battery fills (empties) in each are worked, one
/// after the other (the stored energy is the year's one serial chain): about two fifths of a
/// year's hours for the bench site, with one turn of the hour's branch a run instead of
/// one an hour. Each hour is worked as the hour-by-hour definition works it, so every bit
/// is the same.
void runBattery(const BatteryRating& rating, Matching& s, const double* loadKwh,
                const double* supplyKwh, double* moved, std::size_t n) {
    // Bit h % 64 of word h / 64: hour h has a surplus.
    std::vector<std::uint64_t> surplusBits((n + 63) / 64);
    std::size_t w = 0;
#if HEADROOM_FOUR_LANES
    if (haveFourLanes()) {
        w = surplusWordsFour(loadKwh, supplyKwh, surplusBits.data(), n / 64);
    }
#endif
    for (; w < surplusBits.size(); ++w) { // two hours at a time
        const std::size_t begin = w * 64, end = std::min(n, begin + 64);
        std::uint64_t bits = 0;
        for (std::size_t h = begin; h < end; h += 2) {
            const bool both = h + 1 < end;
            const Pair load = maxOf(both ? loadPair(loadKwh + h) : loadLow(loadKwh + h), Pair{});
            const Pair supply = both ? loadPair(supplyKwh + h) : loadLow(supplyKwh + h);
            const unsigned two = bitsOf(greaterThan(supply - minOf(load, supply), Pair{}));
            bits |= static_cast<std::uint64_t>(both ? two : two & 1U) << (h - begin);
        }
        surplusBits[w] = bits;
    }
    // The first hour from h (before n) whose bit is not `surplus`.
    const auto runEnd = [&](std::size_t h, bool surplus) {
        const std::uint64_t flip = surplus ? ~std::uint64_t{0} : 0;
        std::size_t word = h / 64;
        std::uint64_t differ = (surplusBits[word] ^ flip) & (~std::uint64_t{0} << (h % 64));
        while (differ == 0) {
            if (++word == surplusBits.size()) {
                return n;
            }
            differ = surplusBits[word] ^ flip;
        }
        return std::min(n, word * 64 + static_cast<std::size_t>(std::countr_zero(differ)));
    };
    double stored = s.stored, charged = s.charged, discharged = s.discharged;
    for (std::size_t h = 0; h < n;) {
        const bool surplus = ((surplusBits[h / 64] >> (h % 64)) & 1U) != 0;
        const std::size_t end = runEnd(h, surplus);
        if (surplus) {
            for (; h < end && stored < rating.energyKwh; ++h) {
                const double load = std::max(loadKwh[h], 0.0);
                const double in =
                    charge(rating, stored, supplyKwh[h] - std::min(load, supplyKwh[h]));
                charged += in;
                moved[h] = in;
            }
        } else {
            for (; h < end && stored > 0.0; ++h) {
                const double load = std::max(loadKwh[h], 0.0);
                const double shortfall = load - std::min(load, supplyKwh[h]);
                const double out = std::min(std::min(shortfall, rating.powerKw), stored);
                stored -= out;
                discharged += out;
                moved[h] = out;
            }
        }
        h = end;
    }
    s.stored = stored;
    s.charged = charged;
    s.discharged = discharged;
}

/// What a run of the matching works with: a battery's moves, each hour's own carbon
/// intensity (or one for all), each hour's grid-drawn energy written out (template
/// arguments: the hours test nothing that the run does not need).
struct MatchKind {
    bool battery = false, hourlyCarbon = false, drawn = false;
};

/// Two lanes of matchHours's sums: of hours 0 and 1 of every four, or of hours 2 and 3.
struct PairSums {
    Pair consumption, carbonFree, gridClean, used, surplus, drawnCarbon;
    PairCount hoursShort;
};

#if HEADROOM_FOUR_LANES
/// matchHours's hours from h four at a time (AVX2), while four remain before last: each
/// hour worked with the same operations, and each sum kept in the same four lanes (hours 0
/// and 1 of every four in sums01's, 2 and 3 in sums23's), so every bit is what the two
/// lanes give. Some additions are made as a x 1 + b on the FMA units (the product is exact,
/// so the one rounding is the addition's: the same bits), which are otherwise idle while
/// the adders are the pass's bottleneck; nothing else is fused (the file is compiled with
/// -ffp-contract=off). Returns the first hour not worked.
template <MatchKind Kind>
HEADROOM_FOUR_LANES_FN std::size_t matchFours(PairSums& sums01, PairSums& sums23,
                                              const MatchSeries& series, std::size_t h,
                                              std::size_t last) {
    // In registers: the hours' stores could alias the sums and the series' pointers.
    const MatchSeries x = series;
    __m256d consumption = four(sums01.consumption, sums23.consumption);
    __m256d cfeSum = four(sums01.carbonFree, sums23.carbonFree);
    __m256d gridClean = four(sums01.gridClean, sums23.gridClean);
    __m256d used = four(sums01.used, sums23.used);
    __m256d surplusSum = four(sums01.surplus, sums23.surplus);
    __m256d drawnCarbon = four(sums01.drawnCarbon, sums23.drawnCarbon);
    const __m256d zero = _mm256_setzero_pd();
    const __m256d one = _mm256_set1_pd(1.0);
    const __m256d tiny = _mm256_set1_pd(1e-9);
    const __m256d carbonEach = _mm256_set1_pd(x.carbonEach);
    __m256i hoursShort = _mm256_setzero_si256();
    for (; h + 4 <= last; h += 4) {
        const __m256d load = _mm256_max_pd(zero, _mm256_loadu_pd(x.load + h)); // maxOf
        const __m256d g = _mm256_loadu_pd(x.gridShare + h);
        const __m256d supply = _mm256_loadu_pd(x.supply + h);
        const __m256d direct = _mm256_min_pd(supply, load); // minOf(load, supply)
        __m256d surplus = _mm256_sub_pd(supply, direct);
        __m256d clean = direct;
        if constexpr (Kind.battery) {
            const __m256d m = _mm256_loadu_pd(x.batteryMoved + h);
            const __m256d charging = _mm256_cmp_pd(surplus, zero, _CMP_GT_OS);
            surplus = _mm256_sub_pd(surplus, _mm256_and_pd(charging, m));
            clean = _mm256_fmadd_pd(_mm256_andnot_pd(charging, m), one, clean); // + clean
        }
        const __m256d fromGrid = _mm256_sub_pd(load, clean);
        const __m256d cfe = _mm256_add_pd(clean, _mm256_mul_pd(g, fromGrid));
        consumption = _mm256_fmadd_pd(load, one, consumption); // consumption + load
        cfeSum = _mm256_add_pd(cfeSum, cfe);
        gridClean = _mm256_fmadd_pd(_mm256_mul_pd(g, load), one, gridClean); // + g x load
        used = _mm256_add_pd(used, clean);
        surplusSum = _mm256_fmadd_pd(surplus, one, surplusSum); // surplusSum + surplus
        const __m256d carbon = Kind.hourlyCarbon ? _mm256_loadu_pd(x.carbon + h) : carbonEach;
        drawnCarbon = _mm256_add_pd(drawnCarbon, _mm256_mul_pd(fromGrid, carbon));
        const __m256d isShort =
            _mm256_cmp_pd(_mm256_sub_pd(load, cfe), _mm256_mul_pd(tiny, load), _CMP_GT_OS);
        hoursShort = _mm256_sub_epi64(hoursShort, _mm256_castpd_si256(isShort));
        _mm256_storeu_pd(x.carbonFree + h, cfe);
        if constexpr (Kind.drawn) {
            _mm256_storeu_pd(x.drawn + h, fromGrid);
        }
    }
    split(consumption, sums01.consumption, sums23.consumption);
    split(cfeSum, sums01.carbonFree, sums23.carbonFree);
    split(gridClean, sums01.gridClean, sums23.gridClean);
    split(used, sums01.used, sums23.used);
    split(surplusSum, sums01.surplus, sums23.surplus);
    split(drawnCarbon, sums01.drawnCarbon, sums23.drawnCarbon);
    sums01.hoursShort.v =
        _mm_add_epi64(sums01.hoursShort.v, _mm_add_epi64(_mm256_castsi256_si128(hoursShort),
                                                         _mm256_extracti128_si256(hoursShort, 1)));
    return h;
}
#endif

/// Matches hours [first, last), so that a site's year is matched in the pass that reads its
/// hours, four hours at a time (two pairs of lanes, or four lanes with AVX2): the sums are
/// kept in four partial sums (one per lane: hours 0, 1, 2 and 3 of every four), which moves
/// them by a few units in their last place, and lets each of the sums take an hour's
/// addition while the last three are still under way. No hour divides: its carbon-free share is
/// left to the one reader that needs it (the heat map), as a division an hour costs as much
/// as the rest of the hour. The battery's moves were worked before (runBattery).
template <MatchKind Kind>
Matching matchHours(Matching s, MatchSeries x, std::size_t first, std::size_t last) {
    const double* const loadKwh = x.load;
    const double* const gridShare = x.gridShare;
    const double* const supplyKwh = x.supply;
    const double* const carbon = x.carbon;
    const double* const moved = x.batteryMoved;
    double* const carbonFree = x.carbonFree;
    double* const drawn = x.drawn;
    const Pair carbonEach = splat(x.carbonEach);
    PairSums sums01{pairOf(s.consumption, 0.0),
                    pairOf(s.carbonFree, 0.0),
                    pairOf(s.gridClean, 0.0),
                    pairOf(s.used, 0.0),
                    pairOf(s.surplus, 0.0),
                    pairOf(s.drawnCarbon, 0.0),
                    PairCount{}};
    PairSums sums23;
    // One pair of hours at h into the lanes of `sums` (only the first when !Both: the second
    // lane reads and writes nothing, and is 0 throughout).
    const auto pairAt = [&]<bool Both>(std::size_t h, PairSums& sums) {
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
            // An hour has a surplus or a shortfall, never both: the battery charged from
            // the one or discharged into the other (0 when it did neither).
            const Pair m = in(moved);
            const PairMask charging = greaterThan(surplus, Pair{});
            surplus = surplus - onlyWhere(charging, m);
            clean = clean + onlyWhereNot(charging, m);
        }
        const Pair fromGrid = load - clean;
        // Google's hourly CFE: contracted clean energy used, plus the grid's carbon-free
        // share of what the hour drew from the grid.
        const Pair cfe = clean + g * fromGrid;
        sums.consumption = sums.consumption + load;
        sums.carbonFree = sums.carbonFree + cfe;
        sums.gridClean = sums.gridClean + g * load;
        sums.used = sums.used + clean;
        sums.surplus = sums.surplus + surplus;
        if constexpr (Kind.hourlyCarbon) {
            sums.drawnCarbon = sums.drawnCarbon + fromGrid * in(carbon);
        } else {
            sums.drawnCarbon = sums.drawnCarbon + fromGrid * carbonEach;
        }
        sums.hoursShort.addWhereGreater(load - cfe, splat(1e-9) * load);
        out(carbonFree, cfe);
        if constexpr (Kind.drawn) {
            out(drawn, fromGrid);
        }
    };
    std::size_t h = first;
#if HEADROOM_FOUR_LANES
    if (haveFourLanes()) {
        h = matchFours<Kind>(sums01, sums23, x, h, last);
    }
#endif
    for (; h + 4 <= last; h += 4) {
        pairAt.template operator()<true>(h, sums01);
        pairAt.template operator()<true>(h + 2, sums23);
    }
    // The last hours lane by lane: 0 and 1 into sums01's, 2 into sums23's first.
    if (h + 2 <= last) {
        pairAt.template operator()<true>(h, sums01);
        if (h + 2 < last) {
            pairAt.template operator()<false>(h + 2, sums23);
        }
    } else if (h < last) {
        pairAt.template operator()<false>(h, sums01);
    }
    const auto sum = [](Pair lanes01, Pair lanes23) { return total(lanes01) + total(lanes23); };
    s.consumption = sum(sums01.consumption, sums23.consumption);
    s.carbonFree = sum(sums01.carbonFree, sums23.carbonFree);
    s.gridClean = sum(sums01.gridClean, sums23.gridClean);
    s.used = sum(sums01.used, sums23.used);
    s.surplus = sum(sums01.surplus, sums23.surplus);
    s.drawnCarbon = sum(sums01.drawnCarbon, sums23.drawnCarbon);
    s.hoursShort += static_cast<int>(sums01.hoursShort.total() + sums23.hoursShort.total());
    return s;
}

/// matchHours of the kind the series make.
Matching matchRun(const Matching& s, const MatchSeries& x, std::size_t first, std::size_t last) {
    const auto run = [&]<bool Battery>() {
        if (x.drawn != nullptr) {
            return x.carbon != nullptr
                       ? matchHours<MatchKind{Battery, true, true}>(s, x, first, last)
                       : matchHours<MatchKind{Battery, false, true}>(s, x, first, last);
        }
        return x.carbon != nullptr
                   ? matchHours<MatchKind{Battery, true, false}>(s, x, first, last)
                   : matchHours<MatchKind{Battery, false, false}>(s, x, first, last);
    };
    return x.batteryMoved != nullptr ? run.template operator()<true>()
                                     : run.template operator()<false>();
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
    Matching s;
    std::vector<double> moved;
    if (battery) {
        moved.assign(n, 0.0);
        runBattery(*battery, s, loadKwh.data(), supply.data(), moved.data(), n);
    }
    const MatchSeries x{loadKwh.data(),
                        grid.data(),
                        supply.data(),
                        nullptr,
                        0.0,
                        battery ? moved.data() : nullptr,
                        carbonFree.data(),
                        gridDrawnKwh != nullptr ? gridDrawnKwh->data() : nullptr};
    CfeResult r = finish(matchRun(s, x, 0, n), contracted);
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
    Matching s;
    std::vector<double> moved;
    if (battery) {
        moved.assign(n, 0.0);
        runBattery(*battery, s, hr.facilityPowerKw.data(), contracts->supplyKwh.data(),
                   moved.data(), n);
    }
    std::vector<double> carbonFree(n);
    MatchSeries x{hr.facilityPowerKw.data(),
                  contracts->gridShare.data(),
                  contracts->supplyKwh.data(),
                  hr.gridCarbonKgPerKwh.data(),
                  0.0,
                  battery ? moved.data() : nullptr,
                  carbonFree.data(),
                  nullptr};
    if (site.grid.residualMix) {
        x.carbon = nullptr;
        x.carbonEach = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    Monthly marketKg{};
    const auto month = std::span(hr.month).first(n);
    for (std::size_t first = 0; first < n;) {
        const std::size_t end = monthRunEnd(month, first);
        const auto m = static_cast<std::size_t>(std::clamp<int>(month[first], 1, 12) - 1);
        s.drawnCarbon = marketKg[m];
        s = matchRun(s, x, first, end);
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
