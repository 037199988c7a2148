#pragma once

// The result store's tables as SQL: the schema, and the column lists its statements name.
// Shared by the store (result_store.cpp) and its schema (result_store_schema.cpp); the
// columns come from the result table (kpiFields, monthlyFields, hourlyFields), so a new
// figure is a new column everywhere at once.

#include "model/report/json_summary.h"

#include <cstddef>
#include <string>

namespace headroom::model::store_sql {

/// The SQLite type of a result-table column.
const char* sqlType(KpiType type);

/// ", name, ..." of the kpis, monthly and hourly tables' figure columns.
std::string kpiColumns();
std::string monthlyColumns();
std::string hourlyColumns();

/// "?, ?, ..." with count placeholders.
std::string placeholders(std::size_t count);

inline constexpr const char* kPlanGenerationColumns =
    ", year, platform, chip, buildings, ultraservers, chips, design_hour_it_mw, halls";
inline constexpr const char* kPlanBandColumns = ", period, figure, p10, p50, p90";
inline constexpr const char* kPlanTornadoColumns = ", input, figure, low, high, at_low, at_high";

} // namespace headroom::model::store_sql
