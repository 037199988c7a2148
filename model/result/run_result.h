#pragma once
// What one simulated site-year produces: sizing and bill of materials, hourly series,
// monthly and annual KPIs, capacity headroom, workload results and diagnostics.
// simulate() (model/sim/simulate.h) is the only thing that makes one. Hourly arrays
// are plain doubles with their unit in the name; all are site totals (every hall).
// It carries the inputs a report prints beside the figures (RunInputs), so a writer
// needs the result alone.

#include "model/core/assumption.h"
#include "model/core/diagnostic.h"
#include "model/site/site.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace headroom::model {

/// How the cooling plant ran in an hour, from least to most energy.
enum class CoolingMode : std::uint8_t {
    Recirculation,     ///< outside air mixed with return air (cold hours)
    FreeCooling,       ///< 100 % outside air, or full waterside/dry economizer
    Evaporative,       ///< evaporative assist (direct, indirect or adiabatic)
    PartialMechanical, ///< economizer plus mechanical trim
    Mechanical,        ///< compressors carry the whole load
};
inline constexpr int kCoolingModeCount = 5;
const char* coolingModeName(CoolingMode mode); ///< "recirculation", "free_cooling", ...

/// Where an hour's supply air stood against the envelope's humidity limits when the plant
/// could not bring it inside: drier than the minimum (no humidifier), or more humid than
/// the maximum (recirculated cold air the plant does not dry).
enum class EnvelopeExcursion : std::uint8_t {
    Inside,
    TooDry,
    TooHumid,
};

/// The hourly series themselves; HourlyResults adds what their storage does.
struct HourlyData {
    std::vector<std::uint8_t> month, day, hour; ///< local standard time, hour ending
    std::vector<double> dryBulbC, wetBulbC, dewPointC;
    std::vector<double> itPowerKw;  ///< at the chips, hosts, fans, NICs and network
    std::vector<double> psuLossKw;  ///< rack power supplies
    std::vector<double> fanPowerKw; ///< air movers of the cooling plant
    std::vector<double> pumpPowerKw;
    std::vector<double> compressorPowerKw;
    std::vector<double> heatRejectionPowerKw; ///< tower, dry cooler and condenser fans
    std::vector<double> transformerLossKw, upsLossKw, pduLossKw;
    std::vector<double> ancillaryPowerKw; ///< lighting and ancillary
    std::vector<double> facilityPowerKw;  ///< IT + PSU + mechanical + losses + ancillary
    std::vector<CoolingMode> mode;
    std::vector<double> evaporationL, blowdownL, driftL, humidificationL; ///< per hour
    std::vector<double> gridCarbonKgPerKwh, gridWaterLPerKwh;
    std::vector<double> carbonKg; ///< location-based
    /// 1 when evaporative media, cooling towers or adiabatic assist were wetted in the hour.
    std::vector<std::uint8_t> evaporative;
    /// Whether the supply air could not be held inside the envelope, and on which side.
    std::vector<EnvelopeExcursion> outsideEnvelope;

    std::size_t hours() const { return itPowerKw.size(); }
};

/// A year's hourly series. Their storage (21 series of doubles, ~1.5 MB for a year) is
/// recycled: a result that lets go of it (destroyed, or assigned over) gives it to a
/// bounded, process-wide store, and prepare() takes it from there. Every run makes a fresh
/// result and drops an old one (a sweep's worker, a plan's years, each edit in the desktop
/// app), and freshly allocated arrays of that size are a cost of their own: the allocator
/// may hand the memory back to the kernel when a result dies, and the next year faults
/// every page of it in again (about 400 faults, more than the year's model takes).
struct HourlyResults : HourlyData {
    HourlyResults() = default;
    HourlyResults(const HourlyResults&) = default;
    HourlyResults(HourlyResults&&) noexcept = default;
    HourlyResults& operator=(const HourlyResults&) = default;
    HourlyResults& operator=(HourlyResults&& other) noexcept; ///< recycles its own first
    ~HourlyResults();

    /// Sizes every series to hours; hours added are 0.
    void resize(std::size_t hours);
    /// Sizes every series to hours for a writer that sets every value of every hour
    /// (simulate()): storage is taken from the store when there is some, and the values
    /// it holds are not cleared.
    void prepare(std::size_t hours);

private:
    void recycle() noexcept; ///< gives the storage of the series of doubles to the store
};

/// An hourly series of doubles: its column name and where it is in the result.
struct HourlyField {
    std::string name;
    std::vector<double> HourlyResults::*values;
};
/// Every hourly series of doubles, in the order of hourly.csv and the store's hourly table:
/// the one list of them.
const std::vector<HourlyField>& hourlyFields();

/// Twelve values, January first.
using Monthly = std::array<double, 12>;

struct MonthlyResults {
    Monthly pue{}, wueSiteLPerKwh{}, wueSourceLPerKwh{}, waterM3{}, waterHours{};
    Monthly carbonLocationT{}, carbonMarketT{}, itEnergyMwh{}, facilityEnergyMwh{};
    Monthly evaporationM3{}, blowdownM3{}, driftM3{}, humidificationM3{};
    Monthly mechanicalEnergyMwh{}, electricalLossMwh{};
    /// Hours the supply air left the envelope's humidity limits, and on which side.
    Monthly hoursOutsideEnvelope{}, hoursTooDry{}, hoursTooHumid{};
};

/// Ratios to IT energy (PUE, WUE, CUE, MLC, ELC) are 0 when the year has no IT energy,
/// where they are undefined; the writers print them as null (JSON), empty (CSV) or NULL.
struct AnnualResults {
    double pue = 0.0;
    double ppueCooling = 0.0;      ///< (IT + cooling) / IT
    double ppuePower = 0.0;        ///< (IT + electrical losses) / IT
    double wueSiteLPerKwh = 0.0;   ///< site water / IT energy (ISO/IEC 30134-9)
    double wueSourceLPerKwh = 0.0; ///< + EWIF x PUE (Green Grid)
    double cueKgPerKwh = 0.0;      ///< location-based (ISO/IEC 30134-8)
    double itEnergyMwh = 0.0, facilityEnergyMwh = 0.0;
    double waterM3 = 0.0;     ///< site water: evaporation, blowdown, drift, humidification
    double gridWaterM3 = 0.0; ///< water of generating the electricity drawn (EWIF x facility)
    double carbonLocationT = 0.0, carbonMarketT = 0.0;
    double peakFacilityMw = 0.0, peakItMw = 0.0;
    std::vector<int> zeroWaterMonths; ///< month numbers 1-12 that used no cooling water
    int waterFreeHours = 0;
    int longestWaterFreeRunDays = 0;
    std::array<int, kCoolingModeCount> modeHours{};
    double mlcAnnualized = 0.0; ///< ASHRAE 90.4 mechanical load component
    double elcAnnualized = 0.0; ///< ASHRAE 90.4 electrical loss component
    /// IT energy above is at the rack input (chips, hosts, fans, NICs, network and their
    /// PSU losses), where ISO/IEC 30134-2 measures it; PUE and WUE divide by it.
    int hoursOutsideEnvelope = 0;  ///< hours the supply air left the envelope: dry + humid
    int hoursTooDry = 0;           ///< drier than the envelope's minimum (no humidifier)
    int hoursTooHumid = 0;         ///< more humid than its maximum
    double designHourPue = 0.0;    ///< facility / IT at the design hour, full utilization
    double waterMaxDayM3 = 0.0;    ///< the year's thirstiest day
    double waterMaxDayItMwh = 0.0; ///< IT energy (rack input) of that day
};

/// What limits the IT a site can hold (IT at the rack input, every chip at peak).
enum class Constraint : std::uint8_t {
    UtilityInterconnect, ///< interconnect / facility-to-IT ratio at the design hour
    HallPower,           ///< halls x hall IT rating
    RackPositions,       ///< rack positions x the deployment's IT per rack
    Cooling,             ///< compressor capacity / compressor duty per kW at the design hour
    WaterSupply,         ///< daily supply limit / the thirstiest day's water per kW
};
inline constexpr int kConstraintCount = 5;
const char* constraintName(Constraint constraint); ///< "utility_interconnect", ...

/// A figure that may not exist: a constraint that does not limit has no maximum. Results
/// hold no NaN or infinity (tests/finite_results_test.cpp walks every number).
using OptionalMw = std::optional<double>;

struct CapacityResult {
    /// Most IT power the site supports under each constraint alone, MW; nullopt when the
    /// constraint does not limit (no water used or no supply limit given, no IT at all).
    std::array<OptionalMw, kConstraintCount> maxItMw{};
    /// What is left under each constraint at the deployed IT load, MW; nullopt with maxItMw.
    std::array<OptionalMw, kConstraintCount> headroomMw{};
    Constraint binding = Constraint::UtilityInterconnect;
    int maxUltraServers = 0; ///< under the binding constraint
    /// IT power of the deployment at full utilization (rack input), MW; headroom is
    /// measured from it.
    double deployedItMw = 0.0;
};

struct BomLine {
    std::string category; ///< "compute", "network", "electrical", "cooling"
    std::string item;     ///< "Trn2 UltraServer", "51.2 Tb/s switch (tier 2)", ...
    double quantity = 0.0;
    std::string unit; ///< "each", "MW", ...
};

struct ComputeSizing {
    int ultraServers = 0, servers = 0, chips = 0, racks = 0, rows = 0, hallsUsed = 0;
    double strandedPowerPerRackKw = 0.0, strandedPowerPerHallKw = 0.0;
    double networkPowerKw = 0.0;
    int fabricTiers = 0;
    std::vector<int> switchesPerTier;
    long long transceivers = 0, cables = 0;
    double bisectionTbps = 0.0;
    /// FP8, BF16, FP32, TF32; absent where the chip publishes no rate at that precision.
    std::array<std::optional<double>, 4> peakPflops{};

    // Placement detail (model/sizing/compute_sizing.cpp).
    int buildingsUsed = 0;
    int serversPerRack = 0;      ///< a full rack
    int racksPerUltraServer = 0; ///< adjacent racks one UltraServer spans (1 when shared)
    int ultraServersPerHall = 0; ///< a full hall, under its power and rack positions
    long long ultraServersPerHallByPower = 0; ///< what a hall's IT rating feeds, at peak
    /// The most UltraServers the halls' ratings hold, each count with its own fabric (an
    /// UltraServer's share of it changes with the count, so this is not per hall x halls).
    long long ultraServersByHallPower = 0;
    long long ultraServersPerHallBySpace = 0; ///< what a hall's rack positions hold
    double serverPowerKw = 0.0;               ///< one server at peak, at the chips/host/fans/NICs
    double itPowerKw = 0.0;                   ///< every server at peak (network not included)
    /// What stopped "fill" (one more UltraServer would break it); nullopt for a given count.
    std::optional<Constraint> fillLimit;
    // Fabric detail (model/sizing/fabric.h).
    std::string switchId;
    long long fabricEndpoints = 0; ///< NIC ports
    long long switches = 0;
    std::vector<long long> linksPerTier; ///< [0] NIC-leaf, [t] tier t to t+1
    double switchPowerKw = 0.0, opticsPowerKw = 0.0;
};

struct PlantSizing {
    int transformers = 0, upsModules = 0, generators = 0, coolingUnits = 0;
    double transformerRatingMw = 0.0, upsModuleRatingMw = 0.0, generatorRatingMw = 0.0;
    double designHourFacilityMw = 0.0; ///< demand at the design hour, for the interconnect
    double upsLoadFraction = 0.0;      ///< per-unit load of each UPS module at design
};

/// What one run costs, charged with the hourly simulation over the hours it runs.
struct RunCosts {
    double itEnergyMwh = 0.0, facilityEnergyMwh = 0.0;
    double siteWaterM3 = 0.0, sourceWaterM3 = 0.0, carbonT = 0.0; ///< carbon location-based
};

/// The parallel layout the performance engine found for a training run (model/perf).
struct TrainingLayout {
    int tensor = 1, pipeline = 1;
    long long data = 1;
    int microBatch = 1, interleave = 1;
    std::string recompute, sharding; ///< "none", "selective", "full"; "none", "optimizer", "full"
    int fullyRecomputedLayers = 0;   ///< per stage, beyond the recomputation mode
    long long chipsUsed = 0;
    int context = 1; ///< chips splitting each sequence (context parallelism)
};

/// "t=8 p=16 d=64, micro-batch 1, 4 chunks per stage, selective recomputation (+2 layers
/// whole), optimizer sharding, 8,192 chips" ("t=8 c=16 p=16 ..." with context parallelism):
/// the layout as the views and the PDF print it.
std::string layoutDescription(const TrainingLayout& layout);

/// The site's training run on the same deployment behind a fabric of another leaf
/// oversubscription: what the fabric costs against what the run takes.
struct FabricOption {
    double oversubscription = 1.0; ///< r in r:1
    long long switches = 0, transceivers = 0;
    double networkPowerKw = 0.0; ///< switches and optics at full load
    /// Absent when no layout fits (the run's own diagnostic says why).
    std::optional<double> stepSeconds, hours, facilityEnergyMwh;
};

struct TrainingResult {
    std::string name;
    double flops = 0.0; ///< model FLOPs of the whole run (no recomputation)
    double hours = 0.0; ///< time to train on the layout found
    RunCosts costs;     ///< started at its /start date
    int startHourOfYear = 0;
    TrainingLayout layout;
    /// One step = compute + exposed communication + pipeline bubble.
    double stepSeconds = 0.0, computeSeconds = 0.0, exposedCommSeconds = 0.0, bubbleSeconds = 0.0;
    double mfu = 0.0; ///< model FLOPs / (step x chips used x dense peak at the precision)
    double tokensPerSecond = 0.0;
    /// The same run started on January 1 and on July 1 (the season's effect).
    RunCosts januaryStart, julyStart;
    /// 1:1, 2:1 and 4:1 leaf oversubscription, the deployment otherwise the site's.
    std::vector<FabricOption> fabricOptions;
};

struct InferenceResult {
    std::string name;
    int chipsPerReplica = 1; ///< tensor-parallel replica
    long long batch = 0;     ///< concurrent requests per replica meeting the latency target
    double prefillSeconds = 0.0, decodeStepSeconds = 0.0;
    bool computeBound = false;           ///< the decode step is bound by compute, not HBM bandwidth
    double tokensPerSecondPerChip = 0.0; ///< output tokens
    double siteTokensPerSecond = 0.0;    ///< every deployed chip at full utilization
    // Per million output tokens over the simulated year, tokens following the hourly
    // utilization as the simulated IT power does.
    double itEnergyKwhPerMillionTokens = 0.0;
    double energyKwhPerMillionTokens = 0.0; ///< at the facility meter
    double waterLPerMillionTokens = 0.0;    ///< site water
    double sourceWaterLPerMillionTokens = 0.0;
    double carbonKgPerMillionTokens = 0.0;
};

/// What the site delivers per unit of resource over the simulated year.
struct ProductivityResult {
    /// The first training run's MFU (the engine's output), else 0.4 [I] for a site
    /// without one (a plan's years, which leave workloads out).
    double mfu = 0.0;
    std::array<std::optional<double>, 4> sustainedPflops{}; ///< FP8 ... TF32: peak x mfu
    double flopsPerFacilityKwh = 0.0; ///< BF16 sustained, weighted by hourly utilization
    double tokensPerYear = 0.0;       ///< first inference service's output tokens, at utilization
    double tokensPerKwh = 0.0;        ///< per facility kWh
    /// Per litre of site water; absent when the year used none (unbounded).
    std::optional<double> tokensPerLitre;
    double tokensPerKgCo2e = 0.0; ///< location-based
    // Per UltraServer, over the year.
    double facilityMwhPerUltraServer = 0.0, siteWaterM3PerUltraServer = 0.0,
           carbonTPerUltraServer = 0.0, sustainedPflopsPerUltraServer = 0.0;
};

/// What the site costs, in US dollars (model/cost/tco.h), from the /cost section and the
/// simulated year. Capital is annualized with the capital recovery factor of each asset
/// class's service life; an unpriced line (IT, water) is absent, not zero.
struct CostResult {
    /// Construction by line, in the order of the cost catalog's split (CostCatalog).
    std::vector<double> constructionLinesUsd;
    double constructionUsd = 0.0; ///< per MW of critical IT built x (1 + AI premium)
    double landUsd = 0.0;
    std::optional<double> itUsd; ///< UltraServers x their price; absent when unpriced
    double networkUsd = 0.0;     ///< switches and transceivers
    double capexUsd = 0.0;       ///< the sum of the lines above
    double annualizedCapexUsd = 0.0;
    double electricityEnergyUsd = 0.0; ///< hourly facility energy x hourly price
    double electricityDemandUsd = 0.0; ///< each month's peak facility kW x the demand charge
    std::optional<double> waterUsd;    ///< site water x price; absent when unpriced
    std::optional<double> sewerUsd;    ///< blowdown x sewer price; absent when unpriced
    double maintenanceUsd = 0.0;       ///< share of construction a year
    double opexUsd = 0.0;
    double tcoPerYearUsd = 0.0; ///< annualized capital + operating cost
    double criticalItMw = 0.0;  ///< IT capacity built: halls x hall IT rating
    /// The year's cost per peak PFLOP-hour at FP8, BF16, FP32, TF32 (every deployed chip at
    /// its dense peak for 8,760 hours); absent where the chip publishes no rate.
    std::array<std::optional<double>, 4> usdPerPeakPflopHour{};
    /// The first training run's share of the year's TCO by chip-hours (TCO a year x chips
    /// it uses x its hours / (chips deployed x hours of the year)); absent without one.
    std::optional<double> trainingRunUsd;
};

/// The year's 24/7 carbon-free energy (model/cost/carbon_free_energy.h): each hour, the
/// consumption met by contracted clean supply (direct or through the battery) and, for the
/// rest, the grid's carbon-free share that hour [google-2021-cfe].
struct CfeResult {
    std::string gridMix;         ///< the balancing authority, "PJM"
    double consumptionMwh = 0.0; ///< facility energy matched, hour by hour
    double cfeShare = 0.0;       ///< carbon-free energy / consumption, matched hourly
    double gridCfeShare = 0.0;   ///< the grid's alone: its hourly share, consumption-weighted
    double hourlyMatchedShare =
        0.0; ///< contracted supply used in its hour (or stored) / consumption
    double annualMatchedShare = 0.0; ///< min(1, the year's contracted supply / consumption)
    int hoursShort = 0;              ///< hours not wholly met by carbon-free energy
    double windMwh = 0.0, solarMwh = 0.0;
    double batteryChargedMwh = 0.0, batteryDischargedMwh = 0.0;
    double batteryEndMwh = 0.0; ///< left stored at the end of the year (it starts empty)
    double surplusMwh = 0.0;    ///< contracted supply neither used nor stored
    /// Each hour's carbon-free energy, kWh: over the hour's facility energy
    /// (HourlyResults::facilityPowerKw, one-hour steps), its carbon-free share, which the
    /// hour-by-day heat map draws (an hour without consumption has none).
    std::vector<double> hourlyCarbonFreeKwh;
};

/// The basin's baseline water stress beside the year's water (model/cost/water_stress.h).
struct WaterStressResult {
    std::optional<WaterStressCategory> category; ///< absent: not found
    std::optional<double> score;                 ///< Aqueduct's 0-5 score, when given
    /// Site water drawn in a basin of high or extremely high stress (GRI 303-5); 0 in a
    /// less stressed basin, absent when the category is not known.
    std::optional<double> waterInStressM3;
};

/// The embodied carbon of what the site built (model/cost/embodied_carbon.h), in tonnes
/// CO2e, each part amortized straight-line over its asset class's service life, and the
/// lifecycle carbon of the year: amortized embodied + operational (location-based).
struct EmbodiedCarbonResult {
    std::optional<double> chipDiesT;   ///< logic dies; absent when the die is not published
    double hbmT = 0.0;                 ///< chips x HBM x carbon per GB
    double flashT = 0.0;               ///< servers x flash x carbon per GB
    double serverRestT = 0.0;          ///< servers x the rest of a server
    double networkT = 0.0;             ///< fabric switches
    double shellT = 0.0, plantT = 0.0; ///< the building per MW of IT built, split
    double totalT = 0.0;               ///< the sum of the parts above
    double perYearT = 0.0;             ///< each part / its service life
    double operationalT = 0.0;         ///< the year's location-based carbon
    double lifecycleT = 0.0;           ///< perYearT + operationalT
    /// Lifecycle kg CO2e per peak PFLOP-hour at FP8, BF16, FP32, TF32 (as the cost's).
    std::array<std::optional<double>, 4> kgPerPeakPflopHour{};
    /// The first training run's carbon with its hours' share of the year's embodied.
    std::optional<double> trainingRunT;
};

/// What a report prints about the site beside the figures: where it is, the climate
/// station that stood in for it, its cooling design, supply envelope and halls.
struct RunInputs {
    Location location;
    std::optional<WeatherStation> station; ///< absent when the site has no climate
    std::string climateNote;               ///< /climate/note, e.g. the proxy-station remark
    std::string gridRegion;
    CoolingDesign coolingDesign = CoolingDesign::AirsideEconomizerEvaporative;
    std::optional<double> liquidItShare; ///< share of IT heat to the liquid loop, when any
    SupplyEnvelope envelope;
    int halls = 0;
    units::Area floorAreaPerHall;
    std::string platformId; ///< /it/platform: the published figures a run compares with

    static RunInputs of(const Site& site);
};

struct RunResult {
    std::string siteName;
    std::string scenarioHash; ///< hex SHA-256 of the canonical scenario document
    std::string climateProvenance;
    double utcOffsetHours = 0.0; ///< of the local standard time the hourly arrays use
    ComputeSizing compute;
    PlantSizing plant;
    std::vector<BomLine> billOfMaterials;
    HourlyResults hourly;
    MonthlyResults monthly;
    AnnualResults annual;
    CapacityResult capacity;
    std::vector<TrainingResult> training;
    std::vector<InferenceResult> inference;
    ProductivityResult productivity;
    std::optional<CostResult> cost; ///< absent when the site has no /cost section
    std::optional<EmbodiedCarbonResult> embodiedCarbon; ///< as cost
    std::optional<CfeResult> cfe; ///< absent when the site has no /clean_energy section
    std::optional<WaterStressResult> waterStress; ///< absent without /water_stress
    /// Absent only in a result made without a site; a report then says what it cannot show.
    std::optional<RunInputs> inputs;
    /// The defaults the run took and the figures the site file sourced (the Site's list).
    Assumptions assumptions;
    Diagnostics diagnostics;
};

} // namespace headroom::model
