#include "access/totp.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "access/identity_service.h"
#include "access/secret_tokens.h"

namespace concord::access {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

int base32_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= '2' && c <= '7') return c - '2' + 26;
  return -1;
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0f];
    }
  }
  return out;
}

}  // namespace

std::string base32_encode(std::string_view bytes) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 0x1f];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1f];
  return out;
}

std::optional<std::string> base32_decode(std::string_view text) {
  while (!text.empty() && text.back() == '=')
    text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  size_t symbols = 0;
  for (char c : text) {
    if (c == ' ') continue;
    const int value = base32_value(c);
    if (value < 0) return std::nullopt;
    ++symbols;
    buffer = ((buffer << 5) | static_cast<unsigned>(value)) & 0xfff;
    bits += 5;
    if (bits >= 8) {
      out += static_cast<char>((buffer >> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  // 1, 3 and 6 symbols past a 40-bit group cannot come from whole bytes.
  const size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) return std::nullopt;
  return out;
}

std::string hotp_code(std::string_view secret_bytes, std::uint64_t counter, int digits) {
  unsigned char message[8];
  for (int i = 7; i >= 0; --i) {
    message[i] = static_cast<unsigned char>(counter & 0xff);
    counter >>= 8;
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int digest_length = 0;
  HMAC(EVP_sha1(), secret_bytes.data(), static_cast<int>(secret_bytes.size()), message,
       sizeof message, digest, &digest_length);
  // RFC 4226 section 5.3: dynamic truncation.
  const int offset = digest[digest_length - 1] & 0x0f;
  const std::uint32_t binary = (static_cast<std::uint32_t>(digest[offset] & 0x7f) << 24) |
                               (static_cast<std::uint32_t>(digest[offset + 1]) << 16) |
                               (static_cast<std::uint32_t>(digest[offset + 2]) << 8) |
                               static_cast<std::uint32_t>(digest[offset + 3]);
  std::uint32_t modulus = 1;
  for (int i = 0; i < digits; ++i)
    modulus *= 10;
  std::string code = std::to_string(binary % modulus);
  if (code.size() < static_cast<size_t>(digits)) {
    code.insert(0, static_cast<size_t>(digits) - code.size(), '0');
  }
  return code;
}

std::int64_t totp_step(TimePoint time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time).time_since_epoch().count();
  return seconds >= 0 ? seconds / kTotpPeriodSeconds : -1;
}

std::string totp_code(const std::string& secret_bytes, TimePoint time) {
  return hotp_code(secret_bytes, static_cast<std::uint64_t>(totp_step(time)), kTotpDigits);
}

std::optional<std::int64_t> match_totp(std::string_view secret_bytes, std::string_view code,
                                       TimePoint now, std::optional<std::int64_t> last_used_step) {
  if (code.size() != static_cast<size_t>(kTotpDigits)) return std::nullopt;
  const std::int64_t current = totp_step(now);
  std::optional<std::int64_t> matched;
  // Every candidate is computed and compared, so the time taken does not say which one matched.
  for (std::int64_t step = current - 1; step <= current + 1; ++step) {
    if (step < 0) continue;
    const std::string expected =
        hotp_code(secret_bytes, static_cast<std::uint64_t>(step), kTotpDigits);
    if (constant_time_equal(expected, code) && !matched) matched = step;
  }
  if (matched && last_used_step && *matched <= *last_used_step) return std::nullopt;
  return matched;
}

std::string otpauth_uri(std::string_view username, std::string_view secret_base32) {
  return "otpauth://totp/Concord:" + percent_encode(username) +
         "?secret=" + std::string(secret_base32) +
         "&issuer=Concord&algorithm=SHA1&digits=" + std::to_string(kTotpDigits) +
         "&period=" + std::to_string(kTotpPeriodSeconds);
}

}  // namespace concord::access
