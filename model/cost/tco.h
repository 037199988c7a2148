#pragma once
// The total cost of ownership of one site-year, in US dollars: capital by line, annualized
// over each asset class's service life at the discount rate, plus the year's operating
// cost from the simulated hours (energy at the hourly price, the demand charge on each
// month's peak, water and sewer, maintenance). Simplifications: prices are real (no
// escalation), every asset is bought new at the start of the year simulated, and land is
// never depreciated (it carries the discount rate only). Construction is what Cushman &
// Wakefield price per MW of critical IT, split into their lines.

#include "model/core/diagnostic.h"
#include "model/result/run_result.h"
#include "model/site/site.h"

namespace headroom::model {

/// The share of a capital sum paid at the end of each of `years` years that repays it with
/// interest at `rate`: CRF = r (1 + r)^n / ((1 + r)^n - 1), and 1/n at r = 0 (Short,
/// Packey and Holt 1995, NREL/TP-462-5173, eq. 4-5 [short-1995-nrel-economics]).
double capitalRecoveryFactor(double rate, double years);

/// The cost of the site-year in result (its sizing and hourly series are final), with the
/// site's /cost section (site.cost must hold one). Notes an unpriced line and warns about
/// a unit cost far outside the range its source supports.
CostResult siteCost(const Site& site, const RunResult& result, Diagnostics& diagnostics);

} // namespace headroom::model
