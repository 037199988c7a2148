#include "model/sizing/it_load.h"

#include <algorithm>

namespace headroom::model {

namespace {
// Two supplies share each server's load (1+1 redundant), each rated for the full peak.
constexpr double kPsuPerServer = 2.0;
} // namespace

double psuEfficiency(const std::array<double, 4>& curve, double loadFraction) {
    // 80 PLUS test points [clearesult-80plus]: 10, 20, 50, 100 % of rated load.
    constexpr std::array<double, 4> points{0.10, 0.20, 0.50, 1.00};
    const double x = std::clamp(loadFraction, 0.0, 1.0);
    if (x <= points[0]) {
        // Constant loss below 10 %: loss(x) = loss(10 %), so efficiency = x / (x + loss).
        const double loss10 = points[0] * (1.0 / curve[0] - 1.0);
        return x <= 0.0 ? 0.0 : x / (x + loss10);
    }
    for (std::size_t i = 1; i < points.size(); ++i) {
        if (x <= points[i]) {
            const double t = (x - points[i - 1]) / (points[i] - points[i - 1]);
            return curve[i - 1] + t * (curve[i] - curve[i - 1]);
        }
    }
    return curve[3];
}

ItLoad::ItLoad(const ItDeployment& it, double servers, double networkPowerKw)
    : m_curve(it.psuEfficiency)
    , m_servers(servers)
    , m_networkKw(networkPowerKw) {
    const double chips = it.platform.chipsPerServer;
    const double chipPeakKw = units::toKilowatts(it.chip.peakPower);
    const double chipIdleKw = units::toKilowatts(it.chip.idlePower);
    const double perServerFixedKw = units::toKilowatts(it.platform.hostPowerPerServer) +
                                    units::toKilowatts(it.platform.fanPowerPerServer) +
                                    units::toKilowatts(it.platform.nicPowerPerServer);
    m_serverIdleKw = chips * chipIdleKw + perServerFixedKw;
    m_serverSwingKw = chips * (chipPeakKw - chipIdleKw);
    m_serverPeakKw = m_serverIdleKw + m_serverSwingKw;
}

ItPower ItLoad::evaluate(double utilization) const {
    const double u = std::clamp(utilization, 0.0, 1.0);
    // Chip power linear in utilization: P = idle + (peak - idle) u (issue 4).
    const double serverKw = m_serverIdleKw + m_serverSwingKw * u;
    const double serverLoad =
        m_serverPeakKw > 0.0 ? serverKw / (kPsuPerServer * m_serverPeakKw) : 0.0;
    const double serverEff = psuEfficiency(m_curve, serverLoad);
    // Network gear runs near constant power; its supplies at the same sharing ratio at peak.
    const double networkEff = psuEfficiency(m_curve, 1.0 / kPsuPerServer);

    ItPower out;
    const double serversKw = m_servers * serverKw;
    out.itKw = serversKw + m_networkKw;
    // Input = output / efficiency, so loss = output (1/eta - 1).
    out.psuLossKw = (serverEff > 0.0 ? serversKw * (1.0 / serverEff - 1.0) : 0.0) +
                    m_networkKw * (1.0 / networkEff - 1.0);
    return out;
}

} // namespace headroom::model
