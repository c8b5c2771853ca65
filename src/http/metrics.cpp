#include "http/metrics.h"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace concord::http {
namespace {

std::string bounded_method(const std::string& method) {
  static constexpr std::string_view kKnown[] = {"GET",   "HEAD",    "POST",    "PUT",  "DELETE",
                                                "PATCH", "OPTIONS", "CONNECT", "TRACE"};
  for (auto known : kKnown) {
    if (method == known) return method;
  }
  return "other";
}

// Prometheus wants "+Inf" and plain decimal numbers; fmt's shortest round-trip form is both
// exact and compact ("0.0025", "10").
std::string number(double value) {
  return fmt::format("{}", value);
}

}  // namespace

std::string escape_label_value(const std::string& value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    switch (c) {
      case '\\':
        out += "\\\\";
        break;
      case '"':
        out += "\\\"";
        break;
      case '\n':
        out += "\\n";
        break;
      default:
        out += c;
    }
  }
  return out;
}

void Metrics::observe(const std::string& method, const std::string& route, int status,
                      double seconds) {
  seconds = std::max(seconds, 0.0);
  std::lock_guard lock(mutex_);
  auto& series = series_[{bounded_method(method), route, status}];
  if (series.bucket_counts.empty()) series.bucket_counts.assign(kBucketBounds.size(), 0);
  for (size_t i = 0; i < kBucketBounds.size(); ++i) {
    if (seconds <= kBucketBounds[i]) ++series.bucket_counts[i];
  }
  ++series.count;
  series.sum_seconds += seconds;
}

std::string Metrics::prometheus_text() const {
  // The histogram is kept per (method, route, status) but published per (method, route): the
  // status adds little to latency analysis and would multiply the bucket series by ~10.
  std::map<std::pair<std::string, std::string>, Series> histograms;
  std::string out;
  {
    std::lock_guard lock(mutex_);
    out +=
        "# HELP concord_http_requests_total HTTP requests answered, by method, route pattern and "
        "status.\n"
        "# TYPE concord_http_requests_total counter\n";
    for (const auto& [key, series] : series_) {
      const auto& [method, route, status] = key;
      out += fmt::format(
          "concord_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
          escape_label_value(method), escape_label_value(route), status, series.count);
      auto& merged = histograms[{method, route}];
      if (merged.bucket_counts.empty()) merged.bucket_counts.assign(kBucketBounds.size(), 0);
      for (size_t i = 0; i < kBucketBounds.size(); ++i) {
        merged.bucket_counts[i] += series.bucket_counts[i];
      }
      merged.count += series.count;
      merged.sum_seconds += series.sum_seconds;
    }
  }
  out +=
      "# HELP concord_http_request_duration_seconds Time from the start of a request to the end "
      "of its answer.\n"
      "# TYPE concord_http_request_duration_seconds histogram\n";
  for (const auto& [key, series] : histograms) {
    const auto labels = fmt::format("method=\"{}\",route=\"{}\"", escape_label_value(key.first),
                                    escape_label_value(key.second));
    for (size_t i = 0; i < kBucketBounds.size(); ++i) {
      out += fmt::format("concord_http_request_duration_seconds_bucket{{{},le=\"{}\"}} {}\n",
                         labels, number(kBucketBounds[i]), series.bucket_counts[i]);
    }
    out += fmt::format("concord_http_request_duration_seconds_bucket{{{},le=\"+Inf\"}} {}\n",
                       labels, series.count);
    out += fmt::format("concord_http_request_duration_seconds_sum{{{}}} {}\n", labels,
                       number(series.sum_seconds));
    out +=
        fmt::format("concord_http_request_duration_seconds_count{{{}}} {}\n", labels, series.count);
  }
  out += fmt::format(
      "# HELP concord_http_requests_in_flight Requests read and not yet answered.\n"
      "# TYPE concord_http_requests_in_flight gauge\n"
      "concord_http_requests_in_flight {}\n",
      in_flight_.load());
  return out;
}

}  // namespace concord::http
