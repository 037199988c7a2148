#pragma once
// How a field's value reaches Site: the table row names the member,
// `.to = into<&Site::campus, &Campus::buildings>()`, and the conversion follows from the
// member's type (a quantity, an enumerator, an optional, a list). Members inside arrays
// (/workloads/training/*/mfu) take the element the "*" stands for; members inside an
// optional section (/cooling/liquid/share) create the section.

#include "model/site/site.h"
#include "model/site/site_fields.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace headroom::model {

/// A field's value as the reader hands it to the row's binding: as the file wrote it, or
/// the default the run takes. The reader has checked it against the row.
class FieldValue {
public:
    FieldValue(const FieldDef& field, const nlohmann::json& json,
               std::span<const std::size_t> indices, const HourlySeries* series = nullptr)
        : m_field(field)
        , m_json(json)
        , m_indices(indices)
        , m_series(series) {}

    const FieldDef& field() const { return m_field; }
    const nlohmann::json& json() const { return m_json; }
    /// The array index the n-th "*" of the field's pointer stands for.
    std::size_t index(std::size_t n) const { return m_indices[n]; }

    std::string text() const;
    bool boolean() const { return m_json.get<bool>(); }
    /// A Number, or a Quantity (Ratio, QuantityList element) in SI units.
    double number() const;
    /// An Integer, a CountOrFill count, an Enum's value or a MonthDay's first hour.
    int integer() const;
    /// Whether a CountOrFill field says "fill".
    bool fill() const { return m_json.is_string(); }
    /// Element i of a QuantityList, in SI units.
    double listElement(std::size_t i) const;
    /// A Series field, resolved to one value per hour of the climate year.
    const HourlySeries& series() const { return *m_series; }

private:
    const FieldDef& m_field;
    const nlohmann::json& m_json;
    std::span<const std::size_t> m_indices;
    const HourlySeries* m_series = nullptr;
};

/// The whole of text as a number ("-90", "1e18"); nothing when it is not one.
std::optional<double> parseNumberText(std::string_view text);
/// "3:1" or 3 as a number of at least 1 and at most 64; nothing when it is not one.
std::optional<double> parseRatio(const nlohmann::json& value);
/// "MM-DD" as the hour of a non-leap year it starts at; nothing when it is not a date.
std::optional<int> parseMonthDay(const nlohmann::json& value);

namespace binding {

template <class T> struct IsOptional : std::false_type {};
template <class T> struct IsOptional<std::optional<T>> : std::true_type {};
template <class T> struct IsVector : std::false_type {};
template <class T> struct IsVector<std::vector<T>> : std::true_type {};
template <class T> struct IsArray : std::false_type {};
template <std::size_t N> struct IsArray<std::array<double, N>> : std::true_type {};

template <class T> void assign(T& target, const FieldValue& value) {
    if constexpr (IsOptional<T>::value) {
        if (value.field().type == FieldType::CountOrFill && value.fill()) {
            target.reset(); // "fill": as many as the limits allow
        } else {
            assign(target.emplace(), value);
        }
    } else if constexpr (std::is_same_v<T, std::string>) {
        target = value.text();
    } else if constexpr (std::is_same_v<T, bool>) {
        target = value.boolean();
    } else if constexpr (std::is_same_v<T, HourlySeries>) {
        target = value.series();
    } else if constexpr (std::is_enum_v<T>) {
        target = static_cast<T>(value.integer());
    } else if constexpr (std::is_same_v<T, int> || std::is_same_v<T, long long>) {
        target = value.integer();
    } else if constexpr (std::is_same_v<T, double>) {
        target = value.number();
    } else if constexpr (IsArray<T>::value) {
        for (std::size_t i = 0; i < target.size(); ++i) {
            target[i] = value.listElement(i);
        }
    } else {
        target = T::from_value(value.number()); // a units:: quantity, from SI
    }
}

/// The member Member of object, entering an array element or an optional section.
template <class Member> auto& enter(Member& member, const FieldValue& value, std::size_t& star) {
    if constexpr (IsVector<Member>::value) {
        const std::size_t i = value.index(star++);
        if (member.size() <= i) {
            member.resize(i + 1);
        }
        return member[i];
    } else if constexpr (IsOptional<Member>::value) {
        return member ? *member : member.emplace();
    } else {
        return member;
    }
}

template <auto Member, auto... Rest, class Object>
void store(Object& object, const FieldValue& value, std::size_t star) {
    if constexpr (sizeof...(Rest) == 0) {
        assign(object.*Member, value);
    } else {
        auto& inner = enter(object.*Member, value, star);
        store<Rest...>(inner, value, star);
    }
}

} // namespace binding

/// The binding that stores a field's value at site.*First.*Rest...
template <auto First, auto... Rest> constexpr FieldBinding into() {
    return
        [](Site& site, const FieldValue& value) { binding::store<First, Rest...>(site, value, 0); };
}

} // namespace headroom::model
