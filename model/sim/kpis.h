#pragma once
// Monthly and annual key figures from the hourly series, after the definitions of
// PUE [iso-30134-2] [greengrid-wp49-pue], pPUE, WUE site [iso-30134-9] and source (site
// water + EWIF x facility energy [greengrid-wp35-wue]), CUE [iso-30134-8],
// location- and market-based carbon (GHG Protocol Scope 2 guidance [ghg-2015-scope2]), annualized
// MLC and ELC (ASHRAE 90.4 [ashrae-90-4-2019], as energy ratios over the year). IT energy is taken
// at the rack input (IT + PSU losses), where ISO/IEC 30134-2 measures it.
//
// The figures are sums over the hours, kept by KpiSums. The hourly loop adds each hour as it
// makes it (the series are not read back); computeKpis adds the hours of series made
// otherwise (a plan's platforms summed hour by hour). Either way the same additions in the
// same order: the same bits.

#include "model/result/run_result.h"
#include "model/site/site.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>

namespace headroom::model {

/// One hour's figures the KPIs sum: site totals, as the hourly series hold them (kW over
/// one hour, L, kg).
struct KpiHour {
    double itKw = 0.0, psuLossKw = 0.0;
    double fanKw = 0.0, pumpKw = 0.0, compressorKw = 0.0, heatRejectionKw = 0.0;
    double transformerLossKw = 0.0, upsLossKw = 0.0, pduLossKw = 0.0;
    double facilityKw = 0.0;
    double evaporationL = 0.0, blowdownL = 0.0, driftL = 0.0, humidificationL = 0.0;
    double gridCarbonKgPerKwh = 0.0, gridWaterLPerKwh = 0.0, carbonKg = 0.0;
    CoolingMode mode = CoolingMode::FreeCooling;
    EnvelopeExcursion outsideEnvelope = EnvelopeExcursion::Inside;
};

/// The year's sums, hour by hour, into monthly and annual (which it resets). The hours of
/// a month come in runs (one a month for a calendar year): beginMonth, add each hour in
/// order, endMonth; then finish. A run's sums are kept in the object, started from what
/// the month holds and written back at its end: the same additions in the same hour order
/// as summing into the month's slots hour by hour, without indexing them every hour.
class KpiSums {
public:
    /// renewableFraction and residualKgPerKwh (none: the location-based intensity) set
    /// market-based carbon.
    KpiSums(double renewableFraction, std::optional<double> residualKgPerKwh,
            MonthlyResults& monthly, AnnualResults& annual);

    /// Starts a run of hours of a month (1-12; out of range: the nearest).
    void beginMonth(int month);
    /// The next hour; dayEnds when it is its day's last (the next hour's day differs, or
    /// it is the year's last).
    void add(const KpiHour& hour, bool dayEnds);
    /// Ends the run started by beginMonth, of `hours` hours.
    void endMonth(int hours);
    /// The monthly and annual figures from the sums (except the design-hour figures).
    void finish();

private:
    MonthlyResults& m_mo;
    AnnualResults& m_an;
    double m_marketShare;
    std::optional<double> m_residualKgPerKwh;
    Monthly m_itKwh{}, m_waterL{}, m_gridL{};
    std::array<int, 12> m_hoursInMonth{};
    double m_lossKwh = 0.0, m_mechKwh = 0.0; // mechanical energy: cooling's pPUE and MLC
    double m_peakFacilityKw = 0.0, m_peakItKw = 0.0;
    // Water-free days: a day counts when none of its hours used water.
    int m_runDays = 0, m_dayWaterHours = 0, m_dayHours = 0;
    double m_dayWaterL = 0.0, m_dayItKwh = 0.0;
    // The run's month and its sums (kWh, L and kg; MWh, m3 and t once in finish()).
    std::size_t m_month = 0;
    double m_it = 0.0, m_grid = 0.0, m_facility = 0.0, m_mechanical = 0.0, m_electrical = 0.0;
    double m_carbonLocation = 0.0, m_carbonMarket = 0.0;
    double m_water = 0.0, m_evaporation = 0.0, m_blowdown = 0.0, m_drift = 0.0;
    double m_humidification = 0.0;
    int m_waterHours = 0, m_tooDry = 0, m_tooHumid = 0;
};

// Inline: the hourly loop adds every hour.
inline void KpiSums::add(const KpiHour& x, bool dayEnds) {
    // Energy and carbon. IT energy is summed once: the monthly IT energy and the IT kWh of
    // the ratios are the same sum.
    const double rackKw = x.itKw + x.psuLossKw;
    const double mechanicalKw = x.fanKw + x.pumpKw + x.compressorKw + x.heatRejectionKw;
    const double electricalKw = x.transformerLossKw + x.upsLossKw + x.pduLossKw;
    const double facilityKw = x.facilityKw;
    const double marketIntensity = m_residualKgPerKwh.value_or(x.gridCarbonKgPerKwh);
    m_it += rackKw;
    m_grid += x.gridWaterLPerKwh * facilityKw; // EWIF x facility energy
    m_facility += facilityKw;
    m_mechanical += mechanicalKw;
    m_electrical += electricalKw;
    m_carbonLocation += x.carbonKg;
    // Market-based: the renewable share (contracts) at zero, the rest at the residual mix.
    m_carbonMarket += facilityKw * m_marketShare * marketIntensity;
    m_mechKwh += mechanicalKw;
    m_lossKwh += electricalKw;
    m_peakFacilityKw = std::max(m_peakFacilityKw, facilityKw);
    m_peakItKw = std::max(m_peakItKw, rackKw);
    // Water, the days, the modes and the envelope.
    const double water = x.evaporationL + x.blowdownL + x.driftL + x.humidificationL;
    m_water += water;
    m_evaporation += x.evaporationL;
    m_blowdown += x.blowdownL;
    m_drift += x.driftL;
    m_humidification += x.humidificationL;
    if (water > 0.0) {
        ++m_waterHours;
        ++m_dayWaterHours;
    }
    m_dayWaterL += water;
    m_dayItKwh += rackKw;
    ++m_an.modeHours[static_cast<std::size_t>(x.mode)];
    if (x.outsideEnvelope != EnvelopeExcursion::Inside) {
        ++(x.outsideEnvelope == EnvelopeExcursion::TooDry ? m_tooDry : m_tooHumid);
    }
    ++m_dayHours;
    if (dayEnds) {
        if (m_dayWaterHours == 0 && m_dayHours > 0) {
            ++m_runDays;
            m_an.longestWaterFreeRunDays = std::max(m_an.longestWaterFreeRunDays, m_runDays);
        } else {
            m_runDays = 0;
        }
        if (m_dayWaterL / 1e3 > m_an.waterMaxDayM3) {
            m_an.waterMaxDayM3 = m_dayWaterL / 1e3;
            m_an.waterMaxDayItMwh = m_dayItKwh / 1e3;
        }
        m_dayWaterHours = 0;
        m_dayHours = 0;
        m_dayWaterL = 0.0;
        m_dayItKwh = 0.0;
    }
}

/// Fills result.monthly and result.annual (except the design-hour figures) from
/// result.hourly, through KpiSums. renewableFraction and residualKgPerKwh (none: the
/// location-based intensity) set market-based carbon.
void computeKpis(double renewableFraction, std::optional<double> residualKgPerKwh,
                 RunResult& result);

} // namespace headroom::model
