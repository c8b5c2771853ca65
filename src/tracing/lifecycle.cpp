#include "tracing/lifecycle.h"

#include <algorithm>

#include "core/enum_names.h"

namespace concord::tracing {
namespace {

constexpr EnumNames<LegStatus, 10> kStatusNames({{
    {LegStatus::draft, "draft"},
    {LegStatus::sent, "sent"},
    {LegStatus::acknowledged, "acknowledged"},
    {LegStatus::more_information_requested, "more_information_requested"},
    {LegStatus::in_progress, "in_progress"},
    {LegStatus::answered, "answered"},
    {LegStatus::untraceable, "untraceable"},
    {LegStatus::declined, "declined"},
    {LegStatus::forwarded, "forwarded"},
    {LegStatus::closed, "closed"},
}});

constexpr EnumNames<LegAction, 10> kActionNames({{
    {LegAction::send, "send"},
    {LegAction::acknowledge, "acknowledge"},
    {LegAction::request_information, "request_information"},
    {LegAction::provide_information, "provide_information"},
    {LegAction::start, "start"},
    {LegAction::answer, "answer"},
    {LegAction::report_untraceable, "report_untraceable"},
    {LegAction::decline, "decline"},
    {LegAction::forward, "forward"},
    {LegAction::close, "close"},
}});

constexpr EnumNames<Party, 2> kPartyNames({{
    {Party::requesting, "requesting"},
    {Party::addressed, "addressed"},
}});

std::vector<Transition> build_transitions() {
  using enum LegStatus;
  using A = LegAction;
  std::vector<Transition> table = {
      {draft, A::send, sent},
      {sent, A::acknowledge, acknowledged},
      {acknowledged, A::request_information, more_information_requested},
      {in_progress, A::request_information, more_information_requested},
      {more_information_requested, A::provide_information, in_progress},
      {acknowledged, A::start, in_progress},
      {more_information_requested, A::start, in_progress},
  };
  // The final replies: an answer needs the request acknowledged first; declining and forwarding
  // do not, since a state may see at once that the weapon is not its own.
  for (LegStatus from : {acknowledged, more_information_requested, in_progress}) {
    table.push_back({from, A::answer, answered});
    table.push_back({from, A::report_untraceable, untraceable});
  }
  for (LegStatus from : {sent, acknowledged, more_information_requested, in_progress}) {
    table.push_back({from, A::decline, declined});
    table.push_back({from, A::forward, forwarded});
  }
  for (LegStatus from : {answered, untraceable, declined, forwarded}) {
    table.push_back({from, A::close, closed});
  }
  std::stable_sort(table.begin(), table.end(),
                   [](const Transition& a, const Transition& b) { return a.action < b.action; });
  return table;
}

}  // namespace

std::string_view to_string(LegStatus status) {
  return kStatusNames.name(status);
}
std::optional<LegStatus> leg_status_from_string(std::string_view text) {
  return kStatusNames.parse(text);
}
std::string leg_statuses_list() {
  return kStatusNames.list();
}
std::string_view to_string(LegAction action) {
  return kActionNames.name(action);
}
std::optional<LegAction> leg_action_from_string(std::string_view text) {
  return kActionNames.parse(text);
}
std::string_view to_string(Party party) {
  return kPartyNames.name(party);
}

const std::vector<Transition>& transitions() {
  static const std::vector<Transition> table = build_transitions();
  return table;
}

Party actor_of(LegAction action) {
  switch (action) {
    case LegAction::send:
    case LegAction::provide_information:
    case LegAction::close:
      return Party::requesting;
    default:
      return Party::addressed;
  }
}

std::string_view policy_action_of(LegAction action) {
  return actor_of(action) == Party::requesting ? "tracing.send" : "tracing.respond";
}

std::vector<LegAction> allowed_actions(LegStatus status) {
  std::vector<LegAction> allowed;
  for (const auto& transition : transitions()) {
    if (transition.from == status) allowed.push_back(transition.action);
  }
  return allowed;
}

Result<LegStatus> apply(LegStatus status, LegAction action, std::string_view addressee) {
  for (const auto& transition : transitions()) {
    if (transition.from == status && transition.action == action) return transition.to;
  }
  std::string allowed;
  for (LegAction next : allowed_actions(status)) {
    if (!allowed.empty()) allowed += ", ";
    allowed += to_string(next);
  }
  std::string subject = "the request";
  if (!addressee.empty()) subject += " to " + std::string(addressee);
  return Error{ErrorCode::conflict,
               "cannot " + std::string(to_string(action)) + ": " + subject + " is " +
                   std::string(to_string(status)) +
                   "; allowed next: " + (allowed.empty() ? std::string("nothing") : allowed),
               "status"};
}

bool is_open(LegStatus status) {
  return status == LegStatus::sent || status == LegStatus::acknowledged ||
         status == LegStatus::more_information_requested || status == LegStatus::in_progress;
}

bool is_concluded(LegStatus status) {
  return status == LegStatus::answered || status == LegStatus::untraceable ||
         status == LegStatus::declined || status == LegStatus::forwarded;
}

}  // namespace concord::tracing
