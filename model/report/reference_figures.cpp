#include "model/report/reference_figures.h"

#include "model/climate/climate_zone.h"
#include "model/report/embedded_reference_figures.h"
#include "model/site/site_fields.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <stdexcept>

namespace headroom::model {
namespace {

std::vector<ReferenceFigure> parseFigures() {
    std::vector<ReferenceFigure> figures;
    for (const auto& file : embeddedReferenceFigureFiles()) {
        const auto document = nlohmann::json::parse(file.text);
        for (const auto& entry : document.at("figures")) {
            ReferenceFigure f;
            f.kpi = entry.at("kpi").get<std::string>();
            f.group = entry.value("group", "");
            f.label = entry.at("label").get<std::string>();
            f.note = entry.value("note", "");
            f.value = entry.at("value").get<double>();
            if (entry.contains("low")) {
                f.low = entry.at("low").get<double>();
                f.high = entry.at("high").get<double>();
            }
            f.decimals = entry.at("decimals").get<int>();
            f.source = entry.at("source").get<std::string>();
            if (const auto when = entry.find("when"); when != entry.end()) {
                if (when->contains("thermal_zone")) {
                    f.thermalZone = when->at("thermal_zone").get<int>();
                }
                f.coolingDesign = when->value("cooling_design", "");
                if (when->contains("liquid")) {
                    f.liquid = when->at("liquid").get<bool>();
                }
                f.gridRegion = when->value("grid_region", "");
                f.platform = when->value("platform", "");
            }
            // A figure for a row the result table lacks would never show: a mistake.
            if (!findKpiField(f.kpi)) {
                throw std::logic_error("reference figure for unknown result row " + f.kpi);
            }
            figures.push_back(std::move(f));
        }
    }
    return figures;
}

/// The site-file name of the site's cooling design, from the field table's choices.
std::string coolingDesignName(CoolingDesign design) {
    if (const FieldDef* field = findSiteField("/cooling/design")) {
        for (const EnumChoice& choice : field->choices) {
            if (choice.value == static_cast<int>(design)) {
                return std::string(choice.name);
            }
        }
    }
    return {};
}

} // namespace

ReferenceContext referenceContext(const RunResult& result) {
    ReferenceContext context;
    context.thermalZone = thermalClimateZone(result.hourly.dryBulbC);
    if (const auto& inputs = result.inputs) {
        context.coolingDesign = coolingDesignName(inputs->coolingDesign);
        context.liquid = inputs->liquidItShare && *inputs->liquidItShare >= 0.5;
        context.gridRegion = inputs->gridRegion;
        context.platform = inputs->platformId;
    }
    return context;
}

bool ReferenceFigure::appliesTo(const ReferenceContext& c) const {
    return (!thermalZone || *thermalZone == c.thermalZone) &&
           (coolingDesign.empty() || coolingDesign == c.coolingDesign) &&
           (!liquid || (c.liquid && *liquid == *c.liquid)) &&
           (gridRegion.empty() || c.gridRegion.find(gridRegion) != std::string::npos) &&
           (platform.empty() || platform == c.platform);
}

int ReferenceFigure::conditions() const {
    return (thermalZone ? 1 : 0) + (coolingDesign.empty() ? 0 : 1) + (liquid ? 1 : 0) +
           (gridRegion.empty() ? 0 : 1) + (platform.empty() ? 0 : 1);
}

const std::vector<ReferenceFigure>& referenceFigures() {
    static const std::vector<ReferenceFigure> figures = parseFigures();
    return figures;
}

std::vector<const ReferenceFigure*> referenceFiguresFor(std::string_view kpi,
                                                        const ReferenceContext& context) {
    std::vector<const ReferenceFigure*> applying;
    for (const ReferenceFigure& f : referenceFigures()) {
        if (f.kpi == kpi && f.appliesTo(context)) {
            applying.push_back(&f);
        }
    }
    // Within a group, the most specific figure (a design in a zone over a national median).
    std::vector<const ReferenceFigure*> shown;
    for (const ReferenceFigure* f : applying) {
        const bool outranked =
            !f->group.empty() &&
            std::any_of(applying.begin(), applying.end(), [&](const ReferenceFigure* other) {
                return other->group == f->group && other->conditions() > f->conditions();
            });
        if (!outranked) {
            shown.push_back(f);
        }
    }
    return shown;
}

std::string referenceText(const ReferenceFigure& figure, const KpiField& field,
                          const DisplayUnits& units, const NumberStyle& style) {
    const FigureKind kind = field.display.kind;
    const auto number = [&](double si) {
        return formatValue(si, kind, figure.decimals, units, style);
    };
    std::string text = figure.label + " " + number(figure.value);
    if (const std::string unit = units.unit(kind); !unit.empty()) {
        text += " " + unit;
    }
    if (figure.low && figure.high) {
        text += " [" + number(*figure.low) + "\u2013" + number(*figure.high) + "]";
    }
    if (!figure.note.empty()) {
        text += " (" + figure.note + ")";
    }
    return text + " " + figure.source;
}

std::string climateZoneText(const ReferenceContext& context) {
    if (context.thermalZone < 0) {
        return {};
    }
    return "ASHRAE 169 thermal zone " + std::to_string(context.thermalZone) +
           " (from the weather year's degree-days) [ashrae-169-2013]";
}

std::string proxyStationText(const RunResult& result) {
    if (!result.inputs || !result.inputs->station) {
        return {};
    }
    const double km =
        stationDistanceKm(*result.inputs->station, result.inputs->location.latitudeDeg,
                          result.inputs->location.longitudeDeg);
    if (!(km > kProxyStationDistanceKm)) {
        return {};
    }
    return "The weather station is " + formatFixed(km, 0) +
           " km from the site; its hours stand in for the site's (a proxy).";
}

std::string referencesText(const KpiField& field, const ReferenceContext& context,
                           const DisplayUnits& units, const NumberStyle& style) {
    std::string text;
    for (const ReferenceFigure* figure : referenceFiguresFor(field.name, context)) {
        text += (text.empty() ? "" : "; ") + referenceText(*figure, field, units, style);
    }
    return text;
}

} // namespace headroom::model
