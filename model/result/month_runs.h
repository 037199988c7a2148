#pragma once
// The runs of one month's hours in a year's hourly month series (one run a month for a
// calendar year), for the passes that keep sums by month: each run's sums stay in
// registers through its hours instead of being stored to and loaded from the month's
// slot every hour.

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>

namespace headroom::model {

/// One past the last hour of the run of equal months starting at `first` (< month.size()).
/// The run is scanned eight hours at a time: a month's run is hundreds of hours long, and
/// an hour-by-hour scan cost a tenth of the passes that use it.
inline std::size_t monthRunEnd(std::span<const std::uint8_t> month, std::size_t first) {
    const std::uint8_t m = month[first];
    const std::uint64_t eight = 0x0101010101010101ULL * m;
    std::size_t end = first + 1;
    for (; end + 8 <= month.size(); end += 8) {
        std::uint64_t word = 0;
        std::memcpy(&word, month.data() + end, 8);
        if (word != eight) {
            break;
        }
    }
    while (end < month.size() && month[end] == m) {
        ++end;
    }
    return end;
}

} // namespace headroom::model
