// Timeliness: how promptly each addressed state acknowledges and answers tracing requests, the
// figure the Programme of Action cares about. Computed from the legs' timestamps (one leg per
// addressed state per request); pure, so a constructed history gives exact figures.
//
// Definitions (docs/tracing.md repeats them for officers):
//  - time to acknowledge: from sending to the first reply of any kind (an acknowledgement, or a
//    decline or forward that came first);
//  - time to answer: from sending to the final reply (answered, untraceable, declined or
//    forwarded);
//  - share answered by the due date: of the legs whose answer is settled (given, or due and
//    passed), the share whose final reply came by the answer due date;
//  - overdue now: open legs past their acknowledgement or answer due date at `now`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "tracing/lifecycle.h"

namespace concord::tracing {

struct LegTimes {
  std::string to_state;
  LegStatus status = LegStatus::sent;
  TimePoint sent_at;
  std::optional<TimePoint> acknowledged_at;
  std::optional<TimePoint> concluded_at;  // the final reply
  TimePoint acknowledge_due_at;
  TimePoint answer_due_at;
};

struct StateTimeliness {
  std::string state;
  int received = 0;      // legs addressed to the state
  int acknowledged = 0;  // legs with a first reply
  int answered = 0;      // legs with a final reply
  std::optional<double> median_hours_to_acknowledge;
  std::optional<double> median_hours_to_answer;
  int answer_settled = 0;                            // the denominator of the share
  int answered_by_due_date = 0;                      // its numerator
  std::optional<double> share_answered_by_due_date;  // 0..1; nullopt when nothing is settled
  int overdue_now = 0;
};

// One entry per state that received at least one of `legs`, in state order. Legs that never left
// draft are ignored.
std::vector<StateTimeliness> compute_timeliness(const std::vector<LegTimes>& legs, TimePoint now);

// The median of `values` (the mean of the middle two for an even count); nullopt when empty.
std::optional<double> median(std::vector<double> values);

}  // namespace concord::tracing
