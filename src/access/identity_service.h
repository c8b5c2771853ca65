// IdentityService: users, passwords, sessions, API tokens, TOTP second factors and sign-in
// throttling. Secrets (passwords, session and API tokens, TOTP secrets shown at enrolment) never
// leave it except once, in the reply that creates them; only hashes are stored.
// Thread-safe: state lives in the database.
#pragma once

#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/principal.h"
#include "access/role.h"
#include "core/clock.h"
#include "core/id.h"
#include "core/reference_data.h"
#include "core/result.h"
#include "store/database.h"

namespace concord::access {

struct User {
  std::string id;
  std::string username;  // lower case, 3..64 of [a-z0-9._-]
  std::string display_name;
  std::optional<std::string> state;            // exactly one of state and organisation_id
  std::optional<std::string> organisation_id;
  Roles roles;
  bool totp_enabled = false;
  std::optional<std::string> disabled_at;
  std::string created_at;
};

struct NewUser {
  std::string username;
  std::string display_name;
  std::optional<std::string> state;
  std::optional<std::string> organisation_id;
  std::vector<std::string> roles;  // names, validated
  std::string password;
};

struct SessionGrant {
  std::string token;       // 256-bit random, base64url; goes in the HttpOnly cookie
  std::string csrf_token;  // sent back in X-CSRF-Token on every state-changing request
  std::string expires_at;  // the absolute expiry
  Principal principal;
};

struct IssuedToken {
  std::string id;
  std::string token;  // shown once: "cct_" + id + "_" + secret
  std::set<std::string> scopes;
  std::string expires_at;
};

struct TotpEnrolment {
  std::string secret_base32;
  std::string otpauth_uri;  // otpauth://totp/Concord:USERNAME?secret=...&issuer=Concord&...
};

struct IdentityOptions {
  std::chrono::minutes session_idle{30};
  std::chrono::hours session_absolute{12};
  std::chrono::hours token_default_lifetime{24 * 90};
  std::chrono::hours token_max_lifetime{24 * 365};
  int throttle_free_failures = 3;       // failures before delays begin
  int throttle_lock_failures = 10;      // failures that lock the account or address
  std::chrono::minutes throttle_lock{15};
};

class IdentityService {
 public:
  IdentityService(store::Database& db, const ReferenceData& reference, const Clock& clock,
                  IdGenerator& ids, const AuditTrail& audit, IdentityOptions options = {});

  // --- users (operator tools; the caller has been authorised) ---
  // Errors name the field: username (taken, malformed), password (too short, too common),
  // state (unknown), organisation_id (unknown), roles (unknown role, or none).
  Result<User> create_user(const Principal& actor, const NewUser& input);
  Result<std::vector<User>> list_users();
  Result<User> get_user(const std::string& user_id);
  Result<User> find_user_by_username(const std::string& username);
  Result<User> disable_user(const Principal& actor, const std::string& user_id);
  Result<User> set_roles(const Principal& actor, const std::string& user_id,
                         const std::vector<std::string>& roles);
  // Sets a new password and revokes every session of the user.
  Result<void> reset_password(const Principal& actor, const std::string& user_id,
                              const std::string& new_password);

  // --- sign-in ---
  // Checks throttling (by account and by address), the password and, when the user has TOTP
  // enabled, the code. Every failure answers the same unauthenticated error, whether or not the
  // user exists; throttled attempts answer unavailable with the wait in the message.
  Result<SessionGrant> sign_in(const std::string& username, const std::string& password,
                               const std::optional<std::string>& totp_code,
                               const std::string& client_address, const std::string& request_id);
  // The principal of a live session (touching its idle expiry), or unauthenticated.
  Result<Principal> authenticate_session(const std::string& token);
  // True when `csrf_token` belongs to the session `session_token`.
  bool csrf_matches(const std::string& session_token, const std::string& csrf_token);
  Result<void> sign_out(const std::string& session_token);

  // --- second factor ---
  Result<TotpEnrolment> begin_totp_enrolment(const Principal& actor);
  // Enables TOTP once the user proves the app shows the right code.
  Result<void> confirm_totp_enrolment(const Principal& actor, const std::string& code);

  // --- API tokens ---
  Result<IssuedToken> issue_token(const Principal& actor, const std::string& user_id,
                                  const std::string& name, const std::set<std::string>& scopes,
                                  std::optional<std::chrono::hours> lifetime);
  Result<void> revoke_token(const Principal& actor, const std::string& token_id);
  Result<Principal> authenticate_token(const std::string& token);

 private:
  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const AuditTrail& audit_;
  IdentityOptions options_;
};

// Password rules: at least 12 characters, not a common password (generated list, see
// common_passwords.h). Errors name the field "password".
Result<void> check_password_strength(const std::string& password, const std::string& username);

// TOTP (RFC 6238, HMAC-SHA1, 30 s, 6 digits) for `secret` at `time`; exposed for tests.
std::string totp_code(const std::string& secret_bytes, TimePoint time);

}  // namespace concord::access
