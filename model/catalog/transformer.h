#pragma once
// The shape of a dense decoder-only transformer, and what one token costs it: parameters,
// FLOPs (Narayanan et al. 2021 [narayanan-2021-megatron] eq. 3, generalised to grouped
// key-value heads and gated MLPs as PaLM's appendix B counts them [chowdhery-2022-palm]) and
// the activation bytes a layer keeps for its backward pass (Korthikanti et al. 2022
// [korthikanti-2022-activation] table 2).
// Simplifications: biases, layer-norm weights and position embeddings are left out (under
// 0.1 % of the parameters of the models considered); attention FLOPs are counted over the
// full s x s score matrix, as both papers count them, causal masking notwithstanding.
// It sits with the catalog, below the site, because a site file describes its workloads by
// these shapes; the performance engine (model/perf) computes with them.

#include <string>

namespace headroom::model {

/// What a layer keeps for its backward pass [korthikanti-2022-activation]: everything; all
/// but the attention core, recomputed (selective, which fused attention also amounts to);
/// or only its input, the whole layer recomputed (full).
enum class Recompute { None, Selective, Full };
const char* recomputeName(Recompute recompute);

struct TransformerShape {
    std::string name;
    int layers = 0;
    int hidden = 0;          ///< h, the model width
    int heads = 0;           ///< a, query heads
    int kvHeads = 0;         ///< key-value heads; 0 = heads (multi-head attention)
    int headDim = 0;         ///< 0 = hidden / heads
    long long ffnHidden = 0; ///< 0 = 4 h
    bool gatedMlp = false;   ///< SwiGLU-style MLP: three h x ffn matrices instead of two
    /// Attention and MLP side by side on one layer norm (PaLM): one tensor-parallel
    /// gather and one reduce per layer and pass instead of two.
    bool parallelLayers = false;
    long long vocabulary = 0;
    bool tiedEmbeddings = false; ///< the output layer reuses the input embedding
    bool dropout = true; ///< dropout after attention and MLP (GPT); PaLM and Llama have none
    int sequence = 0;    ///< s, tokens per sequence

    int kvHeadCount() const { return kvHeads > 0 ? kvHeads : heads; }
    int headDimension() const { return headDim > 0 ? headDim : hidden / heads; }
    long long ffn() const { return ffnHidden > 0 ? ffnHidden : 4LL * hidden; }
    /// heads x head dimension: the width of the queries and of the attention output.
    double attentionWidth() const;

    /// Weights of the matrix multiplies of one layer (attention and MLP).
    double layerMatmulParameters() const;
    /// Every parameter: layers, the input embedding and (untied) the output layer.
    double parameters() const;

    /// Forward-pass FLOPs of one layer for one sequence: 2 x its matmul weights per token,
    /// plus 4 s x attention width per token for the scores and their product with V.
    double layerForwardFlopsPerSequence() const;
    /// The score part alone (what selective recomputation and fused attention recompute).
    double layerAttentionScoreFlopsPerSequence() const;
    /// Forward FLOPs of the output layer (logits) for one sequence: 2 h V per token.
    double logitFlopsPerSequence() const;
    /// Model FLOPs per token of training (forward + backward = 3 x forward, no
    /// recomputation): 6 N_matmul + 12 l s (attention width), the MFU numerator; Kaplan et
    /// al.'s 6 N [kaplan-2020-scaling] plus the attention scores.
    double trainingFlopsPerToken() const;

    /// Bytes of activations one layer stores for one sequence with 16-bit activations and
    /// no recomputation, before tensor or sequence parallelism: s h (34 + 5 a s / h) for
    /// the GPT shape [korthikanti-2022-activation] (the 5 a s^2 bytes are the attention
    /// scores' softmax and its dropout's mask and output; 2 a s^2 without dropout).
    double layerActivationBytesPerSequence() const;
    /// The same without the score tensors (kept by neither selective recomputation nor
    /// fused attention).
    double layerActivationBytesWithoutScoresPerSequence() const;

    /// Bytes of the key-value cache per token of context (all layers), at `bytesPerValue`.
    double kvCacheBytesPerToken(double bytesPerValue) const;
};

} // namespace headroom::model
