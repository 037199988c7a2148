#pragma once
// The site file open in the desktop app: its JSON document, its path, whether it has
// unsaved edits, and the undo stack. Every edit is one JSON-pointer value change made
// through an undo command, so undo/redo, the dirty flag, autosave and the live rerun
// all follow from one signal.

#include "model/core/diagnostic.h"
#include "model/site/site_writer.h"

#include <QObject>
#include <QString>
#include <QUndoStack>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace headroom::ui {

/// Keeps the keys in the order the user wrote them, so a save changes only what was edited.
using Json = nlohmann::ordered_json;

/// What opening a file gave: the document when it parsed, and every diagnostic.
struct DocumentLoad {
    std::optional<Json> document;
    model::Diagnostics diagnostics;
    /// Numbers as the file spelled them ("41.70"), so that a save keeps them.
    model::NumberText numberText;
};

/// JSON text as a value, or nothing when it is not JSON or nests deeper than the model's
/// kMaxJsonDepth (the value is then walked recursively: dump, copy, compare). Never throws.
std::optional<Json> parseJsonValue(std::string_view text);

/// Parses a site file's text; syntax errors carry line and column.
DocumentLoad parseSiteText(const QByteArray& text, const QString& fileName);
/// Reads and parses a site file; "not found" and "unreadable" stay distinct.
DocumentLoad readSiteDocument(const QString& path);

/// The JSON pointers at which current differs from saved (a value changed, added or
/// removed), sorted, each once: what an edited scenario's report names.
std::vector<std::string> changedPointers(const Json& saved, const Json& current);

class SetValueCommand;

class SiteDocument : public QObject {
    Q_OBJECT

public:
    explicit SiteDocument(QObject* parent = nullptr);

    /// Opens path. On failure the current document stays as it was and the diagnostics say why.
    DocumentLoad open(const QString& path);
    /// Replaces the document with one that has no file yet (a new site from a sample).
    void resetUntitled(Json document, const QString& suggestedName,
                       model::NumberText numberText = {});
    /// Replaces the document with recovered content: its file is path, and it has unsaved edits.
    void restore(Json document, const QString& path);
    /// Writes the document atomically; on success the document is clean and named path.
    bool save(const QString& path, QString* error = nullptr);

    const Json& json() const { return m_json; }
    /// The value at a JSON pointer, or null when the pointer names nothing.
    Json value(const QString& pointer) const;
    /// Whether the document has a value at pointer (a JSON null counts as one).
    bool contains(const QString& pointer) const;
    /// Sets the value at pointer through an undo command (no-op when unchanged); a value
    /// the document lacks is added, and undo takes it out again.
    void setValue(const QString& pointer, const Json& value);
    /// Sets a value while its entry is being typed: the values of one typing burst at one
    /// pointer merge into one undo command, so undo restores the value before it.
    void setTypedValue(const QString& pointer, const Json& value);
    /// Ends the typing burst (Enter, focus out): the next typed value is a new edit.
    void endTyping();
    /// Ends the typing burst at pointer with an entry that is not valid: the values it set
    /// are taken out again, so the document holds what it held before the typing.
    void abandonTyping(const QString& pointer);
    /// Removes the value at pointer through an undo command (no-op when absent).
    void removeValue(const QString& pointer);

    QUndoStack* undoStack() { return &m_undo; }
    QString filePath() const { return m_path; }
    bool isUntitled() const { return m_path.isEmpty(); }
    bool isModified() const { return m_forcedModified || !m_undo.isClean(); }
    /// The file name, or the suggested name for an untitled document.
    QString displayName() const;
    /// Grows by one on every content change; results computed from an older one are stale.
    quint64 revision() const { return m_revision; }

    /// Applies a value without an undo command; used by the undo commands themselves.
    void applyValue(const QString& pointer, const std::optional<Json>& value);

signals:
    /// One value changed (edit, undo or redo).
    void valueChanged(const QString& pointer);
    /// The whole document was replaced (open, new, restore).
    void documentReset();
    /// Any content change, after valueChanged or documentReset, once isModified() is current.
    void contentChanged();
    void modifiedChanged(bool modified);
    void filePathChanged(const QString& path);

private:
    void replace(Json document, const QString& path, bool modified);
    /// An edit (value nullopt: a removal) as an undo command; typingSession 0: not typed.
    void pushValue(const QString& pointer, const std::optional<Json>& value, quint64 typingSession);
    void setForcedModified(bool modified);

    Json m_json;
    model::NumberText m_numberText;
    QString m_path;
    QString m_untitledName;
    QUndoStack m_undo;
    bool m_forcedModified = false;
    bool m_replacing = false;
    quint64 m_revision = 0;
    QString m_typingPointer; ///< the entry being typed, empty between bursts
    quint64 m_typingSession = 0;
    SetValueCommand* m_typingCommand = nullptr; ///< the burst's command, while it is on the stack
};

} // namespace headroom::ui
