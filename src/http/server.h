// Server: the HTTP/1.1 server on Boost.Beast. Keep-alive; a pool of worker threads; limits on
// header size (431), body size (413) and receive time (408); a request id and a JSON access-log
// line for every answer; graceful shutdown that stops accepting, finishes requests in flight and
// then returns from run().
//
// Every answer carries Server, Date, Content-Type and X-Request-Id (a fresh id, also given to the
// handler as Request::request_id); JSON answers also carry "Cache-Control: no-store" unless the
// handler set its own. Errors the server answers by itself use error_response()'s JSON body:
// 400 (malformed request or target), 404, 405 (with Allow), 408, 413, 431, and 500 when a
// handler throws. After 400, 408, 413 and 431 the connection is closed.
//
// Threading: handlers run on the worker threads and may block (on the database); requests of one
// connection are handled one after the other, different connections in parallel.
// Use: listen(), then run() once, from one thread; stop() and port() from any thread. Destroy the
// Server only after run() has returned (or if it never ran).
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
  int workers = 0;            // 0: one per core; at least 2 in any case
  std::uint64_t body_limit_bytes = std::uint64_t{8} * 1024 * 1024;
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

  // Binds (SO_REUSEADDR) and listens, and opens the access log. Fails (unavailable) when the
  // address is taken or invalid or the access log cannot be opened; (invalid_argument) when an
  // option is out of range.
  Result<void> listen();
  // The bound port, after listen().
  std::uint16_t port() const;

  // Serves until SIGTERM or SIGINT (when `handle_signals`) or stop(); then stops accepting,
  // closes idle connections, lets requests in flight finish (answered with Connection: close)
  // and returns when none is left or shutdown_grace_seconds have passed, closing what remains.
  // A handler still running at that point cannot be interrupted: run() waits for it to return.
  // Returns promptly when stop() was called before run().
  void run(bool handle_signals = true);

  // Asks run() to shut down gracefully. Thread-safe; callable from any thread.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace concord::http
