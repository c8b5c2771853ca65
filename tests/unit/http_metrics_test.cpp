#include <gtest/gtest.h>

#include <string>

#include "http/metrics.h"

namespace concord::http {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(HttpMetrics, CountsByMethodRouteAndStatus) {
  Metrics metrics;
  metrics.observe("GET", "/api/v1/states/{alpha2}", 200, 0.002);
  metrics.observe("GET", "/api/v1/states/{alpha2}", 200, 0.3);
  metrics.observe("GET", "/api/v1/states/{alpha2}", 404, 0.001);
  const auto text = metrics.prometheus_text();
  EXPECT_TRUE(contains(text, "# TYPE concord_http_requests_total counter\n"));
  EXPECT_TRUE(contains(text,
                       "concord_http_requests_total{method=\"GET\",route=\"/api/v1/states/"
                       "{alpha2}\",status=\"200\"} 2\n"));
  EXPECT_TRUE(contains(text,
                       "concord_http_requests_total{method=\"GET\",route=\"/api/v1/states/"
                       "{alpha2}\",status=\"404\"} 1\n"));
}

TEST(HttpMetrics, HistogramIsCumulative) {
  Metrics metrics;
  metrics.observe("POST", "/x", 201, 0.002);
  metrics.observe("POST", "/x", 500, 0.3);
  metrics.observe("POST", "/x", 201, 20);
  const auto text = metrics.prometheus_text();
  const std::string labels = "method=\"POST\",route=\"/x\"";
  EXPECT_TRUE(contains(text, "# TYPE concord_http_request_duration_seconds histogram\n"));
  EXPECT_TRUE(contains(
      text, "concord_http_request_duration_seconds_bucket{" + labels + ",le=\"0.001\"} 0\n"));
  EXPECT_TRUE(contains(
      text, "concord_http_request_duration_seconds_bucket{" + labels + ",le=\"0.0025\"} 1\n"));
  EXPECT_TRUE(contains(
      text, "concord_http_request_duration_seconds_bucket{" + labels + ",le=\"0.5\"} 2\n"));
  EXPECT_TRUE(
      contains(text, "concord_http_request_duration_seconds_bucket{" + labels + ",le=\"10\"} 2\n"));
  EXPECT_TRUE(contains(
      text, "concord_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 3\n"));
  EXPECT_TRUE(contains(text, "concord_http_request_duration_seconds_count{" + labels + "} 3\n"));
  const std::string sum = "concord_http_request_duration_seconds_sum{" + labels + "} ";
  const auto at = text.find(sum);
  ASSERT_NE(at, std::string::npos);
  EXPECT_NEAR(std::stod(text.substr(at + sum.size())), 20.302, 1e-9);
}

TEST(HttpMetrics, EscapesLabelValues) {
  EXPECT_EQ(escape_label_value("a\"b\\c\nd"), "a\\\"b\\\\c\\nd");
  Metrics metrics;
  metrics.observe("GET", "/odd\"route", 200, 0.01);
  EXPECT_TRUE(contains(metrics.prometheus_text(), "route=\"/odd\\\"route\""));
}

TEST(HttpMetrics, UnknownMethodsShareOneLabel) {
  Metrics metrics;
  metrics.observe("BREW", "unmatched", 405, 0.01);
  metrics.observe("FOO\nBAR", "unmatched", 405, 0.01);
  const auto text = metrics.prometheus_text();
  EXPECT_TRUE(contains(
      text,
      "concord_http_requests_total{method=\"other\",route=\"unmatched\",status=\"405\"} 2\n"));
  EXPECT_FALSE(contains(text, "BREW"));
}

TEST(HttpMetrics, InFlightGauge) {
  Metrics metrics;
  metrics.request_started();
  metrics.request_started();
  metrics.request_finished();
  const auto text = metrics.prometheus_text();
  EXPECT_TRUE(contains(text, "# TYPE concord_http_requests_in_flight gauge\n"));
  EXPECT_TRUE(contains(text, "concord_http_requests_in_flight 1\n"));
}

TEST(HttpMetrics, EveryFamilyHasHelpAndType) {
  Metrics metrics;
  metrics.observe("GET", "/", 200, 0.01);
  const auto text = metrics.prometheus_text();
  for (const std::string family :
       {"concord_http_requests_total", "concord_http_request_duration_seconds",
        "concord_http_requests_in_flight"}) {
    EXPECT_TRUE(contains(text, "# HELP " + family + " ")) << family;
    EXPECT_TRUE(contains(text, "# TYPE " + family + " ")) << family;
  }
  EXPECT_EQ(text.back(), '\n');
}

}  // namespace
}  // namespace concord::http
