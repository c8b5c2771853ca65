// Text helpers shared by every area that validates what users type.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace concord {

// Counts Unicode code points; nullopt when `text` is not valid UTF-8 (overlong forms and
// surrogates included).
std::optional<size_t> utf8_length(std::string_view text);

// `text` without leading and trailing ASCII white space.
std::string_view trim(std::string_view text);

// True when `text` holds a control character other than tab, line feed and carriage return.
bool has_control_characters(std::string_view text);

// The UTF-8 bytes of one code point (which must be a valid scalar value).
std::string utf8_of(char32_t code_point);

}  // namespace concord
