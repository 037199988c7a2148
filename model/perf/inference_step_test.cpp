#include "model/perf/inference_step.h"

#include "model/catalog/catalog.h"
#include "model/perf/layout_search_cache.h"
#include "model/perf/perf_shapes.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace {

using namespace headroom::model;

AcceleratorSystem h100() {
    const auto& catalog = Catalog::builtin();
    return AcceleratorSystem::fromCatalog(*catalog.chip("h100"),
                                          *catalog.platform("hgx-h100-8gpu"));
}

/// Llama 3 405B served in FP8 (1 byte per weight), 16-bit cache, 2,000-token prompts and
/// 500-token answers, 50 ms per output token.
InferenceJob llamaService() {
    InferenceJob job;
    job.model = test::llama3405B();
    job.precision = Precision::Fp8;
    job.promptTokens = 2000;
    job.outputTokens = 500;
    job.timePerOutputTokenSeconds = 0.05;
    job.chips = 8192;
    job.pointer = "/workloads/inference/0";
    return job;
}

TEST(Inference, DecodeIsBoundByHbmAndPrefillByCompute) {
    Diagnostics diagnostics;
    const auto job = llamaService();
    const auto system = h100();
    const auto e = searchInference(job, system, diagnostics);
    ASSERT_TRUE(e) << formatDiagnostic(diagnostics.items().front());
    EXPECT_TRUE(e->decodeMemoryBound);
    // A decode step reads at least the chip's share of the weights and the batch's cache
    // from HBM: the step cannot beat that roof.
    EXPECT_GE(e->decodeStepSeconds,
              (e->weightBytesPerChip + e->kvBytesPerChip) / system.hbmBytesPerS);
    EXPECT_LE(e->decodeStepSeconds, job.timePerOutputTokenSeconds);
    EXPECT_LE(e->weightBytesPerChip + e->kvBytesPerChip, system.hbmBytes);
    // Prefill: 2 N FLOPs per prompt token at least, at the sustained FP8 rate.
    const double prefillFloor =
        2.0 * job.model.parameters() * job.promptTokens /
        (e->tensor * *system.peak(Precision::Fp8) * system.computeEfficiency);
    EXPECT_GE(e->prefillSeconds, prefillFloor);
    // ... plus the causal attention and the logits (a few per cent at a 2,000-token prompt)
    // and two all-reduces of the prompt's hidden states per layer, not overlapped.
    const double allReduces = job.model.layers * 2.0 *
                              allReduceSeconds(job.promptTokens * job.model.hidden * 2.0, e->tensor,
                                               system.scaleUpLink());
    EXPECT_LE(e->prefillSeconds, 1.05 * prefillFloor + allReduces);
    EXPECT_GT(e->siteOutputTokensPerSecond, 0.0);
}

// A looser latency target admits a larger batch and more tokens per chip.
TEST(Inference, ALooserTargetAdmitsALargerBatch) {
    Diagnostics diagnostics;
    auto tight = llamaService();
    tight.timePerOutputTokenSeconds = 0.03;
    auto loose = llamaService();
    loose.timePerOutputTokenSeconds = 0.1;
    const auto a = searchInference(tight, h100(), diagnostics);
    const auto b = searchInference(loose, h100(), diagnostics);
    ASSERT_TRUE(a && b);
    EXPECT_GT(b->batch * b->tensor, a->batch * a->tensor);
    EXPECT_GT(b->outputTokensPerSecondPerChip, a->outputTokensPerSecondPerChip);
}

TEST(Inference, ATargetNoBatchMeetsIsALocatedError) {
    Diagnostics diagnostics;
    auto job = llamaService();
    job.timePerOutputTokenSeconds = 1e-4; // 0.1 ms: below one pass over the weights
    EXPECT_FALSE(searchInference(job, h100(), diagnostics));
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    const auto& d = diagnostics.items().front();
    EXPECT_EQ(d.pointer, "/workloads/inference/0/time_per_output_token");
    EXPECT_NE(d.message.find("no batch meets"), std::string::npos) << d.message;
}

TEST(Inference, AModelTooLargeForAnyReplicaIsALocatedError) {
    Diagnostics diagnostics;
    auto job = llamaService();
    job.model.layers = 126 * 10; // ~4 TB of FP8 weights against 8 x 80 GB
    EXPECT_FALSE(searchInference(job, h100(), diagnostics));
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    EXPECT_EQ(diagnostics.items().front().pointer, "/workloads/inference/0");
}

TEST(Inference, AChipWithoutTheRateIsALocatedError) {
    Diagnostics diagnostics;
    const auto& catalog = Catalog::builtin();
    const auto a100 =
        AcceleratorSystem::fromCatalog(*catalog.chip("a100"), *catalog.platform("dgx-a100"));
    EXPECT_FALSE(searchInference(llamaService(), a100, diagnostics)); // A100 has no FP8
    ASSERT_EQ(diagnostics.count(Severity::Error), 1);
    EXPECT_EQ(diagnostics.items().front().pointer, "/workloads/inference/0/precision");
}

} // namespace

namespace {

/// Every field of an inference estimate, each double to the bit, and the diagnostics.
std::string exactly(const std::optional<InferenceEstimate>& e, const Diagnostics& diagnostics) {
    std::string text = "none";
    if (e) {
        char buffer[400];
        std::snprintf(buffer, sizeof buffer, "t=%d batch=%lld %a %a %d %a %a %a %a", e->tensor,
                      e->batch, e->prefillSeconds, e->decodeStepSeconds,
                      e->decodeMemoryBound ? 1 : 0, e->weightBytesPerChip, e->kvBytesPerChip,
                      e->outputTokensPerSecondPerChip, e->siteOutputTokensPerSecond);
        text = buffer;
    }
    for (const auto& d : diagnostics.items()) {
        text += '\n' + formatDiagnostic(d);
    }
    return text;
}

// The inference cache finds an answer by every input but the chip count, and scales the
// site's total to the chips asked: at every chip count, on a second machine and for a
// refusal, its answers are the search's, to the bit and to the diagnostic.
TEST(InferenceCache, AnswersAreTheSearchesAtEveryChipCount) {
    InferenceSearchCache cache(8);
    auto refused = llamaService();
    refused.timePerOutputTokenSeconds = 1e-6; // no batch meets it
    const auto& catalog = Catalog::builtin();
    const auto trn2 = AcceleratorSystem::fromCatalog(*catalog.chip("trainium2"),
                                                     *catalog.platform("trn2-ultraserver"));
    std::size_t asked = 0;
    for (const long long chips : {8192LL, 8200LL, 1000LL, 7LL, 8192LL}) {
        for (const auto& system : {h100(), trn2}) {
            for (auto job : {llamaService(), refused}) {
                job.chips = chips;
                Diagnostics own, cached;
                const auto searched = searchInference(job, system, own);
                EXPECT_EQ(searched.has_value(), job.timePerOutputTokenSeconds > 1e-3);
                EXPECT_EQ(exactly(cache.search(job, system, cached), cached),
                          exactly(searched, own))
                    << chips << " chips";
                ++asked;
            }
        }
    }
    EXPECT_EQ(cache.misses(), 4u); // two jobs on two machines
    EXPECT_EQ(cache.hits(), asked - 4u);
}

} // namespace
