#include "model/site/site_writer.h"

#include "model/core/atomic_file.h"

#include "model/json/located_json.h"
#include "model/site/site_fields.h"

#include <algorithm>
#include <cstdio>
#include <fstream>

namespace headroom::model {
namespace {

using json = nlohmann::json;

constexpr std::size_t kLineWidth = 100;

/// Key order inside the object at pattern: table order, then "source", then the rest.
std::vector<std::string> orderedKeys(const json& object, const std::string& pattern) {
    std::vector<std::string> known;
    const FieldDef* field = findSiteField(pattern);
    if (field != nullptr && field->type == FieldType::Series) {
        known = {"csv", "table", "column", "unit", "time_zone", "max_gap"};
    } else {
        for (const auto* child : childFields(pattern)) {
            known.emplace_back(child->pointer.substr(child->pointer.rfind('/') + 1));
        }
    }
    known.emplace_back("source");
    std::vector<std::string> keys;
    for (const auto& key : known) {
        if (object.contains(key)) {
            keys.push_back(key);
        }
    }
    for (const auto& [key, value] : object.items()) { // nlohmann::json keeps keys sorted
        if (std::find(known.begin(), known.end(), key) == known.end()) {
            keys.push_back(key);
        }
    }
    return keys;
}

bool isScalar(const json& value) {
    return !value.is_object() && !value.is_array();
}

/// The spelling to write for a number: the user's, if it still reads as the same value.
std::string numberSpelling(const json& value, const std::string& pointer,
                           const NumberText* numberText) {
    if (numberText != nullptr) {
        if (auto found = numberText->find(pointer); found != numberText->end()) {
            const json reread = json::parse(found->second, nullptr, false);
            if (!reread.is_discarded() && reread == value) {
                return found->second;
            }
        }
    }
    return value.dump();
}

class Writer {
public:
    explicit Writer(const NumberText* numberText)
        : m_numberText(numberText) {}

    std::string write(const json& document) {
        emit(document, "", "", 0, 0);
        m_out += '\n';
        return std::move(m_out);
    }

private:
    // prefix: columns already used on the current line (indent + key).
    void emit(const json& value, const std::string& pattern, const std::string& pointer,
              std::size_t indent, std::size_t prefix) {
        if (value.is_object()) {
            emitObject(value, pattern, pointer, indent);
        } else if (value.is_array()) {
            emitArray(value, pattern, pointer, indent, prefix);
        } else {
            m_out += scalar(value, pointer);
        }
    }

    std::string scalar(const json& value, const std::string& pointer) const {
        return value.is_number() ? numberSpelling(value, pointer, m_numberText) : value.dump();
    }

    void emitObject(const json& object, const std::string& pattern, const std::string& pointer,
                    std::size_t indent) {
        if (object.empty()) {
            m_out += "{}";
            return;
        }
        m_out += "{\n";
        const auto keys = orderedKeys(object, pattern);
        for (std::size_t i = 0; i < keys.size(); ++i) {
            const std::string key = json(keys[i]).dump() + ": ";
            m_out += std::string(indent + 2, ' ') + key;
            const std::string token = escapePointerToken(keys[i]);
            emit(object[keys[i]], pattern + "/" + token, pointer + "/" + token, indent + 2,
                 indent + 2 + key.size());
            m_out += i + 1 < keys.size() ? ",\n" : "\n";
        }
        m_out += std::string(indent, ' ') + "}";
    }

    void emitArray(const json& array, const std::string& pattern, const std::string& pointer,
                   std::size_t indent, std::size_t prefix) {
        if (array.empty()) {
            m_out += "[]";
            return;
        }
        const bool scalars = std::all_of(array.begin(), array.end(), isScalar);
        if (scalars) {
            std::vector<std::string> items;
            std::size_t inline_width = 2;
            for (std::size_t i = 0; i < array.size(); ++i) {
                items.push_back(scalar(array[i], pointer + "/" + std::to_string(i)));
                inline_width += items.back().size() + 2;
            }
            if (prefix + inline_width <= kLineWidth) {
                m_out += "[";
                for (std::size_t i = 0; i < items.size(); ++i) {
                    m_out += (i == 0 ? "" : ", ") + items[i];
                }
                m_out += "]";
                return;
            }
            // Too long for one line: fill lines greedily, as a person would wrap a table row.
            m_out += "[\n";
            const std::string pad(indent + 2, ' ');
            std::string line = pad;
            for (std::size_t i = 0; i < items.size(); ++i) {
                const std::string piece = items[i] + (i + 1 < items.size() ? "," : "");
                if (line.size() > pad.size() && line.size() + 1 + piece.size() > kLineWidth) {
                    m_out += line + "\n";
                    line = pad;
                }
                line += (line.size() > pad.size() ? " " : "") + piece;
            }
            m_out += line + "\n" + std::string(indent, ' ') + "]";
            return;
        }
        const std::string elementPattern = pattern + "/*";
        const FieldDef* field = findSiteField(pattern);
        const std::string childPattern =
            field != nullptr && field->type == FieldType::ObjectArray ? elementPattern : pattern;
        m_out += "[\n";
        for (std::size_t i = 0; i < array.size(); ++i) {
            m_out += std::string(indent + 2, ' ');
            emit(array[i], childPattern, pointer + "/" + std::to_string(i), indent + 2, indent + 2);
            m_out += i + 1 < array.size() ? ",\n" : "\n";
        }
        m_out += std::string(indent, ' ') + "]";
    }

    const NumberText* m_numberText = nullptr;
    std::string m_out;
};

} // namespace

std::string writeSiteText(const nlohmann::json& document, const NumberText* numberText) {
    return Writer(numberText).write(document);
}

bool writeSiteFile(const std::filesystem::path& path, const nlohmann::json& document,
                   std::string* errorMessage, const NumberText* numberText) {
    const std::string text = writeSiteText(document, numberText);
    auto fail = [&](const std::string& message) {
        if (errorMessage != nullptr) {
            *errorMessage = message;
        }
        return false;
    };
    if (const auto failure = writeFileAtomically(path, text)) {
        return fail(path.string() + ": " + failure->message);
    }
    return true;
}

} // namespace headroom::model
