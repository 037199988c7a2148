#pragma once
// Published-run mode, the way papers report training runs [patterson-2021-carbon]:
// accelerators x hours x average power x PUE x grid intensity, with on-site and off-site
// water per Li et al. [li-2023-thirsty] [li-2023-thirsty] [li-2023-thirsty] Every field is a quantity checked as typed; the figures
// come from model::evaluatePublishedRun, the same code as `headroom-cli published-run`.

#include <QDialog>

class QLabel;
class QLineEdit;

namespace headroom::ui {

class PublishedRunDialog : public QDialog {
    Q_OBJECT

public:
    explicit PublishedRunDialog(QWidget* parent = nullptr);

    QLineEdit* accelerators() const { return m_accelerators; }
    QLineEdit* duration() const { return m_duration; }
    QLineEdit* power() const { return m_power; }
    QLineEdit* pue() const { return m_pue; }
    QLineEdit* carbonIntensity() const { return m_carbon; }
    QLineEdit* wue() const { return m_wue; }
    QLineEdit* ewif() const { return m_ewif; }
    /// The results, or the first problem with the inputs.
    QLabel* results() const { return m_results; }

private:
    void recompute();

    QLineEdit* m_accelerators;
    QLineEdit* m_duration;
    QLineEdit* m_power;
    QLineEdit* m_pue;
    QLineEdit* m_carbon;
    QLineEdit* m_wue;
    QLineEdit* m_ewif;
    QLabel* m_results;
};

} // namespace headroom::ui
