// listen(), graceful shutdown, metrics and the access log of a running server.
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/clock.h"
#include "core/id.h"
#include "http/test_server.h"
#include "support/http_client.h"

namespace concord::testing {
namespace {

TEST(HttpServer, ListenPicksAPortWhenAskedForZero) {
  TestServer server;
  EXPECT_NE(server.port(), 0);
  EXPECT_TRUE(can_connect(server.port()));
}

TEST(HttpServer, ListenFailsWhenPortIsTaken) {
  TestServer first;
  http::Router router;
  http::Metrics metrics;
  auto options = test_options();
  options.port = first.port();
  http::Server second(options, router, metrics);
  const auto listening = second.listen();
  ASSERT_FALSE(listening.ok());
  EXPECT_EQ(listening.error().code, ErrorCode::unavailable);
  EXPECT_NE(listening.error().message.find("127.0.0.1:" + std::to_string(first.port())),
            std::string::npos)
      << listening.error().message;
}

TEST(HttpServer, ListenFailsOnInvalidAddress) {
  http::Router router;
  http::Metrics metrics;
  auto options = test_options();
  options.host = "not an address";
  http::Server server(options, router, metrics);
  const auto listening = server.listen();
  ASSERT_FALSE(listening.ok());
  EXPECT_EQ(listening.error().code, ErrorCode::unavailable);
}

TEST(HttpServer, ListenRefusesOptionsOutOfRange) {
  http::Router router;
  http::Metrics metrics;
  auto options = test_options();
  options.request_timeout_seconds = 0;
  http::Server server(options, router, metrics);
  const auto listening = server.listen();
  ASSERT_FALSE(listening.ok());
  EXPECT_EQ(listening.error().code, ErrorCode::invalid_argument);
  EXPECT_EQ(listening.error().field, "request_timeout_seconds");
}

TEST(HttpServer, BlockedHandlerDoesNotStallOtherConnections) {
  TestServer server;  // two workers
  auto slow = std::async(std::launch::async, [port = server.port()] {
    HttpClient client("127.0.0.1", port);
    return client.get("/slow");
  });
  ASSERT_TRUE(server.gate().wait_entered());
  HttpClient other("127.0.0.1", server.port());
  EXPECT_EQ(other.get("/hello").status, 200);  // answered while /slow still blocks a worker
  // /slow is in flight (and /hello may still be, until its answer is recorded).
  EXPECT_EQ(server.metrics().prometheus_text().find("concord_http_requests_in_flight 0\n"),
            std::string::npos);
  server.gate().open();
  EXPECT_EQ(slow.get().status, 200);
}

TEST(HttpServer, StopBeforeRunReturnsPromptly) {
  http::Router router;
  http::Metrics metrics;
  http::Server server(test_options(), router, metrics);
  ASSERT_TRUE(server.listen().ok());
  server.stop();
  server.run(/*handle_signals=*/false);  // returns: the test would hang otherwise
  EXPECT_FALSE(can_connect(server.port()));
}

TEST(HttpServer, GracefulStopFinishesRequestInFlight) {
  TestServer server;
  HttpClient idle("127.0.0.1", server.port());
  ASSERT_EQ(idle.get("/hello").status, 200);  // an idle keep-alive connection

  auto slow = std::async(std::launch::async, [port = server.port()] {
    HttpClient client("127.0.0.1", port);
    return client.get("/slow");
  });
  ASSERT_TRUE(server.gate().wait_entered());
  server.request_stop();

  // New connections are refused while the request in flight is still running.
  bool refused = false;
  for (int i = 0; i < 500 && !refused; ++i) {
    refused = !can_connect(server.port());
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_TRUE(refused);

  server.gate().open();
  const auto response = slow.get();
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.header("connection"), "close");
  server.join();  // run() returns once the last connection is gone

  // The idle connection was closed, and reconnecting is refused.
  EXPECT_EQ(idle.get("/hello").status, 0);
}

TEST(HttpServer, SigtermStopsGracefully) {
  TestServer server(test_options(), /*handle_signals=*/true);
  // run() installs its signal handler before it starts serving, so after one answer a SIGTERM
  // reaches the server rather than ending the test process.
  HttpClient client("127.0.0.1", server.port());
  ASSERT_EQ(client.get("/hello").status, 200);
  std::raise(SIGTERM);
  server.join();  // returns only because the signal stopped the server
  EXPECT_FALSE(can_connect(server.port()));
}

TEST(HttpServer, ShutdownGraceBoundsRun) {
  auto options = test_options();
  options.shutdown_grace_seconds = 1;
  TestServer server(options);
  // A client that began a request and stalls keeps its connection open past stop()...
  RawConnection stalled(server.port());
  ASSERT_TRUE(stalled.send("GET /hello HTTP/1.1\r\nHost: t\r\n"));
  // The server accepts in order: once a later connection is answered, the stalled one is open.
  HttpClient probe("127.0.0.1", server.port());
  ASSERT_EQ(probe.get("/hello").status, 200);
  probe.close();
  server.stop();  // ...and run() still returns, after the grace period, closing it
  EXPECT_EQ(stalled.receive_until_closed(), "");
}

TEST(HttpServer, MetricsCountRequestsByRoute) {
  TestServer server;
  {
    HttpClient client("127.0.0.1", server.port());
    ASSERT_EQ(client.get("/items/7").status, 200);
    ASSERT_EQ(client.get("/items/8").status, 200);
    ASSERT_EQ(client.get("/nowhere").status, 404);
  }
  server.stop();  // metrics are recorded once an answer is sent; after run() all are in
  const auto text = server.metrics().prometheus_text();
  EXPECT_NE(text.find("concord_http_requests_total{method=\"GET\",route=\"/items/{id}\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("concord_http_requests_total{method=\"GET\",route=\"unmatched\","
                      "status=\"404\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("concord_http_request_duration_seconds_count{method=\"GET\","
                      "route=\"/items/{id}\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("concord_http_requests_in_flight 0\n"), std::string::npos);
}

TEST(HttpServer, AccessLogWritesOneJsonLinePerAnswer) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("concord_http_access_" + std::to_string(::getpid()) + ".log");
  std::filesystem::remove(path);
  auto options = test_options();
  options.access_log = path.string();
  {
    TestServer server(options);
    HttpClient client("127.0.0.1", server.port());
    ASSERT_EQ(client.get("/items/42?secret=tiger").status, 200);
    ASSERT_EQ(client.request("PATCH", "/items/42").status, 405);
    (void)send_raw(server.port(), "nonsense\r\n\r\n");
    server.stop();
  }
  std::ifstream in(path);
  std::vector<nlohmann::json> lines;
  for (std::string line; std::getline(in, line);) {
    auto json = nlohmann::json::parse(line, nullptr, false);
    ASSERT_FALSE(json.is_discarded()) << line;
    lines.push_back(std::move(json));
  }
  std::filesystem::remove(path);
  ASSERT_EQ(lines.size(), 3u);
  // A line is written once its answer has been sent, so the client may see an answer before its
  // line exists: lines of different connections can come in either order.
  std::map<int, nlohmann::json> by_status;
  for (const auto& line : lines)
    by_status[line["status"].get<int>()] = line;
  ASSERT_EQ(by_status.size(), 3u);
  const auto& first = by_status[200];
  EXPECT_EQ(first["method"], "GET");
  EXPECT_EQ(first["path"], "/items/42");  // never the query string
  EXPECT_EQ(first["route"], "/items/{id}");
  EXPECT_EQ(first["remote"], "127.0.0.1");
  EXPECT_TRUE(is_valid_id(first["request_id"].get<std::string>()));
  EXPECT_GT(first["bytes_sent"].get<int>(), 0);
  EXPECT_GE(first["duration_ms"].get<double>(), 0.0);
  EXPECT_TRUE(parse_iso8601(first["time"].get<std::string>()).has_value());
  EXPECT_EQ(by_status[405]["method"], "PATCH");
  EXPECT_EQ(by_status[405]["route"], "unmatched");
  EXPECT_EQ(by_status[400]["route"], "unmatched");
  for (const auto& line : lines)
    EXPECT_EQ(line.dump().find("tiger"), std::string::npos);
}

}  // namespace
}  // namespace concord::testing
