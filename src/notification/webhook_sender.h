// WebhookSender: one HTTP POST of a webhook, over http or https, with timeouts. The Beast
// implementation verifies the receiver's certificate (system trust store, or a CA file) and host
// name; it reads only the response's status line and headers. An interface so that the
// dispatcher's policy can be tested apart from the network when needed.
#pragma once

#include <chrono>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "notification/webhook_url.h"

namespace concord::notification {

struct WebhookRequest {
  WebhookUrl url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // JSON
};

struct WebhookResponse {
  int status = 0;     // the HTTP status, 0 when none came (refused, timed out, TLS failure)
  std::string error;  // why it failed, "" on a 2xx
  bool delivered() const { return status >= 200 && status < 300; }
};

// Thread-safe: post() may be called from several threads at once.
class WebhookSender {
 public:
  virtual ~WebhookSender() = default;
  virtual WebhookResponse post(const WebhookRequest& request) = 0;
};

struct HttpSenderOptions {
  std::chrono::milliseconds connect_timeout{5000};    // name lookup, TCP connect, TLS handshake
  std::chrono::milliseconds response_timeout{10000};  // writing the request, reading the answer
  std::string ca_file;  // PEM file of trusted CAs; "" for the system's trust store
};

// Boost.Beast over Asio; TLS through OpenSSL with verification on.
std::unique_ptr<WebhookSender> make_http_sender(const HttpSenderOptions& options = {});

}  // namespace concord::notification
