// What the chips run: training runs and inference services, rows of the site field table.
// A workload names a dense transformer by its published shape; the performance engine
// (model/perf) finds from it, the deployed chips and the fabric the parallel layout, the
// step time and the MFU (training), or the replica and batch meeting a latency target
// (inference). MFU is an output, never an input.
#include "model/site/site_binding.h"
#include "model/site/site_field_rows.h"

namespace headroom::model {
namespace {

using T = FieldType;
using Q = QuantityKind;

/// The pointers of a transformer's shape under one workload array, in the order below.
struct ShapePointers {
    std::string_view layers, hidden, heads, kvHeads, ffnHidden, gatedMlp, vocabulary,
        tiedEmbeddings, dropout;
};

/// The shape rows of a workload array (Workloads: &Site::training or &Site::inference):
/// one set of ranges and documentation for training and inference.
template <auto Workloads, auto Model>
void addShapeFields(std::vector<FieldDef>& rows, const ShapePointers& p) {
    rows.push_back({.pointer = p.layers,
                    .type = T::Integer,
                    .min = "1",
                    .max = "10000",
                    .required = true,
                    .doc = "Transformer layers (blocks).",
                    .to = into<Workloads, Model, &TransformerShape::layers>()});
    rows.push_back({.pointer = p.hidden,
                    .type = T::Integer,
                    .min = "1",
                    .max = "1000000",
                    .required = true,
                    .doc = "Model width h (hidden size).",
                    .to = into<Workloads, Model, &TransformerShape::hidden>()});
    rows.push_back({.pointer = p.heads,
                    .type = T::Integer,
                    .min = "1",
                    .max = "100000",
                    .required = true,
                    .doc = "Query heads; they divide the hidden size.",
                    .to = into<Workloads, Model, &TransformerShape::heads>()});
    rows.push_back({.pointer = p.kvHeads,
                    .type = T::Integer,
                    .min = "1",
                    .max = "100000",
                    .doc = "Key-value heads (grouped-query attention); as many as the query "
                           "heads when absent.",
                    .to = into<Workloads, Model, &TransformerShape::kvHeads>()});
    rows.push_back({.pointer = p.ffnHidden,
                    .type = T::Integer,
                    .min = "1",
                    .max = "10000000",
                    .doc = "Width of the MLP; 4 x hidden when absent (GPT "
                           "[narayanan-2021-megatron]).",
                    .to = into<Workloads, Model, &TransformerShape::ffnHidden>()});
    rows.push_back({.pointer = p.gatedMlp,
                    .type = T::Boolean,
                    .defaultJson = "false",
                    .doc = "A gated (SwiGLU) MLP: three matrices of hidden x MLP width instead "
                           "of two (PaLM, Llama [dubey-2024-llama3]).",
                    .to = into<Workloads, Model, &TransformerShape::gatedMlp>()});
    rows.push_back({.pointer = p.vocabulary,
                    .type = T::Integer,
                    .min = "1",
                    .max = "100000000",
                    .required = true,
                    .doc = "Vocabulary size (the embedding and the output layer).",
                    .to = into<Workloads, Model, &TransformerShape::vocabulary>()});
    rows.push_back({.pointer = p.tiedEmbeddings,
                    .type = T::Boolean,
                    .defaultJson = "false",
                    .doc = "The output layer reuses the input embedding.",
                    .to = into<Workloads, Model, &TransformerShape::tiedEmbeddings>()});
    rows.push_back({.pointer = p.dropout,
                    .type = T::Boolean,
                    .defaultJson = "false",
                    .doc = "Dropout after attention and MLP (GPT-3 had it; PaLM and Llama 3 "
                           "train without [dubey-2024-llama3]); its masks cost activation "
                           "memory.",
                    .to = into<Workloads, Model, &TransformerShape::dropout>()});
}

/// The achievable fraction of dense peak in a layer's matrix multiplies, the engine's one
/// efficiency figure (model/perf/accelerator_system.cpp states why 60 %).
constexpr std::string_view kAchievableDoc =
    "Fraction of the chip's dense peak a layer's matrix multiplies sustain; the step's MFU "
    "follows from it, the communication and the pipeline bubble. Default [I]: 60 % holds "
    "Megatron-LM 1T on A100 [narayanan-2021-megatron], PaLM on TPU v4 [chowdhery-2022-palm] "
    "and Llama 3 405B on H100 [dubey-2024-llama3] within 15 % of their published "
    "throughput.";

const std::vector<EnumChoice>& recomputeChoices() {
    static const std::vector<EnumChoice> choices{
        {"none", Recompute::None}, {"selective", Recompute::Selective}, {"full", Recompute::Full}};
    return choices;
}

} // namespace

std::vector<FieldDef> workloadFields() {
    std::vector<FieldDef> rows{
        {.pointer = "/workloads", .type = T::Object, .doc = "What the chips run."},
        {.pointer = "/workloads/training",
         .type = T::ObjectArray,
         .doc = "Training runs of dense transformers, each on every deployed chip."},
        {.pointer = "/workloads/training/*/name",
         .required = true,
         .doc = "Name of the run.",
         .to = into<&Site::training, &TrainingWorkload::name>()},
    };
    addShapeFields<&Site::training, &TrainingWorkload::model>(
        rows, {"/workloads/training/*/layers", "/workloads/training/*/hidden",
               "/workloads/training/*/heads", "/workloads/training/*/kv_heads",
               "/workloads/training/*/ffn_hidden", "/workloads/training/*/gated_mlp",
               "/workloads/training/*/vocabulary", "/workloads/training/*/tied_embeddings",
               "/workloads/training/*/dropout"});
    const std::vector<FieldDef> training{
        {.pointer = "/workloads/training/*/sequence",
         .type = T::Integer,
         .min = "1",
         .max = "10000000",
         .required = true,
         .doc = "Tokens per training sequence (the context length).",
         .to = into<&Site::training, &TrainingWorkload::model, &TransformerShape::sequence>()},
        {.pointer = "/workloads/training/*/global_batch",
         .type = T::Integer,
         .min = "1",
         .max = "100000000",
         .required = true,
         .doc = "Sequences per optimizer step; data parallelism cannot exceed it.",
         .to = into<&Site::training, &TrainingWorkload::globalBatch>()},
        {.pointer = "/workloads/training/*/tokens",
         .type = T::Number,
         .min = "1",
         .max = "1e20",
         .required = true,
         .doc = "Training tokens.",
         .to = into<&Site::training, &TrainingWorkload::tokens>()},
        {.pointer = "/workloads/training/*/precision",
         .type = T::Enum,
         .defaultJson = "\"bf16\"",
         .doc = "Arithmetic of the matrix multiplies; the chip must publish a dense rate at "
                "it.",
         .choices = precisionChoices(),
         .to = into<&Site::training, &TrainingWorkload::precision>()},
        {.pointer = "/workloads/training/*/recompute",
         .type = T::Enum,
         .doc = "Activation recomputation [korthikanti-2022-activation]: \"none\", "
                "\"selective\" or \"full\"; the layout search chooses when absent.",
         .choices = recomputeChoices(),
         .to = into<&Site::training, &TrainingWorkload::recompute>()},
        {.pointer = "/workloads/training/*/achievable_fraction",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .exclusiveMin = true,
         .defaultJson = "\"60 %\"",
         .doc = kAchievableDoc,
         .to = into<&Site::training, &TrainingWorkload::achievableFraction>()},
        {.pointer = "/workloads/training/*/start",
         .type = T::MonthDay,
         .defaultJson = "\"01-01\"",
         .doc = "Start date \"MM-DD\" within the climate year.",
         .to = into<&Site::training, &TrainingWorkload::startHourOfYear>()},
        {.pointer = "/workloads/inference",
         .type = T::ObjectArray,
         .doc = "Inference services, each on every deployed chip."},
        {.pointer = "/workloads/inference/*/name",
         .required = true,
         .doc = "Name of the service.",
         .to = into<&Site::inference, &InferenceWorkload::name>()},
    };
    rows.insert(rows.end(), training.begin(), training.end());
    addShapeFields<&Site::inference, &InferenceWorkload::model>(
        rows, {"/workloads/inference/*/layers", "/workloads/inference/*/hidden",
               "/workloads/inference/*/heads", "/workloads/inference/*/kv_heads",
               "/workloads/inference/*/ffn_hidden", "/workloads/inference/*/gated_mlp",
               "/workloads/inference/*/vocabulary", "/workloads/inference/*/tied_embeddings",
               "/workloads/inference/*/dropout"});
    const std::vector<FieldDef> inference{
        {.pointer = "/workloads/inference/*/precision",
         .type = T::Enum,
         .defaultJson = "\"fp8\"",
         .doc = "Arithmetic the service uses; the chip must publish a dense rate at it.",
         .choices = precisionChoices(),
         .to = into<&Site::inference, &InferenceWorkload::precision>()},
        {.pointer = "/workloads/inference/*/bytes_per_parameter",
         .type = T::Number,
         .min = "0.125",
         .max = "8",
         .defaultJson = "1",
         .doc = "Bytes of weights per parameter (1 for FP8 weights).",
         .to = into<&Site::inference, &InferenceWorkload::bytesPerParameter>()},
        {.pointer = "/workloads/inference/*/kv_bytes_per_value",
         .type = T::Number,
         .min = "0.125",
         .max = "8",
         .defaultJson = "2",
         .doc = "Bytes per value of the key-value cache ([I] a 16-bit cache).",
         .to = into<&Site::inference, &InferenceWorkload::kvBytesPerValue>()},
        {.pointer = "/workloads/inference/*/prompt_tokens",
         .type = T::Integer,
         .min = "1",
         .max = "10000000",
         .required = true,
         .doc = "Tokens in a typical prompt (the request mix's input length).",
         .to = into<&Site::inference, &InferenceWorkload::promptTokens>()},
        {.pointer = "/workloads/inference/*/output_tokens",
         .type = T::Integer,
         .min = "1",
         .max = "10000000",
         .required = true,
         .doc = "Tokens in a typical response (the request mix's output length).",
         .to = into<&Site::inference, &InferenceWorkload::outputTokens>()},
        {.pointer = "/workloads/inference/*/time_per_output_token",
         .type = T::Quantity,
         .quantity = Q::Time,
         .min = "0 s",
         .max = "1 h",
         .exclusiveMin = true,
         .required = true,
         .doc = "Latency target of a decode step (\"40 ms\"); the batch is the largest that "
                "meets it.",
         .to = into<&Site::inference, &InferenceWorkload::timePerOutputToken>()},
        {.pointer = "/workloads/inference/*/time_to_first_token",
         .type = T::Quantity,
         .quantity = Q::Time,
         .min = "0 s",
         .max = "1 h",
         .exclusiveMin = true,
         .doc = "Latency target of a prompt's prefill; none when absent.",
         .to = into<&Site::inference, &InferenceWorkload::timeToFirstToken>()},
        {.pointer = "/workloads/inference/*/achievable_fraction",
         .type = T::Quantity,
         .quantity = Q::Fraction,
         .min = "0 %",
         .max = "100 %",
         .exclusiveMin = true,
         .defaultJson = "\"60 %\"",
         .doc = kAchievableDoc,
         .to = into<&Site::inference, &InferenceWorkload::achievableFraction>()},
    };
    rows.insert(rows.end(), inference.begin(), inference.end());
    return rows;
}

// Until the performance engine (issue 22), a workload stated its size and its MFU; now its
// shape and the deployment give them.
const std::vector<RetiredField>& retiredWorkloadFields() {
    static constexpr std::string_view kShape =
        "a model is given by its shape (\"layers\", \"hidden\", \"heads\", \"kv_heads\", "
        "\"ffn_hidden\", \"gated_mlp\", \"vocabulary\"), from which its parameters follow; "
        "remove it";
    static const std::vector<RetiredField> retired{
        {"/workloads/training/*/parameters", kShape},
        {"/workloads/training/*/flops",
         "the run's FLOPs follow from its shape, \"sequence\" and \"tokens\"; remove it"},
        {"/workloads/training/*/mfu",
         "the MFU is an output: the layout search finds it on the deployed chips and fabric; "
         "remove it (the engine's efficiency input is \"achievable_fraction\", the fraction "
         "of dense peak the matrix multiplies sustain)"},
        {"/workloads/inference/*/parameters", kShape},
        {"/workloads/inference/*/batch",
         "the batch is an output: the engine serves the largest batch that meets "
         "\"time_per_output_token\" and \"time_to_first_token\"; remove it"},
        {"/workloads/inference/*/tokens_per_request",
         "replaced by \"prompt_tokens\" and \"output_tokens\""},
    };
    return retired;
}

} // namespace headroom::model
