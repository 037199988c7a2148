#include "model/sim/fill_check.h"

#include "model/catalog/catalog.h"
#include "model/sim/capacity.h"
#include "model/sim/plant_sizing.h"
#include "model/sizing/compute_sizing.h"

#include <algorithm>
#include <memory>
#include <mutex>

namespace headroom::model {

namespace {

/// How many of the thirstiest days are kept: a neighbouring count moves each day's water
/// by about one part in the count, so the order of the first few days holds.
constexpr std::size_t kThirstiestDaysKept = 3;

/// The value of an hourly series at hour h, as the hourly loop walks it (repeated when
/// shorter than the year; fallback when empty).
double seriesAt(const HourlySeries& series, std::size_t h, double fallback) {
    return series.values.empty() ? fallback : series.values[h % series.values.size()];
}

struct Deployment {
    ComputeSizing compute;
    double scale = 0.0; ///< halls in use (0 without IT), as simulate() scales one hall
};

Deployment deployment(const Site& site, long long ultraServers, const ComputeSizing& sized) {
    Diagnostics ignored; // the simulated year of a count kept reports them
    Deployment d{sizeCompute(site, Catalog::builtin(), ultraServers, sized, ignored), 0.0};
    d.scale = d.compute.servers > 0 ? std::max(d.compute.hallsUsed, 1) : 0.0;
    return d;
}

} // namespace

ConstraintHoursTracker::ConstraintHoursTracker(const Site& site)
    : m_trackWater(site.campus.waterSupplyPerDay.has_value()) {}

void ConstraintHoursTracker::observeWater(std::size_t h, int day, double waterL) {
    if (m_day && m_day->day != day) {
        closeDay();
    }
    if (!m_day) {
        m_day = Day{0.0, h, h, day};
    }
    m_day->waterL += waterL;
    m_day->end = h + 1;
}

void ConstraintHoursTracker::closeDay() {
    const Day day = *m_day;
    m_day.reset();
    if (day.waterL <= 0.0) {
        return;
    }
    // Ties keep the earlier day first, as the year's thirstiest day is its first maximum.
    const auto at =
        std::upper_bound(m_thirstiest.begin(), m_thirstiest.end(), day,
                         [](const Day& a, const Day& b) { return a.waterL > b.waterL; });
    m_thirstiest.insert(at, day);
    if (m_thirstiest.size() > kThirstiestDaysKept) {
        m_thirstiest.pop_back();
    }
}

ConstraintHours ConstraintHoursTracker::finish() {
    if (m_day) {
        closeDay();
    }
    for (const Day& day : m_thirstiest) {
        m_hours.thirstiestDays.emplace_back(day.first, day.end);
    }
    return m_hours;
}

namespace {

/// The constraint hours of a hall's year: every hour evaluated, none kept.
ConstraintHours screenHall(const Site& site, HallModel& hall, const OutdoorSeries& outdoor) {
    const Climate& climate = *site.climate;
    ConstraintHoursTracker tracker(site);
    for (std::size_t h = 0; h < climate.hours(); ++h) {
        tracker.observe(
            h, climate.day[h],
            hall.evaluate(outdoorAt(climate, outdoor, h), seriesAt(site.it.utilization, h, 1.0)));
    }
    return tracker.finish();
}

/// A screened year and everything its hours depend on: the hall's model, the climate and
/// its outdoor states (held weakly: an entry whose climate is gone matches nothing), the
/// utilization series and whether water days are tracked.
struct SharedScreen {
    HallModel hall; ///< as built, before any hour
    std::weak_ptr<const Climate> climate;
    std::weak_ptr<const OutdoorSeries> outdoor;
    std::vector<double> utilization;
    bool trackWater = false;
    ConstraintHours hours;

    bool matches(const Site& site, const HallModel& other,
                 const std::shared_ptr<const OutdoorSeries>& otherOutdoor) const {
        return climate.lock() == site.climate && outdoor.lock() == otherOutdoor &&
               trackWater == site.campus.waterSupplyPerDay.has_value() &&
               utilization == site.it.utilization.values && hall.sameModel(other);
    }
};

/// The screens shared between runs (any thread's), the most recent kSharedScreens: a
/// sweep's workers run neighbouring scenarios, which screen the same few halls.
constexpr std::size_t kSharedScreens = 8;
std::mutex g_sharedScreensMutex;
std::vector<SharedScreen> g_sharedScreens; // guarded by g_sharedScreensMutex
std::size_t g_nextSharedScreen = 0;        // the entry replaced next, once all are used

} // namespace

ConstraintHours screenYear(const Site& site, long long ultraServers, const ComputeSizing& sized,
                           const OutdoorSeries& outdoor) {
    const Deployment d = deployment(site, ultraServers, sized);
    HallModel hall(site, d.compute, outdoor);
    return screenHall(site, hall, outdoor);
}

ConstraintHours screenYearShared(const Site& site, long long ultraServers,
                                 const ComputeSizing& sized,
                                 const std::shared_ptr<const OutdoorSeries>& outdoor) {
    const Deployment d = deployment(site, ultraServers, sized);
    HallModel hall(site, d.compute, *outdoor);
    {
        const std::lock_guard lock(g_sharedScreensMutex);
        for (const SharedScreen& screen : g_sharedScreens) {
            if (screen.matches(site, hall, outdoor)) {
                return screen.hours;
            }
        }
    }
    SharedScreen screen{hall,
                        site.climate,
                        outdoor,
                        site.it.utilization.values,
                        site.campus.waterSupplyPerDay.has_value(),
                        {}};
    screen.hours = screenHall(site, hall, *outdoor);
    const ConstraintHours hours = screen.hours;
    const std::lock_guard lock(g_sharedScreensMutex);
    if (g_sharedScreens.size() < kSharedScreens) {
        g_sharedScreens.push_back(std::move(screen));
    } else {
        g_sharedScreens[g_nextSharedScreen] = std::move(screen);
        g_nextSharedScreen = (g_nextSharedScreen + 1) % kSharedScreens;
    }
    return hours;
}

CapacityResult capacityAtHours(const Site& site, long long ultraServers, const ComputeSizing& sized,
                               const ConstraintHours& hours, const OutdoorSeries& outdoor) {
    const Deployment d = deployment(site, ultraServers, sized);
    const Climate& climate = *site.climate;
    HallModel hall(site, d.compute, outdoor);
    const DesignHour design = designHour(climate, hall, outdoor, hours.worstHour);
    AnnualResults annual; // what siteCapacity reads of a year: design-hour PUE, thirstiest day
    const double designRackKw = design.hall.rackInputKw();
    annual.designHourPue = designRackKw > 0.0 ? design.hall.chain.facilityKw / designRackKw : 0.0;
    for (const auto& [first, end] : hours.thirstiestDays) {
        double dayWaterL = 0.0, dayItKwh = 0.0;
        for (std::size_t h = first; h < end; ++h) {
            const HallHour hh = hall.evaluate(outdoorAt(climate, outdoor, h),
                                              seriesAt(site.it.utilization, h, 1.0));
            dayWaterL += hh.cooling.waterL();
            dayItKwh += hh.rackInputKw();
        }
        if (d.scale * dayWaterL / 1e3 > annual.waterMaxDayM3) {
            annual.waterMaxDayM3 = d.scale * dayWaterL / 1e3;
            annual.waterMaxDayItMwh = d.scale * dayItKwh / 1e3;
        }
    }
    Diagnostics ignored;
    return siteCapacity(site, d.compute, hall, design, annual, d.scale, ignored);
}

std::optional<Constraint> brokenConstraint(const CapacityResult& cap) {
    for (std::size_t i = 0; i < cap.headroomMw.size(); ++i) {
        if (cap.headroomMw[i] && *cap.headroomMw[i] < -1e-9 * cap.deployedItMw) {
            return static_cast<Constraint>(i);
        }
    }
    return std::nullopt;
}

} // namespace headroom::model
