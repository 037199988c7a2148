#include "ui/report/plan_pdf_report.h"

#include "model/core/version.h"
#include "model/report/plan_report.h"
#include "ui/charts/plan_charts.h"
#include "ui/report/pdf_document.h"
#include "ui/report/report_layout.h"

#include <qcustomplot.h>

#include <algorithm>
#include <cmath>

namespace headroom::ui {

namespace {

/// The figures of the horizon, each formatted by its row of planHorizonFields().
void horizonTable(ReportLayout& layout, const model::PlanResult& plan, const DisplayUnits& units) {
    const model::NumberStyle style = model::englishNumberStyle();
    std::vector<QStringList> rows;
    for (const model::PlanHorizonField& field : model::planHorizonFields()) {
        const double value = field.get(plan);
        rows.push_back({QString::fromStdString(field.display.label),
                        std::isfinite(value)
                            ? QString::fromStdString(model::formatValue(
                                  value, field.display.kind, field.display.decimals, units, style))
                            : QString::fromStdString(field.display.absent),
                        QString::fromStdString(units.unit(field.display.kind)),
                        QString::fromStdString(field.display.description)});
    }
    layout.table({{QStringLiteral("Horizon"), 3.0},
                  {QStringLiteral("Value"), 2.0, Qt::AlignRight},
                  {QStringLiteral("Unit"), 1.4},
                  {QStringLiteral("What it is"), 4.0}},
                 rows);
}

/// One row per year: the result table's rows the Plan view shows, and the zero-water months.
void yearsTable(ReportLayout& layout, const model::PlanResult& plan, const DisplayUnits& units) {
    const model::NumberStyle style = model::englishNumberStyle();
    const char* const keys[] = {"design_hour_it_mw", "facility_energy_mwh", "pue",
                                "water_m3",          "carbon_location_t",   "cue_kg_per_kwh"};
    std::vector<Column> columns{{QStringLiteral("Year"), 0.8}};
    for (const char* key : keys) {
        const model::KpiField& field = *model::findKpiField(key);
        const std::string unit = units.unit(field.display.kind);
        columns.push_back({unit.empty() ? QString::fromStdString(field.display.label)
                                        : QStringLiteral("%1 (%2)").arg(
                                              QString::fromStdString(field.display.label),
                                              QString::fromStdString(unit)),
                           1.5, Qt::AlignRight});
    }
    columns.push_back({QStringLiteral("Zero-water months"), 2.0});
    columns.push_back({QStringLiteral("No longer water-free"), 1.4});
    std::vector<QStringList> rows;
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const model::PlanYearResult& year = plan.years[i];
        QStringList row{QString::number(year.year)};
        for (const char* key : keys) {
            row << QString::fromStdString(
                model::displayKpi(*model::findKpiField(key), year.result, units, style, false));
        }
        row << monthList(year.result.annual.zeroWaterMonths)
            << monthList(model::monthsNoLongerWaterFree(plan, i));
        rows.push_back(row);
    }
    layout.table(columns, rows);
}

/// The hardware of each year: platform, chip, buildings, halls, UltraServers, chips, IT.
void generationsTable(ReportLayout& layout, const model::PlanResult& plan) {
    std::vector<QStringList> rows;
    for (const model::PlanYearResult& year : plan.years) {
        for (const model::PlanGeneration& g : year.generations) {
            rows.push_back({QString::number(year.year), QString::fromStdString(g.platformId),
                            QString::fromStdString(g.chipId), QString::number(g.buildings),
                            QString::number(g.halls), formatNumber(g.ultraServers, 0),
                            formatNumber(g.chips, 0), formatNumber(g.deployedItMw, 1)});
        }
    }
    layout.table({{QStringLiteral("Year"), 0.8},
                  {QStringLiteral("Platform"), 2.0},
                  {QStringLiteral("Chip"), 1.4},
                  {QStringLiteral("Buildings"), 1.0, Qt::AlignRight},
                  {QStringLiteral("Halls"), 0.8, Qt::AlignRight},
                  {QStringLiteral("UltraServers"), 1.2, Qt::AlignRight},
                  {QStringLiteral("Chips"), 1.4, Qt::AlignRight},
                  {QStringLiteral("Design-hour IT (MW)"), 1.6, Qt::AlignRight}},
                 rows);
}

/// "120 %": a scale of an uncertain input.
QString percent(double scale) {
    return QStringLiteral("%1 %").arg(formatNumber(scale * 100.0, 1));
}

/// The uncertainty: the declared inputs, the horizon's bands, each year's bands of water
/// and carbon, and the tornado's runs.
void uncertaintySection(ReportLayout& layout, const model::PlanResult& plan,
                        const DisplayUnits& units) {
    const model::PlanUncertaintyResult& u = *plan.uncertainty;
    const model::NumberStyle style = model::englishNumberStyle();
    layout.heading(QStringLiteral("Uncertainty"));
    layout.note(QStringLiteral("%1 draws of the whole plan, seed %2, each input's scale drawn "
                               "from its declared distribution (100 %: the plan as written)%3. "
                               "P10, P50 and P90 by Hyndman and Fan's definition 7. The tornado "
                               "runs the plan with one input at its low and then its high "
                               "scale, every other as written.")
                    .arg(u.draws)
                    .arg(u.seed)
                    .arg(u.warmingStep > 0.0
                             ? QStringLiteral(", the warming's rounded to a step of %1 "
                                              "(/plan/uncertainty/warming_step; the "
                                              "tornado's are not)")
                                   .arg(percent(u.warmingStep))
                             : QStringLiteral(", the warming's not rounded")));
    std::vector<QStringList> inputs;
    for (const model::PlanTornadoInput& bar : u.tornado) {
        const model::PlanUncertainInput& d = bar.declared;
        QString figures;
        switch (d.distribution) {
        case model::PlanDistribution::Uniform:
            figures = QStringLiteral("uniform %1 to %2").arg(percent(*d.min), percent(*d.max));
            break;
        case model::PlanDistribution::Triangular:
            figures = QStringLiteral("triangular %1, %2, %3")
                          .arg(percent(*d.min), percent(*d.mode), percent(*d.max));
            break;
        case model::PlanDistribution::CatalogRange:
            figures = QStringLiteral("the cost catalog's range: triangular %1, %2, %3")
                          .arg(percent(*d.min), percent(*d.mode), percent(*d.max));
            break;
        case model::PlanDistribution::Normal:
            figures =
                QStringLiteral("normal, mean %1, sd %2").arg(percent(*d.mean), percent(*d.sd));
            break;
        }
        inputs.push_back({QString::fromStdString(model::planInputName(d.input)), figures,
                          percent(bar.low), percent(bar.high)});
    }
    layout.table({{QStringLiteral("Input"), 2.0},
                  {QStringLiteral("Distribution of its scale"), 4.0},
                  {QStringLiteral("Tornado low"), 1.4, Qt::AlignRight},
                  {QStringLiteral("Tornado high"), 1.4, Qt::AlignRight}},
                 inputs);
    // What the draws assumed, as the run report lists a run's assumptions.
    if (!u.assumptions.empty()) {
        std::vector<QStringList> rows;
        for (const model::Assumption& a : u.assumptions) {
            rows.push_back({QString::fromStdString(a.pointer), QString::fromStdString(a.text),
                            QString::fromLatin1(model::assumptionOriginName(a.origin)),
                            a.source.empty() ? QStringLiteral("(no source given)")
                                             : QString::fromStdString(a.source)});
        }
        layout.table({{QStringLiteral("Assumed by the draws"), 1.6},
                      {QStringLiteral("Value"), 0.9},
                      {QStringLiteral("Origin"), 0.6},
                      {QStringLiteral("Source"), 2.9}},
                     rows);
    }

    const auto value = [&](double v, const model::KpiDisplay& display) {
        return std::isfinite(v) ? QString::fromStdString(model::formatValue(
                                      v, display.kind, display.decimals, units, style))
                                : QString::fromStdString(display.absent);
    };
    std::vector<QStringList> horizon;
    const auto& fields = model::planHorizonFields();
    for (std::size_t f = 0; f < u.horizon.size() && f < fields.size(); ++f) {
        const model::KpiDisplay& d = fields[f].display;
        horizon.push_back({QString::fromStdString(d.label), value(u.horizon[f].p10, d),
                           value(u.horizon[f].p50, d), value(u.horizon[f].p90, d),
                           QString::fromStdString(units.unit(d.kind))});
    }
    layout.table({{QStringLiteral("Horizon"), 3.0},
                  {QStringLiteral("P10"), 1.6, Qt::AlignRight},
                  {QStringLiteral("P50"), 1.6, Qt::AlignRight},
                  {QStringLiteral("P90"), 1.6, Qt::AlignRight},
                  {QStringLiteral("Unit"), 1.2}},
                 horizon);

    // Each year's water and carbon bands (the other figures are in plan.json).
    const char* const keys[] = {"water_m3", "carbon_location_t"};
    std::vector<Column> columns{{QStringLiteral("Year"), 0.8}};
    std::vector<int> index;
    for (const char* key : keys) {
        const model::KpiField& field = *model::findKpiField(key);
        const auto at = std::find(u.yearFigures.begin(), u.yearFigures.end(), key);
        index.push_back(static_cast<int>(at - u.yearFigures.begin()));
        for (const char* q : {"P10", "P50", "P90"}) {
            columns.push_back(
                {QStringLiteral("%1 %2 (%3)")
                     .arg(QString::fromStdString(field.display.label), QString::fromLatin1(q),
                          QString::fromStdString(units.unit(field.display.kind))),
                 1.5, Qt::AlignRight});
        }
    }
    std::vector<QStringList> years;
    for (std::size_t y = 0; y < u.years.size() && y < plan.years.size(); ++y) {
        QStringList row{QString::number(plan.years[y].year)};
        for (std::size_t k = 0; k < std::size(keys); ++k) {
            const model::KpiDisplay& d = model::findKpiField(keys[k])->display;
            const model::PlanBand& band = u.years[y][static_cast<std::size_t>(index[k])];
            row << value(band.p10, d) << value(band.p50, d) << value(band.p90, d);
        }
        years.push_back(row);
    }
    layout.table(columns, years);

    std::vector<QStringList> tornado;
    const int water =
        static_cast<int>(std::find(u.horizonFigures.begin(), u.horizonFigures.end(), "water_m3") -
                         u.horizonFigures.begin());
    const int carbon = static_cast<int>(
        std::find(u.horizonFigures.begin(), u.horizonFigures.end(), "carbon_location_t") -
        u.horizonFigures.begin());
    for (const model::PlanTornadoInput& bar : u.tornado) {
        const auto& w = fields[static_cast<std::size_t>(water)].display;
        const auto& c = fields[static_cast<std::size_t>(carbon)].display;
        tornado.push_back({QString::fromStdString(model::planInputName(bar.declared.input)),
                           value(bar.atLow[static_cast<std::size_t>(water)], w),
                           value(bar.atHigh[static_cast<std::size_t>(water)], w),
                           value(bar.atLow[static_cast<std::size_t>(carbon)], c),
                           value(bar.atHigh[static_cast<std::size_t>(carbon)], c)});
    }
    layout.table({{QStringLiteral("Tornado input"), 2.0},
                  {QStringLiteral("Water at low (%1)")
                       .arg(QString::fromStdString(
                           units.unit(fields[static_cast<std::size_t>(water)].display.kind))),
                   1.8, Qt::AlignRight},
                  {QStringLiteral("Water at high"), 1.8, Qt::AlignRight},
                  {QStringLiteral("Carbon at low (%1)")
                       .arg(QString::fromStdString(
                           units.unit(fields[static_cast<std::size_t>(carbon)].display.kind))),
                   1.8, Qt::AlignRight},
                  {QStringLiteral("Carbon at high"), 1.8, Qt::AlignRight}},
                 tornado);
}

} // namespace

PdfReportStatus writePlanPdfReport(const model::PlanResult& plan, const QString& path,
                                   const PdfReportOptions& options) {
    const DisplayUnits units(options.units);
    const QString site = QString::fromStdString(plan.siteName);
    return writeReportPdf(
        path, options, QStringLiteral("Headroom plan: %1").arg(site),
        QStringLiteral("Headroom %1 \u00b7 %2 \u00b7 plan %3")
            .arg(QString::fromUtf8(kVersion), site,
                 QString::fromStdString(plan.scenarioHash).left(12)),
        [&](ReportLayout& layout) {
            layout.title(QStringLiteral("Plan over years"));
            layout.text(
                QStringLiteral("%1, %2\u2013%3: each year simulated hour by hour with the "
                               "buildings energized by then, the hardware its refresh policy "
                               "has put in them, the year's grid carbon and its weather "
                               "morphed by the year's warming. Scenario %4, %5.")
                    .arg(site)
                    .arg(plan.firstYear)
                    .arg(plan.lastYear)
                    .arg(QString::fromStdString(plan.scenarioHash).left(12),
                         options.date.toString(Qt::ISODate)));
            layout.heading(QStringLiteral("Horizon"));
            horizonTable(layout, plan, units);

            QCustomPlot plot;
            useReportChartFont(plot);
            ChartContext context;
            context.units = units;
            layout.newPage();
            for (const PlanChartKind& kind : planChartKinds()) {
                if (kind.applies && !kind.applies(plan)) {
                    continue;
                }
                kind.build(plot, plan, context);
                layout.chart(plot, layout.halfPageChartHeight());
            }
            layout.newPage();
            layout.heading(QStringLiteral("Years"));
            layout.note(QStringLiteral("Design-hour IT: every chip at full utilization; carbon "
                                       "and CUE location-based. Zero-water months come from each "
                                       "year's hourly water; a month no longer water-free used "
                                       "none the year before."));
            yearsTable(layout, plan, units);
            layout.heading(QStringLiteral("Hardware by year"));
            generationsTable(layout, plan);
            if (plan.uncertainty) {
                uncertaintySection(layout, plan, units);
            }
        });
}

} // namespace headroom::ui
