// The verdict in words: the binding constraint, the next one, and what relieving the
// binding one buys, from a run's per-constraint IT limits.
#include "model/report/verdict.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

RunResult limitedBy(std::array<OptionalMw, kConstraintCount> limits, Constraint binding,
                    int ultraServers) {
    RunResult result;
    result.siteName = "Verdict test";
    result.capacity.maxItMw = limits;
    result.capacity.binding = binding;
    result.capacity.maxUltraServers = ultraServers;
    return result;
}

TEST(Verdict, RelievingTheBindingLimitBuysTheGapToTheNextOne) {
    // Hall power 150 MW holds 1000 UltraServers (0.15 MW each at the design hour); the
    // interconnect allows 180 MW: +30 MW, and 30 / 0.15 = 200 UltraServers more.
    const RunResult result =
        limitedBy({180.0, 150.0, 200.0, std::nullopt, std::nullopt}, Constraint::HallPower, 1000);
    const auto relief = reliefOf(result);
    ASSERT_TRUE(relief);
    EXPECT_EQ(relief->next, Constraint::UtilityInterconnect);
    EXPECT_DOUBLE_EQ(relief->gainedItMw, 30.0);
    EXPECT_EQ(relief->gainedUltraServers, 200);
    EXPECT_EQ(verdictText(result, DisplayUnits(), englishNumberStyle()),
              "Hall power binds at 150.0 MW of IT (1,000 UltraServers). Next: utility "
              "interconnect at 180.0 MW. Relieving hall power buys +30.0 MW of IT, about +200 "
              "UltraServers, until utility interconnect binds.");
}

TEST(Verdict, NothingElseLimitingAndNoLimitAtAllAreSaidSo) {
    const RunResult alone = limitedBy(
        {std::nullopt, 50.0, std::nullopt, std::nullopt, std::nullopt}, Constraint::HallPower, 300);
    EXPECT_FALSE(reliefOf(alone)->next);
    EXPECT_NE(verdictText(alone, DisplayUnits(), englishNumberStyle())
                  .find("Nothing else in the model limits the site"),
              std::string::npos);
    const RunResult none = limitedBy({}, Constraint::UtilityInterconnect, 0);
    EXPECT_FALSE(reliefOf(none));
    // Two limits equal: relieving one alone buys nothing.
    const RunResult tied = limitedBy({90.0, 90.0, std::nullopt, std::nullopt, std::nullopt},
                                     Constraint::UtilityInterconnect, 600);
    EXPECT_EQ(reliefOf(tied)->gainedUltraServers, 0);
    EXPECT_NE(verdictText(tied, DisplayUnits(), englishNumberStyle()).find("Both bind together"),
              std::string::npos);
}

TEST(Verdict, AReportIsNamedByItsSiteAndScenario) {
    RunResult result;
    result.siteName = "St. Joseph County, IN";
    result.scenarioHash = "0adb40df9c1e";
    EXPECT_EQ(reportFileStem(result), "st-joseph-county-in-0adb40df");
    EXPECT_EQ(siteSlug("  --  "), "site");
    result.annual.carbonLocationT = 100.0;
    result.annual.carbonMarketT = 100.0;
    EXPECT_NE(carbonBasisText(result).find("no renewable contract"), std::string::npos);
    result.annual.carbonMarketT = 60.0;
    EXPECT_EQ(carbonBasisText(result), "");
}

// Issue 18: the first page lists the risks a run found, and flags an edited scenario.
TEST(Verdict, RisksNameTheLimitOverrunTheEnvelopeHoursAndTheWarnings) {
    RunResult result =
        limitedBy({180.0, 150.0, 200.0, std::nullopt, std::nullopt}, Constraint::HallPower, 1000);
    const DisplayUnits si;
    EXPECT_TRUE(riskTexts(result, si, englishNumberStyle()).empty());
    result.capacity.headroomMw[static_cast<std::size_t>(Constraint::HallPower)] = -13.25;
    result.annual.hoursOutsideEnvelope = 1234;
    result.annual.hoursTooDry = 1200;
    result.annual.hoursTooHumid = 34;
    for (int i = 0; i < 6; ++i) {
        Diagnostic d;
        d.severity = Severity::Warning;
        d.pointer = "/campus/hall/it_power";
        d.message = "warning " + std::to_string(i);
        result.diagnostics.add(d);
    }
    const auto risks = riskTexts(result, si, englishNumberStyle());
    ASSERT_EQ(risks.size(), 7u); // the overrun, the envelope, 4 warnings, "2 more"
    EXPECT_EQ(risks[0], "Hall power is over its limit by 13.3 MW of design-hour IT.");
    EXPECT_EQ(risks[1].rfind("1,234 hours outside the supply envelope's humidity limits (1,200 "
                             "too dry, 34 too humid)",
                             0),
              0u);
    EXPECT_EQ(risks[2], "Warning at /campus/hall/it_power: warning 0");
    EXPECT_EQ(risks[6], "2 more warnings, listed under Warnings.");
}

TEST(Verdict, AnEditedScenarioNamesWhereItDiffersFromItsFile) {
    EXPECT_EQ(editedScenarioText({"/cooling/supply_air/max", "/it/ultraservers"}),
              "Edited scenario \u2014 differs from the saved file in: /cooling/supply_air/max, "
              "/it/ultraservers. The figures and assumptions are the edited values'.");
    EXPECT_NE(editedScenarioText({}).find("not saved to a file"), std::string::npos);
}

} // namespace
} // namespace headroom::model
