#include "model/catalog/transformer.h"

#include "model/perf/perf_shapes.h"

#include <gtest/gtest.h>

namespace {

using namespace headroom::model;

// Parameter counts against the published sizes, within 1 % (biases and norms are left out).
TEST(Transformer, ParameterCountsMatchThePublishedModels) {
    EXPECT_NEAR(test::megatron1T().parameters() / 1e9, 1008.0, 10.0); // [narayanan-2021-megatron]
    EXPECT_NEAR(test::palm540B().parameters() / 1e9, 540.35, 5.4);    // [chowdhery-2022-palm]
    EXPECT_NEAR(test::llama3405B().parameters() / 1e9, 405.0, 4.05);  // [dubey-2024-llama3]
}

// For the GPT shape the FLOPs are exactly Narayanan et al.'s eq. 3 without the recomputed
// forward pass: 96 -> 72 on the layers' terms, 72 B s l h^2 (1 + s/(6h)), and the logit
// layer's 6 B s h V (never recomputed) unchanged.
TEST(Transformer, TrainingFlopsAreNarayananEquation3ForTheGptShape) {
    const auto m = test::megatron1T();
    const double l = m.layers, h = m.hidden, s = m.sequence, V = static_cast<double>(m.vocabulary);
    const double perToken = 72.0 * l * h * h * (1.0 + s / (6.0 * h)) + 6.0 * h * V;
    EXPECT_NEAR(m.trainingFlopsPerToken() / perToken, 1.0, 1e-12);
}

// PaLM's appendix B: 6 N + 12 L H Q T per token, N counting the shared embedding once.
TEST(Transformer, TrainingFlopsArePalmAppendixB) {
    const auto m = test::palm540B();
    const double expected = 6.0 * m.parameters() + 12.0 * m.layers * 48.0 * 256.0 * 2048.0;
    EXPECT_NEAR(m.trainingFlopsPerToken() / expected, 1.0, 1e-12);
}

// Korthikanti et al. 2022 table 2: s b h (34 + 5 a s / h) bytes per layer for the GPT shape.
TEST(Transformer, ActivationBytesAreKorthikantiTable2ForTheGptShape) {
    const auto m = test::megatron1T();
    const double s = m.sequence, h = m.hidden, a = m.heads;
    EXPECT_DOUBLE_EQ(m.layerActivationBytesPerSequence(), s * h * (34.0 + 5.0 * a * s / h));
    EXPECT_DOUBLE_EQ(m.layerActivationBytesWithoutScoresPerSequence(), 34.0 * s * h);
}

// Llama 3 405B's cache: 2 (K, V) x 126 layers x 8 heads x 128 x 2 bytes = 516,096 B/token.
TEST(Transformer, KvCacheCountsGroupedHeads) {
    EXPECT_DOUBLE_EQ(test::llama3405B().kvCacheBytesPerToken(2.0), 516096.0);
}

} // namespace
