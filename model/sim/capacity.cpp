#include "model/sim/capacity.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace headroom::model {

CapacityResult siteCapacity(const Site& site, const ComputeSizing& compute, const HallModel& hall,
                            const DesignHour& design, const AnnualResults& annual, double scale,
                            Diagnostics& diagnostics) {
    CapacityResult cap;
    const double deployedMw = scale * hall.design().peakRackKw / 1e3;
    cap.deployedItMw = deployedMw;
    const double pue = annual.designHourPue;
    const double hallRatingKw = hall.design().hallRatingKw;
    const double designRackKw = hall.design().rackKw;
    const double designCoolingDutyPerKw = design.coolingDutyPerKw;
    const int hallsTotal = std::max(site.campus.halls(), 1);
    auto& maxIt = cap.maxItMw;
    const double interconnectMw = site.campus.utilityInterconnect.value() / 1e6;
    // A constraint that does not limit has no maximum (nullopt), never an infinity.
    maxIt[static_cast<std::size_t>(Constraint::UtilityInterconnect)] =
        interconnectMw > 0.0 && pue > 0.0 ? OptionalMw(interconnectMw / pue) : std::nullopt;
    // Halls and rack positions hold whole UltraServers: their maxima count the UltraServers
    // a hall's rating feeds and its positions hold (model/sizing), each at the deployment's
    // IT per UltraServer, so a hall's stranded power is not counted as room.
    const double deployedPerUsMw =
        compute.ultraServers > 0 ? deployedMw / compute.ultraServers : 0.0;
    // Their headroom is counted in UltraServers too, so that a full hall's is exactly 0.
    std::array<std::optional<long long>, kConstraintCount> roomInUltraServers{};
    auto wholeUltraServers = [&](Constraint c, long long most, double fallbackMw) {
        if (deployedPerUsMw <= 0.0) {
            return OptionalMw(fallbackMw);
        }
        roomInUltraServers[static_cast<std::size_t>(c)] = most - compute.ultraServers;
        return OptionalMw(static_cast<double>(most) * deployedPerUsMw);
    };
    maxIt[static_cast<std::size_t>(Constraint::HallPower)] =
        hallRatingKw > 0.0
            ? wholeUltraServers(Constraint::HallPower, compute.ultraServersByHallPower,
                                hallRatingKw * hallsTotal / 1e3)
            : std::nullopt;
    const double positions = static_cast<double>(site.campus.rackPositionsPerHall) * hallsTotal;
    maxIt[static_cast<std::size_t>(Constraint::RackPositions)] =
        positions <= 0.0
            ? std::nullopt
            : wholeUltraServers(Constraint::RackPositions,
                                compute.ultraServersPerHallBySpace * hallsTotal,
                                positions * units::toKilowatts(site.campus.rackPowerLimit) / 1e3);
    // Cooling: the compressors must carry the design-hour trim; per hall they are sized to
    // the hall rating at the design hour unless the site states their capacity.
    const double mechCapacityKw = site.cooling.mechanicalCapacityPerHall
                                      ? units::toKilowatts(*site.cooling.mechanicalCapacityPerHall)
                                      : designCoolingDutyPerKw * designRackKw;
    maxIt[static_cast<std::size_t>(Constraint::Cooling)] =
        designCoolingDutyPerKw > 0.0
            ? OptionalMw(mechCapacityKw / designCoolingDutyPerKw * hallsTotal / 1e3)
            : std::nullopt;
    // Water: the thirstiest day's water per MW of its average IT, scaled linearly.
    OptionalMw waterMaxIt;
    if (site.campus.waterSupplyPerDay && annual.waterMaxDayM3 > 0.0) {
        const double dayItMw = annual.waterMaxDayItMwh / 24.0;
        waterMaxIt = site.campus.waterSupplyPerDay->value() * dayItMw / annual.waterMaxDayM3;
    }
    maxIt[static_cast<std::size_t>(Constraint::WaterSupply)] = waterMaxIt;
    // Binding: the lowest maximum among the constraints that limit.
    std::size_t binding = 0;
    bool anyLimit = false;
    for (std::size_t i = 0; i < maxIt.size(); ++i) {
        if (!maxIt[i]) {
            continue;
        }
        cap.headroomMw[i] = roomInUltraServers[i]
                                ? static_cast<double>(*roomInUltraServers[i]) * deployedPerUsMw
                                : *maxIt[i] - deployedMw;
        if (!anyLimit || *maxIt[i] < *maxIt[binding]) {
            binding = i;
            anyLimit = true;
        }
    }
    cap.binding = static_cast<Constraint>(binding);
    static constexpr std::array<const char*, kConstraintCount> kPointers{
        "/campus/utility_interconnect", "/campus/hall/it_power", "/campus/hall/rack_positions",
        "/cooling/mechanical_capacity", "/campus/water_supply_per_day"};
    for (std::size_t i = 0; i < maxIt.size(); ++i) {
        if (cap.headroomMw[i] && *cap.headroomMw[i] < -1e-9 * deployedMw) {
            char text[200];
            std::snprintf(text, sizeof text,
                          "the deployment needs %.1f MW of IT at full utilization; the %s "
                          "supports %.1f MW",
                          deployedMw, constraintName(static_cast<Constraint>(i)), *maxIt[i]);
            Diagnostic d;
            d.severity = Severity::Warning;
            d.kind = DiagnosticKind::Meaning;
            d.pointer = kPointers[i];
            d.message = text;
            diagnostics.add(std::move(d));
        }
    }
    const double perUltraServerMw = compute.ultraServers > 0
                                        ? deployedMw / compute.ultraServers
                                        : hall.design().peakRackKw /
                                              std::max(1.0, static_cast<double>(compute.servers)) *
                                              site.it.platform.serversPerUltraServer / 1e3;
    // At most the countable chips' worth (ComputeSizing's ints; site.h kMaxChips).
    const double countable = static_cast<double>(
        kMaxChips /
        std::max<long long>(1, static_cast<long long>(site.it.platform.serversPerUltraServer) *
                                   site.it.platform.chipsPerServer));
    cap.maxUltraServers =
        maxIt[binding] && perUltraServerMw > 0.0
            ? static_cast<int>(
                  std::min(countable, std::floor(*maxIt[binding] / perUltraServerMw + 1e-9)))
            : 0;
    return cap;
}

} // namespace headroom::model
