#pragma once
// The rows of the site field table (site_fields.h), in parts by section; siteFields()
// joins them in this order, parents before children, the order the writer puts keys.
//
// Each default names its source: a publication of resources/references.json by id (such as
// the input ranges of Lei and Masanet [lei-masanet-2022]), or [I] for an engineering
// inference. Reports print these beside the figures they produce. Maxima of sizes and
// powers sit far above any real site (the largest campuses planned draw ~5 GW): they catch
// a unit slip or a typo such as "1e30 MW", not a design choice.

#include "model/site/site_fields.h"

#include <vector>

namespace headroom::model {

std::vector<FieldDef> placeFields();       ///< /format to /campus: the site, its weather and grid
std::vector<FieldDef> plantFields();       ///< /electrical and /cooling
std::vector<FieldDef> itFields();          ///< /it and /fabric
std::vector<FieldDef> workloadFields();    ///< /workloads: the training runs and inference services
std::vector<FieldDef> planFields();        ///< /plan: the site over years
std::vector<FieldDef> costFields();        ///< /cost
std::vector<FieldDef> cleanEnergyFields(); ///< /clean_energy: hourly carbon-free energy
std::vector<FieldDef> waterStressFields(); ///< /water_stress: the basin's baseline stress

/// The /workloads fields of the input-MFU model, which the performance engine replaced.
const std::vector<RetiredField>& retiredWorkloadFields();

} // namespace headroom::model
