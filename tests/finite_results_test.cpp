// No NaN or Inf anywhere in a result (issue 10): every number of a RunResult is walked for
// every sample site and for a few hundred randomly generated valid sites. The generator
// varies the fields of the site-file table (model/site/site_fields.*) across their
// documented ranges, including their end points, and the catalog's chips, platforms and
// switches; a site the reader or the run service's deployment check refuses is replaced by
// another, so every counted site was simulated.

#include "model/catalog/catalog.h"
#include "model/run/run_service.h"
#include "model/site/site_fields.h"
#include "model/site/site_reader.h"
#include "tests/support/sample_sites.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <limits>
#include <random>
#include <sstream>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;
/// Called with each number, its name and, in an array, its index (names are built only
/// when a test prints one: an hourly walk makes a quarter million calls per result).
using Visit = std::function<void(const std::string& name, std::size_t index, double value)>;
constexpr std::size_t kScalar = static_cast<std::size_t>(-1);

template <class Array>
void walkArray(const std::string& name, const Array& values, const Visit& f) {
    for (std::size_t i = 0; i < values.size(); ++i) {
        f(name, i, static_cast<double>(values[i]));
    }
}

/// Calls visit on every number a RunResult holds.
void forEachNumber(const RunResult& r, const Visit& visit) {
    const auto f = [&](const std::string& name, double value) { visit(name, kScalar, value); };
    const Visit& arrays = visit;
    f("utcOffsetHours", r.utcOffsetHours);
    const auto& c = r.compute;
    for (auto [name, v] : {std::pair{"ultraServers", c.ultraServers},
                           {"servers", c.servers},
                           {"chips", c.chips},
                           {"racks", c.racks},
                           {"rows", c.rows},
                           {"hallsUsed", c.hallsUsed},
                           {"fabricTiers", c.fabricTiers},
                           {"buildingsUsed", c.buildingsUsed},
                           {"serversPerRack", c.serversPerRack},
                           {"racksPerUltraServer", c.racksPerUltraServer},
                           {"ultraServersPerHall", c.ultraServersPerHall}}) {
        f(std::string("compute.") + name, v);
    }
    f("compute.ultraServersPerHallByPower", static_cast<double>(c.ultraServersPerHallByPower));
    f("compute.ultraServersPerHallBySpace", static_cast<double>(c.ultraServersPerHallBySpace));
    for (auto [name, v] : {std::pair{"strandedPowerPerRackKw", c.strandedPowerPerRackKw},
                           {"strandedPowerPerHallKw", c.strandedPowerPerHallKw},
                           {"networkPowerKw", c.networkPowerKw},
                           {"bisectionTbps", c.bisectionTbps},
                           {"serverPowerKw", c.serverPowerKw},
                           {"itPowerKw", c.itPowerKw},
                           {"switchPowerKw", c.switchPowerKw},
                           {"opticsPowerKw", c.opticsPowerKw},
                           {"transceivers", static_cast<double>(c.transceivers)},
                           {"cables", static_cast<double>(c.cables)},
                           {"fabricEndpoints", static_cast<double>(c.fabricEndpoints)},
                           {"switches", static_cast<double>(c.switches)}}) {
        f(std::string("compute.") + name, v);
    }
    walkArray("compute.switchesPerTier", c.switchesPerTier, arrays);
    walkArray("compute.linksPerTier", c.linksPerTier, arrays);
    for (std::size_t i = 0; i < c.peakPflops.size(); ++i) {
        if (c.peakPflops[i]) { // absent where the chip publishes no rate
            arrays("compute.peakPflops", i, *c.peakPflops[i]);
        }
    }

    const auto& p = r.plant;
    for (auto [name, v] : {std::pair{"transformers", static_cast<double>(p.transformers)},
                           {"upsModules", static_cast<double>(p.upsModules)},
                           {"generators", static_cast<double>(p.generators)},
                           {"coolingUnits", static_cast<double>(p.coolingUnits)},
                           {"transformerRatingMw", p.transformerRatingMw},
                           {"upsModuleRatingMw", p.upsModuleRatingMw},
                           {"generatorRatingMw", p.generatorRatingMw},
                           {"designHourFacilityMw", p.designHourFacilityMw},
                           {"upsLoadFraction", p.upsLoadFraction}}) {
        f(std::string("plant.") + name, v);
    }
    for (const auto& line : r.billOfMaterials) {
        f("bom." + line.item, line.quantity);
    }

    const auto& h = r.hourly;
    walkArray("hourly.month", h.month, arrays);
    walkArray("hourly.day", h.day, arrays);
    walkArray("hourly.hour", h.hour, arrays);
    for (auto [name, v] : {std::pair{"dryBulbC", &h.dryBulbC},
                           {"wetBulbC", &h.wetBulbC},
                           {"dewPointC", &h.dewPointC},
                           {"itPowerKw", &h.itPowerKw},
                           {"psuLossKw", &h.psuLossKw},
                           {"fanPowerKw", &h.fanPowerKw},
                           {"pumpPowerKw", &h.pumpPowerKw},
                           {"compressorPowerKw", &h.compressorPowerKw},
                           {"heatRejectionPowerKw", &h.heatRejectionPowerKw},
                           {"transformerLossKw", &h.transformerLossKw},
                           {"upsLossKw", &h.upsLossKw},
                           {"pduLossKw", &h.pduLossKw},
                           {"ancillaryPowerKw", &h.ancillaryPowerKw},
                           {"facilityPowerKw", &h.facilityPowerKw},
                           {"evaporationL", &h.evaporationL},
                           {"blowdownL", &h.blowdownL},
                           {"driftL", &h.driftL},
                           {"humidificationL", &h.humidificationL},
                           {"gridCarbonKgPerKwh", &h.gridCarbonKgPerKwh},
                           {"gridWaterLPerKwh", &h.gridWaterLPerKwh},
                           {"carbonKg", &h.carbonKg}}) {
        walkArray(std::string("hourly.") + name, *v, arrays);
    }
    walkArray("hourly.evaporative", h.evaporative, arrays);
    for (std::size_t i = 0; i < h.mode.size(); ++i) {
        arrays("hourly.mode", i, static_cast<double>(h.mode[i]));
    }
    for (std::size_t i = 0; i < h.outsideEnvelope.size(); ++i) {
        arrays("hourly.outsideEnvelope", i, static_cast<double>(h.outsideEnvelope[i]));
    }

    const auto& m = r.monthly;
    for (auto [name, v] : {std::pair{"pue", &m.pue},
                           {"wueSiteLPerKwh", &m.wueSiteLPerKwh},
                           {"wueSourceLPerKwh", &m.wueSourceLPerKwh},
                           {"waterM3", &m.waterM3},
                           {"waterHours", &m.waterHours},
                           {"carbonLocationT", &m.carbonLocationT},
                           {"carbonMarketT", &m.carbonMarketT},
                           {"itEnergyMwh", &m.itEnergyMwh},
                           {"facilityEnergyMwh", &m.facilityEnergyMwh},
                           {"evaporationM3", &m.evaporationM3},
                           {"blowdownM3", &m.blowdownM3},
                           {"driftM3", &m.driftM3},
                           {"humidificationM3", &m.humidificationM3},
                           {"mechanicalEnergyMwh", &m.mechanicalEnergyMwh},
                           {"electricalLossMwh", &m.electricalLossMwh},
                           {"hoursOutsideEnvelope", &m.hoursOutsideEnvelope},
                           {"hoursTooDry", &m.hoursTooDry},
                           {"hoursTooHumid", &m.hoursTooHumid}}) {
        walkArray(std::string("monthly.") + name, *v, arrays);
    }

    const auto& a = r.annual;
    for (auto [name, v] :
         {std::pair{"pue", a.pue},
          {"ppueCooling", a.ppueCooling},
          {"ppuePower", a.ppuePower},
          {"wueSiteLPerKwh", a.wueSiteLPerKwh},
          {"wueSourceLPerKwh", a.wueSourceLPerKwh},
          {"cueKgPerKwh", a.cueKgPerKwh},
          {"itEnergyMwh", a.itEnergyMwh},
          {"facilityEnergyMwh", a.facilityEnergyMwh},
          {"waterM3", a.waterM3},
          {"gridWaterM3", a.gridWaterM3},
          {"carbonLocationT", a.carbonLocationT},
          {"carbonMarketT", a.carbonMarketT},
          {"peakFacilityMw", a.peakFacilityMw},
          {"peakItMw", a.peakItMw},
          {"waterFreeHours", static_cast<double>(a.waterFreeHours)},
          {"longestWaterFreeRunDays", static_cast<double>(a.longestWaterFreeRunDays)},
          {"mlcAnnualized", a.mlcAnnualized},
          {"elcAnnualized", a.elcAnnualized},
          {"hoursOutsideEnvelope", static_cast<double>(a.hoursOutsideEnvelope)},
          {"designHourPue", a.designHourPue},
          {"waterMaxDayM3", a.waterMaxDayM3},
          {"waterMaxDayItMwh", a.waterMaxDayItMwh}}) {
        f(std::string("annual.") + name, v);
    }
    walkArray("annual.zeroWaterMonths", a.zeroWaterMonths, arrays);
    walkArray("annual.modeHours", a.modeHours, arrays);

    const auto& cap = r.capacity;
    for (int i = 0; i < kConstraintCount; ++i) {
        const std::string name = constraintName(static_cast<Constraint>(i));
        const auto index = static_cast<std::size_t>(i);
        if (cap.maxItMw[index]) {
            f("capacity.maxItMw." + name, *cap.maxItMw[index]);
        }
        if (cap.headroomMw[index]) {
            f("capacity.headroomMw." + name, *cap.headroomMw[index]);
        }
    }
    f("capacity.maxUltraServers", cap.maxUltraServers);
    f("capacity.deployedItMw", cap.deployedItMw);

    const auto costs = [&](const std::string& prefix, const RunCosts& run) {
        for (auto [name, v] : {std::pair{"itEnergyMwh", run.itEnergyMwh},
                               {"facilityEnergyMwh", run.facilityEnergyMwh},
                               {"siteWaterM3", run.siteWaterM3},
                               {"sourceWaterM3", run.sourceWaterM3},
                               {"carbonT", run.carbonT}}) {
            f(prefix + name, v);
        }
    };
    for (const auto& t : r.training) {
        const std::string prefix = "training." + t.name + ".";
        for (auto [name, v] : {std::pair{"flops", t.flops},
                               {"hours", t.hours},
                               {"startHourOfYear", static_cast<double>(t.startHourOfYear)},
                               {"stepSeconds", t.stepSeconds},
                               {"computeSeconds", t.computeSeconds},
                               {"exposedCommSeconds", t.exposedCommSeconds},
                               {"bubbleSeconds", t.bubbleSeconds},
                               {"mfu", t.mfu},
                               {"tokensPerSecond", t.tokensPerSecond},
                               {"layout.data", static_cast<double>(t.layout.data)},
                               {"layout.chipsUsed", static_cast<double>(t.layout.chipsUsed)}}) {
            f(prefix + name, v);
        }
        costs(prefix + "costs.", t.costs);
        costs(prefix + "januaryStart.", t.januaryStart);
        costs(prefix + "julyStart.", t.julyStart);
        for (const FabricOption& o : t.fabricOptions) {
            const std::string at = prefix + "fabric." + std::to_string(o.oversubscription) + ".";
            f(at + "networkPowerKw", o.networkPowerKw);
            for (auto [name, v] : {std::pair{"stepSeconds", o.stepSeconds},
                                   {"hours", o.hours},
                                   {"facilityEnergyMwh", o.facilityEnergyMwh}}) {
                if (v) {
                    f(at + name, *v);
                }
            }
        }
    }
    for (const auto& i : r.inference) {
        for (auto [name, v] : {std::pair{"tokensPerSecondPerChip", i.tokensPerSecondPerChip},
                               {"prefillSeconds", i.prefillSeconds},
                               {"decodeStepSeconds", i.decodeStepSeconds},
                               {"batch", static_cast<double>(i.batch)},
                               {"energyKwhPerMillionTokens", i.energyKwhPerMillionTokens},
                               {"waterLPerMillionTokens", i.waterLPerMillionTokens},
                               {"carbonKgPerMillionTokens", i.carbonKgPerMillionTokens},
                               {"chipsPerReplica", static_cast<double>(i.chipsPerReplica)},
                               {"siteTokensPerSecond", i.siteTokensPerSecond},
                               {"itEnergyKwhPerMillionTokens", i.itEnergyKwhPerMillionTokens},
                               {"sourceWaterLPerMillionTokens", i.sourceWaterLPerMillionTokens}}) {
            f("inference." + i.name + "." + name, v);
        }
    }
    const auto& pr = r.productivity;
    for (std::size_t i = 0; i < pr.sustainedPflops.size(); ++i) {
        if (pr.sustainedPflops[i]) {
            arrays("productivity.sustainedPflops", i, *pr.sustainedPflops[i]);
        }
    }
    for (auto [name, v] : {std::pair{"mfu", pr.mfu},
                           {"flopsPerFacilityKwh", pr.flopsPerFacilityKwh},
                           {"facilityMwhPerUltraServer", pr.facilityMwhPerUltraServer},
                           {"siteWaterM3PerUltraServer", pr.siteWaterM3PerUltraServer},
                           {"carbonTPerUltraServer", pr.carbonTPerUltraServer},
                           {"sustainedPflopsPerUltraServer", pr.sustainedPflopsPerUltraServer},
                           {"tokensPerYear", pr.tokensPerYear},
                           {"tokensPerKwh", pr.tokensPerKwh},
                           {"tokensPerLitre", pr.tokensPerLitre.value_or(0.0)},
                           {"tokensPerKgCo2e", pr.tokensPerKgCo2e}}) {
        f(std::string("productivity.") + name, v);
    }
}

/// The names of the non-finite numbers of r, "" when there are none.
std::string nonFinite(const RunResult& r) {
    std::string found;
    int count = 0;
    forEachNumber(r, [&](const std::string& name, std::size_t index, double v) {
        if (!std::isfinite(v) && ++count <= 5) {
            found += name + (index == kScalar ? "" : "[" + std::to_string(index) + "]") + " = " +
                     std::to_string(v) + "; ";
        }
    });
    return found;
}

// The walk itself: a planted NaN or infinity is found wherever it is.
TEST(FiniteResults, TheWalkFindsWhatIsPlanted) {
    RunResult r;
    r.hourly.itPowerKw.assign(8760, 1.0);
    EXPECT_EQ(nonFinite(r), "");
    r.hourly.itPowerKw[4000] = std::nan("");
    r.monthly.pue[11] = std::numeric_limits<double>::infinity();
    r.capacity.maxItMw[2] = -std::numeric_limits<double>::infinity();
    r.inference.push_back({});
    r.inference[0].name = "chat";
    r.inference[0].waterLPerMillionTokens = std::nan("");
    EXPECT_EQ(nonFinite(r), "hourly.itPowerKw[4000] = nan; monthly.pue[11] = inf; "
                            "capacity.maxItMw.rack_positions = -inf; "
                            "inference.chat.waterLPerMillionTokens = nan; ");
}

const fs::path& kSampleDir = headroom::testing::sampleSiteDir();

TEST(FiniteResults, EverySampleSite) {
    const auto sites = headroom::testing::sampleSiteFiles();
    ASSERT_GE(sites.size(), 5u);
    RunService service;
    for (const auto& path : sites) {
        auto load = loadSiteSource(path);
        ASSERT_TRUE(load.source) << path;
        Feedback quiet;
        auto run = service.run(*load.source, {}, quiet);
        std::string why;
        for (const auto& d : run.diagnostics.items()) {
            why += formatDiagnostic(d) + "\n";
        }
        ASSERT_TRUE(run.result) << path << ":\n" << why;
        EXPECT_EQ(nonFinite(*run.result), "") << path;
        EXPECT_EQ(run.result->hourly.hours(), 8760u) << path;
    }
}

// ---- random valid sites -----------------------------------------------------------------

/// "27 degC" -> {27, "degC"}; "4" -> {4, ""}.
std::pair<double, std::string> splitQuantity(std::string_view text) {
    const auto space = text.find(' ');
    const std::string number(text.substr(0, space));
    return {std::strtod(number.c_str(), nullptr),
            space == std::string_view::npos ? std::string() : std::string(text.substr(space + 1))};
}

std::string formatNumber(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6g", value);
    return text;
}

class SiteGenerator {
public:
    explicit SiteGenerator(std::uint64_t seed)
        : m_rng(seed) {
        for (const auto& [group, id] : Catalog::builtin().listing()) {
            m_ids[group].push_back(id);
        }
    }

    /// A variant of base: each field of the table changed with probability 0.3.
    json vary(const json& base) {
        json doc = base;
        for (const auto& field : siteFields()) {
            const std::string pointer(field.pointer);
            if (pointer.find('*') != std::string::npos || pointer.starts_with("/climate") ||
                pointer.starts_with("/location") || pointer.starts_with("/cooling/liquid") ||
                pointer.starts_with("/plan") || pointer.starts_with("/cost") || !chance(0.3)) {
                continue;
            }
            if (auto value = sample(field, currentOrDefault(doc, field))) {
                doc[json::json_pointer(pointer)] = *value;
            }
        }
        keepEnvelopeConsistent(doc);
        if (chance(0.05)) { // a new elevation means a new climate: rarely
            doc["location"]["elevation"] = formatNumber(uniform(-500, 6000)) + " m";
        }
        if (chance(0.4)) {
            json liquid = json::object();
            for (const auto* child : childFields("/cooling/liquid")) {
                if (child->required || chance(0.5)) {
                    if (auto v = sample(*child, currentOrDefault(doc, *child))) {
                        liquid[std::string(child->pointer.substr(16))] = *v;
                    }
                }
            }
            doc["cooling"]["liquid"] = liquid;
        } else if (doc.contains("cooling")) {
            doc["cooling"].erase("liquid");
        }
        // Workloads: the sample's own (published shapes the engine can lay out), with their
        // run-level figures drawn at random; a random shape would mostly be refused.
        if (doc.contains("workloads")) {
            for (const char* kind : {"training", "inference"}) {
                if (!doc["workloads"].contains(kind)) {
                    continue;
                }
                const std::string pattern = std::string("/workloads/") + kind + "/*";
                for (json& load : doc["workloads"][kind]) {
                    for (const auto* child : childFields(pattern)) {
                        const std::string key(child->pointer.substr(pattern.size() + 1));
                        const bool shape = child->type == FieldType::Integer &&
                                           key != "prompt_tokens" && key != "output_tokens";
                        if (key == "name" || shape || child->type == FieldType::Boolean ||
                            !chance(0.3)) {
                            continue;
                        }
                        if (auto v = sample(*child, load.value(key, json()))) {
                            load[key] = *v;
                        }
                    }
                }
            }
        }
        return doc;
    }

private:
    static double celsius(const json& text) {
        return *parseQuantityOfKind(QuantityKind::Temperature, text.get<std::string>()).value -
               273.15;
    }

    /// Crossed envelope limits are refused by the reader (site_reader_test covers that); here
    /// they would only waste attempts, so most are put in order before reading.
    void keepEnvelopeConsistent(json& doc) {
        if (!doc.contains("cooling") || !doc["cooling"].contains("supply_air")) {
            return;
        }
        json& air = doc["cooling"]["supply_air"];
        auto get = [&](const char* key) {
            return air.contains(key)
                       ? air[key]
                       : json::parse(
                             findSiteField(std::string("/cooling/supply_air/") + key)->defaultJson);
        };
        const double lo = celsius(get("min")), hi = celsius(get("max"));
        if (lo > hi) {
            air["min"] = get("max");
            air["max"] = get("min");
        }
        const double top = std::max(lo, hi);
        if (celsius(get("max_dew_point")) > top) {
            air["max_dew_point"] = formatNumber(top - uniform(0, 10)) + " degC";
        }
        if (air.contains("min_dew_point") &&
            celsius(air["min_dew_point"]) > celsius(get("max_dew_point"))) {
            air.erase("min_dew_point");
        }
        const auto rh = [&](const char* key) {
            return *parseQuantityOfKind(QuantityKind::Fraction, get(key).get<std::string>()).value;
        };
        if (rh("min_rh") > rh("max_rh")) {
            const json low = get("min_rh");
            air["min_rh"] = get("max_rh");
            air["max_rh"] = low;
        }
    }

    bool chance(double p) { return std::uniform_real_distribution<double>(0, 1)(m_rng) < p; }
    double uniform(double a, double b) {
        return std::uniform_real_distribution<double>(a, b)(m_rng);
    }
    double logUniform(double a, double b) { return std::exp(uniform(std::log(a), std::log(b))); }

    static json currentOrDefault(const json& doc, const FieldDef& field) {
        const json::json_pointer pointer{std::string(field.pointer)};
        if (field.pointer.find('*') == std::string_view::npos && doc.contains(pointer)) {
            return doc.at(pointer);
        }
        return field.defaultJson.empty() ? json() : json::parse(field.defaultJson);
    }

    /// A number in [lo, hi]: an end point one time in ten each, else spread evenly (or
    /// evenly in log when the range spans decades).
    double inRange(double lo, double hi, bool exclusiveLo) {
        const double r = uniform(0, 1);
        if (r < 0.1 && !exclusiveLo) {
            return lo;
        }
        if (r < 0.2) {
            return hi;
        }
        if (lo > 0 && hi / lo > 100) {
            return logUniform(lo, hi);
        }
        const double x = uniform(lo, hi);
        return exclusiveLo && x <= lo ? hi : x;
    }

    /// Ranges for fields the table leaves open above (no max): spread around the value the
    /// site has, or a plausible span for the overrides that have none.
    std::pair<double, double> openRange(const FieldDef& field, double lo, double base) {
        const std::string_view p = field.pointer;
        if (p.find("peak_power") != std::string_view::npos) {
            return {50, 2000};
        }
        if (p.find("_power") != std::string_view::npos && p.find("/it/") == 0) {
            return {0, 5000};
        }
        if (p.find("dense_") != std::string_view::npos) {
            return {0, 5000};
        }
        if (p.ends_with("/hbm")) {
            return {8, 512};
        }
        if (p.ends_with("bandwidth") || p.ends_with("speed")) {
            return {1, 500};
        }
        if (p.ends_with("/flops")) {
            return {1e18, 1e26};
        }
        if (base > 0) {
            return {std::max(lo, base / 10), base * 10};
        }
        return {lo, lo + 1000};
    }

    std::optional<json> sample(const FieldDef& field, const json& current) {
        switch (field.type) {
        case FieldType::Enum:
            return json(std::string(field
                                        .choices[static_cast<std::size_t>(uniform(
                                            0, static_cast<double>(field.choices.size()) - 1e-9))]
                                        .name));
        case FieldType::Boolean:
            return json(chance(0.5));
        case FieldType::CatalogId: {
            const std::string group = field.pointer == "/it/chip"       ? "chips"
                                      : field.pointer == "/it/platform" ? "platforms"
                                                                        : "switches";
            const auto& ids = m_ids[group];
            return json(
                ids[static_cast<std::size_t>(uniform(0, static_cast<double>(ids.size()) - 1e-9))]);
        }
        case FieldType::CountOrFill:
            return chance(0.5) ? json("fill") : json(std::llround(logUniform(1, 1e5)));
        case FieldType::Ratio:
            return json(formatNumber(inRange(1, 8, false)) + ":1");
        case FieldType::Integer:
        case FieldType::Number: {
            const double lo = field.min.empty() ? 0 : std::strtod(field.min.data(), nullptr);
            const double base = current.is_number() ? current.get<double>() : lo;
            auto [a, b] = field.max.empty()
                              ? openRange(field, lo, base)
                              : std::pair{lo, std::strtod(std::string(field.max).c_str(), nullptr)};
            const double x = inRange(a, b, field.exclusiveMin);
            return field.type == FieldType::Integer
                       ? json(std::llround(x))
                       : json(std::strtod(formatNumber(x).c_str(), nullptr));
        }
        case FieldType::Series:
        case FieldType::Quantity: {
            if (field.quantity == QuantityKind::None) {
                return std::nullopt;
            }
            const auto [lo, unit] = splitQuantity(field.min.empty() ? field.max : field.min);
            double base = lo;
            if (current.is_string()) {
                // The current value in the bound's unit (both SI-parsed; none is affine
                // outside temperatures, which always have both bounds).
                const auto si = parseQuantityOfKind(field.quantity, current.get<std::string>());
                const auto one = parseQuantityOfKind(field.quantity, "1 " + unit);
                if (si && one && *one.value != 0) {
                    base = *si.value / *one.value;
                }
            }
            auto [a, b] = field.max.empty() ? openRange(field, lo, base)
                                            : std::pair{lo, splitQuantity(field.max).first};
            if (field.quantity == QuantityKind::DataSize && field.max.empty()) {
                return json(formatNumber(inRange(a, b, field.exclusiveMin)) + " GiB");
            }
            if (field.quantity == QuantityKind::DataRate && field.max.empty()) {
                return json(formatNumber(inRange(a, b, field.exclusiveMin)) + " GB/s");
            }
            if (field.quantity == QuantityKind::ComputeRate && field.max.empty()) {
                return json(formatNumber(inRange(a, b, field.exclusiveMin)) + " TFLOPS");
            }
            const double x = inRange(a, b, field.exclusiveMin);
            return json(formatNumber(x <= a && field.exclusiveMin ? b : x) + " " + unit);
        }
        case FieldType::QuantityList: {
            json list = json::array();
            for (int i = 0; i < field.count; ++i) {
                list.push_back(formatNumber(inRange(1, 100, false)) + " %");
            }
            return list;
        }
        default:
            return std::nullopt;
        }
    }

    std::mt19937_64 m_rng;
    std::map<std::string, std::vector<std::string>> m_ids;
};

TEST(FiniteResults, RandomValidSites) {
    constexpr int kSites = 300;
    const auto samples = headroom::testing::sampleSiteFiles();
    std::vector<json> bases;
    for (const auto& path : samples) {
        std::ifstream in(path);
        bases.push_back(json::parse(in));
    }
    SiteGenerator generator(20261125);
    ClimateCache climates;
    int valid = 0, attempts = 0;
    std::map<std::string, int> refusals; // why generated sites were refused, for the log
    while (valid < kSites && attempts < 20 * kSites) {
        ++attempts;
        const json doc = generator.vary(bases[static_cast<std::size_t>(attempts) % bases.size()]);
        const std::string name = "random-" + std::to_string(attempts) + ".json";
        auto load = readSiteDocument(doc, name, kSampleDir, &climates);
        if (load.site) {
            load.diagnostics.append(checkDeployment(*load.site, name, ""));
        }
        if (!load.site || load.diagnostics.hasErrors()) {
            for (const auto& d : load.diagnostics.items()) {
                if (d.severity == Severity::Error) {
                    ++refusals[d.pointer];
                    break;
                }
            }
            continue;
        }
        ++valid;
        Feedback quiet;
        const RunResult result = simulate(Scenario{std::move(*load.site), name}, quiet);
        const std::string bad = nonFinite(result);
        EXPECT_EQ(bad, "") << name << ":\n" << doc.dump(1);
        if (!bad.empty()) {
            break;
        }
    }
    std::string why;
    for (const auto& [pointer, count] : refusals) {
        why += "  " + pointer + ": " + std::to_string(count) + "\n";
    }
    std::printf("%d valid sites of %d generated; refusals by first error:\n%s", valid, attempts,
                why.c_str());
    EXPECT_EQ(valid, kSites);
}

// Sizing refused the count because an UltraServer and its share of the fabric draw more
// than a hall's rating (model/sizing/compute_sizing.cpp).
bool hallCannotHoldOne(const RunResult& r) {
    for (const Diagnostic& d : r.diagnostics.items()) {
        if (d.severity == Severity::Error && d.pointer == "/campus/hall/it_power") {
            return true;
        }
    }
    return false;
}

// Many small halls, fast NIC ports and small chips: the fabric is a large part of each
// UltraServer's load, and one UltraServer more than fill's count adds a fabric tier whose
// share no hall can feed. The halls' room is what they hold, each count with its own
// fabric: none (the property test's random draws found a fill here reported with 28.5 MW
// of hall-power headroom, counted at the deployed fabric's share).
TEST(FiniteResults, FillLeavesNoHallRoomWhenTheFabricOutgrowsTheHalls) {
    std::ifstream in(kSampleDir / "phoenix-az.json");
    json doc = json::parse(in);
    doc["campus"]["buildings"] = {{"count", 7}, {"halls_per_building", 64}};
    doc["campus"]["hall"]["it_power"] = "0.102577 MW";
    doc["campus"]["hall"]["rack_positions"] = 480;
    doc["campus"]["hall"]["rack_power_limit"] = "6.68476 kW";
    doc["campus"]["hall"]["racks_per_row"] = 25;
    doc["campus"]["utility_interconnect"] = "520 MW";
    doc["it"]["ultraservers"] = "fill";
    doc["it"]["chip_overrides"] = {{"peak_power", "59.1943 W"}};
    doc["it"]["platform_overrides"] = {{"host_power", "0.294409 W"},
                                       {"nic_port_speed", "1.25026e+12 B/s"}};
    doc["fabric"]["switch"] = "51.2t-64x800g";
    doc["fabric"]["oversubscription"] = "1:1";
    auto load = readSiteDocument(doc, "fabric-outgrows-halls.json", kSampleDir);
    ASSERT_TRUE(load.site);
    Feedback quiet;
    const RunResult r = simulate(Scenario{*load.site, "fill"}, quiet);
    ASSERT_FALSE(r.diagnostics.hasErrors());
    ASSERT_GT(r.compute.ultraServers, 0);
    EXPECT_EQ(r.capacity.binding, Constraint::HallPower);
    const auto hall = static_cast<std::size_t>(Constraint::HallPower);
    ASSERT_TRUE(r.capacity.headroomMw[hall]);
    EXPECT_EQ(*r.capacity.headroomMw[hall], 0.0); // counted in whole UltraServers: exact
    Site more = *load.site;
    more.it.ultraServers = r.compute.ultraServers + 1;
    EXPECT_TRUE(hallCannotHoldOne(simulate(Scenario{more, "fill + 1"}, quiet)));
}

// "fill" fits (issue 14): on random valid sites, with a random water supply and compressor
// capacity added to some so that every constraint gets its turn to bind, fill leaves no
// negative headroom under any constraint, and one more UltraServer breaks the constraint
// it reports as binding.
TEST(FiniteResults, FillFitsOnRandomValidSites) {
    constexpr int kSites = 16;
    const auto samples = headroom::testing::sampleSiteFiles();
    std::vector<json> bases;
    for (const auto& path : samples) {
        std::ifstream in(path);
        bases.push_back(json::parse(in));
    }
    SiteGenerator generator(20261206);
    std::mt19937_64 rng(14);
    auto uniform = [&](double a, double b) { return std::uniform_real_distribution(a, b)(rng); };
    ClimateCache climates;
    std::map<Constraint, int> bindings;
    int valid = 0, attempts = 0;
    while (valid < kSites && attempts < 40 * kSites) {
        ++attempts;
        json doc = generator.vary(bases[static_cast<std::size_t>(attempts) % bases.size()]);
        doc["it"]["ultraservers"] = "fill";
        const std::string name = "fill-" + std::to_string(attempts) + ".json";
        auto load = readSiteDocument(doc, name, kSampleDir, &climates);
        if (load.site) {
            load.diagnostics.append(checkDeployment(*load.site, name, ""));
        }
        if (!load.site || load.diagnostics.hasErrors()) {
            continue;
        }
        Site site = std::move(*load.site);
        if (uniform(0, 1) < 0.3) {
            site.campus.waterSupplyPerDay =
                units::Volume(uniform(10, 5000) * units::si::cubic_meter);
        }
        if (uniform(0, 1) < 0.3) {
            site.cooling.mechanicalCapacityPerHall = units::megawatts(uniform(0.5, 20));
        }
        Feedback quiet;
        const RunResult r = simulate(Scenario{site, name}, quiet);
        if (r.compute.ultraServers == 0 || r.diagnostics.hasErrors()) {
            continue; // not one fits, or an error the fill did not cause: nothing to check
        }
        ++valid;
        ASSERT_TRUE(r.compute.fillLimit) << name;
        const Constraint binding = *r.compute.fillLimit;
        ++bindings[binding];
        for (std::size_t i = 0; i < kConstraintCount; ++i) {
            if (r.capacity.headroomMw[i]) {
                EXPECT_GE(*r.capacity.headroomMw[i], 0.0)
                    << name << ": " << constraintName(static_cast<Constraint>(i)) << "\n"
                    << doc.dump(1);
            }
        }
        site.it.ultraServers = r.compute.ultraServers + 1;
        const RunResult more = simulate(Scenario{site, name}, quiet);
        if (binding == Constraint::HallPower && hallCannotHoldOne(more)) {
            continue; // one more grows the fabric past what any hall feeds: it breaks
        }
        const auto b = static_cast<std::size_t>(binding);
        ASSERT_TRUE(more.capacity.headroomMw[b]) << name << ": " << constraintName(binding);
        EXPECT_LT(*more.capacity.headroomMw[b], 0.0)
            << name << ": one more UltraServer than " << r.compute.ultraServers
            << " still fits under " << constraintName(binding) << "\n"
            << doc.dump(1);
    }
    std::string seen;
    for (const auto& [constraint, count] : bindings) {
        seen +=
            std::string("  ") + constraintName(constraint) + ": " + std::to_string(count) + "\n";
    }
    std::printf("%d fills of %d generated sites; binding constraints:\n%s", valid, attempts,
                seen.c_str());
    EXPECT_EQ(valid, kSites);
    EXPECT_GE(bindings.size(), 3u); // the generator reaches several kinds of limit
}

} // namespace
} // namespace headroom::model
