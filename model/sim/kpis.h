#pragma once
// Monthly and annual key figures from the hourly series, after the definitions of
// PUE [iso-30134-2] [greengrid-wp49-pue], pPUE, WUE site [iso-30134-9] and source (site
// water + EWIF x facility energy [greengrid-wp35-wue]), CUE [iso-30134-8],
// location- and market-based carbon (GHG Protocol Scope 2 guidance [ghg-2015-scope2]), annualized
// MLC and ELC (ASHRAE 90.4 [ashrae-90-4-2019], as energy ratios over the year). IT energy is taken
// at the rack input (IT + PSU losses), where ISO/IEC 30134-2 measures it.

#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// Fills result.monthly and result.annual (except the design-hour figures) from
/// result.hourly. renewableFraction and residualKgPerKwh (none: the location-based
/// intensity) set market-based carbon.
void computeKpis(double renewableFraction, std::optional<double> residualKgPerKwh,
                 RunResult& result);

} // namespace headroom::model
