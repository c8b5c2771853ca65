// HttpClient: a small blocking HTTP/1.1 client for tests, on Boost.Beast (kept out of this
// header so that tests compile fast). One client is one keep-alive connection, reused across
// request() calls and reopened when the server closed it. Not thread-safe: one client per thread.
//
// Transport failures (refused, reset, timeout) do not throw: they answer status 0 with `error`
// saying what happened, so tests can assert on them.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace concord::testing {

struct HttpResponse {
  int status = 0;                              // 0: no answer; see `error`
  std::map<std::string, std::string> headers;  // names in lower case
  std::string body;
  std::string error;

  // The header's value, or "" when absent. `name` in lower case.
  std::string header(const std::string& name) const {
    auto found = headers.find(name);
    return found == headers.end() ? std::string() : found->second;
  }
};

class HttpClient {
 public:
  // Every operation (connect, send, receive) must finish within `timeout`.
  HttpClient(std::string host, std::uint16_t port,
             std::chrono::milliseconds timeout = std::chrono::seconds(5));
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends one request; adds Host and, when `body` is not empty, Content-Length. `headers` may
  // override or add any header.
  HttpResponse request(const std::string& method, const std::string& target,
                       const std::string& body = {},
                       const std::map<std::string, std::string>& headers = {});
  HttpResponse get(const std::string& target) { return request("GET", target); }

  // How many TCP connections this client has opened so far (keep-alive tests).
  int connections_opened() const;
  // Closes the connection; the next request opens a new one.
  void close();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A plain TCP connection to 127.0.0.1 for input no HTTP client would send: half requests,
// stalls, garbage. Not thread-safe.
class RawConnection {
 public:
  // Connects at once; connected() tells whether that worked.
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  bool connected() const;
  // Writes all of `bytes`; false when the connection failed (the server may have closed it).
  bool send(std::string_view bytes);
  // Everything received until the server closes the connection or `timeout` passes.
  std::string receive_until_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Connects to 127.0.0.1:`port`, writes `bytes` as they are and returns everything the server
// sends until it closes the connection or `timeout` passes. For malformed or incomplete input.
std::string send_raw(std::uint16_t port, std::string_view bytes,
                     std::chrono::milliseconds timeout = std::chrono::seconds(5));

// True when a TCP connection to 127.0.0.1:`port` is accepted.
bool can_connect(std::uint16_t port);

}  // namespace concord::testing
