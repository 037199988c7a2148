// readTextFile: a status for every way a named input is not a readable file of sane size.
#include "model/core/text_file.h"

#include <gtest/gtest.h>

#include <fstream>

namespace headroom::model {
namespace {

namespace fs = std::filesystem;

TEST(TextFile, ReadsBytesAndTellsTheWaysItCannot) {
    const fs::path dir = fs::path(HEADROOM_BINARY_DIR) / "text_file_test";
    fs::create_directories(dir);
    std::ofstream(dir / "a.txt", std::ios::binary) << "xy";
    const auto ok = readTextFile(dir / "a.txt");
    EXPECT_EQ(ok.status, TextFile::Status::Ok);
    EXPECT_EQ(ok.text, "xy");
    EXPECT_EQ(readTextFile(dir / "absent.txt").status, TextFile::Status::NotFound);
    EXPECT_EQ(readTextFile(dir).status, TextFile::Status::Folder);
    const auto large = readTextFile(dir / "a.txt", 0);
    EXPECT_EQ(large.status, TextFile::Status::TooLarge);
    EXPECT_TRUE(large.text.empty());
    // An endless device stops at the limit instead of filling memory.
    if (fs::exists("/dev/zero")) {
        EXPECT_EQ(readTextFile("/dev/zero", 1 << 20).status, TextFile::Status::TooLarge);
    }
    EXPECT_EQ(describeStatus(TextFile::Status::TooLarge),
              "is larger than 64 MB: not an input file");
}

} // namespace
} // namespace headroom::model
