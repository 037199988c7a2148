// Hourly carbon-free energy (/clean_energy): the grid whose hourly mix the site draws from,
// and the clean supply it contracts (wind and solar PPAs, a battery). Rows of the site field
// table; a site without /clean_energy reports no CFE figures, and an absent contract is none.
#include "model/site/site_binding.h"
#include "model/site/site_field_rows.h"

namespace headroom::model {

std::vector<FieldDef> cleanEnergyFields() {
    using T = FieldType;
    using Q = QuantityKind;
    return {
        {.pointer = "/clean_energy",
         .type = T::Object,
         .doc = "24/7 carbon-free energy: the share of each hour's consumption met by "
                "carbon-free generation on the same grid, the grid's own and the contracts', "
                "as Google defines it [google-2021-cfe]; without it a run reports no CFE "
                "figures. Its wind and solar contracts are the site's one home for contracted "
                "clean supply with an hourly profile: a site with them has no "
                "/grid/renewable/fraction."},
        {.pointer = "/clean_energy/grid_mix",
         .type = T::Enum,
         .required = true,
         .doc = "Balancing authority whose 2022 hourly generation mix the site draws from "
                "(EIA-930 [eia-930], bundled): its carbon-free share each hour is wind, solar, "
                "hydro and nuclear over all its generation (other fuels, biomass among them, "
                "count as not carbon-free). AZPS (Arizona Public Service), BPAT (Bonneville "
                "Power Administration), PJM. The contracts' hourly output follows the same "
                "authority's wind and solar fleets, so the two share their weather.",
         .choices = {{"AZPS", BalancingAuthority::AZPS},
                     {"BPAT", BalancingAuthority::BPAT},
                     {"PJM", BalancingAuthority::PJM}},
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::gridMix>()},
        {.pointer = "/clean_energy/wind",
         .type = T::Object,
         .doc = "A wind power purchase agreement on the same grid."},
        {.pointer = "/clean_energy/wind/capacity",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "100 GW",
         .required = true,
         .doc = "Contracted wind capacity. Each hour it delivers capacity x the balancing "
                "authority's wind output that hour / the fleet's highest hour of 2022 "
                "(EIA-930 [eia-930]).",
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::windCapacity>()},
        {.pointer = "/clean_energy/solar",
         .type = T::Object,
         .doc = "A solar power purchase agreement on the same grid."},
        {.pointer = "/clean_energy/solar/capacity",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "100 GW",
         .required = true,
         .doc = "Contracted solar capacity (AC). Each hour it delivers capacity x the "
                "balancing authority's solar output that hour / the fleet's highest hour of "
                "2022 (EIA-930 [eia-930]).",
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::solarCapacity>()},
        {.pointer = "/clean_energy/battery",
         .type = T::Object,
         .doc = "A battery charged only from contracted clean supply the site cannot use that "
                "hour, and discharged in the hours that supply falls short."},
        {.pointer = "/clean_energy/battery/power",
         .type = T::Quantity,
         .quantity = Q::Power,
         .min = "0 MW",
         .max = "100 GW",
         .exclusiveMin = true,
         .required = true,
         .doc = "Most power the battery charges or discharges in an hour.",
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::battery, &BatteryInputs::power>()},
        {.pointer = "/clean_energy/battery/energy",
         .type = T::Quantity,
         .quantity = Q::Energy,
         .min = "0 MWh",
         .max = "1000 GWh",
         .exclusiveMin = true,
         .required = true,
         .doc = "Usable energy the battery holds.",
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::battery, &BatteryInputs::energy>()},
        {.pointer = "/clean_energy/battery/round_trip_efficiency",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "50 %",
         .max = "100 %",
         .defaultJson = "\"85 %\"",
         .doc = "Energy discharged per energy charged. Default: the 85 % of a utility-scale "
                "lithium-ion battery in NREL's projections [cole-2023-nrel-battery].",
         .to = into<&Site::cleanEnergy, &CleanEnergyInputs::battery,
                    &BatteryInputs::roundTripEfficiency>()},
    };
}

} // namespace headroom::model
