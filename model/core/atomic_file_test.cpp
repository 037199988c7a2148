#include "model/core/atomic_file.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <unistd.h>
#include <vector>

namespace headroom::model {
namespace {

std::string slurp(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::filesystem::path scratchDir(const std::string& name) {
    auto dir = std::filesystem::temp_directory_path() /
               ("headroom-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    return dir;
}

TEST(AtomicFile, WritesAndReplacesWithoutLeavingTemporaries) {
    const auto dir = scratchDir("atomic");
    const auto path = dir / "out.txt";
    ASSERT_FALSE(writeFileAtomically(path, "first"));
    ASSERT_FALSE(writeFileAtomically(path, "second, longer"));
    EXPECT_EQ(slurp(path), "second, longer");
    int files = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++files;
    }
    EXPECT_EQ(files, 1) << "a temporary file was left behind";
    std::filesystem::remove_all(dir);
}

TEST(AtomicFile, StreamsPiecesInOrder) {
    const auto dir = scratchDir("atomic-pieces");
    const auto path = dir / "rows.csv";
    ASSERT_FALSE(writeFileAtomically(path, "old"));
    ASSERT_FALSE(writeFileAtomically(path, [](const ByteSink& sink) {
        for (int row = 0; row < 1000; ++row) {
            ASSERT_TRUE(sink(std::to_string(row) + "\r\n"));
        }
    }));
    const std::string text = slurp(path);
    EXPECT_TRUE(text.starts_with("0\r\n1\r\n2\r\n"));
    EXPECT_TRUE(text.ends_with("998\r\n999\r\n"));
    EXPECT_EQ(text.size(), 10u * 3 + 90u * 4 + 900u * 5);
    std::filesystem::remove_all(dir);
}

TEST(AtomicFile, FailureKeepsTheOldFileAndSaysWhy) {
    const auto dir = scratchDir("atomic-fail");
    const auto missing = dir / "no-such-folder" / "out.txt";
    const auto diagnostic = writeFileAtomically(missing, "x");
    ASSERT_TRUE(diagnostic);
    EXPECT_EQ(diagnostic->file, missing.string());
    EXPECT_NE(diagnostic->message.find("cannot create"), std::string::npos);
    std::filesystem::remove_all(dir);
}

TEST(AtomicFile, APlantedSymlinkIsNeverWrittenThrough) {
    // Issue 17 item 5: the temporary had a predictable name ("out.txt.tmp.<pid>") and was
    // opened without O_EXCL, so a symlink planted there made the write land in its target.
    const auto dir = scratchDir("atomic-symlink");
    const auto victim = dir / "victim.txt";
    { std::ofstream(victim) << "precious"; }
    const auto path = dir / "out.txt";
    for (const std::string& suffix :
         std::vector<std::string>{".tmp", ".tmp." + std::to_string(::getpid())}) {
        std::filesystem::path planted = path;
        planted += suffix;
        std::filesystem::create_symlink(victim, planted);
    }
    ASSERT_FALSE(writeFileAtomically(path, "report"));
    EXPECT_EQ(slurp(victim), "precious");
    EXPECT_EQ(slurp(path), "report");
    EXPECT_FALSE(std::filesystem::is_symlink(path));
    std::filesystem::remove_all(dir);
}

TEST(AtomicFile, RefusesToReplaceASymlinkOrAFolder) {
    // The target itself: rename() would replace a symlink, not follow it; a folder is refused.
    const auto dir = scratchDir("atomic-target");
    std::filesystem::create_directories(dir / "folder.txt");
    EXPECT_TRUE(writeFileAtomically(dir / "folder.txt", "x"));
    int entries = 0;
    for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(dir)) {
        ++entries;
    }
    EXPECT_EQ(entries, 1) << "a temporary file was left behind";
    std::filesystem::remove_all(dir);
}

} // namespace
} // namespace headroom::model
