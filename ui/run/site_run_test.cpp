// The desktop gets the physics guards' diagnostics from the same reader and run service as
// the CLI and the batch (issue 10): the property editor's check names the field, and a run
// of an impossible document gives no result, only the message.
#include "ui/run/site_run.h"

#include "model/core/feedback.h"

#include <gtest/gtest.h>

#include <fstream>

namespace headroom::ui {
namespace {

const QString kIndiana =
    QStringLiteral(HEADROOM_SOURCE_DIR "/sample_sites/st-joseph-county-in.json");

Json indiana() {
    std::ifstream in(kIndiana.toStdString());
    return Json::parse(in);
}

std::string errorsOf(const RunOutcome& outcome) {
    std::string text;
    for (const auto& d : outcome.diagnostics.items()) {
        if (d.severity == model::Severity::Error) {
            text += d.pointer + ": " + d.message + "\n";
        }
    }
    return text;
}

TEST(SiteRun, ADewPointLimitAboveTheSupplyLimitIsRefusedAtItsField) {
    Json document = indiana();
    const QString pointer = QStringLiteral("/cooling/supply_air/max_dew_point");
    const std::string message =
        "expected a dew point at or below the supply maximum \"27 degC\" "
        "(/cooling/supply_air/max): air is never below its dew point, got \"30 degC\"";
    const auto checked = checkFieldValue(document, kIndiana, pointer, "30 degC");
    ASSERT_TRUE(checked);
    EXPECT_EQ(checked->toStdString(), message);

    document[Json::json_pointer(pointer.toStdString())] = "30 degC";
    model::Feedback feedback;
    const RunOutcome outcome = runSiteDocument(document, kIndiana, feedback);
    EXPECT_FALSE(outcome.result);
    EXPECT_EQ(errorsOf(outcome), pointer.toStdString() + ": " + message + "\n");
}

TEST(SiteRun, ADeploymentTheSiteCannotHoldIsRefused) {
    Json document = indiana();
    document["it"]["ultraservers"] = 10000000;
    model::Feedback feedback;
    const RunOutcome outcome = runSiteDocument(document, kIndiana, feedback);
    EXPECT_FALSE(outcome.result);
    EXPECT_TRUE(errorsOf(outcome).starts_with(
        "/it/ultraservers: 10000000 UltraServers need 41667 halls; the site has 28\n"))
        << errorsOf(outcome);
}

} // namespace
} // namespace headroom::ui
