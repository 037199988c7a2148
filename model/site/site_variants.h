#pragma once
// A site read once for the variants a batch runs: each variant is the base document with a
// few values replaced (a sweep's scenario). A variant that replaces only numbers the field
// table binds alone is read from the base's Site: the new values are checked against their
// rows and bound, and the checks across fields run again. Reading the whole edited
// document instead (readSiteDocument) gives the same Site and the same diagnostics; the
// variant reader declines every other variant, and the caller reads those whole.

#include "model/core/diagnostic.h"
#include "model/site/site_reader.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// One edit of a site document: the value that replaces what is at pointer.
struct Override {
    std::string pointer; ///< RFC 6901, e.g. "/cooling/supply_air/max"
    nlohmann::json value;
};

struct SiteVariantRead {
    Site site;
    Diagnostics diagnostics; ///< warnings only: a variant with an error is read whole
};

class SiteVariants {
public:
    /// Reads document once, as readSiteDocument(document, fileName, baseDir, climates,
    /// climateKey) does.
    SiteVariants(nlohmann::json document, std::string fileName, std::filesystem::path baseDir,
                 ClimateCache* climates, std::string climateKey);
    ~SiteVariants();
    SiteVariants(const SiteVariants&) = delete;
    SiteVariants& operator=(const SiteVariants&) = delete;

    /// The base with overrides applied, when each override replaces a value the document
    /// has, outside /format, /climate and /location, with a valid quantity, number, count,
    /// ratio or date whose row binds it (see boundAlone in the .cpp), and the variant's
    /// checks across fields find nothing. Otherwise nothing: read the edited document whole.
    std::optional<SiteVariantRead> read(const std::vector<Override>& overrides) const;

private:
    nlohmann::json m_document;
    std::string m_file;
    std::filesystem::path m_baseDir;
    std::optional<Site> m_site; ///< empty when the base has an error, or is an older format
    /// The base's diagnostics before its checks across fields, which each variant runs anew.
    Diagnostics m_fieldDiagnostics;
    /// The base's assumptions with the values of sourced fields replaced, shared by every
    /// variant that replaces them alike (a sweep over 100 interconnect sizes makes 100 lists,
    /// not one per scenario). Thread-safe, bounded.
    struct AssumptionLists;
    std::unique_ptr<AssumptionLists> m_assumptionLists;
};

} // namespace headroom::model
