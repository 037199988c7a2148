#pragma once
// What a run assumed: every figure taken from a default, and every figure the site file
// gives a source for. Reports list them (JSON "assumptions", the PDF, the desktop app)
// so that a planner sees what was assumed and where it comes from.

#include <memory>
#include <string>
#include <vector>

namespace headroom::model {

/// Where an assumed figure comes from.
enum class AssumptionOrigin {
    File,    ///< written in the site file, with a "source" beside it
    Default, ///< absent from the file: the field table's default for the design
};

/// "file" or "default", as the JSON summary writes it.
inline const char* assumptionOriginName(AssumptionOrigin origin) {
    return origin == AssumptionOrigin::Default ? "default" : "file";
}

/// A figure's value and provenance: "/grid/carbon_intensity", "0.4155 kg/kWh", "eGRID2023".
struct Assumption {
    std::string pointer; ///< JSON pointer of the field
    std::string text;    ///< the value with its unit, as written or as defaulted ("1.5 %")
    std::string source;  ///< the file's "source" string, or where the default comes from
    AssumptionOrigin origin = AssumptionOrigin::File;
};

/// Shared between a Site and every RunResult made from it: a batch copies no strings.
using Assumptions = std::shared_ptr<const std::vector<Assumption>>;

} // namespace headroom::model
