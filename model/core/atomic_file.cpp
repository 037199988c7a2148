#include "model/core/atomic_file.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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

std::optional<Diagnostic> writeFileAtomically(const std::filesystem::path& path,
                                              const std::function<void(const ByteSink&)>& produce) {
    // The temporary sits in the target's folder so that rename() stays on one file system
    // and is atomic; the pid keeps concurrent writers of the same target apart.
    std::filesystem::path temporary = path;
    temporary += ".tmp." + std::to_string(::getpid());
    const int fd = ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        return failure(path, "cannot create a temporary file", errno);
    }
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
    if (::rename(temporary.c_str(), path.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return failure(path, "cannot replace", error);
    }
    return std::nullopt;
}

} // namespace headroom::model
