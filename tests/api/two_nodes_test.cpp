// Two app nodes on one PostgreSQL, as docs/deploy.md describes: they migrate concurrently, see
// each other's writes at once, and enforce uniqueness together.
#include <thread>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

TEST(TwoNodes, StartTogetherOnAFreshDatabaseAndShareEveryWrite) {
  const std::string url = fresh_database_url(store::Backend::postgres);
  // Started at the same moment, both run the migrations; the advisory lock lets one win.
  std::unique_ptr<ServerProcess> first, second;
  std::thread start_first([&] { first = std::make_unique<ServerProcess>(url); });
  std::thread start_second([&] { second = std::make_unique<ServerProcess>(url); });
  start_first.join();
  start_second.join();
  ASSERT_NE(first->port(), 0);
  ASSERT_NE(second->port(), 0);

  add_user(url, "shared.operator", "CH", {"operator"});
  HttpClient to_first("127.0.0.1", first->port());
  HttpClient to_second("127.0.0.1", second->port());
  // Signed in on one node, the session works on both: sessions live in the shared database.
  const Session session = sign_in(to_first, "shared.operator");
  for (int i = 0; i < 20; ++i) {
    HttpClient& writer = i % 2 == 0 ? to_first : to_second;
    HttpClient& reader = i % 2 == 0 ? to_second : to_first;
    auto created =
        as(writer, session, "POST", "/api/v1/organisations",
           R"({"name": "Shared organisation )" + std::to_string(i) + R"(", "kind": "regional"})");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string id = nlohmann::json::parse(created.body)["id"];
    // Read-your-writes across nodes: the answer went out after the commit.
    EXPECT_EQ(reader.request("GET", "/api/v1/organisations/" + id).status, 200);
  }
  auto list_first = nlohmann::json::parse(to_first.get("/api/v1/organisations").body);
  auto list_second = nlohmann::json::parse(to_second.get("/api/v1/organisations").body);
  EXPECT_EQ(list_first["organisations"].size(), 20u);
  EXPECT_EQ(list_first, list_second);
}

TEST(TwoNodes, AConcurrentDuplicateIsCreatedOnce) {
  const std::string url = fresh_database_url(store::Backend::postgres);
  add_user(url, "contest.operator", "CH", {"operator"});
  ServerProcess first(url);
  ServerProcess second(url);
  ASSERT_NE(first.port(), 0);
  ASSERT_NE(second.port(), 0);
  HttpClient signer("127.0.0.1", first.port());
  const Session session = sign_in(signer, "contest.operator");
  for (int round = 0; round < 10; ++round) {
    const std::string body =
        R"({"name": "Contested name )" + std::to_string(round) + R"(", "kind": "regional"})";
    int statuses[2] = {0, 0};
    std::thread a([&] {
      HttpClient client("127.0.0.1", first.port());
      statuses[0] = as(client, session, "POST", "/api/v1/organisations", body).status;
    });
    std::thread b([&] {
      HttpClient client("127.0.0.1", second.port());
      statuses[1] = as(client, session, "POST", "/api/v1/organisations", body).status;
    });
    a.join();
    b.join();
    EXPECT_EQ(std::min(statuses[0], statuses[1]), 201) << "round " << round;
    EXPECT_EQ(std::max(statuses[0], statuses[1]), 409) << "round " << round;
  }
}

}  // namespace
}  // namespace concord::testing
