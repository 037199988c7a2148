#include "model/catalog/catalog.h"
#include "model/climate/climate_morph.h"
#include "model/core/seeded_draw.h"
#include "model/site/grid_projection.h"
#include "model/site/plan_inputs.h"
#include "model/site/site_fields.h"
#include "model/site/site_read_steps.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>
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
        checkTrajectory(plan, plan.water, "/plan/grid/water_intensity");
        checkCambium(plan);
        if (plan.waterAnnualChange && !plan.water.empty()) {
            warning("/plan/grid/water_annual_change",
                    "the points of /plan/grid/water_intensity are used; this change is ignored");
        }
        checkClimate(site);
        checkUncertainty(site);
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
        const int hallsPerBuilding = site.campus.hallsPerBuilding;
        std::map<std::pair<int, int>, std::size_t> energizedBy; // (building, hall) -> phase
        const auto wholeBuildings = [&](const PlanPhase& phase) {
            return phase.firstHall == 1 &&
                   phase.hallsPerBuilding(hallsPerBuilding) == hallsPerBuilding;
        };
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
            if (phase.firstHall > hallsPerBuilding) {
                error(at + "/first_hall",
                      "expected at most " + std::to_string(hallsPerBuilding) + " (a building has " +
                          std::to_string(hallsPerBuilding) +
                          " halls, /campus/buildings/halls_per_building), got " +
                          std::to_string(phase.firstHall));
                continue;
            }
            const int halls = phase.hallsPerBuilding(hallsPerBuilding);
            if (phase.firstHall + halls - 1 > hallsPerBuilding) {
                error(at + "/halls",
                      "expected at most " + std::to_string(hallsPerBuilding - phase.firstHall + 1) +
                          " halls from hall " + std::to_string(phase.firstHall) +
                          " (a building has " + std::to_string(hallsPerBuilding) +
                          ", /campus/buildings/halls_per_building), got " + std::to_string(halls));
                continue;
            }
            const auto twice = [&]() -> std::optional<std::pair<int, int>> {
                for (int b = phase.firstBuilding; b <= last; ++b) {
                    for (int h = phase.firstHall; h < phase.firstHall + halls; ++h) {
                        if (const auto [it, fresh] = energizedBy.try_emplace({b, h}, i); !fresh) {
                            return it->first;
                        }
                    }
                }
                return std::nullopt;
            }();
            if (twice) {
                const auto [building, hall] = *twice;
                const std::size_t other = energizedBy.at(*twice);
                const std::string by = " is energized twice: by /plan/phases/" +
                                       std::to_string(other) + " and by this phase";
                if (wholeBuildings(phase) && wholeBuildings(plan.phases[other])) {
                    error(at + "/first_building", "building " + std::to_string(building) + by);
                } else {
                    error(at + "/first_hall", "hall " + std::to_string(hall) + " of building " +
                                                  std::to_string(building) + by);
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
        // One trajectory is used, the most detailed: Cambium's hours, else the points.
        if (plan.carbonAnnualChange &&
            (plan.cambium != CambiumRegion::None || !plan.carbon.empty())) {
            warning("/plan/grid/annual_change",
                    std::string(plan.cambium != CambiumRegion::None
                                    ? "the Cambium projection (/plan/grid/cambium) is"
                                    : "the points of /plan/grid/carbon_intensity are") +
                        " used; this change is ignored");
        }
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
        // A draw of the uncertainty scales the changes: its extreme scales are checked too,
        // as declared (the tornado's) and rounded to the draws' step (which may pass them).
        std::vector<double> warming{1.0};
        if (const PlanUncertainInput* input = uncertainInput(plan, PlanInput::Warming)) {
            const auto [low, high] = support(*input);
            const double step = plan.uncertainty->warmingStep;
            for (const double w : {low, high, roundToStep(low, step), roundToStep(high, step)}) {
                warming.push_back(w);
            }
        }
        for (const int year : {plan.firstYear, plan.lastYear}) {
            for (const double w : warming) {
                const double scale = w * static_cast<double>(year - c.baselineYear) /
                                     (c.targetYear - c.baselineYear);
                const auto outcome = morphClimate(*site.climate, change.scaled(scale));
                if (outcome.error) {
                    error(w == 1.0 ? "/plan/climate/mean_change" : "/plan/uncertainty",
                          "the morph of " + std::to_string(year) +
                              (w == 1.0 ? std::string() : " at " + percent(w) + " warming") +
                              " leaves physical bounds: " + outcome.error->message);
                    return;
                }
            }
        }
    }

    static std::string inputName(PlanInput input) {
        return std::string(choiceName("/plan/uncertainty/inputs/*/input", static_cast<int>(input)));
    }

    static const PlanUncertainInput* uncertainInput(const Plan& plan, PlanInput which) {
        if (!plan.uncertainty) {
            return nullptr;
        }
        const auto& inputs = plan.uncertainty->inputs;
        const auto it = std::find_if(inputs.begin(), inputs.end(),
                                     [&](const PlanUncertainInput& i) { return i.input == which; });
        return it == inputs.end() ? nullptr : &*it;
    }

    /// The scales a draw can reach: [min, max], or a normal's mean -/+ 9 sd (a Box-Muller
    /// draw reaches 8.6 sd, plan_uncertainty.cpp), never below 0. Only once checked.
    static std::pair<double, double> support(const PlanUncertainInput& input) {
        if (input.distribution == PlanDistribution::Normal) {
            const double mean = input.mean.value_or(1.0), sd = input.sd.value_or(0.0);
            return {std::max(0.0, mean - 9.0 * sd), mean + 9.0 * sd};
        }
        return {input.min.value_or(1.0), input.max.value_or(1.0)};
    }

    void checkUncertainty(const Site& site) const {
        const Plan& plan = *site.plan;
        if (!plan.uncertainty) {
            return;
        }
        std::map<PlanInput, std::size_t> seen;
        const auto& inputs = plan.uncertainty->inputs;
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const PlanUncertainInput& input = inputs[i];
            const std::string at = "/plan/uncertainty/inputs/" + std::to_string(i);
            if (const auto [it, fresh] = seen.try_emplace(input.input, i); !fresh) {
                error(at + "/input", "this input is already declared by "
                                     "/plan/uncertainty/inputs/" +
                                         std::to_string(it->second));
            }
            checkFigures(input, at);
            // An input the plan has nothing for would scale nothing: a mistake to report.
            if (input.input == PlanInput::Warming && !plan.climate) {
                error(at + "/input", "warming scales the changes of /plan/climate, which the "
                                     "plan does not have");
            }
            if (input.input == PlanInput::GridDecarbonization &&
                plan.cambium == CambiumRegion::None && plan.carbon.size() < 2 &&
                !plan.carbonAnnualChange) {
                error(at + "/input", "grid_decarbonization scales the change of "
                                     "/plan/grid (cambium, two or more carbon points, or an "
                                     "annual change), which the plan does not have");
            }
            if (input.input == PlanInput::ServiceLife && plan.refresh.empty()) {
                error(at + "/input", "service_life scales the lives of /plan/refresh, which "
                                     "the plan does not have");
            }
            const std::string_view costField = costFieldOf(input.input);
            if (!costField.empty() && !site.cost) {
                error(at + "/input", inputName(input.input) + " scales " + std::string(costField) +
                                         ", and the site has no /cost section");
            }
            if (input.distribution == PlanDistribution::CatalogRange &&
                !catalogRangeScales(input.input)) {
                error(at + "/distribution", std::string("the cost catalog gives no range for ") +
                                                inputName(input.input) +
                                                ": give its own (uniform, triangular or normal)");
            }
        }
    }

    /// The figures the distribution needs, in order; a figure it does not use warns.
    void checkFigures(const PlanUncertainInput& input, const std::string& at) const {
        const bool normal = input.distribution == PlanDistribution::Normal;
        const bool triangular = input.distribution == PlanDistribution::Triangular;
        const bool catalog = input.distribution == PlanDistribution::CatalogRange;
        const std::pair<const char*, const std::optional<double>*> figures[] = {
            {"min", &input.min},
            {"mode", &input.mode},
            {"max", &input.max},
            {"mean", &input.mean},
            {"sd", &input.sd}};
        const char* name = normal       ? "normal"
                           : triangular ? "triangular"
                           : catalog    ? "catalog_range"
                                        : "uniform";
        bool complete = true;
        for (const auto& [figure, value] : figures) {
            const std::string_view f = figure;
            const bool needed = catalog ? false // the catalog's range gives every figure
                                : normal
                                    ? (f == "mean" || f == "sd")
                                    : (f == "min" || f == "max" || (triangular && f == "mode"));
            if (needed && !*value) {
                error(at, std::string("the ") + name + " distribution needs \"" + figure + "\"");
                complete = false;
            } else if (!needed && *value) {
                warning(at + "/" + figure,
                        std::string("the ") + name + " distribution does not use it; ignored");
            }
        }
        if (!complete || normal || catalog) {
            return;
        }
        if (*input.max < *input.min) {
            error(at + "/max", "expected at least min (" + percent(*input.min) + "), got " +
                                   percent(*input.max));
        } else if (triangular && (*input.mode < *input.min || *input.mode > *input.max)) {
            error(at + "/mode", "expected a scale from min (" + percent(*input.min) + ") to max (" +
                                    percent(*input.max) + "), got " + percent(*input.mode));
        }
    }

    static std::string percent(double scale) {
        std::ostringstream text;
        text << scale * 100.0 << " %";
        return text.str();
    }
};

} // namespace

void checkSitePlan(const SiteReadContext& context, const Site& site) {
    if (site.plan) {
        PlanCheck(context).run(site);
    }
}

} // namespace headroom::model
