#pragma once
// Capacity: the most IT (rack input, full utilization) the site holds under each
// constraint alone (interconnect, hall power, rack positions, cooling, water), the binding
// one, the headroom under each, and the most UltraServers the binding one allows.

#include "model/result/run_result.h"
#include "model/sim/hall_model.h"
#include "model/sim/plant_sizing.h"

namespace headroom::model {

/// From the simulated year (annual: design-hour PUE, thirstiest day); warns in diagnostics
/// of each constraint the deployment breaks. scale is the halls in use (0 without IT).
CapacityResult siteCapacity(const Site& site, const ComputeSizing& compute, const HallModel& hall,
                            const DesignHour& design, const AnnualResults& annual, double scale,
                            Diagnostics& diagnostics);

} // namespace headroom::model
