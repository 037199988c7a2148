// headroom-cli validate: checks site files and prints every problem the way compilers
// do, "file:line:col: severity: pointer: message". Exit 0 when every file is valid
// (warnings do not fail), 1 when any has an error, 2 on a usage error.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/core/text_file.h"
#include "model/run/run_service.h"
#include "model/site/site_reader.h"

#include <iostream>
#include <vector>

namespace headroom::cli {
namespace {

int runValidate(std::span<const std::string> args) {
    bool json = false;
    std::vector<std::string> files;
    for (const auto& arg : args) {
        if (arg == "--json") {
            json = true;
        } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
            return usageError("validate", "unknown option '" + arg + "'");
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        return usageError("validate", "expected one or more site files");
    }
    bool anyError = false;
    nlohmann::json report = nlohmann::json::array();
    for (const auto& file : files) {
        auto load = model::readSiteFile(file);
        if (load.site) {
            // The deployment as the run service sizes it: what `run` would refuse, refused here.
            const model::TextFile text = model::readTextFile(file);
            load.diagnostics.append(model::checkDeployment(*load.site, file, text.text));
        }
        const bool valid = !load.diagnostics.hasErrors();
        anyError = anyError || !valid;
        if (json) {
            nlohmann::json entry = {
                {"file", file}, {"valid", valid}, {"diagnostics", nlohmann::json::array()}};
            for (const auto& d : load.diagnostics.items()) {
                entry["diagnostics"].push_back({{"file", d.file},
                                                {"line", d.line},
                                                {"column", d.column},
                                                {"pointer", d.pointer},
                                                {"severity", model::severityName(d.severity)},
                                                {"message", d.message}});
            }
            report.push_back(entry);
            continue;
        }
        for (const auto& diagnostic : load.diagnostics.items()) {
            std::cout << model::formatDiagnostic(diagnostic) << "\n";
        }
        if (valid) {
            const int warnings = load.diagnostics.count(model::Severity::Warning);
            std::cout << file << ": valid";
            if (warnings > 0) {
                std::cout << " (" << warnings << (warnings == 1 ? " warning)" : " warnings)");
            }
            std::cout << "\n";
        }
    }
    if (json) {
        std::cout << jsonText(report) << "\n";
    }
    return anyError ? kBadInput : kOk;
}

} // namespace

const Command kValidateCommand{
    "validate", "check site files and print located diagnostics",
    "usage: headroom-cli validate [--json] FILE...\n\n"
    "Reads each headroom-site/1 file, with the weather, grid CSV and catalog entries it\n"
    "names, and prints every problem as 'file:line:col: severity: pointer: message'.\n\n"
    "options:\n"
    "  --json    print the diagnostics as a JSON array, one entry per file\n\n"
    "Exit status: 0 when every file is valid (warnings allowed), 1 when any file has an\n"
    "error, 2 on a usage error.\n",
    runValidate};

} // namespace headroom::cli
