// headroom-cli published-run: a training run the way papers report it (Patterson et
// al. 2021 [patterson-2021-carbon]; Li et al. [li-2023-thirsty]), from averages, without a
// site or weather.
#include "app/cli/cli_output.h"
#include "app/cli/command.h"
#include "model/perf/published_run.h"
#include "model/units/quantity_parser.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <optional>

namespace headroom::cli {

namespace {

/// Parses a quantity option; a bare number takes `bareUnit` ("h", "W"), when given.
template <class Q>
std::optional<Q> parseOption(const std::string& option, const std::string& text,
                             const char* bareUnit = nullptr) {
    std::string spelled = text;
    if (bareUnit != nullptr && !text.empty() &&
        text.find_first_not_of("0123456789.eE+-") == std::string::npos) {
        spelled = text + " " + bareUnit;
    }
    auto result = units::parseQuantity<Q>(spelled);
    if (!result) {
        std::cerr << "headroom-cli published-run: " << option << ": " << result.error.message
                  << "\n";
        return std::nullopt;
    }
    return *result.value;
}

std::optional<double> parseNumber(const std::string& option, const std::string& text) {
    try {
        std::size_t used = 0;
        const double value = std::stod(text, &used);
        if (used == text.size()) {
            return value;
        }
    } catch (const std::exception&) {
    }
    std::cerr << "headroom-cli published-run: " << option << ": expected a number, got '" << text
              << "'\n";
    return std::nullopt;
}

int runPublishedRun(std::span<const std::string> args) {
    using namespace model;
    PublishedRun run;
    bool json = false;
    bool haveAccelerators = false, haveHours = false, havePower = false, havePue = false,
         haveCarbon = false;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& option = args[i];
        if (option == "--json") {
            json = true;
            continue;
        }
        static const char* const kValued[] = {"--accelerators", "--hours",    "--power",
                                              "--pue",          "--carbon",   "--wue",
                                              "--ewif",         "--it-energy"};
        if (std::find(std::begin(kValued), std::end(kValued), option) == std::end(kValued)) {
            return usageError("published-run", "unknown option '" + option + "'");
        }
        if (i + 1 >= args.size()) {
            return usageError("published-run", option + " needs a value");
        }
        const std::string& value = args[++i];
        bool ok = true;
        if (option == "--accelerators") {
            const auto n = parseNumber(option, value);
            ok = n.has_value();
            run.accelerators = n.value_or(0.0);
            haveAccelerators = ok;
        } else if (option == "--hours") {
            const auto t = parseOption<units::Time>(option, value, "h");
            ok = t.has_value();
            run.duration = t.value_or(units::Time());
            haveHours = ok;
        } else if (option == "--power") {
            const auto p = parseOption<units::Power>(option, value, "W");
            ok = p.has_value();
            run.averagePower = p.value_or(units::Power());
            havePower = ok;
        } else if (option == "--pue") {
            const auto n = parseNumber(option, value);
            ok = n.has_value();
            run.pue = n.value_or(0.0);
            havePue = ok;
        } else if (option == "--carbon") {
            const auto c = parseOption<units::CarbonIntensity>(option, value);
            ok = c.has_value();
            run.carbonIntensity = c.value_or(units::CarbonIntensity());
            haveCarbon = ok;
        } else if (option == "--wue") {
            run.wue = parseOption<units::WaterIntensity>(option, value);
            ok = run.wue.has_value();
        } else if (option == "--ewif") {
            run.ewif = parseOption<units::WaterIntensity>(option, value);
            ok = run.ewif.has_value();
        } else if (option == "--it-energy") {
            run.itEnergy = parseOption<units::Energy>(option, value);
            ok = run.itEnergy.has_value();
        }
        if (!ok) {
            return kBadInput;
        }
    }
    if (!run.itEnergy && !(haveAccelerators && haveHours && havePower)) {
        return usageError("published-run",
                          "give --accelerators, --hours and --power (or --it-energy)");
    }
    if (!havePue || !haveCarbon) {
        return usageError("published-run", "--pue and --carbon are required");
    }

    Diagnostics diagnostics;
    const auto result = evaluatePublishedRun(run, diagnostics);
    if (!result) {
        for (const auto& d : diagnostics.items()) {
            std::cerr << "headroom-cli published-run: --" << d.pointer << ": " << d.message << "\n";
        }
        return kBadInput;
    }
    const double itMwh = units::toKilowattHours(result->itEnergy) / 1e3;
    const double facilityMwh = units::toKilowattHours(result->facilityEnergy) / 1e3;
    const double carbonT = result->carbon.value() / 1e3;
    const double onSiteMl = units::toLitres(result->onSiteWater) / 1e6;
    const double offSiteMl = units::toLitres(result->offSiteWater) / 1e6;
    if (json) {
        nlohmann::json out{{"it_energy_mwh", itMwh},
                           {"facility_energy_mwh", facilityMwh},
                           {"carbon_t", carbonT},
                           {"pue", run.pue}};
        if (run.wue || run.ewif) {
            out["water_on_site_ml"] = onSiteMl;
            out["water_off_site_ml"] = offSiteMl;
            out["water_total_ml"] = onSiteMl + offSiteMl;
        }
        std::cout << jsonText(out) << "\n";
        return kOk;
    }
    std::printf("IT energy         %12.1f MWh\n", itMwh);
    std::printf("facility energy   %12.1f MWh   (x PUE %.3g)\n", facilityMwh, run.pue);
    std::printf("carbon            %12.1f t CO2e\n", carbonT);
    if (run.wue) {
        std::printf("water, on-site    %12.4f ML    (IT energy x WUE)\n", onSiteMl);
    }
    if (run.ewif) {
        std::printf("water, off-site   %12.4f ML    (IT energy x PUE x EWIF)\n", offSiteMl);
    }
    if (run.wue || run.ewif) {
        std::printf("water, total      %12.4f ML\n", onSiteMl + offSiteMl);
    }
    return kOk;
}

} // namespace

extern const Command kPublishedRunCommand{
    "published-run", "energy, carbon and water of a training run as papers report it",
    "usage: headroom-cli published-run --accelerators N --hours H --power W --pue X\n"
    "                                  --carbon \"0.429 kg/kWh\" [--wue \"0.55 L/kWh\"]\n"
    "                                  [--ewif \"3.142 L/kWh\"] [--json]\n"
    "       headroom-cli published-run --it-energy \"1287 MWh\" --pue X --carbon C ...\n\n"
    "IT energy = accelerators x hours x average power per accelerator (Patterson et al.\n"
    "2021), facility energy = IT x PUE, carbon = facility energy x grid intensity;\n"
    "on-site water = IT energy x WUE, off-site = IT energy x PUE x EWIF (Li et al.).\n\n"
    "options:\n"
    "  --accelerators N   number of accelerators\n"
    "  --hours H          run length: hours, or a time such as \"14.8 d\"\n"
    "  --power W          average power per accelerator: watts, or \"330 W\"\n"
    "  --it-energy E      a published IT energy instead of the three above\n"
    "  --pue X            power usage effectiveness (>= 1)\n"
    "  --carbon C         grid carbon intensity, e.g. \"0.429 kg/kWh\"\n"
    "  --wue W            on-site water per IT kWh, e.g. \"0.55 L/kWh\"\n"
    "  --ewif W           water per kWh of grid electricity, e.g. \"3.142 L/kWh\"\n"
    "  --json             print JSON\n\n"
    "Exit codes: 0 ok, 1 bad value, 2 usage error.\n",
    runPublishedRun};

} // namespace headroom::cli
