#include "model/catalog/transformer.h"

namespace headroom::model {

const char* recomputeName(Recompute recompute) {
    switch (recompute) {
    case Recompute::None:
        return "none";
    case Recompute::Selective:
        return "selective";
    case Recompute::Full:
        return "full";
    }
    return "?";
}

double TransformerShape::attentionWidth() const {
    return static_cast<double>(heads) * headDimension();
}

double TransformerShape::layerMatmulParameters() const {
    const double h = hidden;
    const double q = attentionWidth();
    const double kv = static_cast<double>(kvHeadCount()) * headDimension();
    // Q and the output projection are h x q; K and V are h x kv each (fewer with grouped
    // or multi-query attention); the MLP has two h x ffn matrices, three when gated.
    const double attention = 2.0 * h * q + 2.0 * h * kv;
    const double mlp = (gatedMlp ? 3.0 : 2.0) * h * static_cast<double>(ffn());
    return attention + mlp;
}

double TransformerShape::parameters() const {
    const double embedding = static_cast<double>(vocabulary) * hidden;
    return layers * layerMatmulParameters() + embedding * (tiedEmbeddings ? 1.0 : 2.0);
}

double TransformerShape::layerForwardFlopsPerSequence() const {
    // 2 FLOPs per weight per token [narayanan-2021-megatron]: 24 s h^2 for the GPT shape.
    return static_cast<double>(sequence) * 2.0 * layerMatmulParameters() +
           layerAttentionScoreFlopsPerSequence();
}

double TransformerShape::layerAttentionScoreFlopsPerSequence() const {
    // Q K^T and (softmax) V: 2 s^2 q each, 4 s^2 h in Narayanan et al.'s count.
    const double s = sequence;
    return 4.0 * s * s * attentionWidth();
}

double TransformerShape::logitFlopsPerSequence() const {
    return 2.0 * static_cast<double>(sequence) * hidden * static_cast<double>(vocabulary);
}

double TransformerShape::trainingFlopsPerToken() const {
    // 72 B s l h^2 (1 + s/(6h) + V/(16 l h)) per batch of B sequences without
    // recomputation [narayanan-2021-megatron] eq. 3 (96 with it): 3 x the forward pass.
    return 3.0 * (layers * layerForwardFlopsPerSequence() + logitFlopsPerSequence()) / sequence;
}

double TransformerShape::layerActivationBytesPerSequence() const {
    const double s = sequence;
    // The softmax output (2 bytes); with dropout also its mask (1) and output (2).
    return layerActivationBytesWithoutScoresPerSequence() + (dropout ? 5.0 : 2.0) * heads * s * s;
}

double TransformerShape::layerActivationBytesWithoutScoresPerSequence() const {
    // Korthikanti et al. 2022 section 4.1, per token in units of h bytes: attention 11
    // (its input 2, Q and K 4, V 2, the projection's input 2, dropout mask 1), MLP 19
    // (input 2, the 4h-wide activations 8 + 8, dropout mask 1), two layer norms 4: 34.
    // Generalised: Q, K, V and the projection input scale with their widths, the MLP's
    // inner tensors with ffn (a fused gated MLP keeps its input, gate and up, and their
    // product: 3 ffn-wide tensors instead of 2); no dropout, no masks; parallel layers
    // share one layer norm.
    const double h = hidden;
    const double q = attentionWidth() / h;
    const double kv = static_cast<double>(kvHeadCount()) * headDimension() / h;
    const double f = static_cast<double>(ffn()) / h;
    const double mask = dropout ? 1.0 : 0.0;
    const double attention = 2.0 + 2.0 * (q + kv) + 2.0 * kv + 2.0 * q + mask;
    const double mlp = 2.0 + (gatedMlp ? 6.0 : 4.0) * f + mask;
    const double norms = parallelLayers ? 2.0 : 4.0;
    return static_cast<double>(sequence) * h * (attention + mlp + norms);
}

double TransformerShape::kvCacheBytesPerToken(double bytesPerValue) const {
    // K and V, each kv heads x head dimension, in every layer.
    return 2.0 * layers * static_cast<double>(kvHeadCount()) * headDimension() * bytesPerValue;
}

} // namespace headroom::model
