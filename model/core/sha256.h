#pragma once
// SHA-256 (FIPS 180-4), our own implementation, for scenario hashes: the hex digest of
// a canonical scenario document names a scenario in reports and in the result store.

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace headroom::model {

/// Incremental SHA-256: update() any number of times, then digest() once.
class Sha256 {
public:
    /// How blocks are compressed: the CPU's SHA instructions when it has them (x86 SHA
    /// extensions), else portable C++; the digests are the same.
    enum class Engine { Fastest, Portable };

    explicit Sha256(Engine engine = Engine::Fastest);
    void update(std::string_view bytes);
    void update(const std::uint8_t* bytes, std::size_t size);
    /// The 32-byte digest; the object must not be updated afterwards.
    std::array<std::uint8_t, 32> digest();

private:
    void (*m_compress)(std::uint32_t* state, const std::uint8_t* block);
    std::array<std::uint32_t, 8> m_state;
    std::array<std::uint8_t, 64> m_buffer{};
    std::size_t m_buffered = 0;
    std::uint64_t m_totalBytes = 0;
};

/// Lower-case hex SHA-256 of bytes.
std::string sha256Hex(std::string_view bytes);
/// The same of a digest.
std::string sha256Hex(const std::array<std::uint8_t, 32>& digest);

} // namespace headroom::model
