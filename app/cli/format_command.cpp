// headroom-cli format: rewrites site files in the canonical layout (model/site/
// site_writer.h), atomically. A file with errors is left untouched, so formatting can
// never lose what a planner wrote.
#include "app/cli/command.h"
#include "model/core/text_file.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <fstream>
#include <iostream>
#include <iterator>
#include <vector>

namespace headroom::cli {
namespace {

int runFormat(std::span<const std::string> args) {
    bool check = false;
    std::vector<std::string> files;
    for (const auto& arg : args) {
        if (arg == "--check") {
            check = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return usageError("format", "unknown option '" + arg + "'");
        } else {
            files.push_back(arg);
        }
    }
    if (files.empty()) {
        return usageError("format", "expected one or more site files");
    }
    int status = kOk;
    for (const auto& file : files) {
        const auto load = model::readSiteFile(file);
        for (const auto& diagnostic : load.diagnostics.items()) {
            if (diagnostic.severity == model::Severity::Error) {
                std::cerr << model::formatDiagnostic(diagnostic) << "\n";
            }
        }
        if (load.diagnostics.hasErrors()) {
            std::cerr << file << ": not formatted (fix the errors first)\n";
            status = kBadInput;
            continue;
        }
        if (check) {
            const model::TextFile current = model::readTextFile(file);
            if (current.text != model::writeSiteText(load.document, &load.numberText)) {
                std::cout << file << ": not in canonical form\n";
                status = kBadInput;
            }
            continue;
        }
        std::string message;
        if (!model::writeSiteFile(file, load.document, &message, &load.numberText)) {
            std::cerr << "headroom-cli format: " << message << "\n";
            return kRuntimeFailure;
        }
    }
    return status;
}

} // namespace

const Command kFormatCommand{
    "format", "rewrite site files in the canonical layout",
    "usage: headroom-cli format [--check] FILE...\n\n"
    "Reads each site file and writes it back in the canonical layout: keys in the\n"
    "documented order, two-space indentation, values exactly as written. The write is\n"
    "atomic; a file with errors is left untouched.\n\n"
    "options:\n"
    "  --check   change nothing; exit 1 if a file is not in canonical form\n",
    runFormat};

} // namespace headroom::cli
