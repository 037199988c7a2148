// The batch progress bar's text: done/total, the bar, rate and ETA.
#include "app/cli/progress_bar.h"

#include <gtest/gtest.h>

namespace headroom::cli {
namespace {

TEST(ProgressBar, RendersDoneTotalRateAndEta) {
    // 250 of 1000 at 50/s: 750 left -> 15 s.
    EXPECT_EQ(ProgressBar::render(250, 1000, 50.0, 8), "250/1000 [##......] 50/s ETA 0:15");
    EXPECT_EQ(ProgressBar::render(1000, 1000, 812.4, 4), "1000/1000 [####] 812/s");
    EXPECT_EQ(ProgressBar::render(0, 0, 0.0, 2), "0/0 [##] 0/s");
    // 10 of 100000 at 1/s: 99990 s = 1666 min 30 s.
    EXPECT_EQ(ProgressBar::render(10, 100000, 1.0, 1), "10/100000 [.] 1/s ETA 1666:30");
}

} // namespace
} // namespace headroom::cli
