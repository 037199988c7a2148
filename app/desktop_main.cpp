// headroom: the desktop app. headroom [--screenshot OUT.png [--view NAME]] [FILE]
#include "model/core/version.h"
#include "ui/desktop_app.h"

#include <QApplication>

int main(int argc, char** argv) {
    // --screenshot renders without a display: the platform is chosen before Qt starts.
    if (headroom::ui::wantsOffscreen(argc, argv)) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    QApplication app(argc, argv);
    QApplication::setApplicationName("Headroom");
    QApplication::setOrganizationName("Headroom");
    QApplication::setApplicationVersion(QString::fromUtf8(headroom::kVersion));
    return headroom::ui::runDesktopApp();
}
