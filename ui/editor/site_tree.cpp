#include "ui/editor/site_tree.h"

#include <QHeaderView>

namespace headroom::ui {

namespace {

struct Section {
    const char* key;
    const char* label;
};

// The order a planner reads a site in; sections absent from the file are left out.
const Section kSections[] = {
    {"location", "Location and climate"},
    {"climate", "Climate"},
    {"grid", "Grid"},
    {"campus", "Buildings and halls"},
    {"electrical", "Electrical"},
    {"cooling", "Cooling"},
    {"it", "IT deployment"},
    {"fabric", "Fabric"},
    {"workloads", "Workloads"},
};

/// An object that is one annotated value ({"value": ..., "source": ...}) is a field.
bool isAnnotatedValue(const Json& value) {
    if (!value.is_object() || !value.contains("value")) {
        return false;
    }
    for (const auto& [key, member] : value.items()) {
        if (key != "value" && key != "source" && key != "note") {
            return false;
        }
    }
    return true;
}

} // namespace

QString labelForKey(const QString& key) {
    QString label = key;
    label.replace('_', ' ');
    if (!label.isEmpty()) {
        label[0] = label[0].toUpper();
    }
    return label;
}

QString escapePointerToken(const QString& key) {
    QString token = key;
    token.replace('~', QStringLiteral("~0"));
    token.replace('/', QStringLiteral("~1"));
    return token;
}

bool SiteTree::isSection(const Json& value) {
    if (value.is_object()) {
        return !isAnnotatedValue(value);
    }
    if (value.is_array()) {
        return !value.empty() && value.front().is_object();
    }
    return false;
}

SiteTree::SiteTree(SiteDocument* document, QWidget* parent)
    : QTreeWidget(parent)
    , m_document(document) {
    setObjectName("siteTree");
    setHeaderHidden(true);
    setColumnCount(1);
    connect(this, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem* item) {
        if (item) {
            emit pointerSelected(item->data(0, kPointerRole).toString());
        }
    });
    connect(m_document, &SiteDocument::documentReset, this, &SiteTree::rebuild);
    connect(m_document, &SiteDocument::valueChanged, this, [this](const QString& pointer) {
        // Only a change of structure (a section added or removed) needs a new tree.
        if (isSection(m_document->value(pointer)) || m_document->value(pointer).is_null()) {
            rebuild();
        }
    });
    rebuild();
}

void SiteTree::rebuild() {
    const QString selected = selectedPointer();
    {
        const QSignalBlocker blocker(this);
        clear();
        const Json& json = m_document->json();
        auto* general = new QTreeWidgetItem(this, {tr("Site")});
        general->setData(0, kPointerRole, QString());
        QTreeWidgetItem* location = nullptr;
        for (const Section& section : kSections) {
            if (!json.contains(section.key)) {
                continue;
            }
            const QString pointer = QStringLiteral("/") + section.key;
            // Climate sits under location: the two together say where and what weather.
            QTreeWidgetItem* parentItem = nullptr;
            if (QString::fromLatin1(section.key) == "climate" && location) {
                parentItem = location;
            }
            auto* item = parentItem ? new QTreeWidgetItem(parentItem, {tr(section.label)})
                                    : new QTreeWidgetItem(this, {tr(section.label)});
            item->setData(0, kPointerRole, pointer);
            if (QString::fromLatin1(section.key) == "location") {
                location = item;
            }
            addChildren(item, json.at(section.key), pointer);
        }
        expandToDepth(0);
        setCurrentItem(nullptr);
    }
    selectPointer(selected);
}

void SiteTree::addChildren(QTreeWidgetItem* parent, const Json& value, const QString& pointer) {
    if (value.is_object()) {
        for (const auto& [key, member] : value.items()) {
            // A "source" object annotates its siblings; the editor shows it beside them.
            if (!isSection(member) || key == "source") {
                continue;
            }
            const QString name = QString::fromStdString(key);
            const QString childPointer = pointer + '/' + escapePointerToken(name);
            auto* item = new QTreeWidgetItem(parent, {labelForKey(name)});
            item->setData(0, kPointerRole, childPointer);
            addChildren(item, member, childPointer);
        }
    } else if (value.is_array()) {
        for (std::size_t i = 0; i < value.size(); ++i) {
            const Json& element = value[i];
            const QString childPointer = pointer + '/' + QString::number(i);
            QString label = QString::number(i + 1);
            if (element.is_object() && element.contains("name") && element["name"].is_string()) {
                // Elided: a hostile 10 MB name must not become a 10 MB tree label.
                const auto& name = element["name"].get_ref<const std::string&>();
                label = QString::fromStdString(name.substr(0, 400));
                if (label.size() > 80) {
                    label = label.left(80) + QChar(0x2026); // an ellipsis
                }
            }
            auto* item = new QTreeWidgetItem(parent, {label});
            item->setData(0, kPointerRole, childPointer);
            addChildren(item, element, childPointer);
        }
    }
}

void SiteTree::selectPointer(const QString& pointer) {
    QTreeWidgetItem* best = topLevelItemCount() > 0 ? topLevelItem(0) : nullptr;
    qsizetype bestLength = -1;
    for (QTreeWidgetItemIterator it(this); *it; ++it) {
        const QString itemPointer = (*it)->data(0, kPointerRole).toString();
        const bool prefix = pointer == itemPointer || pointer.startsWith(itemPointer + '/');
        if (prefix && itemPointer.size() > bestLength) {
            best = *it;
            bestLength = itemPointer.size();
        }
    }
    if (best) {
        setCurrentItem(best);
    }
}

QString SiteTree::selectedPointer() const {
    const QTreeWidgetItem* item = currentItem();
    return item ? item->data(0, kPointerRole).toString() : QString();
}

} // namespace headroom::ui
