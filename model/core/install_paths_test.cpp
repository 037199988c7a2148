// The data directory: beside an installed binary first, the source tree otherwise.
#include "model/core/install_paths.h"

#include <gtest/gtest.h>

#include <fstream>

namespace headroom::model {
namespace {

TEST(InstallPaths, FindsDataBesideAnInstalledBinary) {
    const auto prefix = std::filesystem::path(testing::TempDir()) / "headroom-prefix";
    std::filesystem::remove_all(prefix);
    std::filesystem::create_directories(prefix / "bin");
    std::filesystem::create_directories(prefix / "share/headroom/sample_sites");
    std::ofstream(prefix / "bin/headroom-cli") << "";
    EXPECT_EQ(dataDirectoryFor(prefix / "bin/headroom-cli"), prefix / "share/headroom");
    std::filesystem::remove_all(prefix);
}

TEST(InstallPaths, FallsBackToTheSourceTreeInABuildFolder) {
    EXPECT_EQ(dataDirectoryFor("/nonexistent/build/app/headroom-cli"),
              std::filesystem::path(HEADROOM_SOURCE_DIR));
    // This test binary runs from the build folder, which has no share/headroom.
    EXPECT_EQ(dataDirectory(), std::filesystem::path(HEADROOM_SOURCE_DIR));
}

} // namespace
} // namespace headroom::model
