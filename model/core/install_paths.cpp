#include "model/core/install_paths.h"

#include <system_error>

namespace headroom::model {

std::filesystem::path dataDirectoryFor(const std::filesystem::path& executablePath) {
    const auto installed = executablePath.parent_path().parent_path() / "share" / "headroom";
    std::error_code error;
    if (std::filesystem::is_directory(installed / "sample_sites", error)) {
        return installed;
    }
    return HEADROOM_SOURCE_DIR;
}

std::filesystem::path dataDirectory() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return dataDirectoryFor(error ? std::filesystem::path() : self);
}

} // namespace headroom::model
