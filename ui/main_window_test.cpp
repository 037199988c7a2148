// The desktop app's main window under the offscreen platform.
#include "ui/main_window.h"

#include <QMenuBar>
#include <QTest>
#include <gtest/gtest.h>

namespace headroom::ui {
namespace {

TEST(MainWindow, OpensWithItsTitleAndFileMenu) {
    MainWindow window;
    window.show();
    ASSERT_TRUE(QTest::qWaitForWindowExposed(&window));
    EXPECT_TRUE(window.windowTitle().startsWith("Headroom "));
    EXPECT_FALSE(window.menuBar()->actions().isEmpty());
}

} // namespace
} // namespace headroom::ui
