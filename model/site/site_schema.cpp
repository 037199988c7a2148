#include "model/site/site_schema.h"

#include "model/site/site_fields.h"

namespace headroom::model {
namespace {

using ojson = nlohmann::ordered_json;

// A number then a unit; the unit may be omitted only for fractions ("0.85").
constexpr const char* kNumber = "^\\s*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?";
const std::string kQuantityPattern = std::string(kNumber) + "\\s*[^\\s0-9.].*$";
const std::string kFractionPattern = std::string(kNumber) + "(\\s*[^\\s0-9.].*)?$";

std::string describe(const FieldDef& field) {
    std::string text(field.doc);
    if (field.type == FieldType::Quantity || field.type == FieldType::QuantityList ||
        field.type == FieldType::Series) {
        const auto info = quantityKindInfo(field.quantity);
        text += std::string(" A ") + info.name + " such as \"" + info.example + "\"";
        if (!field.min.empty() && !field.max.empty()) {
            text += ", from " + std::string(field.min) + " to " + std::string(field.max);
        } else if (!field.min.empty()) {
            text += std::string(field.exclusiveMin ? ", above " : ", at least ") +
                    std::string(field.min);
        }
        text += ".";
    }
    return text;
}

ojson quantityNode(QuantityKind kind) {
    return ojson{{"type", "string"},
                 {"pattern", kind == QuantityKind::Fraction ? kFractionPattern : kQuantityPattern}};
}

ojson seriesNode(const FieldDef& field) {
    ojson options = ojson::array();
    if (field.shapes & kSeriesConstant) {
        options.push_back(quantityNode(field.quantity));
    }
    if (field.shapes & kSeriesDayProfile) {
        options.push_back({{"type", "array"},
                           {"items", quantityNode(field.quantity)},
                           {"minItems", 24},
                           {"maxItems", 24}});
    }
    if (field.shapes & kSeriesMonthByHour) {
        ojson row = {{"type", "array"},
                     {"items", quantityNode(field.quantity)},
                     {"minItems", 24},
                     {"maxItems", 24}};
        options.push_back({{"type", "array"}, {"items", row}, {"minItems", 12}, {"maxItems", 12}});
        ojson numberRow = {
            {"type", "array"}, {"items", {{"type", "number"}}}, {"minItems", 24}, {"maxItems", 24}};
        options.push_back(
            {{"type", "object"},
             {"properties",
              {{"table",
                {{"type", "array"}, {"items", numberRow}, {"minItems", 12}, {"maxItems", 12}}},
               {"unit", {{"type", "string"}}},
               {"source", {{"type", "string"}}}}},
             {"required", {"table", "unit"}}});
    }
    if (field.shapes & kSeriesCsv) {
        ojson csv = {{"type", "object"},
                     {"properties",
                      {{"csv", {{"type", "string"}, {"minLength", 1}}},
                       {"column", {{"type", "string"}}},
                       {"unit", {{"type", "string"}}},
                       {"time_zone", {{"enum", {"local", "utc"}}}},
                       {"max_gap", {{"type", "string"}}},
                       {"source", {{"type", "string"}}}}},
                     {"required", field.quantity == QuantityKind::Fraction
                                      ? ojson{"csv", "column"}
                                      : ojson{"csv", "column", "unit"}}};
        options.push_back(csv);
    }
    return {{"anyOf", options}};
}

ojson objectNode(const std::string& pattern);

ojson fieldNode(const FieldDef& field) {
    ojson node;
    const std::string pattern(field.pointer);
    switch (field.type) {
    case FieldType::Object:
        node = objectNode(pattern);
        break;
    case FieldType::ObjectArray:
        node = {{"type", "array"}, {"items", objectNode(pattern + "/*")}};
        break;
    case FieldType::Opaque:
        node = {{"type", "object"}};
        break;
    case FieldType::String:
        node = pattern == "/format" ? ojson{{"const", std::string(kSiteFormat)}}
                                    : ojson{{"type", "string"}};
        break;
    case FieldType::Path:
    case FieldType::CatalogId:
        node = {{"type", "string"}, {"minLength", 1}};
        break;
    case FieldType::Number:
    case FieldType::Integer:
        node = {{"type", field.type == FieldType::Number ? "number" : "integer"}};
        if (!field.min.empty()) {
            node[field.exclusiveMin ? "exclusiveMinimum" : "minimum"] = ojson::parse(field.min);
        }
        if (!field.max.empty()) {
            node["maximum"] = ojson::parse(field.max);
        }
        break;
    case FieldType::Boolean:
        node = {{"type", "boolean"}};
        break;
    case FieldType::Enum: {
        ojson values = ojson::array();
        for (const auto& choice : field.choices) {
            values.push_back(std::string(choice.name));
        }
        node = {{"enum", values}};
        break;
    }
    case FieldType::Quantity:
        node = quantityNode(field.quantity);
        break;
    case FieldType::QuantityList:
        node = {{"type", "array"},
                {"items", quantityNode(field.quantity)},
                {"minItems", field.count},
                {"maxItems", field.count}};
        break;
    case FieldType::Series:
        node = seriesNode(field);
        break;
    case FieldType::CountOrFill:
        node = {{"anyOf", {{{"type", "integer"}, {"minimum", 0}}, {{"const", "fill"}}}}};
        break;
    case FieldType::Ratio:
        node = {{"anyOf",
                 {{{"type", "number"}, {"minimum", 1}},
                  {{"type", "string"}, {"pattern", "^\\s*[0-9.]+\\s*:\\s*[0-9.]+\\s*$"}}}}};
        break;
    case FieldType::MonthDay:
        node = {{"type", "string"}, {"pattern", "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"}};
        break;
    }
    ojson described = {{"description", describe(field)}};
    if (!field.defaultJson.empty()) {
        described["default"] = ojson::parse(field.defaultJson);
    }
    described.update(node);
    return described;
}

ojson objectNode(const std::string& pattern) {
    ojson properties = ojson::object();
    ojson required = ojson::array();
    for (const auto* child : childFields(pattern)) {
        const std::string name(child->pointer.substr(child->pointer.rfind('/') + 1));
        properties[name] = fieldNode(*child);
        if (child->required) {
            required.push_back(name);
        }
    }
    properties["source"] = {{"$ref", "#/$defs/source"}};
    ojson node = {{"type", "object"}, {"properties", properties}};
    if (!required.empty()) {
        node["required"] = required;
    }
    if (pattern == "/climate") {
        // Exactly one weather source.
        node["oneOf"] = {
            {{"required", {"epw"}}}, {{"required", {"digest"}}}, {{"required", {"csv"}}}};
    }
    return node;
}

} // namespace

nlohmann::ordered_json siteSchema() {
    ojson schema = {
        {"$schema", "https://json-schema.org/draft/2020-12/schema"},
        {"$id", "https://example.invalid/headroom/schema/headroom-site-1.schema.json"},
        {"title", "Headroom site file (headroom-site/1)"},
        {"description", "One datacenter site: location, weather, grid, campus, power chain, "
                        "cooling, IT deployment, fabric and workloads. Generated from the "
                        "reader's field table by `headroom-cli schema`; do not edit."},
    };
    schema.update(objectNode(""));
    schema["$defs"] = {
        {"source",
         {{"description", "Where the figures of this object come from: one string for the "
                          "whole object, or an object of strings by field name."},
          {"anyOf",
           {{{"type", "string"}},
            {{"type", "object"}, {"additionalProperties", {{"type", "string"}}}}}}}}};
    return schema;
}

std::string siteSchemaText() {
    return siteSchema().dump(2) + "\n";
}

} // namespace headroom::model
