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
/// What a tile shows for a figure that does not exist ("–").
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

QString number(double value, int decimals) {
    if (!std::isfinite(value)) {
        return QStringLiteral("–");
    }
    return QLocale().toString(value, 'f', decimals);
}

QString integer(long long value) {
    return QLocale().toString(value);
}

QString constraintText(model::Constraint constraint) {
    switch (constraint) {
    case model::Constraint::UtilityInterconnect:
        return QObject::tr("Utility interconnect");
    case model::Constraint::HallPower:
        return QObject::tr("Hall power");
    case model::Constraint::RackPositions:
        return QObject::tr("Rack positions");
    case model::Constraint::Cooling:
        return QObject::tr("Cooling");
    case model::Constraint::WaterSupply:
        return QObject::tr("Water supply");
    }
    return {};
}

} // namespace

DashboardView::DashboardView(QWidget* parent)
    : QWidget(parent)
    , m_banner(new QLabel(this))
    , m_grid(new QWidget(this)) {
    setObjectName("dashboard");
    auto* layout = new QVBoxLayout(this);
    m_banner->setObjectName("dashboardBanner");
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    layout->addWidget(m_banner);
    auto* grid = new QGridLayout(m_grid);
    grid->setSpacing(10);
    addTile(grid, "pue", tr("PUE"));
    addTile(grid, "wue_site_l_per_kwh", tr("WUE, site"));
    addTile(grid, "wue_source_l_per_kwh", tr("WUE, source"));
    addTile(grid, "cue_kg_per_kwh", tr("CUE"));
    addTile(grid, "facility_energy_mwh", tr("Annual energy"));
    addTile(grid, "water_m3", tr("Annual water"));
    addTile(grid, "carbon_location_t", tr("Annual carbon"));
    addTile(grid, "peak_facility_mw", tr("Peak facility power"));
    addTile(grid, "chips", tr("Chips"));
    addTile(grid, "ultraservers", tr("UltraServers"));
    addTile(grid, "peak_pflops_fp8", tr("Peak compute"));
    addTile(grid, "zero_water_month_count", tr("Water-free months"));
    addTile(grid, "binding_constraint", tr("Binding constraint"));
    addTile(grid, "headroom_mw", tr("Headroom"));
    // The three IT power figures, each explained where it shows (issue 14).
    m_tiles["peak_facility_mw"].frame->setToolTip(
        tr("Peak IT: the year's highest hour of IT power at the rack input, at the stated "
           "utilization."));
    const QString designHourIt =
        tr("Design-hour IT: every chip at full utilization, at the rack input (PSU losses "
           "included); the constraints are measured against it.");
    m_tiles["binding_constraint"].frame->setToolTip(designHourIt);
    m_tiles["headroom_mw"].frame->setToolTip(designHourIt);
    m_tiles["ultraservers"].frame->setToolTip(
        tr("IT nameplate: servers and network at full utilization, at the server (before PSU "
           "losses)."));
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
    const model::AnnualResults& a = r.annual;
    const DisplayUnits units(m_system);

    setTile("pue", a.pue, number(a.pue, 3),
            tr("pPUE cooling %1 · power %2").arg(number(a.ppueCooling, 3), number(a.ppuePower, 3)));
    const auto wue = [&](double litresPerKwh) {
        return number(units.waterIntensity(litresPerKwh), units.ip() ? 4 : 3) + ' ' +
               QString::fromStdString(units.waterIntensityUnit());
    };
    setTile("wue_site_l_per_kwh", a.wueSiteLPerKwh, wue(a.wueSiteLPerKwh),
            tr("site water per IT energy (ISO/IEC 30134-9)"));
    setTile("wue_source_l_per_kwh", a.wueSourceLPerKwh, wue(a.wueSourceLPerKwh),
            tr("adds the water of generating the site's electricity"));
    setTile("cue_kg_per_kwh", a.cueKgPerKwh, number(a.cueKgPerKwh, 3) + tr(" kg/kWh"),
            tr("CO₂e per IT energy, location-based (ISO/IEC 30134-8)"));
    setTile("facility_energy_mwh", a.facilityEnergyMwh,
            number(a.facilityEnergyMwh / 1000.0, 1) + tr(" GWh"),
            tr("IT %1 GWh").arg(number(a.itEnergyMwh / 1000.0, 1)));
    const auto water = [&](double cubicMetres) {
        return number(units.waterVolume(cubicMetres), 0) + ' ' +
               QString::fromStdString(units.waterVolumeUnit());
    };
    setTile("water_m3", a.waterM3, water(a.waterM3), tr("grid water %1").arg(water(a.gridWaterM3)));
    setTile("carbon_location_t", a.carbonLocationT, number(a.carbonLocationT, 0) + tr(" t CO₂e"),
            tr("market-based %1 t").arg(number(a.carbonMarketT, 0)));
    setTile("peak_facility_mw", a.peakFacilityMw, number(a.peakFacilityMw, 1) + tr(" MW"),
            tr("peak IT %1 MW at the stated utilization").arg(number(a.peakItMw, 1)));
    setTile("chips", r.compute.chips, integer(r.compute.chips),
            tr("%1 servers").arg(integer(r.compute.servers)));
    setTile("ultraservers", r.compute.ultraServers, integer(r.compute.ultraServers),
            tr("%1 racks in %2 halls; IT nameplate %3 MW")
                .arg(integer(r.compute.racks), integer(r.compute.hallsUsed),
                     number((r.compute.itPowerKw + r.compute.networkPowerKw) / 1e3, 1)));
    // A precision the chip publishes no rate for is said so, never shown as 0.
    const auto pflops = [&](const std::optional<double>& value) {
        return value ? number(*value, 0) + tr(" PFLOP/s") : tr("not published");
    };
    setTile("peak_pflops_fp8", r.compute.peakPflops[0].value_or(kNaN),
            pflops(r.compute.peakPflops[0]),
            tr("dense FP8; BF16 %1").arg(pflops(r.compute.peakPflops[1])));
    QStringList months;
    for (const int month : a.zeroWaterMonths) {
        months << QLocale().monthName(month, QLocale::ShortFormat);
    }
    // Beside the months: the hours in them the plant let the air leave the envelope.
    const QString excursions = envelopeExcursionText(r, std::nullopt, units);
    setTile("zero_water_month_count", static_cast<double>(a.zeroWaterMonths.size()),
            integer(static_cast<long long>(a.zeroWaterMonths.size())),
            months.isEmpty()
                ? tr("%1 water-free hours").arg(integer(a.waterFreeHours))
                : months.join(QStringLiteral(", ")) +
                      (excursions.isEmpty() ? QString() : QStringLiteral(": ") + excursions));
    const auto binding = static_cast<std::size_t>(r.capacity.binding);
    setTile("binding_constraint", std::numeric_limits<double>::quiet_NaN(),
            constraintText(r.capacity.binding),
            tr("allows %1 MW of design-hour IT")
                .arg(number(r.capacity.maxItMw[binding].value_or(kNaN), 1)));
    const double headroom = r.capacity.headroomMw[binding].value_or(kNaN);
    // A deployment beyond its limit (a fixed count) is shown as over it, never as room.
    const bool over = headroom < 0.0;
    setTile("headroom_mw", headroom,
            over ? tr("over by %1 MW").arg(number(-headroom, 1)) : number(headroom, 1) + tr(" MW"),
            (over ? tr("design-hour IT %1 MW is over the limit; room for %2 UltraServers in all")
                  : tr("design-hour IT %1 MW; room for %2 UltraServers in all"))
                .arg(number(r.capacity.deployedItMw, 1), integer(r.capacity.maxUltraServers)));
    Tile& headroomTile = m_tiles["headroom_mw"];
    headroomTile.frame->setProperty("overLimit", over);
    headroomTile.value->setStyleSheet(over ? QStringLiteral("color: #c0392b;") : QString());
}

} // namespace headroom::ui
