#include "model/plan/plan_uncertainty.h"

#include "model/core/seeded_draw.h"
#include "model/plan/plan.h"
#include "model/report/json_summary.h"
#include "model/report/plan_report.h"
#include "model/site/plan_inputs.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <future>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>

namespace headroom::model {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// The standard normal's 90th percentile: a normal input's tornado runs at mean -/+ z90 sd.
constexpr double kZ90 = 1.2815515655446004;

double asNumber(const KpiValue& value) {
    if (const auto* d = std::get_if<double>(&value)) {
        return *d;
    }
    if (const auto* i = std::get_if<std::int64_t>(&value)) {
        return static_cast<double>(*i);
    }
    return kNaN;
}

/// The figures of one plan run the bands and the tornado need.
struct PlanFigures {
    std::vector<std::vector<double>> years; ///< [year][year figure]
    std::vector<double> horizon;            ///< [horizon figure]
};

PlanFigures figuresOf(const PlanResult& plan) {
    PlanFigures out;
    for (const PlanYearResult& year : plan.years) {
        std::vector<double> row;
        for (const std::string& name : planBandFigures()) {
            const double value = asNumber(findKpiField(name)->get(year.result));
            // A year that runs no IT has no ratio: its PUE is not a figure to band.
            row.push_back(year.result.annual.itEnergyMwh > 0.0 ? value : kNaN);
        }
        out.years.push_back(std::move(row));
    }
    for (const PlanHorizonField& field : planHorizonFields()) {
        out.horizon.push_back(field.get(plan));
    }
    return out;
}

/// The weathers of the plan at the warmings the workers run now: one per warming, made by
/// the first worker that asks for it on as many threads as the draws run (another worker
/// asking meanwhile waits for it, so its core would idle while one made the years), dropped
/// when the last worker lets go of it. The draws run grouped by warming, so at most one weather
/// per worker lives: memory is bounded by the years and the threads, not by the draws.
class WeatherShelf {
public:
    WeatherShelf(const Site& site, int jobs)
        : m_site(site)
        , m_jobs(jobs) {}

    std::shared_ptr<const PlanWeather> take(double warming) {
        std::promise<std::shared_ptr<const PlanWeather>> promise;
        std::shared_future<std::shared_ptr<const PlanWeather>> weather;
        bool make = false;
        {
            const std::lock_guard lock(m_mutex);
            const auto it = std::find_if(m_shelf.begin(), m_shelf.end(),
                                         [&](const Entry& e) { return e.warming == warming; });
            if (it == m_shelf.end()) {
                weather = promise.get_future().share();
                m_shelf.push_back({warming, weather, 1});
                make = true;
            } else {
                ++it->users;
                weather = it->weather;
            }
        }
        if (make) {
            try {
                promise.set_value(std::make_shared<const PlanWeather>(planWeather(
                    warming == 1.0 ? m_site
                                   : scaledPlanSite(m_site, {{PlanInput::Warming, warming}}),
                    m_jobs)));
            } catch (...) {
                promise.set_exception(std::current_exception());
            }
        }
        return weather.get();
    }

    void give(double warming) {
        const std::lock_guard lock(m_mutex);
        const auto it = std::find_if(m_shelf.begin(), m_shelf.end(),
                                     [&](const Entry& e) { return e.warming == warming; });
        if (it != m_shelf.end() && --it->users == 0) {
            m_shelf.erase(it);
        }
    }

private:
    struct Entry {
        double warming;
        std::shared_future<std::shared_ptr<const PlanWeather>> weather;
        int users;
    };
    const Site& m_site;
    int m_jobs;
    std::mutex m_mutex;
    std::vector<Entry> m_shelf;
};

/// One plan run of the uncertainty: a draw or a tornado end.
struct PlanTask {
    std::vector<std::pair<PlanInput, double>> scales;
    double warming = 1.0; ///< the warming scale among them (1: none)
};

} // namespace

const std::vector<std::string>& planBandFigures() {
    // The cost and lifecycle carbon are null in the bands of a site without /cost.
    static const std::vector<std::string> names{"facility_energy_mwh",
                                                "water_m3",
                                                "carbon_location_t",
                                                "pue",
                                                "wue_site_l_per_kwh",
                                                "cue_kg_per_kwh",
                                                "peak_it_mw",
                                                "zero_water_month_count",
                                                "cost_tco_per_year_usd",
                                                "embodied_carbon_lifecycle_per_year_t"};
    return names;
}

Site scaledPlanSite(const Site& site, const std::vector<std::pair<PlanInput, double>>& scales) {
    Site s = site;
    Plan& plan = *s.plan;
    for (const auto& [input, k] : scales) {
        switch (input) {
        case PlanInput::Warming:
            for (std::size_t m = 0; m < 12; ++m) {
                plan.climate->meanDeltaK[m] *= k;
                plan.climate->rangeDeltaK[m] *= k;
            }
            break;
        case PlanInput::GridDecarbonization:
            plan.gridChangeScale = k;
            break;
        case PlanInput::Utilization:
            // A scale past full utilization stops at it.
            for (YearPoint& point : plan.utilization) {
                point.value = std::min(1.0, point.value * k);
            }
            for (double& u : s.it.utilization.values) {
                u = std::min(1.0, u * k);
            }
            break;
        case PlanInput::ChipPower:
            plan.chipPowerScale = k;
            break;
        case PlanInput::FanPower:
            s.cooling.designSpecificFanPower = s.cooling.designSpecificFanPower * k;
            break;
        case PlanInput::ServiceLife:
            for (PlanRefresh& rule : plan.refresh) {
                rule.serviceLifeYears =
                    std::max(1, static_cast<int>(std::lround(rule.serviceLifeYears * k)));
            }
            break;
        // The cost inputs need a /cost section (SiteReader has checked it).
        case PlanInput::ConstructionCost:
            s.cost->constructionUsdPerW *= k;
            break;
        case PlanInput::ElectricityPrice:
            for (double& price : s.cost->electricityUsdPerKwh.values) {
                price *= k;
            }
            break;
        case PlanInput::BuildingCarbon:
            s.cost->buildingKgPerW *= k;
            break;
        case PlanInput::HbmCarbon:
            s.cost->hbmKgPerByte *= k;
            break;
        }
    }
    return s;
}

double drawnScale(const PlanUncertainInput& input, long long seed, std::size_t index,
                  std::size_t p) {
    std::uint64_t state = drawStream(static_cast<std::uint64_t>(seed), index, p);
    switch (input.distribution) {
    case PlanDistribution::Uniform:
        return drawUniform(state, *input.min, *input.max);
    case PlanDistribution::Triangular:
        return drawTriangular(state, *input.min, *input.mode, *input.max);
    case PlanDistribution::CatalogRange: {
        const PlanUncertainInput filled = withCatalogRange(input);
        return drawTriangular(state, *filled.min, *filled.mode, *filled.max);
    }
    case PlanDistribution::Normal:
        // A negative scale means nothing (no negative warming of a positive change).
        return std::max(0.0, drawNormal(state, *input.mean, *input.sd));
    }
    return 1.0;
}

std::vector<std::pair<PlanInput, double>> drawScales(const PlanUncertainty& declared,
                                                     long long seed, std::size_t index) {
    std::vector<std::pair<PlanInput, double>> scales;
    for (std::size_t p = 0; p < declared.inputs.size(); ++p) {
        const PlanUncertainInput& input = declared.inputs[p];
        double k = drawnScale(input, seed, index, p);
        if (input.input == PlanInput::Warming) {
            k = roundToStep(k, declared.warmingStep);
        }
        scales.emplace_back(input.input, k);
    }
    return scales;
}

std::pair<double, double> tornadoScales(const PlanUncertainInput& declared) {
    const PlanUncertainInput input = withCatalogRange(declared);
    if (input.distribution == PlanDistribution::Normal) {
        return {std::max(0.0, *input.mean - kZ90 * *input.sd), *input.mean + kZ90 * *input.sd};
    }
    return {*input.min, *input.max};
}

double sampleQuantile(std::vector<double> values, double p) {
    std::erase_if(values, [](double v) { return std::isnan(v); });
    if (values.empty()) {
        return kNaN;
    }
    std::sort(values.begin(), values.end());
    // Definition 7: h = (n - 1) p, between x[floor h] and the next.
    const double h = (static_cast<double>(values.size()) - 1.0) * p;
    const auto j = static_cast<std::size_t>(std::floor(h));
    if (j + 1 >= values.size()) {
        return values.back();
    }
    return values[j] + (h - static_cast<double>(j)) * (values[j + 1] - values[j]);
}

PlanUncertainInput withCatalogRange(PlanUncertainInput input) {
    if (input.distribution == PlanDistribution::CatalogRange) {
        // SiteReader has checked that the catalog prices it.
        const TriangularScales range = catalogRangeScales(input.input).value_or(TriangularScales{});
        input.min = range.min;
        input.mode = range.mode;
        input.max = range.max;
    }
    return input;
}

PlanUncertaintyResult runPlanUncertainty(const Scenario& scenario,
                                         const PlanUncertaintyOptions& options,
                                         Feedback& feedback) {
    // The declaration with every catalog_range filled in: what the draws and the report use.
    PlanUncertainty declared = *scenario.site.plan->uncertainty;
    for (PlanUncertainInput& input : declared.inputs) {
        input = withCatalogRange(input);
    }
    const std::vector<PlanUncertainInput>& inputs = declared.inputs;
    PlanUncertaintyResult out;
    out.seed = options.seed;
    out.draws = options.draws;
    out.warmingStep = declared.warmingStep;
    if (scenario.site.assumptions) {
        for (const Assumption& a : *scenario.site.assumptions) {
            if (a.pointer.starts_with("/plan/uncertainty/")) {
                out.assumptions.push_back(a);
            }
        }
    }
    out.yearFigures = planBandFigures();
    for (const PlanHorizonField& field : planHorizonFields()) {
        out.horizonFigures.push_back(field.name);
    }

    // Tasks 0..draws-1 are the draws, then each input's low and high run. Each writes its
    // own slot, so the threads change nothing but the time. They run in the order of their
    // warming (then of their index), so the runs of one warming follow each other and share
    // its weather (WeatherShelf).
    const std::size_t draws = static_cast<std::size_t>(std::max(0, options.draws));
    const std::size_t tasks = draws + 2 * inputs.size();
    std::vector<PlanTask> plan(tasks);
    for (std::size_t t = 0; t < tasks; ++t) {
        if (t < draws) {
            plan[t].scales = drawScales(declared, options.seed, t);
        } else {
            const PlanUncertainInput& input = inputs[(t - draws) / 2];
            const auto [low, high] = tornadoScales(input);
            plan[t].scales.emplace_back(input.input, (t - draws) % 2 == 0 ? low : high);
        }
        for (const auto& [input, k] : plan[t].scales) {
            if (input == PlanInput::Warming) {
                plan[t].warming = k;
            }
        }
    }
    std::vector<std::size_t> order(tasks);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return plan[a].warming < plan[b].warming;
    });
    std::vector<PlanFigures> results(tasks);
    const int jobs = std::clamp(options.jobs, 1, static_cast<int>(std::max<std::size_t>(1, tasks)));
    WeatherShelf shelf(scenario.site, jobs);
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> done{0};
    std::mutex progressLock;
    const auto work = [&] {
        std::shared_ptr<const PlanWeather> weather;
        double warming = 0.0; // of weather
        PlanBuffers buffers;  // the worker's last plan, whose storage the next one reuses
        for (std::size_t i = next++; i < tasks && !feedback.isCanceled(); i = next++) {
            const std::size_t t = order[i];
            if (!weather || plan[t].warming != warming) {
                if (weather) {
                    weather.reset();
                    shelf.give(warming);
                }
                warming = plan[t].warming;
                weather = shelf.take(warming);
            }
            Feedback quiet; // the draws report their own progress
            const Scenario scaled{scaledPlanSite(scenario.site, plan[t].scales), scenario.hash};
            results[t] = figuresOf(runPlan(scaled, *weather, quiet, buffers));
            const std::lock_guard lock(progressLock);
            feedback.progress(static_cast<double>(++done) / static_cast<double>(tasks));
        }
        if (weather) {
            weather.reset();
            shelf.give(warming);
        }
    };
    std::vector<std::jthread> workers;
    for (int j = 1; j < jobs; ++j) {
        workers.emplace_back(work);
    }
    work();
    workers.clear(); // joins
    if (feedback.isCanceled()) {
        return out;
    }

    const auto band = [&](auto&& valueOf) {
        std::vector<double> values;
        values.reserve(draws);
        for (std::size_t d = 0; d < draws; ++d) {
            values.push_back(valueOf(results[d]));
        }
        return PlanBand{sampleQuantile(values, 0.1), sampleQuantile(values, 0.5),
                        sampleQuantile(values, 0.9)};
    };
    const std::size_t years = draws > 0 ? results.front().years.size() : 0;
    for (std::size_t y = 0; y < years; ++y) {
        std::vector<PlanBand> row;
        for (std::size_t f = 0; f < out.yearFigures.size(); ++f) {
            row.push_back(band([&](const PlanFigures& r) { return r.years[y][f]; }));
        }
        out.years.push_back(std::move(row));
    }
    for (std::size_t f = 0; draws > 0 && f < out.horizonFigures.size(); ++f) {
        out.horizon.push_back(band([&](const PlanFigures& r) { return r.horizon[f]; }));
    }
    for (std::size_t p = 0; p < inputs.size(); ++p) {
        const auto [low, high] = tornadoScales(inputs[p]);
        out.tornado.push_back({inputs[p], low, high, results[draws + 2 * p].horizon,
                               results[draws + 2 * p + 1].horizon});
    }
    return out;
}

} // namespace headroom::model
