#pragma once
// File > New Site…: a site from a weather file, through model::newSiteFromWeather (the
// function `headroom-cli init` calls). A CSV weather file gets a column mapping: which of
// its columns hold the time, the dry bulb, the relative humidity and the pressure, in which
// units, and where the station is (a CSV has no header that says). Choosing the file shows
// what the site will get —
// the station and its position, the grid factors and why they were chosen (editable) —
// or, for a weather file with errors, its located diagnostics; OK is enabled only when
// the new site validates.

#include "ui/document/site_document.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
class QDoubleSpinBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QRadioButton;

namespace headroom::ui {

class NewSiteDialog : public QDialog {
    Q_OBJECT

public:
    explicit NewSiteDialog(QWidget* parent = nullptr);

    /// Sets the weather file and remakes the preview.
    void setWeatherFile(const QString& path);
    /// The new site, once the dialog holds a valid one (with the grid edits applied).
    std::optional<Json> document() const;
    /// A file name for the new site: its name as a slug ("chicago-ohare-intl-ap.json").
    QString suggestedFileName() const;

    QLineEdit* weatherEdit() const { return m_weather; }
    QLineEdit* nameEdit() const { return m_name; }
    QRadioButton* referenceButton() const { return m_reference; }
    QComboBox* templateBox() const { return m_template; }
    QLineEdit* carbonEdit() const { return m_carbon; }
    QLineEdit* waterEdit() const { return m_water; }
    /// What the site will get, or the weather file's diagnostics.
    QLabel* preview() const { return m_preview; }
    QDialogButtonBox* buttons() const { return m_buttons; }

    /// The CSV column mapping, shown for a .csv weather file.
    struct CsvMapping {
        QGroupBox* box = nullptr;
        QComboBox* timestamp = nullptr;
        QComboBox* timeZone = nullptr; ///< data: true for UTC
        QComboBox* temperature = nullptr;
        QComboBox* temperatureUnit = nullptr;
        QComboBox* humidity = nullptr;
        QComboBox* pressure = nullptr;
        QComboBox* pressureUnit = nullptr;
        QComboBox* pressureReference = nullptr; ///< data: true for mean sea level
        QDoubleSpinBox* latitude = nullptr;
        QDoubleSpinBox* longitude = nullptr;
        QDoubleSpinBox* elevation = nullptr; ///< m
        QDoubleSpinBox* utcOffset = nullptr; ///< h
        QLineEdit* station = nullptr;
        QLineEdit* country = nullptr; ///< for the grid factors: "IRL", "USA"
        QLineEdit* region = nullptr;  ///< a state or province: "TX"
    };
    const CsvMapping& csvMapping() const { return m_csv; }

private:
    void remake();
    /// Fills the column choosers from a CSV's header, each preset to the column whose name
    /// says it ("temp", "rhum", "msl", "date_utc"); false, with the located error shown,
    /// when the header cannot be read.
    bool readCsvColumns(const QString& path);
    bool isCsv() const;

    QLineEdit* m_weather;
    QLineEdit* m_name;
    QRadioButton* m_digest;
    QRadioButton* m_reference;
    QComboBox* m_template;
    QLineEdit* m_carbon;
    QLineEdit* m_water;
    QLabel* m_grid;
    QLabel* m_preview;
    QDialogButtonBox* m_buttons;
    CsvMapping m_csv;
    QString m_csvColumnsOf; ///< the file the column choosers list
    std::optional<Json> m_document;
};

} // namespace headroom::ui
