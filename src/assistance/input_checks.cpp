#include "assistance/input_checks.h"

#include "core/text.h"

namespace concord::assistance {

Result<std::string> checked_text(const std::string& field, std::string_view raw,
                                 std::size_t min_length, std::size_t max_length) {
  const std::string_view text = trim(raw);
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not valid UTF-8");
  // Line breaks are allowed in long texts (summaries, conditions); other control characters not.
  std::string without_breaks(text);
  for (char& c : without_breaks) {
    if (max_length > 200 && (c == '\n' || c == '\r' || c == '\t')) c = ' ';
  }
  if (has_control_characters(without_breaks)) {
    return Error::invalid(field, field + " contains control characters");
  }
  if (*length < min_length || *length > max_length) {
    if (min_length > 0 && length == 0u) return Error::invalid(field, field + " is required");
    return Error::invalid(field, field + " must be " + std::to_string(min_length) + " to " +
                                     std::to_string(max_length) + " characters");
  }
  return std::string(text);
}

Result<void> checked_year(const std::string& field, int year) {
  if (year < 1990 || year > 2100) {
    return Error::invalid(field,
                          field + " must be a year from 1990 to 2100, got " + std::to_string(year));
  }
  return ok();
}

Result<void> checked_country(const std::string& field, const std::string& code,
                             const ReferenceData& reference) {
  if (reference.country(code) == nullptr) {
    return Error::invalid(
        field, field + " must be an ISO 3166-1 alpha-2 code such as LA, got '" + code + "'");
  }
  return ok();
}

}  // namespace concord::assistance
