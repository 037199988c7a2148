#include "model/core/text_file.h"

#include <cstdio>
#include <memory>

namespace headroom::model {

TextFile readTextFile(const std::filesystem::path& path, std::size_t maxBytes) {
    namespace fs = std::filesystem;
    TextFile file;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
        file.status = TextFile::Status::NotFound;
        return file;
    }
    if (fs::is_directory(path, ec)) {
        file.status = TextFile::Status::Folder;
        return file;
    }
    // C stdio, not iostreams: a read error is a return value here, never an exception.
    const std::unique_ptr<std::FILE, int (*)(std::FILE*)> stream(std::fopen(path.c_str(), "rb"),
                                                                 &std::fclose);
    if (!stream) {
        file.status = TextFile::Status::Unreadable;
        return file;
    }
    char buffer[1 << 16];
    while (true) {
        const std::size_t n = std::fread(buffer, 1, sizeof buffer, stream.get());
        if (file.text.size() + n > maxBytes) {
            file.status = TextFile::Status::TooLarge;
            file.text.clear();
            return file;
        }
        file.text.append(buffer, n);
        if (n < sizeof buffer) {
            break;
        }
    }
    if (std::ferror(stream.get()) != 0) {
        file.status = TextFile::Status::Unreadable;
        file.text.clear();
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
    case TextFile::Status::Unreadable:
        return "cannot read the file";
    case TextFile::Status::TooLarge:
        return "is larger than " + std::to_string(maxBytes >> 20) + " MB: not an input file";
    }
    return "cannot read the file";
}

} // namespace headroom::model
