// Server: the HTTP/1.1 server on Boost.Beast. Keep-alive; a pool of worker threads; limits on
// header size (431), body size (413) and receive time (408); a request id and a JSON access-log
// line for every answer; graceful shutdown that stops accepting, finishes requests in flight and
// then returns from run().
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/result.h"
#include "http/metrics.h"
#include "http/router.h"

namespace concord::http {

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;  // 0 picks a free port; see Server::port()
  int workers = 0;            // 0: one per core
  std::uint64_t body_limit_bytes = 8 * 1024 * 1024;
  std::uint32_t header_limit_bytes = 16 * 1024;
  int request_timeout_seconds = 30;
  int shutdown_grace_seconds = 15;
  std::string access_log = "-";  // "-" standard output, a path, or "off"
};

class Server {
 public:
  // `router` and `metrics` must outlive the server.
  Server(ServerOptions options, const Router& router, Metrics& metrics);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens. Fails (unavailable) when the address is taken or invalid.
  Result<void> listen();
  // The bound port, after listen().
  std::uint16_t port() const;

  // Serves until SIGTERM or SIGINT (when `handle_signals`) or stop(); then drains requests in
  // flight for up to shutdown_grace_seconds and returns.
  void run(bool handle_signals = true);

  // Asks run() to shut down gracefully. Thread-safe; callable from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::http
