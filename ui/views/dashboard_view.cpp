#include "ui/views/dashboard_view.h"

#include "ui/charts/charts.h"

#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

#include <cmath>
#include <limits>

namespace headroom::ui {

namespace {

constexpr int kColumns = 4;

QString text(const std::string& utf8) {
    return QString::fromStdString(utf8);
}

} // namespace

DashboardView::DashboardView(QWidget* parent)
    : QWidget(parent)
    , m_banner(new QLabel(this))
    , m_climate(new QLabel(this))
    , m_grid(new QWidget(this)) {
    setObjectName("dashboard");
    auto* layout = new QVBoxLayout(this);
    m_banner->setObjectName("dashboardBanner");
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);
    m_climate->setObjectName("dashboardClimate");
    m_climate->setWordWrap(true);
    layout->addWidget(m_climate);
    auto* grid = new QGridLayout(m_grid);
    grid->setSpacing(10);
    // One tile per headline row of the result table, titled and explained by it.
    for (const model::KpiField& field : model::kpiFields()) {
        if (field.display.headline) {
            addTile(grid, text(field.name), text(field.display.label));
        }
    }
    layout->addWidget(m_grid);
    layout->addStretch(1);
    setMessage(tr("Open a site file to see its results."));
}

void DashboardView::addTile(QGridLayout* grid, const QString& id, const QString& title) {
    auto* frame = new QFrame(m_grid);
    frame->setObjectName("tile_" + id);
    frame->setFrameShape(QFrame::StyledPanel);
    frame->setAutoFillBackground(true);
    frame->setBackgroundRole(QPalette::AlternateBase);
    auto* layout = new QVBoxLayout(frame);
    auto* titleLabel = new QLabel(title, frame);
    auto* value = new QLabel(frame);
    value->setObjectName("value");
    QFont big = value->font();
    big.setPointSizeF(big.pointSizeF() * 1.9);
    big.setBold(true);
    value->setFont(big);
    auto* detail = new QLabel(frame);
    detail->setWordWrap(true);
    detail->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(titleLabel);
    layout->addWidget(value);
    layout->addWidget(detail);
    const int index = static_cast<int>(m_order.size());
    grid->addWidget(frame, index / kColumns, index % kColumns);
    m_tiles.insert(id, Tile{frame, value, detail, std::numeric_limits<double>::quiet_NaN()});
    m_order.append(id);
}

void DashboardView::setResult(std::shared_ptr<const model::RunResult> result) {
    m_result = std::move(result);
    refresh();
}

void DashboardView::setStale(bool stale) {
    m_stale = stale;
    if (!m_result) {
        return;
    }
    m_banner->setText(tr("Recomputing… the figures below are for the previous edit."));
    m_banner->setVisible(stale);
    m_grid->setEnabled(!stale); // dims every tile: the figures are not for this document
}

void DashboardView::setUnitSystem(UnitSystem system) {
    m_system = system;
    refresh();
}

void DashboardView::setMessage(const QString& message) {
    m_result.reset();
    m_banner->setText(message);
    m_banner->setVisible(true);
    m_climate->setVisible(false);
    m_grid->setVisible(false);
}

double DashboardView::tileValue(const QString& id) const {
    return m_tiles.value(id).siValue;
}

QString DashboardView::tileText(const QString& id) const {
    const Tile tile = m_tiles.value(id);
    return tile.value ? tile.value->text() : QString();
}

QString DashboardView::tileDetail(const QString& id) const {
    const Tile tile = m_tiles.value(id);
    return tile.detail ? tile.detail->text() : QString();
}

void DashboardView::setTile(const QString& id, double siValue, const QString& text,
                            const QString& detail) {
    Tile& tile = m_tiles[id];
    tile.siValue = siValue;
    tile.value->setText(text);
    tile.detail->setText(detail);
}

void DashboardView::refresh() {
    if (!m_result) {
        return;
    }
    m_grid->setVisible(true);
    setStale(m_stale);
    if (!m_stale) {
        m_banner->setVisible(false);
    }
    const model::RunResult& r = *m_result;
    const DisplayUnits units(m_system);
    const model::NumberStyle style = localeNumberStyle();
    const model::ReferenceContext context = model::referenceContext(r);
    QStringList climate;
    for (const std::string& line : {model::climateZoneText(context), model::proxyStationText(r)}) {
        if (!line.empty()) {
            climate << text(line);
        }
    }
    m_climate->setText(climate.join(QStringLiteral(" \u00b7 ")));
    m_climate->setVisible(!climate.isEmpty());
    for (const model::KpiField& field : model::kpiFields()) {
        if (!field.display.headline) {
            continue;
        }
        const QString id = text(field.name);
        const double value = model::kpiNumber(field, r);
        setTile(id, value, text(model::displayKpi(field, r, units, style)),
                detailFor(field, r, units));
        // A deployment beyond its limit (a fixed count) is shown as over it, never as room.
        const bool over = field.display.kind == model::FigureKind::HeadroomMw && value < 0.0;
        Tile& tile = m_tiles[id];
        // What the figure means, and the published figures it compares with.
        const std::string references = model::referencesText(field, context, units, style);
        tile.frame->setToolTip(
            text(field.display.description) +
            (references.empty() ? QString() : tr("\nCompared with: ") + text(references)));
        tile.frame->setProperty("overLimit", over);
        tile.value->setStyleSheet(over ? QStringLiteral("color: #c0392b;") : QString());
    }
}

QString DashboardView::detailFor(const model::KpiField& field, const model::RunResult& r,
                                 const DisplayUnits& units) const {
    // The line under a figure: what it means, or what the result knows beside it.
    if (field.name == "zero_water_month_count" && !r.annual.zeroWaterMonths.empty()) {
        QStringList months;
        for (const int month : r.annual.zeroWaterMonths) {
            months << QLocale().monthName(month, QLocale::ShortFormat);
        }
        // Beside the months: the hours in them the plant let the air leave the envelope.
        const QString excursions = envelopeExcursionText(r, std::nullopt, units);
        return months.join(QStringLiteral(", ")) +
               (excursions.isEmpty() ? QString() : QStringLiteral(": ") + excursions);
    }
    if (field.name == "headroom_mw") {
        return tr("design-hour IT %1 MW; room for %2 UltraServers in all")
            .arg(localNumber(r.capacity.deployedItMw, 1),
                 localNumber(r.capacity.maxUltraServers, 0));
    }
    return text(field.display.description);
}

} // namespace headroom::ui
