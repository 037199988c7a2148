#pragma once
// Lays text, tables and charts down the pages of a PdfDocument for the design-review
// report: page breaks as the page fills, a header row repeated after a break, a footer on
// every page, and fonts without ligatures so the PDF's text searches as written.

#include "ui/report/pdf_document.h"

#include <QFont>
#include <QPainter>
#include <QString>
#include <QStringList>
#include <qcustomplot.h>

#include <algorithm>
#include <vector>

namespace headroom::ui {

struct Column {
    QString header;
    double weight;
    Qt::Alignment align = Qt::AlignLeft;
};

/// Sets a report chart's font: the tables' size, without ligatures (as the text's).
inline void useReportChartFont(QCustomPlot& plot) {
    QFont font(QStringLiteral("DejaVu Sans"));
    font.setPointSizeF(7.5);
    font.setStyleStrategy(QFont::PreferNoShaping);
    plot.setFont(font);
}

/// Lays text, tables and charts down the pages of a PdfDocument, breaking pages as
/// they fill, with a footer on each.
class ReportLayout {
public:
    ReportLayout(PdfDocument& document, QString footer)
        : m_document(document)
        , m_painter(document.painter())
        , m_page(document.pageRect())
        , m_footer(std::move(footer)) {
        const QString family = QStringLiteral("DejaVu Sans");
        m_body = QFont(family);
        m_body.setPointSizeF(8.5);
        m_small = QFont(family);
        m_small.setPointSizeF(7.0);
        m_table = QFont(family);
        m_table.setPointSizeF(7.5);
        m_tableBold = m_table;
        m_tableBold.setBold(true);
        m_heading = QFont(family);
        m_heading.setPointSizeF(13.0);
        m_heading.setBold(true);
        m_title = QFont(family);
        m_title.setPointSizeF(24.0);
        m_title.setBold(true);
        // No ligatures: "fl" stays two letters, so the PDF's text searches and copies as
        // written ("AWS fleet", not "AWS \ufb02eet").
        for (QFont* font : {&m_body, &m_small, &m_table, &m_tableBold, &m_heading, &m_title}) {
            font->setStyleStrategy(QFont::PreferNoShaping);
        }
        drawFooter();
    }

    const QFont& bodyFont() const { return m_body; }
    double width() const { return m_page.width(); }
    double remaining() const { return contentBottom() - m_y; }

    void newPage() {
        m_document.newPage();
        m_y = 0.0;
        drawFooter();
    }
    void ensure(double height) {
        if (m_y + height > contentBottom() && m_y > 0.0) {
            newPage();
        }
    }
    void space(double height) { m_y += height; }

    void title(const QString& text) { paragraph(text, m_title, 8.0); }
    void heading(const QString& text) {
        ensure(60.0); // never a heading alone at the foot of a page
        if (m_y > 0.0) {
            m_y += 10.0;
        }
        paragraph(text, m_heading, 6.0);
        m_painter.setPen(QPen(QColor(0x1f, 0x4e, 0x79), 1.0));
        m_painter.drawLine(QPointF(0, m_y - 3.0), QPointF(m_page.width(), m_y - 3.0));
        m_y += 4.0;
    }
    void paragraph(const QString& text, const QFont& font, double after = 4.0,
                   const QColor& color = Qt::black) {
        m_painter.setFont(font);
        const QRectF box =
            m_painter.boundingRect(QRectF(0, 0, m_page.width(), 1e6), Qt::TextWordWrap, text);
        ensure(box.height());
        m_painter.setPen(color);
        m_painter.drawText(QRectF(0, m_y, m_page.width(), box.height()), Qt::TextWordWrap, text);
        m_y += box.height() + after;
    }
    void text(const QString& text) { paragraph(text, m_body); }
    void note(const QString& text) { paragraph(text, m_small, 4.0, QColor(0x50, 0x50, 0x50)); }

    /// A table with a header row (repeated after a page break); rows wrap their cells.
    void table(const std::vector<Column>& columns, const std::vector<QStringList>& rows,
               bool lastRowBold = false) {
        double total = 0.0;
        for (const Column& c : columns) {
            total += c.weight;
        }
        std::vector<double> widths;
        for (const Column& c : columns) {
            widths.push_back(m_page.width() * c.weight / total);
        }
        QStringList header;
        for (const Column& c : columns) {
            header << c.header;
        }
        const double pad = 3.0;
        const auto rowHeight = [&](const QStringList& cells, const QFont& font) {
            m_painter.setFont(font);
            double h = 0.0;
            for (int i = 0; i < cells.size() && i < static_cast<int>(widths.size()); ++i) {
                const QRectF box = m_painter.boundingRect(
                    QRectF(0, 0, widths[static_cast<std::size_t>(i)] - 2 * pad, 1e6),
                    Qt::TextWordWrap, cells[i]);
                h = std::max(h, box.height());
            }
            return h + 2 * pad;
        };
        const auto drawRow = [&](const QStringList& cells, const QFont& font, const QColor& fill) {
            const double h = rowHeight(cells, font);
            if (fill.isValid()) {
                m_painter.fillRect(QRectF(0, m_y, m_page.width(), h), fill);
            }
            m_painter.setFont(font);
            m_painter.setPen(Qt::black);
            double x = 0.0;
            for (int i = 0; i < cells.size() && i < static_cast<int>(widths.size()); ++i) {
                const double w = widths[static_cast<std::size_t>(i)];
                m_painter.drawText(
                    QRectF(x + pad, m_y + pad, w - 2 * pad, h - 2 * pad),
                    static_cast<int>(columns[static_cast<std::size_t>(i)].align | Qt::AlignTop) |
                        Qt::TextWordWrap,
                    cells[i]);
                x += w;
            }
            m_y += h;
        };
        const QColor headerFill(0xdd, 0xe6, 0xef);
        const QColor stripe(0xf4, 0xf6, 0xf8);
        const double headerHeight = rowHeight(header, m_tableBold);
        ensure(headerHeight + (rows.empty() ? 0.0 : rowHeight(rows.front(), m_table)));
        drawRow(header, m_tableBold, headerFill);
        for (std::size_t r = 0; r < rows.size(); ++r) {
            const bool bold = lastRowBold && r + 1 == rows.size();
            const QFont& font = bold ? m_tableBold : m_table;
            if (m_y + rowHeight(rows[r], font) > contentBottom()) {
                newPage();
                drawRow(header, m_tableBold, headerFill);
            }
            drawRow(rows[r], font, r % 2 == 1 ? stripe : QColor());
        }
        m_painter.setPen(QPen(QColor(0x9a, 0xa8, 0xb5), 0.8));
        m_painter.drawLine(QPointF(0, m_y), QPointF(m_page.width(), m_y));
        m_y += 8.0;
    }

    /// The height at which two charts, with their gaps, fill a page.
    double halfPageChartHeight() const { return (contentBottom() - 16.0) / 2.0; }

    void chart(QCustomPlot& plot, double height) {
        ensure(height);
        m_document.drawChart(plot, QRectF(0, m_y, m_page.width(), height));
        m_y += height + 8.0;
    }

private:
    double contentBottom() const { return m_page.height() - 22.0; }

    void drawFooter() {
        m_painter.setFont(m_small);
        m_painter.setPen(QColor(0x60, 0x60, 0x60));
        const QRectF box(0, m_page.height() - 14.0, m_page.width(), 14.0);
        m_painter.drawText(box, Qt::AlignLeft | Qt::AlignBottom, m_footer);
        m_painter.drawText(box, Qt::AlignRight | Qt::AlignBottom,
                           QStringLiteral("page %1").arg(m_document.pageCount()));
    }

    PdfDocument& m_document;
    QPainter& m_painter;
    QRectF m_page;
    QString m_footer;
    double m_y = 0.0;
    QFont m_body, m_small, m_table, m_tableBold, m_heading, m_title;
};

} // namespace headroom::ui
