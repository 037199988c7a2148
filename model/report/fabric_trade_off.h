#pragma once
// The fabric trade-off table: the site's training run on the same deployment behind leaves
// oversubscribed 1:1, 2:1 and 4:1 (model/perf/workloads.cpp), what each fabric saves
// against what the run loses, beside 1:1. Its columns are described once here, as the
// summary's figures are in the result table (json_summary.h); the Compute view and the PDF
// both print these.

#include "model/result/run_result.h"
#include "model/units/display_units.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

struct FabricTradeOffColumn {
    std::string label; ///< "Time to train"
    FigureKind kind = FigureKind::Count;
    int decimals = 0; ///< in SI
    /// A change against the 1:1 option, signed ("+0.35"); else the option's own figure.
    bool change = false;
    std::string suffix; ///< after the number (":1" for the leaf's ratio)
    std::string absent; ///< what a figure the option lacks (no layout fits) reads
    /// The figure in the kind's SI unit; nothing when the option (or 1:1) has no layout.
    std::function<std::optional<double>(const FabricOption& option, const FabricOption& base)> get;
};

/// Leaf, switches, transceivers, network power and its saving, time to train and its
/// increase, energy per run and its increase.
const std::vector<FabricTradeOffColumn>& fabricTradeOffColumns();

/// "Time to train (d)": the label with its unit in the display system.
std::string fabricTradeOffHeader(const FabricTradeOffColumn& column, const DisplayUnits& units);

/// One cell: the figure in units to its decimals, "+" before an added change.
std::string fabricTradeOffCell(const FabricTradeOffColumn& column, const FabricOption& option,
                               const FabricOption& base, const DisplayUnits& units,
                               const NumberStyle& style);

} // namespace headroom::model
