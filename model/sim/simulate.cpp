// simulate(): one site-year, hour by hour. One hall is simulated and the result scaled by
// the number of halls in use (identical halls are simulated once and scaled). Halls without IT draw
// nothing (their plant is assumed not yet energized). Per hour: IT load and PSU losses (it_load),
// PDU losses, the heat the air side and the liquid loop must remove (IT + PSU + PDU losses
// + lighting; UPS and transformer losses are in ventilated electrical rooms, counted in
// ancillary), the cooling plant (cooling_plant), ancillary load, then the electrical chain
// upstream (electrical_chain). Facility power is what the transformers draw.

#include "model/sim/simulate.h"

#include "model/perf/workloads.h"
#include "model/sim/cooling_plant.h"
#include "model/sim/electrical_chain.h"
#include "model/sim/it_load.h"
#include "model/sim/kpis.h"
#include "model/sim/outdoor_series.h"
#include "model/sizing/compute_sizing.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>

namespace headroom::model {

namespace {

// Standby generators: IT x PUE plus 20-25 % [I]; the upper end is taken.
constexpr double kGeneratorMargin = 1.25;
// Air handlers (fan walls) are counted in 500 kW units of design heat, N+1 per hall.
constexpr double kAirHandlerKw = 500.0;

/// Diagnostics collect in the result; simulate() reports them once the count is final.
void addDiagnostic(RunResult& result, Severity severity, std::string pointer, std::string message) {
    Diagnostic d;
    d.severity = severity;
    d.kind = DiagnosticKind::Meaning;
    d.pointer = std::move(pointer);
    d.message = std::move(message);
    result.diagnostics.add(std::move(d));
}

/// "%.3g" of a figure, for messages.
std::string figureText(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3g", value);
    return text;
}

/// Hours the supply air left the envelope's humidity limits are not water-free by design:
/// the plant saved the water of humidifying (or could not dry the air). One warning per
/// side names the hours, the months and the limit, so the planner can widen the envelope
/// or humidify and count the water.
void reportEnvelopeExcursions(const SupplyEnvelope& envelope, RunResult& result) {
    static constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                         "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const auto months = [](const Monthly& hours) {
        std::string text;
        for (std::size_t m = 0; m < 12; ++m) {
            if (hours[m] > 0.0) {
                text += (text.empty() ? "" : ", ") + std::string(kMonths[m]);
            }
        }
        return text;
    };
    const AnnualResults& a = result.annual;
    if (a.hoursTooDry > 0) {
        std::string limit = "the " + figureText(100.0 * envelope.minRelativeHumidity) +
                            " % relative-humidity minimum";
        if (envelope.minDewPoint) {
            limit = "the " + figureText(units::toCelsius(*envelope.minDewPoint)) +
                    " degC dew-point minimum or " + limit;
        }
        addDiagnostic(result, Severity::Warning, "/cooling/supply_air/humidify",
                      std::to_string(a.hoursTooDry) + " hours drier than " + limit + " (" +
                          months(result.monthly.hoursTooDry) +
                          "): the plant does not humidify, so these hours use no water; "
                          "humidify (and count the water) or lower the minimum");
    }
    if (a.hoursTooHumid > 0) {
        addDiagnostic(result, Severity::Warning, "/cooling/supply_air/max_dew_point",
                      std::to_string(a.hoursTooHumid) + " hours more humid than the " +
                          figureText(units::toCelsius(envelope.maxDewPoint)) +
                          " degC dew-point or " + figureText(100.0 * envelope.maxRelativeHumidity) +
                          " % relative-humidity maximum (" + months(result.monthly.hoursTooHumid) +
                          "): cold, humid outdoor air recirculated to the supply minimum is "
                          "not dried; raise the maximum or dehumidify");
    }
}

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

struct HallHour {
    ItPower it;
    double pduKw = 0.0, ancillaryKw = 0.0;
    CoolingHour cooling;
    ChainLosses chain;
};

/// One site-year of a sized deployment: hourly series, KPIs, design hour, plant, bill of
/// materials, capacity and workloads. The result starts empty but for the hourly arrays'
/// storage, the sizing and its diagnostics.
void simulateYear(const Scenario& scenario, ComputeSizing sizing,
                  const Diagnostics& sizingDiagnostics, Feedback& feedback, RunResult& result) {
    HourlyResults hourly = std::move(result.hourly);
    result = RunResult{};
    result.hourly = std::move(hourly);
    const Site& site = scenario.site;
    const Climate& climate = *site.climate;
    result.siteName = site.name;
    result.scenarioHash = scenario.hash;
    result.climateProvenance = climate.provenance;
    result.assumptions = site.assumptions;
    result.inputs = RunInputs::of(site);
    result.compute = std::move(sizing);
    result.diagnostics.append(sizingDiagnostics);
    const std::size_t n = climate.hours();
    const ComputeSizing& compute = result.compute;
    const int hallsUsed = std::max(compute.hallsUsed, 1);
    const int hallsTotal = std::max(site.campus.halls(), 1);
    const double scale = compute.servers > 0 ? hallsUsed : 0.0;

    // One hall.
    const ItLoad itLoad(site.it, static_cast<double>(compute.servers) / hallsUsed,
                        compute.networkPowerKw / hallsUsed);
    const ItPower peak = itLoad.evaluate(1.0);
    const double peakRackKw = peak.itKw + peak.psuLossKw;
    const double hallRatingKw = units::toKilowatts(site.campus.itPowerPerHall);
    const double designRackKw =
        hallRatingKw > 0.0 ? std::max(hallRatingKw, peakRackKw) : peakRackKw;
    const double liquidShare =
        site.cooling.liquid ? std::clamp(site.cooling.liquid->itShare, 0.0, 1.0) : 0.0;
    const double lightingKw =
        site.electrical.lightingWPerM2 * site.campus.floorAreaPerHall.value() / 1e3;
    const double ancillaryFraction = site.electrical.ancillaryFraction;

    // Design heat of the hall's plant: its rating, split as the deployment splits it, plus
    // ~3 % for PDU losses and lighting.
    const double liquidFractionOfRack =
        peakRackKw > 0.0 ? liquidShare * peak.itKw / peakRackKw : liquidShare;
    const double designLiquidKw = designRackKw * liquidFractionOfRack;
    const double designAirKw = designRackKw * (1.0 - liquidFractionOfRack) * 1.03;
    const CoolingPlant plant(site.cooling, designAirKw, designLiquidKw);

    const auto outdoorPtr = outdoorSeries(site.climate, site.location.elevation.value());
    const OutdoorSeries& outdoor = *outdoorPtr;
    auto outdoorAt = [&](std::size_t h) {
        return OutdoorState{climate.dryBulbC[h], outdoor.wetBulbC[h], outdoor.humidityRatio[h],
                            outdoor.relativeHumidity[h], outdoor.pressurePa[h]};
    };

    // Design hours: the hottest dry-bulb, wet-bulb and enthalpy hours of the year.
    const std::array<std::size_t, 3> designHours{
        outdoor.hottestDryBulbHour, outdoor.hottestWetBulbHour, outdoor.highestEnthalpyHour};
    // Mechanical design load of the hall's rating, for sizing the chain.
    double designMechanicalKw = 0.0;
    for (std::size_t h : designHours) {
        const CoolingHour c = plant.evaluate(outdoorAt(h), designAirKw, designLiquidKw);
        designMechanicalKw = std::max(designMechanicalKw, c.mechanicalKw());
    }
    const double designAncillaryKw = lightingKw + ancillaryFraction * designRackKw;
    const ElectricalChain chain(site.electrical, designRackKw, designMechanicalKw,
                                designAncillaryKw);

    // IT and PDU figures depend on the utilization alone: remember the last one (constant
    // and profile utilizations repeat).
    std::optional<double> lastUtilization;
    ItPower lastIt;
    double lastPduKw = 0.0;
    auto evaluateHour = [&](const OutdoorState& o, double utilization) {
        HallHour hh;
        if (utilization != lastUtilization) {
            lastUtilization = utilization;
            lastIt = itLoad.evaluate(utilization);
            lastPduKw = chain.pduLossKw(lastIt.itKw + lastIt.psuLossKw);
        }
        hh.it = lastIt;
        const double rackKw = hh.it.itKw + hh.it.psuLossKw;
        hh.pduKw = lastPduKw;
        const double liquidKw = liquidShare * hh.it.itKw;
        const double airKw = hh.it.itKw - liquidKw + hh.it.psuLossKw + hh.pduKw + lightingKw;
        hh.cooling = plant.evaluate(o, airKw, liquidKw);
        hh.ancillaryKw = lightingKw + ancillaryFraction * rackKw;
        hh.chain = chain.evaluate(rackKw, hh.cooling.mechanicalKw(), hh.ancillaryKw);
        return hh;
    };

    // Allocate every hourly array before the loop (no allocation inside it).
    HourlyResults& hr = result.hourly;
    hr.month = climate.month;
    hr.day = climate.day;
    hr.hour = climate.hour;
    hr.dryBulbC = climate.dryBulbC;
    hr.wetBulbC = outdoor.wetBulbC;
    hr.dewPointC = climate.dewPointC;
    hr.dewPointC.resize(n);
    for (auto* v :
         {&hr.itPowerKw, &hr.psuLossKw, &hr.fanPowerKw, &hr.pumpPowerKw, &hr.compressorPowerKw,
          &hr.heatRejectionPowerKw, &hr.transformerLossKw, &hr.upsLossKw, &hr.pduLossKw,
          &hr.ancillaryPowerKw, &hr.facilityPowerKw, &hr.evaporationL, &hr.blowdownL, &hr.driftL,
          &hr.humidificationL, &hr.gridCarbonKgPerKwh, &hr.gridWaterLPerKwh, &hr.carbonKg}) {
        v->resize(n);
    }
    hr.mode.resize(n);
    hr.evaporative.resize(n);
    hr.outsideEnvelope.resize(n);

    if (site.it.utilization.values.empty()) {
        addDiagnostic(result, Severity::Note, "/it/utilization",
                      "no utilization given: the chips run at 100 % every hour");
    }
    if (site.grid.carbonKgPerKwh.values.empty()) {
        addDiagnostic(result, Severity::Warning, "/grid/carbon_intensity",
                      "no grid carbon intensity: carbon is reported as zero");
    }
    if (feedback.isCanceled()) {
        return;
    }

    // Worst hour for the capacity figures: the highest facility / rack-input ratio.
    std::size_t worstHour = 0;
    double worstRatio = 0.0;
    SeriesCursor utilization(site.it.utilization, 1.0);
    SeriesCursor carbonSeries(site.grid.carbonKgPerKwh, 0.0);
    SeriesCursor ewifSeries(site.grid.waterLPerKwh, 0.0);
    for (std::size_t h = 0; h < n; ++h) {
        const HallHour hh = evaluateHour(outdoorAt(h), utilization.next());
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
        hr.facilityPowerKw[h] = scale * hh.chain.facilityKw;
        hr.mode[h] = hh.cooling.mode;
        hr.evaporative[h] = hh.cooling.evaporative ? 1 : 0;
        hr.outsideEnvelope[h] = hh.cooling.outsideEnvelope;
        hr.evaporationL[h] = scale * hh.cooling.evaporationL;
        hr.blowdownL[h] = scale * hh.cooling.blowdownL;
        hr.driftL[h] = scale * hh.cooling.driftL;
        hr.humidificationL[h] = scale * hh.cooling.humidificationL;
        hr.gridCarbonKgPerKwh[h] = carbon;
        hr.gridWaterLPerKwh[h] = ewif;
        hr.carbonKg[h] = hr.facilityPowerKw[h] * carbon; // kWh in one hour x kg/kWh
        const double rackKw = hh.it.itKw + hh.it.psuLossKw;
        const double ratio = rackKw > 0.0 ? hh.chain.facilityKw / rackKw : 0.0;
        if (ratio > worstRatio) {
            worstRatio = ratio;
            worstHour = h;
        }
    }
    feedback.progress(0.9);

    std::optional<double> residualKgPerKwh;
    if (site.grid.residualMix) {
        residualKgPerKwh = site.grid.residualMix->value() * 3.6e6; // kg/J -> kg/kWh
    }
    computeKpis(std::clamp(site.grid.renewableFraction, 0.0, 1.0), residualKgPerKwh, result);
    reportEnvelopeExcursions(site.cooling.envelope, result);

    // Design hour: the deployment at full utilization in the worst weather of the year.
    HallHour design{};
    double designCoolingDutyPerKw = 0.0;
    for (std::size_t h : {designHours[0], designHours[1], designHours[2], worstHour}) {
        const HallHour hh = evaluateHour(outdoorAt(h), 1.0);
        if (hh.chain.facilityKw > design.chain.facilityKw) {
            design = hh;
        }
        const double rackKw = hh.it.itKw + hh.it.psuLossKw;
        if (rackKw > 0.0) {
            designCoolingDutyPerKw =
                std::max(designCoolingDutyPerKw, hh.cooling.mechanicalDutyKw / rackKw);
        }
    }
    const double designRackInKw = design.it.itKw + design.it.psuLossKw;
    result.annual.designHourPue =
        designRackInKw > 0.0 ? design.chain.facilityKw / designRackInKw : 0.0;

    // Plant sizing (site totals).
    PlantSizing& plantSizing = result.plant;
    plantSizing.transformers = chain.transformers().installed * hallsUsed;
    plantSizing.transformerRatingMw = chain.transformers().unitRatingKw / 1e3;
    plantSizing.upsModules = chain.ups().installed * hallsUsed;
    plantSizing.upsModuleRatingMw = chain.ups().unitRatingKw / 1e3;
    plantSizing.designHourFacilityMw = scale * design.chain.facilityKw / 1e3;
    plantSizing.upsLoadFraction = chain.ups().unitLoad(
        designRackInKw + design.pduKw +
        (site.electrical.mechanicalOnUps ? design.cooling.mechanicalKw() : 0.0));
    const double generatorKw = units::toKilowatts(site.electrical.generatorRating);
    plantSizing.generatorRatingMw = generatorKw / 1e3;
    plantSizing.generators = static_cast<int>(
        std::ceil(kGeneratorMargin * plantSizing.designHourFacilityMw * 1e3 / generatorKw));
    plantSizing.coolingUnits =
        (static_cast<int>(std::ceil(designAirKw / kAirHandlerKw)) + 1) * hallsUsed;

    // Bill of materials.
    auto bom = [&](const char* category, std::string item, double quantity, const char* unit) {
        result.billOfMaterials.push_back({category, std::move(item), quantity, unit});
    };
    auto mw = [](double value) {
        char text[32];
        std::snprintf(text, sizeof text, "%.3g MW", value);
        return std::string(text);
    };
    result.billOfMaterials = computeBillOfMaterials(site, compute);
    bom("electrical", "MV/LV transformer " + mw(plantSizing.transformerRatingMw),
        plantSizing.transformers, "each");
    bom("electrical", "UPS module " + mw(plantSizing.upsModuleRatingMw), plantSizing.upsModules,
        "each");
    bom("electrical", "standby generator " + mw(plantSizing.generatorRatingMw),
        plantSizing.generators, "each");
    bom("cooling", "air handler (500 kW)", plantSizing.coolingUnits, "each");
    bom("cooling", "mechanical cooling at the design hour",
        scale * design.cooling.mechanicalDutyKw / 1e3, "MW");

    // Capacity: the most IT (rack input, full utilization) under each constraint alone.
    CapacityResult& cap = result.capacity;
    const double deployedMw = scale * peakRackKw / 1e3;
    cap.deployedItMw = deployedMw;
    const double pue = result.annual.designHourPue;
    auto& maxIt = cap.maxItMw;
    const double interconnectMw = site.campus.utilityInterconnect.value() / 1e6;
    // A constraint that does not limit has no maximum (nullopt), never an infinity.
    maxIt[static_cast<std::size_t>(Constraint::UtilityInterconnect)] =
        interconnectMw > 0.0 && pue > 0.0 ? OptionalMw(interconnectMw / pue) : std::nullopt;
    // Halls and rack positions hold whole UltraServers: their maxima count the UltraServers
    // a hall's rating feeds and its positions hold (model/sizing), each at the deployment's
    // IT per UltraServer, so a hall's stranded power is not counted as room.
    const double deployedPerUsMw =
        compute.ultraServers > 0 ? deployedMw / compute.ultraServers : 0.0;
    // Their headroom is counted in UltraServers too, so that a full hall's is exactly 0.
    std::array<std::optional<long long>, kConstraintCount> roomInUltraServers{};
    auto wholeUltraServers = [&](Constraint c, long long perHall, double fallbackMw) {
        if (deployedPerUsMw <= 0.0) {
            return OptionalMw(fallbackMw);
        }
        roomInUltraServers[static_cast<std::size_t>(c)] =
            perHall * hallsTotal - compute.ultraServers;
        return OptionalMw(static_cast<double>(perHall) * hallsTotal * deployedPerUsMw);
    };
    maxIt[static_cast<std::size_t>(Constraint::HallPower)] =
        hallRatingKw > 0.0
            ? wholeUltraServers(Constraint::HallPower, compute.ultraServersPerHallByPower,
                                hallRatingKw * hallsTotal / 1e3)
            : std::nullopt;
    const double positions = static_cast<double>(site.campus.rackPositionsPerHall) * hallsTotal;
    maxIt[static_cast<std::size_t>(Constraint::RackPositions)] =
        positions <= 0.0
            ? std::nullopt
            : wholeUltraServers(Constraint::RackPositions, compute.ultraServersPerHallBySpace,
                                positions * units::toKilowatts(site.campus.rackPowerLimit) / 1e3);
    // Cooling: the compressors must carry the design-hour trim; per hall they are sized to
    // the hall rating at the design hour unless the site states their capacity.
    const double mechCapacityKw = site.cooling.mechanicalCapacityPerHall
                                      ? units::toKilowatts(*site.cooling.mechanicalCapacityPerHall)
                                      : designCoolingDutyPerKw * designRackKw;
    maxIt[static_cast<std::size_t>(Constraint::Cooling)] =
        designCoolingDutyPerKw > 0.0
            ? OptionalMw(mechCapacityKw / designCoolingDutyPerKw * hallsTotal / 1e3)
            : std::nullopt;
    // Water: the thirstiest day's water per MW of its average IT, scaled linearly.
    OptionalMw waterMaxIt;
    if (site.campus.waterSupplyPerDay && result.annual.waterMaxDayM3 > 0.0) {
        const double dayItMw = result.annual.waterMaxDayItMwh / 24.0;
        waterMaxIt = site.campus.waterSupplyPerDay->value() * dayItMw / result.annual.waterMaxDayM3;
    }
    maxIt[static_cast<std::size_t>(Constraint::WaterSupply)] = waterMaxIt;
    // Binding: the lowest maximum among the constraints that limit.
    std::size_t binding = 0;
    bool anyLimit = false;
    for (std::size_t i = 0; i < maxIt.size(); ++i) {
        if (!maxIt[i]) {
            continue;
        }
        cap.headroomMw[i] = roomInUltraServers[i]
                                ? static_cast<double>(*roomInUltraServers[i]) * deployedPerUsMw
                                : *maxIt[i] - deployedMw;
        if (!anyLimit || *maxIt[i] < *maxIt[binding]) {
            binding = i;
            anyLimit = true;
        }
    }
    cap.binding = static_cast<Constraint>(binding);
    static constexpr std::array<const char*, kConstraintCount> kPointers{
        "/campus/utility_interconnect", "/campus/hall/it_power", "/campus/hall/rack_positions",
        "/cooling/mechanical_capacity", "/campus/water_supply_per_day"};
    for (std::size_t i = 0; i < maxIt.size(); ++i) {
        if (cap.headroomMw[i] && *cap.headroomMw[i] < -1e-9 * deployedMw) {
            char text[200];
            std::snprintf(text, sizeof text,
                          "the deployment needs %.1f MW of IT at full utilization; the %s "
                          "supports %.1f MW",
                          deployedMw, constraintName(static_cast<Constraint>(i)), *maxIt[i]);
            addDiagnostic(result, Severity::Warning, kPointers[i], text);
        }
    }
    const double perUltraServerMw = compute.ultraServers > 0
                                        ? deployedMw / compute.ultraServers
                                        : peakRackKw /
                                              std::max(1.0, static_cast<double>(compute.servers)) *
                                              site.it.platform.serversPerUltraServer / 1e3;
    // At most the countable chips' worth (ComputeSizing's ints; site.h kMaxChips).
    const double countable = static_cast<double>(
        kMaxChips /
        std::max<long long>(1, static_cast<long long>(site.it.platform.serversPerUltraServer) *
                                   site.it.platform.chipsPerServer));
    cap.maxUltraServers =
        maxIt[binding] && perUltraServerMw > 0.0
            ? static_cast<int>(
                  std::min(countable, std::floor(*maxIt[binding] / perUltraServerMw + 1e-9)))
            : 0;

    // What the chips deliver, charged with the year's hourly costs (model/perf).
    evaluateWorkloads(site, result);
}

/// The first constraint a run's deployment breaks at the design hour, if any.
std::optional<Constraint> brokenConstraint(const RunResult& result) {
    const CapacityResult& cap = result.capacity;
    for (std::size_t i = 0; i < cap.headroomMw.size(); ++i) {
        if (cap.headroomMw[i] && *cap.headroomMw[i] < -1e-9 * cap.deployedItMw) {
            return static_cast<Constraint>(i);
        }
    }
    return std::nullopt;
}

/// "fill": sizing placed as many UltraServers as the halls' power and rack positions hold
/// (and no more than the interconnect feeds at a PUE of 1). The interconnect at the design
/// hour's facility power, the compressors and the water supply are known only from a
/// simulated year, so while the deployment breaks one of them the count is lowered and the
/// year simulated again: the count that fits, with one more breaking a constraint, is kept.
/// Each year's capacity figures give the next guess (the count scaled by the tightest
/// maximum-to-deployed ratio), kept strictly between the largest count known to fit and
/// the smallest known not to; after four guesses, bisection.
void fitFill(const Scenario& scenario, Feedback& feedback, RunResult& result) {
    auto noneFits = [&](Constraint limit) {
        addDiagnostic(result, Severity::Error, "/it/ultraservers",
                      std::string("\"fill\" cannot place one UltraServer: one breaks the ") +
                          constraintName(limit) + " limit at the design hour");
    };
    std::optional<Constraint> broken = brokenConstraint(result);
    if (result.compute.ultraServers == 0) {
        if (!result.diagnostics.hasErrors()) { // sizing has not already said why
            noneFits(*result.compute.fillLimit);
        }
        return;
    }
    if (!broken) {
        result.capacity.binding = *result.compute.fillLimit;
        result.capacity.maxUltraServers = result.compute.ultraServers;
        return;
    }
    const Site& site = scenario.site;
    long long fits = 0; // none at all always fits
    long long breaks = result.compute.ultraServers;
    Constraint limit = *broken;
    RunResult fitting; // the year of `fits` UltraServers, once one is simulated
    bool haveFitting = false;
    auto guess = [](const RunResult& r) {
        double ratio = std::numeric_limits<double>::infinity();
        for (const OptionalMw& maxIt : r.capacity.maxItMw) {
            if (maxIt && r.capacity.deployedItMw > 0.0) {
                ratio = std::min(ratio, *maxIt / r.capacity.deployedItMw);
            }
        }
        return std::isfinite(ratio)
                   ? static_cast<long long>(std::floor(r.compute.ultraServers * ratio + 1e-9))
                   : 0LL;
    };
    long long next = guess(result);
    for (int step = 0; breaks - fits > 1 && !feedback.isCanceled(); ++step) {
        if (step >= 4) {
            next = fits + (breaks - fits) / 2; // the guesses creep: bisect
        }
        next = std::clamp(next, fits + 1, breaks - 1);
        Diagnostics diagnostics;
        ComputeSizing sizing = sizeCompute(site, Catalog::builtin(), next, diagnostics);
        simulateYear(scenario, std::move(sizing), diagnostics, feedback, result);
        broken = brokenConstraint(result);
        if (broken) {
            breaks = next;
            limit = *broken;
        } else {
            fits = next;
            std::swap(fitting, result);
            haveFitting = true;
        }
        next = guess(haveFitting && !broken ? fitting : result);
    }
    if (haveFitting) {
        std::swap(fitting, result);
    } else { // not one UltraServer fits
        Diagnostics diagnostics;
        ComputeSizing sizing = sizeCompute(site, Catalog::builtin(), 0, diagnostics);
        simulateYear(scenario, std::move(sizing), diagnostics, feedback, result);
        noneFits(limit);
    }
    result.compute.fillLimit = limit;
    result.capacity.binding = limit;
    result.capacity.maxUltraServers = result.compute.ultraServers;
}

} // namespace

RunResult simulate(const Scenario& scenario, Feedback& feedback) {
    RunResult result;
    simulate(scenario, feedback, result);
    return result;
}

void simulate(const Scenario& scenario, Feedback& feedback, RunResult& result) {
    const Site& site = scenario.site;
    if (!site.climate || site.climate->hours() == 0) {
        result = RunResult{};
        result.siteName = site.name;
        result.scenarioHash = scenario.hash;
        result.inputs = RunInputs::of(site);
        addDiagnostic(result, Severity::Error, "/climate",
                      "the site has no climate: nothing to simulate");
    } else {
        // Compute sizing: servers, racks, halls in use, network power (model/sizing).
        Diagnostics sizingDiagnostics;
        ComputeSizing sizing = sizeCompute(site, Catalog::builtin(), sizingDiagnostics);
        const bool fill = sizing.fillLimit.has_value();
        simulateYear(scenario, std::move(sizing), sizingDiagnostics, feedback, result);
        if (fill && !feedback.isCanceled()) {
            fitFill(scenario, feedback, result);
        }
    }
    for (const Diagnostic& d : result.diagnostics.items()) {
        feedback.report(d);
    }
    feedback.progress(1.0);
}

} // namespace headroom::model
