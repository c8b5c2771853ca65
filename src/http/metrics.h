// Metrics: request counts and latency histograms by route and status, exposed in the Prometheus
// text format at /metrics. Thread-safe.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <tuple>
#include <vector>

namespace concord::http {

class Metrics {
 public:
  // `route` is the matched pattern ("/api/v1/states/{alpha2}"), or "unmatched".
  void observe(const std::string& method, const std::string& route, int status, double seconds);
  std::string prometheus_text() const;

 private:
  struct Series {
    std::vector<unsigned long long> bucket_counts;  // cumulative per upper bound
    unsigned long long count = 0;
    double sum_seconds = 0;
  };
  mutable std::mutex mutex_;
  std::map<std::tuple<std::string, std::string, int>, Series> series_;  // method, route, status
};

}  // namespace concord::http
