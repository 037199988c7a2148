#pragma once
// The chip, platform and switch a site names, from the catalog (model/catalog), with the
// site's overrides: /it/chip and /it/platform bind the catalog's entry into Site, and the
// override rows after them in the table replace its figures one by one.

#include "model/site/site.h"

namespace headroom::model {

class FieldValue;

/// Bindings of /it/chip and /it/platform: the catalog's entry, or only its id when the
/// catalog lacks it (checkCatalogIds, site_read_steps.h, reports that).
void catalogChip(Site& site, const FieldValue& value);
void catalogPlatform(Site& site, const FieldValue& value);

} // namespace headroom::model
