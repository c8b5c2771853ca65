// When a cumulative series (items destroyed, km2 released) will reach its target if it keeps its
// recent pace. One rule for every deadline figure: the pace is the least-squares slope of the
// cumulative quantity against the day, and the projection runs that pace on from the day the
// figures are of (or the latest point, if later). Pure arithmetic; the callers choose which points
// make the trend (see trend_points_within_years).
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "operations/calendar_day.h"

namespace concord::operations {

// The cumulative quantity reached on `day`.
struct ProgressPoint {
  Day day;
  double cumulative = 0;
};

// The day the series reaches `target`:
// - the first point's day at which it already reached `target`, when one did;
// - otherwise the start day plus (target - latest cumulative) / slope, rounded up to a whole day,
//   where slope is the least-squares slope in quantity per day over all `points`, and the start
//   day is the latest point's day or, when later, `not_before` (the day the figures are of: what
//   remains on that day is still to do, so the projection never lands in the past);
// - nullopt when there are fewer than two distinct days, when the slope is not above zero (a
//   flat or falling trend never arrives), or when the day would fall after the year 9999.
// `points` need not be sorted.
std::optional<Day> project_completion(std::span<const ProgressPoint> points, double target,
                                      std::optional<Day> not_before = std::nullopt);

// The least-squares slope in quantity per day; nullopt with fewer than two distinct days.
std::optional<double> trend_slope(std::span<const ProgressPoint> points);

// The points whose day is within the `years` calendar years ending on `on`: after
// years_before(on, years) and not after `on`, in the order given.
std::vector<ProgressPoint> trend_points_within_years(std::span<const ProgressPoint> points, Day on,
                                                     int years);

}  // namespace concord::operations
