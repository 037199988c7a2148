#pragma once
// A PDF being written: page size, vector drawing through QPainter, pages in order.
// The report renderer draws on it; charts are drawn as vectors, never as images.
// Painter coordinates are 1/96 inch (the screen's logical pixel), so that a chart laid
// out for the screen keeps its proportions and font sizes on paper.

#include <QPageSize>
#include <QRectF>
#include <QString>

#include <memory>

class QCPPainter;
class QIODevice;
class QCustomPlot;
class QPainter;
class QPdfWriter;

namespace headroom::ui {

class PdfDocument {
public:
    /// Painter units per inch.
    static constexpr int kResolution = 96;

    /// Starts writing path; the file is complete only after finish() returns true.
    PdfDocument(const QString& path, QPageSize::PageSizeId pageSize, const QString& title);
    /// Writes into device (open for writing), e.g. a QSaveFile for an atomic save.
    PdfDocument(QIODevice* device, QPageSize::PageSizeId pageSize, const QString& title);
    ~PdfDocument();

    /// False when the file could not be opened for writing.
    bool isOpen() const;
    QPainter& painter();
    /// The printable area of a page (inside the margins), in painter units.
    QRectF pageRect() const;
    void newPage();
    int pageCount() const { return m_pages; }
    /// Draws plot into target as vectors (QCustomPlot::toPainter on a vectorized painter).
    void drawChart(QCustomPlot& plot, const QRectF& target);
    bool finish();

private:
    void begin(QPageSize::PageSizeId pageSize, const QString& title);

    std::unique_ptr<QPdfWriter> m_writer;
    std::unique_ptr<QCPPainter> m_painter;
    int m_pages = 1;
};

} // namespace headroom::ui
