// readTextFile: a status for every way a named input is not a readable file of sane size.
#include "model/core/text_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sys/stat.h>

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
    // An endless device is refused before a byte is read, instead of filling memory.
    if (fs::exists("/dev/zero")) {
        EXPECT_EQ(readTextFile("/dev/zero", 1 << 20).status, TextFile::Status::NotRegular);
    }
    EXPECT_EQ(describeStatus(TextFile::Status::TooLarge),
              "is larger than 64 MB: not an input file");
}

TEST(TextFile, AnUnreadableFileIsAnErrorAtTheFileThatSaysWhy) {
    const auto missing =
        unreadableFileDiagnostic("nowhere.json", TextFile::Status::NotFound, "site file");
    EXPECT_EQ(missing.file, "nowhere.json");
    EXPECT_EQ(missing.kind, DiagnosticKind::NotFound);
    EXPECT_EQ(missing.severity, Severity::Error);
    EXPECT_EQ(missing.message, "no such site file");
    const auto folder = unreadableFileDiagnostic("runs", TextFile::Status::Folder, "sweep file");
    EXPECT_EQ(folder.kind, DiagnosticKind::Unreadable);
    EXPECT_EQ(folder.message, "the sweep file is a folder, not a file");
}

TEST(TextFile, RefusesWhatIsNotARegularFileWithoutWaitingForIt) {
    // Issue 17 item 7: a FIFO named as an input hung every reader forever (nobody writes).
    const fs::path dir = fs::path(HEADROOM_BINARY_DIR) / "text_file_test";
    fs::create_directories(dir);
    const fs::path fifo = dir / "pipe.json";
    fs::remove(fifo);
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    const auto read = readTextFile(fifo);
    EXPECT_EQ(read.status, TextFile::Status::NotRegular);
    EXPECT_TRUE(read.text.empty());
    fs::remove(fifo);
    if (fs::exists("/dev/null")) {
        EXPECT_EQ(readTextFile("/dev/null").status, TextFile::Status::NotRegular);
    }
    EXPECT_EQ(describeStatus(TextFile::Status::NotRegular),
              "is not a regular file (a FIFO, a device or a socket)");
}

} // namespace
} // namespace headroom::model
