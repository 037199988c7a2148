#include "model/core/atomic_file.h"

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <random>
#include <string>
#include <unistd.h>

namespace headroom::model {
namespace {

Diagnostic failure(const std::filesystem::path& path, const std::string& what, int error) {
    Diagnostic diagnostic;
    diagnostic.file = path.string();
    diagnostic.kind = DiagnosticKind::Unreadable;
    diagnostic.message = what + ": " + std::strerror(error);
    return diagnostic;
}

} // namespace

std::optional<Diagnostic> writeFileAtomically(const std::filesystem::path& path,
                                              std::string_view bytes) {
    return writeFileAtomically(path, [&](const ByteSink& sink) { sink(bytes); });
}

std::optional<ExclusiveFile> createExclusiveFile(const std::filesystem::path& folder,
                                                 const std::string& stem, int& error) {
    // O_CREAT|O_EXCL creates a new file or fails: it never opens what is already there, a
    // symlink included (POSIX open(), "If O_CREAT and O_EXCL are set ... symbolic links
    // are not followed"). The random part makes the name unguessable; a collision retries.
    static thread_local std::mt19937_64 random{std::random_device{}() ^
                                               static_cast<std::uint64_t>(::getpid())};
    for (int attempt = 0; attempt < 100; ++attempt) {
        char suffix[24];
        std::snprintf(suffix, sizeof suffix, ".%016llx", static_cast<unsigned long long>(random()));
        std::filesystem::path candidate = folder / ("." + stem + suffix + ".tmp");
        const int fd =
            ::open(candidate.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
        if (fd >= 0) {
            return ExclusiveFile{fd, std::move(candidate)};
        }
        if (errno != EEXIST) {
            error = errno;
            return std::nullopt;
        }
    }
    error = EEXIST;
    return std::nullopt;
}

std::optional<Diagnostic> writeFileAtomically(const std::filesystem::path& path,
                                              const std::function<void(const ByteSink&)>& produce) {
    // The temporary sits in the target's folder so that rename() stays on one file system
    // and is atomic.
    const std::filesystem::path folder =
        path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
    int createError = 0;
    const auto created = createExclusiveFile(folder, path.filename().string(), createError);
    if (!created) {
        return failure(path, "cannot create a temporary file", createError);
    }
    const int fd = created->fd;
    const std::filesystem::path& temporary = created->path;
    int writeError = 0;
    produce([&](std::string_view bytes) {
        std::size_t written = 0;
        while (writeError == 0 && written < bytes.size()) {
            const ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
            if (n < 0) {
                if (errno != EINTR) {
                    writeError = errno;
                }
                continue;
            }
            written += static_cast<std::size_t>(n);
        }
        return writeError == 0;
    });
    if (writeError != 0) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return failure(path, "cannot write", writeError);
    }
    // fsync before rename: otherwise a power cut may leave the new name on empty blocks.
    if (::fsync(fd) != 0 || ::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failure(path, "cannot flush", error);
    }
    // rename() replaces a symlink at path rather than writing through it.
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failure(path, "cannot replace", error);
    }
    return std::nullopt;
}

} // namespace headroom::model
