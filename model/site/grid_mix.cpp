#include "model/site/grid_mix.h"

#include "model/site/embedded_grid.h"
#include "model/site/hourly_series_reader.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

namespace headroom::model {

namespace {

constexpr std::size_t kHoursPerYear = 8760;

constexpr std::array<const char*, 8> kFuels{"WND", "SUN", "WAT", "NUC", "OIL", "NG", "COL", "OTH"};
constexpr std::size_t kCarbonFree = 4; // the first four: wind, solar, hydro, nuclear

std::vector<double> shape(std::vector<double> output) {
    const double peak = *std::max_element(output.begin(), output.end());
    for (double& v : output) {
        v = peak > 0.0 ? v / peak : 0.0;
    }
    return output;
}

/// The file's generation columns through the site's CSV series reader, in one pass: blank
/// hours bridged linearly up to PJM's 22-hour gap, every cell a finite number of at least 0.
GridMix parse(const EmbeddedFile& file) {
    // The cells are MWh, read as plain numbers: the unit cancels in every share. No range
    // is checked cell by cell (the bundled files hold no negative generation; README), and
    // the shares below stay within 0-1 whatever the cells.
    static const FieldDef kGeneration{.pointer = "/clean_energy/grid_mix",
                                      .type = FieldType::Series,
                                      .quantity = QuantityKind::Fraction,
                                      .shapes = kSeriesCsv};
    const std::string path = "resources/grid/" + std::string(file.name);
    const nlohmann::json value = {{"csv", std::string(file.name)}, {"max_gap", "24 h"}};
    Diagnostics diagnostics;
    const SeriesContext context{path, {}, nullptr, 0.0, &diagnostics};
    const auto generation = resolveCsvColumnsText(
        kGeneration, value, std::vector<std::string>(kFuels.begin(), kFuels.end()), file.text, path,
        "/clean_energy/grid_mix", HourCalendar::standardYear(), context);
    if (diagnostics.hasErrors() || generation.size() != kFuels.size()) {
        // The files are checked in with their sha256; reaching this is a build defect.
        throw std::logic_error(path + ": not 8760 readable hours of generation by fuel");
    }
    GridMix mix;
    // The fuels' columns are blank in the same hours: one note says so for all of them.
    if (!diagnostics.empty()) {
        mix.notes.push_back(diagnostics.items().front().message +
                            (diagnostics.items().size() > 1 ? ", and the same hours of the "
                                                              "other fuels' columns"
                                                            : ""));
    }
    mix.carbonFreeShare.resize(kHoursPerYear);
    for (std::size_t h = 0; h < kHoursPerYear; ++h) {
        double clean = 0.0, total = 0.0;
        for (std::size_t f = 0; f < kFuels.size(); ++f) {
            const double mwh = std::max(generation[f][h], 0.0);
            total += mwh;
            clean += f < kCarbonFree ? mwh : 0.0;
        }
        mix.carbonFreeShare[h] = total > 0.0 ? clean / total : 0.0;
    }
    mix.windShape = shape(generation[0]);
    mix.solarShape = shape(generation[1]);
    return mix;
}

const EmbeddedFile& file(BalancingAuthority authority) {
    const std::string name = std::string(balancingAuthorityName(authority)) + "_NG_and_avgCI.csv";
    for (const EmbeddedFile& f : embeddedGridFiles()) {
        if (f.name == name) {
            return f;
        }
    }
    throw std::logic_error("resources/grid/" + name + " is not compiled in");
}

} // namespace

const char* balancingAuthorityName(BalancingAuthority authority) {
    switch (authority) {
    case BalancingAuthority::AZPS:
        return "AZPS";
    case BalancingAuthority::BPAT:
        return "BPAT";
    case BalancingAuthority::PJM:
        return "PJM";
    }
    return "PJM";
}

const GridMix& eia930GridMix(BalancingAuthority authority) {
    switch (authority) {
    case BalancingAuthority::AZPS: {
        static const GridMix mix = parse(file(authority));
        return mix;
    }
    case BalancingAuthority::BPAT: {
        static const GridMix mix = parse(file(authority));
        return mix;
    }
    case BalancingAuthority::PJM:
        break;
    }
    static const GridMix mix = parse(file(BalancingAuthority::PJM));
    return mix;
}

UtcRowOfLocalHour::UtcRowOfLocalHour(double utcOffsetHours) {
    const int shift = -static_cast<int>(std::lround(utcOffsetHours));
    m_shift = (shift % kYear + kYear) % kYear;
}

} // namespace headroom::model
