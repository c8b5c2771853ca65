#include "notification/webhook_url.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace concord::notification {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_host_name(std::string_view host) {
  if (host.empty() || host.size() > 253 || host.front() == '.' || host.front() == '-') return false;
  return std::all_of(host.begin(), host.end(),
                     [](unsigned char c) { return std::isalnum(c) || c == '.' || c == '-'; });
}

bool is_ipv6_literal(std::string_view host) {
  if (host.size() < 2 || host.size() > 45) return false;
  return std::all_of(host.begin(), host.end(),
                     [](unsigned char c) { return std::isxdigit(c) || c == ':' || c == '.'; }) &&
         host.find(':') != std::string_view::npos;
}

}  // namespace

Result<WebhookUrl> parse_webhook_url(std::string_view text, const std::string& field) {
  if (text.empty()) return Error::invalid(field, "a URL is required");
  if (text.size() > kMaxWebhookUrlLength) {
    return Error::invalid(
        field, "a URL has at most " + std::to_string(kMaxWebhookUrlLength) + " characters");
  }
  if (!std::all_of(text.begin(), text.end(),
                   [](unsigned char c) { return c > 0x20 && c < 0x7f; })) {
    return Error::invalid(field,
                          "a URL is printable ASCII without spaces (percent-encode the rest)");
  }
  const auto scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    return Error::invalid(field, "a URL starts with http:// or https://");
  }
  WebhookUrl url;
  url.scheme = lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    return Error::invalid(field, "only http and https URLs can receive webhooks");
  }
  std::string_view rest = text.substr(scheme_end + 3);
  if (rest.find('#') != std::string_view::npos) {
    return Error::invalid(field, "a webhook URL has no #fragment");
  }
  const auto authority_end = rest.find_first_of("/?");
  const std::string_view authority = rest.substr(0, authority_end);
  url.target =
      authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
  if (url.target.front() == '?') url.target.insert(url.target.begin(), '/');
  if (authority.find('@') != std::string_view::npos) {
    return Error::invalid(field,
                          "a webhook URL must not hold a user name or password; the "
                          "signature authenticates Concord to the receiver");
  }

  std::string_view host = authority;
  std::string_view port;
  bool port_given = false;
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos) return Error::invalid(field, "an IPv6 host lacks its ]");
    if (close + 1 < host.size()) {
      if (host[close + 1] != ':') return Error::invalid(field, "unexpected text after the host");
      port = host.substr(close + 2);
      port_given = true;
    }
    host = host.substr(1, close - 1);
    if (!is_ipv6_literal(host)) return Error::invalid(field, "not an IPv6 address");
  } else {
    const auto colon = host.rfind(':');
    if (colon != std::string_view::npos) {
      port = host.substr(colon + 1);
      port_given = true;
      host = host.substr(0, colon);
    }
    if (!is_host_name(host)) return Error::invalid(field, "a URL needs a host name or address");
  }
  url.host = lower(host);

  if (port_given) {
    unsigned value = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (port.empty() || error != std::errc{} || end != port.data() + port.size() || value == 0 ||
        value > 65535) {
      return Error::invalid(field, "the port is a number from 1 to 65535");
    }
    url.port = static_cast<std::uint16_t>(value);
  } else {
    url.port = url.https() ? 443 : 80;
  }

  url.text = url.scheme + "://" +
             (url.host.find(':') != std::string::npos ? "[" + url.host + "]" : url.host) +
             (port_given ? ":" + std::to_string(url.port) : "") +
             (authority_end == std::string_view::npos ? "" : url.target);
  return url;
}

}  // namespace concord::notification
