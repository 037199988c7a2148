// Property (issue 17): every input `validate` accepts, `run` and the desktop app's loader
// accept too, without a crash. Inputs are seeded mutations of the sample sites: a value
// scaled, negated, zeroed or replaced by an odd string (a newline, invalid UTF-8, a long
// run), a member removed, or a few bytes of the text changed. Each mutant `validate`
// accepts (the site reader and the deployment check, as validate_command.cpp runs them)
// must give a scenario from RunService::prepare and a document from the app's loader; the
// first two are simulated too, and their results hold no NaN.
#include "model/run/run_service.h"
#include "model/site/site_document_text.h"
#include "model/site/site_reader.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <random>
#include <vector>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

const fs::path& kSamples = headroom::testing::sampleSiteDir();

/// Every pointer to a number or a string in document.
void leaves(const json& value, const std::string& pointer, std::vector<std::string>& out) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            leaves(member, pointer + "/" + key, out);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            leaves(value[i], pointer + "/" + std::to_string(i), out);
        }
    } else if (value.is_number() || value.is_string()) {
        out.push_back(pointer);
    }
}

std::string mutate(const std::string& text, std::mt19937_64& random) {
    json document = json::parse(text);
    std::vector<std::string> pointers;
    leaves(document, "", pointers);
    const auto pick = [&](std::size_t n) {
        return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
    };
    constexpr double kFactors[] = {0.0, -1.0, 0.5, 2.0, 1e3, 1e-3, 1e9};
    const int edits = 1 + static_cast<int>(pick(3));
    for (int e = 0; e < edits; ++e) {
        const json::json_pointer at(pointers[pick(pointers.size())]);
        if (!document.contains(at)) {
            continue; // removed by an earlier edit
        }
        json& value = document[at];
        const double factor = kFactors[pick(std::size(kFactors))];
        switch (pick(4)) {
        case 0: // scale a number, or the number a quantity starts with
            if (value.is_number()) {
                value = value.get<double>() * factor;
            } else {
                const std::string s = value.get<std::string>();
                char* end = nullptr;
                const double number = std::strtod(s.c_str(), &end);
                if (end != s.c_str()) {
                    value = std::to_string(number * factor) + std::string(end);
                }
            }
            break;
        case 1: {
            static const std::vector<std::string> odd = {"",
                                                         "line one\nline two",
                                                         "\xff\xfe",
                                                         std::string(5000, '9'),
                                                         "1e999 MW",
                                                         "NaN",
                                                         "-0 degC",
                                                         "27 degC\t",
                                                         "\xC3\xA9t\xC3\xA9"};
            value = odd[pick(odd.size())];
            break;
        }
        case 2:
            if (json& parent = document[at.parent_pointer()]; parent.is_object()) {
                parent.erase(at.back());
            }
            break;
        default:
            break;
        }
    }
    std::string mutated = document.dump(2, ' ', false, json::error_handler_t::replace);
    if (pick(5) == 0) { // and a few bytes of the text itself
        for (int b = 0; b < 3; ++b) {
            mutated[pick(mutated.size())] = "0123456789.,:[]{}\"e- "[pick(21)];
        }
    }
    return mutated;
}

TEST(ValidatedSites, RunAndTheAppLoaderAcceptWhatValidateAccepts) {
    RunService service;
    int accepted = 0;
    int simulated = 0;
    int tried = 0;
    for (const fs::path& path : headroom::testing::sampleSiteFiles()) {
        const SiteSourceLoad sample = loadSiteSource(path);
        ASSERT_TRUE(sample.source) << path;
        std::mt19937_64 random(20261206); // fixed: the same mutants on every run
        for (int i = 0; i < 30; ++i, ++tried) {
            const std::string text = mutate(sample.source->text, random);
            const std::string name = path.filename().string() + " mutant " + std::to_string(i);
            // What `headroom-cli validate` runs.
            const SiteLoad checked = readSiteText(text, name, kSamples);
            if (!checked.site || checkDeployment(*checked.site, name, text).hasErrors()) {
                continue;
            }
            ++accepted;
            const SiteSourceLoad source = siteSourceFromText(text, name, kSamples);
            ASSERT_TRUE(source.source) << name;
            const ScenarioBuild build = service.prepare(*source.source, {});
            ASSERT_TRUE(build.scenario) << name << ": validate accepted it, run refuses it";
            const SiteDocumentText opened = parseSiteDocumentText(text, name);
            ASSERT_TRUE(opened.document) << name << ": validate accepted it, the app refuses it";
            if (simulated < 2) {
                Feedback feedback;
                const ScenarioRun run = service.run(*source.source, {}, feedback);
                ASSERT_TRUE(run.result) << name;
                EXPECT_TRUE(std::isfinite(run.result->annual.pue)) << name;
                ++simulated;
            }
        }
    }
    // The mutations are meant to keep a fair share valid: otherwise this proves little.
    EXPECT_GE(accepted, tried / 10) << accepted << " of " << tried << " mutants were valid";
    RecordProperty("mutants", tried);
    RecordProperty("accepted", accepted);
}

} // namespace
} // namespace headroom::model
