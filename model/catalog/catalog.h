#pragma once
// The catalog of chips, platforms and network parts (resources/catalog/*.json),
// embedded in the binary as the default. Every figure keeps its source and its
// confidence ([O] official, [3P] third party, [I] inference); its source cites the
// publication by id (resources/references.json).

#include "model/catalog/chip_spec.h"
#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

struct SwitchSpec {
    std::string id;
    int ports = 64;
    units::DataRate portSpeed;
    units::Power power; ///< switch without optics
    units::Power opticsPowerPerPort;
    std::string opticsId; ///< the transceiver entry its ports take
};

/// A pluggable transceiver or a NIC: its line rate and its power.
struct PortDeviceSpec {
    std::string id;
    units::DataRate speed;
    units::Power power;
};

class Catalog {
public:
    /// The catalog compiled into the binary from resources/catalog/.
    static const Catalog& builtin();
    /// Reads a catalog from JSON text (the same format as resources/catalog/).
    static std::optional<Catalog> fromJson(std::string_view text, const std::string& fileName,
                                           Diagnostics& diagnostics);

    // Each lookup points into the catalog (null when the id is not listed), so a sizing that
    // looks a spec up many times a scenario copies nothing; the pointer lives as the catalog.
    const ChipSpec* chip(std::string_view id) const;
    const PlatformSpec* platform(std::string_view id) const;
    const SwitchSpec* networkSwitch(std::string_view id) const;
    const PortDeviceSpec* optics(std::string_view id) const;
    const PortDeviceSpec* nic(std::string_view id) const;
    /// The transceiver of that line rate (for the server end of a link), if listed.
    const PortDeviceSpec* opticsForSpeed(units::DataRate speed) const;

    /// The raw entry (with sources and confidence), for `catalog show` and reports.
    const nlohmann::json* entry(std::string_view id) const;
    /// Every id, grouped as "chips", "platforms", "switches", "optics", "nics", in file order.
    std::vector<std::pair<std::string, std::string>> listing() const; ///< (group, id)
    /// The JSON document (all groups merged), as `catalog show --json` prints it.
    const nlohmann::json& document() const { return m_document; }

private:
    /// Validates one file's groups and appends them; false when an error was reported.
    bool addFile(std::string_view text, const std::string& fileName, Diagnostics& diagnostics);

    nlohmann::json m_document = nlohmann::json::object();
    std::vector<ChipSpec> m_chips;
    std::vector<PlatformSpec> m_platforms;
    std::vector<SwitchSpec> m_switches;
    std::vector<PortDeviceSpec> m_optics, m_nics;
};

} // namespace headroom::model
