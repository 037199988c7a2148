#pragma once
// Plant sizing and the bill of materials: the deployment at full utilization in the worst
// weather of the year (the design hour) sizes the transformers, UPS modules, generators,
// air handlers and mechanical cooling of the site.

#include "model/result/run_result.h"
#include "model/sim/hall_model.h"

#include <vector>

namespace headroom::model {

/// One hall at the design hour: the highest facility power among the design hours and the
/// year's worst hour, at full utilization.
struct DesignHour {
    HallHour hall;
    double coolingDutyPerKw = 0.0; ///< most mechanical duty per kW of rack input
};

DesignHour designHour(const Climate& climate, HallModel& hall, const OutdoorSeries& outdoor,
                      std::size_t worstHour);

/// The site's plant (every hall in use); scale is the halls in use (0 without IT).
PlantSizing sizePlant(const Site& site, const HallModel& hall, const DesignHour& design,
                      int hallsUsed, double scale);

/// The plant's lines of the bill of materials, after compute's.
void addPlantLines(const PlantSizing& plant, const DesignHour& design, double scale,
                   std::vector<BomLine>& billOfMaterials);

} // namespace headroom::model
