#include "model/core/text_file.h"

#include <cerrno>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::model {
namespace {

/// Closes the descriptor however the read ends.
struct FileDescriptor {
    int fd = -1;
    ~FileDescriptor() {
        if (fd >= 0) {
            ::close(fd);
        }
    }
};

} // namespace

TextFile readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
    TextFile file;
    // O_NONBLOCK: opening a FIFO nobody writes to returns at once instead of waiting for a
    // writer; fstat then tells what was opened, so only a regular file is ever read.
    FileDescriptor input{::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)};
    if (input.fd < 0) {
        const int error = errno;
        std::error_code ec;
        file.status = error == ENOENT || error == ENOTDIR       ? TextFile::Status::NotFound
                      : std::filesystem::is_directory(path, ec) ? TextFile::Status::Folder
                                                                : TextFile::Status::Unreadable;
        return file;
    }
    struct stat info {};
    if (::fstat(input.fd, &info) != 0) {
        file.status = TextFile::Status::Unreadable;
        return file;
    }
    if (S_ISDIR(info.st_mode)) {
        file.status = TextFile::Status::Folder;
        return file;
    }
    if (!S_ISREG(info.st_mode)) {
        file.status = TextFile::Status::NotRegular;
        return file;
    }
    if (static_cast<std::size_t>(info.st_size) > maxBytes) {
        file.status = TextFile::Status::TooLarge;
        return file;
    }
    // The size may change while we read (a file being written): the limit holds on what
    // is read, not on what fstat said.
    file.text.reserve(static_cast<std::size_t>(info.st_size));
    char buffer[1 << 16];
    while (true) {
        const ssize_t n = ::read(input.fd, buffer, sizeof buffer);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            file.status = TextFile::Status::Unreadable;
            file.text.clear();
            return file;
        }
        if (n == 0) {
            break;
        }
        if (file.text.size() + static_cast<std::size_t>(n) > maxBytes) {
            file.status = TextFile::Status::TooLarge;
            file.text.clear();
            return file;
        }
        file.text.append(buffer, static_cast<std::size_t>(n));
    }
    return file;
}

std::string describeStatus(TextFile::Status status, std::size_t maxBytes) {
    switch (status) {
    case TextFile::Status::Ok:
        return "read";
    case TextFile::Status::NotFound:
        return "no such file";
    case TextFile::Status::Folder:
        return "is a folder, not a file";
    case TextFile::Status::NotRegular:
        return "is not a regular file (a FIFO, a device or a socket)";
    case TextFile::Status::Unreadable:
        return "cannot read the file";
    case TextFile::Status::TooLarge:
        return "is larger than " + std::to_string(maxBytes >> 20) + " MB: not an input file";
    }
    return "cannot read the file";
}

Diagnostic unreadableFileDiagnostic(const std::filesystem::path& path, TextFile::Status status,
                                    const std::string& what) {
    Diagnostic diagnostic;
    diagnostic.file = path.string();
    const bool missing = status == TextFile::Status::NotFound;
    diagnostic.kind = missing ? DiagnosticKind::NotFound : DiagnosticKind::Unreadable;
    diagnostic.message = missing ? "no such " + what : "the " + what + " " + describeStatus(status);
    return diagnostic;
}

} // namespace headroom::model
