// headroom-cli schema: prints the JSON Schema of site files, generated from the same
// field table the reader checks against (resources/schema/ holds a copy, kept equal by
// a test).
#include "app/cli/command.h"
#include "model/site/site_schema.h"

#include <iostream>

namespace headroom::cli {
namespace {

int runSchema(std::span<const std::string> args) {
    if (!args.empty()) {
        return usageError("schema", "unexpected argument '" + args.front() + "'");
    }
    std::cout << model::siteSchemaText();
    return kOk;
}

} // namespace

const Command kSchemaCommand{"schema", "print the JSON Schema of site files (draft 2020-12)",
                             "usage: headroom-cli schema\n\n"
                             "Prints the JSON Schema (draft 2020-12) of headroom-site/1 files.\n"
                             "It checks structure and quantity syntax; `validate` also checks\n"
                             "units, ranges, files and catalog ids.\n",
                             runSchema};

} // namespace headroom::cli
