#pragma once
// Where Headroom's data files (sample sites, schema, catalog) are at run time. An
// installed binary finds them relative to itself (<prefix>/bin/../share/headroom), so the
// package is relocatable; a binary run from a build folder falls back to the source tree.

#include <filesystem>

namespace headroom::model {

/// The data directory for an executable at executablePath.
std::filesystem::path dataDirectoryFor(const std::filesystem::path& executablePath);

/// The data directory of the running process (/proc/self/exe).
std::filesystem::path dataDirectory();

} // namespace headroom::model
