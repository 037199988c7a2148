#include "model/site/site_fields.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

const std::string kTestData = HEADROOM_TEST_DATA_DIR;
const std::string kChicagoEpw = kTestData + "/weather/USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw";
// The bundled EIA-930 series of PJM (resources/grid/README.md).
const std::string kPjmCsv =
    std::string(HEADROOM_SOURCE_DIR) + "/resources/grid/PJM_NG_and_avgCI.csv";

// A complete small site; tests change one line at a time and check the exact diagnostic.
// Line numbers below are 1-based lines of this text.
std::string baseSite() {
    return R"({
  "format": "headroom-site/1",
  "name": "Test campus",
  "location": {
    "latitude": 41.7,
    "longitude": -86.5,
    "elevation": "236 m",
    "utc_offset": -5
  },
  "climate": {"epw": "EPW"},
  "grid": {
    "carbon_intensity": "0.4155 kg/kWh",
    "water_intensity": "2.233 L/kWh",
    "source": {"carbon_intensity": "eGRID2023 RFCW [O]"}
  },
  "campus": {
    "utility_interconnect": "300 MW",
    "buildings": {"count": 7, "halls_per_building": 2},
    "hall": {
      "it_power": "16 MW",
      "floor_area": "100000 ft2",
      "rack_positions": 600,
      "rack_power_limit": "40 kW"
    }
  },
  "cooling": {
    "supply_air": {"max": "80.6 degF", "max_rh": "90 %"}
  },
  "it": {
    "chip": "trainium2",
    "platform": "trn2-ultraserver",
    "utilization": "70 %"
  }
}
)";
}

std::string withEpw(std::string text) {
    const auto at = text.find("\"EPW\"");
    return text.replace(at, 5, "\"" + kChicagoEpw + "\"");
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

SiteLoad read(const std::string& text) {
    return readSiteText(text, "site.json", HEADROOM_SOURCE_DIR);
}

std::vector<std::string> formatted(const Diagnostics& diagnostics) {
    std::vector<std::string> lines;
    for (const auto& d : diagnostics.items()) {
        lines.push_back(formatDiagnostic(d));
    }
    return lines;
}

// The one error a bad variant should produce, and that it leaves no Site.
std::string onlyError(const std::string& text) {
    auto load = read(text);
    EXPECT_FALSE(load.site.has_value());
    std::string errors;
    for (const auto& d : load.diagnostics.items()) {
        if (d.severity == Severity::Error) {
            errors += (errors.empty() ? "" : "\n") + formatDiagnostic(d);
        }
    }
    return errors;
}

TEST(SiteReader, ReadsAValidSite) {
    auto load = read(withEpw(baseSite()));
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    EXPECT_TRUE(load.diagnostics.empty()) << ::testing::PrintToString(formatted(load.diagnostics));
    const Site& site = *load.site;
    EXPECT_EQ(site.name, "Test campus");
    EXPECT_DOUBLE_EQ(site.location.latitudeDeg, 41.7);
    EXPECT_DOUBLE_EQ(site.location.elevation.value(), 236.0);
    EXPECT_EQ(site.campus.buildings, 7);
    EXPECT_EQ(site.campus.halls(), 14);
    EXPECT_DOUBLE_EQ(units::toKilowatts(site.campus.itPowerPerHall), 16000.0);
    // 100,000 ft2 x 0.3048^2 m2/ft2 (exact, NIST SP 811).
    EXPECT_NEAR(site.campus.floorAreaPerHall.value(), 9290.304, 1e-9);
    // 80.6 degF = 27 degC exactly.
    EXPECT_NEAR(units::toCelsius(site.cooling.envelope.maxDryBulb), 27.0, 1e-12);
    EXPECT_DOUBLE_EQ(site.cooling.envelope.maxRelativeHumidity, 0.90);
    // Defaults come from the field table.
    EXPECT_NEAR(units::toCelsius(site.cooling.envelope.minDryBulb), 18.0, 1e-12);
    EXPECT_EQ(site.campus.racksPerRow, 20);
    EXPECT_EQ(site.electrical.redundancy, Redundancy::TwoN);
    EXPECT_DOUBLE_EQ(site.it.psuEfficiency[2], 0.96);
    EXPECT_FALSE(site.it.ultraServers.has_value());
    // Series resolve to one value per climate hour, in kg/kWh and L/kWh.
    ASSERT_TRUE(site.climate);
    EXPECT_EQ(site.climate->hours(), 8760u);
    ASSERT_EQ(site.grid.carbonKgPerKwh.values.size(), 8760u);
    EXPECT_NEAR(site.grid.carbonKgPerKwh.values[100], 0.4155, 1e-12);
    EXPECT_NEAR(site.grid.waterLPerKwh.values[8759], 2.233, 1e-12);
    EXPECT_NEAR(site.it.utilization.values[0], 0.70, 1e-12);
    // Catalog ids are resolved.
    EXPECT_EQ(site.it.chip.id, "trainium2");
    EXPECT_EQ(site.it.platform.id, "trn2-ultraserver");
    EXPECT_GT(site.it.chip.peakPower.value(), 0.0);
    // Sources become assumptions, before the defaults the run takes.
    ASSERT_TRUE(site.assumptions);
    const auto& assumptions = *site.assumptions;
    ASSERT_FALSE(assumptions.empty());
    EXPECT_EQ(assumptions[0].pointer, "/grid/carbon_intensity");
    EXPECT_EQ(assumptions[0].text, "0.4155 kg/kWh");
    EXPECT_EQ(assumptions[0].source, "eGRID2023 RFCW [O]");
    EXPECT_EQ(assumptions[0].origin, AssumptionOrigin::File);
    EXPECT_EQ(std::count_if(assumptions.begin(), assumptions.end(),
                            [](const Assumption& a) { return a.origin == AssumptionOrigin::File; }),
              1);
}

const Assumption* findAssumption(const Site& site, const std::string& pointer) {
    for (const Assumption& a : *site.assumptions) {
        if (a.pointer == pointer) {
            return &a;
        }
    }
    return nullptr;
}

// Issue 14: the UPS loss defaults follow the mode. Efficiency at per-unit load x is
// x / (x + a + b x + c x^2); expected: double conversion 97.1 % at full load and 93.3 % at
// a quarter, eco 99.0 % and 98.1 % (the curves cited in site_fields_plant.cpp), to 0.1 %.
TEST(SiteReader, UpsLossDefaultsFollowTheMode) {
    const auto efficiency = [](const LossModel& m, double x) {
        return x / (x + m.noLoad + x * (m.proportional + x * m.square));
    };
    auto doubleConversion = read(withEpw(baseSite()));
    auto eco = read(withEpw(replaced(baseSite(), "\"cooling\": {",
                                     "\"electrical\": {\"ups\": {\"mode\": \"eco\"}},\n  "
                                     "\"cooling\": {")));
    ASSERT_TRUE(doubleConversion.site);
    ASSERT_TRUE(eco.site) << ::testing::PrintToString(formatted(eco.diagnostics));
    const LossModel& dc = doubleConversion.site->electrical.upsLoss;
    const LossModel& ecoLoss = eco.site->electrical.upsLoss;
    EXPECT_EQ(eco.site->electrical.upsMode, UpsMode::Eco);
    EXPECT_NEAR(efficiency(dc, 1.0), 0.971, 0.001);
    EXPECT_NEAR(efficiency(dc, 0.25), 0.933, 0.001);
    EXPECT_NEAR(efficiency(ecoLoss, 1.0), 0.990, 0.001);
    EXPECT_NEAR(efficiency(ecoLoss, 0.25), 0.981, 0.001);
    // Listed with the value and source of the mode the run uses.
    const Assumption* ecoNoLoad = findAssumption(*eco.site, "/electrical/ups/no_load");
    ASSERT_NE(ecoNoLoad, nullptr);
    EXPECT_EQ(ecoNoLoad->text, "0.4 %");
    EXPECT_EQ(ecoNoLoad->origin, AssumptionOrigin::Default);
    EXPECT_NE(ecoNoLoad->source.find("eco"), std::string::npos) << ecoNoLoad->source;
    EXPECT_EQ(findAssumption(*doubleConversion.site, "/electrical/ups/no_load")->text, "1.5 %");
    // A loss the file gives is used as given, whatever the mode, and is no default.
    auto given = read(withEpw(replaced(baseSite(), "\"cooling\": {",
                                       "\"electrical\": {\"ups\": {\"mode\": \"eco\", \"no_load\": "
                                       "\"1 %\"}},\n  \"cooling\": {")));
    ASSERT_TRUE(given.site);
    EXPECT_DOUBLE_EQ(given.site->electrical.upsLoss.noLoad, 0.01);
    EXPECT_DOUBLE_EQ(given.site->electrical.upsLoss.square, 0.003);
    EXPECT_EQ(findAssumption(*given.site, "/electrical/ups/no_load"), nullptr);
}

// Every field with a default the run takes is listed as a default, with the value the
// reader used; a field the file gives is not; members of absent options (a liquid loop,
// a CSV climate) are not. Writing every listed default into the file changes nothing the
// run computes from, and leaves no default behind.
TEST(SiteReader, AssumptionsListEveryDefaultTaken) {
    const std::string text = withEpw(baseSite());
    auto load = read(text);
    ASSERT_TRUE(load.site);
    const auto document = nlohmann::json::parse(text);
    int defaults = 0;
    for (const FieldDef& field : siteFields()) {
        const std::string pointer(field.pointer);
        if (!fieldDefault(field, document) || pointer.find('*') != std::string::npos) {
            continue;
        }
        const Assumption* listed = findAssumption(*load.site, pointer);
        const bool inFile = document.contains(nlohmann::json::json_pointer(pointer));
        const bool optionNotTaken =
            pointer.starts_with("/cooling/liquid/") || pointer.starts_with("/climate/csv/") ||
            pointer.starts_with("/plan/") ||
            pointer.starts_with("/cost/") ||       // no /cost: no price to cost the year with
            pointer.starts_with("/clean_energy/"); // no battery: no efficiency taken
        if (inFile || optionNotTaken) {
            EXPECT_TRUE(listed == nullptr || listed->origin == AssumptionOrigin::File) << pointer;
            continue;
        }
        ASSERT_NE(listed, nullptr) << pointer;
        EXPECT_EQ(listed->origin, AssumptionOrigin::Default) << pointer;
        EXPECT_FALSE(listed->source.empty()) << pointer;
        ++defaults;
    }
    EXPECT_GE(defaults, 40); // of the table's 60-odd defaults, those outside options not taken
    EXPECT_EQ(findAssumption(*load.site, "/cooling/supply_air/max"), nullptr);
    EXPECT_EQ(findAssumption(*load.site, "/cooling/liquid/class"), nullptr);
    EXPECT_EQ(findAssumption(*load.site, "/cooling/supply_air/min")->text, "18 degC");
    EXPECT_EQ(findAssumption(*load.site, "/it/ultraservers")->text, "fill");

    nlohmann::json explicitDocument = document;
    for (const Assumption& a : *load.site->assumptions) {
        if (a.origin != AssumptionOrigin::Default) {
            continue;
        }
        const FieldDef* field = findSiteField(a.pointer);
        ASSERT_NE(field, nullptr) << a.pointer;
        explicitDocument[nlohmann::json::json_pointer(a.pointer)] =
            nlohmann::json::parse(fieldDefault(*field, document)->json);
    }
    auto explicitLoad = readSiteDocument(explicitDocument, "site.json", HEADROOM_SOURCE_DIR);
    ASSERT_TRUE(explicitLoad.site) << ::testing::PrintToString(formatted(explicitLoad.diagnostics));
    for (const Assumption& a : *explicitLoad.site->assumptions) {
        EXPECT_EQ(a.origin, AssumptionOrigin::File) << a.pointer;
    }
    const Electrical& before = load.site->electrical;
    const Electrical& after = explicitLoad.site->electrical;
    EXPECT_EQ(before.upsLoss.noLoad, after.upsLoss.noLoad);
    EXPECT_EQ(before.pduLoss.square, after.pduLoss.square);
    EXPECT_EQ(before.transformerRating.value(), after.transformerRating.value());
    EXPECT_EQ(load.site->cooling.cyclesOfConcentration,
              explicitLoad.site->cooling.cyclesOfConcentration);
}

TEST(SiteReader, RoundTripIsIdentical) {
    auto first = read(withEpw(baseSite()));
    ASSERT_TRUE(first.site);
    const std::string written = writeSiteText(first.document);
    auto second = read(written);
    ASSERT_TRUE(second.site);
    EXPECT_EQ(second.document, first.document);
    // Writing is stable: the canonical text of the re-read document is the same text.
    EXPECT_EQ(writeSiteText(second.document), written);
    // Values keep the text the user wrote, and keys keep the table's order.
    EXPECT_NE(written.find("\"max\": \"80.6 degF\""), std::string::npos);
    EXPECT_LT(written.find("\"format\""), written.find("\"name\""));
    EXPECT_LT(written.find("\"name\""), written.find("\"location\""));
    EXPECT_LT(written.find("\"latitude\""), written.find("\"elevation\""));
}

TEST(SiteReader, NumbersKeepTheirSpelling) {
    std::string text = replaced(withEpw(baseSite()), "\"latitude\": 41.7", "\"latitude\": 41.70");
    text = replaced(text, "\"it\": {",
                    "\"workloads\": {\"training\": [{\"name\": \"run\", \"layers\": 2, "
                    "\"hidden\": 64, \"heads\": 4, \"vocabulary\": 1000, \"sequence\": 128, "
                    "\"global_batch\": 8, \"tokens\": 1.75e11}]},\n  \"it\": {");
    auto load = read(text);
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    EXPECT_DOUBLE_EQ(load.site->training.at(0).tokens, 1.75e11);
    const std::string written = writeSiteText(load.document, &load.numberText);
    EXPECT_NE(written.find("\"latitude\": 41.70,"), std::string::npos) << written;
    EXPECT_NE(written.find("\"tokens\": 1.75e11"), std::string::npos) << written;
    // Stable: the written text reads back and writes to the same bytes.
    auto again = read(written);
    ASSERT_TRUE(again.site);
    EXPECT_EQ(again.document, load.document);
    EXPECT_EQ(writeSiteText(again.document, &again.numberText), written);
    // An edited value is written as the new number, not the old spelling.
    load.document["location"]["latitude"] = 42.5;
    EXPECT_NE(writeSiteText(load.document, &load.numberText).find("\"latitude\": 42.5,"),
              std::string::npos);
}

TEST(SiteReader, AtomicWriteReplacesTheFile) {
    auto load = read(withEpw(baseSite()));
    ASSERT_TRUE(load.site);
    const fs::path dir = fs::path(HEADROOM_BINARY_DIR) / "site_writer_test";
    fs::create_directories(dir);
    const fs::path path = dir / "site.json";
    std::ofstream(path) << "old contents";
    std::string message;
    ASSERT_TRUE(writeSiteFile(path, load.document, &message)) << message;
    auto again = readSiteFile(path);
    ASSERT_TRUE(again.site);
    EXPECT_EQ(again.document, load.document);
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : fs::directory_iterator(dir)) {
        ++entries; // no temporary file left behind
    }
    EXPECT_EQ(entries, 1);
    EXPECT_FALSE(writeSiteFile(dir / "no-such-folder" / "site.json", load.document, &message));
    EXPECT_NE(message.find("cannot create"), std::string::npos);
}

TEST(SiteReader, SyntaxErrorsAreLocated) {
    EXPECT_EQ(onlyError(baseSite().substr(0, 200)),
              "site.json:10:29: error: unexpected end of file: expected a key in double quotes or "
              "'}' (the object opened at 1:1 is not closed)");
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"utc_offset\": -5", "\"utc_offset\": -5,")),
              "site.json:8:21: error: trailing comma before '}': remove it or add another member");
}

TEST(SiteReader, WrongJsonType) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"latitude\": 41.7", "\"latitude\": \"41.7\"")),
              "site.json:5:17: error: /location/latitude: expected a number, got a string "
              "\"41.7\"");
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"it_power\": \"16 MW\"", "\"it_power\": 16")),
              "site.json:20:19: error: /campus/hall/it_power: expected a power such as \"65 MW\", "
              "got a number 16");
}

TEST(SiteReader, WrongUnit) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"80.6 degF\"", "\"27 MW\"")),
              "site.json:27:27: error: /cooling/supply_air/max: expected a temperature such as "
              "\"27 degC\", got a power \"27 MW\"");
}

TEST(SiteReader, OutOfRange) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"90 %\"", "\"120 %\"")),
              "site.json:27:50: error: /cooling/supply_air/max_rh: expected a fraction above 0 % "
              "and at most 100 %, got \"120 %\"");
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"236 m\"", "\"7000 m\"")),
              "site.json:7:18: error: /location/elevation: expected a length from -500 m to "
              "6000 m, got \"7000 m\"");
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"count\": 7", "\"count\": -1")),
              "site.json:18:28: error: /campus/buildings/count: expected a whole number from 1 to "
              "1000, got -1");
}

TEST(SiteReader, TableValuesAreHeldToTheFieldsRange) {
    // A month-by-hour table of plain numbers and a unit skipped the range check that a
    // constant gets: 3000 g/kWh (3 kg/kWh) loaded.
    std::string rows;
    for (int m = 0; m < 12; ++m) {
        rows += m == 0 ? "[" : ", [";
        for (int h = 0; h < 24; ++h) {
            rows += (h == 0 ? "" : ", ") + std::string(m == 6 && h == 13 ? "3000" : "400");
        }
        rows += "]";
    }
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"0.4155 kg/kWh\"",
                                 "{\"table\": [" + rows + "], \"unit\": \"g/kWh\"}")),
              "site.json:12:834: error: /grid/carbon_intensity/table/6/13: expected a carbon "
              "intensity from 0 kg/kWh to 2 kg/kWh, got 3000 g/kWh");
}

TEST(SiteReader, MissingRequiredField) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "    \"latitude\": 41.7,\n", "")),
              "site.json:4:15: error: /location: missing required field \"latitude\": Latitude in "
              "degrees north.");
}

TEST(SiteReader, MissingOrOtherFormat) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "  \"format\": \"headroom-site/1\",\n", "")),
              "site.json:1:1: error: /format: missing required field \"format\": expected "
              "\"headroom-site/1\" as the file's first member");
    EXPECT_EQ(onlyError(replaced(baseSite(), "headroom-site/1", "headroom-site/2")),
              "site.json:2:13: error: /format: format \"headroom-site/2\" is newer than this "
              "Headroom reads (\"headroom-site/1\"): update Headroom");
    EXPECT_EQ(onlyError(replaced(baseSite(), "headroom-site/1", "something-else")),
              "site.json:2:13: error: /format: expected \"format\": \"headroom-site/1\", got "
              "\"something-else\": this is not a Headroom site file");
}

TEST(SiteReader, UnknownKeyWarnsAtItself) {
    auto load = read(withEpw(replaced(baseSite(), "\"name\": \"Test campus\",",
                                      "\"name\": \"Test campus\", \"colour\": \"blue\",")));
    ASSERT_TRUE(load.site); // a warning does not stop the load
    ASSERT_EQ(load.diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(load.diagnostics.items()[0]),
              "site.json:3:26: warning: /colour: unknown key \"colour\" is ignored; expected one "
              "of: format, name, notes, location, climate, grid, campus, electrical, cooling, "
              "it, fabric, workloads, plan, cost, clean_energy, water_stress, source");
}

TEST(SiteReader, UnknownKeyNearAFieldSuggestsIt) {
    auto load = read(withEpw(replaced(baseSite(), "\"latitude\"", "\"latitdue\"")));
    EXPECT_FALSE(load.site); // latitude is then missing
    EXPECT_EQ(formatted(load.diagnostics),
              (std::vector<std::string>{
                  "site.json:5:5: warning: /location/latitdue: unknown key \"latitdue\" is "
                  "ignored; did you mean \"latitude\"?",
                  "site.json:4:15: error: /location: missing required field \"latitude\": "
                  "Latitude in degrees north."}));
}

// A site written for the input-MFU workloads (before the performance engine) is told, at
// each old key, what replaced it, not that the key is unknown.
TEST(SiteReader, RetiredWorkloadFieldsSayWhatReplacedThem) {
    const std::string old =
        replaced(withEpw(baseSite()), "\"it\": {",
                 "\"workloads\": {\"training\": [{\"name\": \"run\", \"parameters\": 4.05e11, "
                 "\"tokens\": 1.56e13, \"flops\": \"3.8e25 FLOP\", \"mfu\": \"40 %\"}],\n"
                 "\"inference\": [{\"name\": \"chat\", \"parameters\": 7e10, \"batch\": 8, "
                 "\"tokens_per_request\": 1000}]},\n  \"it\": {");
    auto load = read(old);
    EXPECT_FALSE(load.site);
    const auto lines = formatted(load.diagnostics);
    const std::string shape =
        " is no longer read: a model is given by its shape (\"layers\", \"hidden\", \"heads\", "
        "\"kv_heads\", \"ffn_hidden\", \"gated_mlp\", \"vocabulary\"), from which its "
        "parameters follow; remove it";
    for (const std::string& expected :
         {"site.json:29:46: error: /workloads/training/0/parameters: \"parameters\"" + shape,
          std::string("site.json:29:88: error: /workloads/training/0/flops: \"flops\" is no "
                      "longer read: the run's FLOPs follow from its shape, \"sequence\" and "
                      "\"tokens\"; remove it"),
          std::string("site.json:29:112: error: /workloads/training/0/mfu: \"mfu\" is no "
                      "longer read: the MFU is an output: the layout search finds it on the "
                      "deployed chips and fabric; remove it (the engine's efficiency input is "
                      "\"achievable_fraction\", the fraction of dense peak the matrix "
                      "multiplies sustain)"),
          "site.json:30:32: error: /workloads/inference/0/parameters: \"parameters\"" + shape,
          std::string("site.json:30:52: error: /workloads/inference/0/batch: \"batch\" is no "
                      "longer read: the batch is an output: the engine serves the largest "
                      "batch that meets \"time_per_output_token\" and "
                      "\"time_to_first_token\"; remove it"),
          std::string("site.json:30:64: error: /workloads/inference/0/tokens_per_request: "
                      "\"tokens_per_request\" is no longer read: replaced by "
                      "\"prompt_tokens\" and \"output_tokens\"")}) {
        EXPECT_NE(std::find(lines.begin(), lines.end(), expected), lines.end())
            << expected << "\nin\n"
            << ::testing::PrintToString(lines);
    }
    for (const auto& line : lines) {
        EXPECT_EQ(line.find("unknown key"), std::string::npos) << line;
    }
    // A run given by its shape that still states its MFU: that one error, and no site.
    const std::string leftover = replaced(
        withEpw(baseSite()), "\"it\": {",
        "\"workloads\": {\"training\": [{\"name\": \"run\", \"layers\": 2, \"hidden\": 64, "
        "\"heads\": 4, \"vocabulary\": 1000, \"sequence\": 128, \"global_batch\": 8, "
        "\"tokens\": 1e9, \"mfu\": \"40 %\"}]},\n  \"it\": {");
    const std::string error = onlyError(leftover);
    EXPECT_EQ(error.substr(0, error.find(" is no longer read")),
              "site.json:29:156: error: /workloads/training/0/mfu: \"mfu\"");
}

TEST(SiteReader, UnknownCatalogId) {
    const std::string error =
        onlyError(withEpw(replaced(baseSite(), "\"trainium2\"", "\"trainium9\"")));
    EXPECT_EQ(error.substr(0, error.find("trainium1")),
              "site.json:30:13: error: /it/chip: unknown chip \"trainium9\"; the catalog's chips "
              "are: ");
    EXPECT_NE(error.find("trainium2, trainium3"), std::string::npos) << error;
}

TEST(SiteReader, MissingEpw) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"EPW\"", "\"weather/nowhere.epw\"")),
              "site.json:10:22: error: /climate/epw: cannot find the weather file "
              "\"weather/nowhere.epw\" (looked for " +
                  std::string(HEADROOM_SOURCE_DIR) + "/weather/nowhere.epw)");
}

TEST(SiteReader, UnreadableEpw) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "\"EPW\"", "\"tests\"")),
              "site.json:10:22: error: /climate/epw: cannot read the weather file \"tests\": " +
                  std::string(HEADROOM_SOURCE_DIR) + "/tests is a folder");
}

TEST(SiteReader, DigestErrorsPointIntoTheSiteFile) {
    auto load = read(replaced(baseSite(), "{\"epw\": \"EPW\"}",
                              "{\"digest\": {\"format\": \"headroom-climate-digest/9\"}}"));
    EXPECT_FALSE(load.site);
    ASSERT_TRUE(load.diagnostics.hasErrors());
    const Diagnostic& first = load.diagnostics.items().front();
    EXPECT_EQ(first.file, "site.json");
    EXPECT_EQ(first.pointer.rfind("/climate/digest", 0), 0u) << first.pointer;
    EXPECT_EQ(first.line, 10) << formatDiagnostic(first);
}

TEST(SiteReader, MissingCsv) {
    EXPECT_EQ(onlyError(withEpw(replaced(
                  baseSite(), "\"0.4155 kg/kWh\"",
                  "{\"csv\": \"grid/none.csv\", \"column\": \"avg_CI\", \"unit\": \"g/kWh\"}"))),
              "site.json:12:33: error: /grid/carbon_intensity/csv: cannot find the CSV file "
              "\"grid/none.csv\" (looked for " +
                  std::string(HEADROOM_SOURCE_DIR) + "/grid/none.csv)");
}

TEST(SiteReader, InvalidUtf8AndBom) {
    EXPECT_EQ(onlyError(replaced(baseSite(), "Test campus", "Test \xC3(ampus")),
              "site.json:3:17: error: invalid UTF-8: byte 0xC3 is followed by '(', not a "
              "continuation byte");
    auto load = read("\xEF\xBB\xBF" + withEpw(baseSite()));
    ASSERT_TRUE(load.site);
    ASSERT_EQ(load.diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(load.diagnostics.items()[0]),
              "site.json:1:1: note: skipped a UTF-8 byte-order mark at the start of the file");
}

TEST(SiteReader, EveryErrorIsReportedAndNothingIsHalfLoaded) {
    std::string text = replaced(baseSite(), "\"90 %\"", "\"120 %\"");
    text = replaced(text, "\"16 MW\"", "\"16 m\"");
    auto load = read(text);
    EXPECT_FALSE(load.site);
    EXPECT_EQ(load.diagnostics.count(Severity::Error), 2);
}

TEST(SiteReader, ReadsAnUnlocatedDocument) {
    auto document = nlohmann::json::parse(withEpw(baseSite()));
    document["cooling"]["supply_air"]["max"] = "27 MW";
    auto load = readSiteDocument(document, "sweep#3", HEADROOM_SOURCE_DIR);
    EXPECT_FALSE(load.site);
    ASSERT_EQ(load.diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(load.diagnostics.items()[0]),
              "sweep#3: error: /cooling/supply_air/max: expected a temperature such as \"27 "
              "degC\", got a power \"27 MW\"");
}

// A source citing an id the bibliography lacks reads, with a warning at the source string.
TEST(SiteReader, AnUnknownCitationWarns) {
    auto load = read(withEpw(replaced(baseSite(), "\"eGRID2023 RFCW [O]\"",
                                      "\"eGRID2023 RFCW [O] [epa-egrid-2023] [egrid"
                                      "-2099]\"")));
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    EXPECT_EQ(formatted(load.diagnostics),
              std::vector<std::string>{
                  "site.json:14:36: warning: /grid/source/carbon_intensity: cites [egrid"
                  "-2099], "
                  "which is not in Headroom's bibliography (resources/references.json)"});
    EXPECT_EQ((*load.site->assumptions)[0].source, "eGRID2023 RFCW [O] [epa-egrid-2023] [egrid"
                                                   "-2099]");
}

TEST(SiteReader, GridSeriesFromARealCsv) {
    const std::string csv = "{\"csv\": \"" + kPjmCsv +
                            "\", \"column\": \"avg_CI\", \"unit\": \"g/kWh\", \"time_zone\": "
                            "\"utc\"";
    // PJM 2022 has 22 blank hours in a row (lines 1713-1734): refused by default...
    const std::string error =
        onlyError(withEpw(replaced(baseSite(), "\"0.4155 kg/kWh\"", csv + "}")));
    EXPECT_NE(error.find("is blank from line 1713 to line 1734 (22 hours); gaps longer than 6 h "
                         "are not interpolated"),
              std::string::npos)
        << error;
    // ...and bridged when max_gap allows it, with a warning.
    auto load =
        read(withEpw(replaced(baseSite(), "\"0.4155 kg/kWh\"", csv + ", \"max_gap\": \"1 d\"}")));
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    ASSERT_EQ(load.diagnostics.count(Severity::Warning), 1);
    EXPECT_NE(load.diagnostics.items()[0].message.find("interpolated 23 blank hours"),
              std::string::npos);
    const auto& values = load.site->grid.carbonKgPerKwh.values;
    ASSERT_EQ(values.size(), 8760u);
    // Local standard hour 0 (UTC-5) is UTC row 5: 2022-01-01 05:00 UTC, line 7 of the CSV.
    std::ifstream in(kPjmCsv);
    std::string line;
    for (int i = 0; i < 7; ++i) {
        std::getline(in, line);
    }
    const double expected = std::stod(line.substr(line.rfind(',') + 1)) / 1000.0;
    EXPECT_NEAR(values[0], expected, 1e-12) << line;
    // 2022 PJM mean is 363 g/kWh (tests/data/README.md); interpolation keeps it within 1 g/kWh.
    double sum = 0.0;
    for (double v : values) {
        sum += v;
    }
    EXPECT_NEAR(sum / 8760.0, 0.363, 0.001);
}

TEST(SiteReader, MonthByHourTableAndProfile) {
    std::string rows;
    for (int m = 0; m < 12; ++m) {
        rows += m == 0 ? "[" : ", [";
        for (int h = 0; h < 24; ++h) {
            rows += (h == 0 ? "" : ", ") + std::to_string(100 * (m + 1) + h);
        }
        rows += "]";
    }
    std::string profile;
    for (int h = 0; h < 24; ++h) {
        profile += (h == 0 ? "\"" : ", \"") + std::to_string(50 + h) + " %\"";
    }
    auto load =
        read(withEpw(replaced(replaced(baseSite(), "\"0.4155 kg/kWh\"",
                                       "{\"table\": [" + rows + "], \"unit\": \"g/kWh\"}"),
                              "\"utilization\": \"70 %\"", "\"utilization\": [" + profile + "]")));
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    const Site& site = *load.site;
    // Hour index 24*31 + 4 is 1 February, hour-ending 5: row February (2), column 4.
    EXPECT_NEAR(site.grid.carbonKgPerKwh.values[24 * 31 + 4], 0.204, 1e-12);
    EXPECT_NEAR(site.it.utilization.values[24 * 40 + 23], 0.73, 1e-12);
}

TEST(SiteReader, ClimateFromCsvObservations) {
    const std::string dublin = kTestData + "/weather/IRL_Dublin.Airport_MetEireann_hly532_2017.csv";
    // Column names and units from tests/data/README.md; msl is mean-sea-level pressure, hPa.
    const std::string mapping =
        "{\"csv\": {\"file\": \"" + dublin +
        "\", \"timestamp\": \"date_utc\", \"temperature\": \"temp\", "
        "\"relative_humidity\": \"rhum\", \"pressure\": \"msl\", \"pressure_reference\": "
        "\"mean_sea_level\", \"station_elevation\": \"71 m\", \"station\": \"Dublin Airport\"}}";
    std::string text = replaced(baseSite(), "{\"epw\": \"EPW\"}", mapping);
    text = replaced(text, "\"utc_offset\": -5", "\"utc_offset\": 0");
    auto load = read(text);
    ASSERT_TRUE(load.site) << ::testing::PrintToString(formatted(load.diagnostics));
    ASSERT_TRUE(load.site->climate);
    ASSERT_EQ(load.site->climate->hours(), 8760u);
    double sum = 0.0;
    for (double t : load.site->climate->dryBulbC) {
        sum += t;
    }
    // tests/data/README.md: mean temperature 10.07 degC over the 8760 rows.
    EXPECT_NEAR(sum / 8760.0, 10.07, 0.005);
}

TEST(SiteReader, SampleSitesLoad) {
    for (const char* name : {"st-joseph-county-in.json", "loudoun-county-va.json",
                             "umatilla-county-or.json", "phoenix-az.json", "singapore.json"}) {
        auto load = readSiteFile(fs::path(HEADROOM_SOURCE_DIR) / "sample_sites" / name);
        ASSERT_TRUE(load.site) << name << ": "
                               << ::testing::PrintToString(formatted(load.diagnostics));
        EXPECT_EQ(load.diagnostics.count(Severity::Warning), 0) << name;
        ASSERT_TRUE(load.site->climate) << name;
        EXPECT_EQ(load.site->climate->hours(), 8760u) << name;
        EXPECT_EQ(load.site->grid.carbonKgPerKwh.values.size(), 8760u) << name;
        ASSERT_TRUE(load.site->assumptions) << name;
        EXPECT_TRUE(
            std::any_of(load.site->assumptions->begin(), load.site->assumptions->end(),
                        [](const Assumption& a) { return a.origin == AssumptionOrigin::File; }))
            << name;
        EXPECT_FALSE(load.site->climateNote.empty()) << name;
    }
    auto indiana =
        readSiteFile(fs::path(HEADROOM_SOURCE_DIR) / "sample_sites" / "st-joseph-county-in.json");
    ASSERT_TRUE(indiana.site);
    EXPECT_EQ(indiana.site->campus.buildings, 7);
    EXPECT_NEAR(indiana.site->grid.carbonKgPerKwh.values[0], 0.4155, 1e-12);
    EXPECT_NEAR(indiana.site->grid.waterLPerKwh.values[0], 2.233, 1e-12);
    EXPECT_FALSE(indiana.site->cooling.envelope.humidify);
    // Singapore: 470.8 g/kWh; 216.62 gal/MWh x 3.785411784 L/gal / 1000 kWh/MWh = 0.820 L/kWh.
    auto singapore =
        readSiteFile(fs::path(HEADROOM_SOURCE_DIR) / "sample_sites" / "singapore.json");
    ASSERT_TRUE(singapore.site);
    EXPECT_NEAR(singapore.site->grid.carbonKgPerKwh.values[0], 0.4708, 1e-12);
    EXPECT_NEAR(singapore.site->grid.waterLPerKwh.values[0], 216.62 * 3.785411784e-3, 5e-4);
}

// ---- physics guards (issue 10): valid fields a model cannot compute together -----------

// The base site with its weather, with the supply-air object replaced by `supply`.
std::string withSupply(const std::string& supply) {
    return withEpw(
        replaced(baseSite(), R"("supply_air": {"max": "80.6 degF", "max_rh": "90 %"})", supply));
}

TEST(SitePhysics, SupplyEnvelopeMustHoldSomeAir) {
    // Dry-bulb limits crossed: the later field given is blamed.
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min": "20 degC", "max": "18 degC"})")),
              "site.json:27:45: error: /cooling/supply_air/max: expected a temperature at or "
              "above the supply minimum \"20 degC\" (/cooling/supply_air/min), got \"18 degC\"");
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min": "30 degC"})")),
              "site.json:27:27: error: /cooling/supply_air/min: expected a temperature at or "
              "below the supply maximum \"27 degC\" (/cooling/supply_air/max), got \"30 degC\"");
    // A supply limit below the dew-point limit.
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min": "10 degC", "max": "14 degC"})")),
              "site.json:27:45: error: /cooling/supply_air/max: expected a temperature at or "
              "above the maximum supply dew point \"15 degC\" (/cooling/supply_air/max_dew_point): "
              "air is never below its dew point, got \"14 degC\"");
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"max_dew_point": "28 degC"})")),
              "site.json:27:37: error: /cooling/supply_air/max_dew_point: expected a dew point at "
              "or below the supply maximum \"27 degC\" (/cooling/supply_air/max): air is never "
              "below its dew point, got \"28 degC\"");
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min_dew_point": "16 degC"})")),
              "site.json:27:37: error: /cooling/supply_air/min_dew_point: expected a dew point at "
              "or below the maximum supply dew point \"15 degC\" "
              "(/cooling/supply_air/max_dew_point), got \"16 degC\"");
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min_rh": "60 %", "max_rh": "50 %"})")),
              "site.json:27:30: error: /cooling/supply_air/min_rh: expected a relative humidity "
              "at or below the maximum \"50 %\" (/cooling/supply_air/max_rh), got \"60 %\"");
    // 90 % RH at 18 degC has a dew point of 16.3 degC, above the 15 degC limit
    // (p_ws(15) / p_ws(18) = 1705.6 / 2064.5 Pa = 82.6 %, ASHRAE HoF 2017 ch. 1 table 3).
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"min_rh": "90 %", "max_rh": "95 %"})")),
              "site.json:27:30: error: /cooling/supply_air/min_rh: expected a relative humidity "
              "of at most 82.62 %: at the supply minimum \"18 degC\" more puts the dew point "
              "above the maximum \"15 degC\" (/cooling/supply_air/max_dew_point), got \"90 %\"");
    // 10 % RH at 27 degC is below a -5 degC dew point: p_ws(-5, over ice) / p_ws(27) =
    // 401.7 / 3567 Pa = 11.26 % (ASHRAE HoF 2017 ch. 1 table 3).
    EXPECT_EQ(
        onlyError(withSupply(
            R"("supply_air": {"min_dew_point": "-5 degC", "min_rh": "5 %", "max_rh": "10 %"})")),
        "site.json:27:75: error: /cooling/supply_air/max_rh: expected a relative humidity "
        "of at least 11.26 %: at the supply maximum \"27 degC\" less puts the dew point "
        "below the minimum \"-5 degC\" (/cooling/supply_air/min_dew_point), got \"10 %\"");
    // Zero or negative delta-T and max RH of 0 are out of their ranges.
    EXPECT_EQ(onlyError(withSupply(R"("delta_t": "0 K", "supply_air": {})")),
              "site.json:27:16: error: /cooling/delta_t: expected a temperature difference from "
              "1 K to 40 K, got \"0 K\"");
    EXPECT_EQ(onlyError(withSupply(R"("supply_air": {"max_rh": "0 %"})")),
              "site.json:27:30: error: /cooling/supply_air/max_rh: expected a fraction above 0 % "
              "and at most 100 %, got \"0 %\"");
}

TEST(SitePhysics, FansMoveAir) {
    // A zero specific fan power used to become the 1.2 kW/(m3/s) default without a word.
    EXPECT_EQ(onlyError(withSupply(R"x("fan": {"design_sfp": "0 kW/(m3/s)"}, "supply_air": {})x")),
              "site.json:27:27: error: /cooling/fan/design_sfp: expected a specific fan power "
              "above 0 kW/(m3/s) and at most 5 kW/(m3/s), got \"0 kW/(m3/s)\"");
}

TEST(SitePhysics, CyclesOfConcentrationAboveOne) {
    // blowdown = evaporation / (cycles - 1): one cycle would divide by zero.
    EXPECT_EQ(onlyError(withSupply(R"("water": {"cycles_of_concentration": 1}, "supply_air": {})")),
              "site.json:27:42: error: /cooling/water/cycles_of_concentration: expected a number "
              "above 1 and at most 50, got 1");
    EXPECT_EQ(
        onlyError(withSupply(R"("water": {"cycles_of_concentration": 0.5}, "supply_air": {})")),
        "site.json:27:42: error: /cooling/water/cycles_of_concentration: expected a number "
        "above 1 and at most 50, got 0.5");
}

TEST(SitePhysics, OneServerMustFitARack) {
    // A Trn2 server: 16 x 500 W chips + host, fans and NICs (catalog) at 91 % PSU
    // efficiency is more than 10 kW.
    const std::string site = withEpw(baseSite());
    const std::string rack = onlyError(replaced(site, "\"40 kW\"", "\"10 kW\""));
    EXPECT_TRUE(rack.starts_with(
        "site.json:23:27: error: /campus/hall/rack_power_limit: expected a power of at least "))
        << rack;
    EXPECT_TRUE(rack.ends_with("what one \"trn2-ultraserver\" server draws at its power supplies "
                               "(16 chips of 500 W, host, fans and NICs, at 91 % PSU "
                               "efficiency), got \"10 kW\""))
        << rack;
    EXPECT_EQ(onlyError(replaced(site, "\"utilization\": \"70 %\"",
                                 "\"utilization\": \"70 %\", \"rack_units\": 12")),
              "site.json:32:42: error: /it/rack_units: expected a whole number of at least 18, "
              "the height of one \"trn2-ultraserver\" server in rack units, got 12");
    // Two servers per 40 kW rack: an UltraServer of 4 spans 2 racks.
    EXPECT_EQ(
        onlyError(replaced(site, "\"rack_positions\": 600", "\"rack_positions\": 1")),
        "site.json:22:25: error: /campus/hall/rack_positions: expected a whole number of at "
        "least 2: one UltraServer spans 2 adjacent racks (2 of its servers to a rack), got 1");
    EXPECT_EQ(
        onlyError(replaced(site, "\"rack_positions\": 600",
                           "\"rack_positions\": 600, \"racks_per_row\": 1")),
        "site.json:22:47: error: /campus/hall/racks_per_row: expected a whole number of at "
        "least 2: one UltraServer spans 2 adjacent racks (2 of its servers to a rack), got 1");
    const std::string hall = onlyError(replaced(site, "\"16 MW\"", "\"40 kW\""));
    EXPECT_TRUE(hall.starts_with(
        "site.json:20:19: error: /campus/hall/it_power: expected a power of at least "))
        << hall;
    EXPECT_TRUE(hall.ends_with(" kW, one \"trn2-ultraserver\" UltraServer at peak, got \"40 kW\""))
        << hall;
}

TEST(SitePhysics, ChipsMustBeCountable) {
    // 1024 x 1024 chips per UltraServer: 2147483647 / 1048576 = 2047 UltraServers at most.
    EXPECT_EQ(onlyError(replaced(withEpw(baseSite()), "\"utilization\": \"70 %\"",
                                 "\"utilization\": \"70 %\", \"ultraservers\": 3000, "
                                 "\"platform_overrides\": {\"chips_per_server\": 1024, "
                                 "\"servers_per_ultraserver\": 1024}")),
              "site.json:32:44: error: /it/ultraservers: expected a whole number of at most "
              "2047: Headroom counts at most 2147483647 chips and one UltraServer holds 1048576, "
              "got 3000");
}

// Contracted clean supply has one home: an annual renewable fraction beside wind or solar
// contracts is refused at the fraction, naming the contracts and the field to keep; the
// fraction alone, or beside a /clean_energy section without a contract, still reads.
TEST(SitePhysics, ContractedCleanSupplyHasOneHome) {
    const auto site = [](const std::string& fraction, const std::string& cleanEnergy) {
        return replaced(replaced(withEpw(baseSite()), R"("water_intensity": "2.233 L/kWh",)",
                                 R"("water_intensity": "2.233 L/kWh", "renewable": {"fraction": )" +
                                     fraction + "},"),
                        R"(  "it": {)", R"(  "clean_energy": )" + cleanEnergy + ",\n  \"it\": {");
    };
    const std::string wind = R"({"grid_mix": "PJM", "wind": {"capacity": "300 MW"}})";
    const std::string both =
        R"({"grid_mix": "PJM", "wind": {"capacity": "300 MW"}, "solar": {"capacity": "1 GW"}})";
    EXPECT_EQ(onlyError(site(R"("40 %")", wind)),
              "site.json:13:65: error: /grid/renewable/fraction: expected no annual renewable "
              "fraction beside /clean_energy's contracts (/clean_energy/wind/capacity "
              "\"300 MW\"), got \"40 %\": both would claim the same clean energy for "
              "market-based carbon. Use /clean_energy's contracts, matched hour by hour, and "
              "remove /grid/renewable/fraction (it stands alone for supply bought by the year, "
              "without an hourly profile)");
    EXPECT_NE(onlyError(site(R"("40 %")", both))
                  .find("(/clean_energy/wind/capacity \"300 MW\", /clean_energy/solar/capacity "
                        "\"1 GW\")"),
              std::string::npos);
    for (const auto& [fraction, cleanEnergy] :
         {std::pair<std::string, std::string>{R"("40 %")", R"({"grid_mix": "PJM"})"},
          {R"("40 %")", R"({"grid_mix": "PJM", "wind": {"capacity": "0 MW"}})"},
          {R"("0 %")", wind}}) {
        const SiteLoad load = read(site(fraction, cleanEnergy));
        EXPECT_TRUE(load.site.has_value()) << fraction << " " << cleanEnergy;
        EXPECT_FALSE(load.diagnostics.hasErrors()) << fraction << " " << cleanEnergy;
    }
}

} // namespace
} // namespace headroom::model
