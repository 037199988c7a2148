// The bibliography (resources/references.json): it reads, formats references as a reader
// expects, finds citations in text, and the repository cites nothing it lacks and names no
// document outside itself.
#include "model/bibliography/bibliography.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

TEST(Bibliography, BuiltinReadsAndFormatsAReference) {
    const Bibliography& b = Bibliography::builtin();
    EXPECT_GE(b.ids().size(), 40u);
    EXPECT_EQ(b.format("lei-masanet-2022"),
              "Lei, N. and Masanet, E. (2022). Climate- and technology-specific PUE and WUE "
              "estimations for U.S. data centers using a hybrid statistical and "
              "thermodynamics-based approach. Resources, Conservation and Recycling. Elsevier. "
              "https://doi.org/10.1016/j.resconrec.2022.106323");
    // An organisation without authors stands first as the publisher.
    EXPECT_EQ(b.format("aws-neuron-trainium2"),
              "Amazon Web Services (2024). AWS Trainium2 architecture. AWS Neuron documentation. "
              "https://awsdocs-neuron.readthedocs-hosted.com/en/latest/general/arch/"
              "neuron-hardware/trainium2.html");
    // Ten authors: six, then et al.
    const std::string lbnl = "Shehabi, A., Smith, S. J., Hubbard, A., Newkirk, A., Lei, N., "
                             "Siddik, M. A. B. et al. (2024). 2024 United States Data";
    EXPECT_EQ(b.format("lbnl-2024-usage").substr(0, lbnl.size()), lbnl);
    EXPECT_EQ(b.format("no-such-work"), "");
}

TEST(Bibliography, FindsCitedIdsButNotConfidenceMarks) {
    EXPECT_EQ(citedIds("eGRID2023 RFCW [O] [epa-egrid-2023]; see [li-2023-thirsty] and "
                       "[epa-egrid-2023] again, [3P], [I], [x], [a-], [Upper-case], [a--b]"),
              (std::vector<std::string>{"epa-egrid-2023", "li-2023-thirsty"}));
    EXPECT_TRUE(citedIds("no citation [").empty());
    // Unknown ids are assembled so that this file itself cites none.
    EXPECT_EQ(unknownCitations("[epa-egrid-2023] [made-up"
                               "-2099]"),
              std::vector<std::string>{"made-up-2099"});
}

TEST(Bibliography, RefusesAnEntryWithoutItsParts) {
    Diagnostics diagnostics;
    const auto b = Bibliography::fromJson(R"([
  {"id": "ok-2020", "type": "report", "title": "T", "publisher": "P",
   "issued": {"date-parts": [[2020]]}, "URL": "https://example.org"},
  {"id": "Bad Id", "type": "report", "title": "T", "publisher": "P",
   "issued": {"date-parts": [[2020]]}, "URL": "https://example.org"},
  {"id": "ok-2020", "type": "report", "title": "T", "issued": {"date-parts": [[2020]]}}
])",
                                          "refs.json", diagnostics);
    EXPECT_FALSE(b);
    std::vector<std::string> lines;
    for (const auto& d : diagnostics.items()) {
        lines.push_back(formatDiagnostic(d));
    }
    EXPECT_EQ(lines, (std::vector<std::string>{
                         "refs.json:4:10: error: /1/id: expected an id of lowercase letters, "
                         "digits and hyphens holding a hyphen, such as \"lbnl-2024-usage\", got "
                         "\"Bad Id\"",
                         "refs.json:6:10: error: /2/id: the id \"ok-2020\" is used twice",
                         "refs.json:6:3: error: /2: a reference needs a \"URL\" string",
                         "refs.json:6:3: error: /2: a reference needs an \"author\" list or a "
                         "\"publisher\""}));
}

// ---- the repository ---------------------------------------------------------------------

/// Every file of the source tree that is the project's own: not the build trees, reports or
/// git's store (the folders .gitignore names), and not the published data files.
std::vector<fs::path> repositoryFiles() {
    const fs::path root = HEADROOM_SOURCE_DIR;
    const std::set<std::string> skippedTop{".git", "build", "out", ".cache",
                                           "compile_commands.json"};
    const std::set<fs::path> skipped{root / "tests/data/weather"};
    std::vector<fs::path> files;
    for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator();
         ++it) {
        const fs::path& path = it->path();
        if ((it.depth() == 0 && skippedTop.count(path.filename().string()) != 0) ||
            skipped.count(path) != 0) {
            it.disable_recursion_pending();
            continue;
        }
        if (it->is_regular_file()) {
            files.push_back(path);
        }
    }
    return files;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Issue 15: the repository stands alone. No file names the team's notes outside it (the
// names are assembled here so this file does not name them itself), and every cited id is
// in the bibliography.
TEST(Bibliography, TheRepositoryCitesOnlyItsOwnBibliography) {
    const std::vector<std::string> outside{
        std::string("REFERENCE") + ".md",    std::string("REFERENCE-COSTS-CARBON-CLIMATE") + ".md",
        std::string("DATA-SOURCES") + ".md", std::string("DESIGN") + ".md",
        std::string("STYLE") + ".md",        std::string("../") + "shared"};
    const auto files = repositoryFiles();
    ASSERT_GT(files.size(), 100u);
    std::set<std::string> cited;
    for (const auto& path : files) {
        const std::string text = slurp(path);
        if (text.find('\0') != std::string::npos) {
            continue; // a binary file: images, the UTF-16 and binary bad sites
        }
        const std::string name = fs::relative(path, HEADROOM_SOURCE_DIR).string();
        for (const auto& forbidden : outside) {
            EXPECT_EQ(text.find(forbidden), std::string::npos)
                << name << " names " << forbidden << ", which is not in the repository";
        }
        for (const auto& id : citedIds(text)) {
            EXPECT_TRUE(Bibliography::builtin().contains(id))
                << name << " cites [" << id << "], which resources/references.json lacks";
            if (name != "resources/references.json") {
                cited.insert(id);
            }
        }
    }
    // And the bibliography lists only works something cites.
    for (const auto& id : Bibliography::builtin().ids()) {
        EXPECT_EQ(cited.count(id), 1u) << "[" << id << "] is cited nowhere";
    }
}

} // namespace
} // namespace headroom::model
