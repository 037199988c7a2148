#include "ui/views/new_site_dialog.h"

#include "model/climate/csv_weather.h"
#include "model/core/install_paths.h"
#include "model/report/verdict.h"
#include "model/run/new_site.h"
#include "ui/run/site_run.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

#include <array>
#include <span>

namespace headroom::ui {

namespace {

QString text(const std::string& utf8) {
    return QString::fromStdString(utf8);
}

/// The first column whose name contains one of hints (in the order of the hints), or 0.
int guessColumn(const QStringList& columns, std::span<const char* const> hints) {
    for (const char* hint : hints) {
        for (int i = 0; i < columns.size(); ++i) {
            if (columns[i].toLower().contains(QLatin1String(hint))) {
                return i;
            }
        }
    }
    return 0;
}

QDoubleSpinBox* spinBox(double minimum, double maximum, int decimals, const QString& suffix) {
    auto* box = new QDoubleSpinBox;
    box->setRange(minimum, maximum);
    box->setDecimals(decimals);
    box->setSuffix(suffix);
    return box;
}

QString diagnosticLines(const model::Diagnostics& diagnostics) {
    QStringList lines;
    for (const model::Diagnostic& diagnostic : diagnostics.items()) {
        lines << text(model::formatDiagnostic(diagnostic)).toHtmlEscaped();
    }
    return QStringLiteral("<span style='color:#c62828'>%1</span>")
        .arg(lines.join(QStringLiteral("<br>")));
}

} // namespace

NewSiteDialog::NewSiteDialog(QWidget* parent)
    : QDialog(parent)
    , m_weather(new QLineEdit)
    , m_name(new QLineEdit)
    , m_digest(new QRadioButton(tr("Embed a climate digest (the site file stands alone)")))
    , m_reference(new QRadioButton(tr("Refer to the weather file")))
    , m_template(new QComboBox)
    , m_carbon(new QLineEdit)
    , m_water(new QLineEdit)
    , m_grid(new QLabel)
    , m_preview(new QLabel)
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel)) {
    setObjectName("newSiteDialog");
    setWindowTitle(tr("New Site from Weather"));
    m_weather->setObjectName("weather");
    m_weather->setPlaceholderText(tr("an EnergyPlus weather file (.epw) or an hourly CSV"));
    auto* browse = new QPushButton(tr("Browse…"));
    auto* weatherRow = new QHBoxLayout;
    weatherRow->addWidget(m_weather, 1);
    weatherRow->addWidget(browse);
    m_name->setObjectName("name");
    m_name->setPlaceholderText(tr("the weather station's name"));
    m_digest->setChecked(true);
    m_reference->setObjectName("reference");
    // The designs a site can start from: the built-in default and the sample sites.
    m_template->setObjectName("template");
    m_template->addItem(tr("Built-in default design"), QString());
    const QDir samples(text((model::dataDirectory() / "sample_sites").string()));
    for (const QFileInfo& sample :
         samples.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Name)) {
        m_template->addItem(tr("Design of %1").arg(sample.completeBaseName()),
                            sample.absoluteFilePath());
    }
    m_carbon->setObjectName("carbon");
    m_water->setObjectName("water");
    m_grid->setObjectName("gridChoice");
    m_grid->setWordWrap(true);
    m_preview->setObjectName("preview");
    m_preview->setWordWrap(true);
    m_preview->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The CSV column mapping: the units and references the site reader accepts for
    // /climate/csv (site_fields_place.cpp).
    m_csv.box = new QGroupBox(tr("CSV columns"));
    m_csv.box->setObjectName("csvMapping");
    m_csv.timestamp = new QComboBox;
    m_csv.timeZone = new QComboBox;
    m_csv.timeZone->addItem(tr("UTC unless a timestamp says otherwise"), true);
    m_csv.timeZone->addItem(tr("local standard time unless a timestamp says otherwise"), false);
    m_csv.temperature = new QComboBox;
    m_csv.temperatureUnit = new QComboBox;
    m_csv.temperatureUnit->addItems({"degC", "degF", "K"});
    m_csv.humidity = new QComboBox;
    m_csv.pressure = new QComboBox;
    m_csv.pressureUnit = new QComboBox;
    m_csv.pressureUnit->addItems({"hPa", "kPa", "Pa", "inHg"});
    m_csv.pressureReference = new QComboBox;
    m_csv.pressureReference->addItem(tr("at the station"), false);
    m_csv.pressureReference->addItem(tr("reduced to mean sea level"), true);
    m_csv.latitude = spinBox(-90.0, 90.0, 4, QStringLiteral("°"));
    m_csv.longitude = spinBox(-180.0, 180.0, 4, QStringLiteral("°"));
    m_csv.elevation = spinBox(-500.0, 6000.0, 1, QStringLiteral(" m"));
    m_csv.utcOffset = spinBox(-12.0, 14.0, 2, QStringLiteral(" h"));
    m_csv.utcOffset->setSingleStep(0.5);
    m_csv.station = new QLineEdit;
    m_csv.station->setPlaceholderText(tr("the file's name"));
    m_csv.country = new QLineEdit;
    m_csv.country->setPlaceholderText(tr("ISO 3166 code or name: USA, IRL, Singapore"));
    m_csv.region = new QLineEdit;
    m_csv.region->setPlaceholderText(
        tr("state or province, e.g. TX (US: picks the eGRID subregion)"));
    const auto withUnit = [](QComboBox* column, QComboBox* unit) {
        auto* row = new QHBoxLayout;
        row->addWidget(column, 2);
        row->addWidget(unit, 1);
        return row;
    };
    auto* csvForm = new QFormLayout(m_csv.box);
    csvForm->addRow(tr("Time"), withUnit(m_csv.timestamp, m_csv.timeZone));
    csvForm->addRow(tr("Dry bulb"), withUnit(m_csv.temperature, m_csv.temperatureUnit));
    csvForm->addRow(tr("Relative humidity (%)"), m_csv.humidity);
    auto* pressureRow = withUnit(m_csv.pressure, m_csv.pressureUnit);
    pressureRow->addWidget(m_csv.pressureReference, 1);
    csvForm->addRow(tr("Pressure"), pressureRow);
    csvForm->addRow(tr("Station latitude"), m_csv.latitude);
    csvForm->addRow(tr("Station longitude"), m_csv.longitude);
    csvForm->addRow(tr("Station elevation"), m_csv.elevation);
    csvForm->addRow(tr("UTC offset (standard time)"), m_csv.utcOffset);
    csvForm->addRow(tr("Station name"), m_csv.station);
    csvForm->addRow(tr("Country"), m_csv.country);
    csvForm->addRow(tr("State or province"), m_csv.region);
    m_csv.box->setVisible(false);

    auto* form = new QFormLayout;
    form->addRow(tr("Weather file"), weatherRow);
    form->addRow(tr("Site name"), m_name);
    form->addRow(tr("Weather"), m_digest);
    form->addRow(QString(), m_reference);
    form->addRow(tr("Design"), m_template);
    form->addRow(tr("Grid carbon"), m_carbon);
    form->addRow(tr("Grid water"), m_water);
    form->addRow(QString(), m_grid);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_csv.box);
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Weather File"), QFileInfo(m_weather->text()).path(),
            tr("Weather files (*.epw *.csv);;EnergyPlus weather (*.epw);;Hourly CSV (*.csv);;"
               "All files (*)"));
        if (!path.isEmpty()) {
            setWeatherFile(path);
        }
    });
    connect(m_weather, &QLineEdit::editingFinished, this, &NewSiteDialog::remake);
    connect(m_name, &QLineEdit::editingFinished, this, &NewSiteDialog::remake);
    connect(m_reference, &QRadioButton::toggled, this, &NewSiteDialog::remake);
    connect(m_template, &QComboBox::currentIndexChanged, this, &NewSiteDialog::remake);
    for (QComboBox* box :
         {m_csv.timestamp, m_csv.timeZone, m_csv.temperature, m_csv.temperatureUnit, m_csv.humidity,
          m_csv.pressure, m_csv.pressureUnit, m_csv.pressureReference}) {
        connect(box, &QComboBox::currentIndexChanged, this, &NewSiteDialog::remake);
    }
    for (QDoubleSpinBox* box :
         {m_csv.latitude, m_csv.longitude, m_csv.elevation, m_csv.utcOffset}) {
        connect(box, &QDoubleSpinBox::editingFinished, this, &NewSiteDialog::remake);
    }
    for (QLineEdit* edit : {m_csv.station, m_csv.country, m_csv.region}) {
        connect(edit, &QLineEdit::editingFinished, this, &NewSiteDialog::remake);
    }
    // Grid figures typed over the table's are checked by the site reader as typed.
    for (QLineEdit* edit : {m_carbon, m_water}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            m_buttons->button(QDialogButtonBox::Ok)->setEnabled(document().has_value());
        });
    }
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    remake();
}

void NewSiteDialog::setWeatherFile(const QString& path) {
    m_weather->setText(path);
    remake();
}

bool NewSiteDialog::isCsv() const {
    return m_weather->text().trimmed().endsWith(QStringLiteral(".csv"), Qt::CaseInsensitive);
}

bool NewSiteDialog::readCsvColumns(const QString& path) {
    model::Diagnostics diagnostics;
    const auto columns = model::CsvWeather::columns(path.toStdString(), diagnostics);
    m_csvColumnsOf.clear();
    if (!columns) {
        m_preview->setText(diagnosticLines(diagnostics));
        return false;
    }
    QStringList names;
    for (const std::string& name : *columns) {
        names << text(name);
    }
    // The hints are held in arrays: an initializer_list inside a pair would point at a
    // temporary array gone by the end of this declaration.
    struct Chooser {
        QComboBox* box;
        std::array<const char*, 4> hints;
    };
    const Chooser choosers[] = {{m_csv.timestamp, {"date_utc", "timestamp", "time", "date"}},
                                {m_csv.temperature, {"dry_bulb", "dry", "temp", "tdb"}},
                                {m_csv.humidity, {"rhum", "relative", "humid", "rh"}},
                                {m_csv.pressure, {"station_pressure", "msl", "pressure", "pres"}}};
    for (const auto& [box, hints] : choosers) {
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(names);
        box->setCurrentIndex(guessColumn(names, hints));
    }
    {
        // Mean-sea-level pressure is what a column named "msl" holds.
        const QSignalBlocker blocker(m_csv.pressureReference);
        m_csv.pressureReference->setCurrentIndex(
            m_csv.pressure->currentText().toLower().contains(QLatin1String("msl")) ? 1 : 0);
    }
    m_csvColumnsOf = path;
    return true;
}

void NewSiteDialog::remake() {
    m_document.reset();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    const QString weather = m_weather->text().trimmed();
    m_csv.box->setVisible(isCsv());
    if (weather.isEmpty()) {
        m_preview->setText(tr("Choose a weather file: the site takes its position, time zone "
                              "and climate from it, and its grid factors from where it is."));
        return;
    }
    model::NewSiteRequest request;
    request.weatherFile = weather.toStdString();
    if (isCsv()) {
        if (m_csvColumnsOf != weather && !readCsvColumns(weather)) {
            m_grid->clear();
            return;
        }
        model::CsvWeatherMapping mapping;
        mapping.timestampColumn = m_csv.timestamp->currentText().toStdString();
        mapping.timestampIsUtc = m_csv.timeZone->currentData().toBool();
        mapping.temperatureColumn = m_csv.temperature->currentText().toStdString();
        mapping.temperatureUnit = m_csv.temperatureUnit->currentText().toStdString();
        mapping.relativeHumidityColumn = m_csv.humidity->currentText().toStdString();
        mapping.pressureColumn = m_csv.pressure->currentText().toStdString();
        mapping.pressureUnit = m_csv.pressureUnit->currentText().toStdString();
        mapping.pressureReference = m_csv.pressureReference->currentData().toBool()
                                        ? model::CsvWeatherMapping::PressureReference::MeanSeaLevel
                                        : model::CsvWeatherMapping::PressureReference::Station;
        mapping.latitudeDeg = m_csv.latitude->value();
        mapping.longitudeDeg = m_csv.longitude->value();
        mapping.stationElevationM = m_csv.elevation->value();
        mapping.utcOffsetHours = m_csv.utcOffset->value();
        mapping.stationName = m_csv.station->text().trimmed().toStdString();
        request.csv = mapping;
        request.country = m_csv.country->text().trimmed().toStdString();
        request.region = m_csv.region->text().trimmed().toStdString();
    }
    request.name = m_name->text().trimmed().toStdString();
    request.weather = m_reference->isChecked() ? model::WeatherAttachment::Reference
                                               : model::WeatherAttachment::Digest;
    if (const QString templatePath = m_template->currentData().toString();
        !templatePath.isEmpty()) {
        const DocumentLoad load = readSiteDocument(templatePath);
        if (!load.document) {
            m_preview->setText(tr("The design file could not be read."));
            return;
        }
        request.templateSite = nlohmann::json::parse(load.document->dump());
    }
    const model::NewSite made = model::newSiteFromWeather(request);
    if (!made.document) {
        // The weather file's own diagnostics, located: nothing is made.
        m_preview->setText(diagnosticLines(made.diagnostics));
        m_grid->clear();
        return;
    }
    m_document = Json::parse(made.document->dump());
    const Json& site = *m_document;
    m_carbon->setText(text(made.grid.carbonIntensity));
    m_water->setText(text(made.grid.waterIntensity));
    m_grid->setText(
        tr("Chosen by %1. Sources: %2; %3")
            .arg(text(made.grid.basis), text(made.grid.carbonSource), text(made.grid.waterSource)));
    m_preview->setText(
        tr("<b>%1</b><br>%2° N, %3° E, %4, UTC%5%6<br>Weather: %7")
            .arg(text(site["name"].get<std::string>()).toHtmlEscaped())
            .arg(site["location"]["latitude"].get<double>())
            .arg(site["location"]["longitude"].get<double>())
            .arg(text(site["location"]["elevation"].get<std::string>()))
            .arg(site["location"]["utc_offset"].get<double>() < 0 ? "" : "+")
            .arg(site["location"]["utc_offset"].get<double>())
            .arg(text(site["climate"].value("source", std::string())).toHtmlEscaped()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(true);
}

std::optional<Json> NewSiteDialog::document() const {
    if (!m_document) {
        return std::nullopt;
    }
    Json site = *m_document;
    // A grid figure typed over the table's replaces it, and its source says so.
    const std::pair<QLineEdit*, const char*> edits[] = {{m_carbon, "carbon_intensity"},
                                                        {m_water, "water_intensity"}};
    for (const auto& [edit, key] : edits) {
        const std::string value = edit->text().trimmed().toStdString();
        if (value == site["grid"][key].get<std::string>()) {
            continue;
        }
        const QString pointer = QStringLiteral("/grid/%1").arg(QString::fromLatin1(key));
        if (checkFieldValue(site, QString(), pointer, Json(value))) {
            return std::nullopt;
        }
        site["grid"][key] = value;
        site["grid"]["source"][key] = "entered in File > New Site";
    }
    return site;
}

QString NewSiteDialog::suggestedFileName() const {
    return text(model::siteSlug(m_document ? (*m_document)["name"].get<std::string>()
                                           : std::string())) +
           QStringLiteral(".json");
}

} // namespace headroom::ui
