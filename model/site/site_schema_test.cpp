#include "model/site/site_fields.h"
#include "model/site/site_schema.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace headroom::model {
namespace {

TEST(SiteSchema, EveryFieldAppearsInTheSchema) {
    const auto schema = siteSchema();
    for (const auto& field : siteFields()) {
        // "/workloads/training/*/name" -> "/properties/workloads/properties/training/items/..."
        std::string pointer;
        std::stringstream tokens(std::string(field.pointer.substr(1)));
        std::string token;
        while (std::getline(tokens, token, '/')) {
            pointer += token == "*" ? "/items" : "/properties/" + token;
        }
        EXPECT_TRUE(schema.contains(nlohmann::ordered_json::json_pointer(pointer)))
            << field.pointer << " -> " << pointer;
    }
}

TEST(SiteSchema, ResourceCopyIsCurrent) {
    std::ifstream in(std::string(HEADROOM_SOURCE_DIR) +
                     "/resources/schema/headroom-site-1.schema.json");
    std::stringstream text;
    text << in.rdbuf();
    EXPECT_EQ(text.str(), siteSchemaText())
        << "regenerate with: headroom-cli schema > resources/schema/headroom-site-1.schema.json";
}

} // namespace
} // namespace headroom::model
