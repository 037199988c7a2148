#pragma once
// Reruns the simulation in the background after each edit: requests are debounced, one
// run at a time works on a worker thread (QtConcurrent), a newer request cancels the
// older run, and only the result of the newest document revision is published. Until it
// arrives the shown result is marked stale. The UI thread never waits on a run.

#include "model/core/diagnostic.h"
#include "model/result/plan_result.h"
#include "model/result/run_result.h"
#include "model/site/site.h"
#include "ui/document/site_document.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QObject>
#include <QTimer>

#include <functional>
#include <memory>

namespace headroom::model {
class Feedback;
}

namespace headroom::ui {

class QtFeedback;

/// What one run gave: a result when the site was valid, and every diagnostic.
struct RunOutcome {
    std::shared_ptr<const model::RunResult> result;
    model::Diagnostics diagnostics;
    double elapsedMs = 0.0;
    std::shared_ptr<const model::Site> site;       ///< the site as read, when it was valid
    std::shared_ptr<const model::PlanResult> plan; ///< its years, when the site has a plan
};

class SimulationRunner : public QObject {
    Q_OBJECT

public:
    /// Turns a site document into a result; runs on a worker thread, so it must not touch
    /// widgets. sitePath resolves relative paths inside the document.
    using Compute =
        std::function<RunOutcome(const Json& document, const QString& sitePath, model::Feedback&)>;

    explicit SimulationRunner(Compute compute, QObject* parent = nullptr);
    ~SimulationRunner() override;

    /// Debounce before a run starts, so that a burst of edits makes one run.
    void setDelay(int milliseconds) { m_debounce.setInterval(milliseconds); }
    /// Asks for a run of this document revision (replacing any earlier request).
    void request(const Json& document, const QString& sitePath, quint64 revision);
    /// Runs now, skipping the debounce (opening a file, a screenshot).
    void requestNow(const Json& document, const QString& sitePath, quint64 revision);

    bool isRunning() const { return m_watcher.isRunning(); }
    /// True while the latest request has not produced its result yet.
    bool isStale() const { return m_publishedRevision != m_requestedRevision; }
    quint64 publishedRevision() const { return m_publishedRevision; }
    const RunOutcome& latest() const { return m_latest; }
    /// Waits (spinning the event loop) until the newest request is published; for tests
    /// and the screenshot mode.
    bool waitForIdle(int timeoutMs);

signals:
    void staleChanged(bool stale);
    void started(quint64 revision);
    void progressed(double fraction);
    /// The newest result (or the diagnostics that stopped it), on the UI thread.
    void finished(quint64 revision, const headroom::ui::RunOutcome& outcome);

private:
    void startPending();
    void runFinished();

    Compute m_compute;
    QTimer m_debounce;
    QFutureWatcher<RunOutcome> m_watcher;
    std::unique_ptr<QtFeedback> m_feedback;
    bool m_hasPending = false;
    Json m_pendingDocument;
    QString m_pendingPath;
    quint64 m_pendingRevision = 0;
    quint64 m_runningRevision = 0;
    quint64 m_requestedRevision = 0;
    quint64 m_publishedRevision = 0;
    RunOutcome m_latest;
};

} // namespace headroom::ui
