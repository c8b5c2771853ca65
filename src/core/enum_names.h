// EnumNames: the one way an enum gets its names in JSON, SQL and messages: a table of
// (value, name) pairs, read both ways.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace concord {

template <typename Enum, std::size_t N>
class EnumNames {
 public:
  constexpr explicit EnumNames(std::array<std::pair<Enum, std::string_view>, N> names)
      : names_(names) {}

  // The value's name; every value must be in the table.
  constexpr std::string_view name(Enum value) const {
    for (const auto& [candidate, text] : names_) {
      if (candidate == value) return text;
    }
    return {};
  }

  std::optional<Enum> parse(std::string_view text) const {
    for (const auto& [value, candidate] : names_) {
      if (candidate == text) return value;
    }
    return std::nullopt;
  }

  // "a, b, c", for error messages and help.
  std::string list() const {
    std::string out;
    for (const auto& [value, text] : names_) {
      if (!out.empty()) out += ", ";
      out += text;
    }
    return out;
  }

 private:
  std::array<std::pair<Enum, std::string_view>, N> names_;
};

}  // namespace concord
