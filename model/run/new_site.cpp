#include "model/run/new_site.h"

#include "model/climate/climate_digest.h"
#include "model/climate/epw_file.h"
#include "model/run/embedded_grid_factors.h"
#include "model/run/embedded_site.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

namespace headroom::model {

namespace {

using ojson = nlohmann::ordered_json;

const ojson& gridTable() {
    static const ojson table = [] {
        const auto files = embeddedGridFactorFiles();
        return files.empty() ? ojson::object() : ojson::parse(files.front().text);
    }();
    return table;
}

std::string upper(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    return text;
}

/// The row of an array member whose key equals value (case-insensitive), or null.
const ojson* findRow(const ojson& table, const char* array, const char* key,
                     const std::string& value) {
    const auto rows = table.find(array);
    if (rows == table.end()) {
        return nullptr;
    }
    for (const ojson& row : *rows) {
        if (upper(row.value(key, std::string())) == upper(value)) {
            return &row;
        }
    }
    return nullptr;
}

bool isUnitedStates(const std::string& country) {
    const std::string code = upper(country);
    return code == "USA" || code == "US" || code == "UNITED STATES";
}

/// "41.98" rather than "41.980000000000004": the header's own precision (EPW gives
/// degrees to 2-3 decimals, hours to 1).
double rounded(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    return std::round(value * scale) / scale;
}

std::string metres(double value) {
    std::ostringstream text;
    text << rounded(value, 1) << " m";
    return text.str();
}

std::string stationText(const WeatherStation& station) {
    std::string text = station.city;
    for (const std::string* part : {&station.region, &station.country}) {
        if (!part->empty() && *part != "-") {
            text += (text.empty() ? "" : ", ") + *part;
        }
    }
    if (!station.wmo.empty()) {
        text += " (WMO " + station.wmo + ")";
    }
    return text;
}

std::filesystem::path folderOf(const std::filesystem::path& siteFile) {
    return siteFile.empty() ? std::filesystem::current_path()
                            : std::filesystem::absolute(siteFile).parent_path();
}

/// A weather file read: an EPW, or a CSV through its mapping.
std::optional<Climate> loadWeather(const std::filesystem::path& weatherFile,
                                   const CsvWeatherMapping* csv, Diagnostics& diagnostics) {
    if (csv) {
        return CsvWeather::load(weatherFile, *csv, diagnostics);
    }
    auto epw = EpwFile::load(weatherFile, diagnostics);
    if (!epw) {
        return std::nullopt;
    }
    return std::move(*epw).climate();
}

/// The "csv" object of a site's climate: the file and the mapping the site reader reads it
/// through (site_fields_place.cpp); the station's position goes to /location.
ojson csvSection(const CsvWeatherMapping& csv, const std::string& file) {
    ojson section = {{"file", file},
                     {"timestamp", csv.timestampColumn},
                     {"time_zone", csv.timestampIsUtc ? "utc" : "local"},
                     {"temperature", csv.temperatureColumn},
                     {"temperature_unit", csv.temperatureUnit},
                     {"relative_humidity", csv.relativeHumidityColumn},
                     {"pressure", csv.pressureColumn},
                     {"pressure_unit", csv.pressureUnit},
                     {"pressure_reference",
                      csv.pressureReference == CsvWeatherMapping::PressureReference::Station
                          ? "station"
                          : "mean_sea_level"},
                     {"station_elevation", metres(csv.stationElevationM)},
                     {"station", csv.stationName},
                     {"data_source", csv.dataSource}};
    if (csv.stationName.empty()) {
        section.erase("station"); // the reader then names it after the file
    }
    return section;
}

ojson climateOf(const Climate& weather, const std::filesystem::path& weatherFile,
                WeatherAttachment attachment, const std::filesystem::path& siteFile,
                const CsvWeatherMapping* csv) {
    const std::string weatherName = weatherFile.filename().string();
    const std::string dataSource = weather.station.dataSource;
    ojson climate = ojson::object();
    if (attachment == WeatherAttachment::Reference) {
        // Relative to the site file; a site not yet saved anywhere keeps the absolute path.
        const std::filesystem::path path = std::filesystem::absolute(weatherFile);
        const std::string file =
            (siteFile.empty() ? path : path.lexically_relative(folderOf(siteFile)))
                .generic_string();
        if (csv) {
            climate["csv"] = csvSection(*csv, file);
        } else {
            climate["epw"] = file;
        }
        climate["source"] = weatherName + " (" + dataSource + ")";
    } else {
        climate["digest"] = ojson::parse(makeClimateDigest(weather, weatherName).dump());
        climate["source"] = weatherName + " (" + dataSource + "), digested by Headroom";
    }
    return climate;
}

} // namespace

std::optional<ojson> climateSection(const std::filesystem::path& weatherFile,
                                    WeatherAttachment attachment,
                                    const std::filesystem::path& siteFile, Diagnostics& diagnostics,
                                    const CsvWeatherMapping* csv) {
    const auto weather = loadWeather(weatherFile, csv, diagnostics);
    if (!weather) {
        return std::nullopt;
    }
    return climateOf(*weather, weatherFile, attachment, siteFile, csv);
}

GridChoice gridFactorsFor(const std::string& country, const std::string& region) {
    const ojson& table = gridTable();
    GridChoice choice;
    const ojson& world = table.at("world_average");
    if (isUnitedStates(country)) {
        const ojson& us = table.at("us_average");
        choice.carbonIntensity = us.at("carbon_intensity");
        choice.carbonSource = us.at("source");
        choice.region = "United States (national average)";
        choice.basis = "US average: the weather header's state \"" + region +
                       "\" has no eGRID subregion in the bundled table";
        for (const ojson& subregion : table.at("us_subregions")) {
            const auto& states = subregion.at("states");
            if (std::find(states.begin(), states.end(), upper(region)) != states.end()) {
                choice.carbonIntensity = subregion.at("carbon_intensity");
                choice.carbonSource = subregion.at("source").get<std::string>() + "; " +
                                      table.at("us_state_to_subregion_note").get<std::string>();
                choice.region = subregion.at("name");
                choice.basis = "eGRID subregion " + subregion.at("id").get<std::string>() +
                               " (state " + upper(region) + " in the weather header)";
                break;
            }
        }
        choice.waterIntensity = us.at("water_intensity");
        choice.waterSource = us.at("water_source");
        if (const ojson* water = findRow(table, "us_state_water", "state", region)) {
            choice.waterIntensity = water->at("water_intensity");
            choice.waterSource = table.at("us_state_water_source").get<std::string>() + ", " +
                                 upper(region) + " " + choice.waterIntensity;
        } else {
            choice.waterSource += " (no EWIF for " + (region.empty() ? "the state" : region) +
                                  " in the bundled table)";
        }
        return choice;
    }
    const ojson* row = findRow(table, "countries", "iso3", country);
    if (!row) {
        row = findRow(table, "countries", "name", country);
    }
    if (row) {
        const std::string iso = row->at("iso3");
        choice.carbonIntensity = row->at("carbon_intensity");
        choice.carbonSource = table.at("countries_source").get<std::string>() + ", " + iso + " " +
                              choice.carbonIntensity + ", year " +
                              std::to_string(row->at("year").get<int>());
        choice.region = row->at("name").get<std::string>() + " (national grid, annual)";
        choice.basis = "country " + iso + " (" + row->at("name").get<std::string>() + ")";
    } else {
        choice.carbonIntensity = world.at("carbon_intensity");
        choice.carbonSource = world.at("source");
        choice.region = "world average";
        choice.basis = "world average: the weather header's country \"" + country +
                       "\" is not in the bundled table";
    }
    choice.waterIntensity = world.at("water_intensity");
    choice.waterSource = world.at("water_source");
    if (const ojson* water = findRow(table, "country_water", "country",
                                     row ? row->at("iso3").get<std::string>() : country)) {
        choice.waterIntensity = water->at("water_intensity");
        choice.waterSource = table.at("country_water_source").get<std::string>() + ", " +
                             water->at("country").get<std::string>() + " " + choice.waterIntensity;
    }
    return choice;
}

ojson withoutNotesAndSources(ojson document) {
    if (document.is_object()) {
        // {"value": v, "source": s} is v with a source: the value stays, the source goes.
        if (document.contains("value") && document.contains("source") && document.size() == 2) {
            return withoutNotesAndSources(document["value"]);
        }
        for (const char* key : {"source", "notes", "note"}) {
            document.erase(key);
        }
        for (auto& [key, value] : document.items()) {
            value = withoutNotesAndSources(std::move(value));
        }
    } else if (document.is_array()) {
        for (ojson& value : document) {
            value = withoutNotesAndSources(std::move(value));
        }
    }
    return document;
}

NewSite newSiteFromWeather(const NewSiteRequest& request) {
    NewSite made;
    const CsvWeatherMapping* csv = request.csv ? &*request.csv : nullptr;
    const auto weather = loadWeather(request.weatherFile, csv, made.diagnostics);
    if (!weather) {
        return made; // the weather file's own located diagnostics say why
    }
    WeatherStation station = weather->station;
    if (csv) {
        station.country = request.country; // a CSV has no header to say where it is
        station.region = request.region;
    }
    const std::string weatherName = request.weatherFile.filename().string();
    const std::string whereFrom =
        csv ? "the column mapping of " + weatherName : "LOCATION header of " + weatherName;

    // The design: the template's, without anything that described its own place.
    ojson document;
    if (request.templateSite) {
        document = ojson::parse(request.templateSite->dump());
    } else if (const auto files = embeddedSiteFiles(); !files.empty()) {
        document = ojson::parse(files.front().text);
    } else {
        Diagnostic missing;
        missing.kind = DiagnosticKind::NotFound;
        missing.message = "this build has no embedded default site; give a template site";
        made.diagnostics.add(missing);
        return made;
    }
    document = withoutNotesAndSources(std::move(document));
    for (const char* key : {"name", "location", "climate", "grid"}) {
        document.erase(key);
    }

    document["name"] = request.name.empty() ? stationText(station) : request.name;
    document["location"] = {{"latitude", rounded(station.latitudeDeg, 4)},
                            {"longitude", rounded(station.longitudeDeg, 4)},
                            {"elevation", metres(station.elevationM)},
                            {"utc_offset", rounded(station.utcOffsetHours, 2)},
                            {"source", whereFrom + ": the weather station " + stationText(station) +
                                           "; replace with the site's own position"}};

    const std::filesystem::path siteFolder = folderOf(request.siteFile);
    document["climate"] =
        climateOf(*weather, request.weatherFile, request.weather, request.siteFile, csv);

    made.grid = gridFactorsFor(station.country, station.region);
    document["grid"] = {{"region", made.grid.region},
                        {"carbon_intensity", made.grid.carbonIntensity},
                        {"water_intensity", made.grid.waterIntensity},
                        {"source",
                         {{"region", "chosen by " + made.grid.basis},
                          {"carbon_intensity", made.grid.carbonSource},
                          {"water_intensity", made.grid.waterSource}}}};

    // Keys in the writer's order, then read back by the reader the run uses: only a site
    // that validates is handed out.
    const std::string text = writeSiteText(nlohmann::json::parse(document.dump()));
    const std::string fileName =
        request.siteFile.empty() ? std::string("new-site.json") : request.siteFile.string();
    const SiteLoad load = readSiteText(text, fileName, siteFolder);
    for (const Diagnostic& diagnostic : load.diagnostics.items()) {
        made.diagnostics.add(diagnostic);
    }
    if (load.site) {
        made.document = ojson::parse(text);
    }
    return made;
}

} // namespace headroom::model
