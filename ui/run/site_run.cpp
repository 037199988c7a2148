#include "ui/run/site_run.h"

#include "model/core/text_file.h"
#include "model/plan/plan.h"
#include "model/run/run_service.h"
#include "model/site/site_writer.h"

#include <QFileInfo>

#include <optional>

namespace headroom::ui {

namespace {

nlohmann::json toModelJson(const Json& document) {
    // The model keeps plain nlohmann::json; key order is the writer's concern.
    return nlohmann::json::parse(document.dump(-1, ' ', false, Json::error_handler_t::replace));
}

std::filesystem::path baseDirOf(const QString& sitePath) {
    return sitePath.isEmpty()
               ? std::filesystem::current_path()
               : std::filesystem::path(QFileInfo(sitePath).absolutePath().toStdString());
}

/// The file's text when it holds exactly `document` (the user has not edited it since it
/// was read or saved): then diagnostics can keep the file's lines and columns.
std::optional<QByteArray> unchangedFileText(const Json& document, const QString& sitePath) {
    if (sitePath.isEmpty()) {
        return std::nullopt;
    }
    // The bounded reader: the file may have become a FIFO or a folder since it was opened.
    model::TextFile file = model::readTextFile(sitePath.toStdString());
    if (file.status != model::TextFile::Status::Ok) {
        return std::nullopt;
    }
    const auto onDisk = parseJsonValue(file.text);
    if (!onDisk || *onDisk != document) {
        return std::nullopt;
    }
    return QByteArray::fromStdString(file.text);
}

} // namespace

model::SiteLoad readEditedSite(const Json& document, const QString& sitePath) {
    const std::string fileName =
        sitePath.isEmpty() ? std::string("untitled.json") : sitePath.toStdString();
    if (const auto text = unchangedFileText(document, sitePath)) {
        return model::readSiteText(
            std::string_view(text->constData(), static_cast<std::size_t>(text->size())), fileName,
            baseDirOf(sitePath));
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
    // The one run service the CLI and the batch runner use; its climate cache makes a
    // rerun after an edit skip re-reading the weather.
    static model::RunService service;
    RunOutcome outcome;
    model::SiteSource source;
    source.fileName = sitePath.isEmpty() ? std::string("untitled.json") : sitePath.toStdString();
    source.baseDir = baseDirOf(sitePath);
    source.document = toModelJson(document);
    const auto unchanged = unchangedFileText(document, sitePath);
    const bool edited = !unchanged;
    source.text = edited ? model::writeSiteText(source.document) : unchanged->toStdString();
    model::ScenarioRun run = service.run(source, {}, feedback);
    for (model::Diagnostic diagnostic : run.diagnostics.items()) {
        if (edited) {
            // Lines of a text the user never saw would mislead; the pointer says where.
            diagnostic.line = 0;
            diagnostic.column = 0;
        }
        outcome.diagnostics.add(std::move(diagnostic));
    }
    if (!run.result || !run.scenario) {
        return outcome;
    }
    outcome.diagnostics.append(run.result->diagnostics);
    outcome.result = std::make_shared<const model::RunResult>(std::move(*run.result));
    // The site lives inside the scenario: share its ownership rather than copy it.
    outcome.site = std::shared_ptr<const model::Site>(run.scenario, &run.scenario->site);
    // The plan's years, through the same runner as headroom-cli plan: its progress runs
    // over the years, and a newer edit cancels it between years.
    if (run.scenario->site.plan && !feedback.isCanceled()) {
        outcome.plan =
            std::make_shared<const model::PlanResult>(model::runPlan(*run.scenario, feedback));
    }
    return outcome;
}

} // namespace headroom::ui
