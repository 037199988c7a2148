#pragma once
// The desktop app's main window: one site document, its editors and its views.

#include <QMainWindow>

namespace headroom::ui {

class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    explicit MainWindow(QWidget* parent = nullptr);
};

} // namespace headroom::ui
