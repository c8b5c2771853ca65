// Fuzzes the text parsers of core: ISO 8601 times and UTF-8 validation. A time that parses must
// format and parse back to itself.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "core/clock.h"
#include "core/text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)concord::utf8_length(text);
  (void)concord::has_control_characters(concord::trim(text));
  if (auto time = concord::parse_iso8601(text)) {
    const auto again = concord::parse_iso8601(concord::format_iso8601(*time));
    if (!again || *again != *time) __builtin_trap();
  }
  return 0;
}
