#include "model/sim/plant_sizing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

namespace headroom::model {

namespace {

// Standby generators: IT x PUE plus 20-25 % [I]; the upper end is taken.
constexpr double kGeneratorMargin = 1.25;
// Air handlers (fan walls) are counted in 500 kW units of design heat, N+1 per hall.
constexpr double kAirHandlerKw = 500.0;

} // namespace

DesignHour designHour(const Climate& climate, HallModel& hall, const OutdoorSeries& outdoor,
                      std::size_t worstHour) {
    DesignHour design;
    const std::array<std::size_t, 3> hours = designHours(outdoor);
    for (std::size_t h : {hours[0], hours[1], hours[2], worstHour}) {
        const HallHour hh = hall.evaluate(outdoorAt(climate, outdoor, h), 1.0);
        if (hh.chain.facilityKw > design.hall.chain.facilityKw) {
            design.hall = hh;
        }
        const double rackKw = hh.rackInputKw();
        if (rackKw > 0.0) {
            design.coolingDutyPerKw =
                std::max(design.coolingDutyPerKw, hh.cooling.mechanicalDutyKw / rackKw);
        }
    }
    return design;
}

PlantSizing sizePlant(const Site& site, const HallModel& hall, const DesignHour& design,
                      int hallsUsed, double scale) {
    const ElectricalChain& chain = hall.chain();
    const HallHour& d = design.hall;
    PlantSizing plant;
    plant.transformers = chain.transformers().installed * hallsUsed;
    plant.transformerRatingMw = chain.transformers().unitRatingKw / 1e3;
    plant.upsModules = chain.ups().installed * hallsUsed;
    plant.upsModuleRatingMw = chain.ups().unitRatingKw / 1e3;
    plant.designHourFacilityMw = scale * d.chain.facilityKw / 1e3;
    plant.upsLoadFraction =
        chain.ups().unitLoad(d.rackInputKw() + d.pduKw +
                             (site.electrical.mechanicalOnUps ? d.cooling.mechanicalKw() : 0.0));
    const double generatorKw = units::toKilowatts(site.electrical.generatorRating);
    plant.generatorRatingMw = generatorKw / 1e3;
    plant.generators = static_cast<int>(
        std::ceil(kGeneratorMargin * plant.designHourFacilityMw * 1e3 / generatorKw));
    plant.coolingUnits =
        (static_cast<int>(std::ceil(hall.design().airKw / kAirHandlerKw)) + 1) * hallsUsed;
    return plant;
}

void addPlantLines(const PlantSizing& plant, const DesignHour& design, double scale,
                   std::vector<BomLine>& billOfMaterials) {
    auto bom = [&](const char* category, std::string item, double quantity, const char* unit) {
        billOfMaterials.push_back({category, std::move(item), quantity, unit});
    };
    auto mw = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3g MW", value);
        return std::string(text);
    };
    bom("electrical", "MV/LV transformer " + mw(plant.transformerRatingMw), plant.transformers,
        "each");
    bom("electrical", "UPS module " + mw(plant.upsModuleRatingMw), plant.upsModules, "each");
    bom("electrical", "standby generator " + mw(plant.generatorRatingMw), plant.generators, "each");
    bom("cooling", "air handler (500 kW)", plant.coolingUnits, "each");
    bom("cooling", "mechanical cooling at the design hour",
        scale * design.hall.cooling.mechanicalDutyKw / 1e3, "MW");
}

} // namespace headroom::model
