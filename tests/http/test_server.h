// TestServer: a real http::Server on 127.0.0.1 and an ephemeral port, running in a background
// thread, with a small route table made for testing the server itself.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "http/error_response.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/server.h"

namespace concord::testing {

// Lets a test hold a handler in flight: the handler reports that it entered and waits until
// the test opens the gate (or 10 s pass, so that a failing test cannot hang).
class Gate {
 public:
  void enter_and_wait() {
    std::unique_lock lock(mutex_);
    entered_ = true;
    changed_.notify_all();
    changed_.wait_for(lock, std::chrono::seconds(10), [this] { return open_; });
  }
  bool wait_entered() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, std::chrono::seconds(10), [this] { return entered_; });
  }
  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool entered_ = false;
  bool open_ = false;
};

inline http::ServerOptions test_options() {
  http::ServerOptions options;
  options.host = "127.0.0.1";
  options.port = 0;
  options.workers = 2;
  options.body_limit_bytes = 1024;
  options.header_limit_bytes = 2048;
  options.request_timeout_seconds = 5;
  options.shutdown_grace_seconds = 5;
  options.access_log = "off";
  return options;
}

class TestServer {
 public:
  explicit TestServer(http::ServerOptions options = test_options(), bool handle_signals = false) {
    add_routes();
    server_ = std::make_unique<http::Server>(std::move(options), router_, metrics_);
    auto listening = server_->listen();
    if (!listening.ok()) throw std::runtime_error(listening.error().message);
    thread_ = std::thread([this, handle_signals] { server_->run(handle_signals); });
  }
  ~TestServer() { stop(); }
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  // Stops the server and waits until run() has returned.
  void stop() {
    if (!thread_.joinable()) return;
    server_->stop();
    thread_.join();
  }
  // Asks the server to stop without waiting.
  void request_stop() { server_->stop(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

  std::uint16_t port() const { return server_->port(); }
  http::Metrics& metrics() { return metrics_; }
  Gate& gate() { return gate_; }

 private:
  void add_routes() {
    router_.add({"GET", "/hello", "test.read", [](http::Request&) {
                   http::Response response;
                   response.content_type = "text/plain; charset=utf-8";
                   response.body = "hello";
                   return response;
                 }});
    router_.add({"GET", "/items/{id}", "test.read", [](http::Request& request) {
                   nlohmann::json query = request.query;
                   return http::json_response(200, {{"id", request.path_params.at("id")},
                                                    {"path", request.path},
                                                    {"query", query},
                                                    {"request_id", request.request_id},
                                                    {"remote", request.remote_address},
                                                    {"test_header", request.header("x-test")}});
                 }});
    router_.add({"POST", "/items/{id}", "test.write", [](http::Request&) {
                   return http::json_response(201, {{"created", true}});
                 }});
    router_.add({"POST", "/echo", "test.write", [](http::Request& request) {
                   http::Response response;
                   response.content_type = "application/octet-stream";
                   response.body = request.body;
                   return response;
                 }});
    router_.add({"GET", "/boom", "test.read",
                 [](http::Request&) -> http::Response { throw std::runtime_error("boom"); }});
    router_.add({"GET", "/slow", "test.read", [this](http::Request&) {
                   gate_.enter_and_wait();
                   return http::json_response(200, {{"slow", true}});
                 }});
  }

  http::Router router_;
  http::Metrics metrics_;
  Gate gate_;
  std::unique_ptr<http::Server> server_;
  std::thread thread_;
};

}  // namespace concord::testing
