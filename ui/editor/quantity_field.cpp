#include "ui/editor/quantity_field.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

#include <cmath>

namespace headroom::ui {

namespace {

using units::Dimension;
using units::TemperatureReading;

struct UnitChoice {
    Dimension dimension;
    TemperatureReading reading;
    QStringList units;
};

template <class Q> constexpr Dimension dimensionOf() {
    return units::QuantityTraits<Q>::dimension;
}

const std::vector<UnitChoice>& unitChoices() {
    using namespace units;
    static const std::vector<UnitChoice> choices = {
        {dimensionOf<Power>(), TemperatureReading::NotTemperature, {"MW", "kW", "W", "ton", "hp"}},
        {dimensionOf<Energy>(), TemperatureReading::NotTemperature, {"MWh", "kWh", "GWh", "MMBtu"}},
        {dimensionOf<Temperature>(), TemperatureReading::Absolute, {"degC", "degF"}},
        {dimensionOf<Temperature>(),
         TemperatureReading::Difference,
         {"K", "delta_degC", "delta_degF"}},
        {dimensionOf<Temperature>(), TemperatureReading::Either, {"K", "delta_degC", "delta_degF"}},
        {dimensionOf<Length>(), TemperatureReading::NotTemperature, {"m", "ft", "km", "mi"}},
        {dimensionOf<Area>(), TemperatureReading::NotTemperature, {"m2", "ft2", "ha", "acre"}},
        {dimensionOf<Volume>(),
         TemperatureReading::NotTemperature,
         {"m3", "L", "gal", "kgal", "ML"}},
        {dimensionOf<VolumeFlow>(),
         TemperatureReading::NotTemperature,
         {"m3/s", "L/s", "gal/min", "cfm"}},
        {dimensionOf<Mass>(), TemperatureReading::NotTemperature, {"kg", "t", "lb"}},
        {dimensionOf<Time>(), TemperatureReading::NotTemperature, {"h", "d", "min", "s", "ms"}},
        {dimensionOf<Pressure>(),
         TemperatureReading::NotTemperature,
         {"kW/(m3/s)", "W/(m3/s)", "Pa", "kPa", "inH2O", "psi"}},
        {dimensionOf<CarbonIntensity>(),
         TemperatureReading::NotTemperature,
         {"kg/kWh", "g/kWh", "lb/MWh", "t/MWh"}},
        {dimensionOf<WaterIntensity>(),
         TemperatureReading::NotTemperature,
         {"L/kWh", "gal/MWh", "m3/MWh"}},
        {dimensionOf<DataSize>(), TemperatureReading::NotTemperature, {"GiB", "GB", "TB", "TiB"}},
        {dimensionOf<DataRate>(),
         TemperatureReading::NotTemperature,
         {"TB/s", "GB/s", "Gbps", "Tbps"}},
        {dimensionOf<Operations>(), TemperatureReading::NotTemperature, {"FLOP", "PFLOP", "EFLOP"}},
        {dimensionOf<ComputeRate>(), TemperatureReading::NotTemperature, {"TFLOP/s", "PFLOP/s"}},
        {dimensionOf<Dimensionless>(), TemperatureReading::NotTemperature, {"%"}},
    };
    return choices;
}

QString formatNumber(double value) {
    // Six significant digits; no exponent for the numbers a planner writes.
    QString text = QString::number(value, 'g', 6);
    if (text.contains('e') && std::abs(value) < 1e15 && std::abs(value) >= 1e-4) {
        text = QString::number(value, 'f', 6);
        while (text.endsWith('0')) {
            text.chop(1);
        }
        if (text.endsWith('.')) {
            text.chop(1);
        }
    }
    return text;
}

class UndoRouter : public QObject {
public:
    using QObject::QObject;
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::ShortcutOverride) {
            auto* key = static_cast<QKeyEvent*>(event);
            if (key->matches(QKeySequence::Undo) || key->matches(QKeySequence::Redo)) {
                return true; // left unaccepted, so the window's Undo/Redo action fires
            }
        }
        return QObject::eventFilter(watched, event);
    }
};

} // namespace

void routeUndoToDocument(QLineEdit* edit) {
    edit->installEventFilter(new UndoRouter(edit));
}

QStringList unitsForDimension(const Dimension& dimension, TemperatureReading reading) {
    for (const auto& choice : unitChoices()) {
        if (choice.dimension == dimension &&
            (dimension.temperature == 0 || choice.reading == reading)) {
            return choice.units;
        }
    }
    return {};
}

std::optional<double> convertUnit(double value, const QString& from, const QString& to) {
    // SI = a*x + b for each unit; "0 u" gives b and "1 u" gives a + b.
    auto affine = [](const QString& unit) -> std::optional<std::pair<double, double>> {
        const auto zero = units::parseAnyQuantity(("0 " + unit).toStdString());
        const auto one = units::parseAnyQuantity(("1 " + unit).toStdString());
        if (!zero || !one) {
            return std::nullopt;
        }
        return std::pair{one.value->siValue - zero.value->siValue, zero.value->siValue};
    };
    const auto a = affine(from);
    const auto b = affine(to);
    if (!a || !b || b->first == 0.0) {
        return std::nullopt;
    }
    const double si = a->first * value + a->second;
    return (si - b->second) / b->first;
}

std::pair<QString, QString> splitQuantity(const QString& text) {
    const QString trimmed = text.trimmed();
    qsizetype i = 0;
    // A number: sign, digits, point, exponent.
    while (i < trimmed.size()) {
        const QChar c = trimmed[i];
        const bool exponentSign =
            (c == '+' || c == '-') && i > 0 && (trimmed[i - 1] == 'e' || trimmed[i - 1] == 'E');
        const bool exponent =
            (c == 'e' || c == 'E') && i > 0 && trimmed[i - 1].isDigit() && i + 1 < trimmed.size() &&
            (trimmed[i + 1].isDigit() || trimmed[i + 1] == '+' || trimmed[i + 1] == '-');
        if (c.isDigit() || c == '.' || ((c == '-' || c == '+') && i == 0) || exponentSign ||
            exponent) {
            ++i;
        } else {
            break;
        }
    }
    return {trimmed.left(i).trimmed(), trimmed.mid(i).trimmed()};
}

QuantityField::QuantityField(const QString& text, QWidget* parent)
    : QWidget(parent)
    , m_value(new QLineEdit(this))
    , m_unit(new QComboBox(this))
    , m_message(new QLabel(this)) {
    const auto [number, unit] = splitQuantity(text);
    if (const auto parsed = units::parseAnyQuantity(text.toStdString())) {
        m_dimension = parsed.value->dimension;
        m_reading = parsed.value->temperature;
    }
    QStringList unitList = unitsForDimension(m_dimension, m_reading);
    if (!unit.isEmpty() && !unitList.contains(unit)) {
        unitList.prepend(unit); // the user's own spelling ("gpm", "°C") stays on offer
    }
    m_unit->addItems(unitList);
    m_unit->setCurrentText(unit);
    m_value->setText(number);
    m_lastUnit = unit;
    m_committed = text.trimmed();

    m_message->setObjectName("diagnostic");
    m_message->setWordWrap(true);
    m_message->setVisible(false);
    QPalette palette = m_message->palette();
    palette.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_message->setPalette(palette);

    auto* row = new QHBoxLayout;
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_value, 1);
    row->addWidget(m_unit);
    auto* column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    column->setSpacing(2);
    column->addLayout(row);
    column->addWidget(m_message);

    routeUndoToDocument(m_value);
    connect(m_value, &QLineEdit::textEdited, this, [this] {
        if (validate()) {
            emit typed(this->text());
        }
    });
    connect(m_value, &QLineEdit::editingFinished, this, &QuantityField::finish);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &QuantityField::unitChanged);
}

void QuantityField::setExpected(const QString& example) {
    const auto parsed = units::parseAnyQuantity(example.toStdString());
    if (!parsed) {
        return;
    }
    m_dimension = parsed.value->dimension;
    m_reading = parsed.value->temperature;
    m_example = example;
    const QString current = m_unit->currentText();
    const QSignalBlocker blocker(m_unit);
    m_unit->clear();
    QStringList unitList = unitsForDimension(m_dimension, m_reading);
    if (!current.isEmpty() && !unitList.contains(current)) {
        unitList.prepend(current);
    }
    m_unit->addItems(unitList);
    m_unit->setCurrentText(current);
}

QString QuantityField::text() const {
    const QString number = m_value->text().trimmed();
    // The number box may hold a whole quantity ("29 degC"): then its unit wins.
    if (!splitQuantity(number).second.isEmpty()) {
        return number;
    }
    const QString unit = m_unit->currentText();
    return unit.isEmpty() ? number : number + ' ' + unit;
}

void QuantityField::setText(const QString& text) {
    const auto [number, unit] = splitQuantity(text);
    const QSignalBlocker blockUnit(m_unit);
    if (m_unit->findText(unit) < 0) {
        m_unit->addItem(unit);
    }
    m_unit->setCurrentText(unit);
    m_lastUnit = unit;
    m_value->setText(number);
    m_committed = text.trimmed();
    showError({});
}

bool QuantityField::validate() {
    const std::string text = this->text().toStdString();
    const auto parsed = units::parseAnyQuantity(text);
    if (!parsed) {
        showError(QString::fromStdString(parsed.error.message));
        return false;
    }
    const std::string expectedName = units::dimensionName(m_dimension);
    const std::string example = (m_example.isEmpty() ? m_committed : m_example).toStdString();
    if (const auto error = units::detail::checkDimension(
            text, *parsed.value, m_dimension, expectedName.c_str(), example.c_str(), m_reading)) {
        showError(QString::fromStdString(error->message));
        return false;
    }
    if (m_check) {
        if (const auto message = m_check(this->text())) {
            showError(*message);
            return false;
        }
    }
    showError({});
    return true;
}

void QuantityField::finish() {
    if (!validate()) {
        return;
    }
    const QString text = this->text();
    // A whole quantity typed into the number box is split back into number and unit.
    setText(text);
    // Committed even when unchanged: the document ignores a same-value edit.
    m_committed = text;
    emit committed(text);
}

void QuantityField::unitChanged(int) {
    const QString unit = m_unit->currentText();
    bool ok = false;
    const double value = m_value->text().toDouble(&ok);
    if (ok && !m_lastUnit.isEmpty()) {
        if (const auto converted = convertUnit(value, m_lastUnit, unit)) {
            m_value->setText(formatNumber(*converted));
        }
    }
    m_lastUnit = unit;
    finish();
}

void QuantityField::showError(const QString& message) {
    m_error = message;
    m_message->setText(message);
    m_message->setVisible(!message.isEmpty());
    m_value->setToolTip(message);
    m_value->setStyleSheet(message.isEmpty() ? QString()
                                             : QStringLiteral("QLineEdit { border: 2px solid "
                                                              "#c62828; }"));
}

} // namespace headroom::ui
