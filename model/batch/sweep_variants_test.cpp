// The variant reader (model/site/site_variants.h) against the whole read of the edited
// document, over the sweeps the repository ships and over every number of the Indiana
// sample: each variant it reads gives the same simulated year (summary JSON, every hourly
// series) and the same diagnostics, to the bit; what it declines, the whole read takes.

#include "model/batch/sweep.h"
#include "model/report/json_summary.h"
#include "model/run/run_service.h"
#include "model/sim/simulate.h"
#include "model/site/site_fields.h"
#include "tests/support/diagnostic_text.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using headroom::testing::errors;

std::vector<std::string> texts(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const auto& diagnostic : diagnostics.items()) {
        lines.push_back(formatDiagnostic(diagnostic));
    }
    return lines;
}

/// Reads a scenario as a variant and, when the variant reader takes it, whole, and compares
/// what they give; true when the variant reader took it.
class VariantCheck {
public:
    explicit VariantCheck(const SiteSource& source)
        : m_source(source)
        , m_variants(source.document, source.fileName, source.baseDir, &m_climates, "") {}

    bool same(const std::vector<Override>& overrides, const std::string& label) {
        const auto variant = m_variants.read(overrides);
        if (!variant) {
            return false;
        }
        nlohmann::json document = m_source.document;
        Diagnostics applied;
        EXPECT_TRUE(applyOverrides(document, overrides, m_source.fileName, applied)) << label;
        const SiteLoad whole =
            readSiteDocument(document, m_source.fileName, m_source.baseDir, &m_climates);
        EXPECT_TRUE(whole.site) << label << ": " << errors(whole.diagnostics);
        if (!whole.site) {
            return true;
        }
        EXPECT_EQ(texts(variant->diagnostics), texts(whole.diagnostics)) << label;
        Feedback quiet;
        const RunResult a = simulate(Scenario{variant->site, "h"}, quiet);
        const RunResult b = simulate(Scenario{*whole.site, "h"}, quiet);
        EXPECT_EQ(jsonFileText(summaryJson(a)), jsonFileText(summaryJson(b))) << label;
        for (const HourlyField& field : hourlyFields()) {
            EXPECT_TRUE(a.hourly.*field.values == b.hourly.*field.values)
                << label << ": hourly " << field.name;
        }
        return true;
    }

private:
    const SiteSource& m_source;
    ClimateCache m_climates;
    SiteVariants m_variants;
};

TEST(SiteVariants, TheRepositorysSweepsReadAsTheirWholeDocuments) {
    struct Case {
        fs::path file;
        std::size_t stride; ///< every stride-th scenario (the 10,000 are too many for a test)
        std::size_t variantsRead;
    };
    const fs::path root(HEADROOM_SOURCE_DIR);
    // The screenshot sweep's 28 scenarios (interconnects in MW, kW and GW, a limit in degF),
    // 100 of the benchmark's 10,000, and a sweep whose middle scenario the reader refuses
    // (the variant reader declines it: its message quotes the edited document).
    const std::vector<Case> cases{
        {root / "docs" / "screenshot-sweep.json", 1, 28},
        {root / "tests" / "bench" / "indiana-10k-sweep.json", 101, 100},
        {root / "tests" / "data" / "sweeps" / "one_impossible_scenario.json", 1, 2}};
    for (const Case& c : cases) {
        const auto sweep = readSweepFile(c.file);
        ASSERT_TRUE(sweep.sweep) << errors(sweep.diagnostics);
        const auto source = loadSiteSource(sweep.sweep->basePath);
        ASSERT_TRUE(source.source) << errors(source.diagnostics);
        VariantCheck check(*source.source);
        std::size_t read = 0;
        for (std::size_t i = 0; i < sweep.sweep->count(); i += c.stride) {
            read += check.same(sweep.sweep->scenario(i),
                               c.file.filename().string() + " #" + std::to_string(i));
        }
        EXPECT_EQ(read, c.variantsRead) << c.file;
    }
}

/// Every number the Indiana sample gives (quantities, counts, ratios, dates) moved to
/// another value its row accepts, one at a time: read as a variant, the year is the one the
/// whole read gives. This holds the variant reader's premise for the sample's rows: each
/// such row's binding writes what no later row writes, and no default rule reads it.
TEST(SiteVariants, EachNumberOfTheIndianaSampleReadsAsTheWholeDocument) {
    const auto source = loadSiteSource(headroom::testing::sampleSiteDir() / kDefaultSiteFileName);
    ASSERT_TRUE(source.source) << errors(source.diagnostics);
    VariantCheck check(*source.source);
    std::size_t numbers = 0, read = 0;
    std::function<void(const nlohmann::json&, const std::string&)> visit =
        [&](const nlohmann::json& value, const std::string& pointer) {
            if (value.is_object() || value.is_array()) {
                for (const auto& [key, member] : value.items()) {
                    visit(member, pointer + "/" + key);
                }
                return;
            }
            if (pointer.starts_with("/climate") || pointer.starts_with("/location")) {
                return;
            }
            // A quantity 7 % up (its own unit), a number or count one up, a date a month on.
            nlohmann::json moved;
            if (value.is_number_integer()) {
                moved = value.get<long long>() + 1;
            } else if (value.is_number()) {
                moved = value.get<double>() * 1.07;
            } else if (value.is_string()) {
                const std::string text = value.get<std::string>();
                std::size_t used = 0;
                double number = 0.0;
                try {
                    number = std::stod(text, &used);
                } catch (const std::exception&) {
                    return; // a name, a choice, "fill"
                }
                if (text.size() == 5 && text[2] == '-') {
                    moved = text == "12-01" ? "11-01" : "12-01"; // a date "MM-DD"
                } else if (text.find(':') != std::string::npos) {
                    moved = std::to_string(number + 1.0) + ":1"; // a ratio "3:1"
                } else {
                    moved = formatNumber(number * 1.07) + text.substr(used);
                }
            } else {
                return;
            }
            ++numbers;
            read += check.same({{pointer, moved}}, pointer + " = " + moved.dump());
        };
    visit(source.source->document, "");
    // 43 numbers; 33 are read as variants, and the rest moved break a check across fields
    // or are no rows' own value (a series' table cell), and are read whole.
    EXPECT_GE(numbers, 40u);
    EXPECT_GE(read, 30u) << read << " of " << numbers;
}

/// A variant that changes a value the file gives a source for lists the new value among its
/// assumptions; variants that change it alike share one list, others get their own, and
/// the base's list is left as it was.
TEST(SiteVariants, VariantsThatChangeASourcedValueAlikeShareTheirAssumptions) {
    const auto source = loadSiteSource(headroom::testing::sampleSiteDir() / kDefaultSiteFileName);
    ASSERT_TRUE(source.source) << errors(source.diagnostics);
    ClimateCache climates;
    const SiteVariants variants(source.source->document, source.source->fileName,
                                source.source->baseDir, &climates, "");
    const std::string pointer = "/campus/utility_interconnect"; // sourced in the sample
    auto textOf = [&](const Assumptions& list) {
        for (const Assumption& a : *list) {
            if (a.pointer == pointer && a.origin == AssumptionOrigin::File) {
                return a.text;
            }
        }
        return std::string("(not listed)");
    };
    const auto base = variants.read({{"/cooling/supply_air/max", "26 degC"}});
    const auto a = variants.read({{pointer, "300 MW"}, {"/cooling/supply_air/max", "25 degC"}});
    const auto b = variants.read({{"/cooling/supply_air/max", "24 degC"}, {pointer, "300 MW"}});
    const auto c = variants.read({{pointer, "310 MW"}});
    const auto twice = variants.read({{pointer, "290 MW"}, {pointer, "310 MW"}});
    ASSERT_TRUE(base && a && b && c && twice);
    EXPECT_EQ(textOf(base->site.assumptions), "520 MW");
    EXPECT_EQ(textOf(a->site.assumptions), "300 MW");
    EXPECT_EQ(textOf(c->site.assumptions), "310 MW");
    EXPECT_EQ(a->site.assumptions, b->site.assumptions) << "one list for one value";
    EXPECT_NE(a->site.assumptions, c->site.assumptions);
    EXPECT_EQ(twice->site.assumptions, c->site.assumptions) << "the last override wins";
    ASSERT_EQ(a->site.assumptions->size(), base->site.assumptions->size());
    for (std::size_t i = 0; i < a->site.assumptions->size(); ++i) {
        const Assumption& x = (*a->site.assumptions)[i];
        const Assumption& y = (*base->site.assumptions)[i];
        EXPECT_EQ(x.pointer, y.pointer);
        EXPECT_EQ(x.source, y.source);
        if (x.pointer != pointer) {
            EXPECT_EQ(x.text, y.text) << x.pointer;
        }
    }
}

} // namespace
} // namespace headroom::model
