// The webhook signature: "sha256=" and the hex HMAC-SHA256 (libsodium crypto_auth_hmacsha256),
// keyed with the subscription's secret as shown to the subscriber (its text bytes), of
// "<timestamp>.<body>", where timestamp is the X-Concord-Timestamp header (Unix seconds). A
// receiver recomputes it, compares in constant time, and refuses old timestamps to stop replays.
// Pure; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace concord::notification {

std::string webhook_signature(std::string_view secret, std::string_view timestamp,
                              std::string_view body);

// A new secret: 32 random bytes (libsodium), as 64 lower-case hex characters.
std::string new_webhook_secret();

}  // namespace concord::notification
