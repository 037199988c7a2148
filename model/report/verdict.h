#pragma once
// What a run says in words, for the dashboard's header and the PDF's first page: which
// site it is (place, design, IT, weather station and its distance), and the verdict —
// the binding constraint, the next one, and what relieving the binding one buys. One
// home, so the dashboard and the report cannot word it differently.

#include "model/result/run_result.h"
#include "model/units/display_units.h"

#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// The constraint a planner meets after the binding one, and what raising the binding
/// limit to it gives (from the run's per-constraint IT limits; the UltraServers at the
/// run's design-hour IT per UltraServer).
struct Relief {
    Constraint binding{};
    double bindingItMw = 0.0;
    std::optional<Constraint> next; ///< none: nothing else in the model limits the site
    double nextItMw = 0.0;
    double gainedItMw = 0.0;
    long long gainedUltraServers = 0;
};

/// Nothing when the run has no finite binding limit.
std::optional<Relief> reliefOf(const RunResult& result);

/// "Hall power" for Constraint::HallPower.
std::string constraintLabel(Constraint constraint);

/// "St. Joseph County, IN · 41.68° N, 86.25° W · airside economizer evaporative · 120.3 MW
/// IT deployed".
std::string siteHeaderText(const RunResult& result, const DisplayUnits& units,
                           const NumberStyle& style);
/// "Weather: Chicago Ohare Intl Ap, IL, USA (WMO 725300), 136 km from the site", or "".
std::string stationText(const RunResult& result, const NumberStyle& style);
/// "Hall power binds at 150.0 MW of IT; utility interconnect is next at 180.0 MW.
/// Relieving hall power buys +30.0 MW of IT, about +412 UltraServers, until utility
/// interconnect binds."
std::string verdictText(const RunResult& result, const DisplayUnits& units,
                        const NumberStyle& style);
/// Why location- and market-based carbon are equal, when they are; "" when they differ.
std::string carbonBasisText(const RunResult& result);

/// The risks a run found, one sentence each: a constraint over its limit, hours the supply
/// air left the humidity envelope, a weather station far from the site, and the run's
/// warnings (the first few, then how many more). Empty when it found none.
std::vector<std::string> riskTexts(const RunResult& result, const DisplayUnits& units,
                                   const NumberStyle& style);

/// "Edited scenario — differs from the saved file in: /a, /b." for a scenario with
/// unsaved edits at those pointers; with none, a scenario never saved to a file.
std::string editedScenarioText(const std::vector<std::string>& pointers);

/// "St. Joseph County, IN" -> "st-joseph-county-in": lower case letters and digits, dashes.
std::string siteSlug(const std::string& name);
/// A report's file name without extension: the site and the scenario,
/// "st-joseph-county-in-0adb40df" (the first 8 hex digits of the scenario hash).
std::string reportFileStem(const RunResult& result);

} // namespace headroom::model
