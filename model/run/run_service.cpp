#include "model/run/run_service.h"

#include "model/core/install_paths.h"
#include "model/core/sha256.h"
#include "model/core/text_file.h"
#include "model/json/located_json.h"
#include "model/run/embedded_site.h"
#include "model/site/site_reader.h"
#include "model/sizing/compute_sizing.h"

#include <mutex>

namespace headroom::model {

struct RunService::Base {
    Base(const SiteSource& source, ClimateCache* climates, std::string climateKey)
        : variants(source.document, source.fileName, source.baseDir, climates,
                   std::move(climateKey)) {}

    /// The cut for the overrides' pointers, made the second time a list of pointers comes
    /// (a sweep's scenarios share theirs; a list sweep's may each differ, and a cut costs
    /// a copy of the document); nothing before, or when the overrides do more than replace
    /// values.
    std::shared_ptr<const CanonicalCut> cutFor(const nlohmann::json& document,
                                               const std::vector<Override>& overrides) {
        std::vector<std::string> pointers;
        pointers.reserve(overrides.size());
        for (const Override& edit : overrides) {
            pointers.push_back(edit.pointer);
        }
        const std::lock_guard lock(mutex);
        if (cuts.size() >= kMaxCuts) {
            cuts.clear();
        }
        const auto entry = cuts.try_emplace(std::move(pointers)).first;
        auto& [seen, cut] = entry->second;
        if (++seen == 2) {
            if (auto made = CanonicalCut::of(document, entry->first)) {
                cut = std::make_shared<const CanonicalCut>(std::move(*made));
            }
        }
        return cut;
    }

    SiteVariants variants;
    static constexpr std::size_t kMaxCuts = 64;
    std::mutex mutex;
    /// By list of pointers: how often it came, and its cut.
    std::map<std::vector<std::string>, std::pair<int, std::shared_ptr<const CanonicalCut>>> cuts;
};

struct RunService::Cache {
    ClimateCache climates;
    /// The base of the source last prepared with overrides (a batch has one), read once,
    /// and the text it was read from.
    std::mutex baseMutex;
    std::string baseText, baseFile;
    std::filesystem::path baseDir;
    std::shared_ptr<Base> base;
};

RunService::RunService()
    : m_cache(std::make_unique<Cache>()) {}
RunService::~RunService() = default;

SiteSourceLoad loadSiteSource(const std::filesystem::path& path) {
    SiteSourceLoad load;
    SiteSource source;
    if (path.empty()) {
        const auto files = embeddedSiteFiles();
        if (files.empty()) {
            Diagnostic diagnostic;
            diagnostic.file = kDefaultSiteFileName;
            diagnostic.kind = DiagnosticKind::NotFound;
            diagnostic.message = "this build has no embedded default site; name a site file";
            load.diagnostics.add(diagnostic);
            return load;
        }
        source.text = std::string(files.front().text);
        source.fileName = std::string(files.front().name);
        // Paths inside the default site (its weather file) resolve in the installed data
        // folder, or in the source tree when run from a build folder.
        source.baseDir = dataDirectory() / "sample_sites";
    } else {
        TextFile file = readTextFile(path);
        if (file.status != TextFile::Status::Ok) {
            load.diagnostics.add(unreadableFileDiagnostic(path, file.status, "site file"));
            return load;
        }
        source.text = std::move(file.text);
        source.fileName = path.string();
        source.baseDir = path.parent_path();
    }
    return siteSourceFromText(std::move(source.text), std::move(source.fileName),
                              std::move(source.baseDir));
}

SiteSourceLoad siteSourceFromText(std::string text, std::string fileName,
                                  std::filesystem::path baseDir) {
    SiteSourceLoad load;
    SiteSource source;
    source.text = std::move(text);
    source.fileName = std::move(fileName);
    source.baseDir = std::move(baseDir);
    // The located parser bounds the nesting (kMaxJsonDepth), so every later walk of the
    // document (the canonical dump, copies, overrides) recurses at most that deep; a
    // document 60,000 levels deep is a located error here, not a stack overflow there.
    auto parsed = parseLocatedJson(source.text, source.fileName);
    if (!parsed.json) {
        load.diagnostics.append(parsed.diagnostics);
        return load;
    }
    source.document = std::move(parsed.json->value);
    source.memberTexts = canonicalMemberTexts(source.document);
    load.source = std::move(source);
    return load;
}

namespace {

/// The errors of sizing, located in text when it is the document as written.
Diagnostics deploymentErrors(const Diagnostics& sizing, const std::string& fileName,
                             std::string_view text) {
    Diagnostics errors;
    if (!sizing.hasErrors()) {
        return errors;
    }
    // Located only on this (rare) path: a second parse costs nothing beside a refusal.
    std::optional<LocatedJson> located;
    if (!text.empty()) {
        located = parseLocatedJson(text, fileName).json;
    }
    for (Diagnostic diagnostic : sizing.items()) {
        if (diagnostic.severity != Severity::Error) {
            continue;
        }
        diagnostic.file = fileName;
        if (located) {
            const auto at = located->valuePosition(diagnostic.pointer);
            diagnostic.line = at.line;
            diagnostic.column = at.column;
        }
        errors.add(std::move(diagnostic));
    }
    return errors;
}

/// The key that names a document's climate in the cache, from the canonical texts of its
/// members when no override touched "climate" or "location"; empty (the reader writes
/// the key out itself) otherwise.
std::string climateKey(const SiteSource& source, const std::vector<Override>& overrides) {
    for (const Override& edit : overrides) {
        if (edit.pointer.starts_with("/climate") || edit.pointer.starts_with("/location")) {
            return {};
        }
    }
    const auto climate = source.memberTexts.find("climate");
    const auto location = source.memberTexts.find("location");
    if (climate == source.memberTexts.end() || location == source.memberTexts.end()) {
        return {};
    }
    return climateCacheKey(climate->second, location->second, source.baseDir);
}

} // namespace

Diagnostics checkDeployment(const Site& site, const std::string& fileName, std::string_view text) {
    Diagnostics sizing;
    sizeCompute(site, Catalog::builtin(), sizing);
    return deploymentErrors(sizing, fileName, text);
}

std::shared_ptr<RunService::Base> RunService::baseOf(const SiteSource& source) {
    const std::lock_guard lock(m_cache->baseMutex);
    Cache& cache = *m_cache;
    if (!cache.base || cache.baseText != source.text || cache.baseFile != source.fileName ||
        cache.baseDir != source.baseDir) {
        cache.base = std::make_shared<Base>(source, &cache.climates, climateKey(source, {}));
        cache.baseText = source.text;
        cache.baseFile = source.fileName;
        cache.baseDir = source.baseDir;
    }
    return cache.base;
}

ScenarioBuild RunService::prepare(const SiteSource& source,
                                  const std::vector<Override>& overrides) {
    ScenarioBuild build;
    build.parametersJson = canonicalParameters(overrides);
    SiteLoad read;
    if (overrides.empty()) {
        // The document as written: diagnostics keep their lines and columns.
        read = readSiteText(source.text, source.fileName, source.baseDir);
        build.hash = sha256Hex(canonicalDocument(source.document, source.memberTexts, {}));
    } else {
        const auto base = baseOf(source);
        // The canonical text is not written out when the base's is cut where these land.
        auto hash = [&] {
            const auto cut = base->cutFor(source.document, overrides);
            return cut ? cut->hash(overrides)
                       : sha256Hex(
                             canonicalDocument(source.document, source.memberTexts, overrides));
        };
        if (auto variant = base->variants.read(overrides)) {
            // The base's Site with the new values bound: no copy of the document, no read.
            build.hash = hash();
            read.site = std::move(variant->site);
            read.diagnostics = std::move(variant->diagnostics);
        } else {
            // One copy of the document, edited, then read (moved into the reader, the
            // climate found by its key).
            nlohmann::json document = source.document;
            if (!applyOverrides(document, overrides, source.fileName, build.diagnostics)) {
                return build;
            }
            build.hash = hash();
            read = readSiteDocument(std::move(document), source.fileName, source.baseDir,
                                    &m_cache->climates, climateKey(source, overrides));
        }
    }
    build.diagnostics.append(read.diagnostics);
    if (!read.site || build.diagnostics.hasErrors()) {
        return build;
    }
    // Sized once: the deployment checked here is the one simulate() runs.
    SizedDeployment deployment;
    deployment.compute = sizeCompute(*read.site, Catalog::builtin(), deployment.diagnostics);
    build.diagnostics.append(
        deploymentErrors(deployment.diagnostics, source.fileName,
                         overrides.empty() ? source.text : std::string_view()));
    if (!build.diagnostics.hasErrors()) {
        build.scenario = Scenario{std::move(*read.site), build.hash, std::move(deployment)};
    }
    return build;
}

ScenarioRun RunService::run(const SiteSource& source, const std::vector<Override>& overrides,
                            Feedback& feedback) {
    ScenarioBuild build = prepare(source, overrides);
    ScenarioRun run;
    run.parametersJson = std::move(build.parametersJson);
    run.hash = build.hash;
    run.diagnostics = std::move(build.diagnostics);
    if (!build.scenario) {
        return run;
    }
    auto scenario = std::make_shared<const Scenario>(std::move(*build.scenario));
    RunResult result = simulate(*scenario, feedback);
    result.scenarioHash = build.hash;
    result.utcOffsetHours = scenario->site.location.utcOffsetHours;
    if (result.siteName.empty()) {
        result.siteName = scenario->site.name;
    }
    run.result = std::move(result);
    run.scenario = std::move(scenario);
    return run;
}

} // namespace headroom::model
