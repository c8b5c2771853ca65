#include "notification/webhook_signature.h"

#include <sodium.h>

#include <array>

namespace concord::notification {
namespace {

std::string hex(const unsigned char* bytes, std::size_t size) {
  std::string out(size * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes, size);
  out.pop_back();  // sodium_bin2hex writes a terminating NUL
  return out;
}

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());  // NOLINT: libsodium takes bytes
}

}  // namespace

std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, bytes_of(secret), secret.size());
  crypto_auth_hmacsha256_update(&state, bytes_of(timestamp), timestamp.size());
  crypto_auth_hmacsha256_update(&state, bytes_of("."), 1);
  crypto_auth_hmacsha256_update(&state, bytes_of(body), body.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return "sha256=" + hex(mac.data(), mac.size());
}

std::string new_webhook_secret() {
  if (sodium_init() < 0) std::abort();  // cannot happen once libsodium loaded; never silently weak
  std::array<unsigned char, 32> secret{};
  randombytes_buf(secret.data(), secret.size());
  return hex(secret.data(), secret.size());
}

}  // namespace concord::notification
