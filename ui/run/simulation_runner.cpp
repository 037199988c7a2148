#include "ui/run/simulation_runner.h"

#include "ui/run/qt_feedback.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QtConcurrent/QtConcurrent>

namespace headroom::ui {

namespace {
// Long enough to fold a burst of edits (a unit change, an undo run) into one run.
constexpr int kDebounceMs = 150;
} // namespace

SimulationRunner::SimulationRunner(Compute compute, QObject* parent)
    : QObject(parent)
    , m_compute(std::move(compute)) {
    m_debounce.setSingleShot(true);
    m_debounce.setInterval(kDebounceMs);
    connect(&m_debounce, &QTimer::timeout, this, &SimulationRunner::startPending);
    connect(&m_watcher, &QFutureWatcher<RunOutcome>::finished, this,
            &SimulationRunner::runFinished);
}

SimulationRunner::~SimulationRunner() {
    // The worker holds references to m_feedback and m_compute: let it end first.
    if (m_feedback) {
        m_feedback->cancel();
    }
    m_watcher.waitForFinished();
}

void SimulationRunner::request(const Json& document, const QString& sitePath, quint64 revision) {
    const bool wasStale = isStale();
    m_pendingDocument = document;
    m_pendingPath = sitePath;
    m_pendingRevision = revision;
    m_hasPending = true;
    m_requestedRevision = revision;
    if (m_watcher.isRunning() && m_feedback) {
        m_feedback->cancel(); // its answer is out of date already
    }
    m_debounce.start();
    if (!wasStale) {
        emit staleChanged(true);
    }
}

void SimulationRunner::requestNow(const Json& document, const QString& sitePath, quint64 revision) {
    request(document, sitePath, revision);
    m_debounce.stop();
    startPending();
}

void SimulationRunner::startPending() {
    if (!m_hasPending || m_watcher.isRunning()) {
        return; // runFinished() starts the pending request
    }
    m_hasPending = false;
    m_runningRevision = m_pendingRevision;
    m_feedback = std::make_unique<QtFeedback>();
    connect(m_feedback.get(), &QtFeedback::progressed, this, &SimulationRunner::progressed);
    model::Feedback& feedback = *m_feedback;
    emit started(m_runningRevision);
    m_watcher.setFuture(
        QtConcurrent::run([compute = m_compute, document = std::move(m_pendingDocument),
                           path = m_pendingPath, &feedback]() {
            QElapsedTimer clock;
            clock.start();
            RunOutcome outcome = compute(document, path, feedback);
            outcome.elapsedMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
            return outcome;
        }));
}

void SimulationRunner::runFinished() {
    const RunOutcome outcome = m_watcher.result();
    const quint64 revision = m_runningRevision;
    if (revision == m_requestedRevision) {
        m_latest = outcome;
        m_publishedRevision = revision;
        emit finished(revision, m_latest);
        emit staleChanged(false);
    }
    if (m_hasPending && !m_debounce.isActive()) {
        startPending();
    }
}

bool SimulationRunner::waitForIdle(int timeoutMs) {
    QDeadlineTimer deadline(timeoutMs);
    while ((isStale() || m_watcher.isRunning()) && !deadline.hasExpired()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    return !isStale() && !m_watcher.isRunning();
}

} // namespace headroom::ui
