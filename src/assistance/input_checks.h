// Checks shared by the plan and offer services: text fields of bounded length, enum names, years
// and country codes, each failing with invalid_argument naming the field.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/reference_data.h"
#include "core/result.h"

namespace concord::assistance {

// Trimmed `raw`: valid UTF-8, no control characters, `min_length` to `max_length` characters.
Result<std::string> checked_text(const std::string& field, std::string_view raw,
                                 std::size_t min_length, std::size_t max_length);

// The enum named `text`, by `parse`; otherwise "FIELD must be one of LIST, got 'text'".
template <typename Parse>
auto checked_name(const std::string& field, const std::string& text, Parse parse,
                  const std::string& names) -> Result<typename decltype(parse(text))::value_type> {
  const auto value = parse(text);
  if (!value) {
    return Error::invalid(field, field + " must be one of " + names + ", got '" + text + "'");
  }
  return *value;
}

// A budget year Concord accepts: 1990 to 2100.
Result<void> checked_year(const std::string& field, int year);

// An ISO 3166-1 alpha-2 code of a known country.
Result<void> checked_country(const std::string& field, const std::string& code,
                             const ReferenceData& reference);

}  // namespace concord::assistance
