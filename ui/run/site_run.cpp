#include "ui/run/site_run.h"

#include "model/core/sha256.h"
#include "model/run/scenario_overrides.h"
#include "model/sim/simulate.h"

#include <QFile>
#include <QFileInfo>

namespace headroom::ui {

namespace {

nlohmann::json toModelJson(const Json& document) {
    // The model keeps plain nlohmann::json; key order is the writer's concern.
    return nlohmann::json::parse(document.dump());
}

std::filesystem::path baseDirOf(const QString& sitePath) {
    return sitePath.isEmpty()
               ? std::filesystem::current_path()
               : std::filesystem::path(QFileInfo(sitePath).absolutePath().toStdString());
}

} // namespace

model::SiteLoad readEditedSite(const Json& document, const QString& sitePath) {
    const std::string fileName =
        sitePath.isEmpty() ? std::string("untitled.json") : sitePath.toStdString();
    if (!sitePath.isEmpty()) {
        QFile file(sitePath);
        if (file.open(QIODevice::ReadOnly)) {
            const QByteArray text = file.readAll();
            const Json onDisk = Json::parse(text.begin(), text.end(), nullptr, false);
            if (!onDisk.is_discarded() && onDisk == document) {
                return model::readSiteText(
                    std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
                    fileName, baseDirOf(sitePath));
            }
        }
    }
    return model::readSiteDocument(toModelJson(document), fileName, baseDirOf(sitePath));
}

std::optional<QString> checkFieldValue(const Json& document, const QString& sitePath,
                                       const QString& pointer, const Json& value) {
    Json candidate = document;
    try {
        candidate[Json::json_pointer(pointer.toStdString())] = value;
    } catch (const Json::exception& error) {
        return QString::fromUtf8(error.what());
    }
    const model::SiteLoad load = readEditedSite(candidate, sitePath);
    const std::string target = pointer.toStdString();
    for (const model::Diagnostic& d : load.diagnostics.items()) {
        if (d.severity != model::Severity::Error) {
            continue;
        }
        if (d.pointer == target || d.pointer.rfind(target + "/", 0) == 0) {
            return QString::fromStdString(d.message);
        }
    }
    return std::nullopt;
}

RunOutcome runSiteDocument(const Json& document, const QString& sitePath,
                           model::Feedback& feedback) {
    RunOutcome outcome;
    model::SiteLoad load = readEditedSite(document, sitePath);
    outcome.diagnostics = load.diagnostics;
    if (!load.site || load.diagnostics.hasErrors() || feedback.isCanceled()) {
        return outcome;
    }
    // Named like the CLI's runs: the SHA-256 of the canonical document.
    model::Scenario scenario{std::move(*load.site),
                             model::sha256Hex(model::canonicalDocument(toModelJson(document)))};
    auto result = std::make_shared<model::RunResult>(model::simulate(scenario, feedback));
    result->utcOffsetHours = scenario.site.location.utcOffsetHours;
    if (result->siteName.empty()) {
        result->siteName = scenario.site.name;
    }
    outcome.diagnostics.append(result->diagnostics);
    outcome.site = std::make_shared<const model::Site>(std::move(scenario.site));
    outcome.result = std::move(result);
    return outcome;
}

} // namespace headroom::ui
