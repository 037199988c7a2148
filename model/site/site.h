#pragma once
// The typed, validated site: what the model computes from. SiteReader builds it from a
// "headroom-site/1" JSON file; every field below names its JSON pointer. References
// (EPW file, grid CSV, catalog ids) are resolved while reading, so a Site is complete:
// the simulation never touches a file. Defaults live in the field table (site_fields_*.cpp):
// each row binds its value to a member below, and the reader sets every bound member from
// the file or the row's default; a figure that may be absent is a std::optional.

#include "model/catalog/chip_spec.h"
#include "model/catalog/transformer.h"
#include "model/climate/climate.h"
#include "model/core/assumption.h"
#include "model/units/units.h"

#include <array>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// An hourly series resolved from a constant, a 12x24 month-by-hour table or a CSV
/// column; one value per hour of the climate year, in the unit its owner names.
struct HourlySeries {
    std::vector<double> values;
};

struct Location {                // json: /location
    double latitudeDeg = 0.0;    // /location/latitude (number, -90..90)
    double longitudeDeg = 0.0;   // /location/longitude (number, -180..180)
    units::Length elevation;     // /location/elevation "-500 m".."6000 m"
    double utcOffsetHours = 0.0; // /location/utc_offset (number, -12..14)
};

struct Grid {                       // json: /grid
    std::string region;             // /grid/region, e.g. "eGRID RFCW"
    HourlySeries carbonKgPerKwh;    // /grid/carbon_intensity: constant|table|csv
    HourlySeries waterLPerKwh;      // /grid/water_intensity (EWIF): constant|table|csv
    double renewableFraction = 0.0; // /grid/renewable/fraction "0 %".."100 %"
    std::optional<units::CarbonIntensity> residualMix; // /grid/renewable/residual_intensity
};

struct Campus {                                     // json: /campus
    units::Power utilityInterconnect;               // /campus/utility_interconnect "300 MW"
    std::optional<units::Volume> waterSupplyPerDay; // /campus/water_supply_per_day "2000 m3"
    int buildings = 1;                              // /campus/buildings/count
    int hallsPerBuilding = 1;                       // /campus/buildings/halls_per_building
    units::Power itPowerPerHall;                    // /campus/hall/it_power "16 MW"
    units::Area floorAreaPerHall;                   // /campus/hall/floor_area "5000 m2"
    int rackPositionsPerHall = 0;                   // /campus/hall/rack_positions
    units::Power rackPowerLimit;                    // /campus/hall/rack_power_limit "40 kW"
    int racksPerRow = 20;                           // /campus/hall/racks_per_row

    int halls() const { return buildings * hallsPerBuilding; }
};

enum class Redundancy { N, NPlus1, TwoN, DistributedRedundant4N3, DistributedRedundant3N2, Block };
enum class UpsMode { DoubleConversion, Eco };

/// Loss of a unit at per-unit load x: P_loss = rating * (noLoad + proportional*x + square*x^2).
struct LossModel {
    double noLoad = 0.0;
    double proportional = 0.0;
    double square = 0.0;
};

struct Electrical { // json: /electrical
    Redundancy redundancy =
        Redundancy::TwoN;           // /electrical/redundancy "N"|"N+1"|"2N"|"4N/3"|"3N/2"|"block"
    units::Power transformerRating; // /electrical/transformer/rating "3 MW"
    LossModel transformerLoss;      // /electrical/transformer/{no_load,proportional,square} "%"
    UpsMode upsMode = UpsMode::DoubleConversion; // /electrical/ups/mode
    units::Power upsModuleRating;                // /electrical/ups/module_rating "1.5 MW"
    LossModel upsLoss;            // /electrical/ups/{no_load,proportional,square}: defaults by mode
    LossModel pduLoss;            // /electrical/pdu/{no_load,proportional,square}
    units::Power generatorRating; // /electrical/generators/rating "2.5 MW"
    bool mechanicalOnUps = false; // /electrical/mechanical_on_ups
    double lightingWPerM2 = 0.0;  // /electrical/lighting "10 W/m2"
    double ancillaryFraction = 0.0; // /electrical/ancillary "1 %" of IT
};

enum class CoolingDesign {
    AirsideEconomizerEvaporative, ///< "airside_economizer_evaporative" (the Indiana design)
    IndirectEvaporative,          ///< "indirect_evaporative"
    ChilledWaterTowers,           ///< "chilled_water_towers" (waterside economizer)
    AirCooledChillers,            ///< "air_cooled_chillers" (dry economizer, no water)
    /// "airside_economizer_evaporative_water_cooled": the Indiana design with a water-cooled
    /// (cooling tower) trim chiller instead of an air-cooled one
    AirsideEconomizerWaterCooledChillers,
    /// "chilled_water_adiabatic_dry_coolers": dry-cooler economizer with adiabatic assist,
    /// chillers rejecting to the same dry coolers
    ChilledWaterAdiabaticDryCoolers,
};

struct SupplyEnvelope {                            // json: /cooling/supply_air
    units::Temperature minDryBulb;                 // /cooling/supply_air/min "18 degC"
    units::Temperature maxDryBulb;                 // /cooling/supply_air/max "27 degC"
    units::Temperature maxDewPoint;                // /cooling/supply_air/max_dew_point "15 degC"
    std::optional<units::Temperature> minDewPoint; // /cooling/supply_air/min_dew_point
    double minRelativeHumidity = 0.0;              // /cooling/supply_air/min_rh "8 %"
    double maxRelativeHumidity = 0.0;              // /cooling/supply_air/max_rh "80 %"
    bool humidify = false;                         // /cooling/supply_air/humidify
};

struct LiquidCooling {                 // json: /cooling/liquid
    double itShare = 0.0;              // /cooling/liquid/share "70 %" of IT heat
    units::Temperature facilitySupply; // /cooling/liquid/class "W32", or /supply_temperature
    units::TemperatureDifference dryCoolerApproach; // /cooling/liquid/dry_cooler_approach "5 K"
    units::Temperature adiabaticAbove;              // /cooling/liquid/adiabatic_above "28 degC"
    double pumpWPerKw = 0.0; // /cooling/liquid/pump_power "1.5 %" of liquid heat
};

struct Cooling {                                                        // json: /cooling
    CoolingDesign design = CoolingDesign::AirsideEconomizerEvaporative; // /cooling/design
    SupplyEnvelope envelope;
    units::TemperatureDifference supplyReturnDelta; // /cooling/delta_t "12 K"
    units::SpecificFanPower designSpecificFanPower; // /cooling/fan/design_sfp "1.2 kW/(m3/s)"
    double evaporativeEffectiveness = 0.0;          // /cooling/evaporative/effectiveness "85 %"
    double indirectEffectiveness = 0.0;             // /cooling/indirect/effectiveness "70 %"
    units::TemperatureDifference towerApproach;     // /cooling/tower/approach "4 K"
    double cyclesOfConcentration = 0.0;             // /cooling/water/cycles_of_concentration
    double driftFraction = 0.0;                     // /cooling/water/drift "0.02 %" of circulation
    /// Fixed chilled-water supply; reset from the supply-air maximum when absent.
    std::optional<units::Temperature> chilledWaterSupply; // /cooling/chiller/chilled_water
    double coilEffectiveness = 0.0;                 // /cooling/chiller/coil_effectiveness "80 %"
    double chillerCopAtDesign = 0.0;                // /cooling/chiller/cop
    units::TemperatureDifference chillerDesignLift; // /cooling/chiller/design_lift "20 K"
    std::optional<LiquidCooling> liquid;
    /// Compressor (trim) cooling installed per hall; sized to the design hour when absent.
    std::optional<units::Power> mechanicalCapacityPerHall; // /cooling/mechanical_capacity
};

/// Utilization of the chips: a constant, a 24-hour profile or an hourly CSV column,
/// resolved to one value (0-1) per hour of the year.
struct ItDeployment { // json: /it
    ChipSpec chip;
    PlatformSpec platform;
    std::optional<int> ultraServers; // /it/ultraservers (count) or "fill" (empty)
    int rackUnitsPerRack = 48;       // /it/rack_units
    HourlySeries utilization;        // /it/utilization
    /// PSU efficiency at 10/20/50/100 % load (80 PLUS Titanium: 90/94/96/91 %).
    std::array<double, 4> psuEfficiency{0.90, 0.94, 0.96, 0.91}; // /it/psu_efficiency
};

/// One server at peak, at the server: its chips, host, fans and NICs.
inline units::Power serverPeakPower(const ItDeployment& it) {
    return static_cast<double>(it.platform.chipsPerServer) * it.chip.peakPower +
           it.platform.hostPowerPerServer + it.platform.fanPowerPerServer +
           it.platform.nicPowerPerServer;
}
/// The same at the PSU input (what a rack position must feed), at the full-load efficiency
/// (80 PLUS Titanium 91 % at 100 % [clearesult-80plus]): the worst hour.
inline units::Power serverInputPower(const ItDeployment& it) {
    return serverPeakPower(it) / it.psuEfficiency[3]; // the reader refuses below 1 %
}
/// The most chips a deployment may count (ComputeSizing holds them in an int).
inline constexpr long long kMaxChips = 2147483647;

struct Fabric {                    // json: /fabric
    std::string switchId;          // /fabric/switch "51.2t-64x800g"
    double oversubscription = 1.0; // /fabric/oversubscription "1:1" -> 1
    int planes = 1;                // /fabric/planes
};

/// A training run of a dense transformer on every deployed chip: its shape and data, from
/// which the performance engine (model/perf) finds the parallel layout, the step time and
/// the MFU it implies. Fields without a pointer sit in the model shape (TransformerShape,
/// /workloads/training/N/{layers, hidden, heads, kv_heads, ffn_hidden, gated_mlp,
/// vocabulary, tied_embeddings, dropout, sequence}).
struct TrainingWorkload { // json: /workloads/training/N
    std::string name;
    TransformerShape model;
    int globalBatch = 0;                // /global_batch (sequences per step)
    double tokens = 0.0;                // /tokens (number)
    int precision = 1;                  ///< index into denseTflops: 0 FP8, 1 BF16, 2 FP32, 3 TF32
    std::optional<Recompute> recompute; // /recompute; absent: the layout search chooses
    double achievableFraction = 0.6;    // /achievable_fraction "60 %" of dense peak in matmuls
    int startHourOfYear = 0;            // /start "06-01" (month-day) -> hour index
};

/// A served model: its shape, the request mix and the latency target, from which the
/// engine finds the replica size and the largest batch meeting the target.
struct InferenceWorkload { // json: /workloads/inference/N
    std::string name;
    TransformerShape model;                      // its sequence is not used
    int precision = 0;                           // /precision
    double bytesPerParameter = 1.0;              // /bytes_per_parameter
    double kvBytesPerValue = 2.0;                // /kv_bytes_per_value
    int promptTokens = 0;                        // /prompt_tokens (mean)
    int outputTokens = 0;                        // /output_tokens (mean)
    units::Time timePerOutputToken;              // /time_per_output_token "50 ms"
    std::optional<units::Time> timeToFirstToken; // /time_to_first_token "2 s"
    double achievableFraction = 0.6;             // /achievable_fraction "60 %"
};

/// A value by year: one point holds for every year; more are interpolated linearly
/// between their years, and must cover the plan's horizon.
struct YearPoint {
    int year = 0;       // /year
    double value = 0.0; // /value, in the unit its trajectory names
};

/// A step of the build-out: halls firstHall..firstHall+halls-1 of each of the buildings
/// firstBuilding..firstBuilding+buildings-1 energized in a year with a platform of the
/// catalog, as many UltraServers as given or as fit.
struct PlanPhase {                   // json: /plan/phases/N
    int year = 0;                    // /year
    int firstBuilding = 1;           // /first_building (1-based)
    int buildings = 1;               // /buildings (count)
    int firstHall = 1;               // /first_hall (1-based, in each building)
    std::optional<int> halls;        // /halls (count in each building; empty: to the last)
    std::string platformId;          // /platform "trn2-ultraserver"
    std::optional<int> ultraServers; // /ultraservers (count) or "fill" (empty)

    /// Halls energized in each of the phase's buildings, of hallsPerBuilding.
    int hallsPerBuilding(int campusHallsPerBuilding) const {
        return halls.value_or(campusHallsPerBuilding - firstHall + 1);
    }
};

/// A platform's service life and what the catalog replaces it with.
struct PlanRefresh {           // json: /plan/refresh/N
    std::string platformId;    // /platform
    int serviceLifeYears = 5;  // /service_life
    std::string replacementId; // /replacement
};

/// Monthly change in mean dry bulb and daily range at a target year, against the year the
/// present-day weather stands for, scaled linearly with the years (Belcher et al. 2005).
struct PlanClimate {                      // json: /plan/climate
    int baselineYear = 2005;              // /baseline_year
    int targetYear = 2050;                // /target_year
    std::array<double, 12> meanDeltaK{};  // /mean_change, 12 "K"
    std::array<double, 12> rangeDeltaK{}; // /range_change, 12 "K"
};

enum class CambiumRegion { None, RFCWc };

/// What a draw of the plan's uncertainty varies, each as a scale on the plan as written
/// (100 %: as written).
enum class PlanInput {
    Warming,             ///< the monthly climate changes (/plan/climate)
    GridDecarbonization, ///< each year's change in grid carbon from the horizon's first year
    Utilization,         ///< the utilization of every year (at most 100 %)
    ChipPower,           ///< every chip's peak and idle power
    FanPower,            ///< the design specific fan power (/cooling/fan/design_sfp)
    ServiceLife,         ///< every refresh rule's service life, rounded to whole years
    ConstructionCost,    ///< /cost/construction_per_mw_it
    ElectricityPrice,    ///< every hour's /cost/electricity/price
    BuildingCarbon,      ///< /cost/embodied/building
    HbmCarbon,           ///< /cost/embodied/hbm_carbon
};
/// CatalogRange: triangular from the cost catalog's low to its high figure, as scales of its
/// central one (resources/catalog/costs.json); the plan fills min, mode and max from it.
enum class PlanDistribution { Uniform, Triangular, Normal, CatalogRange };

/// A declared distribution of one input's scale.
struct PlanUncertainInput {                                    // json: /plan/uncertainty/inputs/N
    PlanInput input = PlanInput::Warming;                      // /input
    PlanDistribution distribution = PlanDistribution::Uniform; // /distribution
    std::optional<double> min, mode, max, mean, sd;            // "80 %" (the reader checks
                                                               // which the distribution needs)
};

/// Seeded draws of the whole plan over declared input distributions.
struct PlanUncertainty {                    // json: /plan/uncertainty
    int draws = 100;                        // /draws
    long long seed = 1;                     // /seed
    double warmingStep = 0.05;              // /warming_step "5 %" (0: no rounding)
    std::vector<PlanUncertainInput> inputs; // /inputs
};

struct Plan {                                    // json: /plan
    int firstYear = 0;                           // /first_year
    int lastYear = 0;                            // /last_year
    std::vector<PlanPhase> phases;               // /phases
    std::vector<PlanRefresh> refresh;            // /refresh
    std::vector<YearPoint> utilization;          // /utilization (0-1)
    std::vector<YearPoint> carbon;               // /grid/carbon_intensity (kg/kWh)
    CambiumRegion cambium = CambiumRegion::None; // /grid/cambium
    std::optional<double> carbonAnnualChange;    // /grid/annual_change "-3 %" a year
    std::vector<YearPoint> water;                // /grid/water_intensity (L/kWh)
    std::optional<double> waterAnnualChange;     // /grid/water_annual_change "-2 %" a year
    std::optional<PlanClimate> climate;
    std::optional<PlanUncertainty> uncertainty;
    /// Scales of one draw of the uncertainty that act where a year's site is made (chips
    /// come from the catalog per year; the grid's change is per year): 1 as written.
    double chipPowerScale = 1.0, gridChangeScale = 1.0;
};

/// Unit costs and prices in US dollars (json: /cost); an absent section means no cost
/// figures. Defaults come from the cost catalog (resources/catalog/costs.json).
struct CostInputs {
    double constructionUsdPerW = 0.0;     // /cost/construction_per_mw_it "11.7 MUSD/MW"
    double aiPremium = 0.0;               // /cost/ai_premium "8.5 %"
    std::optional<units::Area> landArea;  // /cost/land/area "224 acre"
    double landUsdPerM2 = 0.0;            // /cost/land/price "5.59 USD/ft2"
    std::optional<double> ultraServerUsd; // /cost/it/price_per_ultraserver (no published price)
    double switchUsd = 0.0;               // /cost/network/price_per_switch "200000 USD"
    double transceiverUsd = 0.0;          // /cost/network/price_per_transceiver "1250 USD"
    HourlySeries electricityUsdPerKwh;    // /cost/electricity/price: flat, time-of-use or hourly
    double demandChargeUsdPerWs = 0.0;    // /cost/electricity/demand_charge "12 USD/kW/month"
    std::optional<double> waterUsdPerM3;  // /cost/water/price "2.5 USD/m3"
    std::optional<double> sewerUsdPerM3;  // /cost/water/sewer_price, on the blowdown drained
    double maintenanceShare = 0.0;        // /cost/maintenance "3 %" of construction a year
    double discountRate = 0.0;            // /cost/discount_rate "8 %"
    units::Time serverLife, networkLife, plantLife, shellLife; // /cost/lives/* "5 yr"
    // The embodied carbon of what is built (/cost/embodied; model/cost/embodied_carbon.h).
    std::optional<units::Area> dieArea;            // /cost/embodied/die_area, logic die per chip
    std::optional<units::Length> dieNode;          // /cost/embodied/process_node "4 nm"
    double hbmKgPerByte = 0.0;                     // /cost/embodied/hbm_carbon "0.4 kg/GB"
    std::optional<units::DataSize> flashPerServer; // /cost/embodied/flash_per_server
    double flashKgPerByte = 0.0;                   // /cost/embodied/flash_carbon "0.024 kg/GB"
    double serverRestKg = 0.0;                     // /cost/embodied/server_rest "1313 kg"
    double switchKg = 0.0;                         // /cost/embodied/switch "1313 kg"
    double buildingKgPerW = 0.0;                   // /cost/embodied/building "980 t/MW"
    double plantShare = 0.0;                       // /cost/embodied/plant_share "60 %"
    double shellReduction = 0.0;                   // /cost/embodied/shell_reduction "0 %"
};

/// The balancing authorities whose EIA-930 2022 hourly generation mix is bundled
/// (resources/grid/README.md).
enum class BalancingAuthority { AZPS, BPAT, PJM };

struct BatteryInputs {                // json: /clean_energy/battery
    units::Power power;               // /power "50 MW", charge and discharge
    units::Energy energy;             // /energy "200 MWh", usable
    double roundTripEfficiency = 0.0; // /round_trip_efficiency "85 %"
};

/// Hourly carbon-free energy (json: /clean_energy); an absent section means no CFE figures,
/// an absent contract means none.
struct CleanEnergyInputs {
    BalancingAuthority gridMix = BalancingAuthority::PJM; // /grid_mix "PJM"
    std::optional<units::Power> windCapacity;             // /wind/capacity "100 MW"
    std::optional<units::Power> solarCapacity;            // /solar/capacity "100 MW"
    std::optional<BatteryInputs> battery;                 // /battery
};

/// WRI Aqueduct 4.0 baseline water stress categories, by withdrawals / available supply:
/// low < 10 %, low-medium 10-20 %, medium-high 20-40 %, high 40-80 %, extremely high > 80 %.
enum class WaterStressCategory { AridLowWaterUse, Low, LowMedium, MediumHigh, High, ExtremelyHigh };

/// The baseline water stress of the basin the site draws from (json: /water_stress), as
/// the user read it from Aqueduct; both absent where it was not found.
struct WaterStressInputs {
    std::optional<WaterStressCategory> category; // /category "extremely_high"
    std::optional<double> score;                 // /score 0-5
};

struct Site {
    std::string name;  // /name
    std::string notes; // /notes
    Location location;
    std::shared_ptr<const Climate> climate; // /climate: {epw} | {digest} | {csv}
    std::string climateNote;                // /climate/note, e.g. the proxy-station remark
    Grid grid;
    Campus campus;
    Electrical electrical;
    Cooling cooling;
    ItDeployment it;
    Fabric fabric;
    std::vector<TrainingWorkload> training;
    std::vector<InferenceWorkload> inference;
    std::optional<Plan> plan;       ///< /plan: the site over years; absent for one year
    std::optional<CostInputs> cost; ///< /cost: absent, no cost figures
    std::optional<CleanEnergyInputs> cleanEnergy; ///< /clean_energy: absent, no CFE figures
    std::optional<WaterStressInputs> waterStress; ///< /water_stress: absent, not assessed
    Assumptions assumptions;                      ///< defaults used and sourced fields, for reports
};

} // namespace headroom::model
