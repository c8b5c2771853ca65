// Due dates of tracing requests: ISO 8601 durations (PnD, PnM), the rules that say how long a
// state has to acknowledge and to answer (per priority and per pair of states, most specific rule
// wins, built-in defaults underneath), and the arithmetic that turns "sent at this instant, due
// within P30D" into an instant: the end of the local calendar day in the addressed state's time
// zone, stored in UTC. Pure functions; thread-safe (the tz database is read once, under its own
// lock, by the date library).
#pragma once

#include <date/tz.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "tracing/lifecycle.h"

namespace concord::tracing {

enum class Priority { routine, urgent };
std::string_view to_string(Priority priority);
std::optional<Priority> priority_from_string(std::string_view text);

// What is due: the acknowledgement of receipt, or the answer (any final reply).
enum class DueKind { acknowledge, answer };
std::string_view to_string(DueKind kind);
std::optional<DueKind> due_kind_from_string(std::string_view text);

// An ISO 8601 duration of whole days or whole months: "P2D", "P30D", "P1M".
struct DueDuration {
  enum class Unit { days, months };
  int count = 0;
  Unit unit = Unit::days;
  bool operator==(const DueDuration&) const = default;
};

// Accepts "PnD" and "PnM" (n = 0..3660 days or 0..120 months, upper-case P, D and M only);
// anything else is invalid_argument naming `field`.
Result<DueDuration> parse_due_duration(std::string_view text, const std::string& field);
std::string format_due_duration(const DueDuration& duration);

// One row of the due-date table that operators edit. Empty from_state / to_state and a missing
// priority match any.
struct DueRule {
  DueKind kind = DueKind::answer;
  std::optional<Priority> priority;
  std::string from_state;  // the state that sent the leg (the forwarding state for a forwarded leg)
  std::string to_state;    // the addressed state
  DueDuration within;
  bool operator==(const DueRule&) const = default;
};

// Acknowledge within P2D; answer urgent requests within P2D and routine ones within P30D.
const std::vector<DueRule>& default_due_rules();

// How long the addressed state has: the most specific rule of `rules` that matches, else the
// defaults. Specificity: the addressed state counts most, then the sending state, then the
// priority, so a rule for a pair of states beats a rule for a priority alone.
DueDuration due_within(const std::vector<DueRule>& rules, DueKind kind, Priority priority,
                       std::string_view from_state, std::string_view to_state);

// The IANA zone `name` ("Asia/Tokyo", "UTC"), or invalid_argument naming `field`.
Result<const date::time_zone*> find_time_zone(std::string_view name, const std::string& field);

// `day` plus `duration`; a month step lands on the same day of the month, clamped to the
// month's last day (2027-01-31 + P1M = 2027-02-28; 2028-01-31 + P1M = 2028-02-29).
date::year_month_day add_due_duration(date::year_month_day day, const DueDuration& duration);

// The instant a leg sent at `sent_at` is due: the last millisecond of the local calendar day
// (sent_at's local date in `zone` + `within`) in `zone`, so "P2D" from Monday 23:30 in Tokyo is due
// at Wednesday 23:59:59.999 Tokyo time. Around a clock change the day ends the last time the
// local calendar shows it (a skipped midnight: when the next day begins).
TimePoint due_at(TimePoint sent_at, const DueDuration& within, const date::time_zone& zone);

// Which due date a leg has missed at `now`, or nullopt: the answer while the leg is open (the
// graver of the two), else the acknowledgement while it is still sent. Only open legs can be
// overdue.
std::optional<DueKind> overdue_kind(LegStatus status, TimePoint acknowledge_due_at,
                                    TimePoint answer_due_at, TimePoint now);

}  // namespace concord::tracing
