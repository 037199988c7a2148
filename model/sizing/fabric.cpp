#include "model/sizing/fabric.h"

#include <array>
#include <cmath>
#include <limits>

namespace headroom::model {

namespace {

long long ceilDiv(long long a, long long b) {
    return (a + b - 1) / b;
}

Diagnostic fabricProblem(std::string message) {
    return Diagnostic{
        "", 0, 0, "/fabric", Severity::Error, DiagnosticKind::Meaning, std::move(message)};
}

} // namespace

long long closCapacity(int tiers, int radix, int leafDownlinks) {
    if (tiers <= 0 || radix <= 0) {
        return 0;
    }
    if (tiers == 1) {
        return radix; // one switch, every port down
    }
    // n >= 2: d endpoints per leaf; the top tier's k ports reach k sub-trees, and each
    // middle tier multiplies the reach by k/2 (Al-Fares et al. 2008, generalized).
    long long capacity = static_cast<long long>(leafDownlinks) * radix;
    for (int t = 2; t < tiers; ++t) {
        if (capacity > std::numeric_limits<long long>::max() / radix) {
            return std::numeric_limits<long long>::max();
        }
        capacity *= radix / 2;
    }
    return capacity;
}

FabricDesign sizeFabric(const FabricRequest& request, Diagnostics& diagnostics) {
    FabricDesign design;
    const double nicBps = request.endpointSpeed.value() * 8.0;
    const double portBps = request.switchSpec->portSpeed.value() * 8.0;
    if (request.endpoints <= 0) {
        diagnostics.add(fabricProblem("no endpoints to connect"));
        return design;
    }
    if (nicBps <= 0.0 || portBps <= 0.0 || request.switchSpec->ports < 2) {
        diagnostics.add(fabricProblem("switch '" + request.switchSpec->id +
                                      "' or the NIC has no port speed or too few ports"));
        return design;
    }
    if (request.planes < 1) {
        diagnostics.add(fabricProblem("planes must be at least 1"));
        return design;
    }
    if (!(request.oversubscription >= 1.0)) {
        diagnostics.add(fabricProblem("oversubscription must be 1:1 or more"));
        return design;
    }

    // Links run at the slower of the two speeds: a faster switch port splits into
    // breakouts; a faster NIC port takes several switch ports (several links).
    long long endpointLinks = request.endpoints;
    double linkBps = nicBps;
    int breakout = 1;
    if (portBps > nicBps * (1.0 + 1e-9)) {
        breakout = static_cast<int>(std::floor(portBps / nicBps + 1e-9));
    } else if (nicBps > portBps * (1.0 + 1e-9)) {
        const auto perPort = static_cast<long long>(std::ceil(nicBps / portBps - 1e-9));
        endpointLinks *= perPort;
        linkBps = portBps;
    }
    const int k = request.switchSpec->ports * breakout;
    if (k < 4) {
        diagnostics.add(fabricProblem("a Clos needs switches of 4 ports or more"));
        return design;
    }
    // Leaf split for r:1 down:up; at least one uplink.
    const double r = request.oversubscription;
    int down = static_cast<int>(std::floor(k * r / (r + 1.0) + 1e-9));
    down = std::min(down, k - 1);
    const int up = k - down;

    const long long perPlane = ceilDiv(endpointLinks, request.planes);
    int tiers = 1;
    while (tiers <= kMaxFabricTiers && closCapacity(tiers, k, down) < perPlane) {
        ++tiers;
    }
    if (tiers > kMaxFabricTiers) {
        diagnostics.add(
            fabricProblem(std::to_string(perPlane) + " endpoints per plane need more than " +
                          std::to_string(kMaxFabricTiers) + " tiers of " + std::to_string(k) +
                          "-port switches; add planes or choose a larger switch"));
        return design;
    }

    // Count per plane, then multiply: every plane is the same tree.
    const auto n = static_cast<std::size_t>(tiers);
    std::array<long long, kMaxFabricTiers> switches{};
    std::array<long long, kMaxFabricTiers> links{};
    links[0] = perPlane;
    if (tiers == 1) {
        switches[0] = 1;
    } else {
        switches[0] = ceilDiv(perPlane, down);
        links[1] = switches[0] * up;
        for (int t = 1; t < tiers - 1; ++t) {
            const auto i = static_cast<std::size_t>(t);
            switches[i] = ceilDiv(links[i], k / 2);
            links[i + 1] = switches[i] * (k / 2);
        }
        switches[n - 1] = ceilDiv(links[n - 1], k);
    }

    design.tiers = tiers;
    design.radix = k;
    design.breakout = breakout;
    design.linkGbps = linkBps / 1e9;
    design.endpointLinks = endpointLinks;
    design.capacity = closCapacity(tiers, k, down) * request.planes;
    long long switchLinkEnds = 0; // link ends on switch ports (each link has two ends)
    design.switchesPerTier.reserve(n);
    design.linksPerTier.reserve(n);
    for (std::size_t t = 0; t < n; ++t) {
        design.switchesPerTier.push_back(switches[t] * request.planes);
        design.linksPerTier.push_back(links[t] * request.planes);
        design.switches += switches[t] * request.planes;
        design.cables += links[t] * request.planes;
        switchLinkEnds += links[t] * request.planes * (t == 0 ? 1 : 2);
    }
    // Switch-side transceivers: one per physical port in use (breakouts share one).
    // Endpoint links on copper take no transceiver at either end.
    const long long opticalSwitchEnds =
        request.opticalEndpointLinks ? switchLinkEnds : switchLinkEnds - design.linksPerTier[0];
    design.switchTransceivers = ceilDiv(opticalSwitchEnds, breakout);
    design.endpointTransceivers = request.opticalEndpointLinks ? endpointLinks : 0;
    design.transceivers = design.switchTransceivers + design.endpointTransceivers;
    design.switchPowerKw =
        static_cast<double>(design.switches) * units::toKilowatts(request.switchSpec->power);
    design.opticsPowerKw = static_cast<double>(design.switchTransceivers) *
                               units::toKilowatts(request.switchSpec->opticsPowerPerPort) +
                           static_cast<double>(design.endpointTransceivers) *
                               units::toKilowatts(request.endpointOpticsPower);
    // Bisection: half the endpoints send to the other half at full rate, cut by the leaf
    // oversubscription (a single switch is non-blocking).
    const double endpointTbps = static_cast<double>(endpointLinks) * linkBps / 1e12;
    design.bisectionTbps = endpointTbps / 2.0 / (tiers == 1 ? 1.0 : r);
    return design;
}

} // namespace headroom::model
