#pragma once
// headroom-cli's commands share one shape: a name, a one-line summary, a usage text
// answered by --help before anything heavy starts, and a run function returning the
// exit code (CONTRIBUTING.md, CLI manners).

#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

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

/// One option a command takes: either a value ("--out DIR" into `value`) or a flag ("--json"
/// sets `flag`). `needs` says what the value is, for the usage error when it is missing.
struct Option {
    std::string_view name;
    std::string_view alias; ///< a short spelling such as "-o", or empty
    std::string* value = nullptr;
    bool* flag = nullptr;
    std::string_view needs = {}; ///< "a folder", "si or ip", ...
};

/// Reads a command's arguments: each one of `options` is set, every other argument that does
/// not start with '-' is appended to `positionals` in order. Returns kOk, or prints the usage
/// error (an unknown option, a value missing) and returns kUsage.
int parseArguments(std::string_view command, std::span<const std::string> args,
                   std::initializer_list<Option> options, std::vector<std::string>& positionals);

/// The whole of text as an integer ("12", "-3"); nothing when it is not one.
std::optional<long long> parseCount(const std::string& text);

} // namespace headroom::cli
