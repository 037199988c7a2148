#pragma once
// A new site from a weather file: the one function `headroom-cli init` and the desktop's
// File > New Site… share. An EPW's header gives the location (latitude, longitude,
// elevation, time zone); an hourly CSV has no header that could, so its column mapping
// carries the station's position and the request names its country and state. The
// weather is attached as a digest (the site stands
// alone) or as a file reference; the grid factors come from the bundled, sourced table
// (resources/grid_factors.json: US by eGRID subregion of the state, else by country);
// the design is a template site's, stripped of its notes and sources so that nothing
// about another place survives. The result is read back by the site reader: a document
// is returned only when it validates, and a weather file with errors gives its located
// diagnostics and no document.

#include "model/climate/csv_weather.h"
#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace headroom::model {

/// How the weather joins the site file.
enum class WeatherAttachment {
    Digest,   ///< a climate digest inside the site (a few kB; the file stands alone)
    Reference ///< the weather file's path, relative to the site file (a CSV with its mapping)
};

struct NewSiteRequest {
    std::filesystem::path weatherFile; ///< an EnergyPlus weather file (.epw) or an hourly CSV
    /// Set for a CSV: which columns hold the time, dry bulb, humidity and pressure, in
    /// which units, and where the station is (latitude, longitude, elevation, UTC offset).
    std::optional<CsvWeatherMapping> csv;
    /// For a CSV, the grid factors' place: the country (ISO 3166 alpha-3, "USA", or a name)
    /// and its state or province ("TX"); an EPW's header says both.
    std::string country;
    std::string region;
    std::string name; ///< empty: named after the weather station
    /// Where the site will be written: relative paths inside it resolve from its folder.
    /// Empty: not yet known (a referenced weather file is then named by absolute path).
    std::filesystem::path siteFile;
    WeatherAttachment weather = WeatherAttachment::Digest;
    /// The design to start from (any site document); empty: the built-in default site.
    std::optional<nlohmann::json> templateSite;
};

/// The grid factors chosen for a new site, and on what basis.
struct GridChoice {
    std::string basis;           ///< "eGRID subregion RFCW (state IN in the weather header)"
    std::string region;          ///< what /grid/region gets
    std::string carbonIntensity; ///< "0.4155 kg/kWh"
    std::string carbonSource;
    std::string waterIntensity; ///< "2.233 L/kWh"
    std::string waterSource;
};

struct NewSite {
    /// The site document (keys in the writer's order), when the weather read and the
    /// result validates; empty otherwise.
    std::optional<nlohmann::ordered_json> document;
    GridChoice grid;
    Diagnostics diagnostics; ///< the weather file's, then the new site's
};

/// Makes a site document from a weather file (see the file comment).
NewSite newSiteFromWeather(const NewSiteRequest& request);

/// The "climate" section of a site for a weather file: a digest of it, or its path
/// relative to siteFile (absolute when siteFile is empty). Nothing when the file does not
/// read; diagnostics then say why, located. Replacing a site's weather is setting this.
/// A CSV weather file is read through csv (and referenced with it).
std::optional<nlohmann::ordered_json> climateSection(const std::filesystem::path& weatherFile,
                                                     WeatherAttachment attachment,
                                                     const std::filesystem::path& siteFile,
                                                     Diagnostics& diagnostics,
                                                     const CsvWeatherMapping* csv = nullptr);

/// The grid factors the bundled table gives a place: country as in an EPW header ("USA",
/// ISO 3166 alpha-3, or a country name), region its state or province ("IN").
GridChoice gridFactorsFor(const std::string& country, const std::string& region);

/// The design part of a site document: notes and every source string taken out, values
/// written with a source ({"value": v, "source": s}) reduced to v.
nlohmann::ordered_json withoutNotesAndSources(nlohmann::ordered_json document);

} // namespace headroom::model
