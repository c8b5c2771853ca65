// The lifecycle of one leg of a tracing request (one addressed state), as a pure state machine:
//
//   draft ─send─► sent ─acknowledge─► acknowledged ─request_information─►
//   more_information_requested
//                                        │   ▲                                   │
//                                        provide_information │   └────────── start
//                                        ◄─────────────────┤ or start ▼ ▼
//                                     in_progress ─answer / report_untraceable / decline /
//                                     forward─►
//   answered | untraceable | declined | forwarded ─close─► closed
//
// Who acts is fixed per action: the requesting state sends, provides information and closes; the
// addressed state does the rest. Every refusal says what the status is and what may come next.
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace concord::tracing {

enum class LegStatus {
  draft,
  sent,
  acknowledged,
  more_information_requested,
  in_progress,
  answered,
  untraceable,
  declined,
  forwarded,  // the addressed state sent the request on to the next state (a new leg)
  closed,
};

enum class LegAction {
  send,
  acknowledge,
  request_information,
  provide_information,
  start,
  answer,
  report_untraceable,
  decline,
  forward,
  close,
};

// Which side of a leg performs an action.
enum class Party { requesting, addressed };

std::string_view to_string(LegStatus status);
std::optional<LegStatus> leg_status_from_string(std::string_view text);
std::string leg_statuses_list();
std::string_view to_string(LegAction action);
std::optional<LegAction> leg_action_from_string(std::string_view text);
std::string_view to_string(Party party);

struct Transition {
  LegStatus from;
  LegAction action;
  LegStatus to;
};

// Every allowed transition, in lifecycle order.
const std::vector<Transition>& transitions();

// The side that may perform `action`.
Party actor_of(LegAction action);

// The policy action that performing `action` needs: "tracing.send" for the requesting state's
// actions, "tracing.respond" for the addressed state's.
std::string_view policy_action_of(LegAction action);

// The actions allowed from `status`, in lifecycle order (empty once closed).
std::vector<LegAction> allowed_actions(LegStatus status);

// The status after `action`, or ErrorCode::conflict (field "status") naming the current status
// and the actions allowed from it: "cannot acknowledge: the request to DE is answered; allowed
// next: close". `addressee` only makes the message precise; it may be empty.
Result<LegStatus> apply(LegStatus status, LegAction action, std::string_view addressee = {});

// Waiting on the addressed state: sent, acknowledged, more_information_requested, in_progress.
bool is_open(LegStatus status);
// The addressed state has given its final reply: answered, untraceable, declined, forwarded.
bool is_concluded(LegStatus status);

}  // namespace concord::tracing
