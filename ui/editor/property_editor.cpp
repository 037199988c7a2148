#include "ui/editor/property_editor.h"

#include "model/bibliography/bibliography.h"
#include "model/catalog/catalog.h"
#include "model/site/site_fields.h"
#include "ui/editor/field_values.h"
#include "ui/editor/quantity_field.h"
#include "ui/editor/site_tree.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QToolButton>
#include <QVBoxLayout>

namespace headroom::ui {

using namespace field_values;

namespace {

/// The item role of a catalog chooser's entry's figures, without their sources.
constexpr int kFiguresRole = Qt::UserRole + 1;

/// A catalog entry's figures, one a line: "Peak power: 500 W [O]" and the figure's source.
QStringList catalogFigureLines(const nlohmann::json& entry, bool withSources) {
    QStringList lines;
    for (const auto& [key, figure] : entry.items()) {
        if (!figure.is_object() || !figure.contains("value")) {
            continue;
        }
        const auto& value = figure["value"];
        QString line =
            labelForKey(QString::fromStdString(key)) + QStringLiteral(": ") +
            QString::fromStdString(value.is_string() ? value.get<std::string>() : value.dump());
        if (withSources) {
            line += QStringLiteral(" [%1] %2")
                        .arg(QString::fromStdString(figure.value("confidence", std::string("I"))),
                             QString::fromStdString(figure.value("source", std::string())));
        }
        lines << line;
    }
    return lines;
}

/// Shows a catalog chooser's current entry's figures in the label beside it.
void showCatalogFigures(QComboBox* box) {
    if (auto* figures = box->parentWidget()
                            ? box->parentWidget()->findChild<QLabel*>("catalogFigures")
                            : nullptr) {
        figures->setText(box->currentData(kFiguresRole).toString());
        figures->setToolTip(box->currentData(Qt::ToolTipRole).toString());
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

QString PropertyEditor::pointerAt(const QWidget* widget) const {
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        if (it.value() && widget && (it.value() == widget || it.value()->isAncestorOf(widget))) {
            return it.key();
        }
    }
    return {};
}

void PropertyEditor::rebuild() {
    for (auto it = m_invalid.cbegin(); it != m_invalid.cend(); ++it) {
        emit entryValidity(it.key(), QString());
    }
    m_invalid.clear();
    m_fields.clear();
    m_entries.clear();
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
    QWidget* row = nullptr; // what the form shows, when more than the entry (a Browse button)
    const QStringList choices = choicesForField(pointer);
    const model::FieldDef* definition = fieldDefinition(pointer);
    const model::FieldType type = definition ? definition->type : model::FieldType::Opaque;
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
    } else if (type == model::FieldType::CatalogId && value.is_string()) {
        auto* box = qobject_cast<QComboBox*>(
            catalogChooser(pointer, *definition, value.get<std::string>()));
        // Under the chooser, the chosen entry's figures; their sources in its tooltip.
        auto* figures = new QLabel;
        figures->setObjectName("catalogFigures");
        figures->setWordWrap(true);
        figures->setForegroundRole(QPalette::PlaceholderText);
        row = new QWidget;
        auto* column = new QVBoxLayout(row);
        column->setContentsMargins(0, 0, 0, 0);
        column->addWidget(box);
        column->addWidget(figures);
        showCatalogFigures(box);
        widget = box;
    } else if (value.is_string() && !choices.isEmpty()) {
        auto* box = new QComboBox;
        const QString current = QString::fromStdString(value.get<std::string>());
        box->addItems(choices);
        // Each choice's words (a design's full name) where the table gives them.
        const std::vector<model::EnumChoice>& defined = fieldDefinition(pointer)->choices;
        for (int i = 0; i < box->count(); ++i) {
            const std::string_view label = defined[static_cast<std::size_t>(i)].label;
            if (!label.empty()) {
                box->setItemData(
                    i, QString::fromUtf8(label.data(), static_cast<qsizetype>(label.size())),
                    Qt::ToolTipRole);
            }
        }
        if (!choices.contains(current)) {
            box->addItem(current);
        }
        box->setCurrentText(current);
        connect(box, &QComboBox::textActivated, this,
                [this, pointer](const QString& text) { commit(pointer, text.toStdString()); });
        widget = box;
    } else if (type != model::FieldType::CountOrFill && value.is_string() &&
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
        connect(field, &QuantityField::committed, this, [this, pointer](const QString& text) {
            setInvalid(pointer, QString());
            commit(pointer, text.toStdString());
        });
        // Each valid keystroke reaches the document, which folds the burst into one edit;
        // the run follows 150 ms after the last one (SimulationRunner's debounce).
        connect(field, &QuantityField::typed, this, [this, pointer](const QString& text) {
            setInvalid(pointer, QString());
            commitTyped(pointer, text.toStdString());
        });
        connect(field->valueEdit(), &QLineEdit::textEdited, this,
                [this, pointer, field] { setInvalid(pointer, field->error()); });
        // Finished invalid (the field has validated it by now): what the burst applied goes.
        connect(field->valueEdit(), &QLineEdit::editingFinished, this, [this, pointer, field] {
            if (!field->error().isEmpty()) {
                abandonTyping(pointer);
            }
        });
        m_entries.insert(pointer, [field]() -> std::optional<Json> {
            return field->error().isEmpty() ? std::optional<Json>(field->text().toStdString())
                                            : std::nullopt;
        });
        widget = field;
    } else if (value.is_string() || value.is_number() || value.is_array() || value.is_null()) {
        auto* edit =
            new QLineEdit(value.is_null()     ? QString()
                          : value.is_string() ? QString::fromStdString(value.get<std::string>())
                                              : QString::fromStdString(value.dump()));
        const EntryKind kind = entryKind(type, value);
        if (kind == EntryKind::CountOrFill) {
            edit->setPlaceholderText(tr("a whole number, or fill"));
        }
        // The entry as the document would hold it, or the message saying why it cannot.
        auto parseEntry = [this, pointer, edit, kind]() -> std::pair<std::optional<Json>, QString> {
            const QString text = edit->text().trimmed();
            const auto parsed = parseEntryText(kind, text);
            if (!parsed.first) {
                return parsed;
            }
            if (const auto checked = check(pointer, *parsed.first)) {
                return {std::nullopt, *checked};
            }
            return parsed;
        };
        auto validate = [this, pointer, edit, parseEntry]() -> std::optional<Json> {
            if (edit->text().isEmpty() && m_pending.contains(pointer)) {
                return std::nullopt; // an added field joins the document with its first value
            }
            const auto [candidate, message] = parseEntry();
            markLineEdit(edit, message);
            setInvalid(pointer, message);
            return candidate;
        };
        connect(edit, &QLineEdit::textEdited, this, [this, pointer, validate] {
            if (const auto candidate = validate()) {
                commitTyped(pointer, *candidate);
            }
        });
        connect(edit, &QLineEdit::editingFinished, this, [this, pointer, validate] {
            if (const auto candidate = validate()) {
                commit(pointer, *candidate);
            } else {
                abandonTyping(pointer);
            }
        });
        m_entries.insert(pointer, [parseEntry] { return parseEntry().first; });
        widget = edit;
        if (type == model::FieldType::Path) {
            row = withBrowseButton(pointer, edit);
        }
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
    form->addRow(label, row ? row : widget);
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
    if (pointer == m_holding) {
        return;
    }
    const Json value = m_document->value(pointer);
    const QSignalBlocker blocker(widget);
    setInvalid(pointer, QString());
    // An entry being typed already says what the document holds: leave its text and cursor.
    if (const auto entry = m_entries.value(pointer); entry && entry() == value) {
        if (auto* edit = qobject_cast<QLineEdit*>(widget)) {
            markLineEdit(edit, QString());
        }
        return;
    }
    if (auto* field = qobject_cast<QuantityField*>(widget); field && value.is_string()) {
        field->setText(QString::fromStdString(value.get<std::string>()));
    } else if (auto* box = qobject_cast<QCheckBox*>(widget); box && value.is_boolean()) {
        box->setChecked(value.get<bool>());
    } else if (auto* combo = qobject_cast<QComboBox*>(widget); combo && value.is_string()) {
        const QString text = QString::fromStdString(value.get<std::string>());
        if (const int index = combo->findData(text); index >= 0) { // a catalog chooser
            combo->setCurrentIndex(index);
            showCatalogFigures(combo);
        } else if (combo->itemData(0).isValid()) {
            rebuild(); // an id the chooser lacks: it shows it as not in the catalog
        } else {
            combo->setCurrentText(text);
        }
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

void PropertyEditor::abandonTyping(const QString& pointer) {
    // The document goes back to its value before the typing; the invalid entry stays on
    // screen, marked, for the user to correct.
    m_holding = pointer;
    m_document->abandonTyping(pointer);
    m_holding.clear();
}

void PropertyEditor::commitTyped(const QString& pointer, const Json& value) {
    m_pending.removeAll(pointer);
    m_document->setTypedValue(pointer, value);
}

QWidget* PropertyEditor::catalogChooser(const QString& pointer, const model::FieldDef& field,
                                        const std::string& current) {
    auto* box = new QComboBox;
    const model::Catalog& catalog = model::Catalog::builtin();
    for (const auto& [group, id] : catalog.listing()) {
        if (group != field.catalogGroup) {
            continue;
        }
        const nlohmann::json& entry = *catalog.entry(id);
        box->addItem(QStringLiteral("%1 — %2").arg(
                         QString::fromStdString(id),
                         QString::fromStdString(entry.value("name", std::string()))),
                     QString::fromStdString(id));
        box->setItemData(box->count() - 1, catalogFigureLines(entry, true).join('\n'),
                         Qt::ToolTipRole);
        box->setItemData(box->count() - 1,
                         catalogFigureLines(entry, false).join(QStringLiteral(" · ")),
                         kFiguresRole);
    }
    const QString id = QString::fromStdString(current);
    if (box->findData(id) < 0) {
        box->addItem(tr("%1 (not in the catalog)").arg(id), id);
    }
    box->setCurrentIndex(box->findData(id));
    connect(box, &QComboBox::activated, this, [this, pointer, box](int index) {
        showCatalogFigures(box);
        commit(pointer, box->itemData(index).toString().toStdString());
    });
    return box;
}

QWidget* PropertyEditor::withBrowseButton(const QString& pointer, QLineEdit* edit) {
    auto* row = new QWidget;
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    auto* browse = new QToolButton;
    browse->setObjectName("browse");
    browse->setText(tr("Browse…"));
    browse->setToolTip(tr("Pick the file; it is written relative to the site file."));
    layout->addWidget(browse);
    connect(browse, &QToolButton::clicked, this, [this, pointer, edit] {
        const QString siteFile = m_document->filePath();
        const QDir folder = siteFile.isEmpty() ? QDir::home() : QFileInfo(siteFile).dir();
        const QString picked =
            m_filePicker ? m_filePicker(pointer, folder.path())
                         : QFileDialog::getOpenFileName(this, tr("Choose File"), folder.path());
        if (picked.isEmpty()) {
            return;
        }
        // Paths inside a site file are relative to it (an untitled site keeps it absolute).
        edit->setText(siteFile.isEmpty() ? QFileInfo(picked).absoluteFilePath()
                                         : folder.relativeFilePath(picked));
        emit edit->editingFinished();
    });
    return row;
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
