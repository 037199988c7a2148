// headroom-cli climate digest: reads an EPW file and prints the compact climate digest a
// site file embeds instead of pointing at the EPW (model/climate/climate_digest.h).
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/climate/climate_digest.h"
#include "model/climate/epw_file.h"

#include <filesystem>
#include <iostream>

namespace headroom::cli {

namespace {

int runClimate(std::span<const std::string> args) {
    if (args.empty()) {
        return usageError("climate", "missing subcommand (expected 'digest')");
    }
    if (args[0] != "digest") {
        return usageError("climate", "unknown subcommand '" + args[0] + "' (expected 'digest')");
    }
    bool pretty = false;
    std::string file;
    for (std::size_t i = 1; i < args.size(); ++i) {
        const std::string& arg = args[i];
        if (arg == "--pretty") {
            pretty = true;
        } else if (!arg.empty() && arg[0] == '-' && arg != "-") {
            return usageError("climate", "unknown option '" + arg + "'");
        } else if (file.empty()) {
            file = arg;
        } else {
            return usageError("climate", "more than one file given ('" + file + "', '" + arg +
                                             "'); digest one EPW file at a time");
        }
    }
    if (file.empty()) {
        return usageError("climate", "missing FILE.epw");
    }

    model::Diagnostics diagnostics;
    const auto epw = model::EpwFile::load(std::filesystem::path(file), diagnostics);
    for (const auto& diagnostic : diagnostics.items()) {
        std::cerr << model::formatDiagnostic(diagnostic) << "\n";
    }
    if (!epw) {
        return kBadInput;
    }
    const nlohmann::json digest =
        model::makeClimateDigest(epw->climate(), std::filesystem::path(file).filename().string());
    std::cout << jsonText(digest, pretty ? 2 : -1) << "\n";
    return kOk;
}

} // namespace

extern const Command kClimateCommand{
    "climate", "make a compact climate digest of an EPW weather file",
    "usage: headroom-cli climate digest FILE.epw [--pretty]\n\n"
    "Reads an EnergyPlus weather file and prints on stdout the climate digest (JSON, a\n"
    "few kB) that a site file can embed under \"climate\" instead of the EPW path. The\n"
    "model regenerates an 8760-hour year from it, deterministically: each month's hourly\n"
    "dry-bulb and dew-point distribution is kept to 0.1 K, the days in calendar order.\n"
    "Problems are printed on stderr as file:line:col: severity: message.\n\n"
    "options:\n"
    "  --pretty   indent the JSON\n\n"
    "Exit codes: 0 ok, 1 the file is missing, unreadable or not a valid EPW, 2 usage error.\n",
    runClimate};

} // namespace headroom::cli
