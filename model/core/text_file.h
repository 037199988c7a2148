#pragma once
// Reads a whole input file (a site, a sweep, a weather file, a grid CSV) without exceptions
// and up to a size limit: a folder, /dev/zero or a FIFO named where a file belongs gives a
// status, never an uncaught std::ios_base::failure, a wait forever or exhausted memory.
// Every file Headroom reads is read here.

#include "model/core/diagnostic.h"

#include <cstddef>
#include <filesystem>
#include <string>

namespace headroom::model {

/// Far above any real input (an hourly CSV of a year is about 1 MB), far below memory.
inline constexpr std::size_t kMaxInputFileBytes = std::size_t{64} << 20;

struct TextFile {
    enum class Status { Ok, NotFound, Folder, NotRegular, Unreadable, TooLarge };
    Status status = Status::Ok;
    std::string text; ///< the bytes, when status is Ok
};

TextFile readTextFile(const std::filesystem::path& path, std::size_t maxBytes = kMaxInputFileBytes);

/// "no such file", "is a folder", "is not a regular file", "cannot read the file",
/// "is larger than 64 MB".
std::string describeStatus(TextFile::Status status, std::size_t maxBytes = kMaxInputFileBytes);

/// The error for an input file that could not be read, at the file: "no such <what>"
/// (NotFound), or "the <what> <why>" (Unreadable), e.g. "the sweep file is a folder, not a
/// file".
Diagnostic unreadableFileDiagnostic(const std::filesystem::path& path, TextFile::Status status,
                                    const std::string& what);

} // namespace headroom::model
