#include "model/result/run_result.h"

#include "model/units/display_units.h"

#include <algorithm>
#include <mutex>

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

const std::vector<HourlyField>& hourlyFields() {
    // Never destroyed: a result that dies during static destruction still walks it.
    static const auto* fields = new std::vector<HourlyField>{
        {"dry_bulb_c", &HourlyResults::dryBulbC},
        {"wet_bulb_c", &HourlyResults::wetBulbC},
        {"dew_point_c", &HourlyResults::dewPointC},
        {"it_power_kw", &HourlyResults::itPowerKw},
        {"psu_loss_kw", &HourlyResults::psuLossKw},
        {"fan_power_kw", &HourlyResults::fanPowerKw},
        {"pump_power_kw", &HourlyResults::pumpPowerKw},
        {"compressor_power_kw", &HourlyResults::compressorPowerKw},
        {"heat_rejection_power_kw", &HourlyResults::heatRejectionPowerKw},
        {"transformer_loss_kw", &HourlyResults::transformerLossKw},
        {"ups_loss_kw", &HourlyResults::upsLossKw},
        {"pdu_loss_kw", &HourlyResults::pduLossKw},
        {"ancillary_power_kw", &HourlyResults::ancillaryPowerKw},
        {"facility_power_kw", &HourlyResults::facilityPowerKw},
        {"evaporation_l", &HourlyResults::evaporationL},
        {"blowdown_l", &HourlyResults::blowdownL},
        {"drift_l", &HourlyResults::driftL},
        {"humidification_l", &HourlyResults::humidificationL},
        {"grid_carbon_kg_per_kwh", &HourlyResults::gridCarbonKgPerKwh},
        {"grid_water_l_per_kwh", &HourlyResults::gridWaterLPerKwh},
        {"carbon_kg", &HourlyResults::carbonKg},
    };
    return *fields;
}

namespace {

/// Storage of hourly series of doubles that results let go of, for the next year to take
/// (HourlyResults). Bounded: past kMaxSpare series the oldest is freed, so storage too
/// short for the years being run (a test's few hours) does not stay. Thread-safe: a batch's
/// workers take, its writer gives back.
class SeriesStore {
public:
    /// Twenty-four results' series, ~35 MB at 8,760 hours: what a plan lets go of at once
    /// (the 15-year sample's years and its platforms' runs, 17), so that the next plan
    /// reuses all of it rather than allocating, zeroing and faulting in most of its years
    /// again (BM_PlanFifteenYears: 10 % of its instructions went to zeroing); a sweep's
    /// workers and the results waiting for its writer hold fewer.
    static constexpr std::size_t kMaxSpare = 24 * 21;

    SeriesStore() { m_spare.reserve(kMaxSpare); }

    /// Each empty series of fields gets storage for `hours` from the store, the most
    /// recently given first, while it has some that is large enough.
    void take(HourlyResults& data, std::size_t hours) {
        const std::lock_guard lock(m_mutex);
        for (const HourlyField& field : hourlyFields()) {
            std::vector<double>& series = data.*field.values;
            if (series.capacity() >= hours) {
                continue;
            }
            for (std::size_t i = m_spare.size(); i-- > 0;) {
                if (m_spare[i].capacity() >= hours) {
                    series.swap(m_spare[i]);
                    m_spare[i].swap(m_spare.back()); // m_spare[i] is empty now
                    m_spare.pop_back();
                    break;
                }
            }
        }
    }

    /// Takes the storage of every series of doubles (left empty).
    void give(HourlyResults& data) noexcept {
        const std::lock_guard lock(m_mutex);
        for (const HourlyField& field : hourlyFields()) {
            std::vector<double>& series = data.*field.values;
            if (series.capacity() == 0) {
                continue;
            }
            if (m_spare.size() == kMaxSpare) {
                m_spare.erase(m_spare.begin()); // the oldest
            }
            m_spare.push_back(std::move(series)); // reserved: no allocation
            series = std::vector<double>();
        }
    }

private:
    std::mutex m_mutex;
    std::vector<std::vector<double>> m_spare;
};

SeriesStore& seriesStore() {
    // Never destroyed: a result may die after static destruction has begun.
    static auto* store = new SeriesStore;
    return *store;
}

} // namespace

HourlyResults& HourlyResults::operator=(HourlyResults&& other) noexcept {
    if (this != &other) {
        recycle();
        HourlyData::operator=(std::move(other));
    }
    return *this;
}

HourlyResults::~HourlyResults() {
    recycle();
}

void HourlyResults::recycle() noexcept {
    const auto& fields = hourlyFields();
    if (std::any_of(fields.begin(), fields.end(),
                    [&](const HourlyField& f) { return (this->*f.values).capacity() > 0; })) {
        seriesStore().give(*this);
    }
}

void HourlyResults::resize(std::size_t hours) {
    for (const HourlyField& field : hourlyFields()) {
        (this->*field.values).resize(hours);
    }
    month.resize(hours);
    day.resize(hours);
    hour.resize(hours);
    mode.resize(hours);
    evaporative.resize(hours);
    outsideEnvelope.resize(hours);
}

void HourlyResults::prepare(std::size_t hours) {
    seriesStore().take(*this, hours);
    resize(hours);
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

std::string layoutDescription(const TrainingLayout& l) {
    std::string text = "t=" + std::to_string(l.tensor) +
                       (l.context > 1 ? " c=" + std::to_string(l.context) : std::string()) +
                       " p=" + std::to_string(l.pipeline) + " d=" + std::to_string(l.data) +
                       ", micro-batch " + std::to_string(l.microBatch);
    if (l.interleave > 1) {
        text += ", " + std::to_string(l.interleave) + " chunks per stage";
    }
    text += ", " + l.recompute + " recomputation";
    if (l.fullyRecomputedLayers > 0) {
        text += " (+" + std::to_string(l.fullyRecomputedLayers) + " layers whole)";
    }
    text += ", " + l.sharding + " sharding, " +
            formatFixed(static_cast<double>(l.chipsUsed), 0, englishNumberStyle()) + " chips";
    return text;
}

} // namespace headroom::model
