#pragma once
// A text file compiled into the binary (cmake/embed_text.cmake): the catalog, the
// bibliography and the default site, so their defaults need no file at run time.

#include <string_view>

namespace headroom::model {

struct EmbeddedFile {
    std::string_view name; ///< "chips.json"
    std::string_view text;
};

} // namespace headroom::model
