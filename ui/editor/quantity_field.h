#pragma once
// A unit-aware entry: a number, and a unit picked from those of the field's dimension.
// The text is checked as it is typed (units::parseAnyQuantity, then the dimension the
// field expects, then an optional check by the caller); an invalid entry stays on screen,
// marked with its diagnostic, and is never committed nor silently dropped.

#include "model/units/quantity_parser.h"

#include <QString>
#include <QWidget>

#include <functional>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;

namespace headroom::ui {

/// Units offered for a dimension, most common first.
QStringList unitsForDimension(const units::Dimension& dimension, units::TemperatureReading reading);
/// Converts value from one unit to another of the same dimension (handles degC/degF offsets).
std::optional<double> convertUnit(double value, const QString& from, const QString& to);
/// Lets Ctrl+Z and Ctrl+Shift+Z in edit reach the document's undo stack instead of the
/// line edit's own text history: an entry is committed on Enter, so undo means the edit.
void routeUndoToDocument(QLineEdit* edit);
/// Splits "27 degC" into its number and unit texts.
std::pair<QString, QString> splitQuantity(const QString& text);

class QuantityField : public QWidget {
    Q_OBJECT

public:
    /// Extra check of a complete, dimension-correct text; returns a message when it fails.
    using Check = std::function<std::optional<QString>(const QString& text)>;

    /// expected: the dimension of text (the field's current value).
    QuantityField(const QString& text, QWidget* parent = nullptr);

    void setCheck(Check check) { m_check = std::move(check); }
    /// What the field must hold, by example ("27 degC"): its dimension and, for
    /// temperatures, whether a point or a difference. Defaults to the initial text's.
    void setExpected(const QString& example);
    /// Shows text (after an undo, say) without committing it.
    void setText(const QString& text);
    /// The quantity as it would be written to the file: "29 degC".
    QString text() const;
    /// The current diagnostic, empty when the entry is valid.
    QString error() const { return m_error; }
    QLineEdit* valueEdit() const { return m_value; }
    QComboBox* unitBox() const { return m_unit; }

signals:
    /// A valid entry was finished (Enter, focus out, unit change).
    void committed(const QString& text);
    /// A keystroke left a valid entry (the entry is still being typed).
    void typed(const QString& text);

private:
    bool validate();
    void finish();
    void unitChanged(int index);
    void showError(const QString& message);

    QLineEdit* m_value;
    QComboBox* m_unit;
    QLabel* m_message;
    units::Dimension m_dimension;
    units::TemperatureReading m_reading = units::TemperatureReading::NotTemperature;
    QString m_lastUnit;
    QString m_committed;
    QString m_example;
    QString m_error;
    Check m_check;
};

} // namespace headroom::ui
