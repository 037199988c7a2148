#include "ui/editor/field_help.h"

#include "model/site/site_fields.h"
#include "ui/editor/property_editor.h"

#include <QRegularExpression>

namespace headroom::ui {

namespace {

QString text(std::string_view view) {
    return QString::fromUtf8(view.data(), static_cast<qsizetype>(view.size())).toHtmlEscaped();
}

/// What a field of this type takes, in a planner's words.
QString takes(const model::FieldDef& field) {
    switch (field.type) {
    case model::FieldType::Quantity:
    case model::FieldType::QuantityList:
    case model::FieldType::Series: {
        const model::QuantityKindInfo info = model::quantityKindInfo(field.quantity);
        QString what = QObject::tr("a %1 with its unit, as in \"%2\"")
                           .arg(QString::fromUtf8(info.name), QString::fromUtf8(info.example));
        if (field.type == model::FieldType::QuantityList) {
            what = QObject::tr("a list of %1 of these: ").arg(field.count) + what;
        } else if (field.type == model::FieldType::Series) {
            what += QObject::tr("; or a 12 \u00d7 24 table, a 24-hour profile or a CSV column");
        }
        return what;
    }
    case model::FieldType::CountOrFill:
        return QObject::tr("a whole number, or \"fill\" for as many as the limits allow");
    case model::FieldType::Integer:
        return QObject::tr("a whole number");
    case model::FieldType::Number:
        return QObject::tr("a number");
    case model::FieldType::Boolean:
        return QObject::tr("true or false");
    case model::FieldType::Enum:
        return QObject::tr("one of the choices below");
    case model::FieldType::Path:
        return QObject::tr("a file, relative to the site file (Browse… picks one)");
    case model::FieldType::CatalogId:
        return QObject::tr("an entry of the catalog's %1 (headroom-cli catalog list)")
            .arg(text(field.catalogGroup));
    case model::FieldType::Ratio:
        return QObject::tr("a ratio such as \"2:1\", at least 1");
    case model::FieldType::MonthDay:
        return QObject::tr("a day of the year, \"MM-DD\"");
    case model::FieldType::String:
        return QObject::tr("text");
    case model::FieldType::Object:
    case model::FieldType::ObjectArray:
    case model::FieldType::Opaque:
        break;
    }
    return QObject::tr("a section of the site file");
}

} // namespace

QString fieldHelpHtml(const QString& pointer, const Json& document) {
    const QString pattern = fieldPattern(pointer);
    const model::FieldDef* field = model::findSiteField(pattern.toStdString());
    if (!field) {
        return QObject::tr("<p><b>%1</b></p><p>The site field table does not describe this "
                           "field: the reader warns about it as an unknown key.</p>")
            .arg(pointer.toHtmlEscaped());
    }
    QString html =
        QStringLiteral("<p><b>%1</b>%2</p><p>%3</p>")
            .arg(pattern.toHtmlEscaped(), field->required ? QObject::tr(" (required)") : QString(),
                 text(field->doc));
    html += QObject::tr("<p><b>Takes</b> %1.</p>").arg(takes(*field).toHtmlEscaped());
    if (!field->min.empty() || !field->max.empty()) {
        const QString low = field->min.empty() ? QString()
                                               : (field->exclusiveMin ? QObject::tr("above %1")
                                                                      : QObject::tr("from %1"))
                                                     .arg(text(field->min));
        const QString high =
            field->max.empty() ? QString() : QObject::tr("up to %1").arg(text(field->max));
        html += QObject::tr("<p><b>Range</b> %1</p>")
                    .arg(QStringList({low, high}).filter(QRegularExpression(".")).join(' '));
    }
    if (const auto fallback =
            model::fieldDefault(*field, nlohmann::json::parse(document.dump(), nullptr, false))) {
        html += QObject::tr("<p><b>Default</b> %1 \u2014 %2</p>")
                    .arg(QString::fromStdString(fallback->json).toHtmlEscaped(),
                         text(fallback->source));
    }
    if (!field->choices.empty()) {
        QStringList names;
        for (const model::EnumChoice& choice : field->choices) {
            names << text(choice.name);
        }
        html += QObject::tr("<p><b>Choices</b> %1</p>").arg(names.join(QStringLiteral(", ")));
    }
    return html;
}

} // namespace headroom::ui
