#pragma once
// The cost catalog (resources/catalog/costs.json, embedded): the unit costs a site file's
// /cost section defaults to, each with its range, the year it prices and its source, and
// the Cushman & Wakefield split of construction cost into lines (prices in US dollars);
// and the carbon cost of silicon: carbon per die area by process node, and chips' dies.

#include "model/core/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// One unit cost: the default of a /cost field, as the site file writes it ("11.7 MUSD/MW").
struct CostFigure {
    std::string id;         ///< "construction_per_mw_it"
    std::string field;      ///< the site field it is the default of: "/cost/construction_per_mw_it"
    std::string value;      ///< "11.7 MUSD/MW"
    std::string valueJson;  ///< the same as JSON text, "\"11.7 MUSD/MW\"": the field's default
    std::string low, high;  ///< the range the sources support
    int year = 0;           ///< the year the figure prices
    std::string source;     ///< cites the bibliography by id
    std::string confidence; ///< "O", "3P" or "I"
    /// value, low and high in SI units, parsed once when the catalog is read (a site-year's
    /// cost checks its inputs against the range, a plan's draws scale by it).
    double valueSi = 0.0, lowSi = 0.0, highSi = 0.0;
};

/// What a construction line is, for its service life.
enum class AssetClass { Plant, Shell };

/// One line of the construction split: its share of the construction cost.
struct ConstructionLine {
    std::string id;   ///< "critical_power_cooling": the result's key
    std::string name; ///< "Critical power and cooling"
    double share = 0.0;
    AssetClass life = AssetClass::Plant;
};

/// Carbon per area of a logic die made on a process node (model/cost/embodied_carbon.h).
struct NodeFactor {
    std::vector<int> nodesNm; ///< the nodes of the class: {5, 4}
    std::string name;         ///< "5 and 4 nm"
    double kgPerM2 = 0.0, lowKgPerM2 = 0.0, highKgPerM2 = 0.0;
};

/// A chip's published die: its area and process node.
struct DieFigure {
    std::string chip; ///< a chip id of the catalog
    double areaM2 = 0.0;
    int nodeNm = 0;
    std::string source;
};

class CostCatalog {
public:
    /// The catalog compiled into the binary from resources/catalog/costs.json.
    static const CostCatalog& builtin();
    /// Reads and checks a cost catalog: every figure parses with a unit, its range holds
    /// it, it cites a source; the split's shares sum to 100 %.
    static std::optional<CostCatalog> fromJson(std::string_view text, const std::string& fileName,
                                               Diagnostics& diagnostics);

    const std::vector<CostFigure>& figures() const { return m_figures; }
    /// The figure that is the default of a site field, or null.
    const CostFigure* forField(std::string_view pointer) const;
    const std::vector<ConstructionLine>& constructionLines() const { return m_lines; }
    const std::string& splitSource() const { return m_splitSource; }
    /// The carbon per area of a node's class, or null for a node without a factor.
    const NodeFactor* nodeFactor(int nodeNm) const;
    const std::string& nodeSource() const { return m_nodeSource; }
    /// The published die of a chip, or null (Trainium's is not published).
    const DieFigure* die(std::string_view chip) const;

private:
    std::vector<CostFigure> m_figures;
    std::vector<ConstructionLine> m_lines;
    std::string m_splitSource;
    std::vector<NodeFactor> m_nodes;
    std::string m_nodeSource;
    std::vector<DieFigure> m_dies;
};

} // namespace headroom::model
