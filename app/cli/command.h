#pragma once
// headroom-cli's commands share one shape: a name, a one-line summary, a usage text
// answered by --help before anything heavy starts, and a run function returning the
// exit code (CONTRIBUTING.md, CLI manners).

#include <span>
#include <string>
#include <string_view>

namespace headroom::cli {

enum ExitCode : int { kOk = 0, kBadInput = 1, kUsage = 2, kRuntimeFailure = 3 };

struct Command {
    std::string_view name;
    std::string_view summary;
    std::string_view usage; ///< full --help text
    int (*run)(std::span<const std::string> args);
};

// The commands, each defined in app/cli/<name>_command.cpp.
extern const Command kCatalogCommand;
extern const Command kValidateCommand;
extern const Command kSchemaCommand;
extern const Command kFormatCommand;
extern const Command kClimateCommand;
extern const Command kMergeCommand;
extern const Command kPublishedRunCommand;
extern const Command kRunCommand;
extern const Command kPlanCommand;
extern const Command kBatchCommand;
extern const Command kInitCommand;

/// Every command, in the order --help lists them.
std::span<const Command> commands();

/// Prints "headroom-cli: <message>" and the hint to use --help; returns kUsage.
int usageError(std::string_view command, std::string_view message);

/// For an option at args[i] that takes a value: moves i to the value and copies it into
/// target; false when the option is the last argument.
bool takeOptionValue(std::span<const std::string> args, std::size_t& i, std::string& target);

} // namespace headroom::cli
