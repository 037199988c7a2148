#include "app/cli/command.h"

#include <array>
#include <iostream>

namespace headroom::cli {

int usageError(std::string_view command, std::string_view message) {
    std::cerr << "headroom-cli " << command << ": " << message << "\n"
              << "Try 'headroom-cli " << command << " --help'.\n";
    return kUsage;
}

bool takeOptionValue(std::span<const std::string> args, std::size_t& i, std::string& target) {
    if (i + 1 >= args.size()) {
        return false;
    }
    target = args[++i];
    return true;
}

std::span<const Command> commands() {
    // Each command is defined in its own file under app/cli/ and listed here, one per
    // line so that parallel additions merge cleanly.
    // clang-format off
    static const std::array table{
        kCatalogCommand,
        kValidateCommand,
        kSchemaCommand,
        kFormatCommand,
        kClimateCommand,
        kMergeCommand,
        kPublishedRunCommand,
        kRunCommand,
        kPlanCommand,
        kBatchCommand,
        kInitCommand,
    };
    // clang-format on
    return table;
}

} // namespace headroom::cli
