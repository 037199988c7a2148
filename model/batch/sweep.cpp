#include "model/batch/sweep.h"

#include "model/core/seeded_draw.h"
#include "model/core/sha256.h"
#include "model/core/text_file.h"
#include "model/json/located_json.h"
#include "model/units/quantity_parser.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <sstream>

namespace headroom::model {
namespace {

using json = nlohmann::json;

// Samples must be finite numbers; a range whose width overflows a double cannot give them.
constexpr const char* kTooWide =
    "the distribution is too wide to sample: its samples would not be finite numbers";
constexpr double kNormalReach = 9.0; ///< sd multiples a Box-Muller draw can reach, rounded up

// A cartesian product larger than this is surely a mistake, and would overflow counts.
constexpr std::size_t kMaxScenarios = std::size_t{1} << 40;

/// A value for a message: strings quoted, anything long cut short (a hostile 10 MB value
/// must not make a 10 MB diagnostic).
std::string shown(const json& value) {
    if (value.is_string()) {
        return quotedExcerpt(value.get_ref<const std::string&>());
    }
    const std::string text = value.dump();
    return text.size() <= 64
               ? text
               : text.substr(0, 64) + "... (" + std::to_string(text.size()) + " bytes)";
}

/// A string member, or fallback when it is absent; nothing when it is there but not a
/// string (json::value would throw).
std::optional<std::string> textMember(const json& object, const char* key,
                                      const std::string& fallback) {
    if (!object.contains(key)) {
        return fallback;
    }
    if (!object[key].is_string()) {
        return std::nullopt;
    }
    return object[key].get<std::string>();
}

class Reader {
public:
    Reader(const std::filesystem::path& path, SweepLoad& load)
        : m_file(path.string())
        , m_load(load) {}

    void setLocations(const LocatedJson* located) { m_located = located; }

    void error(const std::string& pointer, const std::string& message,
               DiagnosticKind kind = DiagnosticKind::Meaning) {
        add(pointer, message, Severity::Error, kind);
    }
    void warning(const std::string& pointer, const std::string& message) {
        add(pointer, message, Severity::Warning, DiagnosticKind::Meaning);
    }
    void add(const std::string& pointer, const std::string& message, Severity severity,
             DiagnosticKind kind) {
        Diagnostic diagnostic;
        diagnostic.file = m_file;
        diagnostic.pointer = pointer;
        diagnostic.severity = severity;
        diagnostic.kind = kind;
        diagnostic.message = message;
        if (m_located != nullptr) {
            // An unknown key points at the key itself; anything else at its value.
            const auto at = severity == Severity::Warning ? m_located->keyPosition(pointer)
                                                          : m_located->valuePosition(pointer);
            diagnostic.line = at.line;
            diagnostic.column = at.column;
        }
        m_load.diagnostics.add(diagnostic);
    }

    /// What the base site holds at pointer, and how values for it are checked.
    struct Target {
        const json* base = nullptr;
        std::optional<units::ParsedQuantity> quantity; ///< when the base value has a unit
    };

    std::optional<Target> target(const json& baseDocument, const std::string& pointer,
                                 const std::string& where) {
        try {
            const json::json_pointer parsed(pointer);
            if (pointer.empty() || !baseDocument.contains(parsed)) {
                error(where, quotedExcerpt(pointer) + " does not exist in the base site");
                return std::nullopt;
            }
            Target t;
            t.base = &baseDocument.at(parsed);
            if (t.base->is_object() || t.base->is_array()) {
                error(where, quotedExcerpt(pointer) +
                                 " is an object or array in the base site; vary its fields");
                return std::nullopt;
            }
            if (t.base->is_string()) {
                if (auto q = units::parseAnyQuantity(t.base->get<std::string>())) {
                    t.quantity = *q.value;
                }
            }
            return t;
        } catch (const json::exception&) {
            error(where, quotedExcerpt(pointer) + " is not a JSON pointer (RFC 6901)",
                  DiagnosticKind::Syntax);
            return std::nullopt;
        }
    }

    /// A value must have the base value's JSON type and, for a quantity, its dimension.
    bool checkValue(const Target& t, const json& value, const std::string& where) {
        if (t.quantity) {
            const std::string expected = units::dimensionName(t.quantity->dimension);
            if (!value.is_string()) {
                error(where, "expected a " + expected + " with its unit (like \"" +
                                 t.base->get<std::string>() + "\"), got " + shown(value));
                return false;
            }
            auto parsed = units::parseAnyQuantity(value.get<std::string>());
            if (!parsed) {
                error(where, parsed.error.message);
                return false;
            }
            if (!(parsed.value->dimension == t.quantity->dimension)) {
                error(where, "expected a " + expected + ", got \"" + value.get<std::string>() +
                                 "\" (" + units::dimensionName(parsed.value->dimension) + ")");
                return false;
            }
            using units::TemperatureReading;
            const auto base = t.quantity->temperature;
            const auto got = parsed.value->temperature;
            if ((base == TemperatureReading::Absolute && got == TemperatureReading::Difference) ||
                (base == TemperatureReading::Difference && got == TemperatureReading::Absolute)) {
                error(where, std::string("expected a ") +
                                 (base == TemperatureReading::Absolute
                                      ? "temperature (degC, degF)"
                                      : "temperature difference (K, delta_degC)") +
                                 ", got \"" + value.get<std::string>() + "\"");
                return false;
            }
            return true;
        }
        const bool sameType = (t.base->is_number() && value.is_number()) ||
                              (t.base->is_string() && value.is_string()) ||
                              (t.base->is_boolean() && value.is_boolean());
        if (!sameType) {
            error(where, "expected a value like the base site's " + t.base->dump() + ", got " +
                             shown(value));
            return false;
        }
        return true;
    }

    /// A figure of a random distribution, in the parameter's unit.
    std::optional<double> figure(const Target& t, SweepParameter& parameter, const json& spec,
                                 const std::string& key, const std::string& where,
                                 bool difference) {
        if (!spec.contains(key)) {
            error(where, "the " + textMember(spec, "distribution", "uniform").value_or("") +
                             " distribution needs \"" + key + "\"");
            return std::nullopt;
        }
        const json& value = spec.at(key);
        const std::string at = where + "/" + key;
        if (!t.quantity) {
            if (!value.is_number()) {
                error(at, "expected a number, like the base site's " + t.base->dump());
                return std::nullopt;
            }
            if (!t.base->is_number()) {
                error(where, "a random parameter must vary a number or a quantity");
                return std::nullopt;
            }
            return value.get<double>();
        }
        if (!value.is_string()) {
            error(at, "expected a " + units::dimensionName(t.quantity->dimension) +
                          " with its unit, got " + shown(value));
            return std::nullopt;
        }
        const std::string text = value.get<std::string>();
        auto parsed = units::parseAnyQuantity(text);
        if (!parsed) {
            error(at, parsed.error.message);
            return std::nullopt;
        }
        if (!(parsed.value->dimension == t.quantity->dimension)) {
            error(at, "expected a " + units::dimensionName(t.quantity->dimension) + ", got \"" +
                          text + "\"");
            return std::nullopt;
        }
        if (parameter.unit.empty()) {
            // Samples are written in the unit of the first figure: "24 degC" -> degC.
            char* end = nullptr;
            std::strtod(text.c_str(), &end);
            std::string unit(end);
            unit.erase(0, unit.find_first_not_of(' '));
            parameter.unit = unit;
        }
        // Convert through SI with the affine map of the unit, so degC and degF work:
        // x = (si - si(0 unit)) / (si(1 unit) - si(0 unit)).
        const auto zero = units::parseAnyQuantity("0 " + parameter.unit);
        const auto one = units::parseAnyQuantity("1 " + parameter.unit);
        if (!zero || !one || !(one.value->siValue != zero.value->siValue)) {
            error(at, "cannot write samples in the unit " + quotedExcerpt(parameter.unit));
            return std::nullopt;
        }
        const double si0 = zero.value->siValue;
        const double si1 = one.value->siValue;
        if (difference) {
            if (parsed.value->temperature == units::TemperatureReading::Absolute) {
                error(at, "a spread is a temperature difference: write K or delta_degC, not \"" +
                              text + "\"");
                return std::nullopt;
            }
            return finite(parsed.value->siValue / (si1 - si0), at, text);
        }
        return finite((parsed.value->siValue - si0) / (si1 - si0), at, text);
    }

private:
    std::optional<double> finite(double value, const std::string& at, const std::string& text) {
        if (!std::isfinite(value)) {
            error(at, quotedExcerpt(text) + " is out of range in its own unit");
            return std::nullopt;
        }
        return value;
    }

    std::string m_file;
    SweepLoad& m_load;
    const LocatedJson* m_located = nullptr;
};

std::string formatSample(double value, const SweepParameter& parameter) {
    if (parameter.integer) {
        return std::to_string(std::llround(value));
    }
    // Six significant digits: finer than any planning input is known, and stable text.
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.6g", value);
    return buffer;
}

} // namespace

const char* sweepModeName(SweepMode mode) {
    switch (mode) {
    case SweepMode::Cartesian:
        return "cartesian";
    case SweepMode::Zip:
        return "zip";
    case SweepMode::List:
        return "list";
    case SweepMode::Random:
        return "random";
    }
    return "cartesian";
}

std::size_t Sweep::count() const {
    switch (mode) {
    case SweepMode::Cartesian: {
        std::size_t total = 1;
        for (const auto& p : parameters) {
            total *= p.values.size();
        }
        return parameters.empty() ? 1 : total;
    }
    case SweepMode::Zip:
        return parameters.empty() ? 1 : parameters.front().values.size();
    case SweepMode::List:
        return list.size();
    case SweepMode::Random:
        return samples;
    }
    return 0;
}

std::vector<Override> Sweep::scenario(std::size_t index) const {
    std::vector<Override> edits;
    switch (mode) {
    case SweepMode::Cartesian: {
        // The first parameter varies slowest, as nested loops written in order would.
        std::vector<std::size_t> digits(parameters.size());
        std::size_t rest = index;
        for (std::size_t p = parameters.size(); p-- > 0;) {
            digits[p] = rest % parameters[p].values.size();
            rest /= parameters[p].values.size();
        }
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            edits.push_back({parameters[p].pointer, parameters[p].values[digits[p]]});
        }
        break;
    }
    case SweepMode::Zip:
        for (const auto& p : parameters) {
            edits.push_back({p.pointer, p.values[index]});
        }
        break;
    case SweepMode::List:
        edits = list[index];
        break;
    case SweepMode::Random:
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            const SweepParameter& parameter = parameters[p];
            // Each (scenario, parameter) has its own stream: a shard draws the same
            // numbers for scenario i as a single run does.
            std::uint64_t state = drawStream(seed, index, p);
            double x = 0.0;
            switch (parameter.distribution) {
            case Distribution::Uniform:
                x = drawUniform(state, parameter.min, parameter.max);
                break;
            case Distribution::Normal:
                x = drawNormal(state, parameter.mean, parameter.sd);
                break;
            case Distribution::Triangular:
                x = drawTriangular(state, parameter.min, parameter.mode, parameter.max);
                break;
            }
            const std::string text = formatSample(x, parameter);
            if (parameter.unit.empty()) {
                edits.push_back({parameter.pointer,
                                 parameter.integer ? json(std::llround(x))
                                                   : json(std::strtod(text.c_str(), nullptr))});
            } else {
                edits.push_back({parameter.pointer, json(text + " " + parameter.unit)});
            }
        }
        break;
    }
    return edits;
}

SweepLoad readSweepFile(const std::filesystem::path& path) {
    const TextFile file = readTextFile(path);
    if (file.status != TextFile::Status::Ok) {
        SweepLoad load;
        load.diagnostics.add(unreadableFileDiagnostic(path, file.status, "sweep file"));
        return load;
    }
    return readSweepText(file.text, path);
}

SweepLoad readSweepText(const std::string& text, const std::filesystem::path& path) {
    SweepLoad load;
    Reader reader(path, load);
    // The located parser: every meaning error below names its line and column too.
    auto parsed = parseLocatedJson(text, path.string());
    load.diagnostics.append(parsed.diagnostics);
    if (!parsed.json) {
        return load;
    }
    const LocatedJson& located = *parsed.json;
    reader.setLocations(&located);
    const json& document = located.value;
    if (!document.is_object()) {
        reader.error("", "a sweep file is a JSON object");
        return load;
    }
    Sweep sweep;
    sweep.file = path;
    sweep.sha256 = sha256Hex(text);

    static const std::vector<std::string> known = {"format",    "base",    "mode", "parameters",
                                                   "scenarios", "samples", "seed", "note"};
    for (const auto& [key, value] : document.items()) {
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            reader.warning("/" + key, "unknown key, ignored");
        }
    }
    if (textMember(document, "format", std::string()) != kSweepFormat) {
        reader.error("/format", std::string("expected \"") + kSweepFormat + "\", got " +
                                    (document.contains("format") ? shown(document["format"])
                                                                 : std::string("nothing")));
        return load;
    }
    if (!document.contains("base") || !document["base"].is_string()) {
        reader.error("/base", "expected the base site file, relative to the sweep file");
        return load;
    }
    sweep.basePath = path.parent_path() / document["base"].get<std::string>();
    {
        // Read like a site file, never through a throwing stream: "base" may name a folder,
        // /dev/zero or a file that is not JSON.
        const TextFile base = readTextFile(sweep.basePath);
        if (base.status != TextFile::Status::Ok) {
            reader.error("/base",
                         base.status == TextFile::Status::NotFound
                             ? "no such site file: " + sweep.basePath.string()
                             : "the base site " + sweep.basePath.string() + " " +
                                   describeStatus(base.status),
                         base.status == TextFile::Status::NotFound ? DiagnosticKind::NotFound
                                                                   : DiagnosticKind::Unreadable);
            return load;
        }
        auto parsedBase = parseLocatedJson(base.text, sweep.basePath.string());
        if (!parsedBase.json) {
            load.diagnostics.append(parsedBase.diagnostics); // located in the base site
            reader.error("/base", "the base site " + sweep.basePath.string() + " is not valid JSON",
                         DiagnosticKind::Syntax);
            return load;
        }
        sweep.baseDocument = std::move(parsedBase.json->value);
    }
    const std::string mode = textMember(document, "mode", "cartesian").value_or("");
    if (mode == "cartesian") {
        sweep.mode = SweepMode::Cartesian;
    } else if (mode == "zip") {
        sweep.mode = SweepMode::Zip;
    } else if (mode == "list") {
        sweep.mode = SweepMode::List;
    } else if (mode == "random") {
        sweep.mode = SweepMode::Random;
    } else {
        reader.error("/mode", "expected \"cartesian\", \"zip\", \"list\" or \"random\", got " +
                                  shown(document["mode"]));
        return load;
    }

    if (sweep.mode == SweepMode::List) {
        if (!document.contains("scenarios") || !document["scenarios"].is_array()) {
            reader.error("/scenarios", "list mode needs \"scenarios\": an array of objects "
                                       "mapping JSON pointers to values");
            return load;
        }
        const json& scenarios = document["scenarios"];
        for (std::size_t i = 0; i < scenarios.size(); ++i) {
            const std::string where = "/scenarios/" + std::to_string(i);
            if (!scenarios[i].is_object()) {
                reader.error(where, "expected an object mapping JSON pointers to values");
                continue;
            }
            std::vector<Override> edits;
            for (const auto& [pointer, value] : scenarios[i].items()) {
                const std::string at = where + "/" + escapePointerToken(pointer);
                if (auto t = reader.target(sweep.baseDocument, pointer, at)) {
                    reader.checkValue(*t, value, at);
                }
                edits.push_back({pointer, value});
            }
            sweep.list.push_back(std::move(edits));
        }
    } else {
        if (!document.contains("parameters") || !document["parameters"].is_array() ||
            document["parameters"].empty()) {
            reader.error("/parameters", "expected a non-empty array of parameters");
            return load;
        }
        const json& parameters = document["parameters"];
        for (std::size_t p = 0; p < parameters.size(); ++p) {
            const std::string where = "/parameters/" + std::to_string(p);
            const json& spec = parameters[p];
            if (!spec.is_object() || !spec.contains("pointer") || !spec["pointer"].is_string()) {
                reader.error(where, "expected an object with a \"pointer\"");
                continue;
            }
            SweepParameter parameter;
            parameter.pointer = spec["pointer"].get<std::string>();
            const auto t = reader.target(sweep.baseDocument, parameter.pointer, where + "/pointer");
            if (!t) {
                continue;
            }
            parameter.integer = t->base->is_number_integer();
            if (sweep.mode == SweepMode::Random) {
                const std::string distribution =
                    textMember(spec, "distribution", "uniform").value_or("");
                if (distribution == "uniform") {
                    parameter.distribution = Distribution::Uniform;
                    auto lo = reader.figure(*t, parameter, spec, "min", where, false);
                    auto hi = reader.figure(*t, parameter, spec, "max", where, false);
                    if (lo && hi) {
                        parameter.min = *lo;
                        parameter.max = *hi;
                        if (*hi < *lo) {
                            reader.error(where + "/max", "max is below min");
                        } else if (!std::isfinite(*hi - *lo)) {
                            reader.error(where + "/max", kTooWide);
                        }
                    }
                } else if (distribution == "normal") {
                    parameter.distribution = Distribution::Normal;
                    auto mean = reader.figure(*t, parameter, spec, "mean", where, false);
                    auto sd = reader.figure(*t, parameter, spec, "sd", where, true);
                    if (mean && sd) {
                        parameter.mean = *mean;
                        parameter.sd = *sd;
                        if (*sd < 0) {
                            reader.error(where + "/sd", "a standard deviation is not negative");
                        } else if (!std::isfinite(std::abs(*mean) + kNormalReach * *sd)) {
                            // Box-Muller draws reach mean +- 8.6 sd (u >= 2^-53).
                            reader.error(where + "/sd", kTooWide);
                        }
                    }
                } else if (distribution == "triangular") {
                    parameter.distribution = Distribution::Triangular;
                    auto lo = reader.figure(*t, parameter, spec, "min", where, false);
                    auto mo = reader.figure(*t, parameter, spec, "mode", where, false);
                    auto hi = reader.figure(*t, parameter, spec, "max", where, false);
                    if (lo && mo && hi) {
                        parameter.min = *lo;
                        parameter.mode = *mo;
                        parameter.max = *hi;
                        if (!(*lo <= *mo && *mo <= *hi)) {
                            reader.error(where + "/mode", "expected min <= mode <= max");
                        } else if (!std::isfinite((*hi - *lo) * (*hi - *lo))) {
                            reader.error(where + "/max", kTooWide);
                        }
                    }
                } else {
                    reader.error(where + "/distribution",
                                 "expected \"uniform\", \"normal\" or \"triangular\", got " +
                                     shown(spec["distribution"]));
                }
            } else {
                if (!spec.contains("values") || !spec["values"].is_array() ||
                    spec["values"].empty()) {
                    reader.error(where + "/values", "expected a non-empty array of values");
                    continue;
                }
                const json& values = spec["values"];
                for (std::size_t v = 0; v < values.size(); ++v) {
                    reader.checkValue(*t, values[v], where + "/values/" + std::to_string(v));
                    parameter.values.push_back(values[v]);
                }
            }
            sweep.parameters.push_back(std::move(parameter));
        }
        if (sweep.mode == SweepMode::Zip && !sweep.parameters.empty()) {
            for (std::size_t p = 1; p < sweep.parameters.size(); ++p) {
                if (sweep.parameters[p].values.size() != sweep.parameters[0].values.size()) {
                    reader.error("/parameters/" + std::to_string(p) + "/values",
                                 "zip needs the same number of values in every parameter: " +
                                     std::to_string(sweep.parameters[p].values.size()) + " here, " +
                                     std::to_string(sweep.parameters[0].values.size()) +
                                     " in the first");
                }
            }
        }
        if (sweep.mode == SweepMode::Cartesian) {
            double total = 1.0;
            for (const auto& p : sweep.parameters) {
                total *= static_cast<double>(p.values.size());
            }
            if (total > static_cast<double>(kMaxScenarios)) {
                reader.error("/parameters", "the product has more than 2^40 scenarios");
            }
        }
        if (sweep.mode == SweepMode::Random) {
            const json samples = document.value("samples", json());
            if (!samples.is_number_integer() || samples.get<std::int64_t>() < 1 ||
                samples.get<std::int64_t>() > static_cast<std::int64_t>(kMaxScenarios)) {
                reader.error("/samples", "random mode needs \"samples\", a whole number >= 1");
            } else {
                sweep.samples = samples.get<std::size_t>();
            }
            const json seed = document.value("seed", json());
            if (!seed.is_number_integer() || seed.get<std::int64_t>() < 0) {
                reader.error("/seed", "random mode needs \"seed\", a whole number >= 0, so "
                                      "that the sample can be made again");
            } else {
                sweep.seed = seed.get<std::uint64_t>();
            }
        }
    }
    if (!load.diagnostics.hasErrors()) {
        load.sweep = std::move(sweep);
    }
    return load;
}

} // namespace headroom::model
