#include "model/report/fabric_trade_off.h"

#include <gtest/gtest.h>

namespace headroom::model {
namespace {

FabricOption option(double ratio, long long switches, double networkKw, std::optional<double> hours,
                    std::optional<double> energyMwh) {
    FabricOption o;
    o.oversubscription = ratio;
    o.switches = switches;
    o.transceivers = 100 * switches;
    o.networkPowerKw = networkKw;
    o.hours = hours;
    o.facilityEnergyMwh = energyMwh;
    return o;
}

std::vector<std::string> row(const FabricOption& o, const FabricOption& base,
                             const DisplayUnits& units) {
    std::vector<std::string> cells;
    for (const auto& column : fabricTradeOffColumns()) {
        cells.push_back(fabricTradeOffCell(column, o, base, units, englishNumberStyle()));
    }
    return cells;
}

// The table's columns and cells, worked by hand: 2:1 saves 1,200 of 2,400 kW and adds
// 12 h = 0.50 d and 1,234.4 MWh; a change that rounds away reads 0, never +0 or -0.
TEST(FabricTradeOff, ColumnsAndCellsReadAsTheTablePrintsThem) {
    const DisplayUnits si;
    std::vector<std::string> headers;
    for (const auto& column : fabricTradeOffColumns()) {
        headers.push_back(fabricTradeOffHeader(column, si));
    }
    EXPECT_EQ(headers, (std::vector<std::string>{"Leaf", "Switches", "Transceivers", "Network (kW)",
                                                 "Saved (kW)", "Time to train (d)", "Added (d)",
                                                 "Energy per run (MWh)", "Added (MWh)"}));
    const auto base = option(1.0, 1500, 2400.0, 2400.0, 100000.0);
    const auto two = option(2.0, 750, 1200.0, 2412.0, 101234.4);
    EXPECT_EQ(row(base, base, si),
              (std::vector<std::string>{"1:1", "1,500", "150,000", "2,400", "0", "100.00", "0.00",
                                        "100,000", "0"}));
    EXPECT_EQ(row(two, base, si),
              (std::vector<std::string>{"2:1", "750", "75,000", "1,200", "1,200", "100.50", "+0.50",
                                        "101,234", "+1,234"}));
    const auto almost = option(4.0, 375, 600.0, 2400.0 + 1e-6, 100000.0 - 0.4);
    const auto cells = row(almost, base, si);
    EXPECT_EQ(cells[6], "0.00");
    EXPECT_EQ(cells[8], "0");
    // IP units change nothing here: kW, MWh and days are the same in both systems.
    EXPECT_EQ(row(two, base, DisplayUnits(UnitSystem::IP)), row(two, base, si));
}

// An option no layout fits (or a 1:1 without one) has no time or energy to compare.
TEST(FabricTradeOff, AnOptionWithoutALayoutSaysSo) {
    const DisplayUnits si;
    const auto base = option(1.0, 1500, 2400.0, 2400.0, 100000.0);
    const auto none = option(4.0, 375, 600.0, std::nullopt, std::nullopt);
    EXPECT_EQ(row(none, base, si), (std::vector<std::string>{"4:1", "375", "37,500", "600", "1,800",
                                                             "no layout", "", "", ""}));
    EXPECT_EQ(row(base, none, si)[5], "no layout");
}

} // namespace
} // namespace headroom::model
