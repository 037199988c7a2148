#pragma once
// The Qt sink of the model's Feedback (after QGIS's QgsProcessingFeedback
// in a dialog): every call from the worker thread is re-emitted as a signal, which Qt
// queues to the receiver's thread.

#include "model/core/feedback.h"

#include <QObject>
#include <QString>

namespace headroom::ui {

class QtFeedback : public QObject, public model::Feedback {
    Q_OBJECT

public:
    explicit QtFeedback(QObject* parent = nullptr)
        : QObject(parent) {}

    void progress(double fraction) override { emit progressed(fraction); }
    void report(const model::Diagnostic& diagnostic) override {
        emit reported(QString::fromStdString(model::formatDiagnostic(diagnostic)));
    }

signals:
    void progressed(double fraction);
    void reported(const QString& diagnostic);
};

} // namespace headroom::ui
