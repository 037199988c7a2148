#include "ui/document/site_document.h"

#include "model/core/atomic_file.h"
#include "model/core/text_file.h"
#include "model/site/site_document_text.h"
#include "model/site/site_reader.h"
#include "model/site/site_writer.h"

#include <QFileInfo>
#include <QUndoCommand>

#include <algorithm>

namespace headroom::ui {

namespace {

using Pointer = Json::json_pointer;

std::optional<Pointer> toPointer(const QString& text) {
    try {
        return Pointer(text.toStdString());
    } catch (const Json::exception&) {
        return std::nullopt;
    }
}

} // namespace

/// One edit: the value at a pointer before and after; absent means "no such key".
class SetValueCommand : public QUndoCommand {
public:
    /// typingSession: the entry burst this edit belongs to (0: a finished edit of its own).
    SetValueCommand(SiteDocument* document, QString pointer, std::optional<Json> before,
                    std::optional<Json> after, quint64 typingSession = 0)
        : m_document(document)
        , m_pointer(std::move(pointer))
        , m_before(std::move(before))
        , m_after(std::move(after))
        , m_session(typingSession) {
        setText(QObject::tr("Edit %1").arg(m_pointer));
    }
    void undo() override { m_document->applyValue(m_pointer, m_before); }
    void redo() override { m_document->applyValue(m_pointer, m_after); }
    int id() const override { return 1; }
    // The values one entry takes while it is typed ("4", "40", "4000") are one edit: undo
    // goes back to the value before the typing began. QUndoStack never merges into the
    // clean state, so the saved value stays one undo away.
    bool mergeWith(const QUndoCommand* other) override {
        const auto* next = static_cast<const SetValueCommand*>(other);
        if (m_session == 0 || next->m_session != m_session || next->m_pointer != m_pointer) {
            return false;
        }
        m_after = next->m_after;
        setObsolete(m_after == m_before); // typed back to where it began: no edit at all
        return true;
    }
    const std::optional<Json>& before() const { return m_before; }

private:
    SiteDocument* m_document;
    QString m_pointer;
    std::optional<Json> m_before;
    std::optional<Json> m_after;
    quint64 m_session;
};

std::optional<Json> parseJsonValue(std::string_view text) {
    return model::parseOrderedJson(text);
}

DocumentLoad parseSiteText(const QByteArray& text, const QString& fileName) {
    model::SiteDocumentText parsed = model::parseSiteDocumentText(
        std::string_view(text.constData(), static_cast<std::size_t>(text.size())),
        fileName.toStdString());
    DocumentLoad load;
    load.document = std::move(parsed.document);
    load.diagnostics = std::move(parsed.diagnostics);
    load.numberText = std::move(parsed.numberText);
    return load;
}

std::vector<std::string> changedPointers(const Json& saved, const Json& current) {
    std::vector<std::string> pointers;
    // An RFC 6902 patch from saved to current: one operation per changed place.
    for (const Json& operation : Json::diff(saved, current)) {
        pointers.push_back(operation.at("path").get<std::string>());
    }
    std::sort(pointers.begin(), pointers.end());
    pointers.erase(std::unique(pointers.begin(), pointers.end()), pointers.end());
    return pointers;
}

DocumentLoad readSiteDocument(const QString& path) {
    // The model's bounded reader: a FIFO, a device or a folder is refused without a wait.
    model::TextFile file = model::readTextFile(path.toStdString());
    if (file.status != model::TextFile::Status::Ok) {
        DocumentLoad load;
        const bool missing = file.status == model::TextFile::Status::NotFound;
        load.diagnostics.add(
            {path.toStdString(), 0, 0, "", model::Severity::Error,
             missing ? model::DiagnosticKind::NotFound : model::DiagnosticKind::Unreadable,
             missing ? "file not found" : "unable to read: " + model::describeStatus(file.status)});
        return load;
    }
    return parseSiteText(QByteArray::fromStdString(file.text), path);
}

SiteDocument::SiteDocument(QObject* parent)
    : QObject(parent)
    , m_json(Json::object()) {
    connect(&m_undo, &QUndoStack::cleanChanged, this,
            [this](bool) { emit modifiedChanged(isModified()); });
    // Content signals go out once the stack's index has moved, so that a slot asking
    // isModified() during an edit already gets the answer after it.
    connect(&m_undo, &QUndoStack::indexChanged, this, [this] {
        if (!m_replacing) {
            emit contentChanged();
        }
    });
}

DocumentLoad SiteDocument::open(const QString& path) {
    DocumentLoad load = readSiteDocument(path);
    if (load.document) {
        m_numberText = load.numberText;
        replace(*load.document, QFileInfo(path).absoluteFilePath(), false);
    }
    return load;
}

void SiteDocument::resetUntitled(Json document, const QString& suggestedName,
                                 model::NumberText numberText) {
    m_untitledName = suggestedName;
    m_numberText = std::move(numberText);
    replace(std::move(document), QString(), false);
}

void SiteDocument::restore(Json document, const QString& path) {
    m_numberText.clear();
    replace(std::move(document), path, true);
}

void SiteDocument::replace(Json document, const QString& path, bool modified) {
    m_json = std::move(document);
    endTyping();
    m_replacing = true;
    m_undo.clear();
    m_replacing = false;
    m_undo.setClean();
    ++m_revision;
    if (path != m_path) {
        m_path = path;
        emit filePathChanged(m_path);
    }
    setForcedModified(modified);
    emit modifiedChanged(isModified());
    emit documentReset();
    emit contentChanged();
}

bool SiteDocument::save(const QString& path, QString* error) {
    // The model's canonical writer: keys in the field table's order, values as typed.
    const std::string text = model::writeSiteText(
        nlohmann::json::parse(m_json.dump(-1, ' ', false, Json::error_handler_t::replace)),
        &m_numberText);
    if (const auto failure = model::writeFileAtomically(path.toStdString(), text)) {
        if (error) {
            *error = QString::fromStdString(failure->message);
        }
        return false;
    }
    // Hold the document in the order it now has on disk, so that it compares equal to
    // the file (the undo commands address values by pointer, not by position).
    m_json = Json::parse(text);
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (absolute != m_path) {
        m_path = absolute;
        emit filePathChanged(m_path);
    }
    m_undo.setClean();
    setForcedModified(false);
    emit modifiedChanged(isModified());
    return true;
}

QString SiteDocument::displayName() const {
    if (m_path.isEmpty()) {
        return m_untitledName.isEmpty() ? tr("untitled.json") : m_untitledName;
    }
    return QFileInfo(m_path).fileName();
}

Json SiteDocument::value(const QString& pointer) const {
    const auto parsed = toPointer(pointer);
    if (!parsed || !m_json.contains(*parsed)) {
        return nullptr;
    }
    return m_json.at(*parsed);
}

bool SiteDocument::contains(const QString& pointer) const {
    const auto parsed = toPointer(pointer);
    return parsed && m_json.contains(*parsed);
}

void SiteDocument::removeValue(const QString& pointer) {
    if (contains(pointer)) {
        pushValue(pointer, std::nullopt, 0);
    }
}

void SiteDocument::setValue(const QString& pointer, const Json& value) {
    pushValue(pointer, value, 0);
}

void SiteDocument::setTypedValue(const QString& pointer, const Json& value) {
    if (m_typingPointer != pointer) {
        m_typingPointer = pointer;
        ++m_typingSession;
    }
    pushValue(pointer, value, m_typingSession);
}

void SiteDocument::endTyping() {
    m_typingPointer.clear();
    m_typingCommand = nullptr;
}

void SiteDocument::abandonTyping(const QString& pointer) {
    const int top = m_undo.index() - 1;
    if (pointer == m_typingPointer && m_typingCommand && top >= 0 &&
        m_undo.command(top) == m_typingCommand) {
        // The value before the burst, typed into it: the merged command changes nothing,
        // and QUndoStack drops it (SetValueCommand::mergeWith), so Redo cannot bring the
        // half-typed value back.
        pushValue(pointer, m_typingCommand->before(), m_typingSession);
    }
    endTyping();
}

void SiteDocument::pushValue(const QString& pointer, const std::optional<Json>& value,
                             quint64 session) {
    if (session == 0) {
        endTyping(); // another edit ends any typing burst
    }
    const auto parsed = toPointer(pointer);
    if (!parsed || parsed->empty()) {
        return;
    }
    std::optional<Json> before;
    if (m_json.contains(*parsed)) {
        before = m_json.at(*parsed);
    }
    if (before == value) {
        return;
    }
    const int index = m_undo.index();
    auto* command = new SetValueCommand(this, pointer, std::move(before), value, session);
    if (!value) {
        command->setText(tr("Remove %1").arg(pointer));
    }
    m_undo.push(command); // merged into the burst's first command, or on the stack itself
    if (m_undo.index() > index) {
        m_typingCommand = session != 0 ? command : nullptr;
    } else if (m_undo.index() < index) {
        m_typingCommand = nullptr; // typed back to its start: the burst's command is gone
    }
}

void SiteDocument::applyValue(const QString& pointer, const std::optional<Json>& value) {
    const auto parsed = toPointer(pointer);
    if (!parsed || parsed->empty()) {
        return;
    }
    if (value) {
        m_json[*parsed] = *value;
    } else if (m_json.contains(*parsed)) {
        Json& parent = m_json.at(parsed->parent_pointer());
        if (parent.is_object()) {
            parent.erase(parsed->back());
        } else if (parent.is_array()) {
            parent.erase(static_cast<std::size_t>(std::stoul(parsed->back())));
        }
    }
    ++m_revision;
    emit valueChanged(pointer);
}

void SiteDocument::setForcedModified(bool modified) {
    m_forcedModified = modified;
}

} // namespace headroom::ui
