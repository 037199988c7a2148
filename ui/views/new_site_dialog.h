#pragma once
// File > New Site…: a site from a weather file, through model::newSiteFromWeather (the
// function `headroom-cli init` calls). Choosing the file shows what the site will get —
// the station and its position, the grid factors and why they were chosen (editable) —
// or, for a weather file with errors, its located diagnostics; OK is enabled only when
// the new site validates.

#include "ui/document/site_document.h"

#include <QDialog>

#include <optional>

class QComboBox;
class QDialogButtonBox;
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

private:
    void remake();

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
    std::optional<Json> m_document;
};

} // namespace headroom::ui
