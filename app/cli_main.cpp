// headroom-cli: the headless front end. --help and --version answer before anything
// heavy starts; each command parses its own arguments (app/cli/).
#include "app/cli/command.h"
#include "model/core/version.h"
#ifdef HEADROOM_WITH_PDF
#include "ui/report/pdf_report_writer.h"
#endif

#include <iostream>
#include <new>
#include <string>
#include <vector>

namespace {

void printHelp() {
    std::cout << "usage: headroom-cli [--help] [--version] COMMAND [ARGS...]\n\n"
                 "Plan datacenter sites: capacity, power, cooling, water and carbon.\n\n"
                 "commands:\n";
    for (const auto& command : headroom::cli::commands()) {
        // Names longer than the column ("published-run") still get one space.
        const std::size_t pad = command.name.size() < 14 ? 15 - command.name.size() : 1;
        std::cout << "  " << command.name << std::string(pad, ' ') << command.summary << "\n";
    }
    std::cout << "\nRun 'headroom-cli COMMAND --help' for a command's options.\n"
                 "Exit codes: 0 ok, 1 bad input, 2 usage error, 3 runtime failure.\n";
}

} // namespace

int main(int argc, char** argv) {
    using namespace headroom::cli;
    const std::vector<std::string> args(argv + 1, argv + argc);
#ifdef HEADROOM_WITH_PDF
    // Only adds "pdf" to the writer registry: Qt starts when a PDF is written, not here.
    headroom::ui::registerPdfWriter();
#endif
    if (args.empty() || args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
        printHelp();
        return args.empty() ? kUsage : kOk;
    }
    if (args[0] == "--version" || args[0] == "version") {
        std::cout << "headroom-cli " << headroom::kVersion << "\n";
        return kOk;
    }
    for (const auto& command : commands()) {
        if (command.name == args[0]) {
            const std::span<const std::string> rest(args.data() + 1, args.size() - 1);
            for (const auto& arg : rest) {
                if (arg == "--help" || arg == "-h") {
                    std::cout << command.usage;
                    return kOk;
                }
            }
            // The outermost boundary: memory exhausted (std::bad_alloc) is a runtime
            // failure with a message, not an abort. Readers and writers catch what their
            // libraries throw themselves; nothing else is expected here.
            try {
                return command.run(rest);
            } catch (const std::bad_alloc&) {
                std::cerr << "headroom-cli " << args[0] << ": out of memory\n";
                return kRuntimeFailure;
            }
        }
    }
    std::cerr << "headroom-cli: unknown command '" << args[0] << "'\n"
              << "Try 'headroom-cli --help'.\n";
    return kUsage;
}
