// headroom-cli catalog: lists and shows the built-in catalog (resources/catalog/), each
// figure with its source and confidence, so a planner can see what a number rests on.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/bibliography/bibliography.h"
#include "model/catalog/catalog.h"

#include <algorithm>
#include <iomanip>
#include <iostream>

namespace headroom::cli {

namespace {

const char* confidenceLabel(const std::string& confidence) {
    if (confidence == "O") {
        return "[O]";
    }
    if (confidence == "3P") {
        return "[3P]";
    }
    return "[I]";
}

int list(bool json) {
    const auto& catalog = model::Catalog::builtin();
    if (json) {
        nlohmann::json out = nlohmann::json::object();
        for (const auto& [group, id] : catalog.listing()) {
            out[group].push_back(
                {{"id", id}, {"name", catalog.entry(id)->value("name", std::string())}});
        }
        std::cout << jsonText(out) << "\n";
        return kOk;
    }
    std::string current;
    for (const auto& [group, id] : catalog.listing()) {
        if (group != current) {
            std::cout << (current.empty() ? "" : "\n") << group << ":\n";
            current = group;
        }
        std::cout << "  " << std::left << std::setw(20) << id
                  << catalog.entry(id)->value("name", std::string()) << "\n";
    }
    return kOk;
}

int show(const std::string& id, bool json) {
    const auto& catalog = model::Catalog::builtin();
    const auto* entry = catalog.entry(id);
    if (entry == nullptr) {
        std::cerr << "headroom-cli catalog: no catalog entry '" << id
                  << "' (run 'headroom-cli catalog list')\n";
        return kBadInput;
    }
    if (json) {
        std::cout << jsonText(*entry) << "\n";
        return kOk;
    }
    std::cout << id << ": " << entry->value("name", std::string()) << "\n";
    std::vector<std::string> cited;
    for (const auto& [key, value] : entry->items()) {
        if (key == "id" || key == "name") {
            continue;
        }
        std::cout << "  " << std::left << std::setw(26) << key;
        if (!value.is_object()) {
            std::cout << (value.is_string() ? value.get<std::string>() : value.dump()) << "\n";
            continue;
        }
        const auto& v = value["value"];
        const std::string source = value.value("source", std::string());
        std::cout << std::setw(16) << (v.is_string() ? v.get<std::string>() : v.dump()) << " "
                  << confidenceLabel(value.value("confidence", std::string())) << " " << source;
        for (auto& cite : model::citedIds(source)) {
            if (std::find(cited.begin(), cited.end(), cite) == cited.end()) {
                cited.push_back(std::move(cite));
            }
        }
        if (value.contains("note")) {
            std::cout << " (" << value["note"].get<std::string>() << ")";
        }
        std::cout << "\n";
    }
    // The full reference of every work the figures cite, as the PDF's References list.
    if (!cited.empty()) {
        std::cout << "\nreferences:\n";
    }
    for (const auto& cite : cited) {
        const std::string reference = model::Bibliography::builtin().format(cite);
        std::cout << "  [" << cite << "] "
                  << (reference.empty() ? "not in the bibliography" : reference) << "\n";
    }
    return kOk;
}

int runCatalog(std::span<const std::string> args) {
    bool json = false;
    std::vector<std::string> positional;
    for (const auto& arg : args) {
        if (arg == "--json") {
            json = true;
        } else if (!arg.empty() && arg[0] == '-') {
            return usageError("catalog", "unknown option '" + arg + "'");
        } else {
            positional.push_back(arg);
        }
    }
    if (positional.empty()) {
        return usageError("catalog", "expected 'list' or 'show ID'");
    }
    if (positional[0] == "list" && positional.size() == 1) {
        return list(json);
    }
    if (positional[0] == "show" && positional.size() == 2) {
        return show(positional[1], json);
    }
    if (positional[0] == "show") {
        return usageError("catalog", "'show' takes exactly one ID");
    }
    return usageError("catalog", "unknown subcommand '" + positional[0] + "'");
}

} // namespace

extern const Command kCatalogCommand{
    "catalog", "list the built-in chips, platforms and network parts, or show one",
    "usage: headroom-cli catalog list [--json]\n"
    "       headroom-cli catalog show ID [--json]\n\n"
    "Prints the catalog compiled into headroom (resources/catalog/): chips, platforms,\n"
    "switches, optics and NICs. 'show' prints every figure of one entry with its source\n"
    "and confidence: [O] official, [3P] third party, [I] inference (an estimate),\n"
    "then the full reference of every publication the sources cite ([id]).\n\n"
    "options:\n"
    "  --json   print JSON instead of text\n\n"
    "Exit codes: 0 ok, 1 unknown ID, 2 usage error.\n",
    runCatalog};

} // namespace headroom::cli
