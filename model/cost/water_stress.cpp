#include "model/cost/water_stress.h"

#include <cmath>
#include <string>

namespace headroom::model {

bool isWaterStressed(WaterStressCategory category) {
    return category == WaterStressCategory::High || category == WaterStressCategory::ExtremelyHigh;
}

WaterStressResult siteWaterStress(const Site& site, const RunResult& result,
                                  Diagnostics& diagnostics) {
    const WaterStressInputs& in = *site.waterStress;
    WaterStressResult r;
    r.category = in.category;
    r.score = in.score;
    if (!in.category) {
        return r;
    }
    const bool stressed = isWaterStressed(*in.category);
    r.waterInStressM3 = stressed ? result.annual.waterM3 : 0.0;
    // Every design but air-cooled chillers evaporates water to reject heat in some hours.
    if (stressed && site.cooling.design != CoolingDesign::AirCooledChillers) {
        const std::string level =
            *in.category == WaterStressCategory::ExtremelyHigh ? "extremely high" : "high";
        diagnostics.add(
            {{},
             0,
             0,
             "/cooling/design",
             Severity::Warning,
             DiagnosticKind::Meaning,
             "a design that evaporates water (" +
                 std::to_string(static_cast<long long>(std::llround(result.annual.waterM3))) +
                 " m3 this year) in a basin of " + level +
                 " baseline water stress (WRI Aqueduct 4.0, /water_stress/category); "
                 "air_cooled_chillers uses none"});
    }
    return r;
}

} // namespace headroom::model
