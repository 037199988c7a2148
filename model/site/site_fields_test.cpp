// The field table is the only description of a site field: every row that feeds the
// model says where its value goes in Site. Each row's sample value is written into a
// valid site, read back, and looked for in the member this test names for the row (an
// oracle independent of the table), so a missing or a wrong binding fails here.
#include "model/catalog/cost_catalog.h"
#include "model/site/site_binding.h"
#include "model/site/site_fields.h"
#include "model/site/site_reader.h"

#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>

namespace headroom::model {
namespace {

using json = nlohmann::json;

const std::string kChicagoEpw =
    std::string(HEADROOM_TEST_DATA_DIR) + "/weather/USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw";

json baseSite() {
    return {
        {"format", "headroom-site/1"},
        {"name", "Binding test"},
        {"location",
         {{"latitude", 41.98}, {"longitude", -87.9}, {"elevation", "201 m"}, {"utc_offset", -5}}},
        {"climate", {{"epw", kChicagoEpw}}},
        {"grid", {{"carbon_intensity", "0.4155 kg/kWh"}, {"water_intensity", "2.233 L/kWh"}}},
        {"campus",
         {{"utility_interconnect", "300 MW"},
          {"buildings", {{"count", 7}, {"halls_per_building", 2}}},
          {"hall",
           {{"it_power", "16 MW"},
            {"floor_area", "10000 m2"},
            {"rack_positions", 600},
            {"rack_power_limit", "40 kW"}}}}},
        {"cooling", {{"liquid", {{"share", "60 %"}}}}},
        {"it", {{"chip", "trainium2"}, {"platform", "trn2-ultraserver"}, {"utilization", "70 %"}}},
        {"clean_energy",
         {{"grid_mix", "PJM"}, {"battery", {{"power", "10 MW"}, {"energy", "40 MWh"}}}}},
        {"water_stress", {{"category", "low"}}},
        {"workloads",
         {{"training",
           {{{"name", "t"},
             {"layers", 2},
             {"hidden", 64},
             {"heads", 4},
             {"vocabulary", 1000},
             {"sequence", 128},
             {"global_batch", 8},
             {"tokens", 1e10}}}},
          {"inference",
           {{{"name", "i"},
             {"layers", 2},
             {"hidden", 64},
             {"heads", 4},
             {"vocabulary", 1000},
             {"prompt_tokens", 100},
             {"output_tokens", 10},
             {"time_per_output_token", "50 ms"}}}}}},
        {"plan",
         {{"first_year", 2030},
          {"last_year", 2035},
          {"phases",
           {{{"year", 2031},
             {"first_building", 1},
             {"buildings", 1},
             {"platform", "trn2-ultraserver"}}}},
          {"refresh", {{{"platform", "trn2-ultraserver"}, {"replacement", "trn3-ultraserver"}}}},
          {"utilization", {{{"year", 2030}, {"value", "60 %"}}}},
          {"grid",
           {{"carbon_intensity", {{{"year", 2030}, {"value", "0.4 kg/kWh"}}}},
            {"water_intensity", {{{"year", 2030}, {"value", "2 L/kWh"}}}}}},
          {"climate",
           {{"baseline_year", 2005},
            {"target_year", 2050},
            {"mean_change", json::array({"1 K", "1 K", "1 K", "1 K", "1 K", "1 K", "1 K", "1 K",
                                         "1 K", "1 K", "1 K", "1 K"})}}},
          {"uncertainty",
           {{"inputs",
             {{{"input", "warming"},
               {"distribution", "triangular"},
               {"min", "80 %"},
               {"mode", "100 %"},
               {"max", "125 %"}}}}}}}},
        {"cost", {{"electricity", {{"price", "0.08 USD/kWh"}}}}},
    };
}

// What a Site member holds, as JSON: quantities in SI units, enumerators as their value.
template <class T> json held(const T& member) {
    if constexpr (binding::IsOptional<T>::value) {
        return member ? held(*member) : json();
    } else if constexpr (std::is_enum_v<T>) {
        return static_cast<int>(member);
    } else if constexpr (std::is_arithmetic_v<T> || std::is_same_v<T, std::string>) {
        return member;
    } else if constexpr (std::is_same_v<T, HourlySeries>) {
        return member.values.empty() ? json() : json(member.values.front());
    } else if constexpr (binding::IsArray<T>::value) {
        return json(member);
    } else {
        return member.value();
    }
}

struct Oracle {
    const char* sample; ///< JSON text, different from what the base site takes
    std::function<json(const Site&)> member;
};

// The sample each bound row is tried with, and the member it must reach ("*" is index 0).
const std::map<std::string_view, Oracle>& oracles() {
    // clang-format off
    static const std::map<std::string_view, Oracle> table{
        {"/name", {R"("Other")", [](const Site& s) { return held(s.name); }}},
        {"/notes", {R"("A note")", [](const Site& s) { return held(s.notes); }}},
        {"/location/latitude", {"40.5", [](const Site& s) { return held(s.location.latitudeDeg); }}},
        {"/location/longitude", {"-87.5", [](const Site& s) { return held(s.location.longitudeDeg); }}},
        {"/location/elevation", {R"("300 m")", [](const Site& s) { return held(s.location.elevation); }}},
        {"/location/utc_offset", {"-6", [](const Site& s) { return held(s.location.utcOffsetHours); }}},
        {"/climate/note", {R"("a proxy")", [](const Site& s) { return held(s.climateNote); }}},
        {"/grid/region", {R"("RFCW")", [](const Site& s) { return held(s.grid.region); }}},
        {"/grid/carbon_intensity", {R"("0.5 kg/kWh")", [](const Site& s) { return held(s.grid.carbonKgPerKwh); }}},
        {"/grid/water_intensity", {R"("3 L/kWh")", [](const Site& s) { return held(s.grid.waterLPerKwh); }}},
        {"/grid/renewable/fraction", {R"("25 %")", [](const Site& s) { return held(s.grid.renewableFraction); }}},
        {"/grid/renewable/residual_intensity", {R"("0.3 kg/kWh")", [](const Site& s) { return held(s.grid.residualMix); }}},
        {"/campus/utility_interconnect", {R"("250 MW")", [](const Site& s) { return held(s.campus.utilityInterconnect); }}},
        {"/campus/water_supply_per_day", {R"("1000 m3")", [](const Site& s) { return held(s.campus.waterSupplyPerDay); }}},
        {"/campus/buildings/count", {"6", [](const Site& s) { return held(s.campus.buildings); }}},
        {"/campus/buildings/halls_per_building", {"3", [](const Site& s) { return held(s.campus.hallsPerBuilding); }}},
        {"/campus/hall/it_power", {R"("15 MW")", [](const Site& s) { return held(s.campus.itPowerPerHall); }}},
        {"/campus/hall/floor_area", {R"("9000 m2")", [](const Site& s) { return held(s.campus.floorAreaPerHall); }}},
        {"/campus/hall/rack_positions", {"500", [](const Site& s) { return held(s.campus.rackPositionsPerHall); }}},
        {"/campus/hall/rack_power_limit", {R"("45 kW")", [](const Site& s) { return held(s.campus.rackPowerLimit); }}},
        {"/campus/hall/racks_per_row", {"16", [](const Site& s) { return held(s.campus.racksPerRow); }}},
        {"/electrical/redundancy", {R"("N+1")", [](const Site& s) { return held(s.electrical.redundancy); }}},
        {"/electrical/transformer/rating", {R"("4 MW")", [](const Site& s) { return held(s.electrical.transformerRating); }}},
        {"/electrical/transformer/no_load", {R"("0.3 %")", [](const Site& s) { return held(s.electrical.transformerLoss.noLoad); }}},
        {"/electrical/transformer/proportional", {R"("0.1 %")", [](const Site& s) { return held(s.electrical.transformerLoss.proportional); }}},
        {"/electrical/transformer/square", {R"("1.1 %")", [](const Site& s) { return held(s.electrical.transformerLoss.square); }}},
        {"/electrical/ups/mode", {R"("eco")", [](const Site& s) { return held(s.electrical.upsMode); }}},
        {"/electrical/ups/module_rating", {R"("2 MW")", [](const Site& s) { return held(s.electrical.upsModuleRating); }}},
        {"/electrical/ups/no_load", {R"("1.4 %")", [](const Site& s) { return held(s.electrical.upsLoss.noLoad); }}},
        {"/electrical/ups/proportional", {R"("0.9 %")", [](const Site& s) { return held(s.electrical.upsLoss.proportional); }}},
        {"/electrical/ups/square", {R"("0.6 %")", [](const Site& s) { return held(s.electrical.upsLoss.square); }}},
        {"/electrical/pdu/no_load", {R"("0.1 %")", [](const Site& s) { return held(s.electrical.pduLoss.noLoad); }}},
        {"/electrical/pdu/proportional", {R"("0.2 %")", [](const Site& s) { return held(s.electrical.pduLoss.proportional); }}},
        {"/electrical/pdu/square", {R"("1.4 %")", [](const Site& s) { return held(s.electrical.pduLoss.square); }}},
        {"/electrical/generators/rating", {R"("3 MW")", [](const Site& s) { return held(s.electrical.generatorRating); }}},
        {"/electrical/mechanical_on_ups", {"true", [](const Site& s) { return held(s.electrical.mechanicalOnUps); }}},
        {"/electrical/lighting", {R"("12 W/m2")", [](const Site& s) { return held(s.electrical.lightingWPerM2); }}},
        {"/electrical/ancillary", {R"("2 %")", [](const Site& s) { return held(s.electrical.ancillaryFraction); }}},
        {"/cooling/design", {R"("air_cooled_chillers")", [](const Site& s) { return held(s.cooling.design); }}},
        {"/cooling/supply_air/min", {R"("17 degC")", [](const Site& s) { return held(s.cooling.envelope.minDryBulb); }}},
        {"/cooling/supply_air/max", {R"("26 degC")", [](const Site& s) { return held(s.cooling.envelope.maxDryBulb); }}},
        {"/cooling/supply_air/max_dew_point", {R"("14 degC")", [](const Site& s) { return held(s.cooling.envelope.maxDewPoint); }}},
        {"/cooling/supply_air/min_dew_point", {R"("-10 degC")", [](const Site& s) { return held(s.cooling.envelope.minDewPoint); }}},
        {"/cooling/supply_air/min_rh", {R"("9 %")", [](const Site& s) { return held(s.cooling.envelope.minRelativeHumidity); }}},
        {"/cooling/supply_air/max_rh", {R"("85 %")", [](const Site& s) { return held(s.cooling.envelope.maxRelativeHumidity); }}},
        {"/cooling/supply_air/humidify", {"true", [](const Site& s) { return held(s.cooling.envelope.humidify); }}},
        {"/cooling/delta_t", {R"("11 K")", [](const Site& s) { return held(s.cooling.supplyReturnDelta); }}},
        {"/cooling/fan/design_sfp", {"\"1.1 kW/(m3/s)\"", [](const Site& s) { return held(s.cooling.designSpecificFanPower); }}},
        {"/cooling/evaporative/effectiveness", {R"("80 %")", [](const Site& s) { return held(s.cooling.evaporativeEffectiveness); }}},
        {"/cooling/indirect/effectiveness", {R"("65 %")", [](const Site& s) { return held(s.cooling.indirectEffectiveness); }}},
        {"/cooling/tower/approach", {R"("5 K")", [](const Site& s) { return held(s.cooling.towerApproach); }}},
        {"/cooling/water/cycles_of_concentration", {"5", [](const Site& s) { return held(s.cooling.cyclesOfConcentration); }}},
        {"/cooling/water/drift", {R"("0.01 %")", [](const Site& s) { return held(s.cooling.driftFraction); }}},
        {"/cooling/mechanical_capacity", {R"("7 MW")", [](const Site& s) { return held(s.cooling.mechanicalCapacityPerHall); }}},
        {"/cooling/chiller/chilled_water", {R"("12 degC")", [](const Site& s) { return held(s.cooling.chilledWaterSupply); }}},
        {"/cooling/chiller/coil_effectiveness", {R"("75 %")", [](const Site& s) { return held(s.cooling.coilEffectiveness); }}},
        {"/cooling/chiller/cop", {"5", [](const Site& s) { return held(s.cooling.chillerCopAtDesign); }}},
        {"/cooling/chiller/design_lift", {R"("18 K")", [](const Site& s) { return held(s.cooling.chillerDesignLift); }}},
        {"/cooling/liquid/share", {R"("50 %")", [](const Site& s) { return held(s.cooling.liquid->itShare); }}},
        // A class reads as its supply temperature in degC, the choice's value.
        {"/cooling/liquid/class", {R"("W27")", [](const Site& s) { return units::toCelsius(s.cooling.liquid->facilitySupply); }}},
        {"/cooling/liquid/supply_temperature", {R"("35 degC")", [](const Site& s) { return held(s.cooling.liquid->facilitySupply); }}},
        {"/cooling/liquid/dry_cooler_approach", {R"("6 K")", [](const Site& s) { return held(s.cooling.liquid->dryCoolerApproach); }}},
        {"/cooling/liquid/adiabatic_above", {R"("30 degC")", [](const Site& s) { return held(s.cooling.liquid->adiabaticAbove); }}},
        {"/cooling/liquid/pump_power", {R"("2 %")", [](const Site& s) { return s.cooling.liquid->pumpWPerKw / 1000.0; }}},
        {"/it/chip", {R"("trainium1")", [](const Site& s) { return held(s.it.chip.id); }}},
        {"/it/chip_overrides/peak_power", {R"("400 W")", [](const Site& s) { return held(s.it.chip.peakPower); }}},
        {"/it/chip_overrides/idle_power", {R"("100 W")", [](const Site& s) { return held(s.it.chip.idlePower); }}},
        {"/it/chip_overrides/dense_fp8", {R"("1000 TFLOPS")", [](const Site& s) { return *s.it.chip.denseTflops[0] * 1e12; }}},
        {"/it/chip_overrides/dense_bf16", {R"("500 TFLOPS")", [](const Site& s) { return *s.it.chip.denseTflops[1] * 1e12; }}},
        {"/it/chip_overrides/dense_fp32", {R"("100 TFLOPS")", [](const Site& s) { return *s.it.chip.denseTflops[2] * 1e12; }}},
        {"/it/chip_overrides/dense_tf32", {R"("200 TFLOPS")", [](const Site& s) { return *s.it.chip.denseTflops[3] * 1e12; }}},
        {"/it/chip_overrides/hbm", {R"("64 GiB")", [](const Site& s) { return held(s.it.chip.hbm); }}},
        {"/it/chip_overrides/hbm_bandwidth", {R"("2000 GB/s")", [](const Site& s) { return held(s.it.chip.hbmBandwidth); }}},
        {"/it/platform", {R"("trn2-server")", [](const Site& s) { return held(s.it.platform.id); }}},
        {"/it/platform_overrides/chips_per_server", {"8", [](const Site& s) { return held(s.it.platform.chipsPerServer); }}},
        {"/it/platform_overrides/servers_per_ultraserver", {"2", [](const Site& s) { return held(s.it.platform.serversPerUltraServer); }}},
        {"/it/platform_overrides/rack_units_per_server", {"10", [](const Site& s) { return held(s.it.platform.rackUnitsPerServer); }}},
        {"/it/platform_overrides/host_power", {R"("1 kW")", [](const Site& s) { return held(s.it.platform.hostPowerPerServer); }}},
        {"/it/platform_overrides/fan_power", {R"("500 W")", [](const Site& s) { return held(s.it.platform.fanPowerPerServer); }}},
        {"/it/platform_overrides/nic_power", {R"("300 W")", [](const Site& s) { return held(s.it.platform.nicPowerPerServer); }}},
        {"/it/platform_overrides/nic_ports", {"4", [](const Site& s) { return held(s.it.platform.nicPortsPerServer); }}},
        {"/it/platform_overrides/nic_port_speed", {R"("75 GB/s")", [](const Site& s) { return held(s.it.platform.nicPortSpeed); }}},
        {"/it/ultraservers", {"10", [](const Site& s) { return held(s.it.ultraServers); }}},
        {"/it/rack_units", {"42", [](const Site& s) { return held(s.it.rackUnitsPerRack); }}},
        {"/it/utilization", {R"("60 %")", [](const Site& s) { return held(s.it.utilization); }}},
        {"/it/psu_efficiency", {R"(["91 %", "95 %", "97 %", "92 %"])", [](const Site& s) { return held(s.it.psuEfficiency); }}},
        {"/fabric/switch", {R"("25.6t-64x400g")", [](const Site& s) { return held(s.fabric.switchId); }}},
        {"/fabric/oversubscription", {R"("2:1")", [](const Site& s) { return held(s.fabric.oversubscription); }}},
        {"/fabric/planes", {"2", [](const Site& s) { return held(s.fabric.planes); }}},
        {"/workloads/training/*/name", {R"("t2")", [](const Site& s) { return held(s.training.at(0).name); }}},
        {"/workloads/training/*/layers", {"3", [](const Site& s) { return held(s.training.at(0).model.layers); }}},
        {"/workloads/training/*/hidden", {"128", [](const Site& s) { return held(s.training.at(0).model.hidden); }}},
        {"/workloads/training/*/heads", {"8", [](const Site& s) { return held(s.training.at(0).model.heads); }}},
        {"/workloads/training/*/kv_heads", {"2", [](const Site& s) { return held(s.training.at(0).model.kvHeads); }}},
        {"/workloads/training/*/ffn_hidden", {"512", [](const Site& s) { return held(s.training.at(0).model.ffnHidden); }}},
        {"/workloads/training/*/gated_mlp", {"true", [](const Site& s) { return held(s.training.at(0).model.gatedMlp); }}},
        {"/workloads/training/*/vocabulary", {"2000", [](const Site& s) { return held(s.training.at(0).model.vocabulary); }}},
        {"/workloads/training/*/tied_embeddings", {"true", [](const Site& s) { return held(s.training.at(0).model.tiedEmbeddings); }}},
        {"/workloads/training/*/dropout", {"true", [](const Site& s) { return held(s.training.at(0).model.dropout); }}},
        {"/workloads/training/*/sequence", {"256", [](const Site& s) { return held(s.training.at(0).model.sequence); }}},
        {"/workloads/training/*/global_batch", {"16", [](const Site& s) { return held(s.training.at(0).globalBatch); }}},
        {"/workloads/training/*/tokens", {"3e10", [](const Site& s) { return held(s.training.at(0).tokens); }}},
        {"/workloads/training/*/precision", {R"("fp8")", [](const Site& s) { return held(s.training.at(0).precision); }}},
        {"/workloads/training/*/recompute", {R"("full")", [](const Site& s) { return held(s.training.at(0).recompute); }}},
        {"/workloads/training/*/achievable_fraction", {R"("55 %")", [](const Site& s) { return held(s.training.at(0).achievableFraction); }}},
        {"/workloads/training/*/start", {R"("06-01")", [](const Site& s) { return held(s.training.at(0).startHourOfYear); }}},
        {"/workloads/inference/*/name", {R"("i2")", [](const Site& s) { return held(s.inference.at(0).name); }}},
        {"/workloads/inference/*/layers", {"3", [](const Site& s) { return held(s.inference.at(0).model.layers); }}},
        {"/workloads/inference/*/hidden", {"128", [](const Site& s) { return held(s.inference.at(0).model.hidden); }}},
        {"/workloads/inference/*/heads", {"8", [](const Site& s) { return held(s.inference.at(0).model.heads); }}},
        {"/workloads/inference/*/kv_heads", {"2", [](const Site& s) { return held(s.inference.at(0).model.kvHeads); }}},
        {"/workloads/inference/*/ffn_hidden", {"512", [](const Site& s) { return held(s.inference.at(0).model.ffnHidden); }}},
        {"/workloads/inference/*/gated_mlp", {"true", [](const Site& s) { return held(s.inference.at(0).model.gatedMlp); }}},
        {"/workloads/inference/*/vocabulary", {"2000", [](const Site& s) { return held(s.inference.at(0).model.vocabulary); }}},
        {"/workloads/inference/*/tied_embeddings", {"true", [](const Site& s) { return held(s.inference.at(0).model.tiedEmbeddings); }}},
        {"/workloads/inference/*/dropout", {"true", [](const Site& s) { return held(s.inference.at(0).model.dropout); }}},
        {"/workloads/inference/*/precision", {R"("bf16")", [](const Site& s) { return held(s.inference.at(0).precision); }}},
        {"/workloads/inference/*/bytes_per_parameter", {"2", [](const Site& s) { return held(s.inference.at(0).bytesPerParameter); }}},
        {"/workloads/inference/*/kv_bytes_per_value", {"1", [](const Site& s) { return held(s.inference.at(0).kvBytesPerValue); }}},
        {"/workloads/inference/*/prompt_tokens", {"200", [](const Site& s) { return held(s.inference.at(0).promptTokens); }}},
        {"/workloads/inference/*/output_tokens", {"20", [](const Site& s) { return held(s.inference.at(0).outputTokens); }}},
        {"/workloads/inference/*/time_per_output_token", {R"("40 ms")", [](const Site& s) { return held(s.inference.at(0).timePerOutputToken); }}},
        {"/workloads/inference/*/time_to_first_token", {R"("2 s")", [](const Site& s) { return held(s.inference.at(0).timeToFirstToken); }}},
        {"/workloads/inference/*/achievable_fraction", {R"("50 %")", [](const Site& s) { return held(s.inference.at(0).achievableFraction); }}},
        {"/plan/first_year", {"2031", [](const Site& s) { return held(s.plan->firstYear); }}},
        {"/plan/last_year", {"2034", [](const Site& s) { return held(s.plan->lastYear); }}},
        {"/plan/phases/*/year", {"2032", [](const Site& s) { return held(s.plan->phases.at(0).year); }}},
        {"/plan/phases/*/first_building", {"2", [](const Site& s) { return held(s.plan->phases.at(0).firstBuilding); }}},
        {"/plan/phases/*/buildings", {"3", [](const Site& s) { return held(s.plan->phases.at(0).buildings); }}},
        {"/plan/phases/*/first_hall", {"2", [](const Site& s) { return held(s.plan->phases.at(0).firstHall); }}},
        {"/plan/phases/*/halls", {"1", [](const Site& s) { return held(s.plan->phases.at(0).halls); }}},
        {"/plan/phases/*/platform", {R"("trn3-ultraserver")", [](const Site& s) { return held(s.plan->phases.at(0).platformId); }}},
        {"/plan/phases/*/ultraservers", {"10", [](const Site& s) { return held(s.plan->phases.at(0).ultraServers); }}},
        {"/plan/refresh/*/platform", {R"("hgx-h100-8gpu")", [](const Site& s) { return held(s.plan->refresh.at(0).platformId); }}},
        {"/plan/refresh/*/service_life", {"4", [](const Site& s) { return held(s.plan->refresh.at(0).serviceLifeYears); }}},
        {"/plan/refresh/*/replacement", {R"("hgx-b200-8gpu")", [](const Site& s) { return held(s.plan->refresh.at(0).replacementId); }}},
        {"/plan/utilization/*/year", {"2031", [](const Site& s) { return held(s.plan->utilization.at(0).year); }}},
        {"/plan/utilization/*/value", {R"("50 %")", [](const Site& s) { return held(s.plan->utilization.at(0).value); }}},
        {"/plan/grid/carbon_intensity/*/year", {"2031", [](const Site& s) { return held(s.plan->carbon.at(0).year); }}},
        {"/plan/grid/carbon_intensity/*/value", {R"("0.3 kg/kWh")", [](const Site& s) { return held(s.plan->carbon.at(0).value); }}},
        {"/plan/grid/cambium", {R"("RFCWc")", [](const Site& s) { return held(s.plan->cambium); }}},
        {"/plan/grid/annual_change", {R"("-3 %")", [](const Site& s) { return held(s.plan->carbonAnnualChange); }}},
        {"/plan/grid/water_intensity/*/year", {"2031", [](const Site& s) { return held(s.plan->water.at(0).year); }}},
        {"/plan/grid/water_intensity/*/value", {R"("1.5 L/kWh")", [](const Site& s) { return held(s.plan->water.at(0).value); }}},
        {"/plan/grid/water_annual_change", {R"("-2 %")", [](const Site& s) { return held(s.plan->waterAnnualChange); }}},
        {"/plan/climate/baseline_year", {"2000", [](const Site& s) { return held(s.plan->climate->baselineYear); }}},
        {"/plan/climate/target_year", {"2060", [](const Site& s) { return held(s.plan->climate->targetYear); }}},
        {"/plan/climate/mean_change", {R"(["2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K", "2 K"])", [](const Site& s) { return held(s.plan->climate->meanDeltaK); }}},
        {"/plan/climate/range_change", {R"(["0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K", "0.5 K"])", [](const Site& s) { return held(s.plan->climate->rangeDeltaK); }}},
        {"/plan/uncertainty/draws", {"5", [](const Site& s) { return held(s.plan->uncertainty->draws); }}},
        {"/plan/uncertainty/seed", {"9", [](const Site& s) { return held(s.plan->uncertainty->seed); }}},
        {"/plan/uncertainty/warming_step", {R"("10 %")", [](const Site& s) { return held(s.plan->uncertainty->warmingStep); }}},
        {"/plan/uncertainty/inputs/*/input", {R"("utilization")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).input); }}},
        {"/plan/uncertainty/inputs/*/distribution", {R"("uniform")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).distribution); }}},
        {"/plan/uncertainty/inputs/*/min", {R"("90 %")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).min); }}},
        {"/plan/uncertainty/inputs/*/mode", {R"("110 %")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).mode); }}},
        {"/plan/uncertainty/inputs/*/max", {R"("130 %")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).max); }}},
        {"/plan/uncertainty/inputs/*/mean", {R"("95 %")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).mean); }}},
        {"/plan/uncertainty/inputs/*/sd", {R"("5 %")", [](const Site& s) { return held(s.plan->uncertainty->inputs.at(0).sd); }}},
        {"/cost/construction_per_mw_it", {R"("10 MUSD/MW")", [](const Site& s) { return held(s.cost->constructionUsdPerW); }}},
        {"/cost/ai_premium", {R"("5 %")", [](const Site& s) { return held(s.cost->aiPremium); }}},
        {"/cost/land/area", {R"("100 acre")", [](const Site& s) { return held(s.cost->landArea); }}},
        {"/cost/land/price", {R"("6 USD/ft2")", [](const Site& s) { return held(s.cost->landUsdPerM2); }}},
        {"/cost/it/price_per_ultraserver", {R"("3 MUSD")", [](const Site& s) { return held(s.cost->ultraServerUsd); }}},
        {"/cost/network/price_per_switch", {R"("180000 USD")", [](const Site& s) { return held(s.cost->switchUsd); }}},
        {"/cost/network/price_per_transceiver", {R"("1000 USD")", [](const Site& s) { return held(s.cost->transceiverUsd); }}},
        {"/cost/electricity/price", {R"("0.09 USD/kWh")", [](const Site& s) { return held(s.cost->electricityUsdPerKwh); }}},
        {"/cost/electricity/demand_charge", {R"("12 USD/kW/month")", [](const Site& s) { return held(s.cost->demandChargeUsdPerWs); }}},
        {"/cost/water/price", {R"("2 USD/m3")", [](const Site& s) { return held(s.cost->waterUsdPerM3); }}},
        {"/cost/water/sewer_price", {R"("3 USD/m3")", [](const Site& s) { return held(s.cost->sewerUsdPerM3); }}},
        {"/cost/maintenance", {R"("2 %")", [](const Site& s) { return held(s.cost->maintenanceShare); }}},
        {"/cost/discount_rate", {R"("7 %")", [](const Site& s) { return held(s.cost->discountRate); }}},
        {"/cost/lives/servers", {R"("4 yr")", [](const Site& s) { return held(s.cost->serverLife); }}},
        {"/cost/lives/network", {R"("7 yr")", [](const Site& s) { return held(s.cost->networkLife); }}},
        {"/cost/lives/plant", {R"("15 yr")", [](const Site& s) { return held(s.cost->plantLife); }}},
        {"/cost/lives/shell", {R"("30 yr")", [](const Site& s) { return held(s.cost->shellLife); }}},
        {"/cost/embodied/die_area", {R"("814 mm^2")", [](const Site& s) { return held(s.cost->dieArea); }}},
        {"/cost/embodied/process_node", {R"("4 nm")", [](const Site& s) { return held(s.cost->dieNode); }}},
        {"/cost/embodied/hbm_carbon", {R"("0.5 kg/GB")", [](const Site& s) { return held(s.cost->hbmKgPerByte); }}},
        {"/cost/embodied/flash_per_server", {R"("7.68 TB")", [](const Site& s) { return held(s.cost->flashPerServer); }}},
        {"/cost/embodied/flash_carbon", {R"("0.01 kg/GB")", [](const Site& s) { return held(s.cost->flashKgPerByte); }}},
        {"/cost/embodied/server_rest", {R"("900 kg")", [](const Site& s) { return held(s.cost->serverRestKg); }}},
        {"/cost/embodied/switch", {R"("800 kg")", [](const Site& s) { return held(s.cost->switchKg); }}},
        {"/cost/embodied/building", {R"("700 t/MW")", [](const Site& s) { return held(s.cost->buildingKgPerW); }}},
        {"/cost/embodied/plant_share", {R"("70 %")", [](const Site& s) { return held(s.cost->plantShare); }}},
        {"/cost/embodied/shell_reduction", {R"("35 %")", [](const Site& s) { return held(s.cost->shellReduction); }}},
        {"/clean_energy/grid_mix", {R"("BPAT")", [](const Site& s) { return held(s.cleanEnergy->gridMix); }}},
        {"/clean_energy/wind/capacity", {R"("120 MW")", [](const Site& s) { return held(s.cleanEnergy->windCapacity); }}},
        {"/clean_energy/solar/capacity", {R"("80 MW")", [](const Site& s) { return held(s.cleanEnergy->solarCapacity); }}},
        {"/clean_energy/battery/power", {R"("40 MW")", [](const Site& s) { return held(s.cleanEnergy->battery->power); }}},
        {"/clean_energy/battery/energy", {R"("160 MWh")", [](const Site& s) { return held(s.cleanEnergy->battery->energy); }}},
        {"/clean_energy/battery/round_trip_efficiency", {R"("90 %")", [](const Site& s) { return held(s.cleanEnergy->battery->roundTripEfficiency); }}},
        {"/water_stress/category", {R"("high")", [](const Site& s) { return held(s.waterStress->category); }}},
        {"/water_stress/score", {"3.4", [](const Site& s) { return held(s.waterStress->score); }}},
    };
    // clang-format on
    return table;
}

/// What the row's sample must read as, computed from the row's kind alone.
json expectedFrom(const FieldDef& field, const json& sample) {
    const auto si = [&](const json& text) {
        const auto parsed = parseQuantityOfKind(field.quantity, text.get<std::string>());
        EXPECT_TRUE(parsed) << field.pointer;
        return parsed ? *parsed.value : 0.0;
    };
    switch (field.type) {
    case FieldType::Quantity:
        return si(sample);
    case FieldType::Series:
        return si(sample) * seriesScaleFromSi(field.quantity);
    case FieldType::QuantityList: {
        json list = json::array();
        for (const json& element : sample) {
            list.push_back(si(element));
        }
        return list;
    }
    case FieldType::Enum:
        return findChoice(field, sample.get<std::string>())->value;
    case FieldType::Ratio:
        return *parseRatio(sample);
    case FieldType::MonthDay:
        return *parseMonthDay(sample);
    default:
        return sample;
    }
}

/// Equal, numbers to 1e-12 relative (unit conversions round).
bool same(const json& a, const json& b) {
    if (a.is_number() && b.is_number()) {
        const double x = a.get<double>();
        const double y = b.get<double>();
        return std::abs(x - y) <= 1e-12 * std::max(std::abs(x), std::abs(y));
    }
    if (a.is_array() && b.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i) {
            if (!same(a[i], b[i])) {
                return false;
            }
        }
        return true;
    }
    return a == b;
}

std::string concrete(std::string_view pattern) {
    std::string pointer(pattern);
    for (auto star = pointer.find('*'); star != std::string::npos; star = pointer.find('*')) {
        pointer.replace(star, 1, "0");
    }
    return pointer;
}

// Rows without a binding are sections, and what the climate source reads itself.
TEST(SiteFields, EveryValueRowHasABinding) {
    for (const FieldDef& field : siteFields()) {
        const bool section = field.type == FieldType::Object ||
                             field.type == FieldType::ObjectArray ||
                             field.type == FieldType::Opaque;
        const bool readElsewhere =
            field.pointer == "/format" ||
            (field.pointer.starts_with("/climate/") && field.pointer != "/climate/note");
        EXPECT_EQ(field.to == nullptr, section || readElsewhere) << field.pointer;
        if (field.to != nullptr) {
            EXPECT_TRUE(oracles().contains(field.pointer))
                << field.pointer << ": give this test its sample and member";
        }
    }
    for (const auto& [pointer, oracle] : oracles()) {
        const FieldDef* field = findSiteField(pointer);
        EXPECT_TRUE(field != nullptr && field->to != nullptr) << pointer << " is no bound row";
    }
}

// Each bound row's sample, written alone into the base site, reaches the member the
// oracle names, which held something else before.
TEST(SiteFields, EachRowReachesItsMember) {
    ClimateCache climates;
    const json base = baseSite();
    const auto baseLoad = readSiteDocument(base, "site.json", HEADROOM_SOURCE_DIR, &climates);
    ASSERT_TRUE(baseLoad.site);
    int checked = 0;
    for (const FieldDef& field : siteFields()) {
        const auto oracle = oracles().find(field.pointer);
        if (field.to == nullptr || oracle == oracles().end()) {
            continue; // EveryValueRowHasABinding names these
        }
        const json sample = json::parse(oracle->second.sample);
        const json expected = expectedFrom(field, sample);
        EXPECT_FALSE(same(oracle->second.member(*baseLoad.site), expected))
            << field.pointer << ": the sample must differ from what the base site takes";
        json document = base;
        document[json::json_pointer(concrete(field.pointer))] = sample;
        const auto load = readSiteDocument(document, "site.json", HEADROOM_SOURCE_DIR, &climates);
        ASSERT_TRUE(load.site) << field.pointer << ": "
                               << (load.diagnostics.items().empty()
                                       ? std::string()
                                       : load.diagnostics.items().front().message);
        const json reached = oracle->second.member(*load.site);
        EXPECT_TRUE(same(reached, expected))
            << field.pointer << ": read " << reached.dump() << ", expected " << expected.dump();
        ++checked;
    }
    EXPECT_EQ(checked, static_cast<int>(oracles().size()));
}

TEST(SiteFields, BoundsParse) {
    // An unparsable bound would silently check nothing.
    for (const auto& field : siteFields()) {
        for (const std::string_view bound : {field.min, field.max}) {
            if (bound.empty() || field.quantity == QuantityKind::None) {
                continue;
            }
            EXPECT_TRUE(parseQuantityOfKind(field.quantity, bound))
                << field.pointer << ": " << bound;
        }
    }
}

// The cost catalog is the one home of a unit cost: each figure is the default of the field
// it names, with its source, and no cost field defaults to a figure of its own.
TEST(SiteFields, CostDefaultsAreTheCostCatalogs) {
    for (const CostFigure& figure : CostCatalog::builtin().figures()) {
        const FieldDef* field = findSiteField(figure.field);
        ASSERT_NE(field, nullptr) << figure.id;
        const auto taken = fieldDefault(*field, nlohmann::json::object());
        ASSERT_TRUE(taken) << figure.id;
        EXPECT_EQ(nlohmann::json::parse(taken->json), figure.value) << figure.id;
        EXPECT_EQ(taken->source, figure.source) << figure.id;
        const auto value = parseQuantityOfKind(field->quantity, figure.value);
        ASSERT_TRUE(value) << figure.id;
        EXPECT_FALSE(quantityRangeExpectation(*field, *value.value)) << figure.id;
    }
    for (const FieldDef& field : siteFields()) {
        if (field.pointer.starts_with("/cost/") && field.quantity != QuantityKind::Fraction &&
            !field.defaultJson.empty() && field.pointer != "/cost/electricity/demand_charge") {
            EXPECT_NE(CostCatalog::builtin().forField(field.pointer), nullptr) << field.pointer;
        }
    }
}

TEST(SiteFields, DefaultsPassTheirOwnChecks) {
    for (const auto& field : siteFields()) {
        if (field.defaultJson.empty()) {
            continue;
        }
        const auto value = nlohmann::json::parse(field.defaultJson);
        if (field.type == FieldType::Quantity) {
            auto parsed = parseQuantityOfKind(field.quantity, value.get<std::string>());
            EXPECT_TRUE(parsed) << field.pointer << ": " << parsed.error.message;
        }
        if (field.type == FieldType::Enum) {
            EXPECT_NE(findChoice(field, value.get<std::string>()), nullptr) << field.pointer;
        }
    }
}

// A report names a choice in words where the table gives them, and by its name elsewhere.
TEST(SiteFields, AChoiceIsNamedByItsLabelElseItsName) {
    EXPECT_EQ(choiceLabel("/cooling/design", static_cast<int>(CoolingDesign::IndirectEvaporative)),
              "Indirect evaporative");
    EXPECT_EQ(choiceLabel("/electrical/ups/mode", static_cast<int>(UpsMode::Eco)), "eco");
    EXPECT_EQ(choiceLabel("/cooling/design", 99), "");
    EXPECT_EQ(choiceLabel("/no/such/field", 0), "");
}

} // namespace
} // namespace headroom::model
