// headroom-cli merge: joins result stores (the shards of a sweep run as array jobs) into
// one, the same database a single run makes.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/batch/result_store.h"

#include <iostream>
#include <vector>

namespace headroom::cli {
namespace {

int runMerge(std::span<const std::string> args) {
    std::vector<std::string> inputs;
    std::string output;
    if (const int code = parseArguments(
            "merge", args, {{"--output", "-o", &output, nullptr, "a file name"}}, inputs);
        code != kOk) {
        return code;
    }
    if (output.empty()) {
        return usageError("merge", "missing '-o ALL.sqlite'");
    }
    if (inputs.empty()) {
        return usageError("merge", "no result stores to merge");
    }
    model::Diagnostics diagnostics;
    for (const auto& input : inputs) {
        std::error_code error;
        if (std::filesystem::equivalent(input, output, error)) {
            return usageError("merge", "'" + input + "' is also the output");
        }
    }
    auto store = model::ResultStore::open(output, diagnostics);
    if (!store) {
        printDiagnostics(diagnostics);
        return kRuntimeFailure;
    }
    for (const auto& input : inputs) {
        if (!store->mergeFrom(input, diagnostics)) {
            printDiagnostics(diagnostics);
            // A missing or foreign input is bad input; a failure writing the output is not.
            const bool inputAtFault =
                !diagnostics.empty() && diagnostics.items().back().file == input;
            return inputAtFault ? kBadInput : kRuntimeFailure;
        }
    }
    printDiagnostics(diagnostics);
    return kOk;
}

} // namespace

const Command kMergeCommand{
    "merge",
    "join result stores (shards of a sweep) into one",
    "usage: headroom-cli merge A.sqlite B.sqlite... -o ALL.sqlite\n\n"
    "Copies every run and scenario of the input result stores into ALL.sqlite (created when\n"
    "missing). Shards of one sweep (batch --shard K/N) merge into the same database a\n"
    "single run of the whole sweep makes; a scenario already present is kept, never\n"
    "duplicated.\n\n"
    "options:\n"
    "  -o, --output FILE   the merged result store\n\n"
    "Exit codes: 0 ok, 1 an input is missing or not a result store, 2 usage error,\n"
    "3 runtime failure.\n",
    runMerge,
};

} // namespace headroom::cli
