// TOTP second factors (RFC 6238 over RFC 4226 HOTP, HMAC-SHA1, 30-second steps, 6 digits: what
// every authenticator app understands) and the base32 (RFC 4648) that carries their secrets.
// Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace concord::access {

inline constexpr int kTotpPeriodSeconds = 30;
inline constexpr int kTotpDigits = 6;
inline constexpr size_t kTotpSecretBytes = 20;  // 160 bits, the HMAC-SHA1 block RFC 4226 advises

// RFC 4648 base32, upper case, without '=' padding (authenticator apps accept it so).
std::string base32_encode(std::string_view bytes);
// Accepts upper or lower case, ignores spaces and trailing '='; nullopt on any other character or
// an impossible length.
std::optional<std::string> base32_decode(std::string_view text);

// HOTP (RFC 4226) of `secret_bytes` at `counter`, `digits` long with leading zeros.
std::string hotp_code(std::string_view secret_bytes, std::uint64_t counter, int digits);

// The RFC 6238 time step holding `time`: seconds since the epoch / 30.
std::int64_t totp_step(TimePoint time);

// The step whose code equals `code` among the current step and one either side (clock drift), and
// above `last_used_step` (so an accepted code is never accepted again); nullopt otherwise.
// Compares in constant time.
std::optional<std::int64_t> match_totp(std::string_view secret_bytes, std::string_view code,
                                       TimePoint now, std::optional<std::int64_t> last_used_step);

// otpauth://totp/Concord:<username>?secret=...&issuer=Concord&algorithm=SHA1&digits=6&period=30,
// the label percent-encoded (RFC 3986 unreserved characters kept).
std::string otpauth_uri(std::string_view username, std::string_view secret_base32);

}  // namespace concord::access
