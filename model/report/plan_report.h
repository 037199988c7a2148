#pragma once
// A plan's reports (model/plan): plan.json (the horizon's totals and one object per year,
// each year with the keys of the JSON summary) and years.csv (one row per year, the columns
// of summary.csv). A year's figures come from the result table (json_summary.h), so a year
// reads as a single run does; the horizon's come from planHorizonFields().

#include "model/report/json_summary.h"
#include "model/result/plan_result.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace headroom::model {

/// One figure of the whole horizon: a sum over the years, or a ratio of sums.
struct PlanHorizonField {
    std::string name; ///< a JSON key of "horizon", unit in the name
    KpiDisplay display;
    std::function<double(const PlanResult&)> get; ///< NaN when it does not exist
};
/// Every figure of the horizon, in the order of the JSON keys.
const std::vector<PlanHorizonField>& planHorizonFields();

/// "headroom-plan/1"
inline constexpr const char* kPlanFormat = "headroom-plan/1";

/// The platforms a plan ran, in the order they first appear (years.csv's columns).
std::vector<std::string> planPlatforms(const PlanResult& plan);

/// The months water-free in the year before year i and not in year i, both years running
/// IT: where a warming (or growing) plan loses its water-free window. Empty for year 0.
std::vector<int> monthsNoLongerWaterFree(const PlanResult& plan, std::size_t i);

/// The plan document: format, version, site, scenario hash, first and last year, the
/// horizon, and the years (key order fixed, so the bytes are deterministic).
nlohmann::ordered_json planJson(const PlanResult& plan);
/// years.csv: year, mean warming, per platform its buildings, UltraServers, chips and
/// design-hour IT, the zero-water months, then every column of summary.csv (SI).
std::string yearsCsv(const PlanResult& plan);

/// uncertainty.csv (a plan with uncertainty): one row per year, each band figure's P10, P50
/// and P90 (SI; empty where no draw has the figure).
std::string uncertaintyCsv(const PlanResult& plan);
/// tornado.csv: one row per declared input, its low and high scale, and each horizon
/// figure at the low and at the high run.
std::string tornadoCsv(const PlanResult& plan);
/// An uncertain input's name in the site file ("warming").
std::string planInputName(PlanInput input);

/// Writes plan.json and/or years.csv (and uncertainty.csv and tornado.csv with them when the
/// plan ran its uncertainty) ("json", "csv" in formats; empty for both) into
/// folder, each atomically. headroom-cli plan calls it inside writeFileSet (all or nothing,
/// with the PDF in builds with the Qt report).
WriteOutcome writePlanFiles(const PlanResult& plan, const std::vector<std::string>& formats,
                            const std::filesystem::path& folder);

} // namespace headroom::model
