// writeReportSet: a set of reports replaces the previous set whole, or not at all
// (issue 17 item 9); defaultReportFolder never leaves out/ (issue 17 item 10).
#include "model/report/report_registry.h"
#include "model/report/synthetic_run_result.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <unistd.h>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

/// A writer whose one file cannot be written: its name is taken by a folder in outDir.
class FailingWriter : public ReportWriter {
public:
    std::string shortName() const override { return "failing"; }
    std::vector<std::string> extensions() const override { return {"txt"}; }
    std::string description() const override { return "fails after the others wrote"; }
    WriteOutcome write(const RunResult&, const ReportOptions& options) const override {
        WriteOutcome outcome;
        Diagnostic diagnostic;
        diagnostic.file = (options.outDir / "failing.txt").string();
        diagnostic.message = "cannot write: No space left on device";
        outcome.diagnostics.add(diagnostic);
        return outcome;
    }
};

class ReportSet : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("headroom-report-set-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }
    fs::path m_dir;
};

TEST_F(ReportSet, AFailureLeavesThePreviousSetWhole) {
    const auto& registry = ReportRegistry::instance();
    const std::vector<const ReportWriter*> good = {registry.find("csv"), registry.find("json")};
    ReportOptions options;
    options.outDir = m_dir;
    const RunResult first = testing::syntheticRunResult(1.2, "First");
    ASSERT_TRUE(writeReportSet(first, good, options).ok);
    const std::string summaryBefore = slurp(m_dir / "summary.json");
    const std::string hourlyBefore = slurp(m_dir / "hourly.csv");

    // Before the fix the csv and json files were already replaced when the third failed.
    const FailingWriter failing;
    const RunResult second = testing::syntheticRunResult(1.5, "Second");
    const auto outcome = writeReportSet(second, {good[0], good[1], &failing}, options);
    EXPECT_FALSE(outcome.ok);
    EXPECT_TRUE(outcome.diagnostics.hasErrors());
    EXPECT_EQ(slurp(m_dir / "summary.json"), summaryBefore);
    EXPECT_EQ(slurp(m_dir / "hourly.csv"), hourlyBefore);
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(m_dir)) {
        names.push_back(entry.path().filename().string());
    }
    std::sort(names.begin(), names.end());
    EXPECT_EQ(names, (std::vector<std::string>{"hourly.csv", "monthly.csv", "summary.csv",
                                               "summary.json"}))
        << "a staged file or folder was left behind";

    // A success replaces the whole set.
    const auto replaced = writeReportSet(second, good, options);
    ASSERT_TRUE(replaced.ok);
    EXPECT_EQ(replaced.files.size(), 4u);
    EXPECT_EQ(replaced.files.front().parent_path(), m_dir);
    EXPECT_NE(slurp(m_dir / "summary.json"), summaryBefore);
}

TEST(DefaultReportFolder, NeverLeavesOut) {
    EXPECT_EQ(defaultReportFolder("sites/phoenix-az.json"), fs::path("out/phoenix-az"));
    // "...json": its stem is "..", which made out/.. the working folder.
    EXPECT_EQ(defaultReportFolder("...json"), fs::path("out/site"));
    EXPECT_EQ(defaultReportFolder(".json"), fs::path("out/site"));
    EXPECT_EQ(defaultReportFolder("..hidden.json"), fs::path("out/site"));
}

} // namespace
} // namespace headroom::model
