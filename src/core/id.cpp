#include "core/id.h"

#include <sodium.h>

namespace concord {
namespace {

constexpr char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

}  // namespace

std::string IdGenerator::next() {
  unsigned char bytes[16];
  {
    std::lock_guard lock(mutex_);
    long long ms = clock_.now().time_since_epoch().count();
    if (ms <= last_ms_) {
      // Same (or earlier) millisecond: keep the timestamp and increment the random part so the
      // sequence stays strictly increasing.
      ms = last_ms_;
      for (int i = 9; i >= 0; --i) {
        if (++last_random_[i] != 0) break;
      }
    } else {
      last_ms_ = ms;
      randombytes_buf(last_random_, sizeof last_random_);
      last_random_[0] &= 0x7f;  // leave headroom so increments within a millisecond never wrap
    }
    for (int i = 5; i >= 0; --i) {
      bytes[i] = static_cast<unsigned char>(ms & 0xff);
      ms >>= 8;
    }
    for (int i = 0; i < 10; ++i)
      bytes[6 + i] = last_random_[i];
  }
  // 128 bits as 26 base32 digits, most significant first: digit i holds bits [i*5-2, i*5+3) of
  // the 130-bit zero-padded value, so the first digit carries only 3 bits.
  std::string id(26, '0');
  for (int digit = 0; digit < 26; ++digit) {
    unsigned value = 0;
    for (int bit = digit * 5 - 2; bit < digit * 5 + 3; ++bit) {
      const bool set = bit >= 0 && (bytes[bit / 8] >> (7 - bit % 8)) & 1;
      value = (value << 1) | (set ? 1u : 0u);
    }
    id[digit] = kAlphabet[value];
  }
  return id;
}

bool is_valid_id(std::string_view text) {
  if (text.size() != 26 || text[0] > '7') return false;
  for (char c : text) {
    bool found = false;
    for (const char* a = kAlphabet; *a; ++a)
      found = found || (*a == c);
    if (!found) return false;
  }
  return true;
}

}  // namespace concord
