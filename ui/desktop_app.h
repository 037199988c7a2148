#pragma once
// The desktop app's command line and start-up, kept out of main() so that main stays a
// few lines: headroom [--screenshot OUT.png [--view NAME]] [--set POINTER=VALUE]... [FILE]

#include <QStringList>

namespace headroom::ui {

/// True when argv asks for an offscreen render (--screenshot), which must be known
/// before the QApplication starts so that it can pick the offscreen platform.
bool wantsOffscreen(int argc, char** argv);

/// Parses the arguments of the running QApplication, opens the window and runs the event
/// loop (or renders the screenshot); returns the exit code.
int runDesktopApp();

} // namespace headroom::ui
