#pragma once
// A PDF being written: page size, vector drawing through QPainter, pages in order.
// The report renderer draws on it; charts are drawn as vectors, never as images.

#include <QPageSize>
#include <QString>

#include <memory>

class QPainter;
class QPdfWriter;

namespace headroom::ui {

class PdfDocument {
public:
    /// Starts writing path; the file is complete only after finish() returns true.
    PdfDocument(const QString& path, QPageSize::PageSizeId pageSize, const QString& title);
    ~PdfDocument();

    QPainter& painter();
    void newPage();
    bool finish();

private:
    std::unique_ptr<QPdfWriter> m_writer;
    std::unique_ptr<QPainter> m_painter;
};

} // namespace headroom::ui
