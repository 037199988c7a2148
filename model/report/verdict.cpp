#include "model/report/verdict.h"

#include "model/climate/climate_zone.h"
#include "model/report/reference_figures.h"
#include "model/site/site_fields.h"

#include <cmath>

namespace headroom::model {

namespace {

/// "airside_economizer_evaporative" -> "airside economizer evaporative".
std::string words(std::string name) {
    for (char& c : name) {
        c = c == '_' ? ' ' : c;
    }
    return name;
}

std::string degrees(double value, char positive, char negative, const NumberStyle& style) {
    return formatFixed(std::abs(value), 2, style) + "\u00b0 " + (value < 0 ? negative : positive);
}

std::string megawatts(double mw, const DisplayUnits& units, const NumberStyle& style) {
    return formatQuantity(mw, FigureKind::PowerMw, 1, units, style); // the kind is in MW
}

} // namespace

std::string constraintLabel(Constraint constraint) {
    std::string label = words(constraintName(constraint));
    if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') {
        label[0] = static_cast<char>(label[0] - 'a' + 'A');
    }
    return label;
}

std::optional<Relief> reliefOf(const RunResult& result) {
    const CapacityResult& capacity = result.capacity;
    const auto bindingIndex = static_cast<std::size_t>(capacity.binding);
    const OptionalMw& bindingLimit = capacity.maxItMw[bindingIndex];
    if (!bindingLimit || !std::isfinite(*bindingLimit) || *bindingLimit <= 0.0) {
        return std::nullopt;
    }
    Relief relief;
    relief.binding = capacity.binding;
    relief.bindingItMw = *bindingLimit;
    // The next limit is the lowest of the others at or above the binding one.
    for (int c = 0; c < kConstraintCount; ++c) {
        const auto i = static_cast<std::size_t>(c);
        const OptionalMw& limit = capacity.maxItMw[i];
        if (i == bindingIndex || !limit || !std::isfinite(*limit) || *limit < *bindingLimit) {
            continue;
        }
        if (!relief.next || *limit < relief.nextItMw) {
            relief.next = static_cast<Constraint>(c);
            relief.nextItMw = *limit;
        }
    }
    if (relief.next) {
        relief.gainedItMw = relief.nextItMw - relief.bindingItMw;
        // UltraServers scale with design-hour IT: the binding limit holds maxUltraServers.
        relief.gainedUltraServers = static_cast<long long>(
            std::floor(relief.gainedItMw * capacity.maxUltraServers / relief.bindingItMw));
    }
    return relief;
}

std::string siteHeaderText(const RunResult& result, const DisplayUnits& units,
                           const NumberStyle& style) {
    std::string text = result.siteName;
    if (result.inputs) {
        const Location& location = result.inputs->location;
        text += " \u00b7 " + degrees(location.latitudeDeg, 'N', 'S', style) + ", " +
                degrees(location.longitudeDeg, 'E', 'W', style);
        // The design's name as the site file writes it (the field table's choice).
        if (const FieldDef* field = findSiteField("/cooling/design")) {
            for (const EnumChoice& choice : field->choices) {
                if (choice.value == static_cast<int>(result.inputs->coolingDesign)) {
                    text += " \u00b7 " + words(std::string(choice.name));
                }
            }
        }
    }
    text += " \u00b7 " + megawatts(result.capacity.deployedItMw, units, style) + " IT deployed (" +
            formatFixed(result.compute.ultraServers, 0, style) + " UltraServers)";
    return text;
}

std::string stationText(const RunResult& result, const NumberStyle& style) {
    if (!result.inputs || !result.inputs->station) {
        return {};
    }
    const WeatherStation& station = *result.inputs->station;
    std::string name = station.city;
    for (const std::string* part : {&station.region, &station.country}) {
        if (!part->empty() && *part != "-") {
            name += (name.empty() ? "" : ", ") + *part;
        }
    }
    if (!station.wmo.empty()) {
        name += " (WMO " + station.wmo + ")";
    }
    const double km = stationDistanceKm(station, result.inputs->location.latitudeDeg,
                                        result.inputs->location.longitudeDeg);
    return "Weather: " + name + ", " + formatFixed(km, 0, style) + " km from the site";
}

std::string verdictText(const RunResult& result, const DisplayUnits& units,
                        const NumberStyle& style) {
    const auto relief = reliefOf(result);
    if (!relief) {
        return "No constraint limits the site's IT in this run.";
    }
    const std::string binding = constraintLabel(relief->binding);
    std::string text = binding + " binds at " + megawatts(relief->bindingItMw, units, style) +
                       " of IT (" + formatFixed(result.capacity.maxUltraServers, 0, style) +
                       " UltraServers).";
    if (!relief->next) {
        return text + " Nothing else in the model limits the site: relieving " +
               words(constraintName(relief->binding)) + " raises it without a bound here.";
    }
    const std::string next = words(constraintName(*relief->next));
    text += " Next: " + next + " at " + megawatts(relief->nextItMw, units, style) + ".";
    if (relief->gainedItMw <= 0.0) {
        return text + " Both bind together: relieving " + words(constraintName(relief->binding)) +
               " alone buys nothing.";
    }
    return text + " Relieving " + words(constraintName(relief->binding)) + " buys +" +
           megawatts(relief->gainedItMw, units, style) + " of IT, about +" +
           formatFixed(static_cast<double>(relief->gainedUltraServers), 0, style) +
           " UltraServers, until " + next + " binds.";
}

std::string carbonBasisText(const RunResult& result) {
    if (result.annual.carbonMarketT != result.annual.carbonLocationT) {
        return {};
    }
    // GHG Protocol Scope 2: market-based = contracted supply + residual mix for the rest;
    // with no contract (or a residual mix equal to the grid's) the two bases coincide.
    return "Market-based carbon equals location-based: the site has no renewable contract "
           "(/grid/renewable, or a PPA under /clean_energy) whose residual mix differs from "
           "the grid's average intensity.";
}

std::vector<std::string> riskTexts(const RunResult& result, const DisplayUnits& units,
                                   const NumberStyle& style) {
    std::vector<std::string> risks;
    for (int c = 0; c < kConstraintCount; ++c) {
        const OptionalMw& headroom = result.capacity.headroomMw[static_cast<std::size_t>(c)];
        if (headroom && *headroom < 0.0) {
            risks.push_back(constraintLabel(static_cast<Constraint>(c)) + " is over its limit by " +
                            megawatts(-*headroom, units, style) + " of design-hour IT.");
        }
    }
    const AnnualResults& a = result.annual;
    if (a.hoursOutsideEnvelope > 0) {
        risks.push_back(formatFixed(a.hoursOutsideEnvelope, 0, style) +
                        " hours outside the supply envelope's humidity limits (" +
                        formatFixed(a.hoursTooDry, 0, style) + " too dry, " +
                        formatFixed(a.hoursTooHumid, 0, style) +
                        " too humid): widen the envelope, or pay the water or energy to hold it.");
    }
    if (const std::string proxy = proxyStationText(result); !proxy.empty()) {
        risks.push_back(proxy);
    }
    // The run's warnings by message; the report's Warnings table lists every one in full.
    constexpr std::size_t kShown = 4;
    std::size_t warnings = 0;
    for (const Diagnostic& d : result.diagnostics.items()) {
        if (d.severity != Severity::Warning) {
            continue;
        }
        if (++warnings <= kShown) {
            risks.push_back("Warning" + (d.pointer.empty() ? "" : " at " + d.pointer) + ": " +
                            d.message);
        }
    }
    if (warnings > kShown) {
        risks.push_back(std::to_string(warnings - kShown) + " more warning" +
                        (warnings - kShown == 1 ? "" : "s") + ", listed under Warnings.");
    }
    return risks;
}

std::string editedScenarioText(const std::vector<std::string>& pointers) {
    if (pointers.empty()) {
        return "Edited scenario — not saved to a file: no saved file holds these inputs.";
    }
    std::string text = "Edited scenario — differs from the saved file in: ";
    for (std::size_t i = 0; i < pointers.size(); ++i) {
        text += (i > 0 ? ", " : "") + pointers[i];
    }
    return text + ". The figures and assumptions are the edited values'.";
}

std::string siteSlug(const std::string& name) {
    std::string slug;
    for (const char c : name) {
        const bool digit = c >= '0' && c <= '9';
        const bool lower = c >= 'a' && c <= 'z';
        const bool upperCase = c >= 'A' && c <= 'Z';
        if (digit || lower || upperCase) {
            slug += upperCase ? static_cast<char>(c - 'A' + 'a') : c;
        } else if (!slug.empty() && slug.back() != '-') {
            slug += '-';
        }
    }
    while (!slug.empty() && slug.back() == '-') {
        slug.pop_back();
    }
    return slug.empty() ? "site" : slug;
}

std::string reportFileStem(const RunResult& result) {
    const std::string hash = result.scenarioHash.substr(0, 8);
    return siteSlug(result.siteName) + (hash.empty() ? "" : "-" + hash);
}

} // namespace headroom::model
