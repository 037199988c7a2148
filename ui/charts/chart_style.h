#pragma once
// Shared look of the charts: colours and the plot frame every builder starts from.
// Internal to ui/charts.

#include <QColor>
#include <QString>
#include <Qt>

class QCustomPlot;
class QCPAxis;
class QCPAxisRect;
class QCPBars;

namespace headroom::ui {

namespace palette {
inline const QColor energy{0x1f, 0x4e, 0x79};
inline const QColor water{0x4a, 0x9b, 0xd6};
inline const QColor carbon{0x5b, 0x5b, 0x5b};
inline const QColor carbonMarket{0x8d, 0xb3, 0x6b};
inline const QColor loss{0xc0, 0x7a, 0x2c};
inline const QColor capacity{0x9a, 0xb8, 0xd0};
inline const QColor binding{0xc0, 0x39, 0x2b};
inline const QColor limit{0xb0, 0x3a, 0x2e};
inline const QColor dryBulb{0xd3, 0x5f, 0x1f};
inline const QColor wetBulb{0x2e, 0x86, 0xab};
inline const QColor hours{0x1f, 0x4e, 0x79, 90};
inline const QColor envelope{0x2e, 0x9e, 0x4f, 70};
inline const QColor gridLine{0xb4, 0xb4, 0xb4};

/// From recirculation (cool blue) to mechanical (red): the order of the energy spent.
QColor coolingMode(int index);
/// Evaporation, blowdown, drift, humidification.
QColor waterCause(int index);
/// Hardware generations of a plan, in the order they first appear.
QColor generation(int index);
/// Bands of an hour's carbon-free share, 0 (the least, grey) to count - 1 (wholly, green).
QColor carbonFreeBand(int index, int count);
/// An hour that consumed nothing, beside the bands (it has no carbon-free share).
inline const QColor noConsumption{0xf4, 0xf4, 0xf4};
} // namespace palette

/// Empties the plot (plottables, items, layout) and gives it a title row and one fresh
/// axis rect, whose axes become plot.xAxis/yAxis/xAxis2/yAxis2.
QCPAxisRect* resetPlot(QCustomPlot& plot, const QString& title);
/// Bars of one colour (a darker outline) on the key and value axes, named for the legend.
QCPBars* makeBars(QCPAxis* key, QCPAxis* value, const QString& name, const QColor& color);
/// Upper range of a value axis over stacked or single values: 10 % above the tallest.
void fitValueAxis(QCPAxis* axis, double maximum, double minimum = 0.0);
/// A legend inside rect listing every named plottable of it; plot.legend points at it.
void addLegend(QCustomPlot& plot, QCPAxisRect* rect, Qt::Alignment where);

} // namespace headroom::ui
