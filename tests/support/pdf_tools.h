#pragma once
// Tests only: run the poppler-utils tools on a PDF and check what a reader would see.
// Header-only (Qt Core, GoogleTest): the report's unit tests and the end-to-end CLI test
// share it.

#include <QLocale>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStringList>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <vector>

namespace headroom::testing {

struct ToolRun {
    QString output;
    int exitCode = -1; ///< -1 when the tool is not installed
};

inline bool haveTool(const char* name) {
    return !QStandardPaths::findExecutable(QString::fromLatin1(name)).isEmpty();
}

inline ToolRun runTool(const QString& program, const QStringList& arguments) {
    ToolRun tool;
    const QString path = QStandardPaths::findExecutable(program);
    if (path.isEmpty()) {
        return tool;
    }
    QProcess process;
    process.start(path, arguments);
    process.waitForFinished(120000);
    tool.exitCode = process.exitCode();
    tool.output = QString::fromUtf8(process.readAllStandardOutput());
    return tool;
}

/// The number as the report prints it, made independently of the report's code:
/// US-English digit grouping, fixed decimals.
inline QString printed(double value, int decimals) {
    const double scale = std::pow(10.0, decimals);
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0.0) {
        rounded = 0.0;
    }
    return QLocale(QLocale::English, QLocale::UnitedStates).toString(rounded, 'f', decimals);
}

/// Every KPI of the JSON summary (headroom-summary/1), with the decimals the summary
/// table prints, appears on the line of page 2 that names it.
template <typename Json>
void expectSummaryMatchesJson(const QString& pdf, const Json& json, bool ip) {
    const ToolRun text =
        runTool(QStringLiteral("pdftotext"),
                {QStringLiteral("-layout"), QStringLiteral("-f"), QStringLiteral("2"),
                 QStringLiteral("-l"), QStringLiteral("2"), pdf, QStringLiteral("-")});
    ASSERT_EQ(text.exitCode, 0);
    const QStringList lines = text.output.split(QLatin1Char('\n'));
    const double gallonsPerM3 = 1000.0 / 3.785411784; // NIST SP 811: 1 gal = 3.785411784 L
    const double gallonsPerLitre = 1.0 / 3.785411784;
    struct Expected {
        QString label;
        double value;
        int decimals;
    };
    const auto binding = json["binding_constraint"].template get<std::string>();
    const auto real = [&](const char* key) { return json[key].template get<double>(); };
    const std::vector<Expected> expected{
        {"PUE", real("pue"), 3},
        {"WUE, site", real("wue_site_l_per_kwh") * (ip ? gallonsPerLitre : 1.0), ip ? 4 : 3},
        {"WUE, source", real("wue_source_l_per_kwh") * (ip ? gallonsPerLitre : 1.0), ip ? 4 : 3},
        {"CUE", real("cue_kg_per_kwh"), 3},
        {"IT energy", real("it_energy_mwh"), 0},
        {"Facility energy", real("facility_energy_mwh"), 0},
        {"Site water", real("water_m3") * (ip ? gallonsPerM3 : 1.0), 0},
        {"Grid water", real("grid_water_m3") * (ip ? gallonsPerM3 : 1.0), 0},
        {"Carbon, location-based", real("carbon_location_t"), 0},
        {"Carbon, market-based", real("carbon_market_t"), 0},
        {"Peak facility power", real("peak_facility_mw"), 1},
        {"Peak IT", real("peak_it_mw"), 1},
        {"Design-hour IT", real("design_hour_it_mw"), 1},
        {"IT nameplate", real("it_nameplate_mw"), 1},
        {"Chips", real("chips"), 0},
        {"UltraServers", real("ultraservers"), 0},
        {"Racks", real("racks"), 0},
        {"Peak compute, dense FP8", json["peak_pflops"]["fp8"].template get<double>(), 1},
        {"Peak compute, dense BF16", json["peak_pflops"]["bf16"].template get<double>(), 1},
        {"Headroom under it", json["headroom"][binding]["headroom_mw"].template get<double>(), 1},
    };
    for (const Expected& e : expected) {
        const QString value = printed(e.value, e.decimals);
        bool found = false;
        for (const QString& line : lines) {
            if (line.trimmed().startsWith(e.label + QStringLiteral("  ")) && line.contains(value)) {
                found = true;
            }
        }
        EXPECT_TRUE(found) << e.label.toStdString() << " = " << value.toStdString()
                           << " not on its line of the summary:\n"
                           << text.output.toStdString();
    }
    // "hall_power" prints as "Hall power".
    QString label = QString::fromStdString(binding).replace(QLatin1Char('_'), QLatin1Char(' '));
    label[0] = label[0].toUpper();
    EXPECT_TRUE(text.output.contains(QRegularExpression(
        QStringLiteral("Binding constraint\\s+%1").arg(QRegularExpression::escape(label)))))
        << text.output.toStdString();
}

} // namespace headroom::testing
