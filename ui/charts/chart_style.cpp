#include "ui/charts/chart_style.h"

#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>

namespace headroom::ui {

QColor palette::coolingMode(int index) {
    static const std::array<QColor, 5> colors{QColor(0x3b, 0x6f, 0xb6), QColor(0x7f, 0xc9, 0x7f),
                                              QColor(0xf2, 0xd0, 0x4b), QColor(0xf0, 0x8a, 0x3c),
                                              QColor(0xc6, 0x2d, 0x2d)};
    return colors[static_cast<std::size_t>(std::clamp(index, 0, 4))];
}

QColor palette::waterCause(int index) {
    static const std::array<QColor, 4> colors{QColor(0x2f, 0x7e, 0xc1), QColor(0x8e, 0xc3, 0xe6),
                                              QColor(0xf0, 0xa2, 0x3b), QColor(0x6a, 0xb0, 0x4c)};
    return colors[static_cast<std::size_t>(std::clamp(index, 0, 3))];
}

QCPAxisRect* resetPlot(QCustomPlot& plot, const QString& title) {
    // Groups reference plottables and layout elements: release them before those go.
    for (auto* group : plot.findChildren<QCPBarsGroup*>(Qt::FindDirectChildrenOnly)) {
        delete group;
    }
    for (auto* group : plot.findChildren<QCPMarginGroup*>(Qt::FindDirectChildrenOnly)) {
        delete group;
    }
    plot.clearItems();
    plot.clearPlottables();
    plot.plotLayout()->clear(); // deletes axis rects with their legends, colour scales, titles
    plot.plotLayout()->simplify();

    QFont titleFont = plot.font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    titleFont.setBold(true);
    auto* titleElement = new QCPTextElement(&plot, title, titleFont);
    plot.plotLayout()->addElement(0, 0, titleElement);
    auto* rect = new QCPAxisRect(&plot, true);
    plot.plotLayout()->addElement(1, 0, rect);
    plot.xAxis = rect->axis(QCPAxis::atBottom);
    plot.yAxis = rect->axis(QCPAxis::atLeft);
    plot.xAxis2 = rect->axis(QCPAxis::atTop);
    plot.yAxis2 = rect->axis(QCPAxis::atRight);
    for (QCPAxis* axis : rect->axes()) {
        axis->grid()->setPen(QPen(palette::gridLine, 0.5, Qt::DotLine));
        axis->setTickLabelFont(plot.font());
        axis->setLabelFont(plot.font());
    }
    rect->axis(QCPAxis::atTop)->setVisible(false);
    rect->axis(QCPAxis::atRight)->setVisible(false);
    plot.legend = nullptr;
    return rect;
}

QColor palette::generation(int index) {
    static const std::array<QColor, 4> colors{QColor(0x1f, 0x4e, 0x79), QColor(0x4a, 0x9b, 0xd6),
                                              QColor(0x8d, 0xb3, 0x6b), QColor(0xc0, 0x7a, 0x2c)};
    return colors[static_cast<std::size_t>(index) % colors.size()];
}

QCPBars* makeBars(QCPAxis* key, QCPAxis* value, const QString& name, const QColor& color) {
    auto* bars = new QCPBars(key, value);
    bars->setName(name);
    bars->setPen(QPen(color.darker(130), 0.5));
    bars->setBrush(color);
    return bars;
}

void fitValueAxis(QCPAxis* axis, double maximum, double minimum) {
    if (!(maximum > minimum) || !std::isfinite(maximum)) {
        maximum = minimum + 1.0;
    }
    axis->setRange(minimum, maximum + 0.1 * (maximum - minimum));
}

void addLegend(QCustomPlot& plot, QCPAxisRect* rect, Qt::Alignment where) {
    auto* legend = new QCPLegend;
    rect->insetLayout()->addElement(legend, where);
    legend->setLayer(QStringLiteral("legend"));
    legend->setFont(plot.font());
    legend->setBrush(QColor(255, 255, 255, 220));
    legend->setBorderPen(QPen(palette::gridLine, 0.5));
    legend->setIconSize(14, 8);
    for (int i = 0; i < plot.plottableCount(); ++i) {
        QCPAbstractPlottable* plottable = plot.plottable(i);
        if (!plottable->name().isEmpty() && plottable->keyAxis()->axisRect() == rect) {
            plottable->addToLegend(legend);
        }
    }
    plot.legend = legend;
}

} // namespace headroom::ui
