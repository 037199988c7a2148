// SHA-256 against the FIPS 180-4 examples (NIST CSRC "SHA256.pdf" example values) and
// the NIST SHAVS one-million-'a' vector.
#include "model/core/sha256.h"

#include <gtest/gtest.h>

#include <string>

namespace headroom::model {
namespace {

TEST(Sha256, EmptyMessage) {
    EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Sha256, OneBlockMessageAbc) {
    EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Sha256, TwoBlockMessage) {
    EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
              "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Sha256, FourBlockMessage) {
    EXPECT_EQ(sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnop"
                        "jklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"),
              "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

TEST(Sha256, OneMillionA) {
    EXPECT_EQ(sha256Hex(std::string(1000000, 'a')),
              "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST(Sha256, IncrementalUpdatesMatchOneShot) {
    // Every split point of a message longer than one block gives the same digest.
    const std::string message(150, 'x');
    const std::string expected = sha256Hex(message);
    for (std::size_t split = 0; split <= message.size(); ++split) {
        Sha256 hasher;
        hasher.update(std::string_view(message).substr(0, split));
        hasher.update(std::string_view(message).substr(split));
        const auto digest = hasher.digest();
        std::string hex;
        for (const auto byte : digest) {
            static constexpr char kHex[] = "0123456789abcdef";
            hex += kHex[byte >> 4];
            hex += kHex[byte & 0xf];
        }
        ASSERT_EQ(hex, expected) << "split at " << split;
    }
}

TEST(Sha256, LengthsAroundThePaddingBoundary) {
    // 55, 56 and 64 bytes exercise the one- and two-block padding paths. Expected
    // values: `printf 'a%.0s' {1..N} | sha256sum` (GNU coreutils).
    EXPECT_EQ(sha256Hex(std::string(55, 'a')),
              "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
    EXPECT_EQ(sha256Hex(std::string(56, 'a')),
              "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
    EXPECT_EQ(sha256Hex(std::string(64, 'a')),
              "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
}

/// The CPU's SHA instructions, where compress uses them, against the portable C++ on every
/// length from 0 to 300 bytes (every padding case, up to five blocks) of varied bytes.
TEST(Sha256, FastestEngineMatchesPortable) {
    std::string message;
    for (std::size_t length = 0; length <= 300; ++length) {
        Sha256 fastest;
        Sha256 portable(Sha256::Engine::Portable);
        fastest.update(message);
        portable.update(message);
        ASSERT_EQ(fastest.digest(), portable.digest()) << "length " << length;
        message += static_cast<char>((length * 131 + 7) % 256);
    }
}

} // namespace
} // namespace headroom::model
