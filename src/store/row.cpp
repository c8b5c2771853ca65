// Row accessors: typed reads of one result column, lenient only where the backends differ.
#include <charconv>
#include <stdexcept>
#include <string>

#include "store/database.h"

namespace concord::store {
namespace {

const char* type_name(const Value& value) {
  switch (value.index()) {
    case 0:
      return "NULL";
    case 1:
      return "an integer";
    case 2:
      return "a real";
    case 3:
      return "text";
    default:
      return "a blob";
  }
}

[[noreturn]] void mismatch(size_t column, const Value& value, const char* wanted) {
  throw std::logic_error("column " + std::to_string(column) + " is " + type_name(value) + ", not " +
                         wanted);
}

template <typename Number>
bool parse_whole(const std::string& text, Number& out) {
  const char* end = text.data() + text.size();
  auto [stop, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && stop == end && !text.empty();
}

}  // namespace

bool Row::is_null(size_t column) const {
  return std::holds_alternative<std::monostate>(values_.at(column));
}

std::int64_t Row::integer(size_t column) const {
  const Value& value = values_.at(column);
  if (std::holds_alternative<std::monostate>(value)) return 0;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return *integer;
  if (const auto* text = std::get_if<std::string>(&value)) {
    std::int64_t parsed = 0;
    if (parse_whole(*text, parsed)) return parsed;
  }
  mismatch(column, value, "an integer");
}

double Row::real(size_t column) const {
  const Value& value = values_.at(column);
  if (std::holds_alternative<std::monostate>(value)) return 0.0;
  if (const auto* real = std::get_if<double>(&value)) return *real;
  if (const auto* integer = std::get_if<std::int64_t>(&value)) return static_cast<double>(*integer);
  if (const auto* text = std::get_if<std::string>(&value)) {
    double parsed = 0.0;
    if (parse_whole(*text, parsed)) return parsed;
  }
  mismatch(column, value, "a real");
}

std::string Row::text(size_t column) const {
  const Value& value = values_.at(column);
  if (std::holds_alternative<std::monostate>(value)) return {};
  if (const auto* text = std::get_if<std::string>(&value)) return *text;
  mismatch(column, value, "text");
}

std::optional<std::string> Row::optional_text(size_t column) const {
  if (is_null(column)) return std::nullopt;
  return text(column);
}

std::optional<std::int64_t> Row::optional_integer(size_t column) const {
  if (is_null(column)) return std::nullopt;
  return integer(column);
}

const Blob& Row::blob(size_t column) const {
  static const Blob empty;
  const Value& value = values_.at(column);
  if (std::holds_alternative<std::monostate>(value)) return empty;
  if (const auto* blob = std::get_if<Blob>(&value)) return *blob;
  mismatch(column, value, "a blob");
}

}  // namespace concord::store
