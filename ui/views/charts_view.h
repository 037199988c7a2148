#pragma once
// The charts of a result, drawn by the same builders as the PDF report (ui/charts): one
// plot per chart kind in a scrolling grid. On a dark system palette the plots take the
// palette's colours; hovering the cooling-mode heatmap reads out that hour.

#include "model/result/run_result.h"
#include "ui/charts/charts.h"

#include <QHash>
#include <QScrollArea>

#include <memory>

class QCustomPlot;
class QLabel;

namespace headroom::ui {

class ChartsView : public QScrollArea {
    Q_OBJECT

public:
    explicit ChartsView(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const model::RunResult> result);
    void setUnitSystem(UnitSystem system);
    void setStale(bool stale);

    /// The plot of a chart kind ("cooling_mode", ...), or null.
    QCustomPlot* plot(const QString& id) const { return m_plots.value(id); }
    QStringList chartIds() const { return m_order; }
    /// What the hover read-out says for a point of the cooling-mode heatmap, in pixels.
    QString heatmapReadout(const QPointF& pixel) const;
    QLabel* readout() const { return m_readout; }

protected:
    void changeEvent(QEvent* event) override;

private:
    void rebuild();
    void applyPalette(QCustomPlot& plot) const;

    QHash<QString, QCustomPlot*> m_plots;
    QStringList m_order;
    QLabel* m_readout;
    QLabel* m_banner;
    std::shared_ptr<const model::RunResult> m_result;
    UnitSystem m_system = UnitSystem::SI;
};

} // namespace headroom::ui
