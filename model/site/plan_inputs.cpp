#include "model/site/plan_inputs.h"

#include "model/catalog/cost_catalog.h"

namespace headroom::model {

std::string_view costFieldOf(PlanInput input) {
    switch (input) {
    case PlanInput::ConstructionCost:
        return "/cost/construction_per_mw_it";
    case PlanInput::ElectricityPrice:
        return "/cost/electricity/price";
    case PlanInput::BuildingCarbon:
        return "/cost/embodied/building";
    case PlanInput::HbmCarbon:
        return "/cost/embodied/hbm_carbon";
    case PlanInput::Warming:
    case PlanInput::GridDecarbonization:
    case PlanInput::Utilization:
    case PlanInput::ChipPower:
    case PlanInput::FanPower:
    case PlanInput::ServiceLife:
        break;
    }
    return {};
}

std::optional<TriangularScales> catalogRangeScales(PlanInput input) {
    const std::string_view field = costFieldOf(input);
    const CostFigure* figure = field.empty() ? nullptr : CostCatalog::builtin().forField(field);
    if (figure == nullptr) {
        return std::nullopt;
    }
    if (!(figure->valueSi > 0.0)) {
        return std::nullopt;
    }
    const double c = figure->valueSi;
    return TriangularScales{figure->lowSi / c, 1.0, figure->highSi / c};
}

} // namespace headroom::model
