#include "ui/report/pdf_document.h"

#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>
#include <qcustomplot.h>

namespace headroom::ui {

PdfDocument::PdfDocument(const QString& path, QPageSize::PageSizeId pageSize, const QString& title)
    : m_writer(std::make_unique<QPdfWriter>(path)) {
    begin(pageSize, title);
}

PdfDocument::PdfDocument(QIODevice* device, QPageSize::PageSizeId pageSize, const QString& title)
    : m_writer(std::make_unique<QPdfWriter>(device)) {
    begin(pageSize, title);
}

void PdfDocument::begin(QPageSize::PageSizeId pageSize, const QString& title) {
    m_writer->setPageSize(QPageSize(pageSize));
    m_writer->setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    m_writer->setTitle(title);
    m_writer->setCreator(QStringLiteral("Headroom"));
    m_writer->setResolution(kResolution);
    m_painter = std::make_unique<QCPPainter>();
    if (m_painter->begin(m_writer.get())) {
        // Vector output: no pixmap caches, pens scale with the drawing (a cosmetic
        // hairline would print as thin as the printer can make it).
        m_painter->setMode(QCPPainter::pmVectorized);
        m_painter->setMode(QCPPainter::pmNoCaching);
        m_painter->setMode(QCPPainter::pmNonCosmetic);
        m_painter->setRenderHint(QPainter::Antialiasing);
        m_painter->setRenderHint(QPainter::TextAntialiasing);
    }
}

PdfDocument::~PdfDocument() {
    if (m_painter && m_painter->isActive()) {
        m_painter->end();
    }
}

bool PdfDocument::isOpen() const {
    return m_painter->isActive();
}

QPainter& PdfDocument::painter() {
    return *m_painter;
}

QRectF PdfDocument::pageRect() const {
    return QRectF(0, 0, m_writer->width(), m_writer->height());
}

void PdfDocument::newPage() {
    m_writer->newPage();
    ++m_pages;
}

void PdfDocument::drawChart(QCustomPlot& plot, const QRectF& target) {
    m_painter->save();
    m_painter->translate(target.topLeft());
    plot.toPainter(m_painter.get(), static_cast<int>(target.width()),
                   static_cast<int>(target.height()));
    m_painter->restore();
}

bool PdfDocument::finish() {
    return m_painter->end();
}

} // namespace headroom::ui
