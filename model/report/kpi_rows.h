#pragma once

// The result table's rows are written in three files: the site's own figures
// (json_summary.cpp), what the workloads deliver (kpi_rows_workloads.cpp) and what the
// site costs and carries in carbon (kpi_rows_cost.cpp). This header is what they share:
// the builders of a row, and the two row groups json_summary.cpp appends in order.

#include "model/report/json_summary.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model::kpi_rows {

inline KpiField real(std::string name, KpiDisplay display,
                     std::function<double(const RunResult&)> get, bool nested = false) {
    return {std::move(name), KpiType::Real, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); },
            std::move(display)};
}

/// A ratio to the year's IT energy: no value when there was none (README: null).
inline KpiField ratio(std::string name, KpiDisplay display,
                      std::function<double(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, false,
            [get = std::move(get)](const RunResult& r) {
                return r.annual.itEnergyMwh > 0.0 ? KpiValue(get(r)) : KpiValue();
            },
            std::move(display)};
}

/// A figure that may not exist (a constraint that does not limit, a rate not published).
inline KpiField optionalReal(std::string name, KpiDisplay display,
                             std::function<OptionalMw(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, true,
            [get = std::move(get)](const RunResult& r) {
                const OptionalMw value = get(r);
                return value ? KpiValue(*value) : KpiValue();
            },
            std::move(display)};
}

inline KpiField integer(std::string name, KpiDisplay display,
                        std::function<std::int64_t(const RunResult&)> get, bool nested = false) {
    return {std::move(name), KpiType::Integer, nested,
            [get = std::move(get)](const RunResult& r) { return KpiValue(get(r)); },
            std::move(display)};
}

/// A figure that is better lower (PUE, water, carbon) or higher (water-free hours, capacity).
inline KpiField lower(KpiField field) {
    field.direction = KpiDirection::LowerIsBetter;
    return field;
}
inline KpiField higher(KpiField field) {
    field.direction = KpiDirection::HigherIsBetter;
    return field;
}

/// "bf16" -> "BF16": a precision's name as the tables print it.
inline std::string upper(std::string_view name) {
    std::string text(name);
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// "hall_power" -> "hall power": a model name as words.
inline std::string words(std::string name) {
    for (char& c : name) {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

/// A top-level figure that may not exist: null in JSON, empty in CSV, NULL in the store.
inline KpiField maybeReal(std::string name, KpiDisplay display,
                          std::function<std::optional<double>(const RunResult&)> get) {
    return {std::move(name), KpiType::Real, false,
            [get = std::move(get)](const RunResult& r) {
                const std::optional<double> value = get(r);
                return value ? KpiValue(*value) : KpiValue();
            },
            std::move(display)};
}

/// What the site delivers per unit of work: the training and inference rows.
void addWorkloadRows(std::vector<KpiField>& f);

/// What the site costs, its 24/7 carbon-free energy, its water stress and its embodied and
/// lifecycle carbon: the cost_*, cfe_*, water_stress_* and embodied_carbon_* rows.
void addCostAndCarbonRows(std::vector<KpiField>& f);

} // namespace headroom::model::kpi_rows
