#include "model/catalog/cost_catalog.h"

#include "model/catalog/embedded_cost_catalog.h"
#include "model/units/quantity_parser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace headroom::model {
namespace {

using json = nlohmann::json;

class Reader {
public:
    Reader(const std::string& fileName, Diagnostics& diagnostics)
        : m_file(fileName)
        , m_diagnostics(diagnostics) {}

    void error(std::string pointer, std::string message) {
        Diagnostic d;
        d.file = m_file;
        d.pointer = std::move(pointer);
        d.message = std::move(message);
        m_diagnostics.add(std::move(d));
        m_ok = false;
    }
    bool ok() const { return m_ok; }

    /// The string member key of object, or an error naming pointer/key.
    std::string text(const json& object, const char* key, const std::string& pointer) {
        const auto found = object.find(key);
        if (found == object.end() || !found->is_string() || found->get<std::string>().empty()) {
            error(pointer + "/" + key, "expected a non-empty string");
            return {};
        }
        return found->get<std::string>();
    }
    /// The quantity member key of object, in SI (and USD), or nothing after an error.
    std::optional<units::ParsedQuantity> quantity(const json& object, const char* key,
                                                  const std::string& pointer) {
        const std::string value = text(object, key, pointer);
        if (value.empty()) {
            return std::nullopt;
        }
        auto parsed = units::parseAnyQuantity(value);
        if (!parsed) {
            error(pointer + "/" + key, parsed.error.message);
            return std::nullopt;
        }
        return *parsed.value;
    }

private:
    std::string m_file;
    Diagnostics& m_diagnostics;
    bool m_ok = true;
};

} // namespace

std::optional<CostCatalog> CostCatalog::fromJson(std::string_view text, const std::string& fileName,
                                                 Diagnostics& diagnostics) {
    Reader r(fileName, diagnostics);
    const json document = json::parse(text, nullptr, false);
    if (document.is_discarded() || !document.is_object() ||
        document.value("format", "") != "headroom-cost-catalog/1") {
        r.error("/format", "expected a JSON object of format \"headroom-cost-catalog/1\"");
        return std::nullopt;
    }
    CostCatalog catalog;
    const json& costs = document.value("costs", json::array());
    for (std::size_t i = 0; i < costs.size(); ++i) {
        const std::string pointer = "/costs/" + std::to_string(i);
        const json& entry = costs[i];
        if (!entry.is_object()) {
            r.error(pointer, "expected an object");
            continue;
        }
        CostFigure figure{r.text(entry, "id", pointer),
                          r.text(entry, "field", pointer),
                          r.text(entry, "value", pointer),
                          json(entry.value("value", "")).dump(),
                          r.text(entry, "low", pointer),
                          r.text(entry, "high", pointer),
                          entry.value("year", 0),
                          r.text(entry, "source", pointer),
                          r.text(entry, "confidence", pointer)};
        const auto value = r.quantity(entry, "value", pointer);
        const auto low = r.quantity(entry, "low", pointer);
        const auto high = r.quantity(entry, "high", pointer);
        if (value && low && high &&
            (low->dimension != value->dimension || high->dimension != value->dimension ||
             !(low->siValue <= value->siValue && value->siValue <= high->siValue))) {
            r.error(pointer, "expected low <= value <= high, in the value's unit");
        }
        if (value && low && high) {
            figure.valueSi = value->siValue;
            figure.lowSi = low->siValue;
            figure.highSi = high->siValue;
        }
        if (figure.year < 1990 || figure.year > 2100) {
            r.error(pointer + "/year", "expected the year the figure prices, 1990-2100");
        }
        catalog.m_figures.push_back(std::move(figure));
    }
    const json& split = document.value("construction_split", json::object());
    catalog.m_splitSource = r.text(split, "source", "/construction_split");
    const json& lines = split.value("lines", json::array());
    double total = 0.0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string pointer = "/construction_split/lines/" + std::to_string(i);
        const json& entry = lines[i];
        ConstructionLine line{r.text(entry, "id", pointer), r.text(entry, "name", pointer)};
        const auto share = r.quantity(entry, "share", pointer);
        if (share && share->dimension == units::Dimension{} && share->siValue > 0.0) {
            line.share = share->siValue;
            total += line.share;
        } else {
            r.error(pointer + "/share", "expected a share above 0 %");
        }
        const std::string life = r.text(entry, "life", pointer);
        if (life != "plant" && life != "shell") {
            r.error(pointer + "/life", "expected \"plant\" or \"shell\"");
        }
        line.life = life == "shell" ? AssetClass::Shell : AssetClass::Plant;
        catalog.m_lines.push_back(std::move(line));
    }
    const json& nodes = document.value("process_nodes", json::object());
    if (document.contains("process_nodes")) {
        catalog.m_nodeSource = r.text(nodes, "source", "/process_nodes");
    }
    const json& nodeList = nodes.value("nodes", json::array());
    const units::Dimension kgPerArea{.length = -2, .mass = 1};
    for (std::size_t i = 0; i < nodeList.size(); ++i) {
        const std::string pointer = "/process_nodes/nodes/" + std::to_string(i);
        const json& entry = nodeList[i];
        NodeFactor node{entry.value("nodes", std::vector<int>{}), r.text(entry, "name", pointer)};
        const auto value = r.quantity(entry, "carbon_per_area", pointer);
        const auto low = r.quantity(entry, "low", pointer);
        const auto high = r.quantity(entry, "high", pointer);
        if (!value || !low || !high || value->dimension != kgPerArea ||
            low->dimension != kgPerArea || high->dimension != kgPerArea ||
            !(low->siValue <= value->siValue && value->siValue <= high->siValue) ||
            node.nodesNm.empty()) {
            r.error(pointer, "expected nodes and low <= carbon_per_area <= high in kg/cm^2");
            continue;
        }
        node.kgPerM2 = value->siValue;
        node.lowKgPerM2 = low->siValue;
        node.highKgPerM2 = high->siValue;
        catalog.m_nodes.push_back(std::move(node));
    }
    const json& dies = document.value("dies", json::array());
    for (std::size_t i = 0; i < dies.size(); ++i) {
        const std::string pointer = "/dies/" + std::to_string(i);
        const json& entry = dies[i];
        DieFigure die{r.text(entry, "chip", pointer), 0.0, entry.value("node", 0),
                      r.text(entry, "source", pointer)};
        const auto area = r.quantity(entry, "die_area", pointer);
        if (!area || area->dimension != units::Dimension{.length = 2} || area->siValue <= 0.0) {
            r.error(pointer + "/die_area", "expected an area such as \"814 mm^2\"");
            continue;
        }
        die.areaM2 = area->siValue;
        catalog.m_dies.push_back(std::move(die));
    }
    for (const DieFigure& die : catalog.m_dies) {
        if (catalog.nodeFactor(die.nodeNm) == nullptr) {
            r.error("/dies", die.chip + ": no carbon per area for its node");
        }
    }
    if (std::abs(total - 1.0) > 1e-9) {
        r.error("/construction_split/lines", "expected shares that sum to 100 %");
    }
    if (!r.ok()) {
        return std::nullopt;
    }
    return catalog;
}

const CostCatalog& CostCatalog::builtin() {
    static const CostCatalog catalog = [] {
        Diagnostics diagnostics;
        const EmbeddedFile file = embeddedCostCatalogFiles().front();
        auto read = fromJson(file.text, "resources/catalog/" + std::string(file.name), diagnostics);
        if (!read) {
            // The catalog tests read the same file; reaching this is a build defect.
            throw std::logic_error("the built-in cost catalog is invalid: " +
                                   formatDiagnostic(diagnostics.items().front()));
        }
        return std::move(*read);
    }();
    return catalog;
}

const NodeFactor* CostCatalog::nodeFactor(int nodeNm) const {
    for (const NodeFactor& node : m_nodes) {
        if (std::find(node.nodesNm.begin(), node.nodesNm.end(), nodeNm) != node.nodesNm.end()) {
            return &node;
        }
    }
    return nullptr;
}

const DieFigure* CostCatalog::die(std::string_view chip) const {
    for (const DieFigure& die : m_dies) {
        if (die.chip == chip) {
            return &die;
        }
    }
    return nullptr;
}

const CostFigure* CostCatalog::forField(std::string_view pointer) const {
    for (const CostFigure& figure : m_figures) {
        if (figure.field == pointer) {
            return &figure;
        }
    }
    return nullptr;
}

} // namespace headroom::model
