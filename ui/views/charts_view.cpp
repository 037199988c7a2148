#include "ui/views/charts_view.h"

#include "ui/charts/charts.h"

#include <QEvent>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <cmath>

namespace headroom::ui {

namespace {

constexpr int kColumns = 2;
constexpr int kPlotHeight = 360;

bool isDark(const QPalette& palette) {
    return palette.color(QPalette::Window).lightness() < 128;
}

QCPColorMap* findColorMap(QCustomPlot& plot) {
    for (int i = 0; i < plot.plottableCount(); ++i) {
        if (auto* map = qobject_cast<QCPColorMap*>(plot.plottable(i))) {
            return map;
        }
    }
    return nullptr;
}

} // namespace

ChartsView::ChartsView(QWidget* parent)
    : QScrollArea(parent)
    , m_readout(new QLabel)
    , m_banner(new QLabel) {
    setObjectName("charts");
    setWidgetResizable(true);
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);
    m_readout->setObjectName("heatmapReadout");
    m_readout->setText(tr("Hover the cooling-mode chart to read an hour."));
    layout->addWidget(m_readout);
    auto* grid = new QGridLayout;
    layout->addLayout(grid);
    int index = 0;
    for (const ChartKind& kind : chartKinds()) {
        auto* plot = new QCustomPlot(page);
        const QString id = QString::fromLatin1(kind.id);
        plot->setObjectName("chart_" + id);
        plot->setMinimumHeight(kPlotHeight);
        grid->addWidget(plot, index / kColumns, index % kColumns);
        m_plots.insert(id, plot);
        m_order.append(id);
        ++index;
    }
    if (QCustomPlot* heatmap = m_plots.value("cooling_mode")) {
        heatmap->setMouseTracking(true);
        connect(heatmap, &QCustomPlot::mouseMove, this, [this](QMouseEvent* event) {
            const QString text = heatmapReadout(event->position());
            if (!text.isEmpty()) {
                m_readout->setText(text);
            }
        });
    }
    setWidget(page);
}

void ChartsView::setResult(std::shared_ptr<const model::RunResult> result) {
    m_result = std::move(result);
    rebuild();
}

void ChartsView::setUnitSystem(UnitSystem system) {
    m_system = system;
    rebuild();
}

void ChartsView::setStale(bool stale) {
    m_banner->setText(tr("Recomputing… these charts are for the previous edit."));
    m_banner->setVisible(stale && m_result);
    for (QCustomPlot* plot : std::as_const(m_plots)) {
        plot->setEnabled(!stale);
    }
}

void ChartsView::rebuild() {
    for (const ChartKind& kind : chartKinds()) {
        QCustomPlot* plot = m_plots.value(QString::fromLatin1(kind.id));
        if (!plot) {
            continue;
        }
        if (m_result) {
            kind.build(*plot, *m_result, chartContextFor(*m_result, m_system));
            applyPalette(*plot);
        } else {
            plot->clearPlottables();
            plot->clearItems();
        }
        plot->replot();
    }
}

void ChartsView::applyPalette(QCustomPlot& plot) const {
    // The builders draw for paper (the PDF); on a dark desktop the frame follows the
    // palette while the data colours, chosen to read on both, stay.
    if (!isDark(palette())) {
        return;
    }
    const QColor text = palette().color(QPalette::WindowText);
    const QColor base = palette().color(QPalette::Base);
    plot.setBackground(base);
    for (QCPAxisRect* rect : plot.axisRects()) {
        rect->setBackground(base);
        for (QCPAxis* axis : rect->axes()) {
            axis->setBasePen(QPen(text));
            axis->setTickPen(QPen(text));
            axis->setSubTickPen(QPen(text));
            axis->setTickLabelColor(text);
            axis->setLabelColor(text);
            QPen grid = axis->grid()->pen();
            grid.setColor(palette().color(QPalette::Mid));
            axis->grid()->setPen(grid);
        }
    }
    for (int i = 0; i < plot.plotLayout()->elementCount(); ++i) {
        if (auto* title = qobject_cast<QCPTextElement*>(plot.plotLayout()->elementAt(i))) {
            title->setTextColor(text);
        }
        if (auto* legend = qobject_cast<QCPLegend*>(plot.plotLayout()->elementAt(i))) {
            legend->setBrush(base);
            legend->setTextColor(text);
        }
    }
    if (plot.legend) {
        plot.legend->setBrush(base);
        plot.legend->setTextColor(text);
    }
}

QString ChartsView::heatmapReadout(const QPointF& pixel) const {
    QCustomPlot* plot = m_plots.value("cooling_mode");
    if (!plot || !m_result) {
        return {};
    }
    const QCPColorMap* map = findColorMap(*plot);
    if (!map) {
        return {};
    }
    const int day = static_cast<int>(std::lround(map->keyAxis()->pixelToCoord(pixel.x())));
    const int hour = static_cast<int>(std::lround(map->valueAxis()->pixelToCoord(pixel.y())));
    const model::HourlyResults& h = m_result->hourly;
    const long long index = static_cast<long long>(day - 1) * 24 + (hour - 1);
    if (day < 1 || hour < 1 || hour > 24 || index >= static_cast<long long>(h.mode.size())) {
        return {};
    }
    const auto i = static_cast<std::size_t>(index);
    const DisplayUnits units(m_system);
    const QString unit = QString::fromStdString(units.temperatureUnit());
    QString when = tr("day %1").arg(day);
    if (i < h.month.size() && i < h.day.size()) {
        when = QStringLiteral("%1 %2").arg(monthLabel(h.month[i])).arg(h.day[i]);
    }
    QString text =
        tr("%1, hour ending %2: %3").arg(when).arg(hour).arg(coolingModeLabel(h.mode[i]));
    if (i < h.dryBulbC.size() && i < h.wetBulbC.size()) {
        text += tr(" · %1 %3 dry-bulb, %2 %3 wet-bulb")
                    .arg(QLocale().toString(units.temperature(h.dryBulbC[i]), 'f', 1),
                         QLocale().toString(units.temperature(h.wetBulbC[i]), 'f', 1), unit);
    }
    return text;
}

void ChartsView::changeEvent(QEvent* event) {
    if (event->type() == QEvent::PaletteChange || event->type() == QEvent::ThemeChange) {
        rebuild(); // the system switched between light and dark
    }
    QScrollArea::changeEvent(event);
}

} // namespace headroom::ui
