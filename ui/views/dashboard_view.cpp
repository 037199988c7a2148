#include "ui/views/dashboard_view.h"

#include "model/report/verdict.h"
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
    , m_header(new QLabel(this))
    , m_verdict(new QLabel(this))
    , m_climate(new QLabel(this))
    , m_grid(new QWidget(this)) {
    setObjectName("dashboard");
    auto* layout = new QVBoxLayout(this);
    m_banner->setObjectName("dashboardBanner");
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);
    m_header->setObjectName("dashboardHeader");
    m_header->setWordWrap(true);
    m_header->setTextFormat(Qt::PlainText);
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.2);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    layout->addWidget(m_header);
    m_verdict->setObjectName("dashboardVerdict");
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::PlainText);
    layout->addWidget(m_verdict);
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
    auto* delta = new QLabel(frame);
    delta->setObjectName("delta");
    delta->setVisible(false);
    layout->addWidget(titleLabel);
    layout->addWidget(value);
    layout->addWidget(delta);
    layout->addWidget(detail);
    const int index = static_cast<int>(m_order.size());
    grid->addWidget(frame, index / kColumns, index % kColumns);
    m_tiles.insert(id, Tile{frame, value, detail, delta, std::numeric_limits<double>::quiet_NaN()});
    m_order.append(id);
}

void DashboardView::setResult(std::shared_ptr<const model::RunResult> result) {
    m_result = std::move(result);
    refresh();
}

void DashboardView::setSavedResult(std::shared_ptr<const model::RunResult> saved) {
    m_saved = std::move(saved);
    refresh();
}

QString DashboardView::headerText() const {
    return m_header->isHidden() ? QString() : m_header->text();
}

QString DashboardView::verdictText() const {
    return m_verdict->isHidden() ? QString() : m_verdict->text();
}

QString DashboardView::tileDelta(const QString& id) const {
    const Tile tile = m_tiles.value(id);
    return tile.delta && !tile.delta->isHidden() ? tile.delta->text() : QString();
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
    m_header->setVisible(false);
    m_verdict->setVisible(false);
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
    m_header->setText(text(model::siteHeaderText(r, units, style)));
    m_header->setVisible(true);
    m_verdict->setText(text(model::verdictText(r, units, style)));
    m_verdict->setVisible(true);
    QStringList climate;
    // The station line already gives the distance; a far one is flagged as a proxy.
    const std::string station =
        model::stationText(r, style) +
        (model::proxyStationText(r).empty() ? "" : " (a proxy: its hours stand in for the site's)");
    for (const std::string& line : {station, model::climateZoneText(context)}) {
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
        // The change against the saved file, to the decimals the figure shows; a change
        // that rounds away is none. Every conversion is linear, so a difference converts
        // as a value.
        const double before = m_saved ? model::kpiNumber(field, *m_saved) : value;
        const int decimals = units.decimals(field.display.kind, field.display.decimals);
        const double change = units.value(field.display.kind, value - before);
        const bool changed = m_saved && m_saved != m_result && std::isfinite(change) &&
                             std::abs(change) >= 0.5 * std::pow(10.0, -decimals);
        if (changed) {
            const std::string unit = units.unit(field.display.kind);
            tile.delta->setText(tr("%1%2%3 vs saved")
                                    .arg(change > 0 ? QStringLiteral("+") : QString(),
                                         localNumber(change, decimals),
                                         unit.empty() ? QString() : ' ' + text(unit)));
        }
        tile.delta->setVisible(changed);
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
