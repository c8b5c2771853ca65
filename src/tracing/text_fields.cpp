#include "tracing/text_fields.h"

#include "core/text.h"

namespace concord::tracing {

Result<void> check_text(const std::string& field, std::string_view text, size_t min_length,
                        size_t max_length) {
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not valid UTF-8");
  if (has_control_characters(text)) {
    return Error::invalid(field, field + " contains control characters");
  }
  if (min_length > 0 && trim(text).empty()) return Error::invalid(field, field + " is required");
  if (*length < min_length) {
    return Error::invalid(
        field, field + " must be at least " + std::to_string(min_length) + " characters");
  }
  if (*length > max_length) {
    return Error::invalid(field,
                          field + " must be at most " + std::to_string(max_length) + " characters");
  }
  return ok();
}

}  // namespace concord::tracing
