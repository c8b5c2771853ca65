#include "access/secret_tokens.h"

#include <sodium.h>

#include <stdexcept>

namespace concord::access {
namespace {

// sodium_init() is idempotent and thread-safe; a failure means no CSPRNG, which nothing can
// survive.
void ensure_sodium() {
  static const int ready = sodium_init();
  if (ready < 0) throw std::runtime_error("libsodium could not be initialised");
}

}  // namespace

std::string random_bytes(size_t size) {
  ensure_sodium();
  std::string out(size, '\0');
  randombytes_buf(out.data(), out.size());
  return out;
}

size_t random_token_length(size_t size) {
  return sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_URLSAFE_NO_PADDING) - 1;
}

std::string random_token(size_t size) {
  const std::string bytes = random_bytes(size);
  std::string out(random_token_length(size) + 1, '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

bool is_base64url(std::string_view text) {
  for (char c : text) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_';
    if (!ok) return false;
  }
  return true;
}

std::string token_hash(std::string_view token) {
  ensure_sodium();
  unsigned char digest[32];
  crypto_generichash(digest, sizeof digest, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  char hex[sizeof digest * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return std::string(hex, sizeof digest * 2);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace concord::access
