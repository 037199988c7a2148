#pragma once
// The KPI summary of a run: the machine contract (README, "The JSON summary"). The same
// fields feed the JSON summary, the summary CSV and the result store's kpis table, so
// the three never disagree.

#include "model/report/report_writer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace headroom::model {

/// A summary value; monostate when there is none (a constraint that does not limit, a
/// ratio to IT energy in a year without any): null in JSON, empty in CSV, NULL in the store.
using KpiValue = std::variant<std::monostate, double, std::int64_t, std::string>;

enum class KpiType { Real, Integer, Text };

/// One scalar of the summary: its column name (unit in the name), type and getter.
struct KpiField {
    std::string name;
    KpiType type = KpiType::Real;
    /// True when the JSON summary nests this value (peak_pflops.fp8, headroom.cooling...)
    /// instead of listing it at the top level.
    bool nestedInJson = false;
    std::function<KpiValue(const RunResult&)> get;
};

/// Every scalar of the summary, in the order of columns and keys.
const std::vector<KpiField>& kpiFields();

/// A monthly series: its column name (unit in the name) and where it is in the result.
struct MonthlyField {
    std::string name;
    Monthly MonthlyResults::*values;
    bool ratioToIt = false; ///< PUE, WUE: undefined in a month without IT energy
};
/// The field's value in month (0-11); nothing for a ratio in a month without IT energy
/// (written as null, an empty CSV field, or NULL).
std::optional<double> monthlyValue(const MonthlyField& field, const MonthlyResults& monthly,
                                   std::size_t month);
/// Every monthly series, in the order of monthly.csv and the store's monthly table.
const std::vector<MonthlyField>& monthlyFields();

/// "headroom-summary/1"
inline constexpr const char* kSummaryFormat = "headroom-summary/1";

/// The JSON summary document (key order fixed, so the bytes are deterministic).
nlohmann::ordered_json summaryJson(const RunResult& result);

/// Shortest text that reads back as the same double; "" for NaN or infinity.
std::string formatNumber(double value);
std::string formatKpi(const KpiValue& value);

/// Writes summary.json.
class JsonSummaryWriter final : public ReportWriter {
public:
    std::string shortName() const override { return "json"; }
    std::vector<std::string> extensions() const override { return {"json"}; }
    std::string description() const override {
        return "JSON summary: every KPI, monthly arrays (summary.json)";
    }
    WriteOutcome write(const RunResult& result, const ReportOptions& options) const override;
};

} // namespace headroom::model
