// headroom-cli run: simulate one site and write its reports; print the KPI summary, or
// the JSON summary (the machine contract) with --json.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/report/reference_figures.h"
#include "model/report/report_registry.h"
#include "model/run/run_service.h"

#include <algorithm>
#include <iostream>
#include <sstream>

namespace headroom::cli {
namespace {

std::vector<std::string> splitCommas(const std::string& text) {
    std::vector<std::string> parts;
    std::stringstream stream(text);
    std::string part;
    while (std::getline(stream, part, ',')) {
        if (!part.empty()) {
            parts.push_back(part);
        }
    }
    return parts;
}

void printTable(const model::RunResult& r, model::UnitSystem units) {
    const model::DisplayUnits display(units);
    const model::NumberStyle style = model::englishNumberStyle();
    const model::ReferenceContext context = model::referenceContext(r);
    std::cout << r.siteName << "\n"
              << "scenario " << r.scenarioHash.substr(0, 12) << "\n";
    for (const std::string& line : {model::climateZoneText(context), model::proxyStationText(r)}) {
        if (!line.empty()) {
            std::cout << line << "\n";
        }
    }
    std::cout << "\n";
    // The headline rows of the result table, each as its label, value and unit say.
    std::size_t width = 0;
    for (const auto& field : model::kpiFields()) {
        if (field.display.headline) {
            width = std::max(width, field.display.label.size());
        }
    }
    for (const auto& field : model::kpiFields()) {
        if (field.display.headline) {
            std::cout << "  " << field.display.label
                      << std::string(width + 2 - field.display.label.size(), ' ')
                      << model::displayKpi(field, r, display, style) << "\n";
        }
    }
    std::cout
        << "  (peak IT: the year's highest hour at the stated utilization; design-hour IT:\n"
           "   every chip at full utilization; both at the rack input. IT nameplate: servers\n"
           "   and network at full utilization, at the server.)\n";
    std::cout << "  Compared with published figures\n";
    for (const auto& field : model::kpiFields()) {
        if (field.display.headline) {
            for (const auto* figure : model::referenceFiguresFor(field.name, context)) {
                std::cout << "    " << field.display.label << ": "
                          << model::referenceText(*figure, field, display, style) << "\n";
            }
        }
    }
    std::cout << "  Headroom by constraint (MW of design-hour IT)\n";
    for (int c = 0; c < model::kConstraintCount; ++c) {
        const std::string name = model::constraintName(static_cast<model::Constraint>(c));
        const model::KpiField* field = model::findKpiField("headroom_" + name + "_mw");
        // A deployment beyond a limit (a fixed count) shows as over it, never as room.
        std::cout << "    " << name << std::string(24 - std::min<std::size_t>(name.size(), 23), ' ')
                  << model::displayKpi(*field, r, display, style, false) << "\n";
    }
}

int runRun(std::span<const std::string> args) {
    std::string out, formatList, unitsText = "si", paper = "a4";
    bool json = false;
    std::vector<std::string> sites;
    if (const int code =
            parseArguments("run", args,
                           {{"--out", "-o", &out, nullptr, "a folder"},
                            {"--format", "", &formatList, nullptr, "a list such as csv,json"},
                            {"--units", "", &unitsText, nullptr, "si or ip"},
                            {"--paper", "", &paper, nullptr, "a4 or letter"},
                            {"--json", "", nullptr, &json}},
                           sites);
        code != kOk) {
        return code;
    }
    if (sites.size() > 1) {
        return usageError("run", "one site at a time ('" + sites[1] + "' is a second one)");
    }
    const std::string site = sites.empty() ? std::string() : sites.front();
    model::ReportOptions options;
    if (unitsText == "si") {
        options.units = model::UnitSystem::SI;
    } else if (unitsText == "ip") {
        options.units = model::UnitSystem::IP;
    } else {
        return usageError("run", "'--units' is si or ip, not '" + unitsText + "'");
    }
    if (paper != "a4" && paper != "letter") {
        return usageError("run", "'--paper' is a4 or letter, not '" + paper + "'");
    }
    options.paper = paper;

    // ui/report's "pdf" writer is registered by main() in builds with the Qt report.
    auto& registry = model::ReportRegistry::instance();
    std::vector<const model::ReportWriter*> writers;
    if (formatList.empty()) {
        writers = registry.writers(); // every format this build has
    } else {
        for (const auto& name : splitCommas(formatList)) {
            const auto* writer = registry.find(name);
            if (writer == nullptr) {
                std::string known;
                for (const auto* w : registry.writers()) {
                    known += (known.empty() ? "" : ", ") + w->shortName();
                }
                return usageError("run",
                                  name == "pdf"
                                      ? "pdf writer not built (this headroom-cli was "
                                        "built without the Qt report; formats: " +
                                            known + ")"
                                      : "unknown format '" + name + "' (formats: " + known + ")");
            }
            writers.push_back(writer);
        }
    }

    auto load = model::loadSiteSource(site);
    printDiagnostics(load.diagnostics);
    if (!load.source) {
        return kBadInput;
    }
    model::RunService service;
    model::Feedback feedback;
    auto run = service.run(*load.source, {}, feedback);
    printDiagnostics(run.diagnostics);
    if (!run.result) {
        return kBadInput;
    }
    printDiagnostics(run.result->diagnostics);

    options.outDir =
        out.empty() ? model::defaultReportFolder(site.empty() ? model::kDefaultSiteFileName : site)
                    : std::filesystem::path(out);
    // All or nothing: when one report fails, the previous set in the folder stays whole.
    const auto outcome = model::writeReportSet(*run.result, writers, options);
    printDiagnostics(outcome.diagnostics);
    if (!outcome.ok) {
        std::cerr << "headroom-cli run: the reports could not be written; "
                  << options.outDir.string() << " is as it was\n";
        return kRuntimeFailure;
    }
    if (!json) {
        for (const auto& file : outcome.files) {
            std::cerr << "wrote " << file.string() << "\n";
        }
    }
    if (json) {
        std::cout << jsonText(model::summaryJson(*run.result)) << "\n";
    } else {
        printTable(*run.result, options.units);
    }
    return kOk;
}

} // namespace

const Command kRunCommand{
    "run",
    "simulate a site and write its reports",
    "usage: headroom-cli run [SITE] [--out DIR] [--format LIST] [--units si|ip]\n"
    "                        [--paper a4|letter] [--json]\n\n"
    "Simulates one site-year and writes its reports. SITE is a headroom-site/1 file;\n"
    "without one, the embedded St. Joseph County, Indiana site is used.\n\n"
    "options:\n"
    "  -o, --out DIR     where reports go (default out/<site file name>/)\n"
    "  --format LIST     comma-separated formats (default: every format built):\n"
    "                      csv   hourly.csv (8760 rows), monthly.csv, summary.csv\n"
    "                      json  summary.json, every KPI (the machine contract)\n"
    "                      pdf   <site>-<hash8>.pdf, the design-review report (Qt builds)\n"
    "  --units si|ip     units of the reports and the table (default si)\n"
    "  --paper a4|letter page size of the PDF (default a4)\n"
    "  --json            print the JSON summary on stdout instead of the table\n\n"
    "Exit codes: 0 ok, 1 bad input (the site has errors), 2 usage error,\n"
    "3 runtime failure (a report could not be written).\n",
    runRun,
};

} // namespace headroom::cli
