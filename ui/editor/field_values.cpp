#include "ui/editor/field_values.h"

#include "model/catalog/catalog.h"
#include "ui/editor/property_editor.h" // PropertyEditor::tr: the messages keep the editor's context
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"

namespace headroom::ui::field_values {

/// A string that reads as a quantity with a unit ("27 degC"), rather than a name.
bool isQuantityText(const std::string& text) {
    const QString qtext = QString::fromStdString(text);
    const auto [number, unit] = splitQuantity(qtext);
    if (number.isEmpty() || unit.isEmpty()) {
        return false;
    }
    return static_cast<bool>(units::parseAnyQuantity(text));
}

/// Whether the editor may add or remove the field: optional, a value or a section it can
/// fill (a section whose required members all have defaults), not an array or a blob.
bool isAddable(const model::FieldDef& field) {
    if (field.required || field.type == model::FieldType::ObjectArray ||
        field.type == model::FieldType::Opaque) {
        return false;
    }
    if (field.type == model::FieldType::Object) {
        for (const model::FieldDef* child : model::childFields(field.pointer)) {
            if (child->required && child->defaultJson.empty()) {
                return false;
            }
        }
    }
    return true;
}

QString fieldKey(const model::FieldDef& field) {
    const std::string_view pointer = field.pointer;
    const std::string_view key = pointer.substr(pointer.rfind('/') + 1);
    return QString::fromUtf8(key.data(), static_cast<qsizetype>(key.size()));
}

QString docText(const model::FieldDef& field) {
    return QString::fromUtf8(field.doc.data(), static_cast<qsizetype>(field.doc.size()));
}

/// The default of a field in the open document: a design-dependent default (the UPS losses
/// follow the UPS mode) is the one for the document's design.
std::optional<Json> documentDefault(const model::FieldDef& field, const Json& document) {
    const auto found = model::fieldDefault(
        field, field.rule ? nlohmann::json::parse(document.dump()) : nlohmann::json());
    if (!found) {
        return std::nullopt;
    }
    return Json::parse(found->json);
}

/// What an added field starts as: its default; a section holds its required members'
/// defaults; without a default, nothing (the user types the value).
std::optional<Json> initialValue(const model::FieldDef& field, const Json& document) {
    if (field.type == model::FieldType::Object) {
        Json object = Json::object();
        for (const model::FieldDef* child : model::childFields(field.pointer)) {
            if (child->required) {
                object[fieldKey(*child).toStdString()] = Json::parse(child->defaultJson);
            }
        }
        return object;
    }
    return documentDefault(field, document);
}

/// The empty entry of a field added without a default: the JSON kind its widget edits.
Json emptyValue(const model::FieldDef& field) {
    switch (field.type) {
    case model::FieldType::Boolean:
        return false;
    case model::FieldType::Number:
    case model::FieldType::Integer:
    case model::FieldType::QuantityList:
    case model::FieldType::CountOrFill:
        return nullptr;
    default:
        return "";
    }
}

EntryKind entryKind(model::FieldType type, const Json& value) {
    switch (type) {
    case model::FieldType::CountOrFill:
        return EntryKind::CountOrFill;
    case model::FieldType::Integer:
        return EntryKind::Integer;
    case model::FieldType::Number:
        return EntryKind::Number;
    case model::FieldType::Ratio: // "3:1" or 3
        return EntryKind::NumberOrText;
    case model::FieldType::QuantityList:
        return EntryKind::Json;
    default:
        break;
    }
    if (value.is_string()) {
        return EntryKind::Text;
    }
    if (value.is_number_integer()) {
        return EntryKind::Integer;
    }
    return value.is_number() ? EntryKind::Number : EntryKind::Json;
}

/// The JSON value an entry's text stands for, or the message saying what was expected.
std::pair<std::optional<Json>, QString> parseEntryText(EntryKind kind, const QString& text) {
    const auto got = [&text](const QString& expected) {
        return std::pair<std::optional<Json>, QString>{
            std::nullopt, PropertyEditor::tr("expected %1, got \"%2\"").arg(expected, text)};
    };
    if (kind == EntryKind::Text) {
        return {Json(text.toStdString()), QString()};
    }
    if (kind == EntryKind::CountOrFill && text.compare("fill", Qt::CaseInsensitive) == 0) {
        return {Json("fill"), QString()};
    }
    const std::optional<Json> parsed = parseJsonValue(text.toStdString());
    switch (kind) {
    case EntryKind::CountOrFill:
        if (parsed && parsed->is_number_integer()) {
            return {parsed, QString()};
        }
        return got(PropertyEditor::tr("a whole number or \"fill\""));
    case EntryKind::Integer:
        if (parsed && parsed->is_number_integer()) {
            return {parsed, QString()};
        }
        return got(PropertyEditor::tr("a whole number"));
    case EntryKind::Number:
        if (parsed && parsed->is_number()) {
            return {parsed, QString()};
        }
        return got(PropertyEditor::tr("a number"));
    case EntryKind::NumberOrText:
        if (parsed && parsed->is_number()) {
            return {parsed, QString()};
        }
        return {Json(text.toStdString()), QString()};
    default:
        if (parsed) {
            return {parsed, QString()};
        }
        return got(PropertyEditor::tr("a JSON list"));
    }
}

} // namespace headroom::ui::field_values
