#include "model/sim/kpis.h"

#include "model/result/month_runs.h"

#include <algorithm>
#include <span>

namespace headroom::model {

KpiSums::KpiSums(double renewableFraction, std::optional<double> residualKgPerKwh,
                 MonthlyResults& monthly, AnnualResults& annual)
    : m_mo(monthly)
    , m_an(annual)
    , m_marketShare(1.0 - renewableFraction)
    , m_residualKgPerKwh(residualKgPerKwh) {
    m_mo = MonthlyResults{};
    m_an = AnnualResults{};
}

void KpiSums::beginMonth(int month) {
    m_month = static_cast<std::size_t>(std::clamp(month, 1, 12) - 1);
    const std::size_t m = m_month;
    m_it = m_itKwh[m];
    m_grid = m_gridL[m];
    m_facility = m_mo.facilityEnergyMwh[m];
    m_mechanical = m_mo.mechanicalEnergyMwh[m];
    m_electrical = m_mo.electricalLossMwh[m];
    m_carbonLocation = m_mo.carbonLocationT[m];
    m_carbonMarket = m_mo.carbonMarketT[m];
    m_water = m_waterL[m];
    m_evaporation = m_mo.evaporationM3[m];
    m_blowdown = m_mo.blowdownM3[m];
    m_drift = m_mo.driftM3[m];
    m_humidification = m_mo.humidificationM3[m];
    m_waterHours = 0;
    m_tooDry = 0;
    m_tooHumid = 0;
}

void KpiSums::endMonth(int hours) {
    const std::size_t m = m_month;
    // Counts of whole hours: adding them at once is exact.
    m_hoursInMonth[m] += hours;
    m_an.waterFreeHours += hours - m_waterHours;
    m_mo.waterHours[m] += m_waterHours;
    m_mo.hoursTooDry[m] += m_tooDry;
    m_mo.hoursTooHumid[m] += m_tooHumid;
    m_mo.hoursOutsideEnvelope[m] += m_tooDry + m_tooHumid;
    m_an.hoursTooDry += m_tooDry;
    m_an.hoursTooHumid += m_tooHumid;
    m_an.hoursOutsideEnvelope += m_tooDry + m_tooHumid;
    m_itKwh[m] = m_mo.itEnergyMwh[m] = m_it;
    m_waterL[m] = m_water;
    m_gridL[m] = m_grid;
    m_mo.facilityEnergyMwh[m] = m_facility;
    m_mo.mechanicalEnergyMwh[m] = m_mechanical;
    m_mo.electricalLossMwh[m] = m_electrical;
    m_mo.evaporationM3[m] = m_evaporation;
    m_mo.blowdownM3[m] = m_blowdown;
    m_mo.driftM3[m] = m_drift;
    m_mo.humidificationM3[m] = m_humidification;
    m_mo.carbonLocationT[m] = m_carbonLocation;
    m_mo.carbonMarketT[m] = m_carbonMarket;
}

void KpiSums::finish() {
    MonthlyResults& mo = m_mo;
    AnnualResults& an = m_an;
    const Monthly& itKwh = m_itKwh;
    const Monthly& waterL = m_waterL;
    const Monthly& gridL = m_gridL;
    const std::array<int, 12>& hoursInMonth = m_hoursInMonth;
    const double lossKwh = m_lossKwh, mechKwh = m_mechKwh;
    const double peakFacilityKw = m_peakFacilityKw, peakItKw = m_peakItKw;

    for (std::size_t m = 0; m < 12; ++m) {
        mo.facilityEnergyMwh[m] /= 1e3;
        mo.itEnergyMwh[m] /= 1e3;
        mo.mechanicalEnergyMwh[m] /= 1e3;
        mo.electricalLossMwh[m] /= 1e3;
        mo.evaporationM3[m] /= 1e3;
        mo.blowdownM3[m] /= 1e3;
        mo.driftM3[m] /= 1e3;
        mo.humidificationM3[m] /= 1e3;
        mo.carbonLocationT[m] /= 1e3;
        mo.carbonMarketT[m] /= 1e3;
    }
    double itTotalKwh = 0.0, waterTotalL = 0.0, gridTotalL = 0.0;
    for (std::size_t m = 0; m < 12; ++m) {
        const double facilityKwh = mo.facilityEnergyMwh[m] * 1e3;
        mo.waterM3[m] = waterL[m] / 1e3;
        if (itKwh[m] > 0.0) {
            mo.pue[m] = facilityKwh / itKwh[m];
            mo.wueSiteLPerKwh[m] = waterL[m] / itKwh[m];
            mo.wueSourceLPerKwh[m] = (waterL[m] + gridL[m]) / itKwh[m];
        }
        if (hoursInMonth[m] > 0 && waterL[m] == 0.0) {
            an.zeroWaterMonths.push_back(static_cast<int>(m) + 1);
        }
        itTotalKwh += itKwh[m];
        waterTotalL += waterL[m];
        gridTotalL += gridL[m];
        an.facilityEnergyMwh += mo.facilityEnergyMwh[m];
        an.carbonLocationT += mo.carbonLocationT[m];
        an.carbonMarketT += mo.carbonMarketT[m];
    }
    an.itEnergyMwh = itTotalKwh / 1e3;
    an.waterM3 = waterTotalL / 1e3;
    an.gridWaterM3 = gridTotalL / 1e3;
    an.peakFacilityMw = peakFacilityKw / 1e3;
    an.peakItMw = peakItKw / 1e3;
    if (itTotalKwh > 0.0) {
        an.pue = an.facilityEnergyMwh * 1e3 / itTotalKwh;     // ISO/IEC 30134-2
        an.ppueCooling = (itTotalKwh + mechKwh) / itTotalKwh; // pPUE, Green Grid
        an.ppuePower = (itTotalKwh + lossKwh) / itTotalKwh;
        an.wueSiteLPerKwh = waterTotalL / itTotalKwh;                  // ISO/IEC 30134-9
        an.wueSourceLPerKwh = (waterTotalL + gridTotalL) / itTotalKwh; // Green Grid WUE_source
        an.cueKgPerKwh = an.carbonLocationT * 1e3 / itTotalKwh;        // ISO/IEC 30134-8
        an.mlcAnnualized = mechKwh / itTotalKwh;                       // ASHRAE 90.4
        an.elcAnnualized = lossKwh / itTotalKwh;
    }
}

void computeKpis(double renewableFraction, std::optional<double> residualKgPerKwh,
                 RunResult& result) {
    const HourlyResults& hr = result.hourly;
    KpiSums sums(renewableFraction, residualKgPerKwh, result.monthly, result.annual);
    const std::size_t n = hr.hours();
    const bool envelope = !hr.outsideEnvelope.empty();
    for (std::size_t begin = 0; begin < n;) {
        const std::size_t end = monthRunEnd(std::span(hr.month).first(n), begin);
        sums.beginMonth(hr.month[begin]);
        for (std::size_t h = begin; h < end; ++h) {
            const KpiHour hour{hr.itPowerKw[h],
                               hr.psuLossKw[h],
                               hr.fanPowerKw[h],
                               hr.pumpPowerKw[h],
                               hr.compressorPowerKw[h],
                               hr.heatRejectionPowerKw[h],
                               hr.transformerLossKw[h],
                               hr.upsLossKw[h],
                               hr.pduLossKw[h],
                               hr.facilityPowerKw[h],
                               hr.evaporationL[h],
                               hr.blowdownL[h],
                               hr.driftL[h],
                               hr.humidificationL[h],
                               hr.gridCarbonKgPerKwh[h],
                               hr.gridWaterLPerKwh[h],
                               hr.carbonKg[h],
                               hr.mode[h],
                               envelope ? hr.outsideEnvelope[h] : EnvelopeExcursion::Inside};
            sums.add(hour, h + 1 == n || hr.day[h + 1] != hr.day[h]);
        }
        sums.endMonth(static_cast<int>(end - begin));
        begin = end;
    }
    sums.finish();
}

} // namespace headroom::model
