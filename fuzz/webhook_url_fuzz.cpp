// Fuzzes webhook URL validation (notification/webhook_url.h). Whatever the bytes, the answer is a
// URL or an error naming the field; an accepted URL is http(s) with a host and a port, holds no
// user name, and its stored text parses again to the same URL.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "notification/webhook_url.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto url = concord::notification::parse_webhook_url(text, "url");
  if (!url.ok()) {
    if (url.error().field != "url") __builtin_trap();
    return 0;
  }
  if (url->scheme != "http" && url->scheme != "https") __builtin_trap();
  if (url->host.empty() || url->port == 0 || url->target.empty() || url->target[0] != '/') {
    __builtin_trap();
  }
  const auto authority_end = url->text.find('/', url->text.find("://") + 3);
  if (url->text.substr(0, authority_end).find('@') != std::string::npos) __builtin_trap();
  auto again = concord::notification::parse_webhook_url(url->text, "url");
  if (!again.ok() || again->text != url->text || again->host != url->host ||
      again->port != url->port || again->target != url->target) {
    __builtin_trap();
  }
  return 0;
}
