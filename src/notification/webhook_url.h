// WebhookUrl: a subscriber's URL, checked before it is stored and parsed again before each
// delivery. Accepted: http or https (any case; stored lower-case), a host name, IPv4 address or
// [IPv6] literal, an optional port 1..65535, an optional path and query; at most 2000 characters,
// printable ASCII only. Refused: other schemes, user names or passwords in the URL (secrets do not
// belong in a URL that is listed and logged), fragments, and empty hosts. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/result.h"

namespace concord::notification {

constexpr std::size_t kMaxWebhookUrlLength = 2000;

struct WebhookUrl {
  std::string scheme;  // "http" or "https"
  std::string host;    // without brackets for IPv6
  std::uint16_t port = 0;
  std::string target;  // path and query, at least "/"
  bool https() const { return scheme == "https"; }
  // The URL as stored: scheme and host lower-case, the port only when given.
  std::string text;
};

// invalid_argument naming `field` when `text` is not an acceptable webhook URL.
Result<WebhookUrl> parse_webhook_url(std::string_view text, const std::string& field = "url");

}  // namespace concord::notification
