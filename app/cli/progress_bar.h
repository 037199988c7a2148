#pragma once
// A text progress bar on stderr: done/total, rate and ETA, redrawn in place at most ten
// times a second. Shown on a terminal, or when asked for (--progress); silent otherwise,
// so logs and pipes get no carriage-return noise (CONTRIBUTING.md, CLI manners).

#include <chrono>
#include <cstddef>
#include <string>

namespace headroom::cli {

class ProgressBar {
public:
    /// enabled: whether to draw at all (isatty(stderr) || --progress).
    ProgressBar(std::string label, bool enabled);
    ~ProgressBar();

    void update(std::size_t done, std::size_t total);
    /// Draws the final state and ends the line.
    void finish();

    /// "1234/10000 [#####.....] 812/s ETA 0:11" for the given figures.
    static std::string render(std::size_t done, std::size_t total, double perSecond,
                              int width = 30);

private:
    std::string m_label;
    bool m_enabled;
    bool m_drawn = false;
    std::size_t m_done = 0, m_total = 0;
    std::chrono::steady_clock::time_point m_start, m_lastDraw;
    void draw();
};

/// True when stderr is a terminal.
bool stderrIsTerminal();

} // namespace headroom::cli
