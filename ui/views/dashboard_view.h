#pragma once
// The dashboard: one tile per headline row of the result table (model/report/json_summary.h)
// for the newest result, titled, explained and formatted by the row. Tiles are named by the
// JSON summary's keys, so a tile can be checked against `headroom-cli run --format json`.

#include "model/report/reference_figures.h"
#include "model/result/run_result.h"
#include "ui/charts/charts.h"

#include <QHash>
#include <QWidget>

#include <memory>

class QLabel;
class QGridLayout;

namespace headroom::ui {

class DashboardView : public QWidget {
    Q_OBJECT

public:
    explicit DashboardView(QWidget* parent = nullptr);

    void setResult(std::shared_ptr<const model::RunResult> result);
    /// The result of the document as last saved: each tile whose figure differs from it
    /// shows the change under the figure. Null: no deltas.
    void setSavedResult(std::shared_ptr<const model::RunResult> saved);
    /// A stale result stays on screen, dimmed and labelled, until the new one arrives.
    void setStale(bool stale);
    void setUnitSystem(UnitSystem system);
    /// A message in place of the tiles (no result yet, the site has errors).
    void setMessage(const QString& message);

    /// Tile ids in order: the JSON summary key each shows.
    QStringList tileIds() const { return m_order; }
    /// The value a tile shows, in the summary's SI unit (NaN when it shows none).
    double tileValue(const QString& id) const;
    /// The text a tile shows ("1.142", "Cooling").
    QString tileText(const QString& id) const;
    /// The line under a tile's figure ("Jan, Feb: zero water, with ...").
    QString tileDetail(const QString& id) const;
    /// The change a tile shows against the saved file ("+0.012 vs saved"), or "".
    QString tileDelta(const QString& id) const;
    bool isStale() const { return m_stale; }
    /// The header: the site, its place, design and IT; the weather station; the verdict.
    QString headerText() const;
    QString verdictText() const;

private:
    struct Tile {
        QWidget* frame = nullptr;
        QLabel* value = nullptr;
        QLabel* detail = nullptr;
        QLabel* delta = nullptr;
        double siValue = 0.0;
    };
    void addTile(QGridLayout* grid, const QString& id, const QString& title);
    void setTile(const QString& id, double siValue, const QString& text, const QString& detail);
    void refresh();
    QString detailFor(const model::KpiField& field, const model::RunResult& result,
                      const DisplayUnits& units) const;

    QHash<QString, Tile> m_tiles;
    QStringList m_order;
    QLabel* m_banner;
    QLabel* m_header;  ///< the site, its place, design and IT, and its weather station
    QLabel* m_verdict; ///< the binding constraint, the next one, what relieving it buys
    QLabel* m_climate; ///< the weather year's climate zone, and a proxy station
    QWidget* m_grid;
    std::shared_ptr<const model::RunResult> m_result;
    std::shared_ptr<const model::RunResult> m_saved;
    UnitSystem m_system = UnitSystem::SI;
    bool m_stale = false;
};

} // namespace headroom::ui
