#include "model/site/site_binding.h"

#include <charconv>

namespace headroom::model {

std::string FieldValue::text() const {
    return m_json.is_string() ? m_json.get<std::string>() : std::string();
}

double FieldValue::number() const {
    switch (m_field.type) {
    case FieldType::Quantity: {
        const auto parsed = parseQuantityOfKind(m_field.quantity, text());
        return parsed ? *parsed.value : 0.0;
    }
    case FieldType::Ratio:
        return parseRatio(m_json).value_or(1.0);
    default:
        return m_json.is_number() ? m_json.get<double>() : 0.0;
    }
}

int FieldValue::integer() const {
    switch (m_field.type) {
    case FieldType::Enum: {
        const EnumChoice* choice = findChoice(m_field, text());
        return choice != nullptr ? choice->value : 0;
    }
    case FieldType::MonthDay:
        return parseMonthDay(m_json).value_or(0);
    default:
        return m_json.is_number_integer() ? static_cast<int>(m_json.get<std::int64_t>()) : 0;
    }
}

double FieldValue::listElement(std::size_t i) const {
    const nlohmann::json& element = m_json.at(i);
    const auto parsed = element.is_string()
                            ? parseQuantityOfKind(m_field.quantity, element.get<std::string>())
                            : units::QuantityResult<double>{};
    return parsed ? *parsed.value : 0.0;
}

std::optional<double> parseNumberText(std::string_view text) {
    double value = 0.0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size()) {
        return std::nullopt;
    }
    return value;
}

std::optional<double> parseRatio(const nlohmann::json& value) {
    if (value.is_number()) {
        const double ratio = value.get<double>();
        return ratio >= 1.0 && ratio <= 64.0 ? std::optional<double>(ratio) : std::nullopt;
    }
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    const auto colon = text.find(':');
    if (colon == std::string::npos) {
        return std::nullopt;
    }
    const auto left = parseNumberText(std::string_view(text).substr(0, colon));
    const auto right = parseNumberText(std::string_view(text).substr(colon + 1));
    if (!left || !right || *right <= 0.0) {
        return std::nullopt;
    }
    const double ratio = *left / *right;
    return ratio >= 1.0 && ratio <= 64.0 ? std::optional<double>(ratio) : std::nullopt;
}

std::optional<int> parseMonthDay(const nlohmann::json& value) {
    static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (!value.is_string()) {
        return std::nullopt;
    }
    const std::string text = value.get<std::string>();
    if (text.size() != 5 || text[2] != '-') {
        return std::nullopt;
    }
    int month = 0;
    int day = 0;
    if (std::from_chars(text.data(), text.data() + 2, month).ptr != text.data() + 2 ||
        std::from_chars(text.data() + 3, text.data() + 5, day).ptr != text.data() + 5 ||
        month < 1 || month > 12 || day < 1 || day > kDays[month - 1]) {
        return std::nullopt;
    }
    int dayOfYear = day - 1;
    for (int m = 0; m < month - 1; ++m) {
        dayOfYear += kDays[m];
    }
    return dayOfYear * 24;
}

} // namespace headroom::model
