#include "model/sim/hourly_loop.h"

namespace headroom::model {

namespace {

/// Walks an hourly series hour by hour, repeating it when shorter than the year (a
/// constant, a 24-hour profile); a fallback when empty.
class SeriesCursor {
public:
    SeriesCursor(const HourlySeries& series, double fallback)
        : m_values(series.values.empty() ? nullptr : series.values.data())
        , m_size(series.values.size())
        , m_fallback(fallback) {}
    double next() {
        if (m_values == nullptr) {
            return m_fallback;
        }
        const double v = m_values[m_index];
        if (++m_index == m_size) {
            m_index = 0;
        }
        return v;
    }

private:
    const double* m_values;
    std::size_t m_size;
    std::size_t m_index = 0;
    double m_fallback;
};

} // namespace

ConstraintHours simulateHours(const Site& site, HallModel& hall, const OutdoorSeries& outdoor,
                              double scale, HourlyResults& hr) {
    const Climate& climate = *site.climate;
    ConstraintHoursTracker constraintHours(site);
    SeriesCursor utilization(site.it.utilization, 1.0);
    SeriesCursor carbonSeries(site.grid.carbonKgPerKwh, 0.0);
    SeriesCursor ewifSeries(site.grid.waterLPerKwh, 0.0);
    const std::size_t n = climate.hours();
    for (std::size_t h = 0; h < n; ++h) {
        const HallHour hh = hall.evaluate(outdoorAt(climate, outdoor, h), utilization.next());
        const double carbon = carbonSeries.next();
        const double ewif = ewifSeries.next();
        hr.itPowerKw[h] = scale * hh.it.itKw;
        hr.psuLossKw[h] = scale * hh.it.psuLossKw;
        hr.fanPowerKw[h] = scale * hh.cooling.fanKw;
        hr.pumpPowerKw[h] = scale * hh.cooling.pumpKw;
        hr.compressorPowerKw[h] = scale * hh.cooling.compressorKw;
        hr.heatRejectionPowerKw[h] = scale * hh.cooling.heatRejectionKw;
        hr.transformerLossKw[h] = scale * hh.chain.transformerKw;
        hr.upsLossKw[h] = scale * hh.chain.upsKw;
        hr.pduLossKw[h] = scale * hh.chain.pduKw;
        hr.ancillaryPowerKw[h] = scale * hh.ancillaryKw;
        const double facilityKw = scale * hh.chain.facilityKw;
        hr.facilityPowerKw[h] = facilityKw;
        hr.mode[h] = hh.cooling.mode;
        hr.evaporative[h] = hh.cooling.evaporative ? 1 : 0;
        hr.outsideEnvelope[h] = hh.cooling.outsideEnvelope;
        hr.evaporationL[h] = scale * hh.cooling.evaporationL;
        hr.blowdownL[h] = scale * hh.cooling.blowdownL;
        hr.driftL[h] = scale * hh.cooling.driftL;
        hr.humidificationL[h] = scale * hh.cooling.humidificationL;
        hr.gridCarbonKgPerKwh[h] = carbon;
        hr.gridWaterLPerKwh[h] = ewif;
        hr.carbonKg[h] = facilityKw * carbon; // kWh in one hour x kg/kWh
        constraintHours.observe(h, climate.day[h], hh);
    }
    return constraintHours.finish();
}

} // namespace headroom::model
