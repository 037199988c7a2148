#pragma once
// Sizing of a folded-Clos (fat-tree) network for E endpoints: k-port switches, the leaf
// tier oversubscribed down:up = r:1 (1:1 is non-blocking), every tier above it
// non-blocking (half its ports down, half up; the top tier all down), and optionally P
// parallel planes (rail-optimized: port i of every server joins plane i).
// A non-blocking n-tier tree serves 2(k/2)^n endpoints with (2n-1)(k/2)^(n-1) switches
// (Al-Fares, Loukissas and Vahdat, SIGCOMM 2008: k^3/4 hosts with 5k^2/4 switches at n=3).
// Simplifications: switch counts follow the ports each tier needs (a partly filled tier is
// rounded up, not re-cabled); links run at the endpoint speed, faster switch ports split
// into breakouts (a 64 x 800G switch acts as 128 x 400G) and share a transceiver.

#include "model/catalog/catalog.h"
#include "model/core/diagnostic.h"
#include "model/units/units.h"

#include <vector>

namespace headroom::model {

struct FabricRequest {
    long long endpoints = 0;                ///< servers x NIC ports
    units::DataRate endpointSpeed;          ///< each NIC port
    const SwitchSpec* switchSpec = nullptr; ///< the catalog's entry, which outlives the request
    double oversubscription = 1.0;          ///< leaf down:up bandwidth, r in r:1
    int planes = 1;
    units::Power endpointOpticsPower; ///< transceiver at the NIC end of a link
    bool opticalEndpointLinks = true; ///< false: NIC-to-leaf on copper (no transceivers)
};

struct FabricDesign {
    int tiers = 0;
    int radix = 0;                          ///< ports per switch at the link speed (after breakout)
    int breakout = 1;                       ///< links per physical switch port
    double linkGbps = 0.0;                  ///< speed of every link
    long long endpointLinks = 0;            ///< links into the leaf tier (all planes)
    long long capacity = 0;                 ///< most endpoints these tiers serve (all planes)
    std::vector<long long> switchesPerTier; ///< leaf first, all planes
    std::vector<long long> linksPerTier;    ///< [0] endpoint-leaf, [t] tier t to t+1
    long long switches = 0, transceivers = 0, cables = 0;
    long long switchTransceivers = 0, endpointTransceivers = 0;
    double switchPowerKw = 0.0, opticsPowerKw = 0.0;
    double bisectionTbps = 0.0; ///< endpoint bandwidth / 2 / oversubscription

    double powerKw() const { return switchPowerKw + opticsPowerKw; }
};

/// Largest number of tiers considered; beyond it the request is reported as too large.
inline constexpr int kMaxFabricTiers = 6;

/// Sizes the fabric; a request it cannot serve (no endpoints, a bad radix, more than
/// kMaxFabricTiers tiers) returns tiers == 0 and explains why in diagnostics.
FabricDesign sizeFabric(const FabricRequest& request, Diagnostics& diagnostics);

/// Endpoints an n-tier tree of k-port switches with d leaf downlinks serves (one plane).
long long closCapacity(int tiers, int radix, int leafDownlinks);

} // namespace headroom::model
