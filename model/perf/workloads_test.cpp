#include "model/perf/workloads.h"

#include "model/catalog/catalog.h"
#include "model/perf/perf_shapes.h"
#include "model/perf/training_step.h"
#include "model/site/site_fields.h"
#include "model/sizing/compute_sizing.h"

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace headroom::model {
namespace {

constexpr std::size_t kHours = 8760;
constexpr std::size_t kJuly1 = (31 + 28 + 31 + 30 + 31 + 30) * 24; // hour index of 1 July 00:00

// A synthetic simulated year: 5 MW IT, 5.5 MW facility (PUE 1.1), evaporative cooling
// water only in June-August (1,250 L/h), 0.4 kg/kWh and 2 L/kWh grid.
RunResult syntheticYear() {
    RunResult r;
    auto& h = r.hourly;
    const int monthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (int m = 0; m < 12; ++m) {
        for (int d = 0; d < monthDays[m] * 24; ++d) {
            h.month.push_back(static_cast<std::uint8_t>(m + 1));
            const bool summer = m >= 5 && m <= 7;
            h.itPowerKw.push_back(5000.0);
            h.facilityPowerKw.push_back(5500.0);
            h.evaporationL.push_back(summer ? 1000.0 : 0.0);
            h.blowdownL.push_back(summer ? 250.0 : 0.0);
            h.driftL.push_back(0.0);
            h.humidificationL.push_back(0.0);
            h.gridCarbonKgPerKwh.push_back(0.4);
            h.gridWaterLPerKwh.push_back(2.0);
        }
    }
    return r;
}

// Trn2 UltraServers (64 Trainium2 chips on NeuronLink) on the 51.2 Tb/s switch, 1:1.
Site trn2Site() {
    Site site;
    site.it.chip = *Catalog::builtin().chip("trainium2");
    site.it.platform = *Catalog::builtin().platform("trn2-ultraserver");
    site.fabric.switchId = "51.2t-64x800g";
    site.fabric.oversubscription = 1.0;
    return site;
}

void deploy(RunResult& r, const Site& site, int chips) {
    r.compute.chips = chips;
    r.compute.servers = chips / site.it.platform.chipsPerServer;
    r.compute.ultraServers = r.compute.servers / site.it.platform.serversPerUltraServer;
    Diagnostics diagnostics;
    r.compute.networkPowerKw = designFabric(site, Catalog::builtin(), r.compute.servers,
                                            site.fabric.oversubscription, diagnostics)
                                   .powerKw();
}

/// Llama 3 70B [dubey-2024-llama3] table 3, at its 8K context and a 16M-token batch.
TransformerShape llama3_70B() {
    TransformerShape m;
    m.layers = 80;
    m.hidden = 8192;
    m.heads = 64;
    m.kvHeads = 8;
    m.ffnHidden = 28672;
    m.gatedMlp = true;
    m.vocabulary = 128256;
    m.dropout = false;
    m.sequence = 8192;
    return m;
}

TrainingWorkload run70B(double tokens) {
    TrainingWorkload w;
    w.name = "70B";
    w.model = llama3_70B();
    w.globalBatch = 2048;
    w.tokens = tokens;
    w.precision = 1; // BF16
    return w;
}

// The run's time is its tokens over the engine's throughput for the layout found on the
// deployed chips; the layout's step splits into compute, exposed communication and bubble,
// and the MFU it implies is what the engine computes (an output, not an input). The costs
// are the hourly series summed over those hours (constant 5 / 5.5 MW, January: no water).
TEST(Training, TimeToTrainComesFromTheLayoutSearch) {
    auto site = trn2Site();
    site.training.push_back(run70B(1e12));
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_FALSE(r.diagnostics.hasErrors());
    ASSERT_EQ(r.training.size(), 1U);
    const auto& t = r.training[0];

    TrainingJob job;
    job.model = llama3_70B();
    job.model.name = "70B";
    job.globalBatch = 2048;
    job.chips = 6400;
    job.pointer = "/workloads/training/0";
    Diagnostics none;
    const auto fabric = designFabric(site, Catalog::builtin(), 400, 1.0, none);
    auto system = AcceleratorSystem::fromCatalog(site.it.chip, site.it.platform, 1.0, fabric.radix);
    const auto best = searchLayout(job, system, none);
    ASSERT_TRUE(best);
    EXPECT_DOUBLE_EQ(t.stepSeconds, best->stepSeconds);
    EXPECT_DOUBLE_EQ(t.mfu, best->mfu);
    EXPECT_EQ(t.layout.tensor, best->layout.tensor);
    EXPECT_EQ(t.layout.chipsUsed, best->chipsUsed);
    EXPECT_NEAR(t.computeSeconds + t.exposedCommSeconds + t.bubbleSeconds, t.stepSeconds,
                1e-12 * t.stepSeconds);
    EXPECT_GT(t.mfu, 0.2); // a dense 70B run on UltraServers: tens of percent of peak
    EXPECT_LT(t.mfu, kComputeEfficiency);
    const double hours = 1e12 / best->tokensPerSecond / 3600.0;
    EXPECT_NEAR(t.hours, hours, 1e-9 * hours);
    EXPECT_NEAR(t.flops, llama3_70B().trainingFlopsPerToken() * 1e12, 1.0);
    EXPECT_NEAR(t.costs.itEnergyMwh, 5.0 * hours, 1e-6);
    EXPECT_NEAR(t.costs.facilityEnergyMwh, 5.5 * hours, 1e-6);
    EXPECT_NEAR(t.costs.carbonT, 5.5 * hours * 0.4, 1e-6);
    EXPECT_DOUBLE_EQ(t.costs.siteWaterM3, 0.0); // January: no cooling water
    EXPECT_NEAR(t.costs.sourceWaterM3, 5.5 * hours * 2.0, 1e-6);
}

// The season's effect: the same run started on July 1 pays the summer's cooling water
// (1.25 m3/h while it lasts in July and August) and January's none; energy and carbon,
// constant in this synthetic year, do not change.
TEST(Training, TheSameRunCostsMoreWaterStartedInJuly) {
    auto site = trn2Site();
    site.training.push_back(run70B(1e12));
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.training.size(), 1U);
    const auto& t = r.training[0];
    ASSERT_LT(t.hours, 62.0 * 24.0); // inside July and August
    EXPECT_DOUBLE_EQ(t.januaryStart.siteWaterM3, 0.0);
    EXPECT_NEAR(t.julyStart.siteWaterM3, 1.25 * t.hours, 1e-9);
    EXPECT_NEAR(t.julyStart.facilityEnergyMwh, t.januaryStart.facilityEnergyMwh, 1e-9);
    EXPECT_NEAR(t.julyStart.carbonT, t.januaryStart.carbonT, 1e-9);
    EXPECT_EQ(t.januaryStart.facilityEnergyMwh, t.costs.facilityEnergyMwh); // starts 01-01
}

// The fabric trade-off: the leaf oversubscription trims switches, optics and network power
// and lengthens the step (data-parallel traffic leaves the leaf at 1/r of the rate); the
// run at the site's own 1:1 costs what the run itself costs.
TEST(Training, OversubscriptionTradesNetworkPowerForTimeToTrain) {
    auto site = trn2Site();
    site.training.push_back(run70B(1e12));
    auto r = syntheticYear();
    deploy(r, site, 16384);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.training.size(), 1U);
    const auto& options = r.training[0].fabricOptions;
    ASSERT_EQ(options.size(), 3U);
    EXPECT_EQ(options[0].oversubscription, 1.0);
    EXPECT_EQ(options[2].oversubscription, 4.0);
    for (std::size_t i = 1; i < options.size(); ++i) {
        EXPECT_LT(options[i].switches, options[i - 1].switches);
        EXPECT_LT(options[i].transceivers, options[i - 1].transceivers);
        EXPECT_LT(options[i].networkPowerKw, options[i - 1].networkPowerKw);
        ASSERT_TRUE(options[i].hours && options[i - 1].hours);
        EXPECT_GE(*options[i].hours, *options[i - 1].hours);
    }
    EXPECT_DOUBLE_EQ(*options[0].hours, r.training[0].hours);
    EXPECT_NEAR(*options[0].facilityEnergyMwh, r.training[0].costs.facilityEnergyMwh, 1e-9);
    // 4:1: the hours' facility energy, less the network power saved x the run's PUE (1.1).
    const double saved = options[0].networkPowerKw - options[2].networkPowerKw;
    EXPECT_NEAR(*options[2].facilityEnergyMwh, (5500.0 - 1.1 * saved) * *options[2].hours / 1e3,
                1e-6);
}

// Bad input is a located error and no result, never a zero or an infinite time.
TEST(Training, AChipWithoutTheRateIsALocatedError) {
    auto site = trn2Site();
    auto w = run70B(1e12);
    w.precision = 3; // TF32: not published for Trainium2 in the catalog
    site.training.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_TRUE(r.diagnostics.hasErrors());
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/training/0/precision");
    EXPECT_NE(r.diagnostics.items().front().message.find("no published dense TF32 rate"),
              std::string::npos);
    EXPECT_TRUE(r.training.empty());
}

TEST(Training, AModelThatFitsNoLayoutIsALocatedError) {
    auto site = trn2Site();
    auto w = run70B(1e12);
    w.model = test::megatron1T();
    w.model.layers = 1280; // 10 T parameters: 160 TB of weights and Adam state
    w.globalBatch = 1;     // no data parallelism to shard the state over
    site.training.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 640);
    evaluateWorkloads(site, r);
    ASSERT_TRUE(r.diagnostics.hasErrors());
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/training/0");
    EXPECT_NE(r.diagnostics.items().front().message.find("fits no layout"), std::string::npos);
    EXPECT_TRUE(r.training.empty());
}

// 1e20 tokens of 405B on one UltraServer: about 1e8 years; refused, never walked hour by hour.
TEST(Training, ARunLongerThanAThousandYearsIsRefused) {
    auto site = trn2Site();
    auto w = run70B(1e20);
    site.training.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 64);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.diagnostics.items().size(), 1u);
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/training/0/tokens");
    EXPECT_NE(r.diagnostics.items().front().message.find("at most 1000 years are simulated"),
              std::string::npos);
    EXPECT_TRUE(r.training.empty());
}

InferenceWorkload chat70B() {
    InferenceWorkload w;
    w.name = "chat";
    w.model = llama3_70B();
    w.precision = 0; // FP8
    w.promptTokens = 1020;
    w.outputTokens = 129;
    w.timePerOutputToken = units::Time::from_value(0.040);
    w.timeToFirstToken = units::Time::from_value(0.450);
    return w;
}

// The service's batch is the engine's, meeting the latency target; the per-million-token
// costs are the year's totals over the year's tokens, which follow the hourly utilization
// (half here); tokens per kWh, litre and kg are their inverses.
TEST(Inference, PerTokenCostsAreTheYearsOverItsTokens) {
    auto site = trn2Site();
    site.inference.push_back(chat70B());
    site.it.utilization.values.assign(kHours, 0.5);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_FALSE(r.diagnostics.hasErrors());
    ASSERT_EQ(r.inference.size(), 1U);
    const auto& i = r.inference[0];
    EXPECT_GE(i.batch, 1);
    EXPECT_LE(i.decodeStepSeconds, 0.040);
    EXPECT_LE(i.prefillSeconds, 0.450);
    const double tokens = i.siteTokensPerSecond * 3600.0 * kHours * 0.5;
    EXPECT_NEAR(i.energyKwhPerMillionTokens, 5500.0 * kHours / tokens * 1e6, 1e-9);
    EXPECT_NEAR(i.itEnergyKwhPerMillionTokens, 5000.0 * kHours / tokens * 1e6, 1e-9);
    const double summerHours = (30 + 31 + 31) * 24;
    EXPECT_NEAR(i.waterLPerMillionTokens, 1250.0 * summerHours / tokens * 1e6, 1e-9);
    EXPECT_NEAR(i.carbonKgPerMillionTokens, 5500.0 * 0.4 * kHours / tokens * 1e6, 1e-9);
    const auto& p = r.productivity;
    EXPECT_NEAR(p.tokensPerYear, tokens, 1e-6 * tokens);
    EXPECT_NEAR(p.tokensPerKwh * i.energyKwhPerMillionTokens, 1e6, 1e-6);
    ASSERT_TRUE(p.tokensPerLitre);
    EXPECT_NEAR(*p.tokensPerLitre * i.waterLPerMillionTokens, 1e6, 1e-6);
    EXPECT_NEAR(p.tokensPerKgCo2e * i.carbonKgPerMillionTokens, 1e6, 1e-6);
}

TEST(Inference, ALatencyTargetNoBatchMeetsIsALocatedError) {
    auto site = trn2Site();
    auto w = chat70B();
    w.timePerOutputToken = units::Time::from_value(1e-6);
    site.inference.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_TRUE(r.diagnostics.hasErrors());
    EXPECT_EQ(r.diagnostics.items().front().pointer,
              "/workloads/inference/0/time_per_output_token");
    EXPECT_TRUE(r.inference.empty());
    EXPECT_FALSE(r.productivity.tokensPerLitre);
}

/// A diagnostic's pointer as the site field table names it: array indices become "*".
std::string fieldPattern(const std::string& pointer) {
    std::string out;
    std::size_t i = 0;
    while (i < pointer.size()) {
        const std::size_t next = pointer.find('/', i + 1);
        const std::string token = pointer.substr(i, next - i);
        out += token.size() > 1 && token.find_first_not_of("0123456789", 1) == std::string::npos
                   ? std::string("/*")
                   : token;
        i = next == std::string::npos ? pointer.size() : next;
    }
    return out;
}

// Every input check of the engine points at a field of the site file: the workload's own
// shape fields, or the deployed chip and platform whose figures the machine lacks (issue
// 22: they pointed at "/chip" and ".../model", which a site file does not have).
TEST(Workloads, EveryInputErrorPointsAtASiteField) {
    struct Case {
        const char* what;
        void (*spoil)(Site&);
        const char* trainingPointer;
        const char* inferencePointer;
    };
    const Case cases[] = {
        {"no HBM capacity", [](Site& s) { s.it.chip.hbm = units::DataSize::from_value(0.0); },
         "/it/chip", "/it/chip"},
        {"no HBM bandwidth",
         [](Site& s) { s.it.chip.hbmBandwidth = units::DataRate::from_value(0.0); }, "/it/chip",
         "/it/chip"},
        {"no scale-up bandwidth",
         [](Site& s) { s.it.chip.scaleUpBandwidth = units::DataRate::from_value(0.0); }, "/it/chip",
         "/it/chip"},
        {"no BF16 or FP8 rate",
         [](Site& s) { s.it.chip.denseTflops[0] = s.it.chip.denseTflops[1] = std::nullopt; },
         "/workloads/training/0/precision", "/workloads/inference/0/precision"},
        {"heads not dividing the width",
         [](Site& s) { s.training[0].model.heads = s.inference[0].model.heads = 7; },
         "/workloads/training/0/heads", "/workloads/inference/0/heads"},
        {"key-value heads not dividing the heads",
         [](Site& s) { s.training[0].model.kvHeads = s.inference[0].model.kvHeads = 3; },
         "/workloads/training/0/kv_heads", "/workloads/inference/0/kv_heads"},
        {"no layers", [](Site& s) { s.training[0].model.layers = s.inference[0].model.layers = 0; },
         "/workloads/training/0/layers", "/workloads/inference/0/layers"},
    };
    for (const auto& c : cases) {
        auto site = trn2Site();
        site.training.push_back(run70B(1e12));
        site.inference.push_back(chat70B());
        c.spoil(site);
        auto r = syntheticYear();
        deploy(r, site, 6400);
        evaluateWorkloads(site, r);
        std::vector<std::string> pointers;
        for (const auto& d : r.diagnostics.items()) {
            ASSERT_EQ(d.severity, Severity::Error) << c.what;
            EXPECT_NE(findSiteField(fieldPattern(d.pointer)), nullptr)
                << c.what << ": " << d.pointer << " is no site field";
            pointers.push_back(d.pointer);
        }
        EXPECT_NE(std::find(pointers.begin(), pointers.end(), c.trainingPointer), pointers.end())
            << c.what;
        EXPECT_NE(std::find(pointers.begin(), pointers.end(), c.inferencePointer), pointers.end())
            << c.what;
        EXPECT_TRUE(r.training.empty()) << c.what;
        EXPECT_TRUE(r.inference.empty()) << c.what;
    }
    // A platform without scale-out bandwidth stops training (inference stays in one domain).
    auto site = trn2Site();
    site.training.push_back(run70B(1e12));
    site.it.platform.nicPortSpeed = units::DataRate::from_value(0.0);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.diagnostics.items().size(), 1U);
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/it/platform");
    EXPECT_NE(r.diagnostics.items().front().message.find("/it/platform_overrides/nic_port_speed"),
              std::string::npos);
}

TEST(Workloads, AModelTooLargeForAnyReplicaPointsAtTheService) {
    auto site = trn2Site();
    auto w = chat70B();
    w.model.layers = 80 * 100; // ~7 TB of FP8 weights against 64 x 96 GiB
    site.inference.push_back(w);
    auto r = syntheticYear();
    deploy(r, site, 6400);
    evaluateWorkloads(site, r);
    ASSERT_EQ(r.diagnostics.items().size(), 1U);
    EXPECT_EQ(r.diagnostics.items().front().pointer, "/workloads/inference/0");
}

// The site file's default achievable fraction is the engine's, the figure the validation
// against published runs holds (training_step_test.cpp).
TEST(Workloads, TheSiteDefaultIsTheValidatedEfficiency) {
    for (const char* pointer : {"/workloads/training/*/achievable_fraction",
                                "/workloads/inference/*/achievable_fraction"}) {
        const FieldDef* field = findSiteField(pointer);
        ASSERT_NE(field, nullptr) << pointer;
        const auto fallback = fieldDefault(*field, nlohmann::json::object());
        ASSERT_TRUE(fallback);
        const auto value = parseQuantityOfKind(
            QuantityKind::Fraction, nlohmann::json::parse(fallback->json).get<std::string>());
        ASSERT_TRUE(value.value);
        EXPECT_DOUBLE_EQ(*value.value, kComputeEfficiency) << pointer;
    }
}

} // namespace
} // namespace headroom::model
