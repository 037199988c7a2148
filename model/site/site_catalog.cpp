#include "model/site/site_catalog.h"

#include "model/catalog/catalog.h"
#include "model/site/site_binding.h"
#include "model/site/site_read_steps.h"

namespace headroom::model {

void catalogChip(Site& site, const FieldValue& value) {
    const std::string id = value.text();
    if (auto chip = Catalog::builtin().chip(id)) {
        site.it.chip = *chip;
    } else {
        site.it.chip = ChipSpec();
        site.it.chip.id = id;
    }
}

void catalogPlatform(Site& site, const FieldValue& value) {
    const std::string id = value.text();
    if (auto platform = Catalog::builtin().platform(id)) {
        site.it.platform = *platform;
    } else {
        site.it.platform = PlatformSpec();
        site.it.platform.id = id;
    }
}

namespace {

class CatalogCheck : SiteReadContext {
public:
    explicit CatalogCheck(const SiteReadContext& context)
        : SiteReadContext(context) {}

    void run(const Site& site) const {
        const Catalog& catalog = Catalog::builtin();
        auto unknown = [&](const std::string& pointer, const std::string& group,
                           const std::string& kind, const std::string& id) {
            std::string known;
            for (const auto& [entryGroup, entryId] : catalog.listing()) {
                if (entryGroup == group) {
                    known += (known.empty() ? "" : ", ") + entryId;
                }
            }
            error(pointer, "unknown " + kind + " " + quotedExcerpt(id) + "; the catalog's " +
                               group + " are: " + known);
        };
        if (!catalog.chip(site.it.chip.id)) {
            unknown("/it/chip", "chips", "chip", site.it.chip.id);
        }
        if (!catalog.platform(site.it.platform.id)) {
            unknown("/it/platform", "platforms", "platform", site.it.platform.id);
        }
        if (!catalog.networkSwitch(site.fabric.switchId)) {
            unknown("/fabric/switch", "switches", "switch", site.fabric.switchId);
        }
    }
};

} // namespace

void checkCatalogIds(const SiteReadContext& context, const Site& site) {
    CatalogCheck(context).run(site);
}

} // namespace headroom::model
