#include "model/result/run_result.h"

namespace headroom::model {

// These names are the machine contract: CSV values, JSON summary keys and SQLite columns.
const char* coolingModeName(CoolingMode mode) {
    switch (mode) {
    case CoolingMode::Recirculation:
        return "recirculation";
    case CoolingMode::FreeCooling:
        return "free_cooling";
    case CoolingMode::Evaporative:
        return "evaporative";
    case CoolingMode::PartialMechanical:
        return "partial_mechanical";
    case CoolingMode::Mechanical:
        return "mechanical";
    }
    return "unknown";
}

RunInputs RunInputs::of(const Site& site) {
    RunInputs inputs;
    inputs.location = site.location;
    if (site.climate) {
        inputs.station = site.climate->station;
    }
    inputs.climateNote = site.climateNote;
    inputs.gridRegion = site.grid.region;
    inputs.coolingDesign = site.cooling.design;
    if (site.cooling.liquid) {
        inputs.liquidItShare = site.cooling.liquid->itShare;
    }
    inputs.envelope = site.cooling.envelope;
    inputs.halls = site.campus.halls();
    inputs.floorAreaPerHall = site.campus.floorAreaPerHall;
    inputs.platformId = site.it.platform.id;
    return inputs;
}

const char* constraintName(Constraint constraint) {
    switch (constraint) {
    case Constraint::UtilityInterconnect:
        return "utility_interconnect";
    case Constraint::HallPower:
        return "hall_power";
    case Constraint::RackPositions:
        return "rack_positions";
    case Constraint::Cooling:
        return "cooling";
    case Constraint::WaterSupply:
        return "water_supply";
    }
    return "unknown";
}

} // namespace headroom::model
