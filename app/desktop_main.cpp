// headroom: the desktop app. Opens the main window (and later the site file given).
#include "model/core/version.h"
#include "ui/main_window.h"

#include <QApplication>

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("Headroom");
    QApplication::setOrganizationName("Headroom");
    QApplication::setApplicationVersion(QString::fromUtf8(headroom::kVersion));
    headroom::ui::MainWindow window;
    window.show();
    return QApplication::exec();
}
