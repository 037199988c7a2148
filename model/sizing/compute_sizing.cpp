#include "model/sizing/compute_sizing.h"

#include "model/sizing/fabric.h"
#include "model/sizing/it_load.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <utility>
#include <vector>

namespace headroom::model {

namespace {

Diagnostic problem(Severity severity, std::string pointer, std::string message) {
    return Diagnostic{
        "", 0, 0, std::move(pointer), severity, DiagnosticKind::Meaning, std::move(message)};
}

long long ceilDiv(long long a, long long b) {
    return (a + b - 1) / b;
}

/// How UltraServers sit in racks: either several to a rack, or one across adjacent racks.
struct Placement {
    int serversPerRack = 0;
    int unitRacks = 1;           ///< racks in the smallest placement unit
    int ultraServersPerUnit = 1; ///< UltraServers in that unit
    int unitsPerRow = 0;
};

/// count: the UltraServers to place, or nullopt for "fill". byHallPower: the site's
/// ultraServersByHallPower when the caller has it from another sizing of the same site
/// (it does not depend on the count), else computed here.
ComputeSizing size(const Site& site, const Catalog& catalog, std::optional<long long> count,
                   Diagnostics& diagnostics, std::optional<long long> byHallPower = std::nullopt) {
    ComputeSizing out;
    const auto& platform = site.it.platform;
    const auto& chip = site.it.chip;
    const auto& campus = site.campus;
    const int serversPerUs = platform.serversPerUltraServer;
    if (platform.chipsPerServer <= 0 || serversPerUs <= 0 || platform.rackUnitsPerServer <= 0) {
        diagnostics.add(problem(Severity::Error, "/it/platform",
                                "platform '" + platform.id +
                                    "' needs chips, servers per UltraServer and rack units"));
        return out;
    }

    // One server at peak: chips, host, fans and NICs (the IT load at the server).
    const double serverKw = units::toKilowatts(serverPeakPower(site.it));
    out.serverPowerKw = serverKw;
    // The rack limit is what its PDU delivers: the server's draw at the PSU input, at the
    // full-load efficiency (80 PLUS Titanium 91 % at 100 % [clearesult-80plus]), the worst hour.
    const double serverInputKw = units::toKilowatts(serverInputPower(site.it));
    const double rackLimitKw = units::toKilowatts(campus.rackPowerLimit);

    Placement place;
    const int byPower =
        serverInputKw > 0.0 ? static_cast<int>(std::floor(rackLimitKw / serverInputKw + 1e-9)) : 0;
    const int bySpace = site.it.rackUnitsPerRack / platform.rackUnitsPerServer;
    place.serversPerRack = std::min(byPower, bySpace);
    if (place.serversPerRack < 1) {
        diagnostics.add(problem(
            Severity::Error, byPower < 1 ? "/campus/hall/rack_power_limit" : "/it/rack_units",
            byPower < 1 ? "one server draws " + std::to_string(serverInputKw) +
                              " kW at its power supplies, more than the rack limit"
                        : "one server (" + std::to_string(platform.rackUnitsPerServer) +
                              "U) does not fit in a " + std::to_string(site.it.rackUnitsPerRack) +
                              "U rack"));
        return out;
    }
    // An UltraServer's NeuronLink cables run between its own servers only, so it either
    // shares a rack whole with others or spans adjacent racks of its own.
    if (serversPerUs <= place.serversPerRack) {
        place.ultraServersPerUnit = place.serversPerRack / serversPerUs;
        place.unitRacks = 1;
    } else {
        place.ultraServersPerUnit = 1;
        place.unitRacks = static_cast<int>(ceilDiv(serversPerUs, place.serversPerRack));
    }
    out.serversPerRack = place.serversPerRack;
    out.racksPerUltraServer = place.unitRacks;
    // Adjacent racks sit in one row.
    place.unitsPerRow = campus.racksPerRow / place.unitRacks;
    if (place.unitsPerRow < 1) {
        diagnostics.add(problem(Severity::Error, "/campus/hall/racks_per_row",
                                "an UltraServer spans " + std::to_string(place.unitRacks) +
                                    " adjacent racks, more than a row holds"));
        return out;
    }
    const long long fullRows = campus.rackPositionsPerHall / campus.racksPerRow;
    const long long lastRow = campus.rackPositionsPerHall % campus.racksPerRow;
    const long long unitsBySpace = fullRows * place.unitsPerRow + lastRow / place.unitRacks;
    const long long usBySpace = unitsBySpace * place.ultraServersPerUnit;

    const double hallKw = units::toKilowatts(campus.itPowerPerHall);
    const double utilityKw = units::toKilowatts(campus.utilityInterconnect);
    const int halls = campus.halls();

    if (count && *count < 0) { // checked before any sizing
        diagnostics.add(problem(Severity::Error, "/it/ultraservers",
                                "the UltraServer count cannot be negative"));
        return out;
    }

    // The fabric's power joins the IT load of the halls, shared over the UltraServers. The
    // share depends on the fabric's size (its tiers), and so on the count. Each count's
    // share is designed once: "fill"'s two searches below (the halls' power, the count)
    // mostly try the same counts.
    std::vector<std::pair<long long, double>> shares;
    auto networkShareKw = [&](long long ultraServerCount) {
        const long long n = std::max<long long>(1, ultraServerCount);
        for (const auto& [designed, share] : shares) {
            if (designed == n) {
                return share;
            }
        }
        Diagnostics scratch;
        const auto fabric =
            designFabric(site, catalog, n * serversPerUs, site.fabric.oversubscription, scratch);
        const double share = fabric.tiers > 0 ? fabric.powerKw() / static_cast<double>(n) : 0.0;
        shares.emplace_back(n, share);
        return share;
    };
    // What a hall's rating and the interconnect feed: one UltraServer and its network
    // share at the rack input (PSU losses included), every chip at peak; the simulation's
    // capacity figures (RunResult::capacity) measure the deployment the same way.
    auto usInputKw = [&](double shareKw) {
        const ItPower p = ItLoad(site.it, serversPerUs, shareKw).evaluate(1.0);
        return p.itKw + p.psuLossKw;
    };
    auto perHallFor = [&](double shareKw) {
        const auto usByPower =
            static_cast<long long>(std::floor(hallKw / usInputKw(shareKw) + 1e-9));
        return std::make_pair(std::min(usBySpace, usByPower), usByPower);
    };

    // Counts are ints (ComputeSizing): a campus that holds more chips than that is refused
    // rather than counted wrong.
    const long long countable =
        kMaxChips / (static_cast<long long>(serversPerUs) * platform.chipsPerServer);
    // What the halls' ratings hold: every hall whole UltraServers, each count with its own
    // fabric.
    auto hallPowerHolds = [&](long long n) {
        const long long inHall = perHallFor(networkShareKw(n)).second;
        return inHall >= 1 && ceilDiv(n, inHall) <= halls;
    };
    // The largest count up to `most` whose draw stays within limitKw and that `holds`.
    // holds() is not monotone in the count: an UltraServer's share of the fabric jumps
    // where the fabric adds a switch or a tier, and a hall's whole number of UltraServers
    // can then drop by one, so it cannot be bisected. The campus's draw, n UltraServers
    // and the fabric, is monotone (a growing fabric never sheds a switch), and no count
    // drawing more than the halls' summed ratings fits them. So the largest count within
    // the draw is found by bisection, and the counts below it are tried from the top down:
    // the first that holds is the largest. At the bound the halls' rounding to whole
    // UltraServers costs at most one UltraServer a hall, so the walk is about as long as
    // the campus has halls.
    // No count above limitKw over one UltraServer's draw without a fabric share draws
    // within the limit (a share only adds to the draw, rounding included: every step of
    // usInputKw grows with it), so the bisection starts at that bound (one above, for the
    // quotient's rounding) when it is below `most`: the same count in half the steps, each
    // designing a fabric.
    const double aloneKw = usInputKw(0.0);
    auto largestCount = [&](double limitKw, long long most, const auto& holds) {
        long long lo = 0;
        long long hi = most;
        if (aloneKw > 0.0) {
            const double bound = std::floor((limitKw + 1e-9) / aloneKw) + 1.0;
            if (bound < static_cast<double>(hi)) {
                hi = static_cast<long long>(bound);
            }
        }
        while (lo < hi) {
            const long long mid = lo + (hi - lo + 1) / 2;
            if (static_cast<double>(mid) * usInputKw(networkShareKw(mid)) <= limitKw + 1e-9) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        while (lo > 0 && !holds(lo)) {
            --lo;
        }
        return lo;
    };
    const double hallsKw = hallKw * static_cast<double>(halls);
    // The most the halls' power holds whatever the count deployed (capacity's hall-power
    // room, model/sim/capacity.cpp), and what their positions hold.
    out.ultraServersByHallPower =
        byHallPower ? *byHallPower : largestCount(hallsKw, countable, hallPowerHolds);
    const long long campusBySpace = usBySpace * halls;

    long long ultraServers = 0;
    if (count) {
        ultraServers = *count;
    } else {
        // "fill": as many as the halls' power and rack positions allow, and no more than
        // the interconnect could feed if the facility drew only its IT (an upper bound,
        // PUE > 1). The simulation (fitFill in model/sim/simulate.cpp) then lowers the
        // count until the interconnect, cooling and water limits hold at the design hour.
        auto utilityHolds = [&](long long n) {
            return static_cast<double>(n) * usInputKw(networkShareKw(n)) <= utilityKw + 1e-9;
        };
        auto fits = [&](long long n) {
            return n <= campusBySpace && hallPowerHolds(n) && utilityHolds(n);
        };
        if (campusBySpace > countable && fits(countable + 1)) {
            diagnostics.add(problem(Severity::Error, "/it/ultraservers",
                                    "\"fill\" would place more than " + std::to_string(countable) +
                                        " UltraServers, more than the " +
                                        std::to_string(kMaxChips) +
                                        " chips Headroom counts; give a count instead"));
            return out;
        }
        ultraServers =
            largestCount(std::min(utilityKw, hallsKw), std::min({campusBySpace, countable}), fits);
        // What one more breaks: the positions when they are full, else the halls' power when
        // one more does not fit them, else the interconnect.
        const long long more = ultraServers + 1;
        out.fillLimit = more > campusBySpace && (out.ultraServersByHallPower >= campusBySpace ||
                                                 hallPowerHolds(more))
                            ? Constraint::RackPositions
                        : !hallPowerHolds(more) ? Constraint::HallPower
                                                : Constraint::UtilityInterconnect;
    }
    const auto [perHall, usByHallPower] = perHallFor(networkShareKw(ultraServers));
    out.ultraServersPerHall = static_cast<int>(perHall);
    out.ultraServersPerHallByPower = usByHallPower;
    out.ultraServersPerHallBySpace = usBySpace;
    if (perHall < 1) {
        diagnostics.add(
            problem(Severity::Error,
                    usBySpace < 1 ? "/campus/hall/rack_positions" : "/campus/hall/it_power",
                    "a hall cannot hold one UltraServer"));
        return out;
    }

    out.ultraServers = static_cast<int>(ultraServers);
    out.servers = static_cast<int>(ultraServers * serversPerUs);
    out.chips = out.servers * platform.chipsPerServer;
    out.itPowerKw = static_cast<double>(out.servers) * serverKw;
    for (std::size_t i = 0; i < out.peakPflops.size(); ++i) {
        if (chip.denseTflops[i]) {
            out.peakPflops[i] = static_cast<double>(out.chips) * *chip.denseTflops[i] / 1e3;
        }
    }
    if (ultraServers == 0) {
        return out;
    }

    // Halls fill one after the other; the last may be partial.
    const long long hallsNeeded = ceilDiv(ultraServers, perHall);
    if (hallsNeeded > halls) {
        diagnostics.add(problem(Severity::Error, "/it/ultraservers",
                                std::to_string(ultraServers) + " UltraServers need " +
                                    std::to_string(hallsNeeded) + " halls; the site has " +
                                    std::to_string(halls)));
    }
    out.hallsUsed = static_cast<int>(hallsNeeded);
    out.buildingsUsed =
        static_cast<int>(ceilDiv(hallsNeeded, std::max(1, campus.hallsPerBuilding)));
    long long racks = 0;
    long long rows = 0;
    long long remaining = ultraServers;
    while (remaining > 0) {
        const long long inHall = std::min(remaining, perHall);
        const long long units = ceilDiv(inHall, place.ultraServersPerUnit);
        racks += units * place.unitRacks;
        rows += ceilDiv(units, place.unitsPerRow);
        remaining -= inHall;
    }
    out.racks = static_cast<int>(racks);
    out.rows = static_cast<int>(rows);

    // Stranded power: rack capacity that a full placement unit cannot use, and hall IT
    // capacity that a full hall cannot use (both at peak).
    out.strandedPowerPerRackKw =
        rackLimitKw - place.ultraServersPerUnit * serversPerUs * serverInputKw / place.unitRacks;
    const auto fabric =
        designFabric(site, catalog, out.servers, site.fabric.oversubscription, diagnostics);
    out.networkPowerKw = fabric.powerKw();
    const double networkPerUs = out.networkPowerKw / static_cast<double>(ultraServers);
    out.strandedPowerPerHallKw = hallKw - static_cast<double>(perHall) * usInputKw(networkPerUs);

    out.switchId = site.fabric.switchId;
    out.fabricEndpoints = fabric.endpointLinks;
    out.fabricTiers = fabric.tiers;
    for (long long n : fabric.switchesPerTier) {
        out.switchesPerTier.push_back(static_cast<int>(n));
    }
    out.linksPerTier = fabric.linksPerTier;
    out.switches = fabric.switches;
    out.transceivers = fabric.transceivers;
    out.cables = fabric.cables;
    out.bisectionTbps = fabric.bisectionTbps;
    out.switchPowerKw = fabric.switchPowerKw;
    out.opticsPowerKw = fabric.opticsPowerKw;

    const double totalItKw = out.itPowerKw + out.networkPowerKw;
    if (totalItKw > utilityKw) {
        char text[160];
        std::snprintf(text, sizeof text,
                      "the IT load at peak (%.1f MW) exceeds the utility interconnect (%.1f MW)",
                      totalItKw / 1e3, utilityKw / 1e3);
        diagnostics.add(problem(Severity::Error, "/campus/utility_interconnect", text));
    }
    return out;
}

} // namespace

FabricDesign designFabric(const Site& site, const Catalog& catalog, long long servers,
                          double oversubscription, Diagnostics& diagnostics) {
    FabricRequest request;
    request.endpoints = servers * site.it.platform.nicPortsPerServer;
    request.endpointSpeed = site.it.platform.nicPortSpeed;
    request.oversubscription = oversubscription;
    request.planes = site.fabric.planes;
    const auto sw = catalog.networkSwitch(site.fabric.switchId);
    if (!sw) {
        diagnostics.add(problem(Severity::Error, "/fabric/switch",
                                "no switch '" + site.fabric.switchId + "' in the catalog"));
        return {};
    }
    request.switchSpec = sw;
    // The NIC end of a link takes a transceiver of the NIC's speed; fall back to the
    // switch's when the catalog lists none of that speed.
    const auto optics = catalog.opticsForSpeed(request.endpointSpeed);
    request.endpointOpticsPower = optics ? optics->power : sw->opticsPowerPerPort;
    return sizeFabric(request, diagnostics);
}

ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, Diagnostics& diagnostics) {
    return size(site, catalog,
                site.it.ultraServers ? std::optional<long long>(*site.it.ultraServers)
                                     : std::nullopt,
                diagnostics);
}

ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, long long ultraServers,
                          Diagnostics& diagnostics) {
    return size(site, catalog, ultraServers, diagnostics);
}

ComputeSizing sizeCompute(const Site& site, const Catalog& catalog, long long ultraServers,
                          const ComputeSizing& sameSite, Diagnostics& diagnostics) {
    return size(site, catalog, ultraServers, diagnostics, sameSite.ultraServersByHallPower);
}

std::vector<BomLine> computeBillOfMaterials(const Site& site, const ComputeSizing& sizing) {
    std::vector<BomLine> lines;
    if (sizing.ultraServers == 0) {
        return lines;
    }
    const auto& platform = site.it.platform;
    auto add = [&](const char* category, std::string item, double quantity, const char* unit) {
        if (quantity > 0.0) {
            lines.push_back(BomLine{category, std::move(item), quantity, unit});
        }
    };
    add("compute", platform.id + " UltraServer", sizing.ultraServers, "each");
    add("compute", platform.id + " server", sizing.servers, "each");
    add("compute", site.it.chip.id + " chip", sizing.chips, "each");
    add("compute", "rack (" + std::to_string(site.it.rackUnitsPerRack) + "U)", sizing.racks,
        "each");
    add("compute",
        "NIC port (" +
            std::to_string(
                static_cast<int>(std::lround(platform.nicPortSpeed.value() * 8.0 / 1e9))) +
            "G)",
        static_cast<double>(sizing.servers) * platform.nicPortsPerServer, "each");
    add("compute", "IT nameplate (servers and network at full utilization, at the server)",
        (sizing.itPowerKw + sizing.networkPowerKw) / 1e3, "MW");
    for (std::size_t t = 0; t < sizing.switchesPerTier.size(); ++t) {
        add("network", sizing.switchId + " switch (tier " + std::to_string(t + 1) + ")",
            sizing.switchesPerTier[t], "each");
    }
    add("network", "transceiver", static_cast<double>(sizing.transceivers), "each");
    add("network", "cable (fibre or copper)", static_cast<double>(sizing.cables), "each");
    add("network", "network power (switches + optics)", sizing.networkPowerKw / 1e3, "MW");
    return lines;
}

} // namespace headroom::model
