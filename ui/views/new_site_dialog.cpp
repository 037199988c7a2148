#include "ui/views/new_site_dialog.h"

#include "model/core/install_paths.h"
#include "model/report/verdict.h"
#include "model/run/new_site.h"
#include "ui/run/site_run.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

namespace headroom::ui {

namespace {

QString text(const std::string& utf8) {
    return QString::fromStdString(utf8);
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
    m_weather->setPlaceholderText(tr("an EnergyPlus weather file (.epw)"));
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
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_buttons);

    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Weather File"), QFileInfo(m_weather->text()).path(),
            tr("EnergyPlus weather (*.epw);;All files (*)"));
        if (!path.isEmpty()) {
            setWeatherFile(path);
        }
    });
    connect(m_weather, &QLineEdit::editingFinished, this, &NewSiteDialog::remake);
    connect(m_name, &QLineEdit::editingFinished, this, &NewSiteDialog::remake);
    connect(m_reference, &QRadioButton::toggled, this, &NewSiteDialog::remake);
    connect(m_template, &QComboBox::currentIndexChanged, this, &NewSiteDialog::remake);
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

void NewSiteDialog::remake() {
    m_document.reset();
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    if (m_weather->text().trimmed().isEmpty()) {
        m_preview->setText(tr("Choose a weather file: the site takes its position, time zone "
                              "and climate from it, and its grid factors from where it is."));
        return;
    }
    model::NewSiteRequest request;
    request.weatherFile = m_weather->text().trimmed().toStdString();
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
        QStringList lines;
        for (const model::Diagnostic& diagnostic : made.diagnostics.items()) {
            lines << text(model::formatDiagnostic(diagnostic)).toHtmlEscaped();
        }
        m_preview->setText(QStringLiteral("<span style='color:#c62828'>%1</span>")
                               .arg(lines.join(QStringLiteral("<br>"))));
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
