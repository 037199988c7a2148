// The baseline water stress of the basin the site draws from (/water_stress): WRI Aqueduct
// 4.0's category and score as the user read them, with their source. Rows of the site
// field table; without the section a run does not assess water stress.
#include "model/site/site_binding.h"
#include "model/site/site_field_rows.h"

namespace headroom::model {

std::vector<FieldDef> waterStressFields() {
    using T = FieldType;
    return {
        {.pointer = "/water_stress",
         .type = T::Object,
         .doc = "Baseline water stress of the basin the site draws its water from: withdrawals "
                "over available renewable supply, WRI Aqueduct 4.0 [kuzma-2023-aqueduct], as "
                "read from its map for the site (give the reading's source). Leave out the "
                "category where none was found, and say so in the source."},
        {.pointer = "/water_stress/category",
         .type = T::Enum,
         .doc = "Aqueduct's baseline water stress category: low (< 10 %), low_medium "
                "(10-20 %), medium_high (20-40 %), high (40-80 %), extremely_high (> 80 %), or "
                "arid_low_water_use.",
         .choices = {{"arid_low_water_use", WaterStressCategory::AridLowWaterUse},
                     {"low", WaterStressCategory::Low},
                     {"low_medium", WaterStressCategory::LowMedium},
                     {"medium_high", WaterStressCategory::MediumHigh},
                     {"high", WaterStressCategory::High},
                     {"extremely_high", WaterStressCategory::ExtremelyHigh}},
         .to = into<&Site::waterStress, &WaterStressInputs::category>()},
        {.pointer = "/water_stress/score",
         .type = T::Number,
         .min = "0",
         .max = "5",
         .doc = "Aqueduct's baseline water stress score, 0-5 (1 at 10 % of supply withdrawn, "
                "one more for each doubling, 5 from 80 %).",
         .to = into<&Site::waterStress, &WaterStressInputs::score>()},
    };
}

} // namespace headroom::model
