#include "model/report/kpi_rows.h"

namespace headroom::model::kpi_rows {

using Q = FigureKind;

// What the site delivers per unit of work (issue 22): the first training run and the first
// inference service of the site file, from the performance engine (model/perf) charged
// with the hourly simulation. Absent (null) when the site has none, or the engine refused
// it (its diagnostic says why).
void addWorkloadRows(std::vector<KpiField>& f) {
    using Training = std::function<double(const TrainingResult&)>;
    using Inference = std::function<double(const InferenceResult&)>;
    using Direction = KpiDirection;
    const auto training = [&f](const char* name, KpiDisplay display, Direction direction,
                               Training get) {
        display.absent = "no training run";
        f.push_back(maybeReal(name, std::move(display), [get = std::move(get)](const RunResult& r) {
            return r.training.empty() ? std::nullopt
                                      : std::optional<double>(get(r.training.front()));
        }));
        f.back().direction = direction;
    };
    const auto inference = [&f](const char* name, KpiDisplay display, Direction direction,
                                Inference get) {
        display.absent = "no inference service";
        f.push_back(maybeReal(name, std::move(display), [get = std::move(get)](const RunResult& r) {
            return r.inference.empty() ? std::nullopt
                                       : std::optional<double>(get(r.inference.front()));
        }));
        f.back().direction = direction;
    };
    training("training_days",
             {"Time to train", "the first training run on the layout the engine found", Q::Days, 1,
              true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.hours / 24.0; });
    training("training_mfu",
             {"MFU, training",
              "model FLOPs / (step time x chips used x dense peak): an output of the layout "
              "search [isaev-2023-calculon]",
              Q::Ratio, 3, true},
             Direction::HigherIsBetter, [](const TrainingResult& t) { return t.mfu; });
    training(
        "training_tokens_per_s",
        {"Training throughput", "tokens per second of the first training run", Q::TokenRate, 0},
        Direction::HigherIsBetter, [](const TrainingResult& t) { return t.tokensPerSecond; });
    training("training_energy_mwh",
             {"Energy per training run", "facility energy over the hours the run takes",
              Q::EnergyMwh, 0, true},
             Direction::LowerIsBetter,
             [](const TrainingResult& t) { return t.costs.facilityEnergyMwh; });
    training("training_site_water_m3",
             {"Site water per training run", "cooling water over the hours the run takes",
              Q::WaterVolume, 0, true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.costs.siteWaterM3; });
    training("training_source_water_m3",
             {"Source water per training run", "site water + the grid's water (EWIF)",
              Q::WaterVolume, 0, true},
             Direction::LowerIsBetter,
             [](const TrainingResult& t) { return t.costs.sourceWaterM3; });
    training("training_carbon_t",
             {"Carbon per training run", "location-based, hour by hour", Q::CarbonMass, 0, true},
             Direction::LowerIsBetter, [](const TrainingResult& t) { return t.costs.carbonT; });
    training("training_season_energy_mwh",
             {"Season, energy (July - January)",
              "the same run started on July 1 "
              "rather than January 1",
              Q::EnergyMwh, 0, true},
             Direction::Neutral, [](const TrainingResult& t) {
                 return t.julyStart.facilityEnergyMwh - t.januaryStart.facilityEnergyMwh;
             });
    training("training_season_site_water_m3",
             {"Season, site water (July - January)",
              "the same run started on July 1 rather than January 1", Q::WaterVolume, 0, true},
             Direction::Neutral, [](const TrainingResult& t) {
                 return t.julyStart.siteWaterM3 - t.januaryStart.siteWaterM3;
             });
    training("training_season_carbon_t",
             {"Season, carbon (July - January)",
              "the same run started on July 1 rather than January 1", Q::CarbonMass, 0, true},
             Direction::Neutral,
             [](const TrainingResult& t) { return t.julyStart.carbonT - t.januaryStart.carbonT; });
    inference("inference_tokens_per_s",
              {"Tokens served per second",
               "output tokens of the first inference service, every chip, at its latency target",
               Q::TokenRate, 0, true},
              Direction::HigherIsBetter,
              [](const InferenceResult& i) { return i.siteTokensPerSecond; });
    inference("inference_energy_per_million_tokens_kwh",
              {"Energy per million tokens", "facility energy over the year's served tokens",
               Q::EnergyKwh, 2, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.energyKwhPerMillionTokens; });
    inference("inference_site_water_per_million_tokens_l",
              {"Site water per million tokens", "cooling water over the year's served tokens",
               Q::SmallWaterVolume, 3, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.waterLPerMillionTokens; });
    inference("inference_source_water_per_million_tokens_l",
              {"Source water per million tokens", "site + grid water over the year's tokens",
               Q::SmallWaterVolume, 3},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.sourceWaterLPerMillionTokens; });
    inference("inference_carbon_per_million_tokens_kg",
              {"Carbon per million tokens", "location-based, over the year's served tokens",
               Q::CarbonKg, 3, true},
              Direction::LowerIsBetter,
              [](const InferenceResult& i) { return i.carbonKgPerMillionTokens; });
    f.push_back(higher(
        maybeReal("tokens_per_kwh",
                  {"Tokens per kWh", "served tokens per facility kWh", Q::TokensPerKwh, 0, true},
                  [](const RunResult& r) -> std::optional<double> {
                      if (r.inference.empty()) {
                          return std::nullopt;
                      }
                      return r.productivity.tokensPerKwh;
                  })));
    KpiDisplay perLitre{"Tokens per litre", "served tokens per litre of site water",
                        Q::TokensPerWater, 0, true};
    perLitre.absent = "no water used";
    f.push_back(higher(maybeReal("tokens_per_litre", std::move(perLitre), [](const RunResult& r) {
        return r.inference.empty() ? std::nullopt : r.productivity.tokensPerLitre;
    })));
    f.push_back(higher(
        maybeReal("tokens_per_kg_co2e",
                  {"Tokens per kg CO\u2082e", "served tokens per kg of location-based carbon",
                   Q::TokensPerCarbon, 0, true},
                  [](const RunResult& r) -> std::optional<double> {
                      if (r.inference.empty()) {
                          return std::nullopt;
                      }
                      return r.productivity.tokensPerKgCo2e;
                  })));
}

} // namespace headroom::model::kpi_rows
