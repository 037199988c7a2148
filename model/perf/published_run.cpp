#include "model/perf/published_run.h"

namespace headroom::model {

namespace {

void reject(Diagnostics& diagnostics, const char* pointer, std::string message) {
    diagnostics.add(Diagnostic{"", 0, 0, pointer, Severity::Error, DiagnosticKind::Meaning,
                               std::move(message)});
}

} // namespace

std::optional<PublishedRunResult> evaluatePublishedRun(const PublishedRun& run,
                                                       Diagnostics& diagnostics) {
    const auto before = diagnostics.count(Severity::Error);
    if (!run.itEnergy) {
        if (run.accelerators <= 0.0) {
            reject(diagnostics, "accelerators", "the number of accelerators must be positive");
        }
        if (run.duration.value() <= 0.0) {
            reject(diagnostics, "hours", "the run's duration must be positive");
        }
        if (run.averagePower.value() <= 0.0) {
            reject(diagnostics, "power", "the average power must be positive");
        }
    } else if (run.itEnergy->value() <= 0.0) {
        reject(diagnostics, "it-energy", "the IT energy must be positive");
    }
    if (!(run.pue >= 1.0)) {
        reject(diagnostics, "pue", "PUE is total over IT energy and cannot be below 1");
    }
    if (run.carbonIntensity.value() < 0.0) {
        reject(diagnostics, "carbon", "the carbon intensity cannot be negative");
    }
    if ((run.wue && run.wue->value() < 0.0) || (run.ewif && run.ewif->value() < 0.0)) {
        reject(diagnostics, run.wue && run.wue->value() < 0.0 ? "wue" : "ewif",
               "a water intensity cannot be negative");
    }
    if (diagnostics.count(Severity::Error) > before) {
        return std::nullopt;
    }

    PublishedRunResult out;
    // Patterson et al. 2021, Table 4: energy = accelerators x hours x average power.
    out.itEnergy =
        run.itEnergy ? *run.itEnergy : run.accelerators * run.averagePower * run.duration;
    out.facilityEnergy = out.itEnergy * run.pue; // PUE: The Green Grid, ISO/IEC 30134-2
    out.carbon = out.facilityEnergy * run.carbonIntensity;
    // Li et al.: on-site water = IT energy x WUE; off-site = IT energy x PUE x EWIF.
    out.onSiteWater = run.wue ? out.itEnergy * *run.wue : units::Volume();
    out.offSiteWater = run.ewif ? out.itEnergy * run.pue * *run.ewif : units::Volume();
    return out;
}

} // namespace headroom::model
