#pragma once
// The one gate every number read from a file passes (a site, a sweep, an EPW, a weather
// or grid CSV, the catalog): finite, and inside the range its reader allows. NaN fails
// every comparison, so a range check alone lets it through; this gate does not.

#include <optional>
#include <string_view>

namespace headroom::model {

/// value is finite and minimum <= value <= maximum.
bool finiteInRange(double value, double minimum, double maximum);

/// A finite decimal number written in full ("12", "-3.5", "1e3", "+2"), or nothing:
/// "nan", "inf", "1e999", "12abc" and "" give nothing.
std::optional<double> parseFiniteNumber(std::string_view text);

} // namespace headroom::model
