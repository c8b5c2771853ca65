#include "operations/field_name.h"

namespace concord::operations {

std::string field_name_as_sent(std::string_view key) {
  constexpr std::size_t kMaxBytes = 60;
  if (key.size() <= kMaxBytes) return std::string(key);
  std::size_t cut = kMaxBytes;
  // Back off over continuation bytes (10xxxxxx) to the start of the cut code point.
  while (cut > 0 && (static_cast<unsigned char>(key[cut]) & 0xC0) == 0x80)
    --cut;
  return std::string(key.substr(0, cut));
}

}  // namespace concord::operations
