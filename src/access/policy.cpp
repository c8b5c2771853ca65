#include "access/policy.h"

#include <algorithm>

#include "core/enum_names.h"

namespace concord::access {
namespace {

using enum Role;

ActionRule anyone(std::string action, std::string summary) {
  return {std::move(action), Audience::anyone, {}, false, std::move(summary)};
}
ActionRule signed_in(std::string action, std::string summary, bool writes = false) {
  return {std::move(action), Audience::signed_in, {}, writes, std::move(summary)};
}
ActionRule only(std::string action, Roles roles, std::string summary, bool writes) {
  return {std::move(action), Audience::roles, std::move(roles), writes, std::move(summary)};
}

bool scope_covers(const std::set<std::string>& scopes, std::string_view action) {
  for (const auto& scope : scopes) {
    if (scope == action) return true;
    // "states.*" covers "states.read"
    if (scope.size() >= 2 && scope.ends_with(".*") &&
        action.starts_with(std::string_view(scope).substr(0, scope.size() - 1))) {
      return true;
    }
  }
  return false;
}

Error unauthenticated() {
  return {ErrorCode::unauthenticated, "sign in to do this", {}};
}
Error denied(std::string why) {
  return {ErrorCode::permission_denied, std::move(why), {}};
}

constexpr EnumNames<Sharing, 4> kSharingNames({{
    {Sharing::private_, "private"},
    {Sharing::named_states, "named_states"},
    {Sharing::law_enforcement, "law_enforcement"},
    {Sharing::public_, "public"},
}});

}  // namespace

std::string_view to_string(Sharing sharing) {
  return kSharingNames.name(sharing);
}

std::optional<Sharing> sharing_from_string(std::string_view text) {
  return kSharingNames.parse(text);
}

const std::vector<ActionRule>& action_catalogue() {
  static const std::vector<ActionRule> catalogue = {
      anyone("health.read", "liveness, readiness and metrics"),
      anyone("states.read", "the ISO 3166-1 states"),
      anyone("organisations.read", "the organisations taking part"),
      only("organisations.create", {operator_}, "add an organisation", true),
      anyone("session.sign_in", "sign in with a password and a second factor"),
      signed_in("session.read", "who am I"),
      signed_in("session.sign_out", "sign out", true),
      signed_in("session.totp_enrol", "enrol a TOTP second factor", true),
      only("users.read", {operator_}, "list users", false),
      only("users.create", {operator_}, "add a user", true),
      only("users.disable", {operator_}, "disable a user (users are never deleted)", true),
      only("users.set_roles", {operator_}, "change a user's roles", true),
      only("users.reset_password", {operator_}, "set a new password, ending the user's sessions",
           true),
      only("tokens.issue", {operator_}, "issue an API token for a machine client", true),
      only("tokens.revoke", {operator_}, "revoke an API token", true),
      only("audit.read", {operator_, national_contact},
           "read audit entries (national contacts: about their state's records)", false),
      only("audit.verify", {operator_}, "verify the audit chain", false),
      only("markings.search", {tracing_officer, national_contact, analyst},
           "search weapon markings; results hold only records shared with the caller", false),
      only("markings.decode", {tracing_officer, national_contact, analyst},
           "decode markings with the published national marking systems", false),
      only("marking_systems.read", {operator_, tracing_officer, national_contact, analyst},
           "read the national marking systems that states have published", false),
      only("marking_systems.publish", {national_contact},
           "publish the caller's state's marking system", true),
      only("reference.read", {operator_, tracing_officer, national_contact, analyst},
           "read the weapon reference table and suggest identifications", false),
      only("reference.edit", {operator_}, "edit or import the weapon reference table", true),
      only("records.read", {tracing_officer, national_contact, analyst},
           "read weapon records as far as their sharing allows (confidential reads are audited)",
           false),
      only("records.write", {tracing_officer, national_contact},
           "enter, modify, locate, clear or cancel the caller's state's weapon records, and "
           "attach files to them",
           true),
      only("hits.read", {tracing_officer, national_contact, analyst},
           "read cross-check hits that involve the caller's state", false),
      only("hits.review", {tracing_officer, national_contact},
           "mark a cross-check hit on the caller's state's record confirmed or dismissed", true),
      only("tracing.read", {tracing_officer, national_contact, analyst},
           "read tracing requests sent by or addressed to the caller's state", false),
      only("tracing.send", {tracing_officer, national_contact},
           "draft, send, write on and close the caller's state's tracing requests", true),
      only("tracing.respond", {national_contact},
           "acknowledge, ask about, answer, decline or forward requests addressed to the "
           "caller's state",
           true),
      only("tracing.configure", {operator_}, "set due-date rules for tracing requests", true),
      only("timeliness.read", {operator_, tracing_officer, national_contact, analyst},
           "read how promptly each state acknowledges and answers tracing requests", false),
      signed_in("inbox.read", "read the caller's notifications and their state's"),
      signed_in("inbox.mark_read", "mark notifications read", true),
      only("webhooks.manage", {operator_, national_contact},
           "add, list and remove webhooks of the caller's state", true),
      anyone("assistance.read",
             "read plans, needs, offers, regions, funding flows, exchange rates and funding "
             "views (restricted parts of plans only for the assistance community)"),
      only("plans.publish", {national_contact},
           "publish and update the caller's state's national plan, obligations, needs and "
           "progress reports",
           true),
      only("offers.publish", {assistance_officer}, "publish and update the caller's donor's offers",
           true),
      only("matches.read", {operator_, national_contact, assistance_officer, analyst},
           "read match candidates, allocation advice, matches and partnerships", false),
      only("matches.propose", {operator_, national_contact, assistance_officer},
           "propose matches between needs and offers", true),
      only("matches.decide", {national_contact, assistance_officer},
           "accept or decline the caller's side of a match", true),
      only("flows.record", {assistance_officer, national_contact},
           "record funding flows as their donor (pledges, commitments, disbursements) or "
           "recipient (expenditures), and import IATI activity files",
           true),
      only("rates.edit", {operator_}, "import and edit the exchange-rate table", true),
      only("regions.edit", {operator_}, "define regions that offers can be eligible for", true),
      anyone("operations.read",
             "read stockpile, destruction, hazardous-area, land-release, casualty and victim "
             "assistance figures, deadlines and country profiles"),
      only("operations.record", {national_contact},
           "record the caller's state's stockpiles, destructions, deadlines, hazardous areas, "
           "land release, casualty statistics and victim assistance services",
           true),
      only("operations.configure", {operator_}, "set the severity bands of contamination", true),
      only("reports.draft", {national_contact},
           "draft the caller's state's transparency reports (CCM Article 7, PoA/ITI national "
           "report) for review",
           false),
  };
  return catalogue;
}

const ActionRule* find_action(std::string_view action) {
  const auto& catalogue = action_catalogue();
  auto found = std::find_if(catalogue.begin(), catalogue.end(),
                            [&](const ActionRule& rule) { return rule.action == action; });
  return found == catalogue.end() ? nullptr : &*found;
}

bool is_law_enforcement(const Principal& principal) {
  return principal.has(national_contact) || principal.has(tracing_officer) ||
         principal.has(analyst);
}

Result<void> authorize(const Principal& principal, std::string_view action,
                       const RecordAccess* record) {
  const ActionRule* rule = find_action(action);
  if (rule == nullptr) return denied("unknown action '" + std::string(action) + "'");
  if (principal.credential == Credential::system) return ok();

  const bool public_record = record == nullptr || record->sharing == Sharing::public_;
  if (rule->audience == Audience::anyone && public_record && !rule->writes) return ok();
  if (principal.is_anonymous()) return unauthenticated();

  if (principal.credential == Credential::api_token &&
      !scope_covers(principal.token_scopes, action)) {
    return denied("this API token's scopes do not include " + std::string(action));
  }
  const bool needs_second_factor =
      std::any_of(principal.roles.begin(), principal.roles.end(), reads_confidential_records);
  if (rule->audience == Audience::roles && needs_second_factor && !principal.second_factor) {
    return denied("enrol and use a second factor (TOTP) first");
  }
  if (rule->audience == Audience::roles &&
      std::none_of(rule->roles.begin(), rule->roles.end(),
                   [&](Role role) { return principal.has(role); })) {
    return denied("your roles do not allow " + rule->summary);
  }
  if (record == nullptr) return ok();

  const bool own_state = principal.state && *principal.state == record->owner_state;
  if (own_state) return ok();
  if (rule->writes) return denied("only the owning state may change this record");
  switch (record->sharing) {
    case Sharing::public_:
      return ok();
    case Sharing::law_enforcement:
      if (is_law_enforcement(principal)) return ok();
      break;
    case Sharing::named_states:
      if (principal.state && record->shared_with.contains(*principal.state)) return ok();
      break;
    case Sharing::private_:
      break;
  }
  return denied("this record is not shared with you");
}

}  // namespace concord::access
