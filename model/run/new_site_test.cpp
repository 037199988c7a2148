// A new site from a weather file (headroom-cli init, File > New Site…): location from the
// EPW header, the weather attached, grid factors from the bundled table with the choice
// named, the template's design without its notes and sources, and a file that validates.
#include "model/run/new_site.h"
#include "model/site/site_reader.h"
#include "tests/support/dublin_csv.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace headroom::model {
namespace {

const std::filesystem::path kWeather =
    std::filesystem::path(HEADROOM_SOURCE_DIR) / "tests/data/weather";

/// Every string in a document, so a test can look for text that must not survive.
void collectStrings(const nlohmann::ordered_json& value, std::string& out) {
    if (value.is_string()) {
        out += value.get<std::string>() + "\n";
    } else if (value.is_structured()) {
        for (const auto& [key, child] : value.items()) {
            if (key == "digest") {
                continue; // the weather's own provenance, not the template's
            }
            out += key + "\n";
            collectStrings(child, out);
        }
    }
}

TEST(NewSite, AChicagoEpwGivesItsLocationDigestAndRfcwGrid) {
    NewSiteRequest request;
    request.weatherFile = kWeather / "USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw";
    request.siteFile = std::filesystem::temp_directory_path() / "headroom-new-site/chicago.json";
    const NewSite made = newSiteFromWeather(request);
    ASSERT_TRUE(made.document) << made.diagnostics.items().front().message;
    EXPECT_FALSE(made.diagnostics.hasErrors());
    const auto& site = *made.document;
    // The LOCATION header: "Chicago Ohare Intl Ap,IL,USA,TMY3,725300,41.98,-87.92,-6.0,201.0".
    EXPECT_DOUBLE_EQ(site["location"]["latitude"].get<double>(), 41.98);
    EXPECT_DOUBLE_EQ(site["location"]["longitude"].get<double>(), -87.92);
    EXPECT_EQ(site["location"]["elevation"], "201 m");
    EXPECT_DOUBLE_EQ(site["location"]["utc_offset"].get<double>(), -6.0);
    EXPECT_EQ(site["name"], "Chicago Ohare Intl Ap, IL, USA (WMO 725300)");
    EXPECT_TRUE(site["climate"].contains("digest"));
    EXPECT_FALSE(site["climate"].contains("epw"));
    // resources/grid_factors.json: IL -> RFCW, eGRID2023 0.4155 kg/kWh; EWIF IL 2.233 L/kWh.
    EXPECT_EQ(site["grid"]["carbon_intensity"], "0.4155 kg/kWh");
    EXPECT_EQ(site["grid"]["water_intensity"], "2.233 L/kWh");
    EXPECT_NE(made.grid.basis.find("eGRID subregion RFCW (state IL"), std::string::npos)
        << made.grid.basis;
    EXPECT_NE(
        site["grid"]["source"]["carbon_intensity"].get<std::string>().find("[epa-egrid-2023]"),
        std::string::npos);
    // Nothing of the template's own place, notes or sources survives.
    std::string text;
    collectStrings(site, text);
    for (const char* stale : {"South Bend", "Indiana Michigan Power", "St. Joseph", "notes",
                              "[I] the", "sample_sites/"}) {
        EXPECT_EQ(text.find(stale), std::string::npos) << stale;
    }
    EXPECT_FALSE(site.contains("notes"));
    EXPECT_FALSE(site["climate"].contains("note"));
}

TEST(NewSite, OutsideTheUsTheCountryIntensityIsUsedAndNamed) {
    NewSiteRequest request;
    request.weatherFile = kWeather / "SGP_SG_Changi.Intl.AP.486980_TMYx.epw";
    request.name = "Jurong test site";
    const NewSite made = newSiteFromWeather(request);
    ASSERT_TRUE(made.document);
    EXPECT_EQ((*made.document)["name"], "Jurong test site");
    // codecarbon global_energy_mix.json: SGP 470.783 gCO2e/kWh (2023); no Singapore EWIF,
    // so the world average 216.62 gal/MWh = 0.820 L/kWh.
    EXPECT_EQ((*made.document)["grid"]["carbon_intensity"], "470.783 g/kWh");
    EXPECT_EQ((*made.document)["grid"]["water_intensity"], "0.820 L/kWh");
    EXPECT_EQ(made.grid.basis, "country SGP (Singapore)");

    EXPECT_EQ(gridFactorsFor("NOR", "OS").carbonIntensity, "30.08 g/kWh");
    EXPECT_EQ(gridFactorsFor("IRL", "").waterIntensity, "1.476 L/kWh");
    EXPECT_EQ(gridFactorsFor("AZ-NOWHERE", "").region, "world average");
    // A US territory the table does not map falls back to the US average, and says so.
    const GridChoice puertoRico = gridFactorsFor("USA", "PR");
    EXPECT_EQ(puertoRico.carbonIntensity, "0.3497 kg/kWh");
    EXPECT_NE(puertoRico.basis.find("US average"), std::string::npos);
    // Kansas is in SPP North: eGRID2019 SPNO 1133 lb/MWh x 0.45359237 = 0.5139 kg/kWh.
    const GridChoice kansas = gridFactorsFor("USA", "KS");
    EXPECT_EQ(kansas.carbonIntensity, "0.5139 kg/kWh");
    EXPECT_EQ(kansas.basis, "eGRID subregion SPNO (state KS in the weather header)");
    EXPECT_NE(kansas.carbonSource.find("[epa-egrid-2019]"), std::string::npos);
}

// Every eGRID2019 row of the bundled table is the 2019 row of the eGRID file it cites
// (resources/grid/egrid_subregion_co2e_lb_per_mwh.csv, lb/MWh) converted at 0.45359237
// kg/lb and rounded to 4 decimals; every state and DC maps to exactly one subregion.
TEST(NewSite, TheEgridSubregionsMatchTheBundledEgridFile) {
    const std::filesystem::path resources =
        std::filesystem::path(HEADROOM_SOURCE_DIR) / "resources";
    std::ifstream csv(resources / "grid/egrid_subregion_co2e_lb_per_mwh.csv");
    ASSERT_TRUE(csv) << "the eGRID file is missing";
    std::string header;
    std::string line;
    std::getline(csv, header);
    std::string row2019;
    while (std::getline(csv, line)) {
        if (line.starts_with("2019,")) {
            row2019 = line;
        }
    }
    ASSERT_FALSE(row2019.empty());
    std::map<std::string, double> lbPerMwh;
    {
        std::istringstream names(header);
        std::istringstream values(row2019);
        std::string name;
        std::string value;
        std::getline(names, name, ',');
        std::getline(values, value, ',');
        while (std::getline(names, name, ',') && std::getline(values, value, ',')) {
            lbPerMwh[name] = std::stod(value);
        }
    }
    ASSERT_EQ(lbPerMwh.size(), 26u);
    std::ifstream tableFile(resources / "grid_factors.json");
    const auto table = nlohmann::json::parse(tableFile);
    std::map<std::string, std::string> stateSubregion;
    int from2019 = 0;
    for (const auto& subregion : table.at("us_subregions")) {
        const std::string id = subregion.at("id");
        for (const std::string state : subregion.at("states")) {
            EXPECT_TRUE(stateSubregion.emplace(state, id).second) << state << " twice";
        }
        const std::string source = subregion.at("source");
        if (source.find("[epa-egrid-2019]") == std::string::npos) {
            continue;
        }
        ++from2019;
        ASSERT_TRUE(lbPerMwh.count(id)) << id;
        char expected[32];
        std::snprintf(expected, sizeof expected, "%.4f kg/kWh", lbPerMwh[id] * 0.45359237 / 1000.0);
        EXPECT_EQ(subregion.at("carbon_intensity").get<std::string>(), expected) << id;
    }
    EXPECT_GE(from2019, 18);
    EXPECT_EQ(stateSubregion.size(), 51u) << "the 50 states and DC";
}

using headroom::testing::dublinMapping;
const std::filesystem::path& kDublinCsv = headroom::testing::dublinCsv();

// Issue 18: a new site from a CSV weather file through a column mapping; the mapping gives
// the position a CSV header cannot, the request the country for the grid factors.
TEST(NewSite, FromACsvWithAColumnMappingTheSiteValidatesWithBothAttachments) {
    NewSiteRequest request;
    request.weatherFile = kDublinCsv;
    request.csv = dublinMapping();
    request.country = "IRL";
    NewSite made = newSiteFromWeather(request);
    ASSERT_TRUE(made.document) << (made.diagnostics.empty() ? ""
                                                            : made.diagnostics.items()[0].message);
    const auto& site = *made.document;
    EXPECT_EQ(site["name"], "Dublin Airport, IRL");
    EXPECT_DOUBLE_EQ(site["location"]["latitude"].get<double>(), 53.428);
    EXPECT_DOUBLE_EQ(site["location"]["longitude"].get<double>(), -6.241);
    EXPECT_EQ(site["location"]["elevation"], "71 m");
    EXPECT_TRUE(site["climate"].contains("digest"));
    EXPECT_EQ(made.grid.basis, "country IRL (Ireland)");
    EXPECT_EQ(site["grid"]["water_intensity"], "1.476 L/kWh");

    // Referenced, the file and its mapping go into the site, and the site reads them back.
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / "headroom-new-site-csv";
    std::filesystem::create_directories(folder);
    request.weather = WeatherAttachment::Reference;
    request.siteFile = folder / "dublin.json";
    made = newSiteFromWeather(request);
    ASSERT_TRUE(made.document) << (made.diagnostics.empty() ? ""
                                                            : made.diagnostics.items()[0].message);
    const auto& csv = (*made.document)["climate"]["csv"];
    EXPECT_EQ(csv["temperature"], "temp");
    EXPECT_EQ(csv["relative_humidity"], "rhum");
    EXPECT_EQ(csv["pressure_reference"], "mean_sea_level");
    EXPECT_EQ(std::filesystem::weakly_canonical(folder / csv["file"].get<std::string>()),
              std::filesystem::weakly_canonical(kDublinCsv));
    std::filesystem::remove_all(folder);
}

// A bad cell in the CSV is a located error (file:line:col, the column, what was found and
// what was expected) and no site is made.
TEST(NewSite, ACsvWithABadCellGivesItsLocationAndNoSite) {
    std::ifstream in(kDublinCsv, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    const std::string row = "DUBLIN AIRPORT,2017,1,1,1,2017-01-01T01:00Z,0.2,4.9,95,1019.7";
    const std::size_t at = text.find(row);
    ASSERT_NE(at, std::string::npos);
    text.replace(at + row.find("4.9"), 3, "4.9x");
    const std::filesystem::path bad = std::filesystem::temp_directory_path() / "headroom-bad.csv";
    std::ofstream(bad, std::ios::binary) << text;
    NewSiteRequest request;
    request.weatherFile = bad;
    request.csv = dublinMapping();
    request.country = "IRL";
    const NewSite made = newSiteFromWeather(request);
    EXPECT_FALSE(made.document);
    ASSERT_TRUE(made.diagnostics.hasErrors());
    const Diagnostic& error = made.diagnostics.items()[0];
    EXPECT_EQ(error.file, bad.string());
    EXPECT_EQ(error.line, 3); // the header is line 1
    EXPECT_EQ(error.column, static_cast<int>(row.find("4.9")) + 1);
    EXPECT_EQ(error.message,
              "temperature (column \"temp\"): expected a finite number, found \"4.9x\"");
    std::filesystem::remove(bad);
}

TEST(NewSite, AReferencedEpwIsWrittenRelativeToTheSiteAndReadsBack) {
    const std::filesystem::path folder =
        std::filesystem::temp_directory_path() / "headroom-new-site-ref";
    std::filesystem::create_directories(folder);
    NewSiteRequest request;
    request.weatherFile = kWeather / "USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw";
    request.siteFile = folder / "phoenix.json";
    request.weather = WeatherAttachment::Reference;
    const NewSite made = newSiteFromWeather(request);
    ASSERT_TRUE(made.document);
    const std::string epw = (*made.document)["climate"]["epw"];
    EXPECT_EQ(std::filesystem::weakly_canonical(folder / epw),
              std::filesystem::weakly_canonical(request.weatherFile));
    EXPECT_EQ((*made.document)["grid"]["carbon_intensity"], "0.3203 kg/kWh"); // AZNM
    EXPECT_EQ((*made.document)["grid"]["water_intensity"], "4.959 L/kWh");    // EWIF AZ
}

TEST(NewSite, AWeatherFileWithErrorsGivesItsLocatedDiagnosticsAndNoDocument) {
    const std::filesystem::path bad =
        std::filesystem::temp_directory_path() / "headroom-new-site-bad.epw";
    std::ofstream(bad) << "LOCATION,Nowhere,XX,USA,TMY3,000000,not-a-latitude,-87.9,-6.0,201\n";
    NewSiteRequest request;
    request.weatherFile = bad;
    const NewSite made = newSiteFromWeather(request);
    EXPECT_FALSE(made.document);
    ASSERT_TRUE(made.diagnostics.hasErrors());
    const Diagnostic& first = made.diagnostics.items().front();
    EXPECT_EQ(first.file, bad.string());
    EXPECT_EQ(first.line, 1);

    request.weatherFile = kWeather / "no-such-file.epw";
    const NewSite missing = newSiteFromWeather(request);
    EXPECT_FALSE(missing.document);
    EXPECT_EQ(missing.diagnostics.items().front().kind, DiagnosticKind::NotFound);
}

} // namespace
} // namespace headroom::model
