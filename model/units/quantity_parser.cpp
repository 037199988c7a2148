#include "model/units/quantity_parser.h"

#include "model/core/diagnostic.h"
#include "model/units/display_units.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace headroom::units {
namespace {

/// Text quoted for a message, cut short when long (a 10 MB string makes a short line).
std::string quoted(std::string_view text) {
    return model::quotedExcerpt(text);
}

/// Parentheses nest at most this deep: deeper is a mistake, and must not overflow the stack.
constexpr int kMaxUnitNesting = 16;

struct UnitSymbol {
    double factor = 1.0; ///< SI base units per unit
    Dimension dimension;
    TemperatureReading temperature = TemperatureReading::NotTemperature;
    double offset = 0.0; ///< added after scaling, for absolute temperatures only
};

constexpr Dimension kNone{};
constexpr Dimension kLength{1, 0, 0, 0, 0, 0};
constexpr Dimension kMass{0, 1, 0, 0, 0, 0};
constexpr Dimension kTime{0, 0, 1, 0, 0, 0};
constexpr Dimension kTemperature{0, 0, 0, 1, 0, 0};
constexpr Dimension kInformation{0, 0, 0, 0, 1, 0};
constexpr Dimension kComputation{0, 0, 0, 0, 0, 1};
constexpr Dimension kMoney{0, 0, 0, 0, 0, 0, 1};
constexpr Dimension kArea = kLength.scaled(2);
constexpr Dimension kVolume = kLength.scaled(3);
constexpr Dimension kEnergy = kMass + kArea - kTime.scaled(2);
constexpr Dimension kPower = kEnergy - kTime;
constexpr Dimension kPressure = kMass - kLength - kTime.scaled(2);

// Exact conversion factors (NIST SP 811, appendix B).
constexpr double kFoot = 0.3048;
constexpr double kInch = 0.0254;
constexpr double kPound = 0.45359237;
constexpr double kUsGallon = model::kLitresPerUsGallon * 1e-3; // m3
constexpr double kBtu = 1055.05585262;                         // International Table Btu
constexpr double kHour = 3600.0;

using SymbolTable = std::unordered_map<std::string, UnitSymbol>;

void addPrefixed(SymbolTable& table, const std::string& symbol, const UnitSymbol& base,
                 std::initializer_list<std::pair<const char*, double>> prefixes) {
    table.emplace(symbol, base);
    for (const auto& [prefix, scale] : prefixes) {
        UnitSymbol scaled = base;
        scaled.factor *= scale;
        table.emplace(std::string(prefix) + symbol, scaled);
    }
}

SymbolTable makeSymbolTable() {
    SymbolTable t;
    const std::initializer_list<std::pair<const char*, double>> big = {
        {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}};
    const std::initializer_list<std::pair<const char*, double>> bigger = {
        {"k", 1e3}, {"M", 1e6}, {"G", 1e9}, {"T", 1e12}, {"P", 1e15}, {"E", 1e18}};

    // length, area, volume
    // nm: a chip's process node ("4 nm").
    addPrefixed(t, "m", {1.0, kLength}, {{"n", 1e-9}, {"m", 1e-3}, {"c", 1e-2}, {"k", 1e3}});
    t.emplace("ft", UnitSymbol{kFoot, kLength});
    t.emplace("in", UnitSymbol{kInch, kLength});
    t.emplace("mi", UnitSymbol{1609.344, kLength});
    t.emplace("m2", UnitSymbol{1.0, kArea});
    t.emplace("km2", UnitSymbol{1e6, kArea});
    t.emplace("ft2", UnitSymbol{kFoot * kFoot, kArea});
    t.emplace("sqft", UnitSymbol{kFoot * kFoot, kArea});
    t.emplace("acre", UnitSymbol{4046.8564224, kArea});
    t.emplace("acres", UnitSymbol{4046.8564224, kArea});
    t.emplace("ha", UnitSymbol{1e4, kArea});
    t.emplace("m3", UnitSymbol{1.0, kVolume});
    t.emplace("ft3", UnitSymbol{kFoot * kFoot * kFoot, kVolume});
    for (const char* litre : {"L", "l"}) {
        addPrefixed(t, litre, {1e-3, kVolume}, {{"m", 1e-3}, {"k", 1e3}});
    }
    t.emplace("ML", UnitSymbol{1e3, kVolume}); // megalitre
    addPrefixed(t, "gal", {kUsGallon, kVolume}, {{"k", 1e3}, {"M", 1e6}});

    // mass, including CO2-equivalent spellings
    for (const char* suffix : {"", "CO2", "CO2e"}) {
        const std::string s = suffix;
        t.emplace("g" + s, UnitSymbol{1e-3, kMass});
        t.emplace("kg" + s, UnitSymbol{1.0, kMass});
        t.emplace("t" + s, UnitSymbol{1e3, kMass});
        t.emplace("kt" + s, UnitSymbol{1e6, kMass});
        t.emplace("Mt" + s, UnitSymbol{1e9, kMass});
        t.emplace("lb" + s, UnitSymbol{kPound, kMass});
    }
    t.emplace("lbs", UnitSymbol{kPound, kMass});

    // time
    t.emplace("s", UnitSymbol{1.0, kTime});
    t.emplace("ms", UnitSymbol{1e-3, kTime});
    t.emplace("us", UnitSymbol{1e-6, kTime});
    t.emplace("µs", UnitSymbol{1e-6, kTime});
    t.emplace("min", UnitSymbol{60.0, kTime});
    t.emplace("h", UnitSymbol{kHour, kTime});
    t.emplace("hr", UnitSymbol{kHour, kTime});
    t.emplace("d", UnitSymbol{24 * kHour, kTime});
    t.emplace("day", UnitSymbol{24 * kHour, kTime});
    t.emplace("days", UnitSymbol{24 * kHour, kTime});
    t.emplace("yr", UnitSymbol{8760 * kHour, kTime}); // a planning year of 8760 h
    addPrefixed(t, "Hz", {1.0, kNone - kTime}, big);

    // energy and power
    addPrefixed(t, "J", {1.0, kEnergy}, big);
    addPrefixed(t, "Wh", {kHour, kEnergy}, big);
    addPrefixed(t, "W", {1.0, kPower}, big);
    t.emplace("Btu", UnitSymbol{kBtu, kEnergy});
    t.emplace("BTU", UnitSymbol{kBtu, kEnergy});
    t.emplace("kBtu", UnitSymbol{1e3 * kBtu, kEnergy});
    t.emplace("MMBtu", UnitSymbol{1e6 * kBtu, kEnergy});
    t.emplace("therm", UnitSymbol{1e5 * kBtu, kEnergy});
    t.emplace("hp", UnitSymbol{745.69987158227022, kPower});
    // Ton of refrigeration: 12,000 Btu/h (ASHRAE Terminology).
    for (const char* ton : {"ton", "tons", "TR", "RT"}) {
        t.emplace(ton, UnitSymbol{12000 * kBtu / kHour, kPower});
    }

    // pressure
    addPrefixed(t, "Pa", {1.0, kPressure}, {{"h", 1e2}, {"k", 1e3}, {"M", 1e6}});
    t.emplace("bar", UnitSymbol{1e5, kPressure});
    t.emplace("mbar", UnitSymbol{1e2, kPressure});
    t.emplace("atm", UnitSymbol{101325.0, kPressure});
    t.emplace("psi", UnitSymbol{kPound * 9.80665 / (kInch * kInch), kPressure});
    t.emplace("inH2O", UnitSymbol{249.08891, kPressure}); // conventional, water at 4 degC
    t.emplace("inHg", UnitSymbol{3386.389, kPressure});   // conventional, mercury at 0 degC

    // volume flow shorthands
    t.emplace("gpm", UnitSymbol{kUsGallon / 60.0, kVolume - kTime});
    t.emplace("cfm", UnitSymbol{kFoot * kFoot * kFoot / 60.0, kVolume - kTime});

    // temperature: degC and degF are points on a scale, delta_ forms are steps.
    t.emplace("K", UnitSymbol{1.0, kTemperature, TemperatureReading::Either});
    for (const char* c : {"degC", "°C"}) {
        t.emplace(c, UnitSymbol{1.0, kTemperature, TemperatureReading::Absolute, 273.15});
    }
    for (const char* f : {"degF", "°F"}) {
        t.emplace(f, UnitSymbol{5.0 / 9.0, kTemperature, TemperatureReading::Absolute,
                                459.67 * 5.0 / 9.0});
    }
    t.emplace("delta_degC", UnitSymbol{1.0, kTemperature, TemperatureReading::Difference});
    t.emplace("delta_degF", UnitSymbol{5.0 / 9.0, kTemperature, TemperatureReading::Difference});

    // information (decimal and binary prefixes) and data rates
    addPrefixed(t, "B", {1.0, kInformation}, bigger);
    addPrefixed(t, "b", {0.125, kInformation}, bigger);
    t.emplace("bit", UnitSymbol{0.125, kInformation});
    t.emplace("KiB", UnitSymbol{1024.0, kInformation});
    t.emplace("MiB", UnitSymbol{1048576.0, kInformation});
    t.emplace("GiB", UnitSymbol{1073741824.0, kInformation});
    t.emplace("TiB", UnitSymbol{1099511627776.0, kInformation});
    addPrefixed(t, "bps", {0.125, kInformation - kTime}, bigger);

    // computation
    for (const char* flop : {"FLOP", "flop"}) {
        addPrefixed(t, flop, {1.0, kComputation}, bigger);
    }
    addPrefixed(t, "FLOPS", {1.0, kComputation - kTime}, bigger);

    // money: US dollars, with k, M and G for thousands, millions and billions; a month is a
    // twelfth of the planning year (demand charges are billed per kW and month)
    addPrefixed(t, "USD", {1.0, kMoney}, {{"k", 1e3}, {"M", 1e6}, {"G", 1e9}});
    t.emplace("month", UnitSymbol{730 * kHour, kTime});

    t.emplace("%", UnitSymbol{0.01, kNone});
    return t;
}

const SymbolTable& symbolTable() {
    static const SymbolTable table = makeSymbolTable();
    return table;
}

bool isSpace(char c) {
    return c == ' ' || c == '\t';
}

QuantityError makeError(QuantityError::Kind kind, std::string message, std::size_t offset) {
    return QuantityError{kind, std::move(message), offset};
}

// Recursive-descent parser over one unit expression:
//   expression := factor (('*' | '/') factor)*
//   factor     := '(' expression ')' ['^' integer] | symbol ['^' integer]
class UnitExpressionParser {
public:
    UnitExpressionParser(std::string_view text, std::size_t base)
        : m_text(text)
        , m_base(base) {}

    std::optional<UnitSymbol> parse() {
        auto result = expression();
        skipSpaces();
        if (result && m_pos != m_text.size()) {
            fail(QuantityError::Kind::UnknownUnit,
                 "unexpected " + quoted(m_text.substr(m_pos)) + " in unit " + quoted(m_text));
            return std::nullopt;
        }
        return result;
    }

    const QuantityError& error() const { return m_error; }
    int symbolCount() const { return m_symbols; }

private:
    std::optional<UnitSymbol> expression() {
        auto left = factor();
        while (left) {
            skipSpaces();
            if (m_pos >= m_text.size() || (m_text[m_pos] != '*' && m_text[m_pos] != '/')) {
                break;
            }
            const bool divide = m_text[m_pos] == '/';
            ++m_pos;
            auto right = factor();
            if (!right) {
                return std::nullopt;
            }
            left->factor = divide ? left->factor / right->factor : left->factor * right->factor;
            left->dimension =
                divide ? left->dimension - right->dimension : left->dimension + right->dimension;
            left->temperature = TemperatureReading::NotTemperature;
        }
        return left;
    }

    std::optional<UnitSymbol> factor() {
        skipSpaces();
        std::optional<UnitSymbol> unit;
        if (m_pos < m_text.size() && m_text[m_pos] == '(') {
            if (++m_depth > kMaxUnitNesting) {
                fail(QuantityError::Kind::UnknownUnit, "parentheses nested deeper than " +
                                                           std::to_string(kMaxUnitNesting) +
                                                           " levels in unit " + quoted(m_text));
                return std::nullopt;
            }
            ++m_pos;
            unit = expression();
            --m_depth;
            skipSpaces();
            if (!unit) {
                return std::nullopt;
            }
            if (m_pos >= m_text.size() || m_text[m_pos] != ')') {
                fail(QuantityError::Kind::UnknownUnit, "missing \")\" in unit " + quoted(m_text));
                return std::nullopt;
            }
            ++m_pos;
        } else {
            unit = symbol();
            if (!unit) {
                return std::nullopt;
            }
        }
        if (m_pos < m_text.size() && m_text[m_pos] == '^') {
            ++m_pos;
            int power = 0;
            const char* begin = m_text.data() + m_pos;
            auto [end, ec] = std::from_chars(begin, m_text.data() + m_text.size(), power);
            if (ec != std::errc() || power == 0 || power > 4 || power < -4) {
                fail(QuantityError::Kind::UnknownUnit,
                     "expected an integer power from -4 to 4 after \"^\" in unit " +
                         quoted(m_text));
                return std::nullopt;
            }
            m_pos += static_cast<std::size_t>(end - begin);
            unit->factor = std::pow(unit->factor, power);
            unit->dimension = unit->dimension.scaled(power);
            unit->temperature = TemperatureReading::NotTemperature;
        }
        return unit;
    }

    std::optional<UnitSymbol> symbol() {
        const std::size_t start = m_pos;
        while (m_pos < m_text.size() && !isSpace(m_text[m_pos]) && m_text[m_pos] != '*' &&
               m_text[m_pos] != '/' && m_text[m_pos] != '(' && m_text[m_pos] != ')' &&
               m_text[m_pos] != '^') {
            ++m_pos;
        }
        const std::string name(m_text.substr(start, m_pos - start));
        if (name.empty()) {
            m_pos = start;
            fail(QuantityError::Kind::UnknownUnit, "expected a unit symbol in " + quoted(m_text));
            return std::nullopt;
        }
        const auto& table = symbolTable();
        auto found = table.find(name);
        if (found == table.end()) {
            m_pos = start;
            fail(QuantityError::Kind::UnknownUnit, "unknown unit " + quoted(name));
            return std::nullopt;
        }
        ++m_symbols;
        return found->second;
    }

    void skipSpaces() {
        while (m_pos < m_text.size() && isSpace(m_text[m_pos])) {
            ++m_pos;
        }
    }

    void fail(QuantityError::Kind kind, std::string message) {
        m_error = makeError(kind, std::move(message), m_base + m_pos);
    }

    std::string_view m_text;
    std::size_t m_base = 0;
    std::size_t m_pos = 0;
    int m_symbols = 0;
    int m_depth = 0;
    QuantityError m_error;
};

const char* articleFor(const char* name) {
    const char first = name[0];
    return (first == 'a' || first == 'e' || first == 'i' || first == 'o' || first == 'u') ? "an"
                                                                                          : "a";
}

} // namespace

QuantityResult<ParsedQuantity> parseAnyQuantity(std::string_view text) {
    QuantityResult<ParsedQuantity> result;
    std::size_t pos = 0;
    while (pos < text.size() && isSpace(text[pos])) {
        ++pos;
    }
    if (pos == text.size()) {
        result.error = makeError(QuantityError::Kind::Empty,
                                 "expected a number and a unit, got an empty string", pos);
        return result;
    }

    // The number: from_chars accepts exactly the C locale's decimal forms; we also
    // accept a leading '+'. Thousands separators are rejected rather than guessed.
    const std::size_t numberStart = pos;
    if (text[pos] == '+') {
        ++pos;
    }
    double value = 0.0;
    const char* begin = text.data() + pos;
    auto [end, ec] = std::from_chars(begin, text.data() + text.size(), value);
    const std::size_t numberEnd = pos + static_cast<std::size_t>(end - begin);
    const std::string_view numberText = text.substr(numberStart, numberEnd - numberStart);
    if (ec == std::errc::result_out_of_range) {
        result.error = makeError(QuantityError::Kind::MalformedNumber,
                                 "number " + quoted(numberText) + " is out of range", numberStart);
        return result;
    }
    if (ec != std::errc() || !std::isfinite(value) ||
        (numberEnd < text.size() && (text[numberEnd] == ',' || text[numberEnd] == '.'))) {
        std::size_t tokenEnd = numberStart;
        while (tokenEnd < text.size() && !isSpace(text[tokenEnd])) {
            ++tokenEnd;
        }
        result.error = makeError(QuantityError::Kind::MalformedNumber,
                                 "expected a finite number such as 65 or 1.2e3, got " +
                                     quoted(text.substr(numberStart, tokenEnd - numberStart)),
                                 numberStart);
        return result;
    }
    pos = numberEnd;

    std::size_t unitStart = pos;
    while (unitStart < text.size() && isSpace(text[unitStart])) {
        ++unitStart;
    }
    std::size_t unitEnd = text.size();
    while (unitEnd > unitStart && isSpace(text[unitEnd - 1])) {
        --unitEnd;
    }
    ParsedQuantity parsed;
    if (unitStart == unitEnd) {
        parsed.siValue = value;
        result.value = parsed;
        return result;
    }
    if (unitStart == pos && text[unitStart] != '%') {
        // "65MW" is accepted, but "1e" or "12abc" reads as a malformed number.
        const auto first = static_cast<unsigned char>(text[unitStart]);
        if (std::isalpha(first) == 0 && first < 0x80 && first != '(') {
            result.error = makeError(QuantityError::Kind::MalformedNumber,
                                     "expected a number followed by a unit, got " +
                                         quoted(text.substr(numberStart)),
                                     numberStart);
            return result;
        }
    }

    const std::string_view unitText = text.substr(unitStart, unitEnd - unitStart);
    UnitExpressionParser parser(unitText, unitStart);
    auto unit = parser.parse();
    if (!unit) {
        result.error = parser.error();
        return result;
    }
    if (parser.symbolCount() > 1 && unit->temperature == TemperatureReading::NotTemperature) {
        // A compound such as "degC/h" would silently drop the scale offset.
        for (const char* absolute : {"degC", "degF", "°C", "°F"}) {
            if (unitText.find(absolute) != std::string_view::npos &&
                unitText.find(std::string("delta_") + absolute) == std::string_view::npos) {
                result.error =
                    makeError(QuantityError::Kind::UnknownUnit,
                              std::string(absolute) +
                                  " is a point on a scale and cannot be combined with other "
                                  "units; use K or delta_degC/delta_degF for a difference",
                              unitStart);
                return result;
            }
        }
    }
    if (!std::isnormal(unit->factor)) {
        // Powers of powers can take a unit's factor past what a double holds (to 0 or inf):
        // every value would then read as 0 or overflow.
        result.error =
            makeError(QuantityError::Kind::UnknownUnit,
                      "unit " + quoted(unitText) + " is out of range in SI units", unitStart);
        return result;
    }
    parsed.siValue = value * unit->factor + unit->offset;
    if (!std::isfinite(parsed.siValue)) {
        result.error = makeError(QuantityError::Kind::MalformedNumber,
                                 quoted(text.substr(numberStart)) + " is out of range in SI units",
                                 numberStart);
        return result;
    }
    parsed.dimension = unit->dimension;
    parsed.temperature = unit->temperature;
    result.value = parsed;
    return result;
}

std::string dimensionName(const Dimension& dimension) {
    struct Named {
        Dimension dimension;
        const char* name;
    };
    static const Named names[] = {
        {QuantityTraits<Length>::dimension, "length"},
        {QuantityTraits<Area>::dimension, "area"},
        {QuantityTraits<Volume>::dimension, "volume"},
        {QuantityTraits<Mass>::dimension, "mass"},
        {QuantityTraits<Time>::dimension, "time"},
        {QuantityTraits<Power>::dimension, "power"},
        {QuantityTraits<Energy>::dimension, "energy"},
        {QuantityTraits<Pressure>::dimension, "pressure"},
        {QuantityTraits<Velocity>::dimension, "velocity"},
        {QuantityTraits<Frequency>::dimension, "frequency"},
        {QuantityTraits<Dimensionless>::dimension, "plain number"},
        {QuantityTraits<MassFlow>::dimension, "mass flow"},
        {QuantityTraits<VolumeFlow>::dimension, "volume flow"},
        {QuantityTraits<CarbonIntensity>::dimension, "carbon intensity"},
        {QuantityTraits<WaterIntensity>::dimension, "water intensity"},
        {QuantityTraits<SpecificHeat>::dimension, "specific heat"},
        {QuantityTraits<SpecificEnergy>::dimension, "specific energy"},
        {QuantityTraits<Density>::dimension, "density"},
        {QuantityTraits<DataSize>::dimension, "data size"},
        {QuantityTraits<DataRate>::dimension, "data rate"},
        {QuantityTraits<Operations>::dimension, "amount of computation"},
        {QuantityTraits<ComputeRate>::dimension, "compute rate"},
        {QuantityTraits<Temperature>::dimension, "temperature"},
    };
    for (const auto& named : names) {
        if (named.dimension == dimension) {
            return named.name;
        }
    }
    std::string si;
    const std::pair<int, const char*> parts[] = {
        {dimension.mass, "kg"},       {dimension.length, "m"},      {dimension.time, "s"},
        {dimension.temperature, "K"}, {dimension.information, "B"}, {dimension.computation, "FLOP"},
        {dimension.money, "USD"},
    };
    for (const auto& [power, symbol] : parts) {
        if (power != 0) {
            si += (si.empty() ? "" : "*") + std::string(symbol);
            if (power != 1) {
                si += "^" + std::to_string(power);
            }
        }
    }
    return "quantity in " + si;
}

namespace detail {

std::optional<QuantityError> checkDimension(std::string_view text, const ParsedQuantity& parsed,
                                            const Dimension& expected, const char* expectedName,
                                            const char* example,
                                            TemperatureReading expectedReading) {
    std::size_t unitOffset = 0;
    while (unitOffset < text.size() && isSpace(text[unitOffset])) {
        ++unitOffset;
    }
    const std::string quotedText = quoted(text);
    if (parsed.dimension != expected) {
        if (parsed.dimension == Dimension{} && expected != Dimension{}) {
            return makeError(QuantityError::Kind::MissingUnit,
                             std::string("expected ") + articleFor(expectedName) + " " +
                                 expectedName + " with a unit such as \"" + example + "\", got " +
                                 quotedText,
                             unitOffset);
        }
        const std::string gotName = parsed.temperature == TemperatureReading::Absolute
                                        ? std::string("temperature")
                                        : dimensionName(parsed.dimension);
        return makeError(QuantityError::Kind::WrongDimension,
                         std::string("expected ") + articleFor(expectedName) + " " + expectedName +
                             " such as \"" + example + "\", got " + articleFor(gotName.c_str()) +
                             " " + gotName + " " + quotedText,
                         unitOffset);
    }
    if (expectedReading == TemperatureReading::Absolute &&
        parsed.temperature == TemperatureReading::Difference) {
        return makeError(QuantityError::Kind::WrongDimension,
                         "expected a temperature such as \"27 degC\", got a temperature "
                         "difference " +
                             quotedText,
                         unitOffset);
    }
    if (expectedReading == TemperatureReading::Difference &&
        parsed.temperature == TemperatureReading::Absolute) {
        return makeError(QuantityError::Kind::WrongDimension,
                         "expected a temperature difference such as \"5 K\" or \"9 delta_degF\", "
                         "got a temperature " +
                             quotedText,
                         unitOffset);
    }
    return std::nullopt;
}

} // namespace detail
} // namespace headroom::units
