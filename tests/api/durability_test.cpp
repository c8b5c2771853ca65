// A kill -9 of the server in the middle of a burst of writes must lose no acknowledged write.
#include <signal.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

class Durability : public ::testing::TestWithParam<store::Backend> {};

TEST_P(Durability, KillNineInABurstOfWritesLosesNoAcknowledgedWrite) {
  const std::string url = fresh_database_url(GetParam());
  std::vector<std::string> acknowledged;
  std::mutex acknowledged_mutex;
  {
    add_user(url, "burst.operator", "CH", {"operator"});
    ServerProcess server(url);
    ASSERT_NE(server.port(), 0);
    HttpClient signer("127.0.0.1", server.port());
    const Session session = sign_in(signer, "burst.operator");
    std::atomic<bool> killed{false};
    std::vector<std::thread> writers;
    for (int writer = 0; writer < 4; ++writer) {
      writers.emplace_back([&, writer] {
        HttpClient client("127.0.0.1", server.port());
        for (int i = 0; i < 100000 && !killed; ++i) {
          const std::string body = R"({"name": "Burst writer )" + std::to_string(writer) +
                                   " number " + std::to_string(i) + R"(", "kind": "regional"})";
          HttpResponse response;
          try {
            response = as(client, session, "POST", "/api/v1/organisations", body);
          } catch (const std::exception&) {
            return;  // the server died under us: this write was never acknowledged
          }
          if (response.status != 201) return;
          const auto id = nlohmann::json::parse(response.body)["id"].get<std::string>();
          std::lock_guard lock(acknowledged_mutex);
          acknowledged.push_back(id);
        }
      });
    }
    // Let the burst run until a thousand writes are acknowledged, then pull the plug.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
      {
        std::lock_guard lock(acknowledged_mutex);
        if (acknowledged.size() >= 1000) break;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    EXPECT_EQ(server.stop(SIGKILL), 128 + SIGKILL);
    killed = true;
    for (auto& writer : writers)
      writer.join();
  }
  ASSERT_GE(acknowledged.size(), 1000u);

  ServerProcess restarted(url);
  ASSERT_NE(restarted.port(), 0);
  HttpClient client("127.0.0.1", restarted.port());
  size_t missing = 0;
  for (const auto& id : acknowledged) {
    if (client.request("GET", "/api/v1/organisations/" + id).status != 200) ++missing;
  }
  EXPECT_EQ(missing, 0u) << "of " << acknowledged.size() << " acknowledged writes";
}

INSTANTIATE_TEST_SUITE_P(Backends, Durability, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
