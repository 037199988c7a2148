#pragma once
// IT power of one hall in one hour, and what its rack power supplies lose.
// Simplifications: every chip in a hall runs at the same utilization; chip power is
// linear between idle and peak (idle + (peak - idle) x u); host, fan and NIC power per
// server are constant; network power (switches and optics) is constant. Each server
// has a redundant pair of power supplies sharing the load, each rated for the server's
// peak, so one supply runs at no more than 50 % (the "230 V internal redundant" rating
// condition of 80 PLUS); network gear is treated the same way. Efficiency between the
// four 80 PLUS points is interpolated linearly; below 10 % load the supply's loss stays
// at its 10 % value (no-load losses dominate there).

#include "model/site/site.h"

#include <array>

namespace headroom::model {

/// PSU efficiency at a load fraction of its rating, from the 10/20/50/100 % points.
double psuEfficiency(const std::array<double, 4>& curve, double loadFraction);

/// IT power and PSU loss, kW.
struct ItPower {
    double itKw = 0.0; ///< delivered to chips, hosts, fans, NICs and network (PSU output)
    double psuLossKw = 0.0;
};

/// Precomputed per-hall constants, evaluated once per hour.
class ItLoad {
public:
    /// servers and networkPowerKw are for one hall.
    ItLoad(const ItDeployment& it, double servers, double networkPowerKw);

    ItPower evaluate(double utilization) const;

    double serverPeakKw() const { return m_serverPeakKw; }

    /// Every constant equal: the same load every hour (fill_check's shared screens).
    bool operator==(const ItLoad&) const = default;

private:
    std::array<double, 4> m_curve;
    double m_servers;
    double m_serverIdleKw;  ///< chips idle + host + fans + NIC, per server
    double m_serverSwingKw; ///< chips (peak - idle), per server
    double m_serverPeakKw;
    double m_networkKw;
};

} // namespace headroom::model
