#include "model/cost/embodied_carbon.h"

#include "model/core/meaning_note.h"

#include <cmath>

namespace headroom::model {
namespace {

constexpr double kSecondsPerYear = 8760.0 * 3600.0;

/// The chip's logic dies: the site's area and node, else the catalog's published die.
std::optional<double> chipDieKg(const Site& site, Diagnostics& diagnostics) {
    const CostInputs& in = *site.cost;
    const DieFigure* published = CostCatalog::builtin().die(site.it.chip.id);
    const std::optional<double> areaM2 =
        in.dieArea ? std::optional(in.dieArea->value())
                   : (published ? std::optional(published->areaM2) : std::nullopt);
    const std::optional<int> nodeNm =
        in.dieNode ? std::optional(static_cast<int>(std::lround(in.dieNode->value() * 1e9)))
                   : (published ? std::optional(published->nodeNm) : std::nullopt);
    if (!areaM2 || !nodeNm) {
        addMeaningNote(
            diagnostics, Severity::Note,
            in.dieArea ? "/cost/embodied/process_node" : "/cost/embodied/die_area",
            site.it.chip.id +
                ": its die area and process node are not published: the chips' logic dies "
                "are left out of the embodied carbon until both are given");
        return std::nullopt;
    }
    const auto die = dieCarbon(*areaM2 * 1e6, *nodeNm);
    if (!die) {
        addMeaningNote(
            diagnostics, Severity::Warning, "/cost/embodied/process_node",
            "no carbon per area for a " + std::to_string(*nodeNm) +
                " nm node (the catalog holds 16, 12, 7, 5 and 4 nm): the chips' logic dies "
                "are left out of the embodied carbon");
        return std::nullopt;
    }
    return die->kg;
}

} // namespace

std::optional<DieCarbon> dieCarbon(double areaMm2, int nodeNm, const CostCatalog& catalog) {
    const NodeFactor* node = catalog.nodeFactor(nodeNm);
    if (node == nullptr) {
        return std::nullopt;
    }
    const double areaM2 = areaMm2 * 1e-6;
    // E = A x CPA [gupta-2022-act]: the fab's energy, gases and materials per area of wafer
    // processed, over the yield, are all in the node's CPA.
    return DieCarbon{areaM2 * node->kgPerM2, areaM2 * node->lowKgPerM2, areaM2 * node->highKgPerM2};
}

EmbodiedCarbonResult siteEmbodiedCarbon(const Site& site, const RunResult& result,
                                        Diagnostics& diagnostics) {
    const CostInputs& in = *site.cost;
    const ComputeSizing& compute = result.compute;
    const double chips = compute.chips;
    const double servers = compute.servers;
    EmbodiedCarbonResult e;

    // What is built, kg CO2e -> t.
    if (const auto dieKg = chipDieKg(site, diagnostics)) {
        e.chipDiesT = chips * *dieKg / 1e3;
    }
    e.hbmT = chips * site.it.chip.hbm.value() * in.hbmKgPerByte / 1e3;
    e.flashT =
        in.flashPerServer ? servers * in.flashPerServer->value() * in.flashKgPerByte / 1e3 : 0.0;
    e.serverRestT = servers * in.serverRestKg / 1e3;
    e.networkT = static_cast<double>(compute.switches) * in.switchKg / 1e3;
    // The building: per W of critical IT built, as construction cost is; the plant's share
    // lives as plant, the shell's as shell, cut by the low-carbon structure's stated share.
    const double buildingT =
        site.campus.halls() * site.campus.itPowerPerHall.value() * in.buildingKgPerW / 1e3;
    e.plantT = buildingT * in.plantShare;
    e.shellT = buildingT * (1.0 - in.plantShare) * (1.0 - in.shellReduction);
    const double itT = e.chipDiesT.value_or(0.0) + e.hbmT + e.flashT + e.serverRestT;
    e.totalT = itT + e.networkT + e.plantT + e.shellT;

    // Straight-line over each class's life (years): t a year.
    const auto years = [](units::Time life) { return life.value() / kSecondsPerYear; };
    e.perYearT = itT / years(in.serverLife) + e.networkT / years(in.networkLife) +
                 e.plantT / years(in.plantLife) + e.shellT / years(in.shellLife);
    completeEmbodiedYear(e, result);
    return e;
}

void completeEmbodiedYear(EmbodiedCarbonResult& e, const RunResult& result) {
    e.operationalT = result.annual.carbonLocationT;
    e.lifecycleT = e.perYearT + e.operationalT;

    const double hours = static_cast<double>(result.hourly.hours());
    for (std::size_t p = 0; p < e.kgPerPeakPflopHour.size(); ++p) {
        const auto& pflops = result.compute.peakPflops[p];
        if (pflops && *pflops > 0.0 && hours > 0.0) {
            e.kgPerPeakPflopHour[p] = e.lifecycleT * 1e3 / (*pflops * hours);
        }
    }
    // A training run has the whole deployment for its hours (model/perf/workloads.cpp): its
    // operational carbon, and the embodied carbon a year amortizes over those hours.
    if (!result.training.empty()) {
        const TrainingResult& run = result.training.front();
        e.trainingRunT = run.costs.carbonT + e.perYearT * run.hours / 8760.0;
    }
}

} // namespace headroom::model
