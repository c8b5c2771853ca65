#include "tracing/due_dates.h"

#include <charconv>

#include "core/enum_names.h"

namespace concord::tracing {
namespace {

constexpr EnumNames<Priority, 2> kPriorityNames({{
    {Priority::routine, "routine"},
    {Priority::urgent, "urgent"},
}});

constexpr EnumNames<DueKind, 2> kDueKindNames({{
    {DueKind::acknowledge, "acknowledge"},
    {DueKind::answer, "answer"},
}});

constexpr int kMaxDays = 3660;
constexpr int kMaxMonths = 120;

int specificity(const DueRule& rule) {
  return (rule.to_state.empty() ? 0 : 4) + (rule.from_state.empty() ? 0 : 2) +
         (rule.priority ? 1 : 0);
}

const DueRule* most_specific(const std::vector<DueRule>& rules, DueKind kind, Priority priority,
                             std::string_view from_state, std::string_view to_state) {
  const DueRule* best = nullptr;
  for (const auto& rule : rules) {
    if (rule.kind != kind) continue;
    if (rule.priority && *rule.priority != priority) continue;
    if (!rule.from_state.empty() && rule.from_state != from_state) continue;
    if (!rule.to_state.empty() && rule.to_state != to_state) continue;
    if (best == nullptr || specificity(rule) > specificity(*best)) best = &rule;
  }
  return best;
}

}  // namespace

std::string_view to_string(Priority priority) {
  return kPriorityNames.name(priority);
}
std::optional<Priority> priority_from_string(std::string_view text) {
  return kPriorityNames.parse(text);
}
std::string_view to_string(DueKind kind) {
  return kDueKindNames.name(kind);
}
std::optional<DueKind> due_kind_from_string(std::string_view text) {
  return kDueKindNames.parse(text);
}

Result<DueDuration> parse_due_duration(std::string_view text, const std::string& field) {
  const auto refuse = [&] {
    return Error::invalid(field, field +
                                     " must be an ISO 8601 duration of days or months such as "
                                     "P2D, P30D or P1M (at most P" +
                                     std::to_string(kMaxDays) + "D or P" +
                                     std::to_string(kMaxMonths) + "M), not \"" +
                                     std::string(text.substr(0, 40)) + "\"");
  };
  if (text.size() < 3 || text.size() > 6 || text.front() != 'P') return refuse();
  const char unit = text.back();
  if (unit != 'D' && unit != 'M') return refuse();
  const std::string_view digits = text.substr(1, text.size() - 2);
  for (char c : digits) {
    if (c < '0' || c > '9') return refuse();
  }
  int count = 0;
  if (std::from_chars(digits.data(), digits.data() + digits.size(), count).ec != std::errc{}) {
    return refuse();
  }
  DueDuration duration{count, unit == 'D' ? DueDuration::Unit::days : DueDuration::Unit::months};
  if (count > (duration.unit == DueDuration::Unit::days ? kMaxDays : kMaxMonths)) return refuse();
  return duration;
}

std::string format_due_duration(const DueDuration& duration) {
  return "P" + std::to_string(duration.count) +
         (duration.unit == DueDuration::Unit::days ? "D" : "M");
}

const std::vector<DueRule>& default_due_rules() {
  using Unit = DueDuration::Unit;
  static const std::vector<DueRule> defaults = {
      {DueKind::acknowledge, std::nullopt, "", "", {2, Unit::days}},
      {DueKind::answer, Priority::urgent, "", "", {2, Unit::days}},
      {DueKind::answer, Priority::routine, "", "", {30, Unit::days}},
  };
  return defaults;
}

DueDuration due_within(const std::vector<DueRule>& rules, DueKind kind, Priority priority,
                       std::string_view from_state, std::string_view to_state) {
  if (const DueRule* rule = most_specific(rules, kind, priority, from_state, to_state)) {
    return rule->within;
  }
  // The defaults cover every kind and priority.
  return most_specific(default_due_rules(), kind, priority, from_state, to_state)->within;
}

Result<const date::time_zone*> find_time_zone(std::string_view name, const std::string& field) {
  try {
    return date::locate_zone(name);
  } catch (const std::exception&) {
    return Error::invalid(field, field +
                                     " must be an IANA time zone such as Europe/Paris or UTC, "
                                     "not \"" +
                                     std::string(name.substr(0, 60)) + "\"");
  }
}

date::year_month_day add_due_duration(date::year_month_day day, const DueDuration& duration) {
  if (duration.unit == DueDuration::Unit::days) {
    return date::year_month_day{date::sys_days{day} + date::days{duration.count}};
  }
  date::year_month_day moved = day + date::months{duration.count};
  if (!moved.ok()) moved = date::year_month_day{moved.year() / moved.month() / date::last};
  return moved;
}

TimePoint due_at(TimePoint sent_at, const DueDuration& within, const date::time_zone& zone) {
  using std::chrono::milliseconds;
  const date::local_days sent_day = date::floor<date::days>(zone.to_local(sent_at));
  const date::local_days due_day{add_due_duration(date::year_month_day{sent_day}, within)};
  const date::local_days next_day = due_day + date::days{1};
  // The due day ends the last time the local calendar shows it. A skipped midnight maps both ways
  // to the instant the next day begins. A repeated midnight has two instants: the later one when
  // the clock fell back across midnight into the due day again (America/Santiago), the earlier one
  // when it fell back within the next day (America/Havana).
  const auto latest =
      std::chrono::time_point_cast<milliseconds>(zone.to_sys(next_day, date::choose::latest));
  const TimePoint last_of_latest = latest - milliseconds(1);
  if (date::floor<date::days>(zone.to_local(last_of_latest)) == due_day) return last_of_latest;
  return std::chrono::time_point_cast<milliseconds>(zone.to_sys(next_day, date::choose::earliest)) -
         milliseconds(1);
}

std::optional<DueKind> overdue_kind(LegStatus status, TimePoint acknowledge_due_at,
                                    TimePoint answer_due_at, TimePoint now) {
  if (!is_open(status)) return std::nullopt;
  if (now > answer_due_at) return DueKind::answer;
  if (status == LegStatus::sent && now > acknowledge_due_at) return DueKind::acknowledge;
  return std::nullopt;
}

}  // namespace concord::tracing
