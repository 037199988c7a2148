#include "model/climate/hourly_gaps.h"

namespace headroom::model {

std::vector<HourlyGap> fillShortGaps(std::vector<double>& values, const std::vector<char>& missing,
                                     std::size_t maxGapHours) {
    std::vector<HourlyGap> gaps;
    const std::size_t n = values.size();
    std::size_t firstValid = n;
    for (std::size_t i = 0; i < n; ++i) {
        if (!missing[i]) {
            firstValid = i;
            break;
        }
    }
    if (firstValid == n) {
        if (n > 0) {
            gaps.push_back({0, n, false});
        }
        return gaps;
    }
    // Walk once round the cycle starting at a valid hour, so every gap has a valid
    // hour before it and after it (possibly the same hour when only one is valid).
    std::size_t previousValid = firstValid;
    for (std::size_t step = 1; step <= n; ++step) {
        const std::size_t i = (firstValid + step) % n;
        if (missing[i] && step != n) {
            continue;
        }
        const std::size_t count =
            (i + n - previousValid) % n == 0 ? n - 1 : (i + n - previousValid) % n - 1;
        if (count > 0) {
            HourlyGap gap{(previousValid + 1) % n, count, count <= maxGapHours};
            if (gap.filled) {
                const double before = values[previousValid];
                const double after = values[i];
                for (std::size_t k = 1; k <= count; ++k) {
                    const double fraction = static_cast<double>(k) / static_cast<double>(count + 1);
                    values[(previousValid + k) % n] = before + (after - before) * fraction;
                }
            }
            gaps.push_back(gap);
        }
        previousValid = i;
    }
    return gaps;
}

} // namespace headroom::model
