#pragma once
// Tests only: a RunResult filled by hand from a deterministic synthetic year, with its
// monthly and annual figures aggregated from the hourly rows, so that writers and the
// result store can be checked against totals without the simulation.

#include "model/result/run_result.h"

#include <cmath>
#include <string>

namespace headroom::model::testing {

inline RunResult syntheticRunResult(double seed = 1.0, std::string siteName = "Test, \"site\"") {
    RunResult r;
    r.siteName = std::move(siteName);
    r.scenarioHash = "ab" + std::to_string(static_cast<long long>(seed * 1000));
    r.climateProvenance = "synthetic";
    r.utcOffsetHours = -5.0;
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    auto& h = r.hourly;
    std::size_t i = 0;
    for (int month = 1; month <= 12; ++month) {
        for (int day = 1; day <= kDays[month - 1]; ++day) {
            for (int hour = 1; hour <= 24; ++hour, ++i) {
                const double t = static_cast<double>(i);
                h.month.push_back(static_cast<std::uint8_t>(month));
                h.day.push_back(static_cast<std::uint8_t>(day));
                h.hour.push_back(static_cast<std::uint8_t>(hour));
                const double dryBulb = 10.0 - 15.0 * std::cos(2 * M_PI * t / 8760.0) +
                                       5.0 * std::sin(2 * M_PI * t / 24.0);
                h.dryBulbC.push_back(dryBulb);
                h.wetBulbC.push_back(dryBulb - 3.0);
                h.dewPointC.push_back(dryBulb - 6.0);
                const double it = 50000.0 * seed + 1000.0 * std::sin(t * 0.37);
                h.itPowerKw.push_back(it);
                h.psuLossKw.push_back(it * 0.04);
                const bool mechanical = dryBulb > 24.0;
                const bool evaporative = dryBulb > 18.0;
                h.fanPowerKw.push_back(it * 0.02);
                h.pumpPowerKw.push_back(it * 0.002);
                h.compressorPowerKw.push_back(mechanical ? it * 0.1 : 0.0);
                h.heatRejectionPowerKw.push_back(mechanical ? it * 0.01 : 0.0);
                h.transformerLossKw.push_back(it * 0.01);
                h.upsLossKw.push_back(it * 0.03);
                h.pduLossKw.push_back(it * 0.005);
                h.ancillaryPowerKw.push_back(it * 0.01);
                double facility = 0.0;
                for (const auto* s :
                     {&h.itPowerKw, &h.psuLossKw, &h.fanPowerKw, &h.pumpPowerKw,
                      &h.compressorPowerKw, &h.heatRejectionPowerKw, &h.transformerLossKw,
                      &h.upsLossKw, &h.pduLossKw, &h.ancillaryPowerKw}) {
                    facility += s->back();
                }
                h.facilityPowerKw.push_back(facility);
                h.mode.push_back(mechanical    ? CoolingMode::Mechanical
                                 : evaporative ? CoolingMode::Evaporative
                                 : dryBulb > 5 ? CoolingMode::FreeCooling
                                               : CoolingMode::Recirculation);
                const double evaporation = evaporative ? it * 0.002 * (dryBulb - 18.0) : 0.0;
                h.evaporationL.push_back(evaporation);
                h.blowdownL.push_back(evaporation / 3.0);
                h.driftL.push_back(evaporation * 0.001);
                h.humidificationL.push_back(dryBulb < -5.0 ? 12.5 : 0.0);
                h.gridCarbonKgPerKwh.push_back(0.4 + 0.1 * std::sin(t * 0.26));
                h.gridWaterLPerKwh.push_back(2.0);
                h.carbonKg.push_back(facility * h.gridCarbonKgPerKwh.back());
            }
        }
    }
    auto& m = r.monthly;
    auto& a = r.annual;
    for (std::size_t k = 0; k < h.hours(); ++k) {
        const std::size_t mo = h.month[k] - 1u;
        const double water =
            h.evaporationL[k] + h.blowdownL[k] + h.driftL[k] + h.humidificationL[k];
        // IT energy at the rack input, PSU losses included, as simulate() counts it.
        m.itEnergyMwh[mo] += (h.itPowerKw[k] + h.psuLossKw[k]) / 1000.0;
        m.facilityEnergyMwh[mo] += h.facilityPowerKw[k] / 1000.0;
        m.waterM3[mo] += water / 1000.0;
        m.evaporationM3[mo] += h.evaporationL[k] / 1000.0;
        m.blowdownM3[mo] += h.blowdownL[k] / 1000.0;
        m.driftM3[mo] += h.driftL[k] / 1000.0;
        m.humidificationM3[mo] += h.humidificationL[k] / 1000.0;
        m.waterHours[mo] += water > 0.0 ? 1.0 : 0.0;
        // Winter air drier than a -8 degC dew-point minimum the hours above -5 degC do not
        // humidify (colder ones do: humidificationL above).
        h.outsideEnvelope.push_back(h.humidificationL[k] == 0.0 && h.dewPointC[k] < -8.0
                                        ? EnvelopeExcursion::TooDry
                                        : EnvelopeExcursion::Inside);
        if (h.outsideEnvelope.back() == EnvelopeExcursion::TooDry) {
            m.hoursOutsideEnvelope[mo] += 1.0;
            m.hoursTooDry[mo] += 1.0;
            ++a.hoursOutsideEnvelope;
            ++a.hoursTooDry;
        }
        m.carbonLocationT[mo] += h.carbonKg[k] / 1000.0;
        m.carbonMarketT[mo] += 0.5 * h.carbonKg[k] / 1000.0;
        m.mechanicalEnergyMwh[mo] +=
            (h.fanPowerKw[k] + h.pumpPowerKw[k] + h.compressorPowerKw[k]) / 1000.0;
        a.modeHours[static_cast<std::size_t>(h.mode[k])] += 1;
        a.waterFreeHours += water > 0.0 ? 0 : 1;
        a.peakFacilityMw = std::max(a.peakFacilityMw, h.facilityPowerKw[k] / 1000.0);
        a.peakItMw = std::max(a.peakItMw, h.itPowerKw[k] / 1000.0);
    }
    for (std::size_t mo = 0; mo < 12; ++mo) {
        m.pue[mo] = m.facilityEnergyMwh[mo] / m.itEnergyMwh[mo];
        m.wueSiteLPerKwh[mo] = m.waterM3[mo] / m.itEnergyMwh[mo];
        m.wueSourceLPerKwh[mo] = m.wueSiteLPerKwh[mo] + 2.0 * m.pue[mo];
        a.itEnergyMwh += m.itEnergyMwh[mo];
        a.facilityEnergyMwh += m.facilityEnergyMwh[mo];
        a.waterM3 += m.waterM3[mo];
        a.carbonLocationT += m.carbonLocationT[mo];
        a.carbonMarketT += m.carbonMarketT[mo];
        if (m.waterM3[mo] == 0.0) {
            a.zeroWaterMonths.push_back(static_cast<int>(mo + 1));
        }
    }
    a.pue = a.facilityEnergyMwh / a.itEnergyMwh;
    a.wueSiteLPerKwh = a.waterM3 / a.itEnergyMwh;
    a.wueSourceLPerKwh = a.wueSiteLPerKwh + 2.0 * a.pue;
    a.cueKgPerKwh = a.carbonLocationT / a.itEnergyMwh;
    a.gridWaterM3 = 2.0 * a.facilityEnergyMwh; // EWIF 2 L/kWh
    r.compute.chips = 64 * 100;
    r.compute.ultraServers = 100;
    r.compute.servers = 400;
    r.compute.racks = 200;
    r.compute.peakPflops = {83.2 * 100 * seed, 41.6 * 100, std::nullopt, std::nullopt};
    r.compute.itPowerKw = 400 * 10.2; // nameplate, at the server
    r.compute.networkPowerKw = 150.0;
    r.capacity.deployedItMw = 1.1 * a.peakItMw; // design-hour IT: full utilization
    r.capacity.maxItMw = {60.0, 64.0, 70.0, 55.0 * seed, std::nullopt}; // no water limit
    for (std::size_t c = 0; c < 4; ++c) {
        r.capacity.headroomMw[c] = *r.capacity.maxItMw[c] - r.capacity.deployedItMw;
    }
    r.capacity.binding = Constraint::Cooling;
    r.capacity.maxUltraServers = 110;
    Diagnostic note;
    note.severity = Severity::Warning;
    note.pointer = "/it/ultraservers";
    note.message = "synthetic warning";
    r.diagnostics.add(note);
    return r;
}

} // namespace headroom::model::testing
