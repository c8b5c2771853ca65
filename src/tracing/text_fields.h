// check_text(): the one length and character check for the free text of tracing requests
// (circumstances, notes, messages), so every field is refused the same way, by name.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace concord::tracing {

// `text` must be valid UTF-8 of min..max code points without control characters other than tab
// and line breaks; invalid_argument naming `field` otherwise. Text is never trimmed or cut.
Result<void> check_text(const std::string& field, std::string_view text, size_t min_length,
                        size_t max_length);

}  // namespace concord::tracing
