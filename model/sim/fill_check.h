#pragma once
// The capacity constraints of a deployment, checked at the hours that set them. The
// design-hour constraints (interconnect, compressors) depend on the year through its
// worst hour, the water supply through its thirstiest day; the rest (hall power, rack
// positions) on the sizing alone. fill searches its count with these checks instead of
// simulating a year per guess (simulate.cpp).

#include "model/result/run_result.h"
#include "model/sim/hall_model.h"
#include "model/sim/outdoor_series.h"
#include "model/site/site.h"

#include <cstddef>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

namespace headroom::model {

/// The hours of a year that its capacity constraints depend on.
struct ConstraintHours {
    /// The hour of the highest facility-to-rack ratio (one of plant_sizing's design hours).
    std::size_t worstHour = 0;
    /// The days (first hour, one past the last) that used the most water, most first; kept
    /// only when the site has a water-supply limit.
    std::vector<std::pair<std::size_t, std::size_t>> thirstiestDays;
};

/// Finds a year's constraint hours as its hours go by (the hourly loop and screenYear).
class ConstraintHoursTracker {
public:
    explicit ConstraintHoursTracker(const Site& site);
    /// Hour h of the year (of day `day`), one hall's figures. Inline: the hourly loop
    /// observes every hour, and the worst hour's test is all most years need.
    void observe(std::size_t h, int day, const HallHour& hall) {
        const double rackKw = hall.rackInputKw();
        const double ratio = rackKw > 0.0 ? hall.chain.facilityKw / rackKw : 0.0;
        if (ratio > m_worstRatio) {
            m_worstRatio = ratio;
            m_hours.worstHour = h;
        }
        if (m_trackWater) {
            observeWater(h, day, hall.cooling.waterL());
        }
    }
    ConstraintHours finish();

private:
    struct Day {
        double waterL = 0.0;
        std::size_t first = 0, end = 0;
        int day = 0;
    };
    void observeWater(std::size_t h, int day, double waterL);
    void closeDay();

    bool m_trackWater;
    double m_worstRatio = 0.0;
    ConstraintHours m_hours;
    std::optional<Day> m_day;
    std::vector<Day> m_thirstiest; ///< most water first
};

/// The constraint hours of a deployment's year, evaluating every hour and keeping none:
/// the same hours the simulated year of that deployment would find. `sized`: a sizing of
/// the same site (any count), whose count-free figures the deployment's sizing reuses.
ConstraintHours screenYear(const Site& site, long long ultraServers, const ComputeSizing& sized,
                           const OutdoorSeries& outdoor);

/// screenYear's hours, shared between runs: a hall of the same model (HallModel::sameModel)
/// over the same climate, outdoor states and utilization has the same hours, so they are
/// looked up among the last few screened (by any thread) before being screened again. A
/// sweep's scenarios that differ where the hall does not look (the interconnect) screen a
/// count's year once. Exact: the hours depend on nothing else. Thread-safe.
ConstraintHours screenYearShared(const Site& site, long long ultraServers,
                                 const ComputeSizing& sized,
                                 const std::shared_ptr<const OutdoorSeries>& outdoor);

/// The capacity of the site with `ultraServers` deployed, evaluated at the given design
/// hour and thirstiest days only, as siteCapacity computes it from a whole year. Exact
/// when the hours are the deployment's own (screenYear); an estimate from a neighbouring
/// count's hours otherwise. `sized` as for screenYear.
CapacityResult capacityAtHours(const Site& site, long long ultraServers, const ComputeSizing& sized,
                               const ConstraintHours& hours, const OutdoorSeries& outdoor);

/// The first constraint a capacity breaks, if any.
std::optional<Constraint> brokenConstraint(const CapacityResult& capacity);

} // namespace headroom::model
