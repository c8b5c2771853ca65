// Principal: who is calling, as established by authentication. Every service call that touches
// protected data receives one, and the policy decides on it alone.
#pragma once

#include <optional>
#include <set>
#include <string>

#include "access/role.h"

namespace concord::access {

enum class Credential {
  none,       // anonymous
  session,    // a signed-in person's browser session (cookie)
  api_token,  // a machine client's bearer token
  system,     // the process itself: migrations, demo data, CLI operator commands
};

struct Principal {
  std::string user_id;                         // empty when anonymous or system
  std::string username;                        // for logs and audit
  std::optional<std::string> state;            // ISO 3166-1 alpha-2 of the user's state
  std::optional<std::string> organisation_id;  // or the organisation the user belongs to
  Roles roles;
  Credential credential = Credential::none;
  bool second_factor = false;  // the session passed TOTP (or the token was issued to such a user)
  // An API token may only perform these actions ("states.read") or families ("tracing.*").
  // Empty for sessions: a session may do whatever the roles allow.
  std::set<std::string> token_scopes;
  std::string client_address;  // for the audit trail
  std::string request_id;      // for the audit trail

  bool is_anonymous() const { return credential == Credential::none; }
  bool has(Role role) const { return roles.contains(role); }

  static Principal anonymous(std::string client_address = {}, std::string request_id = {}) {
    Principal principal;
    principal.client_address = std::move(client_address);
    principal.request_id = std::move(request_id);
    return principal;
  }
  // The process acting on its own behalf (CLI run by the machine's administrator, demo data).
  static Principal system(std::string what) {
    Principal principal;
    principal.username = std::move(what);
    principal.credential = Credential::system;
    principal.second_factor = true;
    return principal;
  }
};

}  // namespace concord::access
