// headroom-cli plan: run a site's plan over years (its /plan section) and write plan.json
// and years.csv; print a table of the years, or plan.json with --json; with --db, store the
// years in a result store as well.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/batch/batch_runner.h"
#include "model/batch/result_store.h"
#include "model/core/sha256.h"
#include "model/plan/plan.h"
#include "model/plan/plan_uncertainty.h"
#include "model/report/plan_report.h"
#include "model/report/report_registry.h"
#include "model/report/verdict.h"
#include "model/run/run_service.h"
#ifdef HEADROOM_WITH_PDF
#include "ui/report/plan_pdf_report.h"
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <iostream>
#include <sstream>
#include <thread>

namespace headroom::cli {
namespace {

/// The years as a table: one line each, the figures a planner reads first.
void printYears(const model::PlanResult& plan) {
    const model::DisplayUnits display(model::UnitSystem::SI);
    const model::NumberStyle style = model::englishNumberStyle();
    // Rows of the result table, each under a short heading with its SI unit.
    const std::pair<const char*, const char*> columns[] = {{"design_hour_it_mw", "IT MW"},
                                                           {"facility_energy_mwh", "energy MWh"},
                                                           {"pue", "PUE"},
                                                           {"wue_site_l_per_kwh", "WUE L/kWh"},
                                                           {"water_m3", "water m3"},
                                                           {"carbon_location_t", "carbon t"},
                                                           {"cue_kg_per_kwh", "CUE kg/kWh"}};
    std::cout << plan.siteName << "\n"
              << "plan " << plan.firstYear << "-" << plan.lastYear << ", scenario "
              << plan.scenarioHash.substr(0, 12) << "\n\n"
              << std::left << std::setw(6) << "year";
    for (const auto& [name, heading] : columns) {
        std::cout << std::right << std::setw(13) << heading;
    }
    std::cout << "  zero-water months  UltraServers by platform\n";
    for (const model::PlanYearResult& year : plan.years) {
        std::cout << std::left << std::setw(6) << year.year;
        for (const auto& [name, heading] : columns) {
            std::cout << std::right << std::setw(13)
                      << model::displayKpi(*model::findKpiField(name), year.result, display, style,
                                           false);
        }
        std::string months;
        for (const int m : year.result.annual.zeroWaterMonths) {
            months += (months.empty() ? "" : " ") + std::to_string(m);
        }
        std::cout << "  " << std::left << std::setw(17) << (months.empty() ? "-" : months);
        for (const model::PlanGeneration& g : year.generations) {
            std::cout << " " << g.platformId << " " << g.ultraServers;
        }
        std::cout << "\n";
    }
    std::cout << "\n  (IT: design-hour IT, every chip at full utilization; carbon and CUE:\n"
                 "   location-based)\n  Horizon\n";
    for (const model::PlanHorizonField& field : model::planHorizonFields()) {
        const double value = field.get(plan);
        std::cout << "    " << std::left << std::setw(34) << field.display.label
                  << (std::isfinite(value)
                          ? model::formatQuantity(value, field.display.kind, field.display.decimals,
                                                  display, style)
                          : field.display.absent)
                  << "\n";
    }
}

int runPlanCommand(std::span<const std::string> args) {
    std::string out, formatList, db, drawsText, seedText, jobsText;
    bool json = false;
    std::vector<std::string> sites;
    if (const int code =
            parseArguments("plan", args,
                           {{"--out", "-o", &out, nullptr, "a folder"},
                            {"--format", "", &formatList, nullptr, "a list such as csv,json"},
                            {"--db", "", &db, nullptr, "a result store file"},
                            {"--draws", "", &drawsText, nullptr, "a whole number"},
                            {"--seed", "", &seedText, nullptr, "a whole number"},
                            {"--jobs", "-j", &jobsText, nullptr, "a whole number"},
                            {"--json", "", nullptr, &json}},
                           sites);
        code != kOk) {
        return code;
    }
    // A count option's value, when given, must be a whole number in [least, most]. A bad one
    // is named with its place on the command line (after headroom-cli): the value of the
    // option's last appearance, the one that took effect.
    std::string badCount;
    const auto count = [&](std::string_view name, std::string_view alias, const std::string& text,
                           long long least, long long most) -> std::optional<long long> {
        const auto n = parseCount(text);
        if (n && *n >= least && *n <= most) {
            return n;
        }
        const auto at = std::find_if(args.rbegin(), args.rend(), [&](const std::string& arg) {
            return arg == name || (!alias.empty() && arg == alias);
        });
        badCount = "argument " + std::to_string(args.rend() - at + 2) + ", '" + *at + " " + text +
                   "': expected a whole number from " + std::to_string(least) + " to " +
                   std::to_string(most);
        return std::nullopt;
    };
    std::optional<long long> draws, seed;
    long long jobs = static_cast<long long>(std::max(1u, std::thread::hardware_concurrency()));
    if (!drawsText.empty() && !(draws = count("--draws", "", drawsText, 0, 100000))) {
        return usageError("plan", badCount);
    }
    if (!seedText.empty() && !(seed = count("--seed", "", seedText, 0, 2147483647))) {
        return usageError("plan", badCount);
    }
    if (!jobsText.empty()) {
        const auto n = count("--jobs", "-j", jobsText, 1, 1024);
        if (!n) {
            return usageError("plan", badCount);
        }
        jobs = *n;
    }
    if (sites.size() > 1) {
        return usageError("plan", "one site at a time ('" + sites[1] + "' is a second one)");
    }
    if (sites.empty()) {
        return usageError("plan", "which site? (a site file with a /plan section)");
    }
    const std::string& site = sites.front();
#ifdef HEADROOM_WITH_PDF
    const std::vector<std::string> known{"csv", "json", "pdf"};
#else
    const std::vector<std::string> known{"csv", "json"};
#endif
    std::vector<std::string> formats;
    std::stringstream list(formatList);
    for (std::string format; std::getline(list, format, ',');) {
        if (std::find(known.begin(), known.end(), format) == known.end()) {
            return usageError("plan", format == "pdf"
                                          ? std::string("pdf writer not built (this headroom-cli "
                                                        "was built without the Qt report)")
                                          : "unknown format '" + format + "'");
        }
        formats.push_back(format);
    }
    if (formats.empty()) {
        formats = known; // every format this build has
    }

    auto load = model::loadSiteSource(site);
    printDiagnostics(load.diagnostics);
    if (!load.source) {
        return kBadInput;
    }
    model::RunService service;
    const model::ScenarioBuild build = service.prepare(*load.source, {});
    printDiagnostics(build.diagnostics);
    if (!build.scenario) {
        return kBadInput;
    }
    if (!build.scenario->site.plan) {
        model::Diagnostic missing;
        missing.file = load.source->fileName;
        missing.line = 1;
        missing.column = 1;
        missing.pointer = "/plan";
        missing.message = "the site has no plan: add a /plan section (a horizon and its "
                          "phases), or simulate one year with 'headroom-cli run'";
        std::cerr << model::formatDiagnostic(missing) << "\n";
        return kBadInput;
    }
    const model::Plan& declared = *build.scenario->site.plan;
    if ((draws || seed) && !declared.uncertainty) {
        model::Diagnostic missing;
        missing.file = load.source->fileName;
        missing.line = 1;
        missing.column = 1;
        missing.pointer = "/plan/uncertainty";
        missing.message = std::string("--draws and --seed draw the inputs of /plan/uncertainty, ") +
                          "which the site does not declare";
        std::cerr << model::formatDiagnostic(missing) << "\n";
        return kBadInput;
    }
    model::Feedback feedback;
    model::PlanResult plan = model::runPlan(*build.scenario, feedback);
    if (declared.uncertainty && draws.value_or(declared.uncertainty->draws) > 0) {
        // The draws run plan after plan, as a sweep runs scenario after scenario: freed
        // hourly arrays stay in the process instead of going back to the kernel each time.
        model::tuneAllocatorForBatch();
        const model::PlanUncertaintyOptions options{
            static_cast<int>(draws.value_or(declared.uncertainty->draws)),
            seed.value_or(declared.uncertainty->seed), static_cast<int>(jobs)};
        plan.uncertainty = model::runPlanUncertainty(*build.scenario, options, feedback);
    }

    const std::filesystem::path outDir =
        out.empty() ? model::defaultReportFolder(site) : std::filesystem::path(out);
    // All or nothing: plan.json, years.csv and the PDF are staged, then renamed together.
    const auto outcome = model::writeFileSet(outDir, [&](const std::filesystem::path& staging) {
        model::WriteOutcome files = model::writePlanFiles(plan, formats, staging);
#ifdef HEADROOM_WITH_PDF
        if (files.ok && std::find(formats.begin(), formats.end(), "pdf") != formats.end()) {
            // "st-joseph-county-in-plan-77d700f3-plan.pdf": the site, the scenario, a plan.
            const std::filesystem::path pdf =
                staging / (model::siteSlug(plan.siteName) + "-" + plan.scenarioHash.substr(0, 8) +
                           "-plan.pdf");
            ui::ensureOffscreenApplication(); // Qt starts here, and only for the PDF
            const ui::PdfReportStatus status =
                ui::writePlanPdfReport(plan, QString::fromStdString(pdf.string()), {});
            if (!status.ok) {
                model::Diagnostic failure;
                failure.file = pdf.string();
                failure.kind = model::DiagnosticKind::Unreadable;
                failure.message = status.error.toStdString();
                files.diagnostics.add(failure);
                files.ok = false;
            }
            files.files.push_back(pdf);
        }
#endif
        return files;
    });
    printDiagnostics(outcome.diagnostics);
    if (!outcome.ok) {
        std::cerr << "headroom-cli plan: the reports could not be written; " << outDir.string()
                  << " is as it was\n";
        return kRuntimeFailure;
    }
    if (!db.empty()) {
        model::Diagnostics diagnostics;
        auto store = model::ResultStore::open(db, diagnostics);
        // A plan is a run of one scenario keyed by the site file's bytes, as a sweep is by its.
        const auto runId =
            store ? store->ensureRun({model::sha256Hex(load.source->text), site, site, "plan", 1},
                                     diagnostics)
                  : std::nullopt;
        // The draws, the seed and the warming step are the stored plan's parameters: with
        // the site file they reproduce its bands.
        nlohmann::ordered_json parametersJson = nlohmann::ordered_json::object();
        if (plan.uncertainty) {
            parametersJson["draws"] = plan.uncertainty->draws;
            parametersJson["seed"] = plan.uncertainty->seed;
            parametersJson["warming_step"] = plan.uncertainty->warmingStep;
        }
        const std::string parameters = parametersJson.dump();
        const bool stored = runId && store->writePlan(*runId, 0, parameters, plan, diagnostics);
        printDiagnostics(diagnostics);
        if (!stored) {
            return kRuntimeFailure;
        }
    }
    if (json) {
        std::cout << jsonText(model::planJson(plan)) << "\n";
        return kOk;
    }
    for (const auto& file : outcome.files) {
        std::cerr << "wrote " << file.string() << "\n";
    }
    printYears(plan);
    return kOk;
}

} // namespace

const Command kPlanCommand{
    "plan",
    "run a site's plan over years and write its reports",
    "usage: headroom-cli plan SITE [--out DIR] [--format LIST] [--db FILE] [--json]\n"
    "                         [--draws N] [--seed S] [--jobs N]\n\n"
    "Simulates every year of the site's plan (its /plan section: phases, refresh,\n"
    "utilization, grid and climate by year) and writes the years' figures. A plan with\n"
    "/plan/uncertainty is also run N times over seeded draws of its declared inputs:\n"
    "P10/P50/P90 of each year's headline figures and of the horizon, and a tornado.\n\n"
    "options:\n"
    "  -o, --out DIR     where reports go (default out/<site file name>/)\n"
    "  --format LIST     comma-separated formats (default: every format built):\n"
    "                      json  plan.json: horizon totals and one object per year\n"
    "                            (the keys of the JSON summary, generations, zero-water months)\n"
    "                      csv   years.csv: one row per year (and uncertainty.csv,\n"
    "                            tornado.csv with draws)\n"
    "                      pdf   <site>-<hash8>-plan.pdf: horizon, charts, years (Qt builds)\n"
    "  --db FILE         also store the years in a result store (tables plan_years and\n"
    "                    plan_generations; plan_bands and plan_tornado with draws)\n"
    "  --json            print plan.json on stdout instead of the table\n"
    "  --draws N         draws of the uncertainty (default /plan/uncertainty/draws; 0: none)\n"
    "  --seed S          seed of the draws (default /plan/uncertainty/seed)\n"
    "  -j, --jobs N      threads for the draws (default: cores); the numbers do not change\n\n"
    "Exit codes: 0 ok, 1 bad input (the site has errors or no plan), 2 usage error,\n"
    "3 runtime failure (a report or the store could not be written).\n",
    runPlanCommand,
};

} // namespace headroom::cli
