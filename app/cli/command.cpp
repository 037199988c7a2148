#include "app/cli/command.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <iostream>

namespace headroom::cli {

int usageError(std::string_view command, std::string_view message) {
    std::cerr << "headroom-cli " << command << ": " << message << "\n"
              << "Try 'headroom-cli " << command << " --help'.\n";
    return kUsage;
}

int parseArguments(std::string_view command, std::span<const std::string> args,
                   std::initializer_list<Option> options, std::vector<std::string>& positionals) {
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const auto option = std::find_if(options.begin(), options.end(), [&](const Option& o) {
            return arg == o.name || (!o.alias.empty() && arg == o.alias);
        });
        if (option == options.end()) {
            if (arg.starts_with("-")) {
                return usageError(command, "unknown option '" + arg + "'");
            }
            positionals.push_back(arg);
        } else if (option->flag != nullptr) {
            *option->flag = true;
        } else if (i + 1 < args.size()) {
            *option->value = args[++i];
        } else {
            return usageError(command, "'" + arg + "' needs " + std::string(option->needs));
        }
    }
    return kOk;
}

std::optional<long long> parseCount(const std::string& text) {
    long long value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
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
