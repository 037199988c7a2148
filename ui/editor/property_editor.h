#pragma once
// The fields of one site object (the section selected in the site tree) as a form:
// unit-aware quantity fields, numbers, switches, choices and text. Every finished,
// valid entry becomes one undoable SiteDocument edit; an invalid one stays on screen
// marked with its diagnostic.

#include "ui/document/site_document.h"

#include <QHash>
#include <QPointer>
#include <QScrollArea>
#include <QToolButton>

#include <functional>
#include <optional>

class QFormLayout;
class QLineEdit;

namespace headroom::model {
struct FieldDef;
}

namespace headroom::ui {

class PropertyEditor : public QScrollArea {
    Q_OBJECT

public:
    /// A check of a candidate value at a pointer, beyond syntax and dimension (ranges,
    /// catalog ids): returns the diagnostic message when the value is not acceptable.
    using Check = std::function<std::optional<QString>(const QString& pointer, const Json& value)>;

    explicit PropertyEditor(SiteDocument* document, QWidget* parent = nullptr);

    void setCheck(Check check) { m_check = std::move(check); }
    /// Picks a file for a file-valued field (a dialog by default): pointer and the folder
    /// to start in; returns the chosen path or an empty string.
    using FilePicker = std::function<QString(const QString& pointer, const QString& folder)>;
    void setFilePicker(FilePicker picker) { m_filePicker = std::move(picker); }
    /// Shows the fields of the object at pointer ("" is the site's top level).
    void showObject(const QString& pointer);
    QString objectPointer() const { return m_pointer; }
    /// The editing widget of the field at pointer (a QuantityField, QLineEdit, ...), or null.
    QWidget* fieldWidget(const QString& pointer) const;
    /// The pointer of the field whose entry holds widget (the focus, for F1), or "".
    QString pointerAt(const QWidget* widget) const;
    /// The pointers shown, in order.
    QStringList fieldPointers() const { return m_order; }
    /// Every field currently holding an invalid entry, with its message.
    QHash<QString, QString> invalidEntries() const { return m_invalid; }

    /// Keys of the optional fields (site_fields.h) the shown object lacks, in table order.
    QStringList absentOptionalFields() const;
    /// Keys of the optional fields the shown object has, in table order.
    QStringList presentOptionalFields() const;
    /// Adds an absent optional field to the shown object. With a documented default it is
    /// one undoable edit at once; without one, an empty entry appears and the field joins
    /// the document, as one undoable edit, when a valid value is typed into it.
    void addOptionalField(const QString& key);
    /// Removes an optional field from the shown object, as one undoable edit.
    void removeOptionalField(const QString& key);
    /// The "Add Field" and "Remove Field" buttons; their menus list the fields above.
    QToolButton* addFieldButton() const { return m_addButton; }
    QToolButton* removeFieldButton() const { return m_removeButton; }

signals:
    /// A field's entry became invalid (message) or valid again (empty message).
    void entryValidity(const QString& pointer, const QString& message);

private:
    void rebuild();
    /// The Add and Remove menus' tooltips: each field's documentation and its default in
    /// the open site.
    void updateFieldTips();
    void addField(QFormLayout* form, const QString& key, const QString& pointer, const Json& value,
                  const QString& source);
    void addFieldButtons(QFormLayout* form);
    /// A chooser of the catalog's entries of a CatalogId field, each with its figures and
    /// their sources.
    QWidget* catalogChooser(const QString& pointer, const model::FieldDef& field,
                            const std::string& current);
    /// A file-valued field's entry with a Browse button beside it.
    QWidget* withBrowseButton(const QString& pointer, QLineEdit* edit);
    void refreshField(const QString& pointer);
    /// A finished entry: one undoable edit.
    void commit(const QString& pointer, const Json& value);
    /// An entry still being typed: merges with the burst's earlier values into one edit.
    void commitTyped(const QString& pointer, const Json& value);
    /// An entry finished invalid: what its keystrokes applied is taken out again.
    void abandonTyping(const QString& pointer);
    std::optional<QString> check(const QString& pointer, const Json& value) const;
    void setInvalid(const QString& pointer, const QString& message);

    SiteDocument* m_document;
    QString m_pointer;
    QHash<QString, QPointer<QWidget>> m_fields;
    QStringList m_order;
    QHash<QString, QString> m_invalid;
    Check m_check;
    QString m_holding; ///< the invalid entry a refresh must leave as typed
    FilePicker m_filePicker;
    /// What each text entry currently reads as (nothing while invalid), so a refresh does
    /// not rewrite an entry that already says what the document holds.
    QHash<QString, std::function<std::optional<Json>()>> m_entries;
    /// Fields added without a default, shown empty until a value is typed.
    QStringList m_pending;
    QPointer<QToolButton> m_addButton;
    QPointer<QToolButton> m_removeButton;
};

/// The field-table pattern of a pointer: array indices become "*".
QString fieldPattern(const QString& pointer);
/// Choices of an enumerated field, from the site reader's field table.
QStringList choicesForField(const QString& pointer);

} // namespace headroom::ui
