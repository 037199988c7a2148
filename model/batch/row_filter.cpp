#include "model/batch/row_filter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

namespace headroom::model {

namespace {

enum class Kind { Name, Number, Compare, LeftParen, RightParen, End };

struct Token {
    Kind kind = Kind::End;
    std::string_view text;
    std::size_t column = 0; ///< 1-based
    double number = 0.0;
};

bool nameStart(char c) {
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '/';
}
bool nameChar(char c) {
    return nameStart(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '.';
}

std::string quoted(std::string_view text) {
    return text.empty() ? std::string("the end") : "\"" + std::string(text) + "\"";
}

bool isWord(const Token& token, std::string_view word) {
    if (token.kind != Kind::Name || token.text.size() != word.size()) {
        return false;
    }
    return std::equal(word.begin(), word.end(), token.text.begin(), [](char w, char t) {
        return w == std::tolower(static_cast<unsigned char>(t));
    });
}

} // namespace

/// Recursive descent over the tokens:
///   or := and ("or" and)* ; and := unary ("and" unary)* ; unary := "not" unary | primary
///   primary := "(" or ")" | operand compare operand ; operand := name | number
class FilterParser {
public:
    FilterParser(std::string_view text, const std::vector<std::string>& columns, RowFilter& filter)
        : m_text(text)
        , m_columns(columns)
        , m_filter(filter) {}

    std::optional<FilterError> run() {
        if (auto error = tokenize()) {
            return error;
        }
        if (m_tokens.front().kind == Kind::End) {
            return std::nullopt; // nothing typed: every row
        }
        const int root = parseOr();
        if (m_error) {
            return m_error;
        }
        if (peek().kind != Kind::End) {
            return fail(peek(), "expected \"and\", \"or\" or the end");
        }
        m_filter.m_root = root;
        return std::nullopt;
    }

private:
    using Op = RowFilter::Op;

    std::optional<FilterError> tokenize() {
        std::size_t i = 0;
        while (i < m_text.size()) {
            const char c = m_text[i];
            if (std::isspace(static_cast<unsigned char>(c))) {
                ++i;
                continue;
            }
            Token token;
            token.column = i + 1;
            std::size_t end = i + 1;
            if (c == '(' || c == ')') {
                token.kind = c == '(' ? Kind::LeftParen : Kind::RightParen;
            } else if (c == '<' || c == '>' || c == '=' || c == '!') {
                token.kind = Kind::Compare;
                if (end < m_text.size() && m_text[end] == '=') {
                    ++end;
                }
                if (c == '!' && end == i + 1) {
                    return FilterError{token.column, "expected \"!=\", got \"!\""};
                }
            } else if (nameStart(c)) {
                token.kind = Kind::Name;
                while (end < m_text.size() && nameChar(m_text[end])) {
                    ++end;
                }
            } else {
                // A number: from_chars takes no leading '+'; skip it by hand.
                const std::size_t start = c == '+' ? i + 1 : i;
                const auto [ptr, ec] = std::from_chars(m_text.data() + start,
                                                       m_text.data() + m_text.size(), token.number);
                if (ec != std::errc() || ptr == m_text.data() + start ||
                    !std::isfinite(token.number)) {
                    return FilterError{token.column,
                                       "expected a column name, a number or a parenthesis, got " +
                                           quoted(m_text.substr(i, 1))};
                }
                token.kind = Kind::Number;
                end = static_cast<std::size_t>(ptr - m_text.data());
                if (end < m_text.size() && nameChar(m_text[end])) {
                    std::size_t stop = end;
                    while (stop < m_text.size() && nameChar(m_text[stop])) {
                        ++stop;
                    }
                    return FilterError{end + 1, "expected a plain number (in the column's unit), "
                                                "got " +
                                                    quoted(m_text.substr(i, stop - i))};
                }
            }
            token.text = m_text.substr(i, end - i);
            m_tokens.push_back(token);
            i = end;
        }
        Token last;
        last.column = m_text.size() + 1;
        m_tokens.push_back(last);
        return std::nullopt;
    }

    const Token& peek() const { return m_tokens[m_next]; }
    const Token& take() { return m_tokens[m_next < m_tokens.size() - 1 ? m_next++ : m_next]; }

    FilterError fail(const Token& at, const std::string& expected) {
        m_error = FilterError{at.column, expected + ", got " + quoted(at.text)};
        return *m_error;
    }

    int add(RowFilter::Node node) {
        m_filter.m_nodes.push_back(node);
        return static_cast<int>(m_filter.m_nodes.size()) - 1;
    }

    int parseOr() {
        int left = parseAnd();
        while (!m_error && isWord(peek(), "or")) {
            take();
            const int right = parseAnd();
            left = add({Op::Or, {}, {}, left, right});
        }
        return left;
    }

    int parseAnd() {
        int left = parseUnary();
        while (!m_error && isWord(peek(), "and")) {
            take();
            const int right = parseUnary();
            left = add({Op::And, {}, {}, left, right});
        }
        return left;
    }

    int parseUnary() {
        if (m_error) {
            return -1;
        }
        if (isWord(peek(), "not")) {
            take();
            const int operand = parseUnary();
            return add({Op::Not, {}, {}, operand, -1});
        }
        if (peek().kind == Kind::LeftParen) {
            take();
            const int inner = parseOr();
            if (!m_error && peek().kind != Kind::RightParen) {
                fail(peek(), "expected \")\"");
            }
            take();
            return inner;
        }
        return parseComparison();
    }

    std::optional<RowFilter::Operand> operand() {
        const Token& token = peek();
        if (token.kind == Kind::Number) {
            take();
            return RowFilter::Operand{-1, token.number};
        }
        if (token.kind == Kind::Name && !isWord(token, "and") && !isWord(token, "or") &&
            !isWord(token, "not")) {
            const auto found = std::find(m_columns.begin(), m_columns.end(), token.text);
            if (found == m_columns.end()) {
                fail(token, "expected a column of the table (" + columnList() + ")");
                return std::nullopt;
            }
            take();
            return RowFilter::Operand{static_cast<int>(found - m_columns.begin()), 0.0};
        }
        fail(token, "expected a column name or a number");
        return std::nullopt;
    }

    int parseComparison() {
        const auto left = operand();
        if (!left) {
            return -1;
        }
        const Token& compare = peek();
        if (compare.kind != Kind::Compare) {
            fail(compare, "expected a comparison (<, <=, >, >=, =, !=)");
            return -1;
        }
        take();
        const auto right = operand();
        if (!right) {
            return -1;
        }
        const std::string_view c = compare.text;
        const Op op = c == "<"    ? Op::Less
                      : c == "<=" ? Op::LessEqual
                      : c == ">"  ? Op::Greater
                      : c == ">=" ? Op::GreaterEqual
                      : c == "!=" ? Op::NotEqual
                                  : Op::Equal; // "=" or "=="
        return add({op, *left, *right, -1, -1});
    }

    /// The first few column names, for a message that says what would be accepted.
    std::string columnList() const {
        std::string list;
        constexpr std::size_t kShown = 6;
        for (std::size_t i = 0; i < std::min(kShown, m_columns.size()); ++i) {
            list += (i > 0 ? ", " : "") + m_columns[i];
        }
        if (m_columns.size() > kShown) {
            list += ", ... " + std::to_string(m_columns.size() - kShown) + " more";
        }
        return list;
    }

    std::string_view m_text;
    const std::vector<std::string>& m_columns;
    RowFilter& m_filter;
    std::vector<Token> m_tokens;
    std::size_t m_next = 0;
    std::optional<FilterError> m_error;
};

std::variant<RowFilter, FilterError> RowFilter::parse(std::string_view text,
                                                      const std::vector<std::string>& columns) {
    RowFilter filter;
    if (auto error = FilterParser(text, columns, filter).run()) {
        return *error;
    }
    return filter;
}

bool RowFilter::matches(const double* values) const {
    return m_root < 0 || evaluate(m_root, values);
}

bool RowFilter::evaluate(int index, const double* values) const {
    const Node& node = m_nodes[static_cast<std::size_t>(index)];
    const auto value = [values](const Operand& o) {
        return o.column >= 0 ? values[o.column] : o.constant;
    };
    switch (node.op) {
    case Op::And:
        return evaluate(node.a, values) && evaluate(node.b, values);
    case Op::Or:
        return evaluate(node.a, values) || evaluate(node.b, values);
    case Op::Not:
        return !evaluate(node.a, values);
    default:
        break;
    }
    const double l = value(node.left);
    const double r = value(node.right);
    // NaN (a missing value) compares false with anything, != included.
    if (std::isnan(l) || std::isnan(r)) {
        return false;
    }
    switch (node.op) {
    case Op::Less:
        return l < r;
    case Op::LessEqual:
        return l <= r;
    case Op::Greater:
        return l > r;
    case Op::GreaterEqual:
        return l >= r;
    case Op::Equal:
        return l == r;
    default:
        return l != r;
    }
}

} // namespace headroom::model
