#include "model/catalog/catalog.h"

#include "model/bibliography/bibliography.h"
#include "model/catalog/embedded_catalog.h"
#include "model/json/located_json.h"
#include "model/units/quantity_parser.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <stdexcept>

namespace headroom::model {

namespace {

constexpr const char* kFormat = "headroom-catalog/1";

// ---------------------------------------------------------------------------------------
// Where each value of a (valid) JSON text starts, by JSON pointer, so that a problem found
// after parsing still names its line and column. nlohmann::json keeps no positions.
class JsonLocator {
public:
    explicit JsonLocator(std::string_view text)
        : m_text(text) {}

    /// 1-based line and column of the value at pointer, or of its nearest ancestor.
    std::pair<int, int> locate(std::string pointer) {
        if (!m_scanned) {
            m_scanned = true;
            m_pos = 0;
            scanValue("");
        }
        for (;;) {
            if (auto it = m_offsets.find(pointer); it != m_offsets.end()) {
                return lineColumn(m_text, it->second);
            }
            if (pointer.empty()) {
                return {1, 1};
            }
            pointer.erase(pointer.rfind('/'));
        }
    }

    static std::pair<int, int> lineColumn(std::string_view text, std::size_t offset) {
        int line = 1;
        int column = 1;
        for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
            const auto c = static_cast<unsigned char>(text[i]);
            if (c == '\n') {
                ++line;
                column = 1;
            } else if ((c & 0xC0) != 0x80) { // count characters, not UTF-8 continuation bytes
                ++column;
            }
        }
        return {line, column};
    }

private:
    void skipSpace() {
        while (m_pos < m_text.size() && (m_text[m_pos] == ' ' || m_text[m_pos] == '\t' ||
                                         m_text[m_pos] == '\n' || m_text[m_pos] == '\r')) {
            ++m_pos;
        }
    }
    std::string scanString() {
        std::string out;
        ++m_pos; // opening quote
        while (m_pos < m_text.size() && m_text[m_pos] != '"') {
            if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
                ++m_pos;
                const char c = m_text[m_pos];
                out += (c == 'n') ? '\n' : (c == 't') ? '\t' : c;
            } else {
                out += m_text[m_pos];
            }
            ++m_pos;
        }
        ++m_pos; // closing quote
        return out;
    }
    void scanValue(const std::string& pointer) {
        skipSpace();
        if (m_pos >= m_text.size()) {
            return;
        }
        m_offsets.emplace(pointer, m_pos);
        const char c = m_text[m_pos];
        if (c == '{') {
            ++m_pos;
            skipSpace();
            while (m_pos < m_text.size() && m_text[m_pos] != '}') {
                const std::string key = scanString();
                skipSpace();
                ++m_pos; // ':'
                scanValue(pointer + "/" + escapePointerToken(key));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ++m_pos;
        } else if (c == '[') {
            ++m_pos;
            skipSpace();
            int index = 0;
            while (m_pos < m_text.size() && m_text[m_pos] != ']') {
                scanValue(pointer + "/" + std::to_string(index++));
                skipSpace();
                if (m_pos < m_text.size() && m_text[m_pos] == ',') {
                    ++m_pos;
                    skipSpace();
                }
            }
            ++m_pos;
        } else if (c == '"') {
            scanString();
        } else {
            while (m_pos < m_text.size() && m_text[m_pos] != ',' && m_text[m_pos] != '}' &&
                   m_text[m_pos] != ']' && m_text[m_pos] != ' ' && m_text[m_pos] != '\n' &&
                   m_text[m_pos] != '\r' && m_text[m_pos] != '\t') {
                ++m_pos;
            }
        }
    }

    std::string_view m_text;
    std::size_t m_pos = 0;
    bool m_scanned = false;
    std::map<std::string, std::size_t> m_offsets;
};

// ---------------------------------------------------------------------------------------
// What each group's entries hold. A figure is {"value", "source", "confidence"[, "note"]}:
// every number in the catalog carries where it comes from and how firm it is.
enum class FigureKind { Count, Power, DataRate, DataSize, ComputeRate };

struct FigureRule {
    const char* key;
    FigureKind kind;
    bool required;
};

struct GroupRule {
    const char* group;
    std::vector<FigureRule> figures;
    std::vector<const char*> textKeys; ///< required references to other entries
};

const std::vector<GroupRule>& groupRules() {
    static const std::vector<GroupRule> rules{
        {"chips",
         {{"dense_fp8", FigureKind::ComputeRate, false},
          {"dense_bf16", FigureKind::ComputeRate, false},
          {"dense_fp32", FigureKind::ComputeRate, false},
          {"dense_tf32", FigureKind::ComputeRate, false},
          {"hbm", FigureKind::DataSize, true},
          {"hbm_bandwidth", FigureKind::DataRate, true},
          {"peak_power", FigureKind::Power, true},
          {"idle_power", FigureKind::Power, true},
          {"scale_up_bandwidth", FigureKind::DataRate, false},
          {"scale_up_domain", FigureKind::Count, false}},
         {}},
        {"platforms",
         {{"chips_per_server", FigureKind::Count, true},
          {"servers_per_ultraserver", FigureKind::Count, true},
          {"rack_units_per_server", FigureKind::Count, true},
          {"host_power_per_server", FigureKind::Power, true},
          {"fan_power_per_server", FigureKind::Power, true},
          {"nic_power_per_server", FigureKind::Power, true},
          {"nic_ports_per_server", FigureKind::Count, true},
          {"nic_port_speed", FigureKind::DataRate, true},
          {"efa_bandwidth_per_server", FigureKind::DataRate, false},
          {"rack_power", FigureKind::Power, false}},
         {"chip"}},
        {"switches",
         {{"ports", FigureKind::Count, true},
          {"port_speed", FigureKind::DataRate, true},
          {"capacity", FigureKind::DataRate, false},
          {"power", FigureKind::Power, true}},
         {"optics"}},
        {"optics", {{"speed", FigureKind::DataRate, true}, {"power", FigureKind::Power, true}}, {}},
        {"nics", {{"speed", FigureKind::DataRate, true}, {"power", FigureKind::Power, true}}, {}},
    };
    return rules;
}

const char* kindName(FigureKind kind) {
    switch (kind) {
    case FigureKind::Count:
        return "a positive whole number";
    case FigureKind::Power:
        return "a power such as \"500 W\"";
    case FigureKind::DataRate:
        return "a data rate such as \"400 Gbps\"";
    case FigureKind::DataSize:
        return "a data size such as \"96 GiB\"";
    case FigureKind::ComputeRate:
        return "a compute rate such as \"667 TFLOP/s\"";
    }
    return "";
}

/// Checks figure values and reports where they are wrong.
class Validator {
public:
    Validator(std::string_view text, const std::string& fileName, Diagnostics& diagnostics)
        : m_locator(text)
        , m_fileName(fileName)
        , m_diagnostics(diagnostics) {}

    void report(Severity severity, DiagnosticKind kind, const std::string& pointer,
                std::string message) {
        const auto [line, column] = m_locator.locate(pointer);
        m_diagnostics.add(
            Diagnostic{m_fileName, line, column, pointer, severity, kind, std::move(message)});
        if (severity == Severity::Error) {
            m_failed = true;
        }
    }
    void error(const std::string& pointer, std::string message) {
        report(Severity::Error, DiagnosticKind::Meaning, pointer, std::move(message));
    }
    void warning(const std::string& pointer, std::string message) {
        report(Severity::Warning, DiagnosticKind::Meaning, pointer, std::move(message));
    }
    bool failed() const { return m_failed; }

    /// The figure's value as SI (count for Count); nullopt after reporting a problem.
    std::optional<double> figure(const nlohmann::json& figure, const std::string& pointer,
                                 FigureKind kind) {
        if (!figure.is_object()) {
            error(pointer, "expected a figure {\"value\", \"source\", \"confidence\"}, got " +
                               figure.dump());
            return std::nullopt;
        }
        for (const auto& [key, value] : figure.items()) {
            if (key != "value" && key != "source" && key != "confidence" && key != "note") {
                warning(pointer + "/" + key, "unknown key '" + key + "' in a figure (ignored)");
            }
        }
        bool ok = true;
        if (!figure.contains("source") || !figure["source"].is_string()) {
            error(pointer, "a figure needs a \"source\" string");
            ok = false;
        } else {
            for (const auto& id : unknownCitations(figure["source"].get<std::string>())) {
                warning(pointer + "/source", "cites [" + id +
                                                 "], which is not in Headroom's bibliography "
                                                 "(resources/references.json)");
            }
        }
        if (!figure.contains("confidence")) {
            error(pointer, "a figure needs a \"confidence\": \"O\", \"3P\" or \"I\"");
            ok = false;
        } else if (const auto& c = figure["confidence"];
                   !c.is_string() || (c != "O" && c != "3P" && c != "I")) {
            error(pointer + "/confidence",
                  "expected \"O\" (official), \"3P\" (third party) or \"I\" (inference), got " +
                      c.dump());
            ok = false;
        }
        if (!figure.contains("value")) {
            error(pointer, "a figure needs a \"value\"");
            return std::nullopt;
        }
        const auto& value = figure["value"];
        const std::string valuePointer = pointer + "/value";
        std::optional<double> si;
        if (kind == FigureKind::Count) {
            if (value.is_number_integer() && value.get<long long>() > 0) {
                si = static_cast<double>(value.get<long long>());
            }
        } else if (value.is_string()) {
            const auto text = value.get<std::string>();
            std::optional<double> parsed;
            units::QuantityError problem;
            auto take = [&](const auto& result) {
                if (result) {
                    parsed = result.value->value();
                } else {
                    problem = result.error;
                }
            };
            switch (kind) {
            case FigureKind::Power:
                take(units::parseQuantity<units::Power>(text));
                break;
            case FigureKind::DataRate:
                take(units::parseQuantity<units::DataRate>(text));
                break;
            case FigureKind::DataSize:
                take(units::parseQuantity<units::DataSize>(text));
                break;
            case FigureKind::ComputeRate:
                take(units::parseQuantity<units::ComputeRate>(text));
                break;
            case FigureKind::Count:
                break;
            }
            if (!parsed) {
                error(valuePointer, problem.message);
                return std::nullopt;
            }
            if (*parsed < 0.0) {
                error(valuePointer, "expected a non-negative value, got \"" + text + "\"");
                return std::nullopt;
            }
            si = parsed;
        }
        if (!si) {
            error(valuePointer,
                  std::string("expected ") + kindName(kind) + ", got " + value.dump());
            return std::nullopt;
        }
        return ok ? si : std::nullopt;
    }

private:
    JsonLocator m_locator;
    const std::string& m_fileName;
    Diagnostics& m_diagnostics;
    bool m_failed = false;
};

std::optional<std::string> findGroupOf(const nlohmann::json& document, std::string_view id) {
    for (const auto& rule : groupRules()) {
        if (auto it = document.find(rule.group); it != document.end()) {
            for (const auto& entry : *it) {
                if (entry.value("id", "") == id) {
                    return std::string(rule.group);
                }
            }
        }
    }
    return std::nullopt;
}

double siOf(const nlohmann::json& entry, const char* key) {
    if (!entry.contains(key)) {
        return 0.0;
    }
    const auto& value = entry[key]["value"];
    if (value.is_number()) {
        return value.get<double>();
    }
    // Validated when the file was read, so the parse succeeds here.
    return units::parseAnyQuantity(value.get<std::string>()).value->siValue;
}

template <class Spec> const Spec* findSpec(const std::vector<Spec>& specs, std::string_view id) {
    auto it = std::find_if(specs.begin(), specs.end(), [&](const Spec& s) { return s.id == id; });
    return it == specs.end() ? nullptr : &*it;
}

} // namespace

bool Catalog::addFile(std::string_view text, const std::string& fileName,
                      Diagnostics& diagnostics) {
    // The located parser: a syntax error is located, a number out of range (1e999) is an
    // error rather than nlohmann's out_of_range thrown, and nesting is bounded.
    auto parsed = parseLocatedJson(text, fileName);
    if (!parsed.json) {
        diagnostics.append(parsed.diagnostics);
        return false;
    }
    const nlohmann::json document = std::move(parsed.json->value);

    Validator check(text, fileName, diagnostics);
    if (!document.is_object()) {
        check.error("", "expected a catalog object {\"format\": \"headroom-catalog/1\", ...}");
        return false;
    }
    if (!document.contains("format")) {
        check.error("", std::string("missing \"format\": \"") + kFormat + "\"");
    } else if (document["format"] != kFormat) {
        check.error("/format",
                    std::string("expected \"") + kFormat + "\", got " + document["format"].dump());
    }
    for (const auto& item : document.items()) {
        // A named copy: clang 14 cannot capture structured bindings in lambdas.
        const std::string& key = item.key();
        const bool known =
            key == "format" || std::any_of(groupRules().begin(), groupRules().end(),
                                           [&](const GroupRule& r) { return key == r.group; });
        if (!known) {
            check.warning("/" + key, "unknown key '" + key + "' (ignored)");
        }
    }

    nlohmann::json accepted = m_document;
    for (const auto& rule : groupRules()) {
        if (!document.contains(rule.group)) {
            continue;
        }
        const std::string groupPointer = std::string("/") + rule.group;
        const auto& entries = document[rule.group];
        if (!entries.is_array()) {
            check.error(groupPointer, "expected an array of entries");
            continue;
        }
        for (std::size_t i = 0; i < entries.size(); ++i) {
            const auto& entry = entries[i];
            const std::string pointer = groupPointer + "/" + std::to_string(i);
            if (!entry.is_object()) {
                check.error(pointer, "expected an entry object");
                continue;
            }
            if (!entry.contains("id") || !entry["id"].is_string() ||
                entry["id"].get<std::string>().empty()) {
                check.error(pointer, "an entry needs a non-empty \"id\" string");
                continue;
            }
            const auto id = entry["id"].get<std::string>();
            if (auto group = findGroupOf(accepted, id)) {
                check.error(pointer + "/id",
                            "duplicate id '" + id + "' (already in " + *group + ")");
                continue;
            }
            for (const auto& item : entry.items()) {
                const std::string& key = item.key();
                const auto& value = item.value();
                const bool isFigure =
                    std::any_of(rule.figures.begin(), rule.figures.end(),
                                [&](const FigureRule& f) { return key == f.key; });
                const bool isText = key == "id" || key == "name" || key == "notes" ||
                                    key == "vendor" ||
                                    std::any_of(rule.textKeys.begin(), rule.textKeys.end(),
                                                [&](const char* k) { return key == k; });
                if (isText && !value.is_string()) {
                    check.error(pointer + "/" + key, "expected a string, got " + value.dump());
                } else if (!isFigure && !isText) {
                    check.warning(pointer + "/" + key,
                                  "unknown key '" + key + "' in " + rule.group + " (ignored)");
                }
            }
            for (const char* key : rule.textKeys) {
                if (!entry.contains(key)) {
                    check.error(pointer, "'" + id + "' needs \"" + key + "\"");
                }
            }
            std::map<std::string, double> values;
            for (const auto& f : rule.figures) {
                if (!entry.contains(f.key)) {
                    if (f.required) {
                        check.error(pointer, "'" + id + "' needs the figure \"" + f.key + "\"");
                    }
                    continue;
                }
                if (auto v = check.figure(entry[f.key], pointer + "/" + f.key, f.kind)) {
                    values[f.key] = *v;
                }
            }
            // Consistency between figures: warnings, since a catalog may be mid-edit.
            if (std::string(rule.group) == "chips") {
                if (!entry.contains("dense_fp8") && !entry.contains("dense_bf16") &&
                    !entry.contains("dense_fp32") && !entry.contains("dense_tf32")) {
                    check.error(pointer, "'" + id + "' needs at least one dense_* FLOP/s figure");
                }
                if (values.count("idle_power") && values.count("peak_power") &&
                    values["idle_power"] > values["peak_power"]) {
                    check.error(pointer + "/idle_power", "idle power exceeds peak power");
                }
            }
            if (std::string(rule.group) == "platforms" &&
                values.count("efa_bandwidth_per_server") && values.count("nic_ports_per_server") &&
                values.count("nic_port_speed")) {
                const double ports = values["nic_ports_per_server"] * values["nic_port_speed"];
                if (std::abs(ports - values["efa_bandwidth_per_server"]) >
                    0.01 * values["efa_bandwidth_per_server"]) {
                    check.warning(pointer + "/efa_bandwidth_per_server",
                                  "differs from nic_ports_per_server x nic_port_speed");
                }
            }
            if (std::string(rule.group) == "switches" && values.count("capacity") &&
                values.count("ports") && values.count("port_speed")) {
                const double ports = values["ports"] * values["port_speed"];
                if (std::abs(ports - values["capacity"]) > 0.01 * values["capacity"]) {
                    check.warning(pointer + "/capacity", "differs from ports x port_speed");
                }
            }
            accepted[rule.group].push_back(entry);
        }
    }

    // References between entries, once every group of this file is in.
    auto checkReferences = [&](const char* group, const char* key, const char* targetGroup) {
        if (!document.contains(group) || !document[group].is_array()) {
            return;
        }
        const auto& entries = document[group];
        for (std::size_t i = 0; i < entries.size(); ++i) {
            if (!entries[i].is_object() || !entries[i].contains(key) ||
                !entries[i][key].is_string()) {
                continue;
            }
            const auto target = entries[i][key].get<std::string>();
            if (findGroupOf(accepted, target) != std::optional<std::string>(targetGroup)) {
                check.error(std::string("/") + group + "/" + std::to_string(i) + "/" + key,
                            "no " + std::string(targetGroup) + " entry with id '" + target + "'");
            }
        }
    };
    checkReferences("platforms", "chip", "chips");
    checkReferences("switches", "optics", "optics");

    if (check.failed()) {
        return false;
    }
    m_document = std::move(accepted);

    // Resolve the typed specs once, so lookups during a sweep parse nothing.
    using namespace units;
    m_chips.clear();
    m_platforms.clear();
    m_switches.clear();
    m_optics.clear();
    m_nics.clear();
    for (const auto& e : m_document.value("chips", nlohmann::json::array())) {
        ChipSpec chip;
        chip.id = e["id"];
        chip.peakPower = Power::from_value(siOf(e, "peak_power"));
        chip.idlePower = Power::from_value(siOf(e, "idle_power"));
        // denseTflops order: FP8, BF16, FP32, TF32 (site.h); catalog values are FLOP/s. A
        // precision the catalog does not list stays absent, never 0.
        const char* keys[] = {"dense_fp8", "dense_bf16", "dense_fp32", "dense_tf32"};
        for (std::size_t i = 0; i < 4; ++i) {
            if (e.contains(keys[i])) {
                chip.denseTflops[i] = siOf(e, keys[i]) / 1e12;
            }
        }
        chip.hbm = DataSize::from_value(siOf(e, "hbm"));
        chip.hbmBandwidth = DataRate::from_value(siOf(e, "hbm_bandwidth"));
        chip.scaleUpBandwidth = DataRate::from_value(siOf(e, "scale_up_bandwidth"));
        m_chips.push_back(chip);
    }
    for (const auto& e : m_document.value("optics", nlohmann::json::array())) {
        m_optics.push_back(PortDeviceSpec{e["id"], DataRate::from_value(siOf(e, "speed")),
                                          Power::from_value(siOf(e, "power"))});
    }
    for (const auto& e : m_document.value("nics", nlohmann::json::array())) {
        m_nics.push_back(PortDeviceSpec{e["id"], DataRate::from_value(siOf(e, "speed")),
                                        Power::from_value(siOf(e, "power"))});
    }
    for (const auto& e : m_document.value("platforms", nlohmann::json::array())) {
        PlatformSpec p;
        p.id = e["id"];
        p.chipId = e["chip"];
        p.chipsPerServer = static_cast<int>(siOf(e, "chips_per_server"));
        p.serversPerUltraServer = static_cast<int>(siOf(e, "servers_per_ultraserver"));
        p.rackUnitsPerServer = static_cast<int>(siOf(e, "rack_units_per_server"));
        p.hostPowerPerServer = Power::from_value(siOf(e, "host_power_per_server"));
        p.fanPowerPerServer = Power::from_value(siOf(e, "fan_power_per_server"));
        p.nicPowerPerServer = Power::from_value(siOf(e, "nic_power_per_server"));
        p.nicPortsPerServer = static_cast<int>(siOf(e, "nic_ports_per_server"));
        p.nicPortSpeed = DataRate::from_value(siOf(e, "nic_port_speed"));
        m_platforms.push_back(p);
    }
    for (const auto& e : m_document.value("switches", nlohmann::json::array())) {
        SwitchSpec s;
        s.id = e["id"];
        s.ports = static_cast<int>(siOf(e, "ports"));
        s.portSpeed = DataRate::from_value(siOf(e, "port_speed"));
        s.power = Power::from_value(siOf(e, "power"));
        s.opticsId = e["optics"];
        if (auto optics = findSpec(m_optics, s.opticsId)) {
            s.opticsPowerPerPort = optics->power;
        }
        m_switches.push_back(s);
    }
    return true;
}

std::optional<Catalog> Catalog::fromJson(std::string_view text, const std::string& fileName,
                                         Diagnostics& diagnostics) {
    Catalog catalog;
    if (!catalog.addFile(text, fileName, diagnostics)) {
        return std::nullopt;
    }
    return catalog;
}

const Catalog& Catalog::builtin() {
    static const Catalog catalog = [] {
        Catalog c;
        Diagnostics diagnostics;
        for (const auto& file : embeddedCatalogFiles()) {
            if (!c.addFile(file.text, "resources/catalog/" + std::string(file.name), diagnostics)) {
                // The catalog tests read the same files; reaching this is a build defect.
                throw std::logic_error("the built-in catalog is invalid: " +
                                       formatDiagnostic(diagnostics.items().front()));
            }
        }
        return c;
    }();
    return catalog;
}

const ChipSpec* Catalog::chip(std::string_view id) const {
    return findSpec(m_chips, id);
}
const PlatformSpec* Catalog::platform(std::string_view id) const {
    return findSpec(m_platforms, id);
}
const SwitchSpec* Catalog::networkSwitch(std::string_view id) const {
    return findSpec(m_switches, id);
}
const PortDeviceSpec* Catalog::optics(std::string_view id) const {
    return findSpec(m_optics, id);
}
const PortDeviceSpec* Catalog::nic(std::string_view id) const {
    return findSpec(m_nics, id);
}

const PortDeviceSpec* Catalog::opticsForSpeed(units::DataRate speed) const {
    for (const auto& optics : m_optics) {
        if (std::abs(optics.speed.value() - speed.value()) <= 1e-6 * speed.value()) {
            return &optics;
        }
    }
    return nullptr;
}

const nlohmann::json* Catalog::entry(std::string_view id) const {
    for (const auto& rule : groupRules()) {
        if (auto it = m_document.find(rule.group); it != m_document.end()) {
            for (const auto& e : *it) {
                if (e.value("id", "") == id) {
                    return &e;
                }
            }
        }
    }
    return nullptr;
}

std::vector<std::pair<std::string, std::string>> Catalog::listing() const {
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& rule : groupRules()) {
        if (auto it = m_document.find(rule.group); it != m_document.end()) {
            for (const auto& e : *it) {
                out.emplace_back(rule.group, e["id"].get<std::string>());
            }
        }
    }
    return out;
}

} // namespace headroom::model
