// The server's routing, headers, request ids, error answers and keep-alive, spoken to over HTTP.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/id.h"
#include "http/test_server.h"
#include "support/http_client.h"

namespace concord::testing {
namespace {

nlohmann::json error_of(const HttpResponse& response) {
  return nlohmann::json::parse(response.body).at("error");
}

TEST(HttpServer, RoutesWithPathParamsAndQuery) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response =
      client.request("GET", "/items/a%20b%2Fc?q=AK+47&page=2", {}, {{"X-Test", "yes"}});
  ASSERT_EQ(response.status, 200) << response.error;
  const auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["id"], "a b/c");
  EXPECT_EQ(body["path"], "/items/a b/c");
  EXPECT_EQ(body["query"]["q"], "AK 47");
  EXPECT_EQ(body["query"]["page"], "2");
  EXPECT_EQ(body["remote"], "127.0.0.1");
  EXPECT_EQ(body["test_header"], "yes");
}

TEST(HttpServer, AnswersCarryStandardHeaders) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto text = client.get("/hello");
  ASSERT_EQ(text.status, 200) << text.error;
  EXPECT_EQ(text.body, "hello");
  EXPECT_EQ(text.header("server"), "concord");
  EXPECT_EQ(text.header("content-type"), "text/plain; charset=utf-8");
  EXPECT_EQ(text.header("cache-control"), "");  // not JSON
  EXPECT_NE(text.header("date"), "");
  const auto json = client.get("/items/1");
  ASSERT_EQ(json.status, 200) << json.error;
  EXPECT_EQ(json.header("content-type"), "application/json");
  EXPECT_EQ(json.header("cache-control"), "no-store");
}

TEST(HttpServer, UnknownPathIs404) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.get("/nothing/here");
  ASSERT_EQ(response.status, 404) << response.error;
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(error_of(response)["code"], "not_found");
  EXPECT_NE(response.header("x-request-id"), "");
  EXPECT_EQ(client.get("/hello/").status, 404);  // no trailing-slash magic
}

TEST(HttpServer, WrongMethodIs405WithAllow) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto response = client.request("DELETE", "/items/7");
  ASSERT_EQ(response.status, 405) << response.error;
  EXPECT_EQ(response.header("allow"), "GET, POST");
  EXPECT_EQ(error_of(response)["code"], "method_not_allowed");
  // A 405 is an ordinary answer: the connection stays usable.
  EXPECT_EQ(client.get("/hello").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpServer, KeepAliveServesSeveralRequestsOnOneConnection) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  EXPECT_EQ(client.get("/hello").status, 200);
  EXPECT_EQ(client.request("POST", "/echo", "ping").body, "ping");
  EXPECT_EQ(client.get("/items/3").status, 200);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST(HttpServer, PipelinedRequestsAreAnsweredInOrder) {
  TestServer server;
  const auto reply = send_raw(server.port(),
                              "GET /hello HTTP/1.1\r\nHost: t\r\n\r\n"
                              "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                              "Connection: close\r\n\r\nworld");
  const auto first = reply.find("HTTP/1.1 200 OK");
  const auto second = reply.find("HTTP/1.1 200 OK", first + 1);
  ASSERT_NE(first, std::string::npos) << reply;
  ASSERT_NE(second, std::string::npos) << reply;
  EXPECT_LT(reply.find("hello"), second);
  EXPECT_EQ(reply.substr(reply.size() - 5), "world");
}

TEST(HttpServer, RequestIdsArePresentAndDistinct) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  std::set<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const auto response = client.get("/items/" + std::to_string(i));
    ASSERT_EQ(response.status, 200) << response.error;
    const auto id = response.header("x-request-id");
    EXPECT_TRUE(is_valid_id(id)) << id;
    // The handler saw the same id that the client got back.
    EXPECT_EQ(nlohmann::json::parse(response.body)["request_id"], id);
    ids.insert(id);
  }
  EXPECT_EQ(ids.size(), 5u);
  EXPECT_TRUE(is_valid_id(client.get("/missing").header("x-request-id")));
}

TEST(HttpServer, HandlerExceptionIs500AndServerSurvives) {
  TestServer server;
  HttpClient client("127.0.0.1", server.port());
  const auto failed = client.get("/boom");
  ASSERT_EQ(failed.status, 500) << failed.error;
  EXPECT_EQ(error_of(failed)["code"], "internal");
  EXPECT_EQ(failed.body.find("boom"), std::string::npos);  // no internals leak to the client
  EXPECT_EQ(client.get("/hello").status, 200);
  HttpClient other("127.0.0.1", server.port());
  EXPECT_EQ(other.get("/hello").status, 200);
}

TEST(HttpServer, ExpectContinueGetsInterimAnswer) {
  TestServer server;
  const auto reply = send_raw(server.port(),
                              "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 5\r\n"
                              "Expect: 100-continue\r\nConnection: close\r\n\r\nabcde");
  EXPECT_EQ(reply.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200 OK", 0), 0u) << reply;
  EXPECT_EQ(reply.substr(reply.size() - 5), "abcde");
}

TEST(HttpServer, Http10ClosesAfterAnswer) {
  TestServer server;
  // send_raw returns only when the server closes the connection.
  const auto reply = send_raw(server.port(), "GET /hello HTTP/1.0\r\n\r\n");
  EXPECT_EQ(reply.rfind("HTTP/1.0 200 OK", 0), 0u) << reply;
  EXPECT_EQ(reply.substr(reply.size() - 5), "hello");
}

}  // namespace
}  // namespace concord::testing
