#include "app/cli/progress_bar.h"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace headroom::cli {

bool stderrIsTerminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

ProgressBar::ProgressBar(std::string label, bool enabled)
    : m_label(std::move(label))
    , m_enabled(enabled)
    , m_start(std::chrono::steady_clock::now()) {}

ProgressBar::~ProgressBar() {
    if (m_drawn) {
        std::cerr << "\n";
    }
}

std::string ProgressBar::render(std::size_t done, std::size_t total, double perSecond, int width) {
    const double fraction =
        total == 0 ? 1.0 : static_cast<double>(done) / static_cast<double>(total);
    const int filled = static_cast<int>(fraction * width);
    std::string bar(static_cast<std::size_t>(filled), '#');
    bar.append(static_cast<std::size_t>(width - filled), '.');
    char text[160];
    if (perSecond > 0.0 && done < total) {
        const auto eta = static_cast<long long>(static_cast<double>(total - done) / perSecond);
        std::snprintf(text, sizeof text, "%zu/%zu [%s] %.0f/s ETA %lld:%02lld", done, total,
                      bar.c_str(), perSecond, eta / 60, eta % 60);
    } else {
        std::snprintf(text, sizeof text, "%zu/%zu [%s] %.0f/s", done, total, bar.c_str(),
                      perSecond);
    }
    return text;
}

void ProgressBar::update(std::size_t done, std::size_t total) {
    m_done = done;
    m_total = total;
    const auto now = std::chrono::steady_clock::now();
    if (m_enabled && (!m_drawn || now - m_lastDraw > std::chrono::milliseconds(100))) {
        m_lastDraw = now;
        draw();
    }
}

void ProgressBar::finish() {
    if (m_enabled) {
        draw();
        std::cerr << "\n";
        m_drawn = false;
    }
}

void ProgressBar::draw() {
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - m_start).count();
    const double rate = seconds > 0.0 ? static_cast<double>(m_done) / seconds : 0.0;
    // \r and clear-to-end-of-line: the bar redraws in place.
    std::cerr << "\r" << m_label << " " << render(m_done, m_total, rate) << "\x1b[K" << std::flush;
    m_drawn = true;
}

} // namespace headroom::cli
