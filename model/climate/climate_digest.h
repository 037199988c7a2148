#pragma once
// A climate digest: a few kB of JSON that a site file embeds instead of pointing at an
// EPW, from which the model regenerates an 8760-hour year deterministically (the same
// digest gives the same bytes).
//
// What it keeps, per month: the mean diurnal profile of dry bulb and dew point; for
// each day, in calendar order, its mean dry bulb, mean dew point and diurnal-range
// scale; and the month's hourly distribution of dry bulb and of dew point as 0.1 K
// histograms. Regeneration builds each day from its means, scale and the month's
// profiles, then maps the month's hours rank for rank onto its histogram, so that the
// distribution of each variable (and with it the hours above any threshold, to the
// source's 0.1 K resolution) is the source's, while the pairing of dry bulb and dew
// point and the day-to-day sequence come from the daily model. Simplifications: the
// within-day shape is the month's mean profile scaled per day; station pressure is the
// monthly mean; 29 February of a leap-year source is dropped.

#include "model/climate/climate.h"
#include "model/core/diagnostic.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace headroom::model {

/// The "format" value of a digest this version writes and reads.
inline constexpr const char* kClimateDigestFormat = "headroom-climate-digest/1";

/// Digest of a whole year (8760 hours, or 8784 with 29 February, which is dropped).
/// sourceName names the source in the digest ("USA_IL_...TMY3.epw"); empty takes the
/// climate's provenance. Throws std::invalid_argument if the climate is not a whole year.
nlohmann::json makeClimateDigest(const Climate& climate, const std::string& sourceName = {});

/// Regenerates the 8760-hour year. Problems are reported with the JSON pointer of the
/// field (file and line left empty for the caller to fill); nothing is returned then.
std::optional<Climate> climateFromDigest(const nlohmann::json& digest, Diagnostics& diagnostics);

} // namespace headroom::model
