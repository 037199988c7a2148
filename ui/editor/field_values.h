#pragma once

// What the property editor makes of a site field's value: whether it may be added, what it
// starts as, its key and documentation, and how a line edit's text reads as JSON. Widget-free,
// so the editor (property_editor.cpp) holds only widgets.

#include "model/site/site_fields.h"
#include "ui/document/site_document.h"

#include <QString>

#include <optional>
#include <string>
#include <utility>

namespace headroom::ui::field_values {

/// A string that reads as a quantity with a unit ("27 degC"), rather than a name.
bool isQuantityText(const std::string& text);

/// Whether the editor may add or remove the field: optional, a value or a section it can
/// fill (a section whose required members all have defaults), not an array or a blob.
bool isAddable(const model::FieldDef& field);

/// The field's own key: the last token of its pointer ("supply_air" of /cooling/supply_air).
QString fieldKey(const model::FieldDef& field);

/// The field table's documentation of the field.
QString docText(const model::FieldDef& field);

/// The default of a field in the open document: a design-dependent default (the UPS losses
/// follow the UPS mode) is the one for the document's design.
std::optional<Json> documentDefault(const model::FieldDef& field, const Json& document);

/// What an added field starts as: its default; a section holds its required members'
/// defaults; without a default, nothing (the user types the value).
std::optional<Json> initialValue(const model::FieldDef& field, const Json& document);

/// The empty entry of a field added without a default: the JSON kind its widget edits.
Json emptyValue(const model::FieldDef& field);

/// What a line edit's text reads as: the field table's kind first, the value's JSON kind
/// for a field the table does not know.
enum class EntryKind { Text, Integer, Number, CountOrFill, NumberOrText, Json };

EntryKind entryKind(model::FieldType type, const Json& value);

/// The JSON value an entry's text stands for, or the message saying what was expected.
std::pair<std::optional<Json>, QString> parseEntryText(EntryKind kind, const QString& text);

} // namespace headroom::ui::field_values
