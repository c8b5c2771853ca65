// Fuzzes the marking query parser and normaliser: whatever the bytes, parsing answers a query or
// an error naming the field, terms stay within the limit, and every term points inside the text.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "marking/canonical_marking.h"
#include "marking/marking_query.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)concord::marking::canonical_text(text);
  auto query = concord::marking::parse_marking_query(text);
  if (!query.ok()) {
    if (query.error().field != "q") __builtin_trap();
    return 0;
  }
  if (query->terms.size() > concord::marking::kMaxQueryTerms) __builtin_trap();
  size_t previous_begin = 0;
  for (const auto& term : query->terms) {
    if (term.source_begin > term.source_end || term.source_end > size) __builtin_trap();
    if (term.source_begin < previous_begin) __builtin_trap();
    previous_begin = term.source_begin;
  }
  return 0;
}
