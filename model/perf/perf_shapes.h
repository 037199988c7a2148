#pragma once
// Published model shapes the performance tests and benchmarks share.

#include "model/catalog/transformer.h"

namespace headroom::model::test {

/// Megatron-LM's 1T GPT [narayanan-2021-megatron] table 1 (vocabulary 51,200, the input
/// embedding reused as the output layer).
inline TransformerShape megatron1T() {
    TransformerShape m;
    m.name = "GPT 1T";
    m.layers = 128;
    m.hidden = 25600;
    m.heads = 160;
    m.vocabulary = 51200;
    m.tiedEmbeddings = true;
    m.sequence = 2048;
    return m;
}

/// PaLM 540B [chowdhery-2022-palm] table 1: multi-query attention, SwiGLU, parallel layers,
/// shared input and output embeddings, no dropout.
inline TransformerShape palm540B() {
    TransformerShape m;
    m.name = "PaLM 540B";
    m.layers = 118;
    m.hidden = 18432;
    m.heads = 48;
    m.kvHeads = 1;
    m.headDim = 256;
    m.ffnHidden = 73728;
    m.gatedMlp = true;
    m.parallelLayers = true;
    m.vocabulary = 256000;
    m.tiedEmbeddings = true;
    m.dropout = false;
    m.sequence = 2048;
    return m;
}

/// Llama 3 405B [dubey-2024-llama3] table 3, at its 8K pre-training context, no dropout.
inline TransformerShape llama3405B() {
    TransformerShape m;
    m.name = "Llama 3 405B";
    m.layers = 126;
    m.hidden = 16384;
    m.heads = 128;
    m.kvHeads = 8;
    m.ffnHidden = 53248;
    m.gatedMlp = true;
    m.vocabulary = 128256;
    m.dropout = false;
    m.sequence = 8192;
    return m;
}

} // namespace headroom::model::test
