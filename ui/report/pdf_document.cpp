#include "ui/report/pdf_document.h"

#include <QPageLayout>
#include <QPainter>
#include <QPdfWriter>

namespace headroom::ui {

PdfDocument::PdfDocument(const QString& path, QPageSize::PageSizeId pageSize, const QString& title)
    : m_writer(std::make_unique<QPdfWriter>(path)) {
    m_writer->setPageSize(QPageSize(pageSize));
    m_writer->setPageMargins(QMarginsF(15, 15, 15, 15), QPageLayout::Millimeter);
    m_writer->setTitle(title);
    m_writer->setCreator(QStringLiteral("Headroom"));
    m_writer->setResolution(300);
    m_painter = std::make_unique<QPainter>(m_writer.get());
}

PdfDocument::~PdfDocument() = default;

QPainter& PdfDocument::painter() {
    return *m_painter;
}

void PdfDocument::newPage() {
    m_writer->newPage();
}

bool PdfDocument::finish() {
    return m_painter->end();
}

} // namespace headroom::ui
