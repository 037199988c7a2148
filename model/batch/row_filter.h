#pragma once
// A filter over the numeric columns of a table of scenarios, as a planner types it in the
// batch explorer: "pue < 1.2 and water_m3 < 20000". Comparisons of a column with a number
// (or another column) joined by `and`, `or`, `not` and parentheses; `and` binds tighter
// than `or`. A row whose value is missing (NaN) fails every comparison on it. Parsed once,
// then evaluated per row without allocating, so 100,000 rows filter in a few milliseconds.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace headroom::model {

/// Where a filter does not parse: the 1-based character column, what was found there and
/// what was expected ("1:5: expected a comparison (<, <=, >, >=, =, !=), got \"1.2\"").
struct FilterError {
    std::size_t column = 0;
    std::string message;
};

class RowFilter {
public:
    /// Parses text against the table's column names (a name is letters, digits, '_', '.'
    /// and '/', so a parameter's JSON pointer is one). An empty text matches every row.
    static std::variant<RowFilter, FilterError> parse(std::string_view text,
                                                      const std::vector<std::string>& columns);
    /// values[i] is the row's value in columns[i].
    bool matches(const double* values) const;
    bool empty() const { return m_nodes.empty(); }

private:
    enum class Op { Less, LessEqual, Greater, GreaterEqual, Equal, NotEqual, And, Or, Not };
    /// A comparison's operand: a column (index >= 0) or a constant.
    struct Operand {
        int column = -1;
        double constant = 0.0;
    };
    struct Node {
        Op op = Op::And;
        Operand left, right; ///< comparisons
        int a = -1, b = -1;  ///< and, or, not: child nodes
    };
    bool evaluate(int node, const double* values) const;
    friend class FilterParser;

    std::vector<Node> m_nodes;
    int m_root = -1;
};

} // namespace headroom::model
