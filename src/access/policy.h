// The access policy: the one function that decides whether a principal may perform an action,
// on a record when there is one. Every route declares its action; the API gate and the domain
// services both ask here, and nowhere else is access decided.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "access/principal.h"
#include "core/result.h"

namespace concord::access {

// Who a record is shared with, beyond its owning state.
enum class Sharing {
  private_,         // the owning state only
  named_states,     // the owning state and the states it names
  law_enforcement,  // every law-enforcement user of every state (lost and stolen reports)
  public_,          // everyone, civil society and anonymous callers included
};
std::string_view to_string(Sharing sharing);
std::optional<Sharing> sharing_from_string(std::string_view text);

// What the policy needs to know of a record.
struct RecordAccess {
  std::string owner_state;  // ISO 3166-1 alpha-2
  Sharing sharing = Sharing::private_;
  std::set<std::string> shared_with;  // for named_states
};

// Who may perform an action, declared once per action in the catalogue (policy.cpp).
enum class Audience {
  anyone,     // no sign-in needed: public data and health
  signed_in,  // any signed-in user, even before a second factor (enrolment, sign-out)
  roles,      // signed-in users holding one of `roles`, with a second factor where needed
};

struct ActionRule {
  std::string action;  // "organisations.create"
  Audience audience = Audience::roles;
  Roles roles;          // for Audience::roles
  bool writes = false;  // a change: on a record, only the owning state may make it
  std::string summary;  // for docs/security.md and error messages
};

// Every action Concord knows, in catalogue order.
const std::vector<ActionRule>& action_catalogue();
const ActionRule* find_action(std::string_view action);

// Allows, or refuses with ErrorCode::unauthenticated (no valid credentials: answer 401) or
// ErrorCode::permission_denied (signed in, not allowed: answer 403). Refusal messages say what is
// missing without revealing anything about the record. `record` is the record acted on, when
// there is one.
//
// The rules, in order:
//  1. An unknown action is refused (a programmer error that must fail closed).
//  2. The system principal (migrations, demo data, CLI operator commands) is allowed.
//  3. Audience::anyone is allowed for everyone, unless a record is given that is not public.
//  4. Anonymous callers are refused (401).
//  5. An API token may only perform the actions in its scopes ("states.read" or "states.*").
//  6. A user holding a role that reads confidential records must have passed a second factor
//     for anything beyond Audience::anyone and Audience::signed_in.
//  7. Audience::roles needs one of the action's roles.
//  8. With a record: the owning state's users may act; others may read, never write, when the
//     sharing rule includes them (named states; law_enforcement for law-enforcement roles;
//     public for everyone). Operators get no special access to records.
Result<void> authorize(const Principal& principal, std::string_view action,
                       const RecordAccess* record = nullptr);

// The roles that count as law enforcement for Sharing::law_enforcement.
bool is_law_enforcement(const Principal& principal);

}  // namespace concord::access
