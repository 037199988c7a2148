#include "ui/editor/property_editor.h"

#include "model/bibliography/bibliography.h"
#include "model/site/site_fields.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>

namespace headroom::ui {

namespace {

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

void markLineEdit(QLineEdit* edit, const QString& message) {
    edit->setToolTip(message);
    edit->setStyleSheet(message.isEmpty() ? QString()
                                          : QStringLiteral("QLineEdit { border: 2px solid "
                                                           "#c62828; }"));
}

} // namespace

QString fieldPattern(const QString& pointer) {
    QStringList tokens = pointer.split('/');
    for (QString& token : tokens) {
        bool index = false;
        token.toInt(&index);
        if (index) {
            token = QStringLiteral("*");
        }
    }
    return tokens.join('/');
}

const model::FieldDef* fieldDefinition(const QString& pointer) {
    return model::findSiteField(fieldPattern(pointer).toStdString());
}

QStringList choicesForField(const QString& pointer) {
    QStringList choices;
    if (const model::FieldDef* def = fieldDefinition(pointer);
        def && def->type == model::FieldType::Enum) {
        for (const model::EnumChoice& choice : def->choices) {
            choices << QString::fromUtf8(choice.name.data(),
                                         static_cast<qsizetype>(choice.name.size()));
        }
    }
    return choices;
}

PropertyEditor::PropertyEditor(SiteDocument* document, QWidget* parent)
    : QScrollArea(parent)
    , m_document(document) {
    setObjectName("propertyEditor");
    setWidgetResizable(true);
    connect(m_document, &SiteDocument::documentReset, this, [this] {
        m_pending.clear();
        rebuild();
    });
    connect(m_document, &SiteDocument::valueChanged, this, [this](const QString& pointer) {
        if (m_fields.contains(pointer)) {
            refreshField(pointer);
            updateFieldTips(); // a default may follow the value that changed (the UPS mode)
        } else if (pointer == m_pointer || pointer.startsWith(m_pointer + '/')) {
            rebuild();
        }
    });
    rebuild();
}

void PropertyEditor::showObject(const QString& pointer) {
    if (pointer != m_pointer) {
        m_pending.clear();
    }
    m_pointer = pointer;
    rebuild();
}

QStringList PropertyEditor::absentOptionalFields() const {
    QStringList keys;
    const Json object = m_pointer.isEmpty() ? m_document->json() : m_document->value(m_pointer);
    if (!object.is_object()) {
        return keys;
    }
    for (const model::FieldDef* field : model::childFields(fieldPattern(m_pointer).toStdString())) {
        const QString key = fieldKey(*field);
        if (isAddable(*field) && !object.contains(key.toStdString()) &&
            !m_pending.contains(m_pointer + '/' + escapePointerToken(key))) {
            keys << key;
        }
    }
    return keys;
}

QStringList PropertyEditor::presentOptionalFields() const {
    QStringList keys;
    const Json object = m_pointer.isEmpty() ? m_document->json() : m_document->value(m_pointer);
    for (const model::FieldDef* field : model::childFields(fieldPattern(m_pointer).toStdString())) {
        const QString key = fieldKey(*field);
        if (isAddable(*field) && ((object.is_object() && object.contains(key.toStdString())) ||
                                  m_pending.contains(m_pointer + '/' + escapePointerToken(key)))) {
            keys << key;
        }
    }
    return keys;
}

void PropertyEditor::addOptionalField(const QString& key) {
    if (!absentOptionalFields().contains(key)) {
        return;
    }
    const QString pointer = m_pointer + '/' + escapePointerToken(key);
    const model::FieldDef* field = fieldDefinition(pointer);
    if (!field) {
        return;
    }
    if (const auto initial = initialValue(*field, m_document->json())) {
        m_document->setValue(pointer, *initial); // the rebuild shows it
    } else {
        m_pending << pointer;
        rebuild();
    }
    // The new entry takes the focus, ready for its value.
    QWidget* widget = fieldWidget(pointer);
    if (auto* quantity = qobject_cast<QuantityField*>(widget)) {
        widget = quantity->valueEdit();
    }
    if (widget) {
        ensureWidgetVisible(widget);
        widget->setFocus();
    }
}

void PropertyEditor::removeOptionalField(const QString& key) {
    if (!presentOptionalFields().contains(key)) {
        return;
    }
    const QString pointer = m_pointer + '/' + escapePointerToken(key);
    if (m_pending.removeAll(pointer) > 0) {
        rebuild();
    } else {
        m_document->removeValue(pointer);
    }
}

void PropertyEditor::addFieldButtons(QFormLayout* form) {
    const QStringList absent = absentOptionalFields();
    const QStringList present = presentOptionalFields();
    if (absent.isEmpty() && present.isEmpty()) {
        return;
    }
    const auto makeButton = [&](const QString& text, const QString& name, const QStringList& keys,
                                void (PropertyEditor::*act)(const QString&)) {
        auto* button = new QToolButton;
        button->setObjectName(name);
        button->setText(text);
        button->setPopupMode(QToolButton::InstantPopup);
        button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        auto* menu = new QMenu(button);
        for (const QString& key : keys) {
            QAction* action = menu->addAction(labelForKey(key));
            action->setData(key);
            connect(action, &QAction::triggered, this, [this, key, act] { (this->*act)(key); });
        }
        menu->setToolTipsVisible(true);
        button->setMenu(menu);
        button->setEnabled(!keys.isEmpty());
        return button;
    };
    m_addButton =
        makeButton(tr("Add Field"), "addField", absent, &PropertyEditor::addOptionalField);
    m_removeButton = makeButton(tr("Remove Field"), "removeField", present,
                                &PropertyEditor::removeOptionalField);
    updateFieldTips();
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_addButton);
    layout->addWidget(m_removeButton);
    layout->addStretch(1);
    form->addRow(row);
}

void PropertyEditor::updateFieldTips() {
    const QString pattern = fieldPattern(m_pointer);
    for (QToolButton* button : {m_addButton.data(), m_removeButton.data()}) {
        if (!button || !button->menu()) {
            continue;
        }
        for (QAction* action : button->menu()->actions()) {
            const model::FieldDef* field =
                model::findSiteField((pattern + '/' + action->data().toString()).toStdString());
            if (!field) {
                continue;
            }
            QString tip = docText(*field);
            if (const auto initial = documentDefault(*field, m_document->json())) {
                tip += '\n' + tr("Default: %1").arg(QString::fromStdString(initial->dump()));
            }
            action->setToolTip(tip);
            action->setStatusTip(tip);
        }
    }
}

QWidget* PropertyEditor::fieldWidget(const QString& pointer) const {
    return m_fields.value(pointer);
}

void PropertyEditor::rebuild() {
    for (auto it = m_invalid.cbegin(); it != m_invalid.cend(); ++it) {
        emit entryValidity(it.key(), QString());
    }
    m_invalid.clear();
    m_fields.clear();
    m_order.clear();
    auto* page = new QWidget;
    auto* form = new QFormLayout(page);
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    const Json object = m_document->value(m_pointer);
    const Json& shown = m_pointer.isEmpty() ? m_document->json() : object;
    addFieldButtons(form);
    if (shown.is_object()) {
        for (const auto& [key, value] : shown.items()) {
            const QString name = QString::fromStdString(key);
            const QString pointer = m_pointer + '/' + escapePointerToken(name);
            // The format version is the reader's business, not an editable field.
            if (SiteTree::isSection(value) || pointer == "/format") {
                continue;
            }
            if (value.is_object()) { // {"value": ..., "source": ...}
                const QString source = QString::fromStdString(value.value("source", ""));
                addField(form, name, pointer + "/value", value["value"], source);
            } else {
                // A sibling "source" object names where each field's figure comes from.
                QString source;
                if (const auto sources = shown.find("source");
                    sources != shown.end() && sources->is_object()) {
                    const auto it = sources->find(key);
                    if (it != sources->end() && it->is_string()) {
                        source = QString::fromStdString(it->get<std::string>());
                    }
                }
                addField(form, name, pointer, value, source);
            }
        }
    }
    // Fields added without a default wait, empty, for their value.
    for (const QString& pointer : QStringList(m_pending)) {
        const model::FieldDef* field = fieldDefinition(pointer);
        if (m_document->contains(pointer) || !field) {
            m_pending.removeAll(pointer);
            continue;
        }
        addField(form, fieldKey(*field), pointer, emptyValue(*field), QString());
    }
    if (m_order.isEmpty()) {
        form->addRow(new QLabel(tr("This section has no fields of its own; pick one below it.")));
    }
    // The old page goes later: the rebuild may run inside a signal of one of its widgets
    // (an Add Field menu entry, a combo box), which must outlive its own emission.
    // Its entries no longer speak for the document: hiding one takes its focus, and a
    // focus-out must not commit the text it held (an undone addition would come back).
    if (QWidget* old = widget()) {
        for (QObject* child : old->findChildren<QObject*>()) {
            QObject::disconnect(child, nullptr, this, nullptr);
        }
        takeWidget();
        old->deleteLater();
    }
    setWidget(page);
}

void PropertyEditor::addField(QFormLayout* form, const QString& key, const QString& pointer,
                              const Json& value, const QString& source) {
    QWidget* widget = nullptr;
    const QStringList choices = choicesForField(pointer);
    const model::FieldDef* definition = fieldDefinition(pointer);
    // Qt lays out a line edit's whole text: a 10 MB string took seconds and a gigabyte.
    // No real value is that long (a source note is a paragraph); such a one is shown by
    // its size and left to a text editor.
    constexpr std::size_t kLongestEditedText = 64 * 1024;
    if (value.is_string() && value.get_ref<const std::string&>().size() > kLongestEditedText) {
        auto* label = new QLabel(tr("(%1 bytes: too long to edit here)")
                                     .arg(value.get_ref<const std::string&>().size()));
        label->setEnabled(false);
        widget = label;
    } else if (value.is_boolean()) {
        auto* box = new QCheckBox;
        box->setChecked(value.get<bool>());
        connect(box, &QCheckBox::toggled, this, [this, pointer](bool on) { commit(pointer, on); });
        widget = box;
    } else if (value.is_string() && !choices.isEmpty()) {
        auto* box = new QComboBox;
        const QString current = QString::fromStdString(value.get<std::string>());
        box->addItems(choices);
        if (!choices.contains(current)) {
            box->addItem(current);
        }
        box->setCurrentText(current);
        connect(box, &QComboBox::textActivated, this,
                [this, pointer](const QString& text) { commit(pointer, text.toStdString()); });
        widget = box;
    } else if (value.is_string() &&
               (isQuantityText(value.get<std::string>()) ||
                (definition && (definition->type == model::FieldType::Quantity ||
                                (definition->type == model::FieldType::Series &&
                                 definition->quantity != model::QuantityKind::None))))) {
        auto* field = new QuantityField(QString::fromStdString(value.get<std::string>()));
        if (definition && definition->quantity != model::QuantityKind::None) {
            // The field table, not the current text, says what the field must hold.
            field->setExpected(
                QString::fromLatin1(model::quantityKindInfo(definition->quantity).example));
        }
        field->setCheck([this, pointer](const QString& text) {
            return check(pointer, Json(text.toStdString()));
        });
        connect(field, &QuantityField::committed, this, [this, pointer, field](const QString& t) {
            setInvalid(pointer, QString());
            commit(pointer, t.toStdString());
            (void)field;
        });
        connect(field->valueEdit(), &QLineEdit::textEdited, this,
                [this, pointer, field] { setInvalid(pointer, field->error()); });
        widget = field;
    } else if (value.is_string()) {
        auto* edit = new QLineEdit(QString::fromStdString(value.get<std::string>()));
        connect(edit, &QLineEdit::editingFinished, this, [this, pointer, edit] {
            if (edit->text().isEmpty() && m_pending.contains(pointer)) {
                return; // an added field joins the document with its first value
            }
            const Json candidate = edit->text().toStdString();
            const auto message = check(pointer, candidate);
            markLineEdit(edit, message.value_or(QString()));
            setInvalid(pointer, message.value_or(QString()));
            if (!message) {
                commit(pointer, candidate);
            }
        });
        widget = edit;
    } else if (value.is_number() || value.is_array() || value.is_null()) {
        // Numbers and short lists (efficiency curves, month-by-hour tables) as JSON text.
        // An added number without a default starts empty; the field table says its kind.
        auto* edit =
            new QLineEdit(value.is_null() ? QString() : QString::fromStdString(value.dump()));
        const bool integer =
            value.is_number_integer() ||
            (value.is_null() && definition && definition->type == model::FieldType::Integer);
        const bool number = value.is_number() || (value.is_null() && definition &&
                                                  (definition->type == model::FieldType::Integer ||
                                                   definition->type == model::FieldType::Number));
        auto validateText = [this, pointer, edit, integer, number]() -> std::optional<Json> {
            const std::string text = edit->text().trimmed().toStdString();
            const std::optional<Json> parsed = parseJsonValue(text);
            const Json candidate = parsed.value_or(Json());
            QString message;
            if (!parsed) {
                message = number ? tr("expected a number, got \"%1\"").arg(edit->text())
                                 : tr("expected a JSON list, got \"%1\"").arg(edit->text());
            } else if (integer && !candidate.is_number_integer()) {
                message = tr("expected a whole number, got \"%1\"").arg(edit->text());
            } else if (number && !candidate.is_number()) {
                message = tr("expected a number, got \"%1\"").arg(edit->text());
            } else if (const auto checked = check(pointer, candidate)) {
                message = *checked;
            }
            markLineEdit(edit, message);
            setInvalid(pointer, message);
            if (!message.isEmpty()) {
                return std::nullopt;
            }
            return candidate;
        };
        connect(edit, &QLineEdit::textEdited, this, [validateText] { validateText(); });
        connect(edit, &QLineEdit::editingFinished, this, [this, pointer, edit, validateText] {
            if (edit->text().isEmpty() && m_pending.contains(pointer)) {
                return; // an added field joins the document with its first value
            }
            if (const auto candidate = validateText()) {
                commit(pointer, *candidate);
            }
        });
        widget = edit;
    }
    if (!widget) {
        return;
    }
    if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        routeUndoToDocument(edit);
    }
    widget->setObjectName(pointer);
    auto* label = new QLabel(labelForKey(key));
    QStringList tips;
    if (definition && !definition->doc.empty()) {
        tips << QString::fromUtf8(definition->doc.data(),
                                  static_cast<qsizetype>(definition->doc.size()));
    }
    if (!source.isEmpty()) {
        tips << tr("Source: %1").arg(source);
        label->setText(labelForKey(key) + QStringLiteral(" †"));
    }
    // The full reference of every work the documentation or the source cites.
    for (const auto& id : model::citedIds(tips.join('\n').toStdString())) {
        const std::string reference = model::Bibliography::builtin().format(id);
        tips << QStringLiteral("[%1] %2").arg(
            QString::fromStdString(id), reference.empty() ? tr("(not in Headroom's bibliography)")
                                                          : QString::fromStdString(reference));
    }
    label->setToolTip(tips.join('\n'));
    label->setBuddy(widget);
    form->addRow(label, widget);
    m_fields.insert(pointer, widget);
    m_order.append(pointer);
}

void PropertyEditor::refreshField(const QString& pointer) {
    QWidget* widget = m_fields.value(pointer);
    if (!widget) {
        return;
    }
    if (!m_document->contains(pointer) && !m_pending.contains(pointer)) {
        rebuild(); // the field was taken out (an undone addition, a removal)
        return;
    }
    const Json value = m_document->value(pointer);
    const QSignalBlocker blocker(widget);
    setInvalid(pointer, QString());
    if (auto* field = qobject_cast<QuantityField*>(widget); field && value.is_string()) {
        field->setText(QString::fromStdString(value.get<std::string>()));
    } else if (auto* box = qobject_cast<QCheckBox*>(widget); box && value.is_boolean()) {
        box->setChecked(value.get<bool>());
    } else if (auto* combo = qobject_cast<QComboBox*>(widget); combo && value.is_string()) {
        combo->setCurrentText(QString::fromStdString(value.get<std::string>()));
    } else if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
        edit->setText(value.is_string() ? QString::fromStdString(value.get<std::string>())
                                        : QString::fromStdString(value.dump()));
        markLineEdit(edit, QString());
    } else {
        rebuild(); // the value changed kind: build the form afresh
    }
}

void PropertyEditor::commit(const QString& pointer, const Json& value) {
    m_pending.removeAll(pointer); // from now on the document holds it, and undo removes it
    m_document->setValue(pointer, value);
}

std::optional<QString> PropertyEditor::check(const QString& pointer, const Json& value) const {
    return m_check ? m_check(pointer, value) : std::nullopt;
}

void PropertyEditor::setInvalid(const QString& pointer, const QString& message) {
    const QString previous = m_invalid.value(pointer);
    if (message.isEmpty()) {
        m_invalid.remove(pointer);
    } else {
        m_invalid.insert(pointer, message);
    }
    if (previous != message) {
        emit entryValidity(pointer, message);
    }
}

} // namespace headroom::ui
