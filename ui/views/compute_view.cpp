#include "ui/views/compute_view.h"

#include "model/report/fabric_trade_off.h"

#include <QGroupBox>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace headroom::ui {

namespace {

QTableWidget* makeTable(const QStringList& headers, QWidget* parent) {
    auto* table = new QTableWidget(0, static_cast<int>(headers.size()), parent);
    table->setHorizontalHeaderLabels(headers);
    table->verticalHeader()->setVisible(false);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setAlternatingRowColors(true);
    // The first column (names) takes the spare width; numbers keep their full width.
    table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    return table;
}

void addRow(QTableWidget* table, const QStringList& cells) {
    const int row = table->rowCount();
    table->insertRow(row);
    for (int column = 0; column < cells.size(); ++column) {
        auto* item = new QTableWidgetItem(cells[column]);
        // Numbers right-aligned, words left: a cell is numeric when it starts like one.
        const bool numeric =
            !cells[column].isEmpty() &&
            (cells[column][0].isDigit() || cells[column][0] == '-' || cells[column][0] == '+');
        if (column > 0 && numeric) {
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        }
        table->setItem(row, column, item);
    }
}

/// The fabric trade-off's columns, as the result's description names them (the PDF's too).
QStringList fabricHeaders(const DisplayUnits& units) {
    QStringList headers;
    for (const model::FabricTradeOffColumn& column : model::fabricTradeOffColumns()) {
        headers << QString::fromStdString(model::fabricTradeOffHeader(column, units));
    }
    return headers;
}

QGroupBox* boxed(const QString& title, QWidget* content, QLabel* whenEmpty = nullptr) {
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    if (whenEmpty) {
        whenEmpty->setWordWrap(true);
        whenEmpty->setAlignment(Qt::AlignCenter);
        whenEmpty->hide();
        layout->addWidget(whenEmpty);
    }
    layout->addWidget(content);
    return box;
}

} // namespace

ComputeView::ComputeView(QWidget* parent)
    : QWidget(parent)
    , m_catalog(new QLabel(this))
    , m_sizing(makeTable({tr("Item"), tr("Value")}, this))
    , m_bom(makeTable({tr("Category"), tr("Item"), tr("Quantity"), tr("Unit")}, this))
    , m_training(makeTable({tr("Training run"), tr("Days"), tr("MFU"), tr("Facility MWh"),
                            tr("Site water"), tr("Source water"), tr("Carbon t")},
                           this))
    , m_inference(
          makeTable({tr("Inference"), tr("Chips × batch"), tr("Tokens/s per chip"), tr("Bound"),
                     tr("kWh per M tokens"), tr("Water per M tokens"), tr("kg CO₂e per M")},
                    this))
    , m_steps(makeTable({tr("Training run"), tr("Layout"), tr("Step s"), tr("Compute s"),
                         tr("Exposed comm. s"), tr("Bubble s"), tr("MFU")},
                        this))
    , m_seasons(makeTable({tr("Training run"), tr("Started"), tr("Facility MWh"), tr("Site water"),
                           tr("Source water"), tr("Carbon t")},
                          this))
    , m_fabric(makeTable(fabricHeaders(DisplayUnits()), this)) {
    setObjectName("compute");
    m_catalog->setWordWrap(true);
    m_catalog->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_catalog->setTextFormat(Qt::RichText);
    m_bom->setObjectName("billOfMaterials");
    m_steps->setObjectName("trainingSteps");
    m_seasons->setObjectName("trainingSeasons");
    m_fabric->setObjectName("fabricTradeOff");
    // The layout text is long: it takes the spare width, the run's name its content's.
    m_steps->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_steps->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_fabric->horizontalHeader()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    auto* layout = new QVBoxLayout(this);
    auto* top = new QSplitter(Qt::Horizontal);
    top->addWidget(boxed(tr("Chip and platform"), m_catalog));
    top->addWidget(boxed(tr("Sizing"), m_sizing));
    top->addWidget(boxed(tr("Bill of materials"), m_bom));
    top->setSizes({260, 380, 620});
    auto* middle = new QSplitter(Qt::Horizontal);
    m_noTraining = new QLabel(
        tr("No training runs: add one under Workloads (/workloads/training) to see its time, "
           "energy, water and carbon per run."));
    m_noInference = new QLabel(tr("No inference services: add one under Workloads "
                                  "(/workloads/inference) to see its tokens and their costs."));
    middle->addWidget(boxed(tr("Training: time and cost per run"), m_training, m_noTraining));
    middle->addWidget(boxed(tr("Training: layout and step time"), m_steps));
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(boxed(tr("Training: the season (January or July start)"), m_seasons));
    bottom->addWidget(
        boxed(tr("Fabric trade-off: leaf oversubscription (first training run)"), m_fabric));
    bottom->addWidget(boxed(tr("Inference"), m_inference, m_noInference));
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(top);
    split->addWidget(middle);
    split->addWidget(bottom);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setStretchFactor(2, 2);
    layout->addWidget(split);
    setHeaders();
}

void ComputeView::setUnitSystem(UnitSystem system) {
    m_system = system;
    refresh();
}

void ComputeView::setHeaders() {
    const DisplayUnits units(m_system);
    const QString water = QString::fromStdString(units.waterVolumeUnit());
    m_training->setHorizontalHeaderLabels({tr("Training run"), tr("Days"), tr("MFU"),
                                           tr("Facility MWh"), tr("Site water %1").arg(water),
                                           tr("Source water %1").arg(water), tr("Carbon t")});
    m_seasons->setHorizontalHeaderLabels({tr("Training run"), tr("Started"), tr("Facility MWh"),
                                          tr("Site water %1").arg(water),
                                          tr("Source water %1").arg(water), tr("Carbon t")});
    m_fabric->setHorizontalHeaderLabels(fabricHeaders(units));
    m_inference->setHorizontalHeaderLabels(
        {tr("Inference"), tr("Chips × batch"), tr("Tokens/s per chip"), tr("Bound"),
         tr("kWh per M tokens"),
         tr("%1 per M tokens").arg(QString::fromStdString(units.smallWaterVolumeUnit())),
         tr("kg CO₂e per M")});
}

void ComputeView::setResult(std::shared_ptr<const model::RunResult> result,
                            std::shared_ptr<const model::Site> site) {
    m_result = std::move(result);
    m_site = std::move(site);
    refresh();
}

void ComputeView::refresh() {
    setHeaders();
    const DisplayUnits units(m_system);
    const std::shared_ptr<const model::Site>& site = m_site;
    const std::shared_ptr<const model::RunResult>& result = m_result;
    for (QTableWidget* table :
         {m_sizing, m_bom, m_training, m_inference, m_steps, m_seasons, m_fabric}) {
        table->setRowCount(0);
    }
    if (site) {
        const model::ChipSpec& chip = site->it.chip;
        const model::PlatformSpec& platform = site->it.platform;
        const QString precisions[4] = {"FP8", "BF16", "FP32", "TF32"};
        QStringList flops;
        for (std::size_t i = 0; i < 4; ++i) {
            flops << (chip.denseTflops[i] ? QStringLiteral("%1 %2").arg(
                                                localNumber(*chip.denseTflops[i], 0), precisions[i])
                                          : tr("%1 not published").arg(precisions[i]));
        }
        m_catalog->setText(
            tr("<b>%1</b> on <b>%2</b><br>peak %3 W, idle %4 W per chip<br>dense TFLOP/s: %5"
               "<br>HBM %6 GiB at %7 TB/s<br>%8 chips per server, %9 servers per UltraServer")
                .arg(QString::fromStdString(chip.id), QString::fromStdString(platform.id),
                     localNumber(chip.peakPower.value(), 0), localNumber(chip.idlePower.value(), 0),
                     flops.join(QStringLiteral(", ")),
                     localNumber(chip.hbm.value() / 1073741824.0, 0),
                     localNumber(chip.hbmBandwidth.value() / 1e12, 1))
                .arg(platform.chipsPerServer)
                .arg(platform.serversPerUltraServer));
    } else {
        m_catalog->setText(tr("No site loaded."));
    }
    // An empty box says what belongs there and how to get it.
    const bool noTraining = result && result->training.empty();
    m_noTraining->setVisible(noTraining);
    m_training->setVisible(!noTraining);
    const bool noInference = result && result->inference.empty();
    m_noInference->setVisible(noInference);
    m_inference->setVisible(!noInference);
    if (!result) {
        return;
    }
    const model::ComputeSizing& c = result->compute;
    const QLocale locale;
    addRow(m_sizing, {tr("UltraServers"), locale.toString(c.ultraServers)});
    addRow(m_sizing, {tr("Servers"), locale.toString(c.servers)});
    addRow(m_sizing, {tr("Chips"), locale.toString(c.chips)});
    addRow(m_sizing, {tr("Racks"), locale.toString(c.racks)});
    addRow(m_sizing, {tr("Rows"), locale.toString(c.rows)});
    addRow(m_sizing, {tr("Halls used"), locale.toString(c.hallsUsed)});
    addRow(m_sizing, {tr("Fabric tiers"), locale.toString(c.fabricTiers)});
    for (std::size_t tier = 0; tier < c.switchesPerTier.size(); ++tier) {
        addRow(m_sizing,
               {tr("Switches, tier %1").arg(tier + 1), locale.toString(c.switchesPerTier[tier])});
    }
    addRow(m_sizing, {tr("Transceivers"), locale.toString(c.transceivers)});
    addRow(m_sizing, {tr("Cables"), locale.toString(c.cables)});
    addRow(m_sizing, {tr("Bisection, Tb/s"), localNumber(c.bisectionTbps, 0)});
    addRow(m_sizing, {tr("Network power, kW"), localNumber(c.networkPowerKw, 0)});
    addRow(m_sizing, {tr("Stranded power per rack, kW"), localNumber(c.strandedPowerPerRackKw, 1)});
    for (const model::BomLine& line : result->billOfMaterials) {
        double quantity = line.quantity;
        QString unit = QString::fromStdString(line.unit);
        // A cooling line in MW is a heat flow: tons of refrigeration in IP.
        if (line.category == "cooling" && line.unit == "MW") {
            quantity = units.coolingPower(quantity);
            unit = QString::fromStdString(units.coolingPowerUnit());
        }
        addRow(m_bom, {QString::fromStdString(line.category), QString::fromStdString(line.item),
                       localNumber(quantity, quantity == std::floor(quantity) ? 0 : 2), unit});
    }
    for (const model::TrainingResult& t : result->training) {
        const QString name = QString::fromStdString(t.name);
        addRow(m_training,
               {name, localNumber(t.hours / 24.0, 1), localNumber(100.0 * t.mfu, 1) + " %",
                localNumber(t.costs.facilityEnergyMwh, 0),
                localNumber(units.waterVolume(t.costs.siteWaterM3), 0),
                localNumber(units.waterVolume(t.costs.sourceWaterM3), 0),
                localNumber(t.costs.carbonT, 0)});
        addRow(m_steps, {name, QString::fromStdString(model::layoutDescription(t.layout)),
                         localNumber(t.stepSeconds, 2), localNumber(t.computeSeconds, 2),
                         localNumber(t.exposedCommSeconds, 2), localNumber(t.bubbleSeconds, 2),
                         localNumber(100.0 * t.mfu, 1) + " %"});
        for (const auto& [when, costs] :
             {std::pair{tr("January 1"), &t.januaryStart}, std::pair{tr("July 1"), &t.julyStart}}) {
            addRow(m_seasons, {name, when, localNumber(costs->facilityEnergyMwh, 0),
                               localNumber(units.waterVolume(costs->siteWaterM3), 0),
                               localNumber(units.waterVolume(costs->sourceWaterM3), 0),
                               localNumber(costs->carbonT, 0)});
        }
    }
    // The trade-off of the site's (first) training run, each oversubscription against 1:1.
    if (!result->training.empty() && !result->training.front().fabricOptions.empty()) {
        const auto& options = result->training.front().fabricOptions;
        const model::NumberStyle style = localeNumberStyle();
        for (const model::FabricOption& o : options) {
            QStringList cells;
            for (const model::FabricTradeOffColumn& column : model::fabricTradeOffColumns()) {
                cells << QString::fromStdString(
                    model::fabricTradeOffCell(column, o, options.front(), units, style));
            }
            addRow(m_fabric, cells);
        }
    }
    for (const model::InferenceResult& i : result->inference) {
        addRow(m_inference, {QString::fromStdString(i.name),
                             QStringLiteral("%1 × %2")
                                 .arg(i.chipsPerReplica)
                                 .arg(QLocale().toString(static_cast<qlonglong>(i.batch))),
                             localNumber(i.tokensPerSecondPerChip, 0),
                             i.computeBound ? tr("compute") : tr("memory"),
                             localNumber(i.energyKwhPerMillionTokens, 3),
                             localNumber(units.smallWaterVolume(i.waterLPerMillionTokens), 3),
                             localNumber(i.carbonKgPerMillionTokens, 3)});
    }
}

} // namespace headroom::ui
