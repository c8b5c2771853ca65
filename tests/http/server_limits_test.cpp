// Limits and malformed input: 400, 408, 413, 431. Each closes the connection after its answer,
// which is why send_raw (reading until the server closes) can observe them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "http/test_server.h"
#include "support/http_client.h"

namespace concord::testing {
namespace {

// The JSON error body of a raw reply.
nlohmann::json raw_error(const std::string& reply) {
  const auto body = reply.find("\r\n\r\n");
  if (body == std::string::npos) return {};
  return nlohmann::json::parse(reply.substr(body + 4), nullptr, false)["error"];
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.rfind(prefix, 0) == 0;
}

TEST(HttpServer, BodyWithinLimitIsAccepted) {
  TestServer server;  // body limit 1024
  HttpClient client("127.0.0.1", server.port());
  const std::string body(1024, 'x');
  const auto response = client.request("POST", "/echo", body);
  ASSERT_EQ(response.status, 200) << response.error;
  EXPECT_EQ(response.body, body);
}

TEST(HttpServer, ChunkedBodyWithinLimitIsAccepted) {
  TestServer server;
  const auto reply = send_raw(server.port(),
                              "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n"
                              "Connection: close\r\n\r\n"
                              "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 200 OK")) << reply;
  EXPECT_EQ(reply.substr(reply.size() - 11), "hello world");
}

TEST(HttpServer, AnnouncedBodyTooLargeIs413BeforeReadingIt) {
  TestServer server;
  // Only the header is sent: the server must answer from Content-Length alone.
  const auto reply =
      send_raw(server.port(), "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100000\r\n\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 413")) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
  EXPECT_NE(reply.find("X-Request-Id: "), std::string::npos) << reply;
  EXPECT_EQ(raw_error(reply)["code"], "payload_too_large");
}

TEST(HttpServer, SentBodyTooLargeIs413) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.request("POST", "/echo", std::string(20000, 'x'));
  ASSERT_EQ(response.status, 413) << response.error;
  EXPECT_EQ(nlohmann::json::parse(response.body)["error"]["code"], "payload_too_large");
}

TEST(HttpServer, ChunkedBodyTooLargeIs413) {
  TestServer server;
  const std::string chunk(2048, 'y');
  const auto reply = send_raw(server.port(),
                              "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n"
                              "800\r\n" +
                                  chunk + "\r\n0\r\n\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 413")) << reply;
  EXPECT_EQ(raw_error(reply)["code"], "payload_too_large");
}

TEST(HttpServer, HugeHeaderIs431) {
  TestServer server;  // header limit 2048
  const auto reply =
      send_raw(server.port(),
               "GET /hello HTTP/1.1\r\nHost: t\r\nX-Big: " + std::string(8000, 'a') + "\r\n\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 431")) << reply.substr(0, 200);
  EXPECT_EQ(raw_error(reply)["code"], "header_too_large");
}

TEST(HttpServer, GarbageIs400AndCloses) {
  TestServer server;
  const auto reply = send_raw(server.port(), "this is not HTTP at all\r\n\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 400")) << reply;
  EXPECT_NE(reply.find("Connection: close"), std::string::npos) << reply;
  EXPECT_EQ(raw_error(reply)["code"], "invalid_argument");
}

TEST(HttpServer, MalformedTargetIs400) {
  TestServer server;
  const auto bad_escape = send_raw(server.port(), "GET /items/%zz HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(starts_with(bad_escape, "HTTP/1.1 400")) << bad_escape;
  const auto nul = send_raw(server.port(), "GET /items/a%00 HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(starts_with(nul, "HTTP/1.1 400")) << nul;
  const auto star = send_raw(server.port(), "GET * HTTP/1.1\r\nHost: t\r\n\r\n");
  EXPECT_TRUE(starts_with(star, "HTTP/1.1 400")) << star;
}

TEST(HttpServer, StalledRequestIs408) {
  auto options = test_options();
  options.request_timeout_seconds = 1;
  TestServer server(options);
  // Half a header, then silence: the server answers 408 and closes.
  const auto reply = send_raw(server.port(), "GET /hello HTTP/1.1\r\nHost: t\r\n");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 408")) << reply;
  EXPECT_EQ(raw_error(reply)["code"], "request_timeout");
}

TEST(HttpServer, StalledBodyIs408) {
  auto options = test_options();
  options.request_timeout_seconds = 1;
  TestServer server(options);
  const auto reply =
      send_raw(server.port(), "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nabc");
  EXPECT_TRUE(starts_with(reply, "HTTP/1.1 408")) << reply;
}

TEST(HttpServer, IdleConnectionClosesSilently) {
  auto options = test_options();
  options.request_timeout_seconds = 1;
  TestServer server(options);
  HttpClient client("127.0.0.1", server.port());
  ASSERT_EQ(client.get("/hello").status, 200);
  // No byte of a new request: the server closes after the timeout without any answer.
  EXPECT_EQ(send_raw(server.port(), ""), "");
}

}  // namespace
}  // namespace concord::testing
