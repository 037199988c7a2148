// SiteDocument and RecoveryStore: edits through the undo stack, atomic saves, a
// malformed file that leaves the open document intact, and recovery copies.
#include "ui/document/recovery_store.h"
#include "ui/document/site_document.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <gtest/gtest.h>

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
