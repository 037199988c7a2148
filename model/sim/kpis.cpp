#include "model/sim/kpis.h"

#include "model/result/month_runs.h"

#include <algorithm>

namespace headroom::model {

void computeKpis(double renewableFraction, std::optional<double> residualKgPerKwh,
                 RunResult& result) {
    const HourlyResults& hr = result.hourly;
    MonthlyResults& mo = result.monthly;
    AnnualResults& an = result.annual;
    mo = MonthlyResults{};
    an = AnnualResults{};
    const std::size_t n = hr.hours();

    Monthly itKwh{}, waterL{}, gridL{};
    std::array<int, 12> hoursInMonth{};
    double lossKwh = 0.0, mechKwh = 0.0; // mechanical energy: cooling's pPUE and MLC
    double peakFacilityKw = 0.0, peakItKw = 0.0;
    // Water-free days: a day counts when none of its hours used water.
    int runDays = 0, dayWaterHours = 0, dayHours = 0;
    double dayWaterL = 0.0, dayItKwh = 0.0;
    const double marketShare = 1.0 - renewableFraction;
    // The hours of a month come in runs (one run a month for a calendar year). Each run's
    // sums are kept in locals, started from what the month holds and written back after
    // it: the same additions in the same hour order as summing into the month's slots
    // hour by hour, so the same bits, without a store and a load per sum and hour.
    // A run is read in two passes, energy then water and the hours' counts: each sum
    // still takes its hours in order, and each pass's sums and series fit the registers
    // (one pass over all 21 series spilled them to the stack every hour).
    for (std::size_t begin = 0; begin < n;) {
        const std::size_t end = monthRunEnd(std::span(hr.month).first(n), begin);
        const auto m =
            static_cast<std::size_t>(std::clamp(static_cast<int>(hr.month[begin]), 1, 12) - 1);
        // Energy and carbon. IT energy is summed once: the monthly IT energy and the IT kWh
        // of the ratios below are the same sum.
        double it = itKwh[m], grid = gridL[m];
        double facility = mo.facilityEnergyMwh[m], mechanical = mo.mechanicalEnergyMwh[m];
        double electrical = mo.electricalLossMwh[m];
        double carbonLocation = mo.carbonLocationT[m], carbonMarket = mo.carbonMarketT[m];
        for (std::size_t h = begin; h < end; ++h) {
            const double rackKw = hr.itPowerKw[h] + hr.psuLossKw[h];
            const double mechanicalKw = hr.fanPowerKw[h] + hr.pumpPowerKw[h] +
                                        hr.compressorPowerKw[h] + hr.heatRejectionPowerKw[h];
            const double electricalKw = hr.transformerLossKw[h] + hr.upsLossKw[h] + hr.pduLossKw[h];
            const double facilityKw = hr.facilityPowerKw[h];
            const double marketIntensity = residualKgPerKwh.value_or(hr.gridCarbonKgPerKwh[h]);
            it += rackKw;
            grid += hr.gridWaterLPerKwh[h] * facilityKw; // EWIF x facility energy
            // Sums in kWh, L and kg; converted to MWh, m3 and t once after the loop.
            facility += facilityKw;
            mechanical += mechanicalKw;
            electrical += electricalKw;
            carbonLocation += hr.carbonKg[h];
            // Market-based: the renewable share (contracts) at zero, the rest at the
            // residual mix.
            carbonMarket += facilityKw * marketShare * marketIntensity;
            mechKwh += mechanicalKw;
            lossKwh += electricalKw;
            peakFacilityKw = std::max(peakFacilityKw, facilityKw);
            peakItKw = std::max(peakItKw, rackKw);
        }
        // Water, the days, the modes and the envelope.
        double waterSum = waterL[m], evaporation = mo.evaporationM3[m];
        double blowdown = mo.blowdownM3[m], drift = mo.driftM3[m];
        double humidification = mo.humidificationM3[m];
        int waterHours = 0, tooDry = 0, tooHumid = 0;
        for (std::size_t h = begin; h < end; ++h) {
            const double rackKw = hr.itPowerKw[h] + hr.psuLossKw[h];
            const double water =
                hr.evaporationL[h] + hr.blowdownL[h] + hr.driftL[h] + hr.humidificationL[h];
            waterSum += water;
            evaporation += hr.evaporationL[h];
            blowdown += hr.blowdownL[h];
            drift += hr.driftL[h];
            humidification += hr.humidificationL[h];
            if (water > 0.0) {
                ++waterHours;
                ++dayWaterHours;
            }
            dayWaterL += water;
            dayItKwh += rackKw;
            ++an.modeHours[static_cast<std::size_t>(hr.mode[h])];
            if (!hr.outsideEnvelope.empty() && hr.outsideEnvelope[h] != EnvelopeExcursion::Inside) {
                ++(hr.outsideEnvelope[h] == EnvelopeExcursion::TooDry ? tooDry : tooHumid);
            }
            ++dayHours;
            const bool dayEnds = h + 1 == n || hr.day[h + 1] != hr.day[h];
            if (dayEnds) {
                if (dayWaterHours == 0 && dayHours > 0) {
                    ++runDays;
                    an.longestWaterFreeRunDays = std::max(an.longestWaterFreeRunDays, runDays);
                } else {
                    runDays = 0;
                }
                if (dayWaterL / 1e3 > an.waterMaxDayM3) {
                    an.waterMaxDayM3 = dayWaterL / 1e3;
                    an.waterMaxDayItMwh = dayItKwh / 1e3;
                }
                dayWaterHours = 0;
                dayHours = 0;
                dayWaterL = 0.0;
                dayItKwh = 0.0;
            }
        }
        // Counts of whole hours: adding them at once is exact.
        const int hours = static_cast<int>(end - begin);
        hoursInMonth[m] += hours;
        an.waterFreeHours += hours - waterHours;
        mo.waterHours[m] += waterHours;
        mo.hoursTooDry[m] += tooDry;
        mo.hoursTooHumid[m] += tooHumid;
        mo.hoursOutsideEnvelope[m] += tooDry + tooHumid;
        an.hoursTooDry += tooDry;
        an.hoursTooHumid += tooHumid;
        an.hoursOutsideEnvelope += tooDry + tooHumid;
        itKwh[m] = mo.itEnergyMwh[m] = it;
        waterL[m] = waterSum;
        gridL[m] = grid;
        mo.facilityEnergyMwh[m] = facility;
        mo.mechanicalEnergyMwh[m] = mechanical;
        mo.electricalLossMwh[m] = electrical;
        mo.evaporationM3[m] = evaporation;
        mo.blowdownM3[m] = blowdown;
        mo.driftM3[m] = drift;
        mo.humidificationM3[m] = humidification;
        mo.carbonLocationT[m] = carbonLocation;
        mo.carbonMarketT[m] = carbonMarket;
        begin = end;
    }

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

} // namespace headroom::model
