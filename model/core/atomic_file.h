#pragma once
// Saves are atomic (docs/ARCHITECTURE.md, "Errors and data safety"): the bytes go to a temporary
// file beside the target, are flushed to disk, and replace the target by rename, so a
// reader sees the old file or the new one, never half of one.

#include "model/core/diagnostic.h"

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace headroom::model {

/// A new file made for writing, open as fd; the caller closes it.
struct ExclusiveFile {
    int fd = -1;
    std::filesystem::path path;
};
/// Creates a new, unguessably named file ".<stem>.<random>.tmp" in folder with
/// O_CREAT|O_EXCL|O_NOFOLLOW: never an existing file, never through a planted symlink.
/// Every file Headroom writes starts here. On failure returns nothing and sets error (errno).
std::optional<ExclusiveFile> createExclusiveFile(const std::filesystem::path& folder,
                                                 const std::string& stem, int& error);

/// Writes bytes to path atomically; on failure returns the diagnostic and leaves any
/// existing file at path untouched.
std::optional<Diagnostic> writeFileAtomically(const std::filesystem::path& path,
                                              std::string_view bytes);

/// Takes the bytes of a file piece by piece, in order; false once a write has failed.
using ByteSink = std::function<bool(std::string_view bytes)>;
/// The same for content made in pieces, too large to hold at once (a 10-million-row CSV):
/// produce(sink) hands every piece to sink; memory stays that of one piece.
std::optional<Diagnostic> writeFileAtomically(const std::filesystem::path& path,
                                              const std::function<void(const ByteSink&)>& produce);

} // namespace headroom::model
