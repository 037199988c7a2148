#pragma once
// One reference token of a JSON pointer read as an array index (RFC 6901, section 4:
// decimal digits, no leading zero but "0" itself), for the pointer walks that resolve a
// field without building a nlohmann::json_pointer.

#include <charconv>
#include <cstddef>
#include <optional>
#include <string_view>
#include <system_error>

namespace headroom::model {

/// The index token names in an array of size elements, or nothing when it is not an
/// index or is past the end.
inline std::optional<std::size_t> arrayIndexToken(std::string_view token, std::size_t size) {
    std::size_t index = 0;
    const auto [rest, error] = std::from_chars(token.data(), token.data() + token.size(), index);
    if (token.empty() || error != std::errc() || rest != token.data() + token.size() ||
        (token.size() > 1 && token.front() == '0') || index >= size) {
        return std::nullopt;
    }
    return index;
}

} // namespace headroom::model
