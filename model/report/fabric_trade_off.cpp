#include "model/report/fabric_trade_off.h"

namespace headroom::model {

namespace {

using Figure = std::optional<double>;

/// Present when both the option and 1:1 have a layout: a change needs both, and an
/// option's own time beside a missing 1:1 would compare with nothing.
bool laidOut(const FabricOption& o, const FabricOption& base) {
    return o.hours && base.hours && o.facilityEnergyMwh && base.facilityEnergyMwh;
}

} // namespace

const std::vector<FabricTradeOffColumn>& fabricTradeOffColumns() {
    using K = FigureKind;
    static const std::vector<FabricTradeOffColumn> columns{
        {"Leaf", K::Ratio, 0, false, ":1", "",
         [](const FabricOption& o, const FabricOption&) -> Figure { return o.oversubscription; }},
        {"Switches", K::Count, 0, false, "", "",
         [](const FabricOption& o, const FabricOption&) -> Figure {
             return static_cast<double>(o.switches);
         }},
        {"Transceivers", K::Count, 0, false, "", "",
         [](const FabricOption& o, const FabricOption&) -> Figure {
             return static_cast<double>(o.transceivers);
         }},
        {"Network", K::PowerKw, 0, false, "", "",
         [](const FabricOption& o, const FabricOption&) -> Figure { return o.networkPowerKw; }},
        {"Saved", K::PowerKw, 0, false, "", "",
         [](const FabricOption& o, const FabricOption& base) -> Figure {
             return base.networkPowerKw - o.networkPowerKw;
         }},
        {"Time to train", K::Days, 2, false, "", "no layout",
         [](const FabricOption& o, const FabricOption& base) -> Figure {
             return laidOut(o, base) ? Figure(*o.hours / 24.0) : std::nullopt;
         }},
        {"Added", K::Days, 2, true, "", "",
         [](const FabricOption& o, const FabricOption& base) -> Figure {
             return laidOut(o, base) ? Figure((*o.hours - *base.hours) / 24.0) : std::nullopt;
         }},
        {"Energy per run", K::EnergyMwh, 0, false, "", "",
         [](const FabricOption& o, const FabricOption& base) -> Figure {
             return laidOut(o, base) ? o.facilityEnergyMwh : std::nullopt;
         }},
        {"Added", K::EnergyMwh, 0, true, "", "",
         [](const FabricOption& o, const FabricOption& base) -> Figure {
             return laidOut(o, base) ? Figure(*o.facilityEnergyMwh - *base.facilityEnergyMwh)
                                     : std::nullopt;
         }},
    };
    return columns;
}

std::string fabricTradeOffHeader(const FabricTradeOffColumn& column, const DisplayUnits& units) {
    const std::string unit = units.unit(column.kind);
    return unit.empty() ? column.label : column.label + " (" + unit + ")";
}

std::string fabricTradeOffCell(const FabricTradeOffColumn& column, const FabricOption& option,
                               const FabricOption& base, const DisplayUnits& units,
                               const NumberStyle& style) {
    const Figure figure = column.get(option, base);
    if (!figure) {
        return column.absent;
    }
    std::string text = formatValue(*figure, column.kind, column.decimals, units, style);
    // An increase reads "+0.35"; a change that rounds away reads as plain zero.
    if (column.change && *figure > 0.0 &&
        text != formatValue(0.0, column.kind, column.decimals, units, style)) {
        text = "+" + text;
    }
    return text + column.suffix;
}

} // namespace headroom::model
