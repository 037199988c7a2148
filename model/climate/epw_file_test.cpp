// EpwFile on every EPW in tests/data/weather, and on small synthetic files for each error
// path (written to a temporary folder).
#include "model/climate/epw_file.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

namespace {

using namespace headroom::model;
namespace fs = std::filesystem;

const fs::path kWeatherDir = fs::path(HEADROOM_TEST_DATA_DIR) / "weather";

/// Per-file figures of tests/data/README.md, measured when each file was gathered: dry-bulb
/// min / mean / max and max dew point, degC.
struct Published {
    double minC;
    double meanC;
    double maxC;
    double maxDewPointC;
};
const std::map<std::string, Published> kPublished{
    {"USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw", {-22.8, 9.99, 35.0, 25.6}},
    {"USA_AZ_Phoenix-Sky.Harbor.Intl.AP.722780_TMY3.epw", {2.2, 23.80, 44.4, 23.3}},
    {"USA_WA_Pasco-Tri.Cities.AP.727845_TMY3.epw", {-10.0, 12.12, 39.0, 21.0}},
    {"USA_VA_Sterling-Washington.Dulles.Intl.AP.724030_TMY3.epw", {-16.1, 12.67, 37.2, 25.6}},
    {"SGP_SG_Changi.Intl.AP.486980_TMYx.epw", {22.7, 27.59, 34.1, 28.0}},
    {"NOR_OS_Oslo.Blindern.014920_TMYx.2007-2021.epw", {-12.1, 7.42, 31.5, 19.4}},
};

TEST(EpwFile, ReadsEveryBundledWeatherFile) {
    // Every EPW of the folder has its figures, and every file with figures is there.
    int files = 0;
    for (const auto& entry : fs::directory_iterator(kWeatherDir)) {
        files += entry.path().extension() == ".epw" ? 1 : 0;
    }
    EXPECT_EQ(files, static_cast<int>(kPublished.size()));
    for (const auto& [name, published] : kPublished) {
        SCOPED_TRACE(name);
        Diagnostics diagnostics;
        const auto file = EpwFile::load(kWeatherDir / name, diagnostics);
        ASSERT_TRUE(file.has_value()) << "missing or unreadable: " << kWeatherDir / name;
        EXPECT_TRUE(diagnostics.empty()) << formatDiagnostic(diagnostics.items().front());
        const Climate& climate = file->climate();
        ASSERT_EQ(climate.hours(), 8760u);
        ASSERT_EQ(climate.month.size(), 8760u);
        EXPECT_EQ(climate.month.front(), 1);
        EXPECT_EQ(climate.day.front(), 1);
        EXPECT_EQ(climate.hour.front(), 1);
        EXPECT_EQ(climate.month.back(), 12);
        EXPECT_EQ(climate.day.back(), 31);
        EXPECT_EQ(climate.hour.back(), 24);
        EXPECT_FALSE(climate.station.city.empty());
        EXPECT_FALSE(climate.station.wmo.empty());
        EXPECT_NE(climate.station.latitudeDeg, 0.0);
        EXPECT_EQ(climate.provenance, "EPW " + name);
        const auto& t = climate.dryBulbC;
        const double mean =
            std::accumulate(t.begin(), t.end(), 0.0) / static_cast<double>(t.size());
        // tests/data/README.md rounds the mean to 0.01 K and the extremes to the file's 0.1 K.
        EXPECT_NEAR(mean, published.meanC, 0.006);
        EXPECT_NEAR(*std::min_element(t.begin(), t.end()), published.minC, 1e-9);
        EXPECT_NEAR(*std::max_element(t.begin(), t.end()), published.maxC, 1e-9);
        EXPECT_NEAR(*std::max_element(climate.dewPointC.begin(), climate.dewPointC.end()),
                    published.maxDewPointC, 1e-9);
        for (std::size_t i = 0; i < climate.hours(); ++i) {
            ASSERT_GE(climate.relativeHumidityPct[i], 0.0);
            ASSERT_LE(climate.relativeHumidityPct[i], 100.0);
            ASSERT_GT(climate.pressurePa[i], 60000.0);
        }
    }
}

// Synthetic files ------------------------------------------------------------------------

constexpr int kHeaderLines = 8;

struct Row {
    int month;
    int day;
    int hour;
    std::string dryBulb;
    std::string dewPoint;
    std::string rh;
    std::string pressure;
};

std::vector<Row> makeYear(bool leap = false) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    std::vector<Row> rows;
    int k = 0;
    for (int m = 1; m <= 12; ++m) {
        for (int d = 1; d <= days[m - 1] + (leap && m == 2 ? 1 : 0); ++d) {
            for (int h = 1; h <= 24; ++h, ++k) {
                // A recognisable value per hour: 10.0 + (k mod 20) / 2.
                std::ostringstream t;
                t << 10.0 + (k % 20) * 0.5;
                rows.push_back({m, d, h, t.str(), "5.0", "60", "99000"});
            }
        }
    }
    return rows;
}

std::string rowText(const Row& r, int year = 1999) {
    std::ostringstream line;
    line << year << ',' << r.month << ',' << r.day << ',' << r.hour << ",0,?9?9?9," << r.dryBulb
         << ',' << r.dewPoint << ',' << r.rh << ',' << r.pressure;
    // Fields 11-35: 25 more.
    for (int i = 11; i <= 35; ++i) {
        line << ",0";
    }
    return line.str();
}

std::string makeEpw(const std::vector<Row>& rows, const std::string& eol = "\n") {
    std::string text = "LOCATION,Testville,TS,XYZ,Synthetic,123456,45.5,-100.25,-6.0,250.0" + eol +
                       "DESIGN CONDITIONS,0" + eol + "TYPICAL/EXTREME PERIODS,0" + eol +
                       "GROUND TEMPERATURES,0" + eol + "HOLIDAYS/DAYLIGHT SAVINGS,No,0,0,0" + eol +
                       "COMMENTS 1,synthetic" + eol + "COMMENTS 2,synthetic" + eol +
                       "DATA PERIODS,1,1,Data,Sunday, 1/ 1,12/31" + eol;
    int k = 0;
    for (const auto& row : rows) {
        text += rowText(row, 1990 + (k++ / 744)) + eol; // the year column changes, as in TMY
    }
    return text;
}

class EpwSynthetic : public ::testing::Test {
protected:
    void SetUp() override {
        m_dir = fs::temp_directory_path() /
                ("headroom_epw_test_" +
                 std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
                 ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::create_directories(m_dir);
    }
    void TearDown() override { fs::remove_all(m_dir); }

    fs::path write(const std::string& name, const std::string& text) {
        const fs::path path = m_dir / name;
        std::ofstream(path, std::ios::binary) << text;
        return path;
    }

    fs::path m_dir;
};

const Diagnostic* firstError(const Diagnostics& diagnostics) {
    for (const auto& d : diagnostics.items()) {
        if (d.severity == Severity::Error) {
            return &d;
        }
    }
    return nullptr;
}

TEST_F(EpwSynthetic, ReadsLfAndCrlfAlike) {
    const auto rows = makeYear();
    Diagnostics lfDiagnostics;
    Diagnostics crlfDiagnostics;
    const auto lf = EpwFile::load(write("lf.epw", makeEpw(rows, "\n")), lfDiagnostics);
    const auto crlf = EpwFile::load(write("crlf.epw", makeEpw(rows, "\r\n")), crlfDiagnostics);
    ASSERT_TRUE(lf && crlf);
    EXPECT_TRUE(lfDiagnostics.empty());
    EXPECT_TRUE(crlfDiagnostics.empty());
    EXPECT_EQ(lf->climate().dryBulbC, crlf->climate().dryBulbC);
    EXPECT_EQ(crlf->climate().pressurePa, std::vector<double>(8760, 99000.0));
    EXPECT_EQ(crlf->station().city, "Testville");
    EXPECT_EQ(crlf->station().wmo, "123456");
    EXPECT_DOUBLE_EQ(crlf->station().longitudeDeg, -100.25);
    EXPECT_DOUBLE_EQ(crlf->station().utcOffsetHours, -6.0);
    EXPECT_DOUBLE_EQ(crlf->station().elevationM, 250.0);
    EXPECT_DOUBLE_EQ(crlf->climate().dryBulbC[21], 10.0 + 1 * 0.5);
}

TEST_F(EpwSynthetic, ReadsLeapYear) {
    Diagnostics diagnostics;
    const auto file = EpwFile::load(write("leap.epw", makeEpw(makeYear(true))), diagnostics);
    ASSERT_TRUE(file);
    EXPECT_EQ(file->climate().hours(), 8784u);
    EXPECT_EQ(file->climate().month[59 * 24], 2);
    EXPECT_EQ(file->climate().day[59 * 24], 29);
}

TEST_F(EpwSynthetic, InterpolatesShortGapWithWarning) {
    auto rows = makeYear();
    // Hours 101..106 (6 hours, the longest interpolated) of dry bulb are missing.
    const double before = std::stod(rows[100].dryBulb);
    const double after = std::stod(rows[107].dryBulb);
    for (int k = 101; k <= 106; ++k) {
        rows[static_cast<std::size_t>(k)].dryBulb = "99.9";
    }
    rows[5000].rh = "999";
    Diagnostics diagnostics;
    const auto file = EpwFile::load(write("gap.epw", makeEpw(rows)), diagnostics);
    ASSERT_TRUE(file);
    EXPECT_FALSE(diagnostics.hasErrors());
    ASSERT_EQ(diagnostics.count(Severity::Warning), 2);
    const Diagnostic& warning = diagnostics.items()[0];
    EXPECT_EQ(warning.line, kHeaderLines + 102);
    EXPECT_NE(warning.message.find("lines 110-115"), std::string::npos) << warning.message;
    EXPECT_NE(warning.message.find("interpolated"), std::string::npos);
    for (int k = 101; k <= 106; ++k) {
        EXPECT_NEAR(file->climate().dryBulbC[static_cast<std::size_t>(k)],
                    before + (after - before) * (k - 100) / 7.0, 1e-12);
    }
    EXPECT_DOUBLE_EQ(file->climate().relativeHumidityPct[5000], 60.0);
    EXPECT_EQ(file->interpolatedValues(), 7u);
}

TEST_F(EpwSynthetic, InterpolatesAcrossTheYearBoundary) {
    auto rows = makeYear();
    rows[0].pressure = "999999";
    rows[8759].pressure = "999999";
    rows[8758].pressure = "98000";
    Diagnostics diagnostics;
    const auto file = EpwFile::load(write("wrap.epw", makeEpw(rows)), diagnostics);
    ASSERT_TRUE(file);
    EXPECT_NEAR(file->climate().pressurePa[8759], 98000.0 + 1000.0 / 3.0, 1e-9);
    EXPECT_NEAR(file->climate().pressurePa[0], 98000.0 + 2000.0 / 3.0, 1e-9);
}

TEST_F(EpwSynthetic, RefusesLongGapNamingTheRows) {
    auto rows = makeYear();
    for (int k = 200; k < 207; ++k) { // 7 hours
        rows[static_cast<std::size_t>(k)].dewPoint = "99.9";
    }
    Diagnostics diagnostics;
    const auto file = EpwFile::load(write("longgap.epw", makeEpw(rows)), diagnostics);
    EXPECT_FALSE(file);
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, DiagnosticKind::Meaning);
    EXPECT_EQ(error->line, kHeaderLines + 201);
    EXPECT_NE(error->message.find("dew-point"), std::string::npos) << error->message;
    EXPECT_NE(error->message.find("lines 209-215"), std::string::npos) << error->message;
}

TEST_F(EpwSynthetic, MalformedValueGivesLineAndColumn) {
    auto rows = makeYear();
    rows[42].rh = "6x0";
    Diagnostics diagnostics;
    const auto file = EpwFile::load(write("bad.epw", makeEpw(rows)), diagnostics);
    EXPECT_FALSE(file);
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, DiagnosticKind::Syntax);
    EXPECT_EQ(error->line, kHeaderLines + 43);
    const std::string line = rowText(rows[42], 1990);
    EXPECT_EQ(error->column, static_cast<int>(line.find("6x0")) + 1);
    EXPECT_NE(error->message.find("field 9 (relative humidity)"), std::string::npos)
        << error->message;
    EXPECT_NE(formatDiagnostic(*error).find("bad.epw:51:"), std::string::npos)
        << formatDiagnostic(*error);
}

TEST_F(EpwSynthetic, MissingFieldsAreASyntaxError) {
    std::string text = makeEpw(makeYear());
    // Cut the 3000th data row after its tenth field.
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    std::string& row = lines[kHeaderLines + 2999];
    std::size_t pos = 0;
    for (int i = 0; i < 10; ++i) {
        pos = row.find(',', pos) + 1;
    }
    row = row.substr(0, pos - 1);
    std::string joined;
    for (const auto& line : lines) {
        joined += line + "\n";
    }
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("short.epw", joined), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->line, kHeaderLines + 3000);
    EXPECT_NE(error->message.find("expected 35 fields, found 10"), std::string::npos)
        << error->message;
}

TEST_F(EpwSynthetic, WrongRowCountIsAnError) {
    auto rows = makeYear();
    rows.pop_back();
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("count.epw", makeEpw(rows)), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_NE(error->message.find("expected 8760 or 8784 hourly rows, found 8759"),
              std::string::npos)
        << error->message;
}

TEST_F(EpwSynthetic, OutOfOrderRowIsAnError) {
    auto rows = makeYear();
    std::swap(rows[30], rows[31]);
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("order.epw", makeEpw(rows)), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->line, kHeaderLines + 31);
    EXPECT_NE(error->message.find("expected month/day/hour 1/2 7, found 1/2 8"), std::string::npos)
        << error->message;
}

TEST_F(EpwSynthetic, OutOfRangeValueIsAMeaningError) {
    auto rows = makeYear();
    rows[7].pressure = "12000";
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("range.epw", makeEpw(rows)), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, DiagnosticKind::Meaning);
    EXPECT_EQ(error->line, kHeaderLines + 8);
}

TEST_F(EpwSynthetic, BadLocationHeader) {
    std::string text = makeEpw(makeYear());
    text.replace(text.find("45.5"), 4, "north");
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("loc.epw", text), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->kind, DiagnosticKind::Syntax);
    EXPECT_EQ(error->line, 1);
    EXPECT_EQ(error->column, static_cast<int>(text.find("north")) + 1);
}

TEST_F(EpwSynthetic, NotAnEpwFile) {
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("notes.epw", "hello\nworld\n"), diagnostics));
    ASSERT_NE(firstError(diagnostics), nullptr);
    EXPECT_EQ(firstError(diagnostics)->kind, DiagnosticKind::Syntax);
    Diagnostics empty;
    EXPECT_FALSE(EpwFile::load(write("empty.epw", ""), empty));
    ASSERT_NE(firstError(empty), nullptr);
    EXPECT_EQ(firstError(empty)->kind, DiagnosticKind::Syntax);
}

TEST_F(EpwSynthetic, MissingFileAndUnreadableFileAreDistinct) {
    Diagnostics missing;
    EXPECT_FALSE(EpwFile::load(m_dir / "nowhere.epw", missing));
    ASSERT_EQ(missing.items().size(), 1u);
    EXPECT_EQ(missing.items()[0].kind, DiagnosticKind::NotFound);
    EXPECT_NE(formatDiagnostic(missing.items()[0]).find("nowhere.epw: error: file not found"),
              std::string::npos);

    Diagnostics directory;
    fs::create_directories(m_dir / "folder.epw");
    EXPECT_FALSE(EpwFile::load(m_dir / "folder.epw", directory));
    ASSERT_EQ(directory.items().size(), 1u);
    EXPECT_EQ(directory.items()[0].kind, DiagnosticKind::Unreadable);
}

TEST_F(EpwSynthetic, ManyErrorsAreCapped) {
    auto rows = makeYear();
    for (auto& row : rows) {
        row.dryBulb = "x";
    }
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("many.epw", makeEpw(rows)), diagnostics));
    EXPECT_LE(diagnostics.count(Severity::Error), 25);
    EXPECT_NE(diagnostics.items().back().message.find("further errors not shown"),
              std::string::npos);
}

// Issue 17: hostile weather files, second round.

TEST_F(EpwSynthetic, NanIsRefusedNotAccepted) {
    // from_chars reads "nan" and "-nan"; NaN fails every comparison, so a range check
    // alone let it through and `run` printed "PUE nan".
    for (const std::string spelling : {"nan", "-nan", "NAN", "inf", "-inf"}) {
        auto rows = makeYear();
        rows[100].dewPoint = spelling;
        Diagnostics diagnostics;
        EXPECT_FALSE(EpwFile::load(write("nan.epw", makeEpw(rows)), diagnostics)) << spelling;
        const Diagnostic* error = firstError(diagnostics);
        ASSERT_NE(error, nullptr) << spelling;
        EXPECT_EQ(error->line, kHeaderLines + 101);
        EXPECT_NE(error->message.find("expected a finite number"), std::string::npos)
            << error->message;
    }
}

TEST_F(EpwSynthetic, ANulByteInARowIsRefused) {
    auto rows = makeYear();
    rows[5].rh = std::string("60\0", 3);
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("nul.epw", makeEpw(rows)), diagnostics));
    const Diagnostic* error = firstError(diagnostics);
    ASSERT_NE(error, nullptr);
    EXPECT_EQ(error->line, kHeaderLines + 6);
    EXPECT_NE(error->message.find("\\x00"), std::string::npos) << error->message;
}

TEST_F(EpwSynthetic, QuotedFieldsAreShortPrintableUtf8) {
    auto rows = makeYear();
    rows[3].dryBulb = std::string(5000, '7') + "x";
    rows[4].dryBulb = "\xff\xfe";
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("long.epw", makeEpw(rows)), diagnostics));
    ASSERT_GE(diagnostics.count(Severity::Error), 2);
    for (const auto& d : diagnostics.items()) {
        EXPECT_LT(d.message.size(), 200u) << d.message.substr(0, 200);
        EXPECT_EQ(d.message.find('\xff'), std::string::npos);
        EXPECT_NO_THROW((void)nlohmann::json(d.message).dump()) << "not valid UTF-8";
    }
}

TEST_F(EpwSynthetic, AFileOfAnotherKindIsNotQuoted) {
    // Issue 17 item 6: an EPW path naming /etc/passwd printed its first line.
    const std::string secret = "root:x:0:0:root:/root:/bin/bash\nsecret-line\n";
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("passwd", secret), diagnostics));
    ASSERT_EQ(diagnostics.items().size(), 1u);
    const Diagnostic& error = diagnostics.items()[0];
    EXPECT_EQ(error.line, 1);
    EXPECT_EQ(error.message, "not an EPW file: the first line does not start with 'LOCATION,'");
    EXPECT_EQ(error.message.find("root"), std::string::npos);
}

TEST_F(EpwSynthetic, TheEmptyFileErrorHasALine) {
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(write("empty.epw", ""), diagnostics));
    ASSERT_NE(firstError(diagnostics), nullptr);
    EXPECT_EQ(firstError(diagnostics)->line, 1);
    EXPECT_EQ(firstError(diagnostics)->column, 1);
}

TEST_F(EpwSynthetic, AFifoIsRefusedAtOnce) {
    // Issue 17 item 7: a FIFO named as the weather file hung every reader.
    const fs::path fifo = m_dir / "pipe.epw";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    Diagnostics diagnostics;
    EXPECT_FALSE(EpwFile::load(fifo, diagnostics));
    ASSERT_EQ(diagnostics.items().size(), 1u);
    EXPECT_EQ(diagnostics.items()[0].kind, DiagnosticKind::Unreadable);
    EXPECT_NE(diagnostics.items()[0].message.find("not a regular file"), std::string::npos);
}

} // namespace
