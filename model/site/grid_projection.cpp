#include "model/site/grid_projection.h"

#include "model/site/embedded_grid.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <string>

namespace headroom::model {

namespace {

constexpr int kHoursPerYear = 8760;
constexpr std::array<int, 4> kYears{2024, 2030, 2040, 2050};

/// One region's rates, kg/MWh, [year index][hour of the Cambium year].
using RegionRates = std::array<std::vector<double>, kYears.size()>;

RegionRates parse(std::string_view text) {
    RegionRates rates;
    for (auto& year : rates) {
        year.reserve(kHoursPerYear);
    }
    std::size_t pos = text.find('\n') + 1; // past "hour,2024,2030,2040,2050"
    while (pos < text.size()) {
        const std::size_t end = text.find('\n', pos);
        const std::string line(text.substr(pos, end - pos));
        std::size_t field = line.find(',');
        for (auto& year : rates) {
            const std::size_t next = line.find(',', field + 1);
            year.push_back(std::stod(line.substr(field + 1, next - field - 1)));
            field = next;
        }
        pos = end == std::string_view::npos ? text.size() : end + 1;
    }
    for (const auto& year : rates) {
        if (year.size() != kHoursPerYear) {
            // The file is checked in with its sha256; reaching this is a build defect.
            throw std::logic_error("resources/grid/cambium_lrmer_rfcwc.csv: not 8760 hours");
        }
    }
    return rates;
}

const RegionRates& regionRates(CambiumRegion region) {
    static const RegionRates rfcw = parse(embeddedGridFiles()[0].text);
    if (region != CambiumRegion::RFCWc) {
        throw std::logic_error("no Cambium projection is bundled for this region");
    }
    return rfcw;
}

constexpr std::array<int, 12> kMonthStartDay{0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};

} // namespace

std::vector<double> cambiumCarbonKgPerKwh(CambiumRegion region, int year, const Climate& climate,
                                          double utcOffsetHours) {
    const RegionRates& rates = regionRates(region);
    // The bracketing Cambium years and the weight of the later one.
    std::size_t upper = 1;
    while (upper + 1 < kYears.size() && year > kYears[upper]) {
        ++upper;
    }
    const double weight = std::clamp(static_cast<double>(year - kYears[upper - 1]) /
                                         (kYears[upper] - kYears[upper - 1]),
                                     0.0, 1.0);
    // Local standard time = EST + (utc offset + 5 h); Cambium hours begin where ours end.
    const int shift = static_cast<int>(std::lround(utcOffsetHours)) + 5;
    std::vector<double> out(climate.hours());
    for (std::size_t h = 0; h < climate.hours(); ++h) {
        const int month = climate.month[h] - 1;
        const int day = std::min<int>(climate.day[h], month == 1 ? 28 : 31) - 1;
        const int local = (kMonthStartDay[month] + day) * 24 + climate.hour[h] - 1;
        const int k = ((local - shift) % kHoursPerYear + kHoursPerYear) % kHoursPerYear;
        const double kgPerMwh = (1.0 - weight) * rates[upper - 1][k] + weight * rates[upper][k];
        out[h] = kgPerMwh / 1000.0;
    }
    return out;
}

} // namespace headroom::model
