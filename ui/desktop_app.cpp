#include "ui/desktop_app.h"

#include "model/core/version.h"
#include "ui/document/site_document.h"
#include "ui/main_window.h"
#include "ui/report/pdf_report_writer.h"
#include "ui/run/site_run.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>

#include <cstring>
#include <iostream>

namespace headroom::ui {

namespace {

/// "POINTER=VALUE": the value as JSON when it parses ("12", "true"), else as a string.
bool applySet(SiteDocument& document, const QString& assignment) {
    const auto equals = assignment.indexOf('=');
    if (equals <= 0 || !assignment.startsWith('/')) {
        return false;
    }
    const QString pointer = assignment.left(equals);
    const std::string text = assignment.mid(equals + 1).toStdString();
    document.setValue(pointer, parseJsonValue(text).value_or(Json(text)));
    return true;
}

} // namespace

bool wantsOffscreen(int argc, char** argv) {
    for (int i = 1; i < argc; ++i) {
        // --help and --version answer before any window exists: with no display, the
        // default platform would abort before the answer was printed.
        for (const char* option : {"--help", "-h", "--help-all", "-?", "--version", "-v"}) {
            if (std::strcmp(argv[i], option) == 0) {
                return true;
            }
        }
        if (std::strcmp(argv[i], "--screenshot") == 0 ||
            std::strncmp(argv[i], "--screenshot=", 13) == 0) {
            return true;
        }
    }
    return false;
}

int runDesktopApp() {
    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr("Headroom: datacenter capacity, power and water "
                                                 "planning"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption screenshot(
        "screenshot", QObject::tr("Render the main window offscreen to a PNG and exit."),
        "OUT.png");
    const QCommandLineOption view(
        "view", QObject::tr("The view to show: %1.").arg("dashboard, ..."), "NAME", "dashboard");
    const QCommandLineOption set(
        "set", QObject::tr("Apply an edit after opening (unsaved, undoable)."), "POINTER=VALUE");
    parser.addOptions({screenshot, view, set});
    parser.addPositionalArgument("FILE", QObject::tr("The site file to open."), "[FILE]");
    parser.process(*qApp);
    const QStringList files = parser.positionalArguments();
    if (files.size() > 1) {
        std::cerr << "headroom: give at most one site file\n";
        return 2;
    }

    registerPdfWriter(); // File > Export lists it beside the model's CSV and JSON
    MainWindow window(&runSiteDocument);
    if (parser.isSet(view) && !window.viewNames().contains(parser.value(view))) {
        std::cerr << "headroom: unknown view '" << parser.value(view).toStdString()
                  << "'; expected one of: " << window.viewNames().join(", ").toStdString() << '\n';
        return 2;
    }
    const bool offscreen = parser.isSet(screenshot);
    bool opened = true;
    if (!files.isEmpty()) {
        opened = window.openFile(files.front());
    }
    for (const QString& assignment : parser.values(set)) {
        if (!applySet(*window.document(), assignment)) {
            std::cerr << "headroom: --set expects POINTER=VALUE, got '" << assignment.toStdString()
                      << "'\n";
            return 2;
        }
    }
    if (offscreen) {
        window.resize(1400, 900);
        window.show();
        window.waitForResults(60000);
        window.showView(parser.value(view));
        QApplication::processEvents();
        const bool saved = window.saveScreenshot(parser.value(screenshot));
        window.recoveryStore()->discard(); // a render leaves no edits behind
        if (!saved) {
            std::cerr << "headroom: could not write " << parser.value(screenshot).toStdString()
                      << '\n';
            return 3;
        }
        return opened ? 0 : 1;
    }
    window.showView(parser.value(view));
    window.show();
    if (parser.values(set).isEmpty()) {
        // Also when a file was given: the crash may have cost edits to that very file.
        // After the window is up, so the question has a parent to sit on.
        QTimer::singleShot(0, &window, [&window] { window.offerRecovery(); });
    }
    return QApplication::exec();
}

} // namespace headroom::ui
