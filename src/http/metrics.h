// Metrics: request counts and latency histograms by route and status, exposed in the Prometheus
// text format at /metrics. Thread-safe: observe() and prometheus_text() may be called from any
// thread at any time.
//
// Label values are bounded so that clients cannot blow up the number of series: `route` must be
// a route pattern or "unmatched" (never a raw path), and methods outside the standard set are
// counted as "other".
#pragma once

#include <array>
#include <atomic>
#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace concord::http {

class Metrics {
 public:
  // Upper bounds of the latency histogram, in seconds (+Inf is implicit).
  static constexpr std::array<double, 13> kBucketBounds = {
      0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

  // `route` is the matched pattern ("/api/v1/states/{alpha2}"), or "unmatched".
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string prometheus_text() const;

  // The requests-in-flight gauge: the server calls started() when a request has been read and
  // finished() once its answer is sent.
  void request_started() { ++in_flight_; }
  void request_finished() { --in_flight_; }

 private:
  struct Series {
    std::vector<unsigned long long> bucket_counts;  // cumulative per upper bound
    unsigned long long count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;  // method, route, status
  std::atomic<long long> in_flight_{0};
};

// Escapes a Prometheus label value: backslash, double quote and newline.
std::string escape_label_value(const std::string& value);

}  // namespace concord::http
