#include "model/site/site_reader.h"

#include "model/core/text_file.h"
#include "model/site/site_read_steps.h"

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

// Check first (the whole document, collecting every problem); only then read the weather,
// fill Site from the table and check what needs the values together (site_read_steps.h).
std::optional<Site> readSite(const SiteReadContext& context, ClimateCache* climates,
                             std::string climateKey, const Diagnostics& diagnostics) {
    checkSiteSyntax(context);
    if (diagnostics.hasErrors()) {
        return std::nullopt;
    }
    Site site;
    site.climate = readSiteClimate(context, climates, std::move(climateKey));
    // The standard year only when the weather did not read (made once, not discarded).
    const HourCalendar calendar =
        site.climate ? HourCalendar::fromClimate(*site.climate) : HourCalendar::standardYear();
    fillSite(context, site, calendar);
    checkCatalogIds(context, site);
    if (!diagnostics.hasErrors()) {
        checkSitePhysics(context, site);
        checkSitePlan(context, site);
    }
    if (diagnostics.hasErrors()) {
        return std::nullopt;
    }
    return site;
}

SiteLoad readParsed(SiteLoad load, const LocatedJson* located, const std::string& fileName,
                    const fs::path& baseDir, ClimateCache* climates = nullptr,
                    std::string climateKey = {}) {
    Diagnostics upgrade;
    const bool upgraded = upgradeSiteDocument(load.document, fileName, upgrade);
    for (auto diagnostic : upgrade.items()) {
        if (located != nullptr) {
            const auto at = located->valuePosition(diagnostic.pointer);
            diagnostic.line = at.line;
            diagnostic.column = at.column;
        }
        load.diagnostics.add(diagnostic);
    }
    if (!upgraded) {
        return load;
    }
    std::vector<Assumption> sources;
    const SiteReadContext context(load.document, located, fileName, baseDir, load.diagnostics,
                                  sources);
    load.site = readSite(context, climates, std::move(climateKey), load.diagnostics);
    return load;
}

} // namespace

SiteLoad readSiteText(std::string_view text, const std::string& fileName, const fs::path& baseDir) {
    SiteLoad load;
    auto parsed = parseLocatedJson(text, fileName);
    load.diagnostics = parsed.diagnostics;
    if (!parsed.json) {
        return load;
    }
    load.document = parsed.json->value;
    load.numberText = parsed.json->numbers;
    return readParsed(std::move(load), &*parsed.json, fileName, baseDir);
}

SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const fs::path& baseDir) {
    SiteLoad load;
    load.document = document;
    return readParsed(std::move(load), nullptr, fileName, baseDir);
}

SiteLoad readSiteDocument(const nlohmann::json& document, const std::string& fileName,
                          const fs::path& baseDir, ClimateCache* climates) {
    SiteLoad load;
    load.document = document;
    return readParsed(std::move(load), nullptr, fileName, baseDir, climates);
}

SiteLoad readSiteDocument(nlohmann::json&& document, const std::string& fileName,
                          const fs::path& baseDir, ClimateCache* climates, std::string climateKey) {
    SiteLoad load;
    load.document = std::move(document);
    return readParsed(std::move(load), nullptr, fileName, baseDir, climates, std::move(climateKey));
}

std::string climateCacheKey(std::string_view climateText, std::string_view locationText,
                            const fs::path& baseDir) {
    std::string key;
    key.reserve(climateText.size() + locationText.size() + baseDir.native().size() + 2);
    key.append(climateText).append("\n").append(locationText).append("\n").append(baseDir.native());
    return key;
}

ClimateCache::Entry ClimateCache::get(const std::string& key, const std::function<Entry()>& make) {
    const std::lock_guard lock(m_mutex);
    auto found = m_entries.find(key);
    if (found == m_entries.end()) {
        found = m_entries.emplace(key, make()).first;
    }
    return found->second;
}

SiteLoad readSiteFile(const fs::path& path) {
    const std::string fileName = path.string();
    TextFile file = readTextFile(path);
    if (file.status != TextFile::Status::Ok) {
        SiteLoad load;
        load.diagnostics.add(unreadableFileDiagnostic(path, file.status, "site file"));
        return load;
    }
    return readSiteText(file.text, fileName, path.parent_path());
}

} // namespace headroom::model
