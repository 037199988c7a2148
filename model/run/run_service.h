#pragma once
// The one run service both front ends use (docs/ARCHITECTURE.md): load a site
// (a file, or the embedded default), apply a scenario's overrides, read the result
// through the site reader so every value is checked, hash the canonical document, and
// simulate. Climates are cached across the scenarios of a batch: a sweep of 10,000
// variants of one site reads its weather once.

#include "model/core/feedback.h"
#include "model/run/scenario_overrides.h"
#include "model/sim/simulate.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

/// "st-joseph-county-in.json": the site `headroom-cli run` uses when given none.
inline constexpr const char* kDefaultSiteFileName = "st-joseph-county-in.json";

/// A site document, as text and parsed, with what resolves its relative paths.
struct SiteSource {
    std::string text;              ///< the file's bytes (located diagnostics come from it)
    nlohmann::json document;       ///< parsed
    std::string fileName;          ///< labels diagnostics
    std::filesystem::path baseDir; ///< relative paths inside resolve against it
    /// canonicalMemberTexts(document): scenario hashes reuse what overrides leave alone.
    std::map<std::string, std::string> memberTexts;
};

struct SiteSourceLoad {
    std::optional<SiteSource> source;
    Diagnostics diagnostics;
};

/// Loads path, or the embedded default site when path is empty.
SiteSourceLoad loadSiteSource(const std::filesystem::path& path);
/// The same from a file's text already read; fileName labels diagnostics, relative paths
/// inside resolve against baseDir.
SiteSourceLoad siteSourceFromText(std::string text, std::string fileName,
                                  std::filesystem::path baseDir);

/// A scenario made from a source and overrides, checked by the site reader.
struct ScenarioBuild {
    std::optional<Scenario> scenario; ///< empty when the site reader found an error
    std::string parametersJson;       ///< canonicalParameters(overrides)
    std::string hash;                 ///< of the canonical document (even when invalid)
    Diagnostics diagnostics;
};

struct ScenarioRun {
    std::optional<RunResult> result;
    std::shared_ptr<const Scenario> scenario; ///< what was simulated (reports print its site)
    std::string parametersJson;
    std::string hash;
    Diagnostics diagnostics; ///< of making the scenario (the result carries its own)
};

/// Sizes the site's deployment (model/sizing) and returns the errors that make a year not
/// worth simulating: more UltraServers than the halls hold, more IT than the interconnect,
/// a fabric beyond its tiers. Each carries fileName and, when text is the document as
/// written (not an edited one), its line and column. RunService::prepare refuses a
/// scenario with any, and `headroom-cli validate` reports them, so both say the same.
Diagnostics checkDeployment(const Site& site, const std::string& fileName, std::string_view text);

class RunService {
public:
    RunService();
    ~RunService();

    /// Applies overrides and reads the document through the site reader; a variant that
    /// replaces only numbers is read from the source's base, read once (SiteVariants), to
    /// the same Site. Thread-safe.
    ScenarioBuild prepare(const SiteSource& source, const std::vector<Override>& overrides);
    /// prepare() then simulate(). Thread-safe: a batch calls it from every worker.
    ScenarioRun run(const SiteSource& source, const std::vector<Override>& overrides,
                    Feedback& feedback);

private:
    /// The source's base read once for its variants (SiteVariants), and its canonical text
    /// cut where the overrides land (CanonicalCut): prepare() reads a variant from it when
    /// it can, and the whole edited document otherwise, and hashes it from the cut.
    struct Base;
    std::shared_ptr<Base> baseOf(const SiteSource& source);

    struct Cache;
    std::unique_ptr<Cache> m_cache;
};

} // namespace headroom::model
