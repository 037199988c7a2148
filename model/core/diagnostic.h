#pragma once
// Every problem Headroom reports carries where it is: file, line, column and the
// JSON pointer of the field, and what kind of problem it is.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::model {

enum class Severity { Note, Warning, Error };

/// Not found, unreadable, syntax and meaning errors stay distinct.
enum class DiagnosticKind { NotFound, Unreadable, Syntax, Meaning, Limit };

struct Diagnostic {
    std::string file;
    int line = 0;        ///< 1-based; 0 when the problem has no line (a whole file)
    int column = 0;      ///< 1-based, in characters
    std::string pointer; ///< JSON pointer of the field, empty when none
    Severity severity = Severity::Error;
    DiagnosticKind kind = DiagnosticKind::Meaning;
    std::string message;
};

/// "file:line:col: severity: pointer: message", the form compilers use.
std::string formatDiagnostic(const Diagnostic& diagnostic);
const char* severityName(Severity severity);

/// text in double quotes for a message; longer than limit bytes, its start and its size
/// instead ("\"aaaa...\" (10485760 bytes)"), so a hostile 10 MB value makes a short line.
/// Control bytes and invalid UTF-8 come out as escapes (\n, \x00, \xFF): the excerpt is
/// one printable line of valid UTF-8. Every piece of an input file a message shows goes
/// through here.
std::string quotedExcerpt(std::string_view text, std::size_t limit = 64);

/// The column names of a CSV header row, for a message: "\"a\", \"b\", ... (40 columns)".
/// Nothing when the row does not look like a header (fewer than two columns, or a name
/// that is long or not printable): a file of another kind is then not quoted at all.
std::optional<std::string> headerNamesExcerpt(const std::vector<std::string>& names);

/// An ordered collection of diagnostics from one operation.
class Diagnostics {
public:
    void add(Diagnostic diagnostic) { m_items.push_back(std::move(diagnostic)); }
    void append(const Diagnostics& other);
    bool hasErrors() const;
    int count(Severity severity) const;
    const std::vector<Diagnostic>& items() const { return m_items; }
    bool empty() const { return m_items.empty(); }

private:
    std::vector<Diagnostic> m_items;
};

} // namespace headroom::model
