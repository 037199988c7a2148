#include "model/perf/training_step.h"

#include "model/catalog/catalog.h"
#include "model/perf/layout_search_cache.h"
#include "model/perf/perf_shapes.h"
#include "model/site/site.h"
#include "model/sizing/compute_sizing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace {

using namespace headroom::model;

AcceleratorSystem systemOf(const char* chip, const char* platform, double oversubscription = 1.0) {
    const auto& catalog = Catalog::builtin();
    return AcceleratorSystem::fromCatalog(*catalog.chip(chip), *catalog.platform(platform),
                                          oversubscription);
}

std::string describe(const StepEstimate& e) {
    char text[400];
    std::snprintf(text, sizeof text,
                  "t=%d p=%d d=%lld b=%d v=%d recompute=%s (+%d whole) sharding=%s m=%lld: "
                  "step %.3f s = "
                  "compute %.3f + comm %.3f (tp %.3f pp %.3f dp %.3f) + bubble %.3f; memory "
                  "%.1f GiB; MFU %.1f %%, HFU %.1f %%",
                  e.layout.tensor, e.layout.pipeline, e.layout.data, e.layout.microBatch,
                  e.layout.interleave, recomputeName(e.layout.recompute),
                  e.layout.fullyRecomputedLayers, shardingName(e.layout.sharding), e.microBatches,
                  e.stepSeconds, e.computeSeconds, e.exposedCommSeconds, e.tensorCommSeconds,
                  e.pipelineCommSeconds, e.dataCommSeconds, e.bubbleSeconds,
                  e.memory.totalBytes() / 1073741824.0, 100 * e.mfu, 100 * e.hfu);
    return text;
}

std::optional<StepEstimate> run(const TrainingJob& job, const AcceleratorSystem& system,
                                const LayoutConstraints& constraints) {
    Diagnostics diagnostics;
    auto best = searchLayout(job, system, diagnostics, constraints);
    EXPECT_FALSE(diagnostics.hasErrors())
        << (diagnostics.empty() ? "" : formatDiagnostic(diagnostics.items().front()));
    if (best) {
        std::printf("%s: %s\n", job.model.name.c_str(), describe(*best).c_str());
        // The breakdown adds up, and nothing is zero or infinite.
        EXPECT_NEAR(best->computeSeconds + best->exposedCommSeconds + best->bubbleSeconds,
                    best->stepSeconds, 1e-9 * best->stepSeconds);
        EXPECT_TRUE(std::isfinite(best->stepSeconds));
        EXPECT_GT(best->computeSeconds, 0.0);
    }
    return best;
}

// Validation tolerance for every published run: +-15 % relative.
constexpr double kTolerance = 0.15;

// Megatron-LM's 1T GPT on 3,072 A100 (DGX A100 on HDR InfiniBand): t 8, p 64, d 6, batch
// 3072, full recomputation, no sharding: 163 TFLOP/s per GPU counted with recomputation
// (eq. 3 with 96), 52 % of the 312 TFLOP/s peak [narayanan-2021-megatron] table 1.
TEST(TrainingValidation, Megatron1TOn3072A100) {
    TrainingJob job{test::megatron1T(), 3072, Precision::Bf16, 3072, "/megatron"};
    LayoutConstraints published;
    published.tensor = 8;
    published.pipeline = 64;
    published.data = 6;
    published.recompute = Recompute::Full;
    published.sharding = Sharding::None;
    const auto best = run(job, systemOf("a100", "dgx-a100"), published);
    ASSERT_TRUE(best);
    const double perGpuTflops = best->hardwareFlopsPerStep / best->stepSeconds /
                                static_cast<double>(best->chipsUsed) / 1e12;
    EXPECT_NEAR(perGpuTflops / 163.0, 1.0, kTolerance) << perGpuTflops;
    EXPECT_NEAR(best->hfu / 0.52, 1.0, kTolerance);
}

// PaLM 540B on 6,144 TPU v4 in two 3,072-chip pods: 12-way model parallelism and 256-way
// fully sharded data parallelism in each pod, data parallelism across the two, no
// pipeline, batch 2048 (4 sequences per replica): 46.2 % MFU and 57.8 % HFU
// [chowdhery-2022-palm] section 4 and appendix B.
TEST(TrainingValidation, Palm540BOn6144TpuV4) {
    auto system = systemOf("tpu-v4", "tpu-v4-pod");
    system.scaleUpDomain = 3072; // PaLM's pods [chowdhery-2022-palm]
    TrainingJob job{test::palm540B(), 2048, Precision::Bf16, 6144, "/palm"};
    LayoutConstraints published;
    published.tensor = 12;
    published.pipeline = 1;
    published.data = 512;
    published.microBatch = 4;
    published.sharding = Sharding::Full;
    const auto best = run(job, system, published);
    ASSERT_TRUE(best);
    EXPECT_NEAR(best->mfu / 0.462, 1.0, kTolerance) << best->mfu;
    EXPECT_NEAR(best->hfu / 0.578, 1.0, kTolerance) << best->hfu;
}

// Llama 3 405B on H100 (8-GPU servers, 400 Gb/s per GPU): t 8, p 16, 16M-token batches of
// 8K sequences; d 64 on 8,192 GPUs gives 43 % BF16 MFU, d 128 on 16,384 gives 41 %
// [dubey-2024-llama3] table 4.
TEST(TrainingValidation, Llama3405BOnH100) {
    const auto system = systemOf("h100", "hgx-h100-8gpu");
    for (const auto& [chips, data, published] :
         {std::tuple{8192LL, 64LL, 0.43}, std::tuple{16384LL, 128LL, 0.41}}) {
        TrainingJob job{test::llama3405B(), 2048, Precision::Bf16, chips, "/llama"};
        LayoutConstraints layout;
        layout.tensor = 8;
        layout.pipeline = 16;
        layout.data = data;
        const auto best = run(job, system, layout);
        ASSERT_TRUE(best) << chips;
        EXPECT_NEAR(best->mfu / published, 1.0, kTolerance) << chips << " GPUs: " << best->mfu;
    }
}

// Llama 3 405B's long-context stage on 16,384 H100: 131,072-token sequences, 16M-token
// batches (128 sequences), t 8, context parallelism 16, p 16, d 8: 380 TFLOP/s per GPU,
// 38 % BF16 MFU [dubey-2024-llama3] table 4. The search keeps the published degrees and
// chooses the micro-batch, interleaving, recomputation and sharding.
TEST(TrainingValidation, Llama3405BLongContextWithContextParallelism) {
    auto model = test::llama3405B();
    model.sequence = 131072;
    TrainingJob job{model, 128, Precision::Bf16, 16384, "/llama"};
    LayoutConstraints layout;
    layout.tensor = 8;
    layout.context = 16;
    layout.pipeline = 16;
    layout.data = 8;
    const auto best = run(job, systemOf("h100", "hgx-h100-8gpu"), layout);
    ASSERT_TRUE(best);
    EXPECT_EQ(best->chipsUsed, 16384);
    EXPECT_GT(best->contextCommSeconds, 0.0);
    EXPECT_NEAR(best->mfu / 0.38, 1.0, kTolerance) << best->mfu;
    // The same 16,384 GPUs without context parallelism: d 128 leaves each pipeline one
    // sequence a step, so the bubble is most of the step (the 128 sequences fill 16
    // micro-batches per pipeline only when 16 chips share each sequence).
    layout.context = 1;
    layout.data = 128;
    const auto without = run(job, systemOf("h100", "hgx-h100-8gpu"), layout);
    ASSERT_TRUE(without);
    EXPECT_EQ(without->microBatches, 1);
    EXPECT_LT(best->stepSeconds, 0.5 * without->stepSeconds);
    // The free search considers context parallelism, so it is never slower than the
    // published layout.
    const auto free = run(job, systemOf("h100", "hgx-h100-8gpu"), {});
    ASSERT_TRUE(free);
    EXPECT_LE(free->stepSeconds, best->stepSeconds);
}

} // namespace

namespace {

// Issue 22: the Trn2 UltraServer's 64-chip NeuronLink domain lets a 405B run use a larger
// tensor-parallel degree than an 8-GPU server allows, and the search says what that buys.
// Same chip, same 16,384 chips, same 1:1 fabric; only the scale-up domain differs.
TEST(TrainingLayout, UltraServerDomainAllowsLargerTensorParallelism) {
    const auto& catalog = Catalog::builtin();
    const auto ultra = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                      *catalog.platform("trn2-ultraserver"));
    auto server = ultra;
    server.scaleUpDomain = 8; // as in an 8-GPU server (hgx-h100-8gpu)
    ASSERT_EQ(ultra.scaleUpDomain, 64);
    ASSERT_EQ(
        AcceleratorSystem::fromCatalog(*catalog.chip("h100"), *catalog.platform("hgx-h100-8gpu"))
            .scaleUpDomain,
        8);
    TrainingJob job{test::llama3405B(), 2048, Precision::Bf16, 16384, "/llama"};
    // Each tensor-parallel degree up to 64 has a layout in the UltraServer; beyond 8 none
    // has one in the 8-chip domain.
    for (const int t : {8, 16, 32, 64}) {
        LayoutConstraints fixed;
        fixed.tensor = t;
        const auto onUltra = run(job, ultra, fixed);
        ASSERT_TRUE(onUltra) << t;
        Diagnostics diagnostics;
        EXPECT_EQ(searchLayout(job, server, diagnostics, fixed).has_value(), t <= 8) << t;
    }
    // Free to choose, the larger domain can only help (its layouts include the server's),
    // and here it does: the data-parallel gathers and reductions run partly over NeuronLink.
    const auto bestUltra = run(job, ultra, {});
    const auto bestServer = run(job, server, {});
    ASSERT_TRUE(bestUltra && bestServer);
    EXPECT_LE(bestServer->layout.tensor, 8);
    EXPECT_LT(bestUltra->stepSeconds, bestServer->stepSeconds);
    std::printf("step %.2f s in UltraServers (t=%d) against %.2f s in 8-chip domains (t=%d): "
                "%.1f %% shorter\n",
                bestUltra->stepSeconds, bestUltra->layout.tensor, bestServer->stepSeconds,
                bestServer->layout.tensor,
                100.0 * (1.0 - bestUltra->stepSeconds / bestServer->stepSeconds));
}

// Oversubscribing the fabric never speeds a step and slows one whose data-parallel
// traffic crosses leaves.
TEST(TrainingLayout, OversubscriptionSlowsCrossDomainTraffic) {
    const auto& catalog = Catalog::builtin();
    const auto chip = *catalog.chip("trainium2");
    const auto platform = *catalog.platform("trn2-ultraserver");
    TrainingJob job{test::llama3405B(), 2048, Precision::Bf16, 16384, "/llama"};
    LayoutConstraints layout;
    layout.tensor = 8;
    layout.pipeline = 16;
    layout.sharding = Sharding::Full; // gathers weights every micro-batch: fabric-bound
    double previous = 0.0;
    for (const double r : {1.0, 2.0, 4.0}) {
        const auto e = run(job, AcceleratorSystem::fromCatalog(chip, platform, r), layout);
        ASSERT_TRUE(e);
        EXPECT_GT(e->stepSeconds, previous) << r;
        previous = e->stepSeconds;
    }
}

TEST(TrainingLayout, AModelThatFitsNoLayoutIsALocatedError) {
    const auto& catalog = Catalog::builtin();
    const auto system =
        AcceleratorSystem::fromCatalog(*catalog.chip("h100"), *catalog.platform("hgx-h100-8gpu"));
    auto model = test::llama3405B();
    model.layers = 1260; // 4 T parameters: 64 TB of weights and Adam state on 8 GPUs
    TrainingJob job{model, 16, Precision::Bf16, 8, "/workloads/training/0"};
    Diagnostics diagnostics;
    EXPECT_FALSE(searchLayout(job, system, diagnostics));
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    const auto& d = diagnostics.items().front();
    EXPECT_EQ(d.pointer, "/workloads/training/0");
    EXPECT_NE(d.message.find("fits no layout"), std::string::npos) << d.message;
    EXPECT_NE(d.message.find("GiB per chip"), std::string::npos) << d.message;
}

TEST(TrainingLayout, AChipWithoutARateAtThePrecisionIsALocatedError) {
    const auto& catalog = Catalog::builtin();
    const auto system =
        AcceleratorSystem::fromCatalog(*catalog.chip("tpu-v4"), *catalog.platform("tpu-v4-pod"));
    TrainingJob job{test::palm540B(), 2048, Precision::Fp8, 6144, "/workloads/training/0"};
    Diagnostics diagnostics;
    EXPECT_FALSE(searchLayout(job, system, diagnostics));
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    EXPECT_EQ(diagnostics.items().front().pointer, "/workloads/training/0/precision");
    EXPECT_NE(diagnostics.items().front().message.find("no published dense FP8"),
              std::string::npos);
}

TEST(TrainingLayout, AnImpossibleLayoutIsRefusedWithItsReason) {
    const auto& catalog = Catalog::builtin();
    const auto system =
        AcceleratorSystem::fromCatalog(*catalog.chip("h100"), *catalog.platform("hgx-h100-8gpu"));
    TrainingJob job{test::llama3405B(), 2048, Precision::Bf16, 8192, "/workloads/training/0"};
    Diagnostics diagnostics;
    Layout layout;
    layout.tensor = 16; // beyond the 8-GPU NVLink domain
    layout.pipeline = 16;
    layout.data = 32;
    EXPECT_FALSE(evaluateLayout(job, system, layout, diagnostics));
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    EXPECT_NE(diagnostics.items().front().message.find("8-chip scale-up domain"),
              std::string::npos);
}

} // namespace

namespace {

// The schedule's arithmetic, checked on one layout: the bubble is (p-1)/(v m) of the
// steady pipeline [narayanan-2021-megatron] section 2.2, and full recomputation keeps
// 2 s b h / t bytes per layer [korthikanti-2022-activation] table 2.
TEST(TrainingLayout, BubbleAndFullRecomputationFollowThePapers) {
    const auto& catalog = Catalog::builtin();
    const auto system =
        AcceleratorSystem::fromCatalog(*catalog.chip("a100"), *catalog.platform("dgx-a100"));
    const auto model = test::megatron1T();
    TrainingJob job{model, 3072, Precision::Bf16, 3072, "/megatron"};
    Layout layout;
    layout.tensor = 8;
    layout.pipeline = 64;
    layout.data = 6;
    layout.interleave = 2;
    layout.recompute = Recompute::Full;
    Diagnostics diagnostics;
    const auto e = evaluateLayout(job, system, layout, diagnostics);
    ASSERT_TRUE(e);
    EXPECT_EQ(e->microBatches, 512); // 3072 / (6 x 1)
    const double steady = e->computeSeconds + e->tensorCommSeconds + e->pipelineCommSeconds;
    EXPECT_NEAR(e->bubbleSeconds / steady, 63.0 / (2.0 * 512.0), 1e-12);
    // Memory: 2 layers per stage x 64 micro-batches in flight x 2 s b h / t, times the
    // interleaving factor 1 + (p-1)/(p v), plus the one layer being recomputed.
    const double s = model.sequence, h = model.hidden, t = 8.0;
    const double kept = 2.0 * 64.0 * (2.0 * s * h / t) * (1.0 + 63.0 / (64.0 * 2.0));
    const double working = model.layerActivationBytesPerSequence() / t;
    EXPECT_NEAR(e->memory.activationBytes / (kept + working), 1.0, 1e-12);
    // Full recomputation charges one more forward pass: HFU / MFU = 4/3 on the layers
    // (the logit layer is not recomputed).
    EXPECT_GT(e->hfu / e->mfu, 1.32);
    EXPECT_LT(e->hfu / e->mfu, 4.0 / 3.0);
}

} // namespace

namespace {

/// Every field of an estimate, each double to the bit (C99 hexadecimal floating point).
std::string exactly(const std::optional<StepEstimate>& e) {
    if (!e) {
        return "none";
    }
    const Layout& l = e->layout;
    char text[1200];
    std::snprintf(text, sizeof text,
                  "t=%d c=%d p=%d d=%lld b=%d v=%d recompute=%s+%d sharding=%s chips=%lld m=%lld "
                  "step=%a compute=%a comm=%a bubble=%a tp=%a cp=%a pp=%a dp=%a memory=%a/%a/%a/%a "
                  "flops=%a/%a mfu=%a hfu=%a tokens=%a",
                  l.tensor, l.context, l.pipeline, l.data, l.microBatch, l.interleave,
                  recomputeName(l.recompute), l.fullyRecomputedLayers, shardingName(l.sharding),
                  e->chipsUsed, e->microBatches, e->stepSeconds, e->computeSeconds,
                  e->exposedCommSeconds, e->bubbleSeconds, e->tensorCommSeconds,
                  e->contextCommSeconds, e->pipelineCommSeconds, e->dataCommSeconds,
                  e->memory.weightBytes, e->memory.gradientBytes, e->memory.optimizerBytes,
                  e->memory.activationBytes, e->modelFlopsPerStep, e->hardwareFlopsPerStep, e->mfu,
                  e->hfu, e->tokensPerSecond);
    return text;
}

/// The pruned search's answer and diagnostics are the exhaustive walk's, to the bit.
void expectPrunedIsExhaustive(const TrainingJob& job, const AcceleratorSystem& system,
                              const LayoutConstraints& constraints = {}) {
    Diagnostics pruned, exhaustive;
    const auto fast = searchLayout(job, system, pruned, constraints, SearchWalk::Pruned);
    const auto all = searchLayout(job, system, exhaustive, constraints, SearchWalk::Exhaustive);
    EXPECT_EQ(exactly(fast), exactly(all)) << job.model.name << " on " << job.chips;
    ASSERT_EQ(pruned.items().size(), exhaustive.items().size());
    for (std::size_t i = 0; i < pruned.items().size(); ++i) {
        EXPECT_EQ(formatDiagnostic(pruned.items()[i]), formatDiagnostic(exhaustive.items()[i]));
    }
}

// The pruned search skips layouts by a lower bound on their step time; it must choose what
// estimating every layout chooses, on the validation runs with their published degrees
// and free, on the Indiana sample's deployment and on a model that fits nowhere.
TEST(TrainingLayout, PrunedSearchChoosesTheExhaustiveLayout) {
    const auto a100 = systemOf("a100", "dgx-a100");
    TrainingJob megatron{test::megatron1T(), 3072, Precision::Bf16, 3072, "/megatron"};
    LayoutConstraints megatronLayout;
    megatronLayout.tensor = 8;
    megatronLayout.pipeline = 64;
    megatronLayout.data = 6;
    megatronLayout.recompute = Recompute::Full;
    expectPrunedIsExhaustive(megatron, a100, megatronLayout);
    expectPrunedIsExhaustive(megatron, a100);

    auto tpu = systemOf("tpu-v4", "tpu-v4-pod");
    tpu.scaleUpDomain = 3072;
    TrainingJob palm{test::palm540B(), 2048, Precision::Bf16, 6144, "/palm"};
    LayoutConstraints palmLayout;
    palmLayout.tensor = 12;
    palmLayout.pipeline = 1;
    palmLayout.sharding = Sharding::Full;
    expectPrunedIsExhaustive(palm, tpu, palmLayout);
    expectPrunedIsExhaustive(palm, tpu);

    const auto h100 = systemOf("h100", "hgx-h100-8gpu");
    for (const long long chips : {8192LL, 16384LL}) {
        TrainingJob llama{test::llama3405B(), 2048, Precision::Bf16, chips, "/llama"};
        LayoutConstraints llamaLayout;
        llamaLayout.tensor = 8;
        llamaLayout.pipeline = 16;
        expectPrunedIsExhaustive(llama, h100, llamaLayout);
        expectPrunedIsExhaustive(llama, h100);
    }
    auto longContext = test::llama3405B();
    longContext.sequence = 131072;
    expectPrunedIsExhaustive({longContext, 128, Precision::Bf16, 16384, "/llama"}, h100);

    // The Indiana sample: its 430,080 Trainium2 chips behind its 51.2 Tb/s fabric at the
    // three oversubscriptions of its trade-off, as the workloads build the machine, and the
    // chip counts its 10,000-scenario sweep (tests/bench) moves through, with recomputation
    // free and held full.
    const auto& catalog = Catalog::builtin();
    Site site;
    site.it.chip = *catalog.chip("trainium2");
    site.it.platform = *catalog.platform("trn2-ultraserver");
    site.fabric.switchId = "51.2t-64x800g";
    LayoutConstraints fullRecompute;
    fullRecompute.recompute = Recompute::Full;
    for (const long long chips : {430080LL, 375232LL, 390336LL, 402624LL, 418816LL}) {
        for (const double r : {1.0, 2.0, 4.0}) {
            Diagnostics diagnostics;
            const auto fabric = designFabric(site, catalog, chips / site.it.platform.chipsPerServer,
                                             r, diagnostics);
            ASSERT_FALSE(diagnostics.hasErrors());
            const auto trn2 =
                AcceleratorSystem::fromCatalog(site.it.chip, site.it.platform, r, fabric.radix);
            const TrainingJob indiana{test::llama3405B(), 2048, Precision::Bf16, chips, "/in"};
            expectPrunedIsExhaustive(indiana, trn2);
            if (chips == 430080) {
                expectPrunedIsExhaustive(indiana, trn2, fullRecompute);
            }
        }
    }

    // Nothing fits: the same leanest layout in the error.
    auto huge = test::llama3405B();
    huge.layers = 1260;
    expectPrunedIsExhaustive({huge, 16, Precision::Bf16, 8, "/huge"}, h100);
}

} // namespace

namespace {

std::string texts(const Diagnostics& diagnostics) {
    std::string out;
    for (const auto& d : diagnostics.items()) {
        out += formatDiagnostic(d) + '\n';
    }
    return out;
}

/// One search the cache tests ask for, and the uncached search's answer to it.
struct Asked {
    TrainingJob job;
    AcceleratorSystem system;
    LayoutConstraints constraints;
    std::string answer; ///< exactly() of the estimate, then the diagnostics
};

std::string answerOf(const std::optional<StepEstimate>& estimate, const Diagnostics& diagnostics) {
    return exactly(estimate) + '\n' + texts(diagnostics);
}

/// Llama 3 405B on Trn2 UltraServers from one UltraServer (too few chips: refused, the chip
/// count named) to 4,160 chips, behind 1:1, 2:1 and 4:1 leaves; with recomputation held
/// full; with a tensor degree no head count allows; at a precision the chip has no rate for
/// (refused before any search).
std::vector<Asked> searchesOverChipCounts() {
    const auto& catalog = Catalog::builtin();
    // Copies: the catalog hands back optionals by value, and a reference into one would
    // dangle once the statement ends.
    const ChipSpec chip = *catalog.chip("trainium2");
    const PlatformSpec platform = *catalog.platform("trn2-ultraserver");
    std::vector<Asked> asked;
    const auto add = [&](TrainingJob job, double r, LayoutConstraints constraints) {
        Asked a{std::move(job), AcceleratorSystem::fromCatalog(chip, platform, r, 128), constraints,
                ""};
        Diagnostics diagnostics;
        a.answer = answerOf(searchLayout(a.job, a.system, diagnostics, a.constraints), diagnostics);
        asked.push_back(std::move(a));
    };
    LayoutConstraints full;
    full.recompute = Recompute::Full;
    LayoutConstraints badTensor;
    badTensor.tensor = 3;
    for (const long long chips : {32LL, 64LL, 128LL, 1024LL, 4096LL, 4160LL}) {
        for (const double r : {1.0, 2.0, 4.0}) {
            add({test::llama3405B(), 2048, Precision::Bf16, chips, "/workloads/training/0"}, r, {});
        }
        add({test::llama3405B(), 2048, Precision::Bf16, chips, "/workloads/training/0"}, 2.0, full);
        add({test::llama3405B(), 2048, Precision::Bf16, chips, "/workloads/training/1"}, 1.0,
            badTensor);
    }
    add({test::llama3405B(), 2048, Precision::Tf32, 4096, "/workloads/training/0"}, 1.0, {});
    return asked;
}

} // namespace

// The cache answers every search as the search itself does, to the bit and to the
// diagnostic, across chip counts, oversubscriptions, constraints and refusals: the first time
// by searching, the second from the cache.
TEST(TrainingLayoutCache, AnswersAreTheSearchesAtEveryChipCount) {
    const auto asked = searchesOverChipCounts();
    // Searches five apart differ only in the chip count, and neighbours in the oversubscription
    // or the constraints: where those change the answer, a key without them would give one
    // search another's answer.
    ASSERT_EQ(asked.size(), 31u);
    const auto answer = [&](std::size_t chipsIndex, std::size_t variant) {
        return asked[5 * chipsIndex + variant].answer;
    };
    for (std::size_t variant = 0; variant < 5; ++variant) {
        EXPECT_NE(answer(3, variant), answer(4, variant)); // 1,024 and 4,096 chips
        if (variant != 3) { // held to full recomputation, both use 4,096 chips (d = the batch)
            EXPECT_NE(answer(4, variant), answer(5, variant)); // 4,096 and 4,160 chips
        }
    }
    EXPECT_NE(answer(4, 0), answer(4, 2)); // 1:1 and 4:1 leaves
    EXPECT_NE(answer(4, 1), answer(4, 3)); // recomputation free and held full
    EXPECT_NE(answer(0, 0), answer(1, 0)); // refused on 32 chips, not on 64
    EXPECT_NE(answer(0, 0).find("fits no layout on 32 'trainium2' chips"), std::string::npos)
        << answer(0, 0);
    EXPECT_NE(answer(3, 4), answer(4, 4)); // refusals naming their chip counts
    EXPECT_NE(asked.back().answer.find("no published dense TF32"), std::string::npos)
        << asked.back().answer;

    LayoutSearchCache cache(1024);
    for (int pass = 0; pass < 2; ++pass) {
        for (const auto& a : asked) {
            Diagnostics diagnostics;
            diagnostics.add({"", 0, 0, "/before", Severity::Note, DiagnosticKind::Meaning, "kept"});
            const auto estimate = cache.search(a.job, a.system, a.constraints, diagnostics);
            ASSERT_FALSE(diagnostics.items().empty());
            EXPECT_EQ(diagnostics.items().front().message, "kept"); // appended, not replaced
            Diagnostics own;
            for (std::size_t i = 1; i < diagnostics.items().size(); ++i) {
                own.add(diagnostics.items()[i]);
            }
            EXPECT_EQ(answerOf(estimate, own), a.answer)
                << "pass " << pass << ", " << a.job.chips << " chips, " << a.system.oversubscription
                << ":1";
        }
        EXPECT_EQ(cache.misses(), asked.size());
        EXPECT_EQ(cache.hits(), pass * asked.size());
    }
    EXPECT_EQ(cache.size(), asked.size());
}

// Full, the cache replaces an answer for each new one: it never holds more than its
// capacity, and what it answers after replacing is still the search's.
TEST(TrainingLayoutCache, StaysWithinItsCapacity) {
    const auto asked = searchesOverChipCounts();
    LayoutSearchCache cache(5);
    for (int pass = 0; pass < 3; ++pass) {
        for (const auto& a : asked) {
            Diagnostics diagnostics;
            const auto estimate = cache.search(a.job, a.system, a.constraints, diagnostics);
            EXPECT_EQ(answerOf(estimate, diagnostics), a.answer);
            EXPECT_LE(cache.size(), 5u);
        }
    }
    EXPECT_EQ(cache.size(), 5u);
    EXPECT_EQ(cache.hits() + cache.misses(), 3 * asked.size());
    EXPECT_GT(cache.misses(), asked.size()); // replaced answers were searched again
}

// Batch workers and plan draws share the cache: two threads asking for the same searches
// in opposite orders, replacing each other's answers, each get the search's answers.
TEST(TrainingLayoutCache, ThreadsShareIt) {
    const auto asked = searchesOverChipCounts();
    LayoutSearchCache cache(7);
    std::vector<std::string> mismatches[2];
    const auto work = [&](int thread) {
        for (int pass = 0; pass < 2; ++pass) {
            for (std::size_t k = 0; k < asked.size(); ++k) {
                const auto& a = asked[thread == 0 ? k : asked.size() - 1 - k];
                Diagnostics diagnostics;
                const auto estimate = cache.search(a.job, a.system, a.constraints, diagnostics);
                if (answerOf(estimate, diagnostics) != a.answer) {
                    mismatches[thread].push_back(a.answer);
                }
            }
        }
    };
    std::thread other(work, 1);
    work(0);
    other.join();
    EXPECT_TRUE(mismatches[0].empty()) << mismatches[0].front();
    EXPECT_TRUE(mismatches[1].empty()) << mismatches[1].front();
    EXPECT_EQ(cache.hits() + cache.misses(), 4 * asked.size());
    EXPECT_LE(cache.size(), 7u);
}
