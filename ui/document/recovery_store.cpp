#include "ui/document/recovery_store.h"

#include "model/core/atomic_file.h"
#include "model/core/text_file.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace headroom::ui {

namespace {
constexpr const char* kFormat = "headroom-recovery/1";
// Long enough to not write on every key stroke, short enough to lose little.
constexpr int kDefaultDelayMs = 1500;
} // namespace

RecoveryStore::RecoveryStore(SiteDocument* document, QString folder, QObject* parent)
    : QObject(parent)
    , m_document(document)
    , m_folder(folder.isEmpty() ? defaultFolder() : std::move(folder)) {
    m_timer.setSingleShot(true);
    m_timer.setInterval(kDefaultDelayMs);
    connect(&m_timer, &QTimer::timeout, this, &RecoveryStore::writeNow);
    connect(m_document, &SiteDocument::contentChanged, this, &RecoveryStore::documentChanged);
    connect(m_document, &SiteDocument::modifiedChanged, this, [this](bool modified) {
        if (!modified) {
            m_timer.stop();
            discard();
        }
    });
    connect(m_document, &SiteDocument::filePathChanged, this, [this] {
        // The document moved to another name (save as): its old recovery file is stale.
        if (!m_lastFile.isEmpty() && m_lastFile != recoveryFile()) {
            QFile::remove(m_lastFile);
            m_lastFile.clear();
        }
    });
}

RecoveryStore::~RecoveryStore() = default;

QString RecoveryStore::defaultFolder() {
    return QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation) +
           QStringLiteral("/recovery");
}

QString RecoveryStore::recoveryFile() const {
    // One file per site path, so two windows on two files do not overwrite each other.
    const QString key =
        m_document->isUntitled()
            ? QStringLiteral("untitled:%1").arg(reinterpret_cast<quintptr>(m_document))
            : m_document->filePath();
    const QByteArray hash =
        QCryptographicHash::hash(key.toUtf8(), QCryptographicHash::Sha1).toHex().left(16);
    return m_folder + QStringLiteral("/%1.json").arg(QString::fromLatin1(hash));
}

void RecoveryStore::documentChanged() {
    if (m_document->isModified()) {
        m_timer.start();
    }
}

bool RecoveryStore::writeNow() {
    if (!m_document->isModified()) {
        return true;
    }
    QDir().mkpath(m_folder);
    Json record = Json::object();
    record["format"] = kFormat;
    record["site_file"] = m_document->filePath().toStdString();
    record["display_name"] = m_document->displayName().toStdString();
    record["saved_at"] = QDateTime::currentDateTimeUtc().toString(Qt::ISODate).toStdString();
    record["document"] = m_document->json();
    const QString path = recoveryFile();
    // replace: a string that is not UTF-8 becomes U+FFFD instead of a type_error thrown.
    const std::string text = record.dump(1, ' ', false, Json::error_handler_t::replace);
    if (model::writeFileAtomically(path.toStdString(), text)) {
        return false;
    }
    m_lastFile = path;
    emit written(path);
    return true;
}

void RecoveryStore::discard() {
    if (!m_lastFile.isEmpty()) {
        QFile::remove(m_lastFile);
        m_lastFile.clear();
    }
    QFile::remove(recoveryFile());
}

std::optional<Recovery> RecoveryStore::findRecovery(const QString& folder) {
    const QDir dir(folder.isEmpty() ? defaultFolder() : folder);
    const auto entries =
        dir.entryInfoList({QStringLiteral("*.json")}, QDir::Files, QDir::Time); // newest first
    for (const QFileInfo& entry : entries) {
        // Through the model's bounded reader: the folder is the user's, anything may be there.
        const model::TextFile file = model::readTextFile(entry.absoluteFilePath().toStdString());
        if (file.status != model::TextFile::Status::Ok) {
            continue;
        }
        const Json record = parseJsonValue(file.text).value_or(Json());
        if (!record.is_object() || record.value("format", "") != kFormat ||
            !record.contains("document") || !record["document"].is_object()) {
            continue;
        }
        Recovery recovery;
        recovery.recoveryFile = entry.absoluteFilePath();
        recovery.sitePath = QString::fromStdString(record.value("site_file", ""));
        recovery.displayName = QString::fromStdString(record.value("display_name", ""));
        recovery.document = record["document"];
        return recovery;
    }
    return std::nullopt;
}

} // namespace headroom::ui
