#include "ui/views/plan_view.h"

#include "model/plan/plan_uncertainty.h"
#include "model/report/plan_report.h"
#include "ui/charts/plan_charts.h"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <qcustomplot.h>

#include <algorithm>
#include <atomic>
#include <cmath>

namespace headroom::ui {

namespace {

constexpr int kColumns = 2;
constexpr int kPlotHeight = 320;

/// The columns of the years table: the result-table rows it shows, by key.
const char* const kYearRows[] = {"design_hour_it_mw", "facility_energy_mwh", "pue",
                                 "water_m3",          "carbon_location_t",   "cue_kg_per_kwh"};

constexpr int kProgressSteps = 1000; // the bar counts thousandths of the plans

} // namespace

/// The draws' Feedback: each new thousandth of the plans done is posted to the view on the
/// GUI thread (the worker is joined before the view goes, so the view outlives it).
class PlanView::DrawFeedback : public model::Feedback {
public:
    DrawFeedback(PlanView* view, int generation)
        : m_view(view)
        , m_generation(generation) {}

    void progress(double fraction) override {
        const int step = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * kProgressSteps);
        int shown = m_shown.load();
        while (step > shown && !m_shown.compare_exchange_weak(shown, step)) {
        }
        if (step <= shown) {
            return; // that thousandth is shown already
        }
        QMetaObject::invokeMethod(
            m_view,
            [view = m_view, generation = m_generation, step] {
                // Not a draw canceled since, nor an older one's late event.
                if (view->m_drawing && view->m_generation == generation) {
                    view->m_progress->setValue(step);
                }
            },
            Qt::QueuedConnection);
    }

private:
    PlanView* m_view;
    int m_generation;
    std::atomic<int> m_shown{0};
};

PlanView::PlanView(QWidget* parent)
    : QScrollArea(parent)
    , m_horizon(new QLabel)
    , m_charts(new QWidget)
    , m_years(new QTableWidget)
    , m_draw(new QPushButton)
    , m_progress(new QProgressBar)
    , m_cancel(new QPushButton(tr("Cancel"))) {
    setObjectName("plan");
    setWidgetResizable(true);
    auto* page = new QWidget;
    auto* layout = new QVBoxLayout(page);
    m_horizon->setObjectName("planHorizon");
    m_horizon->setWordWrap(true);
    m_horizon->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_horizon);
    m_draw->setObjectName("planDrawUncertainty");
    connect(m_draw, &QPushButton::clicked, this, &PlanView::drawUncertainty);
    auto* drawRow = new QHBoxLayout;
    drawRow->addWidget(m_draw);
    m_progress->setObjectName("planDrawProgress");
    m_progress->setRange(0, kProgressSteps);
    m_progress->setFormat(tr("%p % of the plans drawn"));
    m_progress->setVisible(false);
    drawRow->addWidget(m_progress, 1);
    m_cancel->setObjectName("planCancelDraws");
    m_cancel->setVisible(false);
    connect(m_cancel, &QPushButton::clicked, this, &PlanView::cancelDrawing);
    drawRow->addWidget(m_cancel);
    drawRow->addStretch();
    layout->addLayout(drawRow);
    auto* grid = new QGridLayout(m_charts);
    grid->setContentsMargins(0, 0, 0, 0);
    int index = 0;
    for (const PlanChartKind& kind : planChartKinds()) {
        auto* plot = new QCustomPlot(m_charts);
        const QString id = QString::fromLatin1(kind.id);
        plot->setObjectName("chart_" + id);
        plot->setMinimumHeight(kPlotHeight);
        grid->addWidget(plot, index / kColumns, index % kColumns);
        m_plots.insert(id, plot);
        ++index;
    }
    layout->addWidget(m_charts);
    m_years->setObjectName("planYears");
    m_years->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_years->verticalHeader()->setVisible(false);
    m_years->setMinimumHeight(360);
    layout->addWidget(m_years, 1);
    setWidget(page);
    rebuild();
}

PlanView::~PlanView() {
    stopDrawing();
}

void PlanView::setPlan(std::shared_ptr<const model::PlanResult> plan,
                       std::shared_ptr<const model::Site> site) {
    stopDrawing(); // draws of an older plan mean nothing for this one
    m_plan = std::move(plan);
    m_site = std::move(site);
    rebuild();
}

void PlanView::stopDrawing() {
    if (m_drawing) {
        m_drawing->cancel();
        m_drawing.reset();
    }
    if (m_worker.joinable()) {
        m_worker.join(); // a draw in flight finishes its plan first
    }
    showDrawing(false);
}

void PlanView::cancelDrawing() {
    if (!m_drawing) {
        return;
    }
    stopDrawing(); // the plans in flight finish first; their figures are dropped
    rebuild();     // the view as it was: the draw button back, no bar
}

void PlanView::showDrawing(bool drawing) {
    m_progress->setVisible(drawing);
    m_cancel->setVisible(drawing);
    if (drawing) {
        m_progress->setValue(0);
    }
}

void PlanView::drawUncertainty() {
    if (!m_plan || !m_site || !m_site->plan || !m_site->plan->uncertainty) {
        return;
    }
    stopDrawing();
    const model::PlanUncertainty& declared = *m_site->plan->uncertainty;
    const model::PlanUncertaintyOptions options{
        std::max(1, declared.draws), declared.seed,
        static_cast<int>(std::max(1u, std::thread::hardware_concurrency()))};
    auto feedback = std::make_shared<DrawFeedback>(this, ++m_generation);
    m_drawing = feedback;
    m_draw->setEnabled(false);
    m_draw->setText(tr("Drawing %n plan(s)\u2026", "", options.draws));
    showDrawing(true);
    m_worker = std::thread([this, feedback, options, plan = m_plan, site = m_site] {
        auto result = std::make_shared<model::PlanResult>(*plan);
        result->uncertainty = model::runPlanUncertainty(model::Scenario{*site, plan->scenarioHash},
                                                        options, *feedback);
        if (feedback->isCanceled()) {
            return;
        }
        // Back on the GUI thread; an event for a view already gone is dropped by Qt.
        QMetaObject::invokeMethod(
            this,
            [this, feedback, result, site] {
                if (m_drawing == feedback) {
                    m_drawing.reset();
                    if (m_worker.joinable()) {
                        m_worker.join(); // it has returned: this only reaps it
                    }
                    showDrawing(false);
                    m_plan = result;
                    m_site = site;
                    rebuild();
                }
            },
            Qt::QueuedConnection);
    });
}

void PlanView::setUnitSystem(UnitSystem system) {
    m_system = system;
    rebuild();
}

QString PlanView::horizonText() const {
    return m_horizon->text();
}

void PlanView::rebuild() {
    m_charts->setVisible(m_plan != nullptr);
    m_years->setVisible(m_plan != nullptr);
    const bool declared = m_plan && m_site && m_site->plan && m_site->plan->uncertainty;
    m_draw->setVisible(declared && !m_plan->uncertainty);
    if (declared && !m_drawing) {
        m_draw->setEnabled(true);
        m_draw->setText(tr("Draw the uncertainty (%n plan(s))", "",
                           std::max(1, m_site->plan->uncertainty->draws)));
    }
    if (!m_plan) {
        m_horizon->setText(tr("This site has no plan. A /plan section (a horizon, the phases "
                              "that energize its buildings, a refresh policy, the grid and "
                              "climate by year) runs it year by year here."));
        m_years->setRowCount(0);
        return;
    }
    const model::PlanResult& plan = *m_plan;
    const DisplayUnits units(m_system);
    const model::NumberStyle style = localeNumberStyle();
    // The horizon's totals, each formatted by its row.
    QStringList totals;
    for (const model::PlanHorizonField& field : model::planHorizonFields()) {
        const double value = field.get(plan);
        totals << QStringLiteral("%1: %2").arg(
            QString::fromStdString(field.display.label),
            std::isfinite(value)
                ? QString::fromStdString(model::formatQuantity(
                      value, field.display.kind, field.display.decimals, units, style))
                : QString::fromStdString(field.display.absent));
    }
    m_horizon->setText(tr("Plan %1\u2013%2, %3 years.\n%4")
                           .arg(plan.firstYear)
                           .arg(plan.lastYear)
                           .arg(plan.years.size())
                           .arg(totals.join(QStringLiteral(" \u00b7 "))));
    if (plan.uncertainty && !plan.uncertainty->horizon.empty()) {
        // The horizon's water and carbon over the draws, as the totals above are formatted.
        const model::PlanUncertaintyResult& u = *plan.uncertainty;
        QStringList bands;
        const auto& fields = model::planHorizonFields();
        for (std::size_t f = 0; f < fields.size() && f < u.horizon.size(); ++f) {
            if (fields[f].name != "water_m3" && fields[f].name != "carbon_location_t") {
                continue;
            }
            const auto format = [&](double v) {
                return QString::fromStdString(model::formatQuantity(
                    v, fields[f].display.kind, fields[f].display.decimals, units, style));
            };
            bands << tr("%1 P10 %2, P50 %3, P90 %4")
                         .arg(QString::fromStdString(fields[f].display.label),
                              format(u.horizon[f].p10), format(u.horizon[f].p50),
                              format(u.horizon[f].p90));
        }
        const QString step =
            u.warmingStep > 0.0
                ? tr(", warming rounded to %1 %").arg(localNumber(100.0 * u.warmingStep, 1))
                : QString();
        m_horizon->setText(m_horizon->text() + tr("\nOver %1 draws (seed %2%3): %4")
                                                   .arg(u.draws)
                                                   .arg(u.seed)
                                                   .arg(step)
                                                   .arg(bands.join(QStringLiteral(" \u00b7 "))));
    }

    ChartContext context;
    context.units = units;
    for (const PlanChartKind& kind : planChartKinds()) {
        QCustomPlot* plot = m_plots.value(QString::fromLatin1(kind.id));
        plot->setVisible(!kind.applies || kind.applies(plan));
        kind.build(*plot, plan, context);
        plot->replot();
    }

    QStringList headers{tr("Year"), tr("Generations")};
    for (const char* key : kYearRows) {
        const model::KpiField& field = *model::findKpiField(key);
        const std::string unit = units.unit(field.display.kind);
        headers << (unit.empty()
                        ? QString::fromStdString(field.display.label)
                        : QStringLiteral("%1 (%2)").arg(QString::fromStdString(field.display.label),
                                                        QString::fromStdString(unit)));
    }
    headers << tr("Zero-water months") << tr("No longer water-free");
    m_years->clear();
    m_years->setColumnCount(static_cast<int>(headers.size()));
    m_years->setHorizontalHeaderLabels(headers);
    m_years->setRowCount(static_cast<int>(plan.years.size()));
    for (std::size_t i = 0; i < plan.years.size(); ++i) {
        const model::PlanYearResult& year = plan.years[i];
        const int row = static_cast<int>(i);
        QStringList generations;
        for (const model::PlanGeneration& g : year.generations) {
            generations << tr("%1 \u00d7 %2 (%3 halls in %4 buildings)")
                               .arg(QString::fromStdString(g.platformId))
                               .arg(localNumber(g.ultraServers, 0))
                               .arg(g.halls)
                               .arg(g.buildings);
        }
        QStringList cells{QString::number(year.year), generations.join(QStringLiteral("; "))};
        for (const char* key : kYearRows) {
            cells << QString::fromStdString(
                model::displayKpi(*model::findKpiField(key), year.result, units, style, false));
        }
        cells << monthList(year.result.annual.zeroWaterMonths)
              << monthList(model::monthsNoLongerWaterFree(plan, i));
        for (int column = 0; column < cells.size(); ++column) {
            auto* item = new QTableWidgetItem(cells[column]);
            if (column >= 2 && column < 2 + static_cast<int>(std::size(kYearRows))) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            if (column == cells.size() - 1 && !cells[column].isEmpty()) {
                item->setForeground(QColor(0xc0, 0x39, 0x2b)); // a month lost to water
            }
            m_years->setItem(row, column, item);
        }
    }
    m_years->resizeColumnsToContents();
}

} // namespace headroom::ui
