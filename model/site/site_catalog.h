#pragma once
// The chip, platform and switch a site names, from the catalog (model/catalog), with the
// site's overrides: /it/chip and /it/platform bind the catalog's entry into Site, and the
// override rows after them in the table replace its figures one by one.

#include "model/core/diagnostic.h"
#include "model/site/site.h"

#include <functional>
#include <string>

namespace headroom::model {

class FieldValue;

/// Bindings of /it/chip and /it/platform: the catalog's entry, or only its id when the
/// catalog lacks it (checkCatalogIds reports that).
void catalogChip(Site& site, const FieldValue& value);
void catalogPlatform(Site& site, const FieldValue& value);

/// An error naming the catalog's entries for each id of site the catalog lacks.
void checkCatalogIds(
    const Site& site,
    const std::function<void(const std::string& pointer, std::string message)>& error);

} // namespace headroom::model
