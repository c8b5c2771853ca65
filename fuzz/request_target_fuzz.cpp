// Fuzzes request-target parsing: splitting, percent-decoding, path segments and query strings.
// Whatever the bytes, each function answers a value or nullopt; decoded segments never hold NUL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  auto split = concord::http::split_target(target);
  if (!split) return 0;
  if (split->path.empty() || split->path.front() != '/') __builtin_trap();
  if (auto segments = concord::http::decode_path_segments(split->path)) {
    for (const auto& segment : *segments) {
      if (segment.find('\0') != std::string::npos) __builtin_trap();
    }
  }
  (void)concord::http::parse_query(split->query);
  (void)concord::http::percent_decode(target, /*plus_is_space=*/true);
  return 0;
}
