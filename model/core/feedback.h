#pragma once
// The one channel a long computation talks through (after QGIS's
// QgsFeedback): progress, diagnostics and cancellation. The console and the Qt
// front ends each subclass it; the model never knows which one it talks to.

#include "model/core/diagnostic.h"

#include <atomic>

namespace headroom::model {

class Feedback {
public:
    virtual ~Feedback() = default;

    /// fraction in [0, 1] of the work done.
    virtual void progress(double fraction) { (void)fraction; }
    virtual void report(const Diagnostic& diagnostic) { (void)diagnostic; }

    void cancel() { m_canceled.store(true, std::memory_order_relaxed); }
    bool isCanceled() const { return m_canceled.load(std::memory_order_relaxed); }

private:
    std::atomic<bool> m_canceled{false};
};

} // namespace headroom::model
