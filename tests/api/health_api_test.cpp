#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using HealthApi = ApiTest;

TEST_P(HealthApi, HealthzSaysAlive) {
  auto response = get("/healthz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json_of(response)["status"], "alive");
  EXPECT_FALSE(response.header("x-request-id").empty());
}

TEST_P(HealthApi, ReadyzAsksTheDatabase) {
  auto response = get("/readyz");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(json_of(response)["status"], "ready");
}

TEST_P(HealthApi, MetricsCountRequestsByRouteAndStatus) {
  get("/healthz");
  get("/api/v1/states/ZZ");
  auto metrics = get("/metrics");
  ASSERT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find(
                "concord_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1"),
            std::string::npos)
      << metrics.body;
  EXPECT_NE(metrics.body.find("route=\"/api/v1/states/{alpha2}\",status=\"404\""),
            std::string::npos);
  EXPECT_NE(metrics.body.find("concord_http_request_duration_seconds_bucket"), std::string::npos);
}

TEST_P(HealthApi, UnknownRouteIsA404WithTheErrorShape) {
  auto response = get("/api/v1/nothing-here");
  EXPECT_EQ(response.status, 404);
  auto body = json_of(response);
  ASSERT_TRUE(body.contains("error"));
  EXPECT_TRUE(body["error"].contains("code"));
  EXPECT_TRUE(body["error"].contains("message"));
  EXPECT_TRUE(body["error"].contains("field"));
}

TEST_P(HealthApi, SigtermStopsCleanly) {
  EXPECT_EQ(get("/healthz").status, 200);
  EXPECT_EQ(server_->stop(SIGTERM), 0) << server_->output();
}

INSTANTIATE_TEST_SUITE_P(Backends, HealthApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
