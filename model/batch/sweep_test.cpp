// Sweep files: each mode's scenarios, deterministic random samples, and every error
// located before anything runs.
#include "model/batch/sweep.h"

#include <gtest/gtest.h>

#include <fstream>
#include <unistd.h>

namespace headroom::model {
namespace {

using json = nlohmann::json;

class SweepTest : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = std::filesystem::temp_directory_path() /
                ("headroom-sweep-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(m_dir);
        std::filesystem::create_directories(m_dir / "sweeps");
        std::ofstream(m_dir / "site.json") << R"({
  "format": "headroom-site/1",
  "name": "Base",
  "climate": {"epw": "a.epw"},
  "cooling": {"supply_air": {"max": "27 degC", "min": "18 degC"}, "delta_t": "12 K"},
  "campus": {"utility_interconnect": "300 MW", "buildings": {"count": 2}},
  "it": {"utilization": 0.8}
})";
    }
    void TearDown() override { std::filesystem::remove_all(m_dir); }

    SweepLoad load(const std::string& text) {
        const auto path = m_dir / "sweeps" / "s.json";
        std::ofstream(path) << text;
        return readSweepFile(path);
    }
    static std::string messages(const SweepLoad& l) {
        std::string text;
        for (const auto& d : l.diagnostics.items()) {
            text += formatDiagnostic(d) + "\n";
        }
        return text;
    }

    std::filesystem::path m_dir;
};

// Ten million scenarios (issue 10): counted, and the last ones made from their index alone
// (scenario(i) decodes i digit by digit; nothing of the other 9,999,999 is made).
TEST_F(SweepTest, TenMillionScenariosAreMadeOnDemand) {
    json sweep = {{"format", "headroom-sweep/1"}, {"base", "../site.json"}, {"mode", "cartesian"}};
    const char* pointers[] = {"/cooling/supply_air/max",
                              "/cooling/supply_air/min",
                              "/cooling/delta_t",
                              "/campus/utility_interconnect",
                              "/campus/buildings/count",
                              "/it/utilization",
                              "/climate/epw"};
    for (const char* pointer : pointers) {
        json values = json::array();
        for (int v = 0; v < 10; ++v) {
            const std::string p = pointer;
            values.push_back(
                p == "/cooling/supply_air/max"        ? json(std::to_string(20 + v) + " degC")
                : p == "/cooling/supply_air/min"      ? json(std::to_string(10 + v) + " degC")
                : p == "/cooling/delta_t"             ? json(std::to_string(5 + v) + " K")
                : p == "/campus/utility_interconnect" ? json(std::to_string(100 + v) + " MW")
                : p == "/campus/buildings/count"      ? json(1 + v)
                : p == "/it/utilization"              ? json(0.5 + 0.05 * v)
                                                      : json(std::to_string(v) + ".epw"));
        }
        sweep["parameters"].push_back({{"pointer", pointer}, {"values", values}});
    }
    const auto l = load(sweep.dump());
    ASSERT_TRUE(l.sweep) << messages(l);
    EXPECT_EQ(l.sweep->count(), 10000000u);
    const auto last = l.sweep->scenario(9999999);
    ASSERT_EQ(last.size(), 7u);
    EXPECT_EQ(last[0].value, "29 degC");
    EXPECT_EQ(last[6].value, "9.epw");
    // 9,876,543: digits 9 8 7 6 5 4 3, the first parameter slowest.
    const auto near = l.sweep->scenario(9876543);
    EXPECT_EQ(near[0].value, "29 degC");
    EXPECT_EQ(near[1].value, "18 degC");
    EXPECT_EQ(near[2].value, "12 K");
    EXPECT_EQ(near[3].value, "106 MW");
    EXPECT_EQ(near[4].value, 6);
    EXPECT_EQ(near[6].value, "3.epw");
}

// The largest product a sweep may have is 2^40; more is refused with its count.
TEST_F(SweepTest, ProductsAbove2To40AreRefused) {
    json sweep = {{"format", "headroom-sweep/1"}, {"base", "../site.json"}, {"mode", "cartesian"}};
    for (int p = 0; p < 41; ++p) {
        sweep["parameters"].push_back(
            {{"pointer", "/cooling/delta_t"}, {"values", {"10 K", "11 K"}}});
    }
    const auto refused = load(sweep.dump());
    EXPECT_FALSE(refused.sweep);
    EXPECT_NE(messages(refused).find("/parameters: the product has more than 2^40 scenarios"),
              std::string::npos)
        << messages(refused);
    sweep["parameters"].erase(0);
    const auto largest = load(sweep.dump());
    ASSERT_TRUE(largest.sweep) << messages(largest);
    EXPECT_EQ(largest.sweep->count(), std::size_t{1} << 40);
    EXPECT_EQ(largest.sweep->scenario((std::size_t{1} << 40) - 1).back().value, "11 K");
}

TEST_F(SweepTest, CartesianFirstParameterVariesSlowest) {
    const auto l = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
        "mode": "cartesian", "parameters": [
        {"pointer": "/cooling/supply_air/max", "values": ["24 degC", "27 degC", "86 degF"]},
        {"pointer": "/climate/epw", "values": ["a.epw", "b.epw"]}]})");
    ASSERT_TRUE(l.sweep) << messages(l);
    const Sweep& s = *l.sweep;
    EXPECT_EQ(s.count(), 6u);
    EXPECT_EQ(s.basePath.lexically_normal(), (m_dir / "site.json").lexically_normal());
    EXPECT_EQ(s.scenario(0)[0].value, "24 degC");
    EXPECT_EQ(s.scenario(0)[1].value, "a.epw");
    EXPECT_EQ(s.scenario(1)[1].value, "b.epw");
    EXPECT_EQ(s.scenario(5)[0].value, "86 degF");
    EXPECT_EQ(s.scenario(5)[1].value, "b.epw");
    EXPECT_EQ(s.sha256.size(), 64u);
}

TEST_F(SweepTest, ZipAndList) {
    auto zip = load(R"({"format": "headroom-sweep/1", "base": "../site.json", "mode": "zip",
        "parameters": [
        {"pointer": "/cooling/supply_air/max", "values": ["24 degC", "27 degC"]},
        {"pointer": "/campus/buildings/count", "values": [1, 3]}]})");
    ASSERT_TRUE(zip.sweep) << messages(zip);
    EXPECT_EQ(zip.sweep->count(), 2u);
    EXPECT_EQ(zip.sweep->scenario(1)[1].value, 3);

    auto list = load(R"({"format": "headroom-sweep/1", "base": "../site.json", "mode": "list",
        "scenarios": [{"/cooling/supply_air/max": "25 degC"},
                      {"/campus/utility_interconnect": "250 MW", "/it/utilization": 0.5}]})");
    ASSERT_TRUE(list.sweep) << messages(list);
    EXPECT_EQ(list.sweep->count(), 2u);
    EXPECT_EQ(list.sweep->scenario(1).size(), 2u);
}

TEST_F(SweepTest, RandomIsSeededInRangeAndInTheUnitGiven) {
    const std::string text = R"({"format": "headroom-sweep/1", "base": "../site.json",
        "mode": "random", "samples": 4000, "seed": 42, "parameters": [
        {"pointer": "/cooling/supply_air/max", "distribution": "uniform",
         "min": "75 degF", "max": "80 degF"},
        {"pointer": "/it/utilization", "distribution": "normal", "mean": 0.7, "sd": 0.05},
        {"pointer": "/cooling/delta_t", "distribution": "triangular",
         "min": "10 K", "mode": "12 K", "max": "20 K"},
        {"pointer": "/campus/buildings/count", "distribution": "uniform", "min": 1, "max": 4}]})";
    const auto l = load(text);
    ASSERT_TRUE(l.sweep) << messages(l);
    const Sweep& s = *l.sweep;
    ASSERT_EQ(s.count(), 4000u);
    double sumUtilization = 0.0, sumDelta = 0.0;
    for (std::size_t i = 0; i < s.count(); ++i) {
        const auto edits = s.scenario(i);
        const std::string supply = edits[0].value.get<std::string>();
        ASSERT_TRUE(supply.ends_with(" degF")) << supply;
        const double f = std::stod(supply);
        EXPECT_GE(f, 75.0);
        EXPECT_LE(f, 80.0);
        sumUtilization += edits[1].value.get<double>();
        const std::string delta = edits[2].value.get<std::string>();
        ASSERT_TRUE(delta.ends_with(" K")) << delta;
        EXPECT_GE(std::stod(delta), 10.0);
        EXPECT_LE(std::stod(delta), 20.0);
        sumDelta += std::stod(delta);
        ASSERT_TRUE(edits[3].value.is_number_integer());
        EXPECT_GE(edits[3].value.get<int>(), 1);
        EXPECT_LE(edits[3].value.get<int>(), 4);
    }
    // Tolerances: 5 standard errors of the mean. Normal: sd 0.05 / sqrt(4000) = 0.00079.
    EXPECT_NEAR(sumUtilization / 4000.0, 0.7, 5 * 0.00079);
    // Triangular(10, 12, 20): mean (10 + 12 + 20) / 3 = 14, sd = sqrt((a2+b2+c2-ab-ac-bc)/18)
    // = 2.16, standard error 0.034.
    EXPECT_NEAR(sumDelta / 4000.0, 14.0, 5 * 0.034);
    // The same file gives the same samples; scenario i does not depend on the others.
    const auto again = load(text);
    EXPECT_EQ(again.sweep->scenario(1234)[0].value, s.scenario(1234)[0].value);
    EXPECT_EQ(again.sweep->scenario(7)[1].value, s.scenario(7)[1].value);
    EXPECT_NE(s.scenario(7)[1].value, s.scenario(8)[1].value);
}

TEST_F(SweepTest, AMissingPointerIsALocatedError) {
    const auto l = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
        "parameters": [{"pointer": "/cooling/supply_air/maximum", "values": ["24 degC"]}]})");
    EXPECT_FALSE(l.sweep);
    ASSERT_EQ(l.diagnostics.count(Severity::Error), 1) << messages(l);
    const auto& d = l.diagnostics.items().front();
    EXPECT_EQ(d.pointer, "/parameters/0/pointer");
    EXPECT_NE(d.file.find("s.json"), std::string::npos);
    EXPECT_EQ(d.message, "\"/cooling/supply_air/maximum\" does not exist in the base site");
    // Located in the sweep file: line 2, at the pointer's value.
    EXPECT_EQ(d.line, 2);
    EXPECT_EQ(d.column, 36);
}

TEST_F(SweepTest, AWrongDimensionIsALocatedError) {
    const auto l = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
        "parameters": [{"pointer": "/cooling/supply_air/max",
                        "values": ["24 degC", "27 MW", 27, "5 delta_degC"]}]})");
    EXPECT_FALSE(l.sweep);
    ASSERT_EQ(l.diagnostics.count(Severity::Error), 3) << messages(l);
    const auto& items = l.diagnostics.items();
    EXPECT_EQ(items[0].pointer, "/parameters/0/values/1");
    EXPECT_EQ(items[0].message, "expected a temperature, got \"27 MW\" (power)");
    EXPECT_EQ(items[1].pointer, "/parameters/0/values/2");
    EXPECT_EQ(items[2].pointer, "/parameters/0/values/3");
}

TEST_F(SweepTest, OtherErrors) {
    auto zip = load(R"({"format": "headroom-sweep/1", "base": "../site.json", "mode": "zip",
        "parameters": [{"pointer": "/climate/epw", "values": ["a.epw", "b.epw"]},
                       {"pointer": "/it/utilization", "values": [0.5]}]})");
    EXPECT_FALSE(zip.sweep);
    EXPECT_NE(messages(zip).find("zip needs the same number of values"), std::string::npos);

    auto noBase = load(R"({"format": "headroom-sweep/1", "base": "nowhere.json",
        "parameters": [{"pointer": "/name", "values": ["x"]}]})");
    ASSERT_FALSE(noBase.sweep);
    EXPECT_EQ(noBase.diagnostics.items().front().kind, DiagnosticKind::NotFound);
    EXPECT_EQ(noBase.diagnostics.items().front().pointer, "/base");

    auto format = load(R"({"format": "headroom-sweep/2", "base": "../site.json"})");
    EXPECT_FALSE(format.sweep);
    EXPECT_EQ(format.diagnostics.items().front().pointer, "/format");

    auto syntax = load("{\"format\": \"headroom-sweep/1\",\n  \"base\": ]\n}");
    ASSERT_FALSE(syntax.sweep);
    EXPECT_EQ(syntax.diagnostics.items().front().kind, DiagnosticKind::Syntax);
    EXPECT_EQ(syntax.diagnostics.items().front().line, 2);
    EXPECT_EQ(syntax.diagnostics.items().front().column, 11);

    auto random = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
        "mode": "random", "samples": 10, "parameters": [
        {"pointer": "/cooling/supply_air/max", "distribution": "normal",
         "mean": "27 degC", "sd": "2 degC"}]})");
    EXPECT_FALSE(random.sweep);
    EXPECT_NE(messages(random).find("/parameters/0/sd"), std::string::npos) << messages(random);
    EXPECT_NE(messages(random).find("/seed"), std::string::npos) << messages(random);

    auto unknown = load(R"({"format": "headroom-sweep/1", "base": "../site.json", "colour": 1,
        "parameters": [{"pointer": "/name", "values": ["x"]}]})");
    ASSERT_TRUE(unknown.sweep);
    EXPECT_EQ(unknown.diagnostics.count(Severity::Warning), 1);
    EXPECT_EQ(unknown.diagnostics.items().front().pointer, "/colour");

    EXPECT_EQ(readSweepFile(m_dir / "absent.json").diagnostics.items().front().kind,
              DiagnosticKind::NotFound);
}

// Found by sweep_reader_fuzz (tests/fuzz/regressions/sweep_reader_fuzz/): a member of the
// wrong JSON type threw out of the reader (json::value) instead of giving a diagnostic.
TEST_F(SweepTest, WrongJsonTypesAreLocatedErrors) {
    auto located = [](const SweepLoad& l) {
        std::vector<std::string> lines;
        for (const auto& d : l.diagnostics.items()) {
            lines.push_back(std::to_string(d.line) + ":" + std::to_string(d.column) + " " +
                            d.pointer + ": " + d.message);
        }
        return lines;
    };
    const auto format = load(R"({"format": 7, "base": "../site.json"})");
    EXPECT_FALSE(format.sweep);
    EXPECT_EQ(located(format),
              (std::vector<std::string>{"1:12 /format: expected \"headroom-sweep/1\", got 7"}));

    const auto mode = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
  "mode": ["zip"], "parameters": [{"pointer": "/name", "values": ["x"]}]})");
    EXPECT_FALSE(mode.sweep);
    EXPECT_EQ(located(mode),
              (std::vector<std::string>{"2:11 /mode: expected \"cartesian\", \"zip\", \"list\" or "
                                        "\"random\", got [\"zip\"]"}));

    const auto distribution = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
  "mode": "random", "samples": 3, "seed": 1, "parameters": [
    {"pointer": "/cooling/delta_t", "distribution": 1, "min": "10 K", "max": "14 K"}]})");
    EXPECT_FALSE(distribution.sweep);
    EXPECT_EQ(located(distribution),
              (std::vector<std::string>{"3:53 /parameters/0/distribution: expected \"uniform\", "
                                        "\"normal\" or \"triangular\", got 1"}));
}

TEST_F(SweepTest, ADistributionTooWideToSampleIsAnError) {
    const auto uniform = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
  "mode": "random", "samples": 3, "seed": 1, "parameters": [
    {"pointer": "/cooling/delta_t", "min": "-1e308 K",
     "max": "1e308 K"}]})");
    EXPECT_FALSE(uniform.sweep);
    ASSERT_EQ(uniform.diagnostics.items().size(), 1u) << messages(uniform);
    const auto& d = uniform.diagnostics.items().front();
    EXPECT_EQ(d.pointer, "/parameters/0/max");
    EXPECT_EQ(d.message,
              "the distribution is too wide to sample: its samples would not be finite numbers");
    EXPECT_EQ(d.line, 4);
    EXPECT_EQ(d.column, 13);

    const auto normal = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
  "mode": "random", "samples": 3, "seed": 1, "parameters": [
    {"pointer": "/campus/buildings/count", "distribution": "normal", "mean": 2, "sd": 1e308}]})");
    EXPECT_FALSE(normal.sweep);
    ASSERT_EQ(normal.diagnostics.items().size(), 1u) << messages(normal);
    EXPECT_EQ(normal.diagnostics.items().front().pointer, "/parameters/0/sd");
}

TEST_F(SweepTest, AHugeValueIsCutShortInTheMessage) {
    const std::string huge(10u << 20, 'x');
    const auto l = load(R"({"format": "headroom-sweep/1", "base": "../site.json",
  "parameters": [{"pointer": "/cooling/supply_air/max", "values": [")" +
                        huge + R"( degC"]}]})");
    EXPECT_FALSE(l.sweep);
    ASSERT_EQ(l.diagnostics.items().size(), 1u);
    EXPECT_EQ(l.diagnostics.items().front().message,
              "expected a finite number such as 65 or 1.2e3, got \"" + std::string(64, 'x') +
                  "...\" (10485760 bytes)");
}

// Found by sweep_reader_fuzz (regressions/sweep_reader_fuzz/base_is_a_folder.json): a base
// naming a folder threw std::ios_base::failure out of the reader.
TEST_F(SweepTest, ABaseThatIsAFolderOrNotJsonIsAnError) {
    const auto folder = load(R"({"format": "headroom-sweep/1", "base": "..",
  "parameters": [{"pointer": "/name", "values": ["x"]}]})");
    EXPECT_FALSE(folder.sweep);
    ASSERT_EQ(folder.diagnostics.items().size(), 1u) << messages(folder);
    const auto& d = folder.diagnostics.items().front();
    EXPECT_EQ(d.pointer, "/base");
    EXPECT_EQ(d.kind, DiagnosticKind::Unreadable);
    EXPECT_EQ(d.message,
              "the base site " + (m_dir / "sweeps" / "..").string() + " is a folder, not a file");
    EXPECT_EQ(d.line, 1);
    EXPECT_EQ(d.column, 40);

    std::ofstream(m_dir / "broken.json") << "{\n  \"format\": \"headroom-site/1\",\n}";
    const auto broken = load(R"({"format": "headroom-sweep/1", "base": "../broken.json",
  "parameters": [{"pointer": "/name", "values": ["x"]}]})");
    EXPECT_FALSE(broken.sweep);
    ASSERT_EQ(broken.diagnostics.items().size(), 2u) << messages(broken);
    const std::string base = (m_dir / "sweeps" / ".." / "broken.json").string();
    EXPECT_EQ(formatDiagnostic(broken.diagnostics.items()[0]),
              base + ":2:30: error: trailing comma before '}': remove it or add another member");
    EXPECT_EQ(broken.diagnostics.items()[1].message,
              "the base site " + base + " is not valid JSON");
}

} // namespace
} // namespace headroom::model
