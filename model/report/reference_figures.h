#pragma once
// Published figures a run's results are shown beside (resources/reference_figures.json,
// embedded): the AWS fleet's PUE and WUE, LBNL's designs by climate zone, a grid's
// intensity, a platform's published peak. Each names its result-table row and cites its
// source; the CLI, the desktop and the PDF all print them from here.

#include "model/report/json_summary.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// Where a run stands: what decides which published figures compare with it.
struct ReferenceContext {
    int thermalZone = -1;       ///< ASHRAE 169 thermal zone of the weather year; -1 unknown
    std::string coolingDesign;  ///< the site file's /cooling/design name; "" unknown
    std::optional<bool> liquid; ///< direct-to-chip liquid carries at least half the IT heat
    std::string gridRegion;     ///< /grid/region
    std::string platform;       ///< /it/platform id
};

/// The context of a result: its weather year's zone, and the inputs it carries (a result
/// made without a site decides only the zone).
ReferenceContext referenceContext(const RunResult& result);

struct ReferenceFigure {
    std::string kpi;    ///< the result-table row it compares with
    std::string group;  ///< figures of one group: only the most specific that applies shows
    std::string label;  ///< "AWS fleet"
    std::string note;   ///< "2024", "all climates"
    double value = 0.0; ///< in the row's SI unit
    std::optional<double> low, high;
    int decimals = 2;   ///< as published
    std::string source; ///< cites bibliography ids: "[O] [amazon-2024-sustainability]"
    // When it applies (unset: always).
    std::optional<int> thermalZone;
    std::string coolingDesign;
    std::optional<bool> liquid;
    std::string gridRegion; ///< a part of the site's region name ("RFCW" in "eGRID RFCW")
    std::string platform;

    bool appliesTo(const ReferenceContext& context) const;
    int conditions() const; ///< how specific it is
};

/// Every figure of resources/reference_figures.json, in file order.
const std::vector<ReferenceFigure>& referenceFigures();

/// The figures that compare with the row kpi in context, in file order.
std::vector<const ReferenceFigure*> referenceFiguresFor(std::string_view kpi,
                                                        const ReferenceContext& context);

/// "AWS fleet 1.15 (2024) [O] [amazon-2024-sustainability]", in units, as field shows.
std::string referenceText(const ReferenceFigure& figure, const KpiField& field,
                          const DisplayUnits& units, const NumberStyle& style);
/// "ASHRAE 169 thermal zone 5 (from the weather year's degree-days)"; "" without a full year.
std::string climateZoneText(const ReferenceContext& context);
/// "The weather station is 15 km from the site; its hours stand in for the site's (a
/// proxy)." when it is farther than kProxyStationDistanceKm; "" when nearer or unknown.
std::string proxyStationText(const RunResult& result);

/// Every figure for field in context, joined by "; "; "" when none.
std::string referencesText(const KpiField& field, const ReferenceContext& context,
                           const DisplayUnits& units, const NumberStyle& style);

} // namespace headroom::model
