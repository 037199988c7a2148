// SiteDocument and RecoveryStore: edits through the undo stack, atomic saves, a
// malformed file that leaves the open document intact, and recovery copies.
#include "ui/document/recovery_store.h"
#include "ui/document/site_document.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

#include <csignal>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

namespace headroom::ui {
namespace {

const char* const kSite = R"({
  "format": "headroom-site/1",
  "name": "Test site",
  "cooling": {"supply_air": {"max": "27 degC", "min": "18 degC"}},
  "campus": {"utility_interconnect": "300 MW"}
})";

QString writeFile(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
    const QString path = dir.filePath(name);
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::WriteOnly));
    file.write(text);
    return path;
}

// Issue 18: an edited scenario's report names where it differs from its saved file.
TEST(SiteDocument, ChangedPointersNameEveryEditedAddedAndRemovedValue) {
    const Json saved = Json::parse(R"({"name": "A", "cooling": {"supply_air": {"max": "27 degC",
        "min": "18 degC"}}, "grid": {"carbon_intensity": "0.4 kg/kWh"}})");
    Json current = saved;
    EXPECT_TRUE(changedPointers(saved, current).empty());
    current["cooling"]["supply_air"]["max"] = "25 degC";
    current["cooling"]["supply_air"]["max_dew_point"] = "17 degC";
    current["grid"].erase("carbon_intensity");
    EXPECT_EQ(
        changedPointers(saved, current),
        (std::vector<std::string>{"/cooling/supply_air/max", "/cooling/supply_air/max_dew_point",
                                  "/grid/carbon_intensity"}));
}

TEST(SiteDocument, EditUndoRedoFollowTheUndoStack) {
    QTemporaryDir dir;
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    EXPECT_FALSE(document.isModified());
    QSignalSpy changed(&document, &SiteDocument::valueChanged);

    document.setValue("/cooling/supply_air/max", "29 degC");
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "29 degC");
    EXPECT_TRUE(document.isModified());
    EXPECT_EQ(changed.count(), 1);

    document.undoStack()->undo();
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "27 degC");
    EXPECT_FALSE(document.isModified());
    document.undoStack()->redo();
    EXPECT_EQ(document.value("/cooling/supply_air/max"), "29 degC");
    EXPECT_EQ(changed.count(), 3);

    // Setting the same value again is not an edit.
    document.setValue("/cooling/supply_air/max", "29 degC");
    EXPECT_EQ(document.undoStack()->count(), 1);
}

TEST(SiteDocument, AddingAKeyIsUndoneByRemovingIt) {
    QTemporaryDir dir;
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    document.setValue("/cooling/supply_air/max_dew_point", "15 degC");
    EXPECT_EQ(document.value("/cooling/supply_air/max_dew_point"), "15 degC");
    document.undoStack()->undo();
    EXPECT_FALSE(document.json()["cooling"]["supply_air"].contains("max_dew_point"));
}

TEST(SiteDocument, SaveThenReopenGivesTheSameDocument) {
    QTemporaryDir dir;
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    document.setValue("/campus/utility_interconnect", "250 MW");
    const QString copy = dir.filePath("copy.json");
    QString error;
    ASSERT_TRUE(document.save(copy, &error)) << error.toStdString();
    EXPECT_FALSE(document.isModified());
    EXPECT_EQ(document.filePath(), copy);

    SiteDocument reopened;
    ASSERT_TRUE(reopened.open(copy).document);
    EXPECT_EQ(reopened.json(), document.json());
    // The user's key order survives the round trip.
    EXPECT_EQ(reopened.json().begin().key(), "format");
}

TEST(SiteDocument, ASaveKeepsNumbersAsTheFileSpelledThem) {
    QTemporaryDir dir;
    SiteDocument document;
    const QString path = writeFile(dir, "site.json",
                                   R"({"format": "headroom-site/1", "name": "n",
                                       "location": {"latitude": 41.70, "longitude": -86.250}})");
    ASSERT_TRUE(document.open(path).document);
    document.setValue("/name", "renamed");
    ASSERT_TRUE(document.save(path));
    QFile file(path);
    ASSERT_TRUE(file.open(QIODevice::ReadOnly));
    const QByteArray text = file.readAll();
    EXPECT_TRUE(text.contains("41.70")) << text.toStdString();
    EXPECT_TRUE(text.contains("-86.250")) << text.toStdString();
}

QByteArray readAll(const QString& path) {
    QFile file(path);
    EXPECT_TRUE(file.open(QIODevice::ReadOnly)) << path.toStdString();
    return file.readAll();
}

/// Caps the size of any file this process writes while it lives (RLIMIT_FSIZE, which
/// binds root too), so that a save's write() fails part way with EFBIG.
class FileSizeLimit {
public:
    explicit FileSizeLimit(rlim_t bytes) {
        getrlimit(RLIMIT_FSIZE, &m_saved);
        // Past the limit the kernel sends SIGXFSZ, whose default action ends the process;
        // ignored, the write fails with EFBIG instead, as it would on a full disk.
        m_savedHandler = std::signal(SIGXFSZ, SIG_IGN);
        rlimit limit = m_saved;
        limit.rlim_cur = bytes;
        m_active = setrlimit(RLIMIT_FSIZE, &limit) == 0;
    }
    ~FileSizeLimit() {
        setrlimit(RLIMIT_FSIZE, &m_saved);
        std::signal(SIGXFSZ, m_savedHandler);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;
    bool active() const { return m_active; }

private:
    rlimit m_saved{};
    void (*m_savedHandler)(int) = SIG_DFL;
    bool m_active = false;
};

TEST(SiteDocument, ASaveThatFailsPartWayLeavesThePreviousFileAndNoTemporary) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, "site.json", kSite);
    const QByteArray previous = readAll(path);
    SiteDocument document;
    ASSERT_TRUE(document.open(path).document);
    const QString recoveryFolder = dir.filePath("recovery");
    RecoveryStore recovery(&document, recoveryFolder);
    recovery.setDelay(10);
    QSignalSpy written(&recovery, &RecoveryStore::written);
    document.setValue("/name", "Edited, and the disk fills while saving it");
    ASSERT_TRUE(written.wait(2000));

    QString error;
    bool saved = true;
    {
        // 40 bytes: the temporary file is created and written to, then the write fails.
        FileSizeLimit limit(40);
        ASSERT_TRUE(limit.active());
        saved = document.save(path, &error);
    }
    EXPECT_FALSE(saved);
    EXPECT_TRUE(error.contains("cannot write")) << error.toStdString();
    EXPECT_EQ(readAll(path), previous) << "the previous file must stay as it was";
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{"site.json"})
        << "a temporary file was left behind";
    // The edit is still unsaved, and still protected by its recovery copy.
    EXPECT_TRUE(document.isModified());
    EXPECT_EQ(document.value("/name"), "Edited, and the disk fills while saving it");
    const auto copy = RecoveryStore::findRecovery(recoveryFolder);
    ASSERT_TRUE(copy);
    EXPECT_EQ(copy->document["name"], "Edited, and the disk fills while saving it");

    // With room again, the same save succeeds and replaces the file whole.
    ASSERT_TRUE(document.save(path, &error)) << error.toStdString();
    EXPECT_FALSE(document.isModified());
    EXPECT_TRUE(readAll(path).contains("Edited, and the disk fills while saving it"));
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{"site.json"});
}

TEST(SiteDocument, ASaveIntoAReadOnlyFolderLeavesThePreviousFileAndNoTemporary) {
    if (::geteuid() == 0) {
        GTEST_SKIP() << "root writes into read-only folders; the part-way failure above "
                        "covers the same path";
    }
    QTemporaryDir dir;
    const QString path = writeFile(dir, "site.json", kSite);
    const QByteArray previous = readAll(path);
    SiteDocument document;
    ASSERT_TRUE(document.open(path).document);
    document.setValue("/name", "Edited");
    QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::ExeOwner);
    QString error;
    const bool saved = document.save(path, &error);
    QFile::setPermissions(dir.path(),
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    EXPECT_FALSE(saved);
    EXPECT_TRUE(error.contains("cannot create a temporary file")) << error.toStdString();
    EXPECT_EQ(readAll(path), previous);
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files), QStringList{"site.json"});
    EXPECT_TRUE(document.isModified());
}

TEST(SiteDocument, AMalformedFileLeavesTheOpenDocumentIntact) {
    QTemporaryDir dir;
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    document.setValue("/name", "Edited");
    const Json before = document.json();

    const QString bad =
        writeFile(dir, "bad.json", "{\n  \"format\": \"headroom-site/1\",\n  \"name\": 3,,\n}\n");
    const DocumentLoad load = document.open(bad);
    EXPECT_FALSE(load.document);
    ASSERT_EQ(load.diagnostics.items().size(), 1u);
    const model::Diagnostic& diagnostic = load.diagnostics.items().front();
    EXPECT_EQ(diagnostic.kind, model::DiagnosticKind::Syntax);
    EXPECT_EQ(diagnostic.line, 3); // the second comma
    EXPECT_EQ(diagnostic.column, 13);

    EXPECT_EQ(document.json(), before);
    EXPECT_TRUE(document.isModified());
    EXPECT_TRUE(document.filePath().endsWith("site.json"));
}

TEST(SiteDocument, NotFoundAndNotASiteAreDistinctErrors) {
    QTemporaryDir dir;
    SiteDocument document;
    auto missing = document.open(dir.filePath("nope.json"));
    ASSERT_FALSE(missing.diagnostics.empty());
    EXPECT_EQ(missing.diagnostics.items().front().kind, model::DiagnosticKind::NotFound);
    auto notSite = document.open(writeFile(dir, "array.json", "[1, 2]"));
    ASSERT_FALSE(notSite.diagnostics.empty());
    EXPECT_EQ(notSite.diagnostics.items().front().kind, model::DiagnosticKind::Meaning);
}

// Issue 17 items 1 and 2: the app aborted on 1e999 (an uncaught out_of_range; only
// parse_error was caught) and overflowed its stack on a document 60,000 levels deep.
TEST(SiteDocument, HostileNumbersAndNestingAreLocatedErrors) {
    const DocumentLoad huge = parseSiteText(
        "{\"format\": \"headroom-site/1\",\n \"campus\": {\"count\": 1e999}}", "site.json");
    EXPECT_FALSE(huge.document);
    ASSERT_EQ(huge.diagnostics.items().size(), 1u);
    EXPECT_EQ(huge.diagnostics.items()[0].line, 2);

    const QByteArray deep =
        "{\"format\": \"headroom-site/1\", \"note\": " + QByteArray(60000, '[') +
        QByteArray(60000, ']') + "}";
    const DocumentLoad nested = parseSiteText(deep, "deep.json");
    EXPECT_FALSE(nested.document);
    ASSERT_FALSE(nested.diagnostics.empty());
    EXPECT_NE(nested.diagnostics.items()[0].message.find("nesting deeper than"), std::string::npos);
    EXPECT_FALSE(parseJsonValue(deep.toStdString()));
}

TEST(SiteDocument, AFifoIsRefusedWithoutWaiting) {
    QTemporaryDir dir;
    const QString fifo = dir.filePath("pipe.json");
    ASSERT_EQ(::mkfifo(fifo.toUtf8().constData(), 0600), 0);
    SiteDocument document;
    const DocumentLoad load = document.open(fifo);
    EXPECT_FALSE(load.document);
    ASSERT_EQ(load.diagnostics.items().size(), 1u);
    EXPECT_EQ(load.diagnostics.items()[0].kind, model::DiagnosticKind::Unreadable);
}

TEST(RecoveryStore, WritesUnsavedEditsAndRemovesThemOnSave) {
    QTemporaryDir dir;
    const QString folder = dir.filePath("recovery");
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    RecoveryStore store(&document, folder);
    store.setDelay(20);
    QSignalSpy written(&store, &RecoveryStore::written);

    document.setValue("/name", "Unsaved name");
    ASSERT_TRUE(written.wait(2000));
    auto recovery = RecoveryStore::findRecovery(folder);
    ASSERT_TRUE(recovery);
    EXPECT_EQ(recovery->document["name"], "Unsaved name");
    EXPECT_EQ(recovery->sitePath, document.filePath());

    ASSERT_TRUE(document.save(document.filePath()));
    EXPECT_FALSE(RecoveryStore::findRecovery(folder));
}

TEST(RecoveryStore, UndoingBackToCleanRemovesTheRecoveryFile) {
    QTemporaryDir dir;
    const QString folder = dir.filePath("recovery");
    SiteDocument document;
    ASSERT_TRUE(document.open(writeFile(dir, "site.json", kSite)).document);
    RecoveryStore store(&document, folder);
    store.setDelay(10);
    QSignalSpy written(&store, &RecoveryStore::written);
    document.setValue("/name", "x");
    ASSERT_TRUE(written.wait(2000));
    document.undoStack()->undo();
    EXPECT_FALSE(RecoveryStore::findRecovery(folder));
}

TEST(RecoveryStore, ARestoredDocumentIsModifiedAndNamedAfterItsFile) {
    QTemporaryDir dir;
    const QString path = writeFile(dir, "site.json", kSite);
    SiteDocument document;
    Json recovered = Json::parse(kSite);
    recovered["name"] = "Recovered";
    document.restore(recovered, path);
    EXPECT_TRUE(document.isModified());
    EXPECT_EQ(document.filePath(), path);
    EXPECT_EQ(document.value("/name"), "Recovered");
}

} // namespace
} // namespace headroom::ui
