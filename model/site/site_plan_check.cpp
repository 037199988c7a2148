#include "model/catalog/catalog.h"
#include "model/climate/climate_morph.h"
#include "model/site/grid_projection.h"
#include "model/site/site_read_steps.h"

#include <algorithm>
#include <map>
#include <string>

namespace headroom::model {
namespace {

// The checks of /plan that span rows: every year a plan runs must be computable before the
// first one runs, so a plan fails whole, at the member to blame, or not at all.
class PlanCheck : SiteReadContext {
public:
    explicit PlanCheck(const SiteReadContext& context)
        : SiteReadContext(context) {}

    void run(const Site& site) const {
        const Plan& plan = *site.plan;
        if (plan.lastYear < plan.firstYear || plan.lastYear - plan.firstYear > 60) {
            error("/plan/last_year", "expected a year from " + std::to_string(plan.firstYear) +
                                         " (/plan/first_year) to " +
                                         std::to_string(plan.firstYear + 60) + ", got " +
                                         std::to_string(plan.lastYear));
            return;
        }
        checkPhases(site);
        checkRefresh(plan);
        checkTrajectory(plan, plan.utilization, "/plan/utilization");
        checkTrajectory(plan, plan.carbon, "/plan/grid/carbon_intensity");
        checkCambium(plan);
        checkClimate(site);
    }

private:
    std::string horizon(const Plan& plan) const {
        return std::to_string(plan.firstYear) + "-" + std::to_string(plan.lastYear);
    }

    void unknownPlatform(const std::string& pointer, const std::string& id) const {
        std::string known;
        for (const auto& [group, entry] : Catalog::builtin().listing()) {
            if (group == "platforms") {
                known += (known.empty() ? "" : ", ") + entry;
            }
        }
        error(pointer,
              "unknown platform " + quotedExcerpt(id) + "; the catalog's platforms are: " + known);
    }

    void checkPhases(const Site& site) const {
        const Plan& plan = *site.plan;
        if (plan.phases.empty()) {
            error("/plan/phases", "expected at least one phase, got none");
        }
        std::map<int, std::size_t> energizedBy; // building -> phase
        for (std::size_t i = 0; i < plan.phases.size(); ++i) {
            const PlanPhase& phase = plan.phases[i];
            const std::string at = "/plan/phases/" + std::to_string(i);
            if (phase.year < plan.firstYear || phase.year > plan.lastYear) {
                error(at + "/year", "expected a year within the horizon " + horizon(plan) +
                                        ", got " + std::to_string(phase.year));
            }
            if (!Catalog::builtin().platform(phase.platformId)) {
                unknownPlatform(at + "/platform", phase.platformId);
            }
            const int last = phase.firstBuilding + phase.buildings - 1;
            if (last > site.campus.buildings) {
                error(at + "/buildings",
                      "expected at most " +
                          std::to_string(site.campus.buildings - phase.firstBuilding + 1) +
                          " buildings from building " + std::to_string(phase.firstBuilding) +
                          " (the campus has " + std::to_string(site.campus.buildings) +
                          ", /campus/buildings/count), got " + std::to_string(phase.buildings));
                continue;
            }
            for (int b = phase.firstBuilding; b <= last; ++b) {
                const auto [it, fresh] = energizedBy.try_emplace(b, i);
                if (!fresh) {
                    error(at + "/first_building", "building " + std::to_string(b) +
                                                      " is energized twice: by /plan/phases/" +
                                                      std::to_string(it->second) +
                                                      " and by this phase");
                    break;
                }
            }
        }
    }

    void checkRefresh(const Plan& plan) const {
        std::map<std::string, std::size_t> seen;
        for (std::size_t i = 0; i < plan.refresh.size(); ++i) {
            const PlanRefresh& rule = plan.refresh[i];
            const std::string at = "/plan/refresh/" + std::to_string(i);
            if (!Catalog::builtin().platform(rule.platformId)) {
                unknownPlatform(at + "/platform", rule.platformId);
            }
            if (!Catalog::builtin().platform(rule.replacementId)) {
                unknownPlatform(at + "/replacement", rule.replacementId);
            }
            if (const auto [it, fresh] = seen.try_emplace(rule.platformId, i); !fresh) {
                error(at + "/platform", "platform " + quotedExcerpt(rule.platformId) +
                                            " already has a refresh rule, /plan/refresh/" +
                                            std::to_string(it->second));
            }
        }
    }

    /// Points in increasing years; several must cover the horizon (no year left between
    /// the points and its ends).
    void checkTrajectory(const Plan& plan, const std::vector<YearPoint>& points,
                         const std::string& pointer) const {
        for (std::size_t i = 1; i < points.size(); ++i) {
            if (points[i].year <= points[i - 1].year) {
                error(pointer + "/" + std::to_string(i) + "/year",
                      "expected a year after " + std::to_string(points[i - 1].year) +
                          " (the points go in increasing years), got " +
                          std::to_string(points[i].year));
                return;
            }
        }
        if (points.size() > 1 &&
            (points.front().year > plan.firstYear || points.back().year < plan.lastYear)) {
            error(pointer, "a gap: the points cover " + std::to_string(points.front().year) + "-" +
                               std::to_string(points.back().year) + ", the horizon is " +
                               horizon(plan) +
                               "; give points at or beyond both ends, or a single point for "
                               "every year");
        }
    }

    void checkCambium(const Plan& plan) const {
        if (plan.cambium == CambiumRegion::None) {
            return;
        }
        if (!plan.carbon.empty()) {
            warning("/plan/grid/carbon_intensity",
                    "the Cambium projection (/plan/grid/cambium) is used; these points are "
                    "ignored");
        }
        if (plan.firstYear < kCambiumFirstYear || plan.lastYear > kCambiumLastYear) {
            error("/plan/grid/cambium",
                  "a gap: the Cambium projection covers " + std::to_string(kCambiumFirstYear) +
                      "-" + std::to_string(kCambiumLastYear) + ", the horizon is " + horizon(plan));
        }
    }

    /// The morph is linear in its scale, so an hour inside bounds at the horizon's two
    /// extreme scales is inside them in every year between: checking both ends suffices.
    void checkClimate(const Site& site) const {
        const Plan& plan = *site.plan;
        if (!plan.climate) {
            return;
        }
        const PlanClimate& c = *plan.climate;
        if (c.targetYear <= c.baselineYear) {
            error("/plan/climate/target_year", "expected a year after the baseline year " +
                                                   std::to_string(c.baselineYear) + ", got " +
                                                   std::to_string(c.targetYear));
            return;
        }
        if (!site.climate) {
            return; // the weather's own error is reported
        }
        MonthlyClimateChange change;
        change.meanDeltaK = c.meanDeltaK;
        change.rangeDeltaK = c.rangeDeltaK;
        for (const int year : {plan.firstYear, plan.lastYear}) {
            const double scale =
                static_cast<double>(year - c.baselineYear) / (c.targetYear - c.baselineYear);
            const auto outcome = morphClimate(*site.climate, change.scaled(scale));
            if (outcome.error) {
                error("/plan/climate/mean_change",
                      "the morph of " + std::to_string(year) +
                          " leaves physical bounds: " + outcome.error->message);
                return;
            }
        }
    }
};

} // namespace

void checkSitePlan(const SiteReadContext& context, const Site& site) {
    if (site.plan) {
        PlanCheck(context).run(site);
    }
}

} // namespace headroom::model
