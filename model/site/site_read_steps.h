#pragma once
// The steps of reading one site, in the order site_reader.cpp runs them, and the state
// they share: the document, where its values are in the file, the diagnostics, and the
// assumptions the file sources. One file each:
//   checkSiteSyntax ... site_syntax_check.cpp: every member against its row (type, range,
//                       unit, choice, series shape) and every "source"
//   readSiteClimate ... site_climate_source.cpp: the weather year from an EPW, a digest or a CSV
//   fillSite .......... site_fill.cpp: each value the run takes, into Site by its row's binding
//   checkCatalogIds ... site_catalog.cpp: the chip, platform and switch are in the catalog
//   checkSitePhysics .. site_physics_check.cpp: combinations of valid fields no model computes
//   checkSitePlan ..... site_plan_check.cpp: the years of /plan can all run
// A batch's variants of one site re-run only the last two (site_variants.cpp).
// Format upgrades run before all of them (site_format_upgrade.cpp).

#include "model/core/assumption.h"
#include "model/core/diagnostic.h"
#include "model/json/located_json.h"
#include "model/site/hourly_series_reader.h"
#include "model/site/site_reader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// What every step reads and reports through. Steps copy it (it holds references).
class SiteReadContext {
public:
    SiteReadContext(const nlohmann::json& document, const LocatedJson* located,
                    std::string fileName, std::filesystem::path baseDir, Diagnostics& diagnostics,
                    std::vector<Assumption>& sources)
        : m_doc(document)
        , m_located(located)
        , m_file(std::move(fileName))
        , m_baseDir(std::move(baseDir))
        , m_diagnostics(diagnostics)
        , m_assumptions(sources) {}

protected:
    /// A diagnostic at pointer, located at its value (or its key) when the text is known.
    void report(const std::string& pointer, Severity severity, DiagnosticKind kind,
                std::string message, bool atKey = false) const;
    void error(const std::string& pointer, std::string message,
               DiagnosticKind kind = DiagnosticKind::Meaning) const;
    void warning(const std::string& pointer, std::string message, bool atKey = false) const;

    /// The value the file gives at pointer, or null.
    const nlohmann::json* findValue(const std::string& pointer) const;
    /// The value at pointer, or its field's default for this design; null when neither.
    nlohmann::json value(const std::string& pointer) const;
    /// The value at pointer read as its row reads it (FieldValue); empty, nothing or 0 when
    /// there is no value, or no row matches pointer.
    std::string text(const std::string& pointer) const;
    std::optional<double> number(const std::string& pointer) const;
    int choice(const std::string& pointer) const;

    const nlohmann::json& m_doc;
    const LocatedJson* m_located;
    std::string m_file;
    std::filesystem::path m_baseDir; ///< relative paths in the file start here
    Diagnostics& m_diagnostics;
    std::vector<Assumption>& m_assumptions; ///< what the file sources, in file order
};

/// "a number 27", "an object", "true", "a string \"x\"": what was found, for messages.
std::string describeFound(const nlohmann::json& value);
/// The pointer with array indices replaced by "*", to find its field's row.
std::string patternOf(const std::string& pointer);

void checkSiteSyntax(const SiteReadContext& context);
/// One value against its row, as checkSiteSyntax checks it in the whole document.
void checkSiteValue(const SiteReadContext& context, const FieldDef& field,
                    const nlohmann::json& value, const std::string& pointer);
/// A value as an assumption the file sources shows it: a string's text, else its JSON.
std::string sourcedValueText(const nlohmann::json& value);
/// The climate, from climates when it holds it (under climateKey when given, else under
/// climateCacheKey() of the document); null after an error.
std::shared_ptr<const Climate> readSiteClimate(const SiteReadContext& context,
                                               ClimateCache* climates, std::string climateKey);
void fillSite(const SiteReadContext& context, Site& site, const HourCalendar& calendar);
void checkCatalogIds(const SiteReadContext& context, const Site& site);
void checkSitePhysics(const SiteReadContext& context, const Site& site);
void checkSitePlan(const SiteReadContext& context, const Site& site);
/// The checks across fields, in order: checkSitePhysics, then checkSitePlan. They decide
/// from site alone; the document gives their messages the values as the file spells them.
void checkSiteAcrossFields(const SiteReadContext& context, const Site& site);

/// readSiteDocument(document, fileName, baseDir, climates, climateKey), and the number of
/// its diagnostics that came before the checks across fields (SiteVariants keeps those).
SiteLoad readSiteDocument(nlohmann::json&& document, const std::string& fileName,
                          const std::filesystem::path& baseDir, ClimateCache* climates,
                          std::string climateKey, std::size_t& acrossFieldsAt);

} // namespace headroom::model
