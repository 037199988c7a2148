#include "model/core/finite_number.h"

#include <charconv>
#include <cmath>
#include <system_error>

namespace headroom::model {

bool finiteInRange(double value, double minimum, double maximum) {
    return std::isfinite(value) && value >= minimum && value <= maximum;
}

std::optional<double> parseFiniteNumber(std::string_view text) {
    if (!text.empty() && text.front() == '+') {
        text.remove_prefix(1);
    }
    double value = 0.0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    // from_chars reads "nan" and "inf" as numbers, and 1e999 as out of range.
    if (text.empty() || error != std::errc() || end != text.data() + text.size() ||
        !std::isfinite(value)) {
        return std::nullopt;
    }
    return value;
}

} // namespace headroom::model
