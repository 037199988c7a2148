// End-to-end tests of headroom-cli run, batch and merge: the real binary, spawned as a
// user would, on the sample sites. Stores are compared by content (table rows in key
// order), not by file bytes.
#include "model/batch/store_dump.h"
#include "model/plan/plan.h"
#include "model/plan/plan_uncertainty.h"
#include "model/report/plan_report.h"
#include "model/run/run_service.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <iostream>
#include <random>
#include <spawn.h>
#include <sstream>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char** environ;

namespace headroom {
namespace {

namespace fs = std::filesystem;

const fs::path kCli = fs::path(HEADROOM_BINARY_DIR) / "app" / "headroom-cli";
const fs::path kSampleSites = headroom::testing::sampleSiteDir();
const fs::path kIndiana = kSampleSites / "st-joseph-county-in.json";

struct Spawned {
    pid_t pid = -1;
};

/// Starts the CLI with stdout and stderr sent to files in dir.
Spawned spawnCli(const std::vector<std::string>& args, const fs::path& dir) {
    std::vector<std::string> argv = {kCli.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    std::vector<char*> raw;
    for (auto& arg : argv) {
        raw.push_back(arg.data());
    }
    raw.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 1, (dir / "stdout.txt").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    posix_spawn_file_actions_addopen(&actions, 2, (dir / "stderr.txt").c_str(),
                                     O_WRONLY | O_CREAT | O_TRUNC, 0644);
    Spawned spawned;
    if (posix_spawn(&spawned.pid, kCli.c_str(), &actions, nullptr, raw.data(), environ) != 0) {
        spawned.pid = -1;
    }
    posix_spawn_file_actions_destroy(&actions);
    return spawned;
}

int waitExit(const Spawned& spawned) {
    int status = 0;
    waitpid(spawned.pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct Outcome {
    int exitCode = -1;
    std::string out, err;
};

Outcome runCli(const std::vector<std::string>& args, const fs::path& dir) {
    const auto spawned = spawnCli(args, dir);
    Outcome outcome;
    outcome.exitCode = spawned.pid > 0 ? waitExit(spawned) : -1;
    outcome.out = slurp(dir / "stdout.txt");
    outcome.err = slurp(dir / "stderr.txt");
    return outcome;
}

/// Sums one column of an RFC 4180 file whose fields hold no quotes (the numeric files).
double columnSum(const fs::path& csv, const std::string& column, std::size_t* rows = nullptr) {
    std::istringstream in(slurp(csv));
    std::string line;
    std::getline(in, line);
    std::vector<std::string> header;
    {
        std::stringstream fields(line.substr(0, line.size() - 1)); // drop the CR
        std::string field;
        while (std::getline(fields, field, ',')) {
            header.push_back(field);
        }
    }
    const auto at = std::find(header.begin(), header.end(), column) - header.begin();
    EXPECT_LT(static_cast<std::size_t>(at), header.size()) << "no column " << column;
    double sum = 0.0;
    std::size_t count = 0;
    while (std::getline(in, line)) {
        EXPECT_TRUE(line.ends_with("\r")) << "RFC 4180 records end with CRLF";
        std::stringstream fields(line.substr(0, line.size() - 1));
        std::string field;
        for (std::ptrdiff_t i = 0; std::getline(fields, field, ','); ++i) {
            if (i == at) {
                sum += std::stod(field);
            }
        }
        ++count;
    }
    if (rows) {
        *rows = count;
    }
    return sum;
}

class CliTest : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(fs::exists(kCli)) << kCli << " is not built";
        m_dir = fs::temp_directory_path() /
                ("headroom-e2e-" + std::to_string(::getpid()) + "-" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
    }
    void TearDown() override {
        if (!m_dir.empty()) {
            fs::remove_all(m_dir);
        }
    }

    /// A sweep over the Indiana site with `count` scenarios (a cartesian product of
    /// supply-air limits and utilizations).
    fs::path writeSweep(int supplySteps, int otherSteps) {
        nlohmann::json supply = nlohmann::json::array(), utilization = nlohmann::json::array();
        for (int i = 0; i < supplySteps; ++i) {
            supply.push_back(
                std::to_string(22 + i * 8.0 / std::max(1, supplySteps - 1)).substr(0, 6) + " degC");
        }
        for (int i = 0; i < otherSteps; ++i) {
            utilization.push_back(std::to_string(100 - 2 * i) + " %");
        }
        nlohmann::json sweep = {{"format", "headroom-sweep/1"},
                                {"base", kIndiana.string()},
                                {"mode", "cartesian"},
                                {"parameters",
                                 {{{"pointer", "/cooling/supply_air/max"}, {"values", supply}},
                                  {{"pointer", "/it/utilization"}, {"values", utilization}}}}};
        const auto path = m_dir / "sweep.json";
        std::ofstream(path) << sweep.dump(2);
        return path;
    }

    fs::path m_dir;
};

TEST_F(CliTest, RunEverySampleSite) {
    int sites = 0;
    for (const fs::path& path : headroom::testing::sampleSiteFiles()) {
        ++sites;
        SCOPED_TRACE(path.string());
        const auto out = m_dir / path.stem();
        const auto result = runCli(
            {"run", path.string(), "--out", out.string(), "--format", "csv,json", "--json"}, m_dir);
        ASSERT_EQ(result.exitCode, 0) << result.err;
        const auto summary = nlohmann::json::parse(result.out);
        EXPECT_EQ(summary, nlohmann::json::parse(slurp(out / "summary.json")));
        EXPECT_GE(summary["pue"].get<double>(), 1.0);
        EXPECT_EQ(summary["monthly"]["water_m3"].size(), 12u);
        // The CSV files parsed back sum to the annual totals. Tolerance: the files print
        // round-trip doubles; 1e-9 relative covers the order of 8760 additions.
        std::size_t hours = 0;
        // IT energy is counted at the rack input (PSU losses included), as PUE counts it.
        const double itMwh = columnSum(out / "hourly.csv", "it_input_power_kw", &hours) / 1000.0;
        EXPECT_TRUE(hours == 8760 || hours == 8784) << hours;
        const double itTotal = summary["it_energy_mwh"].get<double>();
        EXPECT_NEAR(itMwh, itTotal, 1e-9 * itTotal);
        const double facilityTotal = summary["facility_energy_mwh"].get<double>();
        EXPECT_NEAR(columnSum(out / "hourly.csv", "facility_power_kw") / 1000.0, facilityTotal,
                    1e-9 * facilityTotal);
        const double water = summary["water_m3"].get<double>();
        EXPECT_NEAR(columnSum(out / "hourly.csv", "water_l") / 1000.0, water, 1e-9 * water + 1e-9);
        EXPECT_NEAR(columnSum(out / "monthly.csv", "water_m3"), water, 1e-9 * water + 1e-9);
        const double carbon = summary["carbon_location_t"].get<double>();
        EXPECT_NEAR(columnSum(out / "monthly.csv", "carbon_location_t"), carbon, 1e-9 * carbon);
    }
    EXPECT_GT(sites, 0) << "no sample sites in " << kSampleSites;
}

TEST_F(CliTest, RunDefaultSitePrintsTheKpiTable) {
    const auto result =
        runCli({"run", "--out", (m_dir / "out").string(), "--format", "json"}, m_dir);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    EXPECT_NE(result.out.find("PUE"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("Binding constraint"), std::string::npos);
    EXPECT_TRUE(fs::exists(m_dir / "out" / "summary.json"));
}

TEST_F(CliTest, RunRejectsBadOptionsAndMissingFiles) {
    EXPECT_EQ(runCli({"run", "--units", "furlongs"}, m_dir).exitCode, 2);
    EXPECT_EQ(runCli({"run", "--format", "docx"}, m_dir).exitCode, 2);
    EXPECT_EQ(runCli({"run", "--frobnicate"}, m_dir).exitCode, 2);
    // Every command reads its options through one parser: a value left off names the option
    // and what it takes, and a second positional argument is refused.
    const auto noFolder = runCli({"run", "--out"}, m_dir);
    EXPECT_EQ(noFolder.exitCode, 2);
    EXPECT_NE(noFolder.err.find("headroom-cli run: '--out' needs a folder"), std::string::npos)
        << noFolder.err;
    const auto noJobs = runCli({"batch", "x.json", "--db", "y", "-j"}, m_dir);
    EXPECT_EQ(noJobs.exitCode, 2);
    EXPECT_NE(noJobs.err.find("'-j' needs a whole number"), std::string::npos) << noJobs.err;
    const auto twoSites = runCli({"plan", "a.json", "b.json"}, m_dir);
    EXPECT_EQ(twoSites.exitCode, 2);
    EXPECT_NE(twoSites.err.find("one site at a time ('b.json' is a second one)"), std::string::npos)
        << twoSites.err;
    const auto missing = runCli({"run", (m_dir / "nowhere.json").string()}, m_dir);
    EXPECT_EQ(missing.exitCode, 1);
    EXPECT_NE(missing.err.find("nowhere.json: error: no such site file"), std::string::npos)
        << missing.err;
    const auto help = runCli({"run", "--help"}, m_dir);
    EXPECT_EQ(help.exitCode, 0);
    EXPECT_EQ(help.out.find("usage: headroom-cli run"), 0u);
}

TEST_F(CliTest, BatchRejectsABadSweepBeforeRunning) {
    std::ofstream(m_dir / "bad.json")
        << R"({"format": "headroom-sweep/1", "base": ")" << kIndiana.string() << R"(",
  "parameters": [{"pointer": "/cooling/supply_air/max", "values": ["27 MW"]}]})";
    const auto result = runCli(
        {"batch", (m_dir / "bad.json").string(), "--db", (m_dir / "r.sqlite").string()}, m_dir);
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_NE(result.err.find("/parameters/0/values/0: expected a temperature, got \"27 MW\""),
              std::string::npos)
        << result.err;
    EXPECT_FALSE(fs::exists(m_dir / "r.sqlite")) << "nothing may run, or be created";
    EXPECT_EQ(runCli({"batch", "--shard", "3/2", "x.json", "--db", "y"}, m_dir).exitCode, 2);
    EXPECT_EQ(runCli({"batch", "x.json"}, m_dir).exitCode, 2);
}

TEST_F(CliTest, JobsOneAndTwoGiveIdenticalStores) {
    const auto sweep = writeSweep(5, 4);
    const auto one = runCli({"batch", sweep.string(), "--db", (m_dir / "one.sqlite").string(),
                             "--jobs", "1", "--csv", (m_dir / "one.csv").string()},
                            m_dir);
    ASSERT_EQ(one.exitCode, 0) << one.err;
    const auto two = runCli({"batch", sweep.string(), "--db", (m_dir / "two.sqlite").string(),
                             "--jobs", "2", "--csv", (m_dir / "two.csv").string()},
                            m_dir);
    ASSERT_EQ(two.exitCode, 0) << two.err;
    // stderr is a file here: no progress bar unless asked for.
    EXPECT_EQ(two.err.find('\r'), std::string::npos) << two.err;
    const std::string dump = model::testing::dumpResultStore(m_dir / "one.sqlite");
    EXPECT_EQ(dump, model::testing::dumpResultStore(m_dir / "two.sqlite"));
    EXPECT_EQ(slurp(m_dir / "one.csv"), slurp(m_dir / "two.csv"));
    std::size_t rows = 0;
    columnSum(m_dir / "one.csv", "scenario_index", &rows);
    EXPECT_EQ(rows, 20u);
    const auto shown = runCli(
        {"batch", sweep.string(), "--db", (m_dir / "three.sqlite").string(), "--progress"}, m_dir);
    ASSERT_EQ(shown.exitCode, 0) << shown.err;
    EXPECT_NE(shown.err.find("\rbatch 20/20 ["), std::string::npos) << shown.err;
    EXPECT_EQ(shown.out, "") << "progress goes to stderr only";
    // A second run into the same store without --resume is refused, not duplicated.
    EXPECT_EQ(
        runCli({"batch", sweep.string(), "--db", (m_dir / "one.sqlite").string()}, m_dir).exitCode,
        1);
}

TEST_F(CliTest, ShardsMergedEqualTheFullRun) {
    const auto sweep = writeSweep(4, 3);
    ASSERT_EQ(
        runCli({"batch", sweep.string(), "--db", (m_dir / "full.sqlite").string()}, m_dir).exitCode,
        0);
    ASSERT_EQ(
        runCli({"batch", sweep.string(), "--db", (m_dir / "s1.sqlite").string(), "--shard", "1/2"},
               m_dir)
            .exitCode,
        0);
    ASSERT_EQ(
        runCli({"batch", sweep.string(), "--db", (m_dir / "s2.sqlite").string(), "--shard", "2/2"},
               m_dir)
            .exitCode,
        0);
    const auto merged =
        runCli({"merge", (m_dir / "s2.sqlite").string(), (m_dir / "s1.sqlite").string(), "-o",
                (m_dir / "all.sqlite").string()},
               m_dir);
    ASSERT_EQ(merged.exitCode, 0) << merged.err;
    EXPECT_EQ(model::testing::dumpResultStore(m_dir / "all.sqlite"),
              model::testing::dumpResultStore(m_dir / "full.sqlite"));
}

TEST_F(CliTest, KilledBatchResumesToTheSameResults) {
    const auto sweep = writeSweep(10, 12); // 120 scenarios: long enough to kill mid-run
    ASSERT_EQ(
        runCli({"batch", sweep.string(), "--db", (m_dir / "full.sqlite").string()}, m_dir).exitCode,
        0);
    const auto db = m_dir / "killed.sqlite";
    const auto spawned = spawnCli({"batch", sweep.string(), "--db", db.string()}, m_dir);
    ASSERT_GT(spawned.pid, 0);
    // Wait until some scenarios are committed, then kill without warning.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::string count = "0|\n";
    while (std::chrono::steady_clock::now() < deadline) {
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
        if (!fs::exists(db)) {
            continue;
        }
        sqlite3* handle = nullptr;
        if (sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
            count = model::testing::sqliteQueryText(handle, "SELECT count(*) FROM scenarios");
        }
        sqlite3_close(handle);
        if (count != "0|\n" && count.rfind("error", 0) != 0) {
            break;
        }
    }
    ::kill(spawned.pid, SIGKILL);
    EXPECT_EQ(waitExit(spawned), 128 + SIGKILL) << "the batch finished before it was killed";
    EXPECT_EQ(model::testing::integrityCheck(db), "ok|\n");
    const auto resumed = runCli({"batch", sweep.string(), "--db", db.string(), "--resume"}, m_dir);
    ASSERT_EQ(resumed.exitCode, 0) << resumed.err;
    EXPECT_NE(resumed.err.find("already done"), std::string::npos) << resumed.err;
    EXPECT_EQ(model::testing::integrityCheck(db), "ok|\n");
    EXPECT_EQ(model::testing::dumpResultStore(db),
              model::testing::dumpResultStore(m_dir / "full.sqlite"));
}

/// Rows of `table` in one store and not the other, both ways, compared by content (SQL
/// EXCEPT compares every column, NULLs equal), as "a-only|b-only|".
std::string tableDifference(const fs::path& a, const fs::path& b, const std::string& table) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(a.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open " + a.string();
    }
    std::string text =
        model::testing::sqliteQueryText(db, "ATTACH DATABASE '" + b.string() + "' AS other");
    text += model::testing::sqliteQueryText(
        db, "SELECT (SELECT count(*) FROM (SELECT * FROM main." + table +
                " EXCEPT SELECT * FROM other." + table +
                ")), (SELECT count(*) FROM (SELECT * FROM other." + table +
                " EXCEPT SELECT * FROM main." + table + "))");
    sqlite3_close(db);
    return text;
}

/// "count|distinct scenario indices|lowest|highest|" of one table of a store.
std::string scenarioCoverage(const fs::path& path, const std::string& table) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
        sqlite3_close(db);
        return "cannot open " + path.string();
    }
    std::string text = model::testing::sqliteQueryText(
        db, "SELECT count(*), count(DISTINCT scenario_index), min(scenario_index), "
            "max(scenario_index) FROM " +
                table);
    sqlite3_close(db);
    return text;
}

/// Scenarios committed in a store, or -1 when it has no scenarios table yet.
long long committedScenarios(const fs::path& path) {
    if (!fs::exists(path)) {
        return -1;
    }
    sqlite3* db = nullptr;
    std::string count;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
        count = model::testing::sqliteQueryText(db, "SELECT count(*) FROM scenarios");
    }
    sqlite3_close(db);
    return count.empty() || count.rfind("error", 0) == 0 ? -1 : std::stoll(count);
}

TEST_F(CliTest, BatchKilledAtRandomMomentsResumesToTheSameStore) {
    // The delays are random, from a seed printed with any failure; HEADROOM_TEST_SEED=<seed>
    // replays the same delays (the moments they hit still depend on the machine's load).
    const char* given = std::getenv("HEADROOM_TEST_SEED");
    const std::uint64_t seed = given ? std::strtoull(given, nullptr, 10) : std::random_device{}();
    SCOPED_TRACE("HEADROOM_TEST_SEED=" + std::to_string(seed));
    std::mt19937_64 random(seed);

    // 24 scenarios with hourly rows: each commit writes 8760 rows per scenario, so a good
    // share of the run is spent inside a transaction, where a kill is most dangerous.
    const auto sweep = writeSweep(6, 4);
    constexpr long long kScenarios = 24;
    const std::vector<std::string> batch = {"batch", sweep.string(), "--hourly", "--jobs", "2"};
    auto withDb = [&](const fs::path& db, bool resume) {
        auto args = batch;
        args.insert(args.end(), {"--db", db.string()});
        if (resume) {
            args.emplace_back("--resume");
        }
        return args;
    };

    // The uninterrupted run, timed: how long until its store exists, and in all.
    const auto full = m_dir / "full.sqlite";
    const auto started = std::chrono::steady_clock::now();
    const auto reference = spawnCli(withDb(full, false), m_dir);
    ASSERT_GT(reference.pid, 0);
    auto storeAppeared = std::chrono::steady_clock::duration::zero();
    for (int status = 0; waitpid(reference.pid, &status, WNOHANG) == 0;) {
        if (storeAppeared == decltype(storeAppeared)::zero() && fs::exists(full)) {
            storeAppeared = std::chrono::steady_clock::now() - started;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    const auto fullRun = std::chrono::steady_clock::now() - started;
    ASSERT_EQ(committedScenarios(full), kScenarios) << slurp(m_dir / "stderr.txt");

    // Five kills without warning. The first falls before or about when the store is
    // created; the others anywhere in a third of a full run each, so together they rarely
    // let a run finish, and each resume starts from whatever the last one committed.
    const auto db = m_dir / "killed.sqlite";
    long long committed = -1;
    int killedRunning = 0;
    std::ostringstream log;
    for (int round = 0; round < 5; ++round) {
        const auto limit = round == 0 ? storeAppeared + std::chrono::milliseconds(20) : fullRun / 3;
        const auto delay = std::chrono::microseconds(std::uniform_int_distribution<long long>(
            0, std::chrono::duration_cast<std::chrono::microseconds>(limit).count())(random));
        const auto spawned = spawnCli(withDb(db, true), m_dir);
        ASSERT_GT(spawned.pid, 0);
        std::this_thread::sleep_for(delay);
        ::kill(spawned.pid, SIGKILL);
        const int exitCode = waitExit(spawned);
        log << "round " << round << ": killed after " << delay.count() / 1000 << " ms, exit "
            << exitCode;
        ASSERT_TRUE(exitCode == 128 + SIGKILL || exitCode == 0) << log.str() << "\n"
                                                                << slurp(m_dir / "stderr.txt");
        killedRunning += exitCode == 128 + SIGKILL ? 1 : 0;
        if (fs::exists(db)) {
            EXPECT_EQ(model::testing::integrityCheck(db), "ok|\n") << log.str();
        }
        // What was committed stays committed.
        const long long now = committedScenarios(db);
        log << ", " << now << " scenarios committed\n";
        EXPECT_GE(now, committed) << log.str();
        committed = now;
    }
    std::cout << "HEADROOM_TEST_SEED=" << seed << "\n" << log.str();
    const auto resumed = runCli(withDb(db, true), m_dir);
    ASSERT_EQ(resumed.exitCode, 0) << log.str() << resumed.err;
    EXPECT_GE(killedRunning, 1) << "every batch finished before its kill:\n" << log.str();

    EXPECT_EQ(model::testing::integrityCheck(db), "ok|\n") << log.str();
    // The same content as the uninterrupted run: no scenario missing, none twice (the
    // counts equal the distinct indices), no row different or extra in any table.
    const std::string everyScenario = std::to_string(kScenarios) + "|" +
                                      std::to_string(kScenarios) + "|0|" +
                                      std::to_string(kScenarios - 1) + "|\n";
    EXPECT_EQ(scenarioCoverage(db, "scenarios"), everyScenario) << log.str();
    EXPECT_EQ(scenarioCoverage(db, "kpis"), everyScenario) << log.str();
    for (const std::string table : {"scenarios", "kpis", "monthly", "diagnostics", "hourly"}) {
        EXPECT_EQ(scenarioCoverage(db, table), scenarioCoverage(full, table)) << table;
    }
    for (const std::string table :
         {"runs", "scenarios", "kpis", "monthly", "diagnostics", "hourly"}) {
        EXPECT_EQ(tableDifference(db, full, table), "0|0|\n") << table << "\n" << log.str();
    }
    EXPECT_EQ(model::testing::dumpResultStore(db, false),
              model::testing::dumpResultStore(full, false))
        << log.str();
}

// headroom-cli plan (issue 19): plan.json, years.csv and the store's plan tables hold what
// the plan runner computes, year by year, and the horizon is the years added up.
TEST_F(CliTest, PlanWritesTheRunnersYears) {
    const fs::path site = kSampleSites / "st-joseph-county-in-plan.json";
    const fs::path out = m_dir / "plan";
    const fs::path db = m_dir / "plan.sqlite";
    // The sample's 100 declared draws are the next test's subject, on a shorter plan.
    const auto result = runCli({"plan", site.string(), "--out", out.string(), "--format",
                                "json,csv", "--db", db.string(), "--json", "--draws", "0"},
                               m_dir);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    EXPECT_EQ(json, nlohmann::json::parse(slurp(out / "plan.json")));

    // The runner, in process, on the same file.
    const auto load = model::loadSiteSource(site);
    ASSERT_TRUE(load.source);
    model::RunService service;
    const auto build = service.prepare(*load.source, {});
    ASSERT_TRUE(build.scenario);
    model::Feedback feedback;
    const model::PlanResult plan = model::runPlan(*build.scenario, feedback);
    ASSERT_EQ(plan.years.size(), 15u);
    ASSERT_EQ(json["years"].size(), plan.years.size());
    EXPECT_EQ(json["scenario_hash"], plan.scenarioHash);
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const auto& year = json["years"][i];
        const model::RunResult& r = plan.years[i].result;
        SCOPED_TRACE(plan.years[i].year);
        EXPECT_EQ(year["year"], plan.years[i].year);
        // JSON numbers are written as round-trip doubles: the same values exactly.
        EXPECT_EQ(year["facility_energy_mwh"].get<double>(), r.annual.facilityEnergyMwh);
        EXPECT_EQ(year["water_m3"].get<double>(), r.annual.waterM3);
        EXPECT_EQ(year["carbon_location_t"].get<double>(), r.annual.carbonLocationT);
        EXPECT_EQ(year["pue"].get<double>(), r.annual.pue);
        EXPECT_EQ(year["peak_facility_mw"].get<double>(), r.annual.peakFacilityMw);
        EXPECT_EQ(year["zero_water_months"].get<std::vector<int>>(), r.annual.zeroWaterMonths);
        EXPECT_EQ(year["ultraservers"].get<int>(), r.compute.ultraServers);
        ASSERT_EQ(year["generations"].size(), plan.years[i].generations.size());
        int chips = 0;
        for (std::size_t g = 0; g < plan.years[i].generations.size(); ++g) {
            EXPECT_EQ(year["generations"][g]["platform"], plan.years[i].generations[g].platformId);
            chips += year["generations"][g]["chips"].get<int>();
        }
        EXPECT_EQ(chips, r.compute.chips) << "the generations' chips are the year's";
        // Zero-water months are the months whose hours used no water.
        for (int m = 1; m <= 12; ++m) {
            const bool dry = r.monthly.waterM3[static_cast<std::size_t>(m - 1)] == 0.0;
            const auto& months = r.annual.zeroWaterMonths;
            EXPECT_EQ(std::find(months.begin(), months.end(), m) != months.end(), dry) << m;
        }
    }
    // The horizon is the years added up; its PUE the ratio of the sums.
    double it = 0.0, facility = 0.0, water = 0.0;
    for (const auto& year : plan.years) {
        it += year.result.annual.itEnergyMwh;
        facility += year.result.annual.facilityEnergyMwh;
        water += year.result.annual.waterM3;
    }
    const auto& horizon = json["horizon"];
    EXPECT_DOUBLE_EQ(horizon["facility_energy_mwh"].get<double>(), facility);
    EXPECT_DOUBLE_EQ(horizon["water_m3"].get<double>(), water);
    EXPECT_DOUBLE_EQ(horizon["pue"].get<double>(), facility / it);

    // years.csv: one row per year whose columns add up to the horizon. Tolerance: 15
    // round-trip doubles summed, 1e-12 relative.
    std::size_t rows = 0;
    EXPECT_NEAR(columnSum(out / "years.csv", "water_m3", &rows), water, 1e-12 * water);
    EXPECT_EQ(rows, 15u);
    EXPECT_NEAR(columnSum(out / "years.csv", "facility_energy_mwh"), facility, 1e-12 * facility);
    // The generations' columns add up to each year's UltraServers.
    double ultraServers = 0.0;
    for (const auto& year : json["years"]) {
        ultraServers += year["ultraservers"].get<double>();
    }
    EXPECT_EQ(columnSum(out / "years.csv", "ultraservers_trn2-ultraserver") +
                  columnSum(out / "years.csv", "ultraservers_trn3-ultraserver"),
              ultraServers);

    // The store: 15 years, the same water, and the generations of the last year.
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    EXPECT_EQ(model::testing::sqliteQueryText(handle, "SELECT count(*) FROM plan_years"), "15|\n");
    const std::string storedWater =
        model::testing::sqliteQueryText(handle, "SELECT sum(water_m3) FROM plan_years");
    EXPECT_NEAR(std::stod(storedWater), water, 1e-9 * water);
    EXPECT_EQ(model::testing::sqliteQueryText(
                  handle, "SELECT platform, sum(ultraservers) FROM plan_generations WHERE year = "
                          "2039 GROUP BY platform"),
              "trn3-ultraserver|" + std::to_string(plan.years.back().result.compute.ultraServers) +
                  "|\n");
    sqlite3_close(handle);
}

// The plan's uncertainty (issue 19) through the CLI: a two-year variant of the sample with
// three draws; plan.json's bands and tornado are the model's for the same seed (whatever
// --jobs), uncertainty.csv and tornado.csv hold them, and so do the store's tables.
TEST_F(CliTest, PlanUncertaintyReachesJsonCsvAndTheStore) {
    nlohmann::json document =
        nlohmann::json::parse(slurp(kSampleSites / "st-joseph-county-in-plan.json"));
    document["plan"]["last_year"] = 2026;
    document["plan"]["phases"] = {{{"year", 2025},
                                   {"first_building", 1},
                                   {"buildings", 7},
                                   {"platform", "trn2-ultraserver"}}};
    document["plan"]["uncertainty"]["inputs"] = {{{"input", "warming"},
                                                  {"distribution", "triangular"},
                                                  {"min", "80 %"},
                                                  {"mode", "100 %"},
                                                  {"max", "125 %"}}};
    const fs::path site = m_dir / "short-plan.json";
    std::ofstream(site) << document.dump(2);
    const fs::path out = m_dir / "short";
    const fs::path db = m_dir / "short.sqlite";
    const auto result =
        runCli({"plan", site.string(), "--out", out.string(), "--format", "json,csv", "--db",
                db.string(), "--json", "--draws", "3", "--seed", "11", "--jobs", "2"},
               m_dir);
    ASSERT_EQ(result.exitCode, 0) << result.err;
    const auto json = nlohmann::json::parse(result.out);
    const auto& u = json["uncertainty"];
    EXPECT_EQ(u["draws"], 3);
    EXPECT_EQ(u["seed"], 11);
    EXPECT_EQ(u["warming_step"], 0.05) << "the default step, which the run says it used";
    ASSERT_EQ(u["tornado"].size(), 1u);
    EXPECT_EQ(u["tornado"][0]["input"], "warming");

    // The model in process, one thread: the same numbers exactly (round-trip doubles).
    const auto load = model::loadSiteSource(site);
    ASSERT_TRUE(load.source);
    model::RunService service;
    const auto build = service.prepare(*load.source, {});
    ASSERT_TRUE(build.scenario);
    model::Feedback feedback;
    const model::PlanUncertaintyResult expected =
        model::runPlanUncertainty(*build.scenario, {3, 11, 1}, feedback);
    const auto water =
        std::find(expected.yearFigures.begin(), expected.yearFigures.end(), "water_m3") -
        expected.yearFigures.begin();
    for (std::size_t y = 0; y < 2; ++y) {
        const auto& band = expected.years[y][static_cast<std::size_t>(water)];
        EXPECT_EQ(json["years"][y]["p10"]["water_m3"].get<double>(), band.p10);
        EXPECT_EQ(json["years"][y]["p50"]["water_m3"].get<double>(), band.p50);
        EXPECT_EQ(json["years"][y]["p90"]["water_m3"].get<double>(), band.p90);
    }
    const auto horizonWater =
        std::find(expected.horizonFigures.begin(), expected.horizonFigures.end(), "water_m3") -
        expected.horizonFigures.begin();
    EXPECT_EQ(u["horizon"]["p90"]["water_m3"].get<double>(),
              expected.horizon[static_cast<std::size_t>(horizonWater)].p90);
    EXPECT_EQ(u["tornado"][0]["at_high"]["water_m3"].get<double>(),
              expected.tornado[0].atHigh[static_cast<std::size_t>(horizonWater)]);

    // uncertainty.csv: one row per year; its P50 column adds up to the years' P50s.
    // Tolerance: two round-trip doubles summed, 1e-12 relative.
    std::size_t rows = 0;
    const double p50 = json["years"][0]["p50"]["water_m3"].get<double>() +
                       json["years"][1]["p50"]["water_m3"].get<double>();
    EXPECT_NEAR(columnSum(out / "uncertainty.csv", "water_m3_p50", &rows), p50, 1e-12 * p50);
    EXPECT_EQ(rows, 2u);
    EXPECT_NEAR(columnSum(out / "tornado.csv", "water_m3_at_low", &rows),
                u["tornado"][0]["at_low"]["water_m3"].get<double>(),
                1e-12 * u["tornado"][0]["at_low"]["water_m3"].get<double>());
    EXPECT_EQ(rows, 1u);

    // The store: the bands of each year and of the horizon, the tornado, the parameters.
    sqlite3* handle = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    EXPECT_EQ(model::testing::sqliteQueryText(
                  handle, "SELECT count(*) FROM plan_bands WHERE figure = 'water_m3'"),
              "3|\n"); // 2025, 2026 and the horizon
    const std::string stored = model::testing::sqliteQueryText(
        handle, "SELECT p90 FROM plan_bands WHERE period = 'horizon' AND figure = 'water_m3'");
    EXPECT_NEAR(std::stod(stored), u["horizon"]["p90"]["water_m3"].get<double>(),
                1e-9 * u["horizon"]["p90"]["water_m3"].get<double>());
    EXPECT_EQ(model::testing::sqliteQueryText(
                  handle, "SELECT input, low, high FROM plan_tornado WHERE figure = 'water_m3'"),
              "warming|0.8|1.25|\n");
    EXPECT_EQ(model::testing::sqliteQueryText(handle, "SELECT parameters FROM scenarios"),
              "{\"draws\":3,\"seed\":11,\"warming_step\":0.05}|\n");
    sqlite3_close(handle);
}

TEST_F(CliTest, PlanRefusesBadInputAndWritesNothing) {
    // A phase after the horizon: the reader's located error, before anything runs.
    nlohmann::json document =
        nlohmann::json::parse(slurp(kSampleSites / "st-joseph-county-in-plan.json"));
    document["plan"]["phases"][2]["year"] = 2041;
    // The weather and any relative path resolve beside the copy as beside the sample.
    const fs::path bad = m_dir / "bad-plan.json";
    std::ofstream(bad) << document.dump(2);
    const fs::path out = m_dir / "out";
    const auto refused = runCli({"plan", bad.string(), "--out", out.string()}, m_dir);
    EXPECT_EQ(refused.exitCode, 1) << refused.err;
    EXPECT_NE(refused.err.find("bad-plan.json:"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find(": error: /plan/phases/2/year: expected a year within the horizon"),
              std::string::npos)
        << refused.err;
    EXPECT_FALSE(fs::exists(out)) << "a refused plan writes nothing";
    // A site without a plan says so at /plan.
    const auto none = runCli({"plan", kIndiana.string(), "--out", out.string()}, m_dir);
    EXPECT_EQ(none.exitCode, 1);
    EXPECT_NE(none.err.find("st-joseph-county-in.json:1:1: error: /plan: the site has no plan"),
              std::string::npos)
        << none.err;
    EXPECT_FALSE(fs::exists(out));
    // Usage errors: no site, an unknown format, a bad count of draws (named, with where
    // it is on the command line and what it must be).
    EXPECT_EQ(runCli({"plan"}, m_dir).exitCode, 2);
    EXPECT_EQ(runCli({"plan", bad.string(), "--format", "xlsx"}, m_dir).exitCode, 2);
    const auto draws = runCli({"plan", bad.string(), "--draws", "ten"}, m_dir);
    EXPECT_EQ(draws.exitCode, 2);
    EXPECT_NE(draws.err.find("argument 4, '--draws ten': expected a whole number from 0 to "
                             "100000"),
              std::string::npos)
        << draws.err;
    EXPECT_EQ(runCli({"plan", bad.string(), "--draws", "-1"}, m_dir).exitCode, 2);
    EXPECT_EQ(runCli({"plan", bad.string(), "--seed", "1e3"}, m_dir).exitCode, 2);
    // Draws of a site that declares no uncertainty: said at /plan/uncertainty.
    nlohmann::json certain =
        nlohmann::json::parse(slurp(kSampleSites / "st-joseph-county-in-plan.json"));
    certain["plan"].erase("uncertainty");
    const fs::path plain = m_dir / "certain-plan.json";
    std::ofstream(plain) << certain.dump(2);
    const auto undeclared =
        runCli({"plan", plain.string(), "--draws", "5", "--out", out.string()}, m_dir);
    EXPECT_EQ(undeclared.exitCode, 1);
    EXPECT_NE(undeclared.err.find("certain-plan.json:1:1: error: /plan/uncertainty:"),
              std::string::npos)
        << undeclared.err;
    EXPECT_FALSE(fs::exists(out));
}

} // namespace
} // namespace headroom
