// Hostile site files (issue 10): each gives its exact diagnostic, with line and column,
// and no Site. Cases already in site_reader_test.cpp and located_json_test.cpp (a file cut
// at 200 bytes, a number where a string goes, a power for a temperature, NaN and Infinity
// literals, 1e400, 100,000 '[' at the root, a count of -1, a missing EPW, an unknown chip,
// a byte-order mark, invalid UTF-8 in a value) are not repeated here. Large inputs are made
// in the test, not checked in.
#include "model/site/site_reader.h"

#include <gtest/gtest.h>

#include <string>

namespace headroom::model {
namespace {

// A complete small site; cases change one piece. Line numbers are lines of this text.
std::string baseSite() {
    return R"({
  "format": "headroom-site/1",
  "name": "Hostile",
  "location": {"latitude": 41.7, "longitude": -86.5, "elevation": "236 m", "utc_offset": -5},
  "climate": {"epw": "nowhere.epw"},
  "grid": {"carbon_intensity": "0.4155 kg/kWh", "water_intensity": "2.233 L/kWh"},
  "campus": {
    "utility_interconnect": "300 MW",
    "buildings": {"count": 7, "halls_per_building": 2},
    "hall": {"it_power": "16 MW", "floor_area": "100000 ft2", "rack_positions": 600,
             "rack_power_limit": "40 kW"}
  },
  "cooling": {"supply_air": {"max": "27 degC"}, "delta_t": "12 K"},
  "it": {"chip": "trainium2", "platform": "trn2-ultraserver", "utilization": "70 %"},
  "fabric": {"switch": "51.2t-64x800g"}
}
)";
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const auto at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    return at == std::string::npos ? text : text.replace(at, from.size(), to);
}

// Every error the text gives, formatted as the CLI prints them, one a line; and no Site.
// The base names a weather file that does not exist, so a file that passes every check
// still fails there: cases that reach it list that error too.
std::string errors(const std::string& text) {
    auto load = readSiteText(text, "site.json", HEADROOM_SOURCE_DIR);
    EXPECT_FALSE(load.site.has_value());
    std::string lines;
    for (const auto& d : load.diagnostics.items()) {
        if (d.severity == Severity::Error) {
            lines += (lines.empty() ? "" : "\n") + formatDiagnostic(d);
        }
    }
    return lines;
}

const std::string kNoEpw = "site.json:5:22: error: /climate/epw: cannot find the weather file "
                           "\"nowhere.epw\" (looked for " HEADROOM_SOURCE_DIR "/nowhere.epw)";

TEST(HostileSite, TheBaseFailsOnlyOnItsWeatherFile) {
    EXPECT_EQ(errors(baseSite()), kNoEpw);
}

TEST(HostileSite, TruncatedInsideACharacter) {
    const std::string text = replaced(baseSite(), "Hostile", "Hostile \xC3\xA9");
    EXPECT_EQ(errors(text.substr(0, text.find("\xA9"))),
              "site.json:3:20: error: invalid UTF-8: the character is cut short by the end of "
              "the file");
}

TEST(HostileSite, WrongJsonTypes) {
    EXPECT_EQ(errors("[1, 2]"), "site.json:1:1: error: expected a site object {\"format\": "
                                "\"headroom-site/1\", ...}, got an array");
    EXPECT_EQ(errors("null"), "site.json:1:1: error: expected a site object {\"format\": "
                              "\"headroom-site/1\", ...}, got null");
    EXPECT_EQ(errors(replaced(baseSite(), "\"count\": 7", "\"count\": 7.5")),
              "site.json:9:28: error: /campus/buildings/count: expected a whole number, got a "
              "number 7.5");
    EXPECT_EQ(errors(replaced(baseSite(), "\"count\": 7", "\"count\": null")),
              "site.json:9:28: error: /campus/buildings/count: expected a whole number, got null");
    EXPECT_EQ(errors(replaced(baseSite(), "\"fabric\": {\"switch\": \"51.2t-64x800g\"}",
                              "\"fabric\": [\"51.2t-64x800g\"]")),
              "site.json:15:13: error: /fabric: expected an object, got an array");
    EXPECT_EQ(errors(replaced(baseSite(), "\"max\": \"27 degC\"}",
                              "\"max\": \"27 degC\", \"humidify\": \"yes\"}")),
              "site.json:13:60: error: /cooling/supply_air/humidify: expected true or false, got "
              "a string \"yes\"");
}

TEST(HostileSite, WrongUnits) {
    EXPECT_EQ(errors(replaced(baseSite(), "\"12 K\"", "\"12 degC\"")),
              "site.json:13:60: error: /cooling/delta_t: expected a temperature difference such "
              "as \"5 K\" or \"9 delta_degF\", got a temperature \"12 degC\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"16 MWatts\"")),
              "site.json:10:26: error: /campus/hall/it_power: unknown unit \"MWatts\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"16\"")),
              "site.json:10:26: error: /campus/hall/it_power: expected a power with a unit such "
              "as \"65 MW\", got \"16\"");
}

TEST(HostileSite, NanAndInfinityInQuantities) {
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"NaN MW\"")),
              "site.json:10:26: error: /campus/hall/it_power: expected a finite number such as "
              "65 or 1.2e3, got \"NaN\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"-Infinity MW\"")),
              "site.json:10:26: error: /campus/hall/it_power: expected a finite number such as "
              "65 or 1.2e3, got \"-Infinity\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"latitude\": 41.7", "\"latitude\": Infinity")),
              "site.json:4:28: error: Infinity is not valid JSON: write a finite number");
}

TEST(HostileSite, HugeAndAbsurdNumbers) {
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"1e400 MW\"")),
              "site.json:10:26: error: /campus/hall/it_power: number \"1e400\" is out of range");
    // Parses, but no hall draws 1e30 MW: the field's maximum catches the slip.
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"1e30 MW\"")),
              "site.json:10:26: error: /campus/hall/it_power: expected a power above 0 MW and at "
              "most 10 GW, got \"1e30 MW\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"300 MW\"", "\"1e30 MW\"")),
              "site.json:8:29: error: /campus/utility_interconnect: expected a power above 0 MW "
              "and at most 100 GW, got \"1e30 MW\"");
    EXPECT_EQ(errors(replaced(baseSite(), "\"rack_positions\": 600",
                              "\"rack_positions\": 18446744073709551615")),
              "site.json:10:81: error: /campus/hall/rack_positions: expected a whole number from "
              "0 to 100000, got 18446744073709551615");
    // Too large even for 64 bits: read as a double, so not a whole number.
    EXPECT_EQ(errors(replaced(baseSite(), "\"count\": 7", "\"count\": 123456789012345678901234")),
              "site.json:9:28: error: /campus/buildings/count: expected a whole number, got a "
              "number 1.2345678901234569e+23");
}

TEST(HostileSite, TenMegabyteStrings) {
    const std::string huge(10u << 20, 'x');
    const std::string cut = std::string(64, 'x') + "...\" (10485760 bytes)";
    // In a quantity: the message quotes the start and the size, not 10 MB.
    EXPECT_EQ(errors(replaced(baseSite(), "\"16 MW\"", "\"" + huge + "\"")),
              "site.json:10:26: error: /campus/hall/it_power: expected a finite number such as "
              "65 or 1.2e3, got \"" +
                  cut);
    // As a catalog id.
    const std::string chip = errors(replaced(baseSite(), "\"trainium2\"", "\"" + huge + "\""));
    EXPECT_EQ(chip.substr(0, chip.find(" are: ")),
              kNoEpw + "\nsite.json:14:18: error: /it/chip: unknown chip \"" + cut +
                  "; the catalog's chips");
    // As an unknown key: a warning at the key, short, and no seconds-long "did you mean".
    auto load = readSiteText(replaced(baseSite(), "\"name\"", "\"" + huge + "\": 1, \"name\""),
                             "site.json", HEADROOM_SOURCE_DIR);
    ASSERT_FALSE(load.diagnostics.empty());
    const Diagnostic& warning = load.diagnostics.items().front();
    EXPECT_EQ(warning.severity, Severity::Warning);
    EXPECT_EQ(warning.line, 3);
    EXPECT_EQ(warning.column, 3);
    EXPECT_EQ(warning.pointer, "/" + huge);
    // Printed, the pointer is cut short too.
    const std::string printed = "site.json:3:3: warning: \"/" + std::string(199, 'x') +
                                "...\" (10485761 bytes): unknown key \"";
    EXPECT_EQ(formatDiagnostic(warning).substr(0, printed.size()), printed);
    EXPECT_EQ(warning.message, "unknown key \"" + cut +
                                   " is ignored; expected one of: format, name, notes, location, "
                                   "climate, grid, campus, electrical, cooling, it, fabric, "
                                   "workloads, plan, cost, clean_energy, water_stress, source");
}

TEST(HostileSite, DeeplyNestedValues) {
    const std::string arrays(100000, '[');
    EXPECT_EQ(errors(replaced(baseSite(), "\"Hostile\"", arrays)),
              "site.json:3:74: error: nesting deeper than 64 levels: this array is at level 65");
    std::string objects;
    for (int i = 0; i < 100000; ++i) {
        objects += "{\"a\":";
    }
    EXPECT_EQ(errors(replaced(baseSite(), "\"Hostile\"", objects)),
              "site.json:3:326: error: nesting deeper than 64 levels: this object is at level "
              "65");
    // Nested parentheses inside a quantity's unit.
    EXPECT_EQ(
        errors(replaced(baseSite(), "\"16 MW\"", "\"16 " + std::string(100000, '(') + "MW\"")),
        "site.json:10:26: error: /campus/hall/it_power: parentheses nested deeper than 16 "
        "levels in unit \"" +
            std::string(64, '(') + "...\" (100002 bytes)");
}

TEST(HostileSite, NegativeCounts) {
    EXPECT_EQ(errors(replaced(baseSite(), "\"rack_positions\": 600", "\"rack_positions\": -5")),
              "site.json:10:81: error: /campus/hall/rack_positions: expected a whole number from "
              "0 to 100000, got -5");
    EXPECT_EQ(
        errors(replaced(baseSite(), "\"halls_per_building\": 2", "\"halls_per_building\": -2")),
        "site.json:9:53: error: /campus/buildings/halls_per_building: expected a whole "
        "number from 1 to 100, got -2");
    EXPECT_EQ(errors(replaced(baseSite(), "\"utilization\": \"70 %\"",
                              "\"utilization\": \"70 %\", \"ultraservers\": -1")),
              "site.json:14:102: error: /it/ultraservers: expected a whole number from 0 to "
              "10000000, got -1");
}

TEST(HostileSite, ReferencesToMissingFiles) {
    const std::string csv =
        "{\"csv\": \"grid/none.csv\", \"column\": \"avg_CI\", \"unit\": \"g/kWh\"}";
    EXPECT_EQ(errors(replaced(baseSite(), "\"0.4155 kg/kWh\"", csv)),
              kNoEpw + "\nsite.json:6:40: error: /grid/carbon_intensity/csv: cannot find the CSV "
                       "file \"grid/none.csv\" (looked for " HEADROOM_SOURCE_DIR "/grid/none.csv)");
    EXPECT_EQ(errors(replaced(baseSite(), "\"0.4155 kg/kWh\"",
                              "{\"csv\": \"tests\", \"column\": \"c\", \"unit\": \"g/kWh\"}")),
              kNoEpw + "\nsite.json:6:40: error: /grid/carbon_intensity/csv: the CSV file "
                       "\"tests\" (" HEADROOM_SOURCE_DIR "/tests) is a folder, not a file");
    EXPECT_EQ(
        errors(replaced(
            baseSite(), "{\"epw\": \"nowhere.epw\"}",
            "{\"csv\": {\"file\": \"none.csv\", \"timestamp\": \"t\", "
            "\"temperature\": \"temp\", \"relative_humidity\": \"rh\", \"pressure\": \"p\"}}")),
        "site.json:5:31: error: /climate/csv/file: cannot find the weather CSV \"none.csv\" "
        "(looked for " HEADROOM_SOURCE_DIR "/none.csv)");
}

TEST(HostileSite, NamesThatAreNotFiles) {
    auto folder = readSiteFile(HEADROOM_SOURCE_DIR "/tests");
    EXPECT_FALSE(folder.site);
    ASSERT_EQ(folder.diagnostics.items().size(), 1u);
    EXPECT_EQ(formatDiagnostic(folder.diagnostics.items().front()),
              HEADROOM_SOURCE_DIR "/tests: error: the site file is a folder, not a file");
    // An endless device as the grid CSV: refused before a byte is read.
    EXPECT_EQ(errors(replaced(baseSite(), "\"0.4155 kg/kWh\"",
                              "{\"csv\": \"/dev/zero\", \"column\": \"c\", \"unit\": \"g/kWh\"}")),
              kNoEpw + "\nsite.json:6:40: error: /grid/carbon_intensity/csv: the CSV file "
                       "\"/dev/zero\" (/dev/zero) is not a regular file (a FIFO, a device or a "
                       "socket)");
    // And as the weather file.
    EXPECT_EQ(errors(replaced(baseSite(), "nowhere.epw", "/dev/zero")),
              "/dev/zero: error: /climate/epw: unable to read: is not a regular file (a FIFO, a "
              "device or a socket)");
}

TEST(HostileSite, UnknownCatalogIds) {
    const std::string platform =
        errors(replaced(baseSite(), "\"trn2-ultraserver\"", "\"trn9-ultraserver\""));
    EXPECT_EQ(platform.substr(0, platform.find(" are: ") + 6),
              kNoEpw + "\nsite.json:14:43: error: /it/platform: unknown platform "
                       "\"trn9-ultraserver\"; the catalog's platforms are: ");
    const std::string fabricSwitch =
        errors(replaced(baseSite(), "\"51.2t-64x800g\"", "\"12.8t-32x400g\""));
    EXPECT_EQ(fabricSwitch.substr(0, fabricSwitch.find(" are: ") + 6),
              kNoEpw + "\nsite.json:15:24: error: /fabric/switch: unknown switch "
                       "\"12.8t-32x400g\"; the catalog's switches are: ");
    EXPECT_EQ(errors(replaced(baseSite(), "\"trainium2\"", "\"\"")),
              "site.json:14:18: error: /it/chip: expected a catalog id, got \"\"");
}

TEST(HostileSite, BinaryGarbage) {
    // A PNG's signature: the NUL at byte 8 says binary data, not a JSON syntax error.
    EXPECT_EQ(errors(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)),
              "site.json:3:1: error: binary data, not JSON text: a NUL byte (0x00) at byte 8 of "
              "the file");
    // Bytes with no NUL: the first is not where a value can start.
    EXPECT_EQ(errors("\xC0\xC1\xF5\xFF garbage"),
              "site.json:1:1: error: expected a value (object, array, string, number, true, false "
              "or null), got byte 0xC0");
}

TEST(HostileSite, ByteOrderMarks) {
    EXPECT_EQ(errors("\xFF\xFE{\0\"\0"),
              "site.json:1:1: error: the file is UTF-16 text (it starts with a UTF-16 byte-order "
              "mark): save it as UTF-8");
    // A second UTF-8 mark after the first is not skipped.
    EXPECT_EQ(errors("\xEF\xBB\xBF\xEF\xBB\xBF{}"),
              "site.json:1:1: error: expected a value (object, array, string, number, true, false "
              "or null), got byte 0xEF");
}

TEST(HostileSite, InvalidUtf8InAKey) {
    EXPECT_EQ(errors(replaced(baseSite(), "\"name\"", "\"na\xEDme\"")),
              "site.json:3:6: error: invalid UTF-8: byte 0xED is followed by 'm', not a "
              "continuation byte");
    // An encoded surrogate (U+D800) is not UTF-8 either.
    EXPECT_EQ(errors(replaced(baseSite(), "\"name\"", "\"na\xED\xA0\x80me\"")),
              "site.json:3:6: error: invalid UTF-8: overlong form, surrogate or code point above "
              "U+10FFFF");
}

// Issue 17 item 10: implausible values passed silently ("0.04 ft2" of hall floor). They
// stay possible, so they warn, at the field, with the typical range and its source.
std::string warnings(const std::string& text) {
    auto load = readSiteText(text, "site.json", HEADROOM_SOURCE_DIR);
    std::string lines;
    for (const auto& d : load.diagnostics.items()) {
        if (d.severity == Severity::Warning) {
            lines += (lines.empty() ? "" : "\n") + formatDiagnostic(d);
        }
    }
    return lines;
}

TEST(HostileSite, ImplausibleFiguresWarnWithTheirSource) {
    const std::string epw =
        "{\"epw\": \"tests/data/weather/USA_IL_Chicago-OHare.Intl.AP.725300_TMY3.epw\"}";
    const std::string base = replaced(baseSite(), "{\"epw\": \"nowhere.epw\"}", epw);
    EXPECT_EQ(warnings(base), "");
    EXPECT_EQ(warnings(replaced(base, "\"100000 ft2\"", "\"0.04 ft2\"")),
              "site.json:10:49: warning: /campus/hall/floor_area: implausible: 4.306e+06 "
              "kW/m2 of IT power per m2 of hall floor (\"16 MW\" on \"0.04 ft2\"); real "
              "halls have 0.1 to 60 kW/m2 (ASHRAE TC 9.9 power trends; NVIDIA GB200 NVL72 "
              "racks). Check the unit (m2 or ft2)");
    EXPECT_NE(
        warnings(replaced(base, "\"40 kW\"", "\"400 kW\"")).find("rack_power_limit: implausible"),
        std::string::npos);
    EXPECT_NE(warnings(replaced(base, "\"300 MW\"", "\"3 GW\""))
                  .find("utility_interconnect: implausible"),
              std::string::npos);
}

} // namespace
} // namespace headroom::model
