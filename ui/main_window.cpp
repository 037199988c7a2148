#include "ui/main_window.h"

#include "model/core/version.h"

#include <QApplication>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>

namespace headroom::ui {

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent) {
    setObjectName("mainWindow");
    setWindowTitle(QStringLiteral("Headroom %1").arg(QString::fromUtf8(kVersion)));
    auto* placeholder = new QLabel(tr("Open a site file to plan it."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    setCentralWidget(placeholder);
    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    resize(1280, 800);
}

} // namespace headroom::ui
