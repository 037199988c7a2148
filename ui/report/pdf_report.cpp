#include "ui/report/pdf_report.h"

#include "model/bibliography/bibliography.h"
#include "model/core/version.h"
#include "model/report/fabric_trade_off.h"
#include "model/report/reference_figures.h"
#include "model/report/verdict.h"
#include "model/site/site_fields.h"
#include "ui/charts/charts.h"
#include "ui/report/pdf_document.h"
#include "ui/report/report_layout.h"

#include <QApplication>
#include <QFileInfo>
#include <QLocale>
#include <QPainter>
#include <QSaveFile>
#include <qcustomplot.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include <unistd.h>

namespace headroom::ui {

using model::RunResult;

QString formatNumber(double value, int decimals) {
    static const model::NumberStyle english = model::englishNumberStyle();
    return QString::fromStdString(model::formatFixed(value, decimals, english));
}

namespace {

QString fromView(std::string_view text) {
    return QString::fromUtf8(text.data(), static_cast<qsizetype>(text.size()));
}

QString unitText(const std::string& unit) {
    return QString::fromStdString(unit);
}

void titlePage(ReportLayout& layout, const RunResult& result, const PdfReportOptions& options,
               const DisplayUnits& units) {
    layout.title(QStringLiteral("Headroom site report"));
    QFont siteFont = layout.bodyFont();
    siteFont.setPointSizeF(16.0);
    layout.paragraph(QString::fromStdString(result.siteName), siteFont, 12.0);
    if (options.unsavedEdits) {
        // Before anything else: these figures are not the saved file's.
        QFont flag = layout.bodyFont();
        flag.setBold(true);
        layout.paragraph(QString::fromStdString(model::editedScenarioText(*options.unsavedEdits)),
                         flag, 6.0, QColor(0xa0, 0x20, 0x10));
    }
    layout.space(12.0);
    // The verdict first: what the site is, what limits it and what relieving that buys,
    // then the water and carbon it costs (model/report/verdict.h, as the dashboard says it).
    static const model::NumberStyle english = model::englishNumberStyle();
    layout.text(QString::fromStdString(model::siteHeaderText(result, units, english)));
    if (const std::string station = model::stationText(result, english); !station.empty()) {
        layout.text(QString::fromStdString(station));
    }
    layout.heading(QStringLiteral("Verdict"));
    layout.text(QString::fromStdString(model::verdictText(result, units, english)));
    layout.text(
        QStringLiteral("Water and carbon: %1 of site water a year (WUE %2) and %3 t CO\u2082e "
                       "location-based (%4 t market-based).")
            .arg(QString::fromStdString(model::formatQuantity(
                     result.annual.waterM3, model::FigureKind::WaterVolume, 0, units, english)),
                 QString::fromStdString(model::formatQuantity(result.annual.wueSiteLPerKwh,
                                                              model::FigureKind::WaterIntensity, 3,
                                                              units, english)),
                 formatNumber(result.annual.carbonLocationT, 0),
                 formatNumber(result.annual.carbonMarketT, 0)));
    if (const std::string basis = model::carbonBasisText(result); !basis.empty()) {
        layout.text(QString::fromStdString(basis));
    }
    // The headline figures that have published references, each against them (the whole
    // summary follows on page 2).
    const model::ReferenceContext context = model::referenceContext(result);
    std::vector<QStringList> kpis;
    for (const model::KpiField& field : model::kpiFields()) {
        const std::string references = model::referencesText(field, context, units, english);
        if (field.display.headline && !references.empty()) {
            kpis.push_back(
                {QString::fromStdString(field.display.label),
                 QString::fromStdString(model::displayKpi(field, result, units, english)),
                 QString::fromStdString(references)});
        }
    }
    if (!kpis.empty()) {
        layout.heading(QStringLiteral("Against published figures"));
        layout.table({{QStringLiteral("Indicator"), 1.2},
                      {QStringLiteral("This site"), 1.0, Qt::AlignRight},
                      {QStringLiteral("Reference"), 3.8}},
                     kpis);
    }
    layout.heading(QStringLiteral("Risks"));
    const std::vector<std::string> risks = model::riskTexts(result, units, english);
    if (risks.empty()) {
        layout.text(QStringLiteral("None found: no limit is exceeded, the supply air stayed "
                                   "inside its humidity envelope every hour, and the run raised "
                                   "no warnings."));
    }
    for (const std::string& risk : risks) {
        layout.text(QStringLiteral("\u2022 ") + QString::fromStdString(risk));
    }
    layout.space(12.0);

    std::vector<QStringList> rows;
    rows.push_back({QStringLiteral("Scenario hash"), QString::fromStdString(result.scenarioHash)});
    rows.push_back({QStringLiteral("Date"), options.date.toString(Qt::ISODate)});
    rows.push_back({QStringLiteral("Headroom version"), QString::fromUtf8(kVersion)});
    rows.push_back({QStringLiteral("Units"),
                    units.ip() ? QStringLiteral("US customary (IP)") : QStringLiteral("SI")});
    const std::optional<model::RunInputs>& site = result.inputs;
    if (site) {
        rows.push_back({QStringLiteral("Site location"),
                        QStringLiteral("%1\u00b0, %2\u00b0, elevation %3 m")
                            .arg(site->location.latitudeDeg, 0, 'f', 4)
                            .arg(site->location.longitudeDeg, 0, 'f', 4)
                            .arg(site->location.elevation.value(), 0, 'f', 0)});
        rows.push_back({QStringLiteral("Cooling design"),
                        fromView(model::choiceLabel("/cooling/design",
                                                    static_cast<int>(site->coolingDesign)))});
        if (!site->gridRegion.empty()) {
            rows.push_back(
                {QStringLiteral("Grid region"), QString::fromStdString(site->gridRegion)});
        }
    }
    QString proxyNote;
    if (site && site->station) {
        const model::WeatherStation& s = *site->station;
        QStringList where;
        for (const std::string& part : {s.city, s.region, s.country}) {
            if (!part.empty()) {
                where << QString::fromStdString(part);
            }
        }
        QString station = where.join(QStringLiteral(", "));
        if (!s.wmo.empty()) {
            station += QStringLiteral(" (WMO %1)").arg(QString::fromStdString(s.wmo));
        }
        if (!s.dataSource.empty()) {
            station += QStringLiteral(", %1").arg(QString::fromStdString(s.dataSource));
        }
        station += QStringLiteral("; %1\u00b0, %2\u00b0, %3 m")
                       .arg(s.latitudeDeg, 0, 'f', 3)
                       .arg(s.longitudeDeg, 0, 'f', 3)
                       .arg(s.elevationM, 0, 'f', 0);
        rows.push_back({QStringLiteral("Climate station"), station});
        // A station far from the site is a proxy for it: say so, with the note the site
        // file gives.
        proxyNote = QString::fromStdString(model::proxyStationText(result));
    }
    if (const std::string zone = model::climateZoneText(model::referenceContext(result));
        !zone.empty()) {
        rows.push_back({QStringLiteral("Climate zone"), QString::fromStdString(zone)});
    }
    if (!result.climateProvenance.empty()) {
        rows.push_back(
            {QStringLiteral("Climate source"), QString::fromStdString(result.climateProvenance)});
    }
    if (site && !site->climateNote.empty()) {
        proxyNote += (proxyNote.isEmpty() ? QString() : QStringLiteral(" ")) +
                     QString::fromStdString(site->climateNote);
    }
    if (!proxyNote.isEmpty()) {
        rows.push_back({QStringLiteral("Climate note"), proxyNote});
    }
    layout.table({{QStringLiteral("Item"), 1.0}, {QStringLiteral("Value"), 3.0}}, rows);
    if (!site) {
        layout.note(QStringLiteral("Written from a result alone: the site's climate station, "
                                   "and envelope are not shown."));
    }
}

QStringList monthRow(const QString& label, double it, double facility, double pue, double wue,
                     double water, double waterHours, double carbonLoc, double carbonMarket,
                     const DisplayUnits& units) {
    return {label,
            formatNumber(it, 0),
            formatNumber(facility, 0),
            formatNumber(pue, 3),
            formatNumber(units.waterIntensity(wue), 3),
            formatNumber(units.waterVolume(water), 0),
            formatNumber(waterHours, 0),
            formatNumber(carbonLoc, 0),
            formatNumber(carbonMarket, 0)};
}

void monthlyTable(ReportLayout& layout, const RunResult& result, const DisplayUnits& units) {
    layout.heading(QStringLiteral("Months"));
    const auto& m = result.monthly;
    std::vector<QStringList> rows;
    double waterHours = 0.0;
    for (int i = 0; i < 12; ++i) {
        rows.push_back(monthRow(monthLabel(i + 1), m.itEnergyMwh[i], m.facilityEnergyMwh[i],
                                m.pue[i], m.wueSiteLPerKwh[i], m.waterM3[i], m.waterHours[i],
                                m.carbonLocationT[i], m.carbonMarketT[i], units));
        waterHours += m.waterHours[i];
    }
    const auto& a = result.annual;
    rows.push_back(monthRow(QStringLiteral("Year"), a.itEnergyMwh, a.facilityEnergyMwh, a.pue,
                            a.wueSiteLPerKwh, a.waterM3, waterHours, a.carbonLocationT,
                            a.carbonMarketT, units));
    const auto right = Qt::AlignRight;
    layout.table(
        {{QStringLiteral("Month"), 0.8},
         {QStringLiteral("IT energy (MWh)"), 1.2, right},
         {QStringLiteral("Facility energy (MWh)"), 1.2, right},
         {QStringLiteral("PUE"), 0.8, right},
         {QStringLiteral("WUE site (%1)").arg(unitText(units.waterIntensityUnit())), 1.0, right},
         {QStringLiteral("Site water (%1)").arg(unitText(units.waterVolumeUnit())), 1.2, right},
         {QStringLiteral("Hours using water"), 1.0, right},
         {QStringLiteral("Carbon, location (t)"), 1.1, right},
         {QStringLiteral("Carbon, market (t)"), 1.1, right}},
        rows, true);
}

void materialsTables(ReportLayout& layout, const RunResult& result, const DisplayUnits& units) {
    layout.heading(QStringLiteral("Bill of materials"));
    const auto right = Qt::AlignRight;
    if (!result.billOfMaterials.empty()) {
        std::vector<QStringList> rows;
        for (const model::BomLine& line : result.billOfMaterials) {
            const bool whole = std::abs(line.quantity - std::round(line.quantity)) < 1e-9;
            rows.push_back(
                {QString::fromStdString(line.category), QString::fromStdString(line.item),
                 formatNumber(line.quantity, whole ? 0 : 2), QString::fromStdString(line.unit)});
        }
        layout.table({{QStringLiteral("Category"), 1.0},
                      {QStringLiteral("Item"), 3.0},
                      {QStringLiteral("Quantity"), 1.0, right},
                      {QStringLiteral("Unit"), 0.8}},
                     rows);
    } else {
        layout.note(QStringLiteral("The result carries no itemised bill of materials; the "
                                   "sizing below lists the counts."));
    }

    const model::ComputeSizing& c = result.compute;
    const model::PlantSizing& p = result.plant;
    std::vector<QStringList> rows;
    const auto count = [&](const QString& what, double n, const QString& detail = QString()) {
        rows.push_back({what, formatNumber(n, 0), detail});
    };
    count(QStringLiteral("UltraServers"), c.ultraServers);
    count(QStringLiteral("Servers"), c.servers);
    count(QStringLiteral("Chips"), c.chips);
    count(QStringLiteral("Racks"), c.racks);
    count(QStringLiteral("Rows"), c.rows);
    count(QStringLiteral("Halls used"), c.hallsUsed);
    for (std::size_t tier = 0; tier < c.switchesPerTier.size(); ++tier) {
        count(QStringLiteral("Switches, tier %1").arg(tier + 1), c.switchesPerTier[tier],
              tier == 0 ? QStringLiteral("leaf") : QString());
    }
    count(QStringLiteral("Transceivers"), static_cast<double>(c.transceivers));
    count(QStringLiteral("Cables"), static_cast<double>(c.cables));
    count(QStringLiteral("Transformers"), p.transformers,
          QStringLiteral("%1 MW each").arg(formatNumber(p.transformerRatingMw, 2)));
    count(
        QStringLiteral("UPS modules"), p.upsModules,
        QStringLiteral("%1 MW each, %2 % loaded at design")
            .arg(formatNumber(p.upsModuleRatingMw, 2), formatNumber(100.0 * p.upsLoadFraction, 0)));
    count(QStringLiteral("Generators"), p.generators,
          QStringLiteral("%1 MW each").arg(formatNumber(p.generatorRatingMw, 2)));
    count(QStringLiteral("Cooling units"), p.coolingUnits);
    rows.push_back({QStringLiteral("Design-hour facility demand"),
                    formatNumber(p.designHourFacilityMw, 1), QStringLiteral("MW")});
    rows.push_back({QStringLiteral("Design-hour heat rejection"),
                    formatNumber(units.coolingPower(p.designHourFacilityMw), 0),
                    unitText(units.coolingPowerUnit())});
    rows.push_back({QStringLiteral("Fabric"), QStringLiteral("%1 tiers").arg(c.fabricTiers),
                    QStringLiteral("bisection %1 Tb/s, network power %2 kW")
                        .arg(formatNumber(c.bisectionTbps, 0), formatNumber(c.networkPowerKw, 0))});
    rows.push_back({QStringLiteral("Stranded power"), formatNumber(c.strandedPowerPerRackKw, 1),
                    QStringLiteral("kW per rack; %1 kW per hall")
                        .arg(formatNumber(c.strandedPowerPerHallKw, 0))});
    if (result.inputs) {
        const model::RunInputs& inputs = *result.inputs;
        const double area = inputs.floorAreaPerHall.value() * inputs.halls;
        rows.push_back(
            {QStringLiteral("Hall floor area"), formatNumber(units.area(area), 0),
             QStringLiteral("%1 over %2 halls").arg(unitText(units.areaUnit())).arg(inputs.halls)});
    }
    layout.heading(QStringLiteral("Compute and plant sizing"));
    layout.table({{QStringLiteral("Item"), 2.0},
                  {QStringLiteral("Quantity"), 1.0, right},
                  {QStringLiteral("Detail"), 3.0}},
                 rows);
}

/// What the deployed chips deliver, from the performance engine (model/perf): each training
/// run's layout and step, its costs started in January and July, the fabric trade-off at
/// 1:1, 2:1 and 4:1; each inference service's replica, batch and per-token costs.
void workloadTables(ReportLayout& layout, const RunResult& result, const DisplayUnits& units) {
    if (result.training.empty() && result.inference.empty()) {
        return;
    }
    layout.heading(QStringLiteral("Workloads"));
    const auto right = Qt::AlignRight;
    const QString water = unitText(units.waterVolumeUnit());
    for (const model::TrainingResult& t : result.training) {
        layout.text(QStringLiteral("Training run \u201c%1\u201d: %2 FLOP on the whole site, "
                                   "layout found by the performance engine: %3.")
                        .arg(QString::fromStdString(t.name), QString::number(t.flops, 'e', 2),
                             QString::fromStdString(model::layoutDescription(t.layout))));
        layout.table({{QStringLiteral("Step (s)"), 1.0, right},
                      {QStringLiteral("Compute (s)"), 1.0, right},
                      {QStringLiteral("Exposed comm. (s)"), 1.0, right},
                      {QStringLiteral("Bubble (s)"), 1.0, right},
                      {QStringLiteral("MFU"), 0.8, right},
                      {QStringLiteral("Tokens/s"), 1.2, right},
                      {QStringLiteral("Time to train (days)"), 1.2, right}},
                     {{formatNumber(t.stepSeconds, 2), formatNumber(t.computeSeconds, 2),
                       formatNumber(t.exposedCommSeconds, 2), formatNumber(t.bubbleSeconds, 2),
                       formatNumber(100.0 * t.mfu, 1) + QStringLiteral(" %"),
                       formatNumber(t.tokensPerSecond, 0), formatNumber(t.hours / 24.0, 1)}});
        const auto costRow = [&](const QString& when, const model::RunCosts& c) {
            return QStringList{when,
                               formatNumber(c.itEnergyMwh, 0),
                               formatNumber(c.facilityEnergyMwh, 0),
                               formatNumber(units.waterVolume(c.siteWaterM3), 0),
                               formatNumber(units.waterVolume(c.sourceWaterM3), 0),
                               formatNumber(c.carbonT, 0)};
        };
        layout.text(QStringLiteral("What one run costs, from the hourly simulation over the "
                                   "hours it runs; the season's effect is the same run started "
                                   "on January 1 and on July 1."));
        layout.table({{QStringLiteral("Started"), 1.4},
                      {QStringLiteral("IT energy (MWh)"), 1.0, right},
                      {QStringLiteral("Facility energy (MWh)"), 1.0, right},
                      {QStringLiteral("Site water (%1)").arg(water), 1.0, right},
                      {QStringLiteral("Source water (%1)").arg(water), 1.0, right},
                      {QStringLiteral("Carbon (t CO\u2082e)"), 1.0, right}},
                     {costRow(QStringLiteral("as scheduled"), t.costs),
                      costRow(QStringLiteral("January 1"), t.januaryStart),
                      costRow(QStringLiteral("July 1"), t.julyStart)});
        if (!t.fabricOptions.empty()) {
            static const model::NumberStyle english = model::englishNumberStyle();
            const auto& columns = model::fabricTradeOffColumns();
            std::vector<Column> header;
            for (const model::FabricTradeOffColumn& column : columns) {
                // The leaf's ratio is a short label on the left; every figure right-aligned.
                const bool leaf = header.empty();
                header.push_back(
                    {QString::fromStdString(model::fabricTradeOffHeader(column, units)),
                     leaf ? 0.6 : 1.0, leaf ? Qt::AlignLeft : right});
            }
            std::vector<QStringList> rows;
            for (const model::FabricOption& o : t.fabricOptions) {
                QStringList cells;
                for (const model::FabricTradeOffColumn& column : columns) {
                    cells << QString::fromStdString(model::fabricTradeOffCell(
                        column, o, t.fabricOptions.front(), units, english));
                }
                rows.push_back(cells);
            }
            layout.text(QStringLiteral("The fabric trade-off: the same deployment and run behind "
                                       "leaves oversubscribed 1:1, 2:1 and 4:1 \u2014 switches, "
                                       "optics and network power saved against time to train "
                                       "and energy per run added (against 1:1)."));
            layout.table(header, rows);
        }
    }
    if (!result.inference.empty()) {
        std::vector<QStringList> rows;
        for (const model::InferenceResult& r : result.inference) {
            rows.push_back({QString::fromStdString(r.name),
                            QStringLiteral("%1 \u00d7 %2").arg(r.chipsPerReplica).arg(r.batch),
                            formatNumber(r.tokensPerSecondPerChip, 0),
                            r.computeBound ? QStringLiteral("compute") : QStringLiteral("memory"),
                            formatNumber(r.energyKwhPerMillionTokens, 3),
                            formatNumber(units.smallWaterVolume(r.waterLPerMillionTokens), 3),
                            formatNumber(r.carbonKgPerMillionTokens, 3)});
        }
        layout.text(QStringLiteral("Inference: the replica (chips \u00d7 concurrent requests) "
                                   "and batch meeting the service's latency target; per "
                                   "million output tokens over the year."));
        layout.table(
            {{QStringLiteral("Model"), 1.6},
             {QStringLiteral("Chips \u00d7 batch"), 1.0, right},
             {QStringLiteral("Tokens/s per chip"), 1.0, right},
             {QStringLiteral("Decode bound by"), 0.8},
             {QStringLiteral("Energy (kWh)"), 1.0, right},
             {QStringLiteral("Water (%1)").arg(unitText(units.smallWaterVolumeUnit())), 1.0, right},
             {QStringLiteral("Carbon (kg CO\u2082e)"), 1.0, right}},
            rows);
    }
}

void assumptionTable(ReportLayout& layout, const RunResult& result) {
    layout.heading(QStringLiteral("Assumptions and their sources"));
    if (!result.assumptions || result.assumptions->empty()) {
        layout.note(QStringLiteral("The run lists no assumptions: the site file sources no "
                                   "figure and every default was given."));
        return;
    }
    layout.text(QStringLiteral("Every figure the run took from a default (\"default\": the "
                               "field was absent from the site file) and every figure the file "
                               "gives a source for (\"file\")."));
    std::vector<QStringList> rows;
    for (const model::Assumption& a : *result.assumptions) {
        rows.push_back({QString::fromStdString(a.pointer), QString::fromStdString(a.text),
                        QString::fromLatin1(model::assumptionOriginName(a.origin)),
                        a.source.empty() ? QStringLiteral("(no source given)")
                                         : QString::fromStdString(a.source)});
    }
    layout.table({{QStringLiteral("Field"), 1.6},
                  {QStringLiteral("Value"), 0.9},
                  {QStringLiteral("Origin"), 0.6},
                  {QStringLiteral("Source"), 2.9}},
                 rows);
}

void warningTable(ReportLayout& layout, const RunResult& result) {
    layout.heading(QStringLiteral("Warnings"));
    if (result.diagnostics.empty()) {
        layout.text(QStringLiteral("The run reported no warnings."));
        return;
    }
    std::vector<QStringList> rows;
    for (const model::Diagnostic& d : result.diagnostics.items()) {
        QString where = QString::fromStdString(d.file);
        if (d.line > 0) {
            where += QStringLiteral(":%1:%2").arg(d.line).arg(d.column);
        }
        if (!d.pointer.empty()) {
            where += (where.isEmpty() ? QString() : QStringLiteral(" ")) +
                     QString::fromStdString(d.pointer);
        }
        rows.push_back({QString::fromLatin1(model::severityName(d.severity)), where,
                        QString::fromStdString(d.message)});
    }
    layout.table({{QStringLiteral("Severity"), 0.7},
                  {QStringLiteral("Where"), 1.6},
                  {QStringLiteral("Message"), 3.7}},
                 rows);
}

/// How the summary's indicators are defined, and where its comparison figures come from.
QString kpiNote() {
    return QStringLiteral(
        "PUE = facility energy / IT energy (ISO/IEC 30134-2 [iso-30134-2]). WUE site = site water "
        "/ IT energy (ISO/IEC 30134-9 [iso-30134-9]); WUE source adds EWIF \u00d7 PUE (The Green "
        "Grid [greengrid-wp35-wue]). CUE = location-based CO\u2082e of facility energy / IT "
        "energy (ISO/IEC 30134-8 [iso-30134-8]). AWS figures from AWS sustainability reporting "
        "(2024) [O] [amazon-2024-sustainability]; LBNL figures from the LBNL 2024 United States "
        "Data Center Energy Usage Report, Lei-Masanet designs, P50 [P5-P95] [lbnl-2024-usage].");
}

void summaryPage(ReportLayout& layout, const RunResult& result, const PdfReportOptions& options) {
    layout.heading(QStringLiteral("Summary"));
    std::vector<QStringList> rows;
    for (const KpiRow& row : summaryKpis(result, options)) {
        rows.push_back({row.label, row.value, row.unit, row.reference});
    }
    layout.table({{QStringLiteral("Indicator"), 1.7},
                  {QStringLiteral("Value"), 1.0, Qt::AlignRight},
                  {QStringLiteral("Unit"), 0.8},
                  {QStringLiteral("Reference"), 3.0}},
                 rows);
    const auto& a = result.annual;
    QStringList zeroWater;
    for (int month : a.zeroWaterMonths) {
        zeroWater << monthLabel(month);
    }
    const ChartContext context = chartContextFor(result, options.units);
    const QString excursions = envelopeExcursionText(result, context.envelope, context.units);
    layout.text(QStringLiteral("Months without cooling water: %1%2. Water-free hours: %3; "
                               "longest water-free run: %4 days.")
                    .arg(zeroWater.isEmpty() ? QStringLiteral("none")
                                             : zeroWater.join(QStringLiteral(", ")))
                    .arg(excursions.isEmpty() ? QString() : QStringLiteral(" \u2014 ") + excursions)
                    .arg(formatNumber(a.waterFreeHours, 0))
                    .arg(a.longestWaterFreeRunDays));
    // Hours the plant let the supply air leave the humidity envelope (no humidifier, no
    // drying of recirculated air): the planner widens the envelope or pays the water.
    layout.text(
        a.hoursOutsideEnvelope == 0
            ? QStringLiteral("The supply air stayed inside the envelope's humidity limits every "
                             "hour.")
            : QStringLiteral("Hours outside the supply envelope's humidity limits: %1 (%2 too "
                             "dry, %3 too humid).")
                  .arg(formatNumber(a.hoursOutsideEnvelope, 0), formatNumber(a.hoursTooDry, 0),
                       formatNumber(a.hoursTooHumid, 0)));
    QStringList modes;
    for (int i = 0; i < model::kCoolingModeCount; ++i) {
        modes << QStringLiteral("%1 %2 h")
                     .arg(coolingModeLabel(static_cast<model::CoolingMode>(i)))
                     .arg(formatNumber(a.modeHours[static_cast<std::size_t>(i)], 0));
    }
    layout.text(QStringLiteral("Cooling mode hours: %1.").arg(modes.join(QStringLiteral("; "))));
    layout.text(QStringLiteral("Partial PUE: cooling %1, power chain %2. ASHRAE 90.4 annualized "
                               "MLC %3, ELC %4.")
                    .arg(formatNumber(a.ppueCooling, 3), formatNumber(a.ppuePower, 3),
                         formatNumber(a.mlcAnnualized, 3), formatNumber(a.elcAnnualized, 3)));
    layout.note(kpiNote());
}

/// The works the report cites (in the summary's references and note, and in the sources of
/// the run's assumptions), listed in full in author-year order, each after its [id].
void referenceList(ReportLayout& layout, const RunResult& result, const PdfReportOptions& options) {
    std::string citing =
        kpiNote().toStdString() + "\n" + model::climateZoneText(model::referenceContext(result));
    for (const KpiRow& row : summaryKpis(result, options)) {
        citing += "\n" + row.reference.toStdString();
    }
    if (result.assumptions) {
        for (const model::Assumption& a : *result.assumptions) {
            citing += "\n" + a.source;
        }
    }
    std::vector<std::pair<std::string, std::string>> references; // (reference, id)
    for (const auto& id : model::citedIds(citing)) {
        const std::string reference = model::Bibliography::builtin().format(id);
        references.emplace_back(reference.empty() ? "(not in Headroom's bibliography)" : reference,
                                id);
    }
    std::sort(references.begin(), references.end());
    layout.heading(QStringLiteral("References"));
    for (const auto& [reference, id] : references) {
        layout.text(QStringLiteral("[%1] %2").arg(QString::fromStdString(id),
                                                  QString::fromStdString(reference)));
    }
}

} // namespace

std::vector<KpiRow> summaryKpis(const RunResult& result, const PdfReportOptions& options) {
    const DisplayUnits units(options.units);
    static const model::NumberStyle english = model::englishNumberStyle();
    const model::ReferenceContext context = model::referenceContext(result);
    std::vector<KpiRow> rows;
    // The headline rows of the result table; beside each, the published figures it
    // compares with, else what it means.
    for (const model::KpiField& field : model::kpiFields()) {
        if (!field.display.headline) {
            continue;
        }
        const std::string references = model::referencesText(field, context, units, english);
        rows.push_back(
            {QString::fromStdString(field.display.label),
             QString::fromStdString(model::displayKpi(field, result, units, english, false)),
             unitText(units.unit(field.display.kind)),
             QString::fromStdString(references.empty() ? field.display.description : references)});
    }
    return rows;
}

PdfReportStatus writeReportPdf(const QString& path, const PdfReportOptions& options,
                               const QString& title, const QString& footer,
                               const std::function<void(ReportLayout&)>& fill) {
    PdfReportStatus status;
    if (!QApplication::instance()) {
        status.error = QStringLiteral("the PDF report needs a QApplication");
        return status;
    }
    if (options.pageSize != QPageSize::A4 && options.pageSize != QPageSize::Letter) {
        status.error = QStringLiteral("the PDF report is laid out for A4 or Letter pages");
        return status;
    }
    // QSaveFile writes beside the target and renames on commit: never a half file.
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        status.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return status;
    }
    {
        PdfDocument document(&file, options.pageSize, title);
        if (!document.isOpen()) {
            status.error = QStringLiteral("cannot start a PDF in %1").arg(path);
            file.cancelWriting();
            return status;
        }
        ReportLayout layout(document, footer);
        fill(layout);
        status.pages = document.pageCount();
        if (!document.finish()) {
            status.error = QStringLiteral("the PDF writer failed on %1").arg(path);
            file.cancelWriting();
            return status;
        }
    }
    // As model/core/atomic_file: data on disk before the rename, so a power cut cannot
    // leave the new name on empty blocks.
    file.flush();
    ::fsync(file.handle());
    if (!file.commit()) {
        status.error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return status;
    }
    status.ok = true;
    return status;
}

PdfReportStatus writePdfReport(const RunResult& result, const QString& path,
                               const PdfReportOptions& options) {
    const DisplayUnits units(options.units);
    const QString siteName = QString::fromStdString(result.siteName);
    return writeReportPdf(path, options, QStringLiteral("Headroom site report: %1").arg(siteName),
                          QStringLiteral("Headroom %1 \u00b7 %2 \u00b7 scenario %3")
                              .arg(QString::fromUtf8(kVersion), siteName,
                                   QString::fromStdString(result.scenarioHash).left(12)),
                          [&](ReportLayout& layout) {
                              titlePage(layout, result, options, units);
                              layout.newPage();
                              summaryPage(layout, result, options);

                              // The charts, two to a page, drawn by the desktop's builders.
                              QCustomPlot plot;
                              useReportChartFont(plot);
                              const ChartContext context = chartContextFor(result, options.units);
                              layout.newPage();
                              for (const ChartKind& kind : chartKinds()) {
                                  kind.build(plot, result, context);
                                  layout.chart(plot, layout.halfPageChartHeight());
                              }
                              layout.newPage();
                              monthlyTable(layout, result, units);
                              materialsTables(layout, result, units);
                              workloadTables(layout, result, units);
                              assumptionTable(layout, result);
                              warningTable(layout, result);
                              referenceList(layout, result, options);
                          });
}

void ensureOffscreenApplication() {
    if (QCoreApplication::instance()) {
        return;
    }
    // Headless: no display is needed, and none is touched.
    qputenv("QT_QPA_PLATFORM", "offscreen");
    // Without a login session (cron, CI, ssh) XDG_RUNTIME_DIR is unset and Qt warns about it
    // on every run, though nothing here uses the runtime folder: that one line is dropped,
    // every other message goes where it went.
    static const QtMessageHandler previous = qInstallMessageHandler(
        [](QtMsgType type, const QMessageLogContext& context, const QString& message) {
            if (message.startsWith(QLatin1String("QStandardPaths: XDG_RUNTIME_DIR not set"))) {
                return;
            }
            if (previous) {
                previous(type, context, message);
            } else {
                std::fprintf(stderr, "%s\n",
                             qUtf8Printable(qFormatLogMessage(type, context, message)));
            }
        });
    static int argc = 1;
    static char name[] = "headroom";
    static char* argv[] = {name, nullptr};
    static QApplication* app = new QApplication(argc, argv);
    (void)app;
}

} // namespace headroom::ui
