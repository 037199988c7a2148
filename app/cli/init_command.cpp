// headroom-cli init: a new site file from a weather file, through the same model function
// as the desktop's File > New Site… (model/run/new_site.h).
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/core/atomic_file.h"
#include "model/core/text_file.h"
#include "model/run/new_site.h"
#include "model/site/site_document_text.h"
#include "model/site/site_writer.h"

#include <filesystem>
#include <iostream>

namespace headroom::cli {

namespace {

int runInit(std::span<const std::string> args) {
    model::NewSiteRequest request;
    std::string weather;
    std::string out;
    std::string templateFile;
    bool force = false;
    bool reference = false;
    std::vector<std::string> extra;
    if (const int code = parseArguments("init", args,
                                        {{"--weather", "", &weather, nullptr, "an EPW file"},
                                         {"--name", "", &request.name, nullptr, "a site name"},
                                         {"--out", "", &out, nullptr, "a file name"},
                                         {"--template", "", &templateFile, nullptr, "a site file"},
                                         {"--reference", "", nullptr, &reference},
                                         {"--force", "", nullptr, &force}},
                                        extra);
        code != kOk) {
        return code;
    }
    if (!extra.empty()) {
        return usageError("init", "unknown argument '" + extra.front() + "'");
    }
    if (reference) {
        request.weather = model::WeatherAttachment::Reference;
    }
    if (weather.empty()) {
        return usageError("init", "missing --weather FILE.epw");
    }
    request.weatherFile = weather;
    request.siteFile = out;
    if (!out.empty() && !force && std::filesystem::exists(out)) {
        std::cerr << "headroom-cli init: " << out
                  << " exists; choose another --out, or --force to replace it\n";
        return kBadInput;
    }
    if (!templateFile.empty()) {
        const model::TextFile text = model::readTextFile(templateFile);
        if (text.status != model::TextFile::Status::Ok) {
            std::cerr << templateFile << ": error: " << model::describeStatus(text.status) << "\n";
            return kBadInput;
        }
        model::SiteDocumentText parsed = model::parseSiteDocumentText(text.text, templateFile);
        if (!parsed.document) {
            printDiagnostics(parsed.diagnostics);
            return kBadInput;
        }
        request.templateSite = nlohmann::json::parse(parsed.document->dump());
    }

    const model::NewSite made = model::newSiteFromWeather(request);
    printDiagnostics(made.diagnostics);
    if (!made.document) {
        return kBadInput; // nothing written: the diagnostics say why
    }
    std::cerr << "grid factors: " << made.grid.basis << ": " << made.grid.carbonIntensity << ", "
              << made.grid.waterIntensity << " (edit /grid to use the utility's own figures)\n";
    const std::string text = model::writeSiteText(nlohmann::json::parse(made.document->dump()));
    if (out.empty()) {
        std::cout << text;
        return kOk;
    }
    if (const auto failure = model::writeFileAtomically(out, text)) {
        std::cerr << model::formatDiagnostic(*failure) << "\n";
        return kRuntimeFailure;
    }
    std::cerr << "wrote " << out << "\n";
    return kOk;
}

} // namespace

extern const Command kInitCommand{
    "init", "make a new site file from a weather file",
    "usage: headroom-cli init --weather FILE.epw [--name NAME] [--out SITE.json]\n"
    "                         [--reference] [--template SITE.json] [--force]\n\n"
    "Makes a site file for the place of an EnergyPlus weather file: latitude, longitude,\n"
    "elevation and time zone from its LOCATION header; the weather as a climate digest\n"
    "inside the site (or, with --reference, the EPW's path relative to the site file); the\n"
    "grid's carbon and water intensity from Headroom's bundled table (US: the eGRID\n"
    "subregion of the header's state; elsewhere: the country's annual intensity), the\n"
    "choice printed on stderr; and the design of the template site (the built-in default\n"
    "site when none is given) without its notes and sources. The file is checked by the\n"
    "site reader before it is written; a weather file with errors writes nothing.\n\n"
    "options:\n"
    "  --weather FILE   the EPW file (required)\n"
    "  --name NAME      the site's name (default: the weather station's)\n"
    "  --out SITE.json  write here (default: print the site on stdout)\n"
    "  --reference      refer to the EPW file instead of embedding a digest\n"
    "  --template FILE  start from this site's design\n"
    "  --force          replace an existing --out file\n\n"
    "Exit codes: 0 ok, 1 bad weather or template file (nothing written), 2 usage error,\n"
    "3 the file could not be written.\n",
    runInit};

} // namespace headroom::cli
