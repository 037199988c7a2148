#pragma once
// The JSON Schema (draft 2020-12) of "headroom-site/1", generated from the field table
// the reader uses, so the two cannot disagree. Unknown keys are allowed, as the reader
// only warns about them; quantity strings are checked for a number and a unit, while
// their dimensions and ranges are checked by the reader (ranges are in descriptions).

#include <nlohmann/json.hpp>

#include <string>

namespace headroom::model {

nlohmann::ordered_json siteSchema();
/// The schema as resources/schema/headroom-site-1.schema.json holds it.
std::string siteSchemaText();

} // namespace headroom::model
