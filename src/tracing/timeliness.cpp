#include "tracing/timeliness.h"

#include <algorithm>
#include <map>

#include "tracing/due_dates.h"

namespace concord::tracing {
namespace {

double hours_between(TimePoint from, TimePoint to) {
  return std::chrono::duration<double, std::ratio<3600>>(to - from).count();
}

struct Accumulator {
  StateTimeliness figures;
  std::vector<double> hours_to_acknowledge;
  std::vector<double> hours_to_answer;
};

}  // namespace

std::optional<double> median(std::vector<double> values) {
  if (values.empty()) return std::nullopt;
  std::sort(values.begin(), values.end());
  const size_t middle = values.size() / 2;
  if (values.size() % 2 == 1) return values[middle];
  return (values[middle - 1] + values[middle]) / 2.0;
}

std::vector<StateTimeliness> compute_timeliness(const std::vector<LegTimes>& legs, TimePoint now) {
  std::map<std::string, Accumulator> by_state;
  for (const auto& leg : legs) {
    if (leg.status == LegStatus::draft) continue;
    auto& state = by_state[leg.to_state];
    state.figures.state = leg.to_state;
    ++state.figures.received;
    const std::optional<TimePoint> first_reply =
        leg.acknowledged_at ? leg.acknowledged_at : leg.concluded_at;
    if (first_reply) {
      ++state.figures.acknowledged;
      state.hours_to_acknowledge.push_back(hours_between(leg.sent_at, *first_reply));
    }
    if (leg.concluded_at) {
      ++state.figures.answered;
      state.hours_to_answer.push_back(hours_between(leg.sent_at, *leg.concluded_at));
      ++state.figures.answer_settled;
      if (*leg.concluded_at <= leg.answer_due_at) ++state.figures.answered_by_due_date;
    } else if (now > leg.answer_due_at) {
      ++state.figures.answer_settled;
    }
    if (overdue_kind(leg.status, leg.acknowledge_due_at, leg.answer_due_at, now)) {
      ++state.figures.overdue_now;
    }
  }
  std::vector<StateTimeliness> report;
  report.reserve(by_state.size());
  for (auto& [code, state] : by_state) {
    state.figures.median_hours_to_acknowledge = median(state.hours_to_acknowledge);
    state.figures.median_hours_to_answer = median(state.hours_to_answer);
    if (state.figures.answer_settled > 0) {
      state.figures.share_answered_by_due_date =
          static_cast<double>(state.figures.answered_by_due_date) / state.figures.answer_settled;
    }
    report.push_back(std::move(state.figures));
  }
  return report;
}

}  // namespace concord::tracing
