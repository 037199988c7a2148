#pragma once
// The result table: every figure of a run's summary, once. The same rows feed the JSON
// summary (the machine contract, README "The JSON summary"), the summary CSV, the result
// store's kpis table, the CLI table, the desktop's dashboard and compare view and the PDF
// summary, so none of them keeps a list of its own and none can disagree.

#include "model/report/report_writer.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace headroom::model {

/// A summary value; monostate when there is none (a constraint that does not limit, a
/// ratio to IT energy in a year without any): null in JSON, empty in CSV, NULL in the store.
using KpiValue = std::variant<std::monostate, double, std::int64_t, std::string>;

enum class KpiType { Real, Integer, Text };

/// Which way a figure improves: compare colours a change by it, the batch explorer's Pareto
/// front and best-by-KPI search by it. Neutral: a size or a count of plant, neither good nor
/// bad in itself.
enum class KpiDirection { Neutral, LowerIsBetter, HigherIsBetter };

/// How a person reads a figure: its label, what it means, its kind (and so its unit in
/// either unit system) and the decimals it is shown to in SI.
struct KpiDisplay {
    std::string label;       ///< "WUE, site"
    std::string description; ///< one line; cites the standard that defines it
    FigureKind kind = FigureKind::Ratio;
    int decimals = 0;
    /// A headline figure: a line of the CLI table and the PDF summary, a dashboard tile.
    bool headline = false;
    std::string absent = "n/a"; ///< what a figure that does not exist reads
};

/// One scalar of the summary: its column name (unit in the name), type, getter and display.
struct KpiField {
    std::string name;
    KpiType type = KpiType::Real;
    /// True when the JSON summary nests this value (peak_pflops.fp8, headroom.cooling...)
    /// instead of listing it at the top level.
    bool nestedInJson = false;
    std::function<KpiValue(const RunResult&)> get;
    KpiDisplay display;
    KpiDirection direction = KpiDirection::Neutral;
};

/// Every scalar of the summary, in the order of columns and keys.
const std::vector<KpiField>& kpiFields();
/// The row named name (a JSON key, a CSV column); null when there is none.
const KpiField* findKpiField(std::string_view name);

/// The field's value as a number in SI; NaN for text or a figure that does not exist.
double kpiNumber(const KpiField& field, const RunResult& result);
/// The field's value as a person reads it, in units, to its decimals: "1.153",
/// "0.0660 gal/kWh", "Hall power", "over by 13.3 MW", "not published". withUnit false
/// leaves the unit off (for a table with a unit column: units.unit(field.display.kind)).
std::string displayKpi(const KpiField& field, const RunResult& result, const DisplayUnits& units,
                       const NumberStyle& style, bool withUnit = true);

/// A change of a figure from a baseline, read by the field's direction.
enum class KpiChange { Same, Better, Worse, Changed, Unknown };
/// value against baseline: Same when equal, Better or Worse by the field's direction,
/// Changed for a neutral figure, Unknown when either is not a number (absent, NaN).
KpiChange judgeChange(const KpiField& field, double baseline, double value);

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

/// A JSON report file's text: two-space indent, bytes that are not UTF-8 replaced (a site
/// name read from a file may carry them), and a final newline.
std::string jsonFileText(const nlohmann::ordered_json& document);

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
