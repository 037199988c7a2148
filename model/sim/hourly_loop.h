#pragma once
// The hourly loop: one hall through every hour of the climate year, at the hour's chip
// utilization, scaled to the halls in use and written into the result's hourly series.

#include "model/result/run_result.h"
#include "model/sim/fill_check.h"
#include "model/sim/hall_model.h"
#include "model/sim/kpis.h"

namespace headroom::model {

/// Fills hourly (sized to the climate year beforehand), adds every hour to kpis (its
/// months' runs begun and ended; kpis.finish() is the caller's) and returns the hours the
/// capacity figures depend on: the worst hour (highest facility / rack-input ratio) and,
/// with a water-supply limit, the thirstiest days.
ConstraintHours simulateHours(const Site& site, HallModel& hall, const OutdoorSeries& outdoor,
                              double scale, HourlyResults& hourly, KpiSums& kpis);

} // namespace headroom::model
