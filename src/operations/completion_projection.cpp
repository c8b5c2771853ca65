#include "operations/completion_projection.h"

#include <algorithm>
#include <cmath>

namespace concord::operations {
namespace {

// The last day a projection may name: 9999-12-31, the last day YYYY-MM-DD can write.
constexpr Day kLastWritableDay{std::chrono::year{9999} / std::chrono::December / 31};

}  // namespace

std::optional<double> trend_slope(std::span<const ProgressPoint> points) {
  if (points.size() < 2) return std::nullopt;
  const auto origin = points.front().day;
  double mean_x = 0;
  double mean_y = 0;
  for (const auto& point : points) {
    mean_x += static_cast<double>((point.day - origin).count());
    mean_y += point.cumulative;
  }
  mean_x /= static_cast<double>(points.size());
  mean_y /= static_cast<double>(points.size());
  double covariance = 0;
  double variance = 0;
  for (const auto& point : points) {
    const double dx = static_cast<double>((point.day - origin).count()) - mean_x;
    covariance += dx * (point.cumulative - mean_y);
    variance += dx * dx;
  }
  if (variance == 0) return std::nullopt;  // every point on one day
  return covariance / variance;
}

std::optional<Day> project_completion(std::span<const ProgressPoint> points, double target,
                                      std::optional<Day> not_before) {
  if (points.empty()) return std::nullopt;
  std::vector<ProgressPoint> sorted(points.begin(), points.end());
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const ProgressPoint& a, const ProgressPoint& b) { return a.day < b.day; });
  for (const auto& point : sorted) {
    if (point.cumulative >= target) return point.day;
  }
  const auto slope = trend_slope(sorted);
  if (!slope || !(*slope > 0)) return std::nullopt;
  const auto& latest = sorted.back();
  // The tolerance keeps a whole number of days computed as 365.0000000001 from becoming 366.
  const double days = std::ceil((target - latest.cumulative) / *slope - 1e-9);
  const Day start = not_before ? std::max(latest.day, *not_before) : latest.day;
  const double days_left = static_cast<double>((kLastWritableDay - start).count());
  if (!(days <= days_left)) return std::nullopt;
  return start + std::chrono::days{static_cast<long>(days)};
}

std::vector<ProgressPoint> trend_points_within_years(std::span<const ProgressPoint> points, Day on,
                                                     int years) {
  const Day after = years_before(on, years);
  std::vector<ProgressPoint> within;
  for (const auto& point : points) {
    if (point.day > after && point.day <= on) within.push_back(point);
  }
  return within;
}

}  // namespace concord::operations
