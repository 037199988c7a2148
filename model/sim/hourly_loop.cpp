#include "model/sim/hourly_loop.h"

#include "model/result/month_runs.h"

#include <span>

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
                              double scale, HourlyResults& hr, KpiSums& kpis) {
    const Climate& climate = *site.climate;
    ConstraintHoursTracker constraintHours(site);
    SeriesCursor utilization(site.it.utilization, 1.0);
    SeriesCursor carbonSeries(site.grid.carbonKgPerKwh, 0.0);
    SeriesCursor ewifSeries(site.grid.waterLPerKwh, 0.0);
    const std::size_t n = climate.hours();
    for (std::size_t begin = 0; begin < n;) {
        const std::size_t end = monthRunEnd(std::span(climate.month).first(n), begin);
        kpis.beginMonth(climate.month[begin]);
        for (std::size_t h = begin; h < end; ++h) {
            const HallHour hh = hall.evaluate(outdoorAt(climate, outdoor, h), utilization.next());
            const double carbon = carbonSeries.next();
            const double ewif = ewifSeries.next();
            // The hour's figures for the whole site, stored and summed as they are made.
            const double facilityKw = scale * hh.chain.facilityKw;
            const KpiHour x{scale * hh.it.itKw,
                            scale * hh.it.psuLossKw,
                            scale * hh.cooling.fanKw,
                            scale * hh.cooling.pumpKw,
                            scale * hh.cooling.compressorKw,
                            scale * hh.cooling.heatRejectionKw,
                            scale * hh.chain.transformerKw,
                            scale * hh.chain.upsKw,
                            scale * hh.chain.pduKw,
                            facilityKw,
                            scale * hh.cooling.evaporationL,
                            scale * hh.cooling.blowdownL,
                            scale * hh.cooling.driftL,
                            scale * hh.cooling.humidificationL,
                            carbon,
                            ewif,
                            facilityKw * carbon, // kWh in one hour x kg/kWh
                            hh.cooling.mode,
                            hh.cooling.outsideEnvelope};
            hr.itPowerKw[h] = x.itKw;
            hr.psuLossKw[h] = x.psuLossKw;
            hr.fanPowerKw[h] = x.fanKw;
            hr.pumpPowerKw[h] = x.pumpKw;
            hr.compressorPowerKw[h] = x.compressorKw;
            hr.heatRejectionPowerKw[h] = x.heatRejectionKw;
            hr.transformerLossKw[h] = x.transformerLossKw;
            hr.upsLossKw[h] = x.upsLossKw;
            hr.pduLossKw[h] = x.pduLossKw;
            hr.ancillaryPowerKw[h] = scale * hh.ancillaryKw;
            hr.facilityPowerKw[h] = facilityKw;
            hr.mode[h] = x.mode;
            hr.evaporative[h] = hh.cooling.evaporative ? 1 : 0;
            hr.outsideEnvelope[h] = x.outsideEnvelope;
            hr.evaporationL[h] = x.evaporationL;
            hr.blowdownL[h] = x.blowdownL;
            hr.driftL[h] = x.driftL;
            hr.humidificationL[h] = x.humidificationL;
            hr.gridCarbonKgPerKwh[h] = carbon;
            hr.gridWaterLPerKwh[h] = ewif;
            hr.carbonKg[h] = x.carbonKg;
            kpis.add(x, h + 1 == n || climate.day[h + 1] != climate.day[h]);
            constraintHours.observe(h, climate.day[h], hh);
        }
        kpis.endMonth(static_cast<int>(end - begin));
        begin = end;
    }
    return constraintHours.finish();
}

} // namespace headroom::model
