#include "model/climate/climate_digest.h"
#include "model/climate/csv_weather.h"
#include "model/climate/epw_file.h"
#include "model/site/site_read_steps.h"

namespace headroom::model {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// The weather year /climate names: exactly one of an EPW file, a climate digest or an
// observation CSV (the syntax check made sure), with the reader's diagnostics
// re-anchored under the field that named the data.
class ClimateSource : SiteReadContext {
public:
    ClimateSource(const SiteReadContext& context, ClimateCache* climates)
        : SiteReadContext(context)
        , m_climates(climates) {}

    fs::path resolvePath(const std::string& name) const {
        const fs::path path(name);
        return path.is_relative() ? m_baseDir / path : path;
    }

    /// The climate, from the cache when there is one: the same object for every variant
    /// of a site, so the simulation's per-climate series are derived once too.
    std::shared_ptr<const Climate> sharedClimate() {
        auto resolve = [&] {
            ClimateCache::Entry entry;
            const std::size_t before = m_diagnostics.items().size();
            if (auto climate = resolveClimate()) {
                entry.climate = std::make_shared<const Climate>(std::move(*climate));
            }
            const auto& items = m_diagnostics.items();
            for (std::size_t i = before; i < items.size(); ++i) {
                entry.diagnostics.add(items[i]);
            }
            return entry;
        };
        if (m_climates == nullptr) {
            return resolve().climate;
        }
        const std::string key = m_doc.at("climate").dump() + "\n" +
                                m_doc.value("location", json::object()).dump() + "\n" +
                                m_baseDir.string();
        bool made = false;
        auto entry = m_climates->get(key, [&] {
            made = true;
            return resolve();
        });
        if (!made) {
            m_diagnostics.append(entry.diagnostics);
        }
        return entry.climate;
    }

    std::optional<Climate> resolveClimate() {
        const json& climate = m_doc.at("climate");
        if (climate.contains("epw")) {
            const std::string name = climate["epw"].get<std::string>();
            const fs::path path = resolvePath(name);
            std::error_code ec;
            if (!fs::exists(path, ec)) {
                error("/climate/epw",
                      "cannot find the weather file \"" + name + "\" (looked for " + path.string() +
                          ")",
                      DiagnosticKind::NotFound);
                return std::nullopt;
            }
            if (fs::is_directory(path, ec)) {
                error("/climate/epw",
                      "cannot read the weather file \"" + name + "\": " + path.string() +
                          " is a folder",
                      DiagnosticKind::Unreadable);
                return std::nullopt;
            }
            Diagnostics epw;
            auto result = EpwFile::readClimate(path, epw);
            appendUnder("/climate/epw", epw); // problems inside the EPW name the field too
            if (!result && !epw.hasErrors()) {
                error("/climate/epw", "cannot read the weather file \"" + name + "\"",
                      DiagnosticKind::Unreadable);
            }
            return result;
        }
        if (climate.contains("digest")) {
            return climateFromDigestField();
        }
        return climateFromCsvField();
    }

    // Diagnostics from a climate reader, re-anchored under the field that named the data.
    void appendUnder(const std::string& base, const Diagnostics& diagnostics) {
        for (auto diagnostic : diagnostics.items()) {
            if (diagnostic.file.empty()) {
                diagnostic.pointer = base + diagnostic.pointer;
                diagnostic.file = m_file;
                if (m_located != nullptr) {
                    const auto at = m_located->valuePosition(diagnostic.pointer);
                    diagnostic.line = at.line;
                    diagnostic.column = at.column;
                }
            } else if (diagnostic.pointer.empty()) {
                diagnostic.pointer = base; // located in the data file, named by this field
            }
            m_diagnostics.add(diagnostic);
        }
    }

    std::optional<Climate> climateFromDigestField() {
        Diagnostics digest;
        auto climate = climateFromDigest(m_doc.at("climate").at("digest"), digest);
        appendUnder("/climate/digest", digest);
        if (!climate && !digest.hasErrors()) {
            error("/climate/digest", "cannot regenerate the weather year from this digest");
        }
        return climate;
    }

    std::optional<Climate> climateFromCsvField() {
        const std::string c = "/climate/csv/";
        CsvWeatherMapping mapping;
        mapping.timestampColumn = text(c + "timestamp");
        mapping.timestampIsUtc = choice(c + "time_zone") != 0;
        mapping.temperatureColumn = text(c + "temperature");
        mapping.temperatureUnit = text(c + "temperature_unit");
        mapping.relativeHumidityColumn = text(c + "relative_humidity");
        mapping.pressureColumn = text(c + "pressure");
        mapping.pressureUnit = text(c + "pressure_unit");
        mapping.pressureReference =
            static_cast<CsvWeatherMapping::PressureReference>(choice(c + "pressure_reference"));
        mapping.stationElevationM =
            number(c + "station_elevation").value_or(number("/location/elevation").value_or(0.0));
        mapping.utcOffsetHours = number("/location/utc_offset").value_or(0.0);
        mapping.stationName = text(c + "station");
        mapping.dataSource = text(c + "data_source");
        mapping.latitudeDeg = number("/location/latitude").value_or(0.0);
        mapping.longitudeDeg = number("/location/longitude").value_or(0.0);

        const std::string name = text(c + "file");
        const fs::path path = resolvePath(name);
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            error(c + "file",
                  "cannot find the weather CSV \"" + name + "\" (looked for " + path.string() + ")",
                  DiagnosticKind::NotFound);
            return std::nullopt;
        }
        Diagnostics csv;
        auto climate = CsvWeather::load(path, mapping, csv);
        appendUnder("/climate/csv", csv);
        if (!climate && !csv.hasErrors()) {
            error(c + "file", "cannot read the weather CSV \"" + name + "\"",
                  DiagnosticKind::Unreadable);
        }
        return climate;
    }

private:
    ClimateCache* m_climates = nullptr;
};

} // namespace

std::shared_ptr<const Climate> readSiteClimate(const SiteReadContext& context,
                                               ClimateCache* climates) {
    return ClimateSource(context, climates).sharedClimate();
}

} // namespace headroom::model
