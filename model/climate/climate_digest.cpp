#include "model/climate/climate_digest.h"

#include "model/climate/psychrometrics.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace headroom::model {

namespace {

constexpr std::array<int, 12> kDaysInMonth{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr std::string_view kAlphabet =
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr char kZeroRun = '~'; ///< '~' + alphabet digit n: n zero bins (n >= 3)
constexpr char kOpenBig = '{'; ///< '{' decimal '}': a count of 62 or more
constexpr char kCloseBig = '}';

/// Tenths of a kelvin, the digest's resolution (EPW files carry 0.1 K).
int tenths(double value) {
    return static_cast<int>(std::lround(value * 10.0));
}

/// Histogram counts per 0.1 K bin as a compact string: one character per bin for counts
/// below 62, runs of empty bins collapsed, larger counts in braces.
std::string encodeCounts(const std::vector<int>& counts) {
    std::string text;
    for (std::size_t i = 0; i < counts.size();) {
        if (counts[i] == 0) {
            std::size_t run = 0;
            while (i + run < counts.size() && counts[i + run] == 0 && run < kAlphabet.size() - 1) {
                ++run;
            }
            if (run >= 3) {
                text += kZeroRun;
                text += kAlphabet[run];
            } else {
                text.append(run, '0');
            }
            i += run;
            continue;
        }
        const int c = counts[i++];
        if (c < static_cast<int>(kAlphabet.size())) {
            text += kAlphabet[static_cast<std::size_t>(c)];
        } else {
            text += kOpenBig + std::to_string(c) + kCloseBig;
        }
    }
    return text;
}

std::optional<std::vector<int>> decodeCounts(const std::string& text) {
    std::vector<int> counts;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == kZeroRun) {
            if (i + 1 >= text.size()) {
                return std::nullopt;
            }
            const auto run = kAlphabet.find(text[++i]);
            if (run == std::string_view::npos) {
                return std::nullopt;
            }
            counts.insert(counts.end(), run, 0);
        } else if (c == kOpenBig) {
            const auto close = text.find(kCloseBig, i);
            if (close == std::string::npos || close == i + 1 || close - i > 7) {
                return std::nullopt;
            }
            int value = 0;
            for (std::size_t k = i + 1; k < close; ++k) {
                if (text[k] < '0' || text[k] > '9') {
                    return std::nullopt;
                }
                value = value * 10 + (text[k] - '0');
            }
            counts.push_back(value);
            i = close;
        } else {
            const auto value = kAlphabet.find(c);
            if (value == std::string_view::npos) {
                return std::nullopt;
            }
            counts.push_back(static_cast<int>(value));
        }
    }
    return counts;
}

nlohmann::json histogram(const std::vector<double>& values) {
    const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    const int minimum = tenths(*lo);
    std::vector<int> counts(static_cast<std::size_t>(tenths(*hi) - minimum + 1), 0);
    for (double v : values) {
        ++counts[static_cast<std::size_t>(tenths(v) - minimum)];
    }
    return {{"min_dC", minimum}, {"counts", encodeCounts(counts)}};
}

/// Maps the generated values, rank for rank, onto the sorted values of the histogram.
/// Ties in the generated values keep hour order, so the result is deterministic.
void mapOntoDistribution(double* generated, std::size_t n, const std::vector<double>& sorted) {
    std::vector<std::pair<double, std::size_t>> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = {generated[i], i};
    }
    std::sort(order.begin(), order.end());
    for (std::size_t r = 0; r < n; ++r) {
        generated[order[r].second] = sorted[r];
    }
}

} // namespace

nlohmann::json makeClimateDigest(const Climate& climate, const std::string& sourceName) {
    const std::size_t n = climate.hours();
    if ((n != 8760 && n != 8784) || climate.month.size() != n || climate.day.size() != n ||
        climate.dewPointC.size() != n || climate.pressurePa.size() != n) {
        throw std::invalid_argument("a climate digest needs a whole year of hourly values");
    }
    // Hour indices of the 8760-hour year, 29 February dropped.
    std::vector<std::size_t> index;
    index.reserve(8760);
    for (std::size_t i = 0; i < n; ++i) {
        if (!(climate.month[i] == 2 && climate.day[i] == 29)) {
            index.push_back(i);
        }
    }
    if (index.size() != 8760) {
        throw std::invalid_argument("a climate digest needs a whole year of hourly values");
    }

    const WeatherStation& s = climate.station;
    nlohmann::json digest;
    digest["format"] = kClimateDigestFormat;
    digest["source"] = sourceName.empty() ? climate.provenance : sourceName;
    digest["station"] = {{"city", s.city},
                         {"region", s.region},
                         {"country", s.country},
                         {"data_source", s.dataSource},
                         {"wmo", s.wmo},
                         {"latitude_deg", s.latitudeDeg},
                         {"longitude_deg", s.longitudeDeg},
                         {"utc_offset_hours", s.utcOffsetHours},
                         {"elevation_m", s.elevationM}};
    digest["method"] = "daily means and range scale on monthly mean diurnal profiles, mapped "
                       "onto monthly 0.1 K histograms of dry bulb and dew point";

    nlohmann::json months = nlohmann::json::array();
    std::size_t first = 0;
    for (std::size_t m = 0; m < 12; ++m) {
        const auto days = static_cast<std::size_t>(kDaysInMonth[m]);
        const std::size_t hours = days * 24;
        auto at = [&](const std::vector<double>& series, std::size_t d, std::size_t h) {
            return series[index[first + d * 24 + h]];
        };
        // Mean diurnal profiles, as deviations from their own mean, in 0.1 K.
        std::array<double, 24> dryProfile{};
        std::array<double, 24> dewProfile{};
        double pressure = 0.0;
        for (std::size_t d = 0; d < days; ++d) {
            for (std::size_t h = 0; h < 24; ++h) {
                dryProfile[h] += at(climate.dryBulbC, d, h) / static_cast<double>(days);
                dewProfile[h] += at(climate.dewPointC, d, h) / static_cast<double>(days);
                pressure += at(climate.pressurePa, d, h) / static_cast<double>(hours);
            }
        }
        const double dryMean = std::accumulate(dryProfile.begin(), dryProfile.end(), 0.0) / 24.0;
        const double dewMean = std::accumulate(dewProfile.begin(), dewProfile.end(), 0.0) / 24.0;
        std::vector<int> dryProfileTenths(24);
        std::vector<int> dewProfileTenths(24);
        double profileSquares = 0.0;
        for (std::size_t h = 0; h < 24; ++h) {
            dryProfileTenths[h] = tenths(dryProfile[h] - dryMean);
            dewProfileTenths[h] = tenths(dewProfile[h] - dewMean);
            profileSquares += 0.01 * dryProfileTenths[h] * dryProfileTenths[h];
        }
        // Each day: mean dry bulb and dew point, and the least-squares scale of its
        // deviations onto the (stored, rounded) monthly profile.
        std::vector<int> dayDry(days);
        std::vector<int> dayDew(days);
        std::vector<int> dayScale(days);
        std::vector<double> dryValues;
        std::vector<double> dewValues;
        dryValues.reserve(hours);
        dewValues.reserve(hours);
        for (std::size_t d = 0; d < days; ++d) {
            double dry = 0.0;
            double dew = 0.0;
            for (std::size_t h = 0; h < 24; ++h) {
                dry += at(climate.dryBulbC, d, h) / 24.0;
                dew += at(climate.dewPointC, d, h) / 24.0;
                dryValues.push_back(at(climate.dryBulbC, d, h));
                dewValues.push_back(at(climate.dewPointC, d, h));
            }
            double covariance = 0.0;
            for (std::size_t h = 0; h < 24; ++h) {
                covariance += (at(climate.dryBulbC, d, h) - dry) * 0.1 * dryProfileTenths[h];
            }
            dayDry[d] = tenths(dry);
            dayDew[d] = tenths(dew);
            // A nearly flat monthly profile can make the fit explode; the histogram
            // mapping restores the values, so only the order matters and 20x is plenty.
            dayScale[d] =
                profileSquares > 0.0
                    ? static_cast<int>(std::clamp(std::lround(100.0 * covariance / profileSquares),
                                                  -2000L, 2000L))
                    : 100;
        }
        months.push_back({{"pressure_pa", static_cast<int>(std::lround(pressure))},
                          {"dry_bulb_profile_dK", dryProfileTenths},
                          {"dew_point_profile_dK", dewProfileTenths},
                          {"day_dry_bulb_dC", dayDry},
                          {"day_dew_point_dC", dayDew},
                          {"day_range_scale_pct", dayScale},
                          {"dry_bulb_histogram", histogram(dryValues)},
                          {"dew_point_histogram", histogram(dewValues)}});
        first += hours;
    }
    digest["months"] = std::move(months);
    return digest;
}

namespace {

class DigestReader {
public:
    explicit DigestReader(Diagnostics& diagnostics)
        : m_diagnostics(diagnostics) {}

    void error(const std::string& pointer, std::string message) {
        m_diagnostics.add({std::string(), 0, 0, pointer, Severity::Error, DiagnosticKind::Meaning,
                           std::move(message)});
        ++m_errors;
    }
    int errors() const { return m_errors; }

    const nlohmann::json* member(const nlohmann::json& object, const std::string& pointer,
                                 const char* key, nlohmann::json::value_t type) {
        const std::string where = pointer + "/" + key;
        if (!object.is_object() || !object.contains(key)) {
            error(where, "missing required field");
            return nullptr;
        }
        const nlohmann::json& value = object.at(key);
        bool ok = value.type() == type;
        std::string wanted;
        switch (type) {
        case nlohmann::json::value_t::number_float:
            ok = value.is_number();
            wanted = "a number";
            break;
        case nlohmann::json::value_t::number_integer:
            ok = value.is_number_integer();
            wanted = "an integer";
            break;
        case nlohmann::json::value_t::string:
            wanted = "a string";
            break;
        case nlohmann::json::value_t::array:
            wanted = "an array";
            break;
        default:
            wanted = "an object";
            break;
        }
        if (!ok) {
            error(where, "expected " + wanted + ", found " + value.type_name());
            return nullptr;
        }
        return &value;
    }

    std::optional<std::vector<int>> integers(const nlohmann::json& object,
                                             const std::string& pointer, const char* key,
                                             std::size_t size, int minimum, int maximum) {
        const auto* value = member(object, pointer, key, nlohmann::json::value_t::array);
        if (!value) {
            return std::nullopt;
        }
        const std::string where = pointer + "/" + key;
        if (value->size() != size) {
            error(where, "expected " + std::to_string(size) + " values, found " +
                             std::to_string(value->size()));
            return std::nullopt;
        }
        std::vector<int> result;
        result.reserve(size);
        for (std::size_t i = 0; i < size; ++i) {
            const auto& item = (*value)[i];
            if (!item.is_number_integer() || item.get<std::int64_t>() < minimum ||
                item.get<std::int64_t>() > maximum) {
                error(where + "/" + std::to_string(i),
                      "expected an integer from " + std::to_string(minimum) + " to " +
                          std::to_string(maximum) + ", found " + item.dump());
                return std::nullopt;
            }
            result.push_back(item.get<int>());
        }
        return result;
    }

    /// The sorted hourly values a histogram holds, checked to number `hours`.
    std::optional<std::vector<double>> histogramValues(const nlohmann::json& month,
                                                       const std::string& pointer, const char* key,
                                                       std::size_t hours) {
        const auto* object = member(month, pointer, key, nlohmann::json::value_t::object);
        if (!object) {
            return std::nullopt;
        }
        const std::string where = pointer + "/" + key;
        const auto* minimum =
            member(*object, where, "min_dC", nlohmann::json::value_t::number_integer);
        const auto* countsText = member(*object, where, "counts", nlohmann::json::value_t::string);
        if (!minimum || !countsText) {
            return std::nullopt;
        }
        const auto counts = decodeCounts(countsText->get<std::string>());
        if (!counts) {
            error(where + "/counts", "not a valid histogram string");
            return std::nullopt;
        }
        const std::int64_t low = minimum->get<std::int64_t>();
        if (low < -1000 || low + static_cast<std::int64_t>(counts->size()) > 1000) {
            error(where, "histogram outside -100 to 100 degC");
            return std::nullopt;
        }
        std::vector<double> values;
        values.reserve(hours);
        for (std::size_t bin = 0; bin < counts->size(); ++bin) {
            if (values.size() + static_cast<std::size_t>((*counts)[bin]) > hours) {
                break;
            }
            values.insert(values.end(), static_cast<std::size_t>((*counts)[bin]),
                          0.1 * static_cast<double>(low + static_cast<std::int64_t>(bin)));
        }
        const auto total = std::accumulate(counts->begin(), counts->end(), std::int64_t{0});
        if (total != static_cast<std::int64_t>(hours)) {
            error(where + "/counts", "expected counts for " + std::to_string(hours) +
                                         " hours, found " + std::to_string(total));
            return std::nullopt;
        }
        return values;
    }

private:
    Diagnostics& m_diagnostics;
    int m_errors = 0;
};

} // namespace

std::optional<Climate> climateFromDigest(const nlohmann::json& digest, Diagnostics& diagnostics) {
    DigestReader reader(diagnostics);
    using Type = nlohmann::json::value_t;
    if (!digest.is_object()) {
        reader.error("",
                     std::string("expected a climate digest object, found ") + digest.type_name());
        return std::nullopt;
    }
    const auto* format = reader.member(digest, "", "format", Type::string);
    if (format && format->get<std::string>() != kClimateDigestFormat) {
        reader.error("/format", "expected \"" + std::string(kClimateDigestFormat) + "\", found \"" +
                                    format->get<std::string>() + "\"");
    }
    Climate climate;
    if (const auto* source = reader.member(digest, "", "source", Type::string)) {
        climate.provenance = "digest of " + source->get<std::string>();
    }
    if (const auto* station = reader.member(digest, "", "station", Type::object)) {
        WeatherStation& s = climate.station;
        auto text = [&](const char* key, std::string& out) {
            if (const auto* v = reader.member(*station, "/station", key, Type::string)) {
                out = v->get<std::string>();
            }
        };
        auto number = [&](const char* key, double& out, double lo, double hi) {
            if (const auto* v = reader.member(*station, "/station", key, Type::number_float)) {
                out = v->get<double>();
                if (out < lo || out > hi) {
                    reader.error(std::string("/station/") + key,
                                 "value " + v->dump() + " is outside " + std::to_string(lo) +
                                     " to " + std::to_string(hi));
                }
            }
        };
        text("city", s.city);
        text("region", s.region);
        text("country", s.country);
        text("data_source", s.dataSource);
        text("wmo", s.wmo);
        number("latitude_deg", s.latitudeDeg, -90.0, 90.0);
        number("longitude_deg", s.longitudeDeg, -180.0, 180.0);
        number("utc_offset_hours", s.utcOffsetHours, -12.0, 14.0);
        number("elevation_m", s.elevationM, -500.0, 9000.0);
    }
    const auto* months = reader.member(digest, "", "months", Type::array);
    if (months && months->size() != 12) {
        reader.error("/months", "expected 12 months, found " + std::to_string(months->size()));
        months = nullptr;
    }
    if (!months || reader.errors() > 0) {
        return std::nullopt;
    }

    climate.month.reserve(8760);
    climate.day.reserve(8760);
    climate.hour.reserve(8760);
    climate.dryBulbC.reserve(8760);
    climate.dewPointC.reserve(8760);
    climate.pressurePa.reserve(8760);
    for (std::size_t m = 0; m < 12; ++m) {
        const nlohmann::json& month = (*months)[m];
        const std::string pointer = "/months/" + std::to_string(m);
        const auto days = static_cast<std::size_t>(kDaysInMonth[m]);
        const std::size_t hours = days * 24;
        if (!month.is_object()) {
            reader.error(pointer, std::string("expected an object, found ") + month.type_name());
            continue;
        }
        double pressurePa = 0.0;
        if (const auto* p = reader.member(month, pointer, "pressure_pa", Type::number_float)) {
            pressurePa = p->get<double>();
            if (pressurePa < 30000.0 || pressurePa > 120000.0) {
                reader.error(pointer + "/pressure_pa",
                             "value " + p->dump() + " is outside 30000 to 120000 Pa");
            }
        }
        const auto dryProfile =
            reader.integers(month, pointer, "dry_bulb_profile_dK", 24, -500, 500);
        const auto dewProfile =
            reader.integers(month, pointer, "dew_point_profile_dK", 24, -500, 500);
        const auto dayDry = reader.integers(month, pointer, "day_dry_bulb_dC", days, -900, 700);
        const auto dayDew = reader.integers(month, pointer, "day_dew_point_dC", days, -900, 700);
        const auto dayScale =
            reader.integers(month, pointer, "day_range_scale_pct", days, -2000, 2000);
        const auto drySorted = reader.histogramValues(month, pointer, "dry_bulb_histogram", hours);
        const auto dewSorted = reader.histogramValues(month, pointer, "dew_point_histogram", hours);
        if (!dryProfile || !dewProfile || !dayDry || !dayDew || !dayScale || !drySorted ||
            !dewSorted || reader.errors() > 0) {
            continue;
        }
        const std::size_t first = climate.dryBulbC.size();
        for (std::size_t d = 0; d < days; ++d) {
            for (std::size_t h = 0; h < 24; ++h) {
                climate.month.push_back(static_cast<std::uint8_t>(m + 1));
                climate.day.push_back(static_cast<std::uint8_t>(d + 1));
                climate.hour.push_back(static_cast<std::uint8_t>(h + 1));
                climate.dryBulbC.push_back(0.1 * (*dayDry)[d] +
                                           0.01 * (*dayScale)[d] * 0.1 * (*dryProfile)[h]);
                climate.dewPointC.push_back(0.1 * (*dayDew)[d] + 0.1 * (*dewProfile)[h]);
                climate.pressurePa.push_back(pressurePa);
            }
        }
        mapOntoDistribution(climate.dryBulbC.data() + first, hours, *drySorted);
        mapOntoDistribution(climate.dewPointC.data() + first, hours, *dewSorted);
    }
    if (reader.errors() > 0) {
        return std::nullopt;
    }
    climate.relativeHumidityPct.resize(8760);
    for (std::size_t i = 0; i < 8760; ++i) {
        // The two distributions are mapped separately; air cannot be supersaturated.
        climate.dewPointC[i] = std::min(climate.dewPointC[i], climate.dryBulbC[i]);
        const double p = climate.pressurePa[i];
        const double w = psychro::humidityRatioFromDewPoint(climate.dewPointC[i], p);
        climate.relativeHumidityPct[i] = std::clamp(
            100.0 * psychro::relativeHumidityFromHumidityRatio(climate.dryBulbC[i], w, p), 0.0,
            100.0);
    }
    return climate;
}

} // namespace headroom::model
