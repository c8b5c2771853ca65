// IdentityService: users, passwords, sessions, API tokens, TOTP second factors and sign-in
// throttling. Secrets (passwords, session and API tokens, TOTP secrets shown at enrolment) never
// leave it except once, in the reply that creates them; only hashes are stored.
// Thread-safe: state lives in the database.
//
// Identity writes are audited (audit_trail.h) but do not go to the change feed: credentials are
// not domain records that followers replicate, and the feed must never carry password hashes.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "access/audit_trail.h"
#include "access/common_passwords.h"
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
  std::optional<std::string> state;  // exactly one of state and organisation_id
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
  int throttle_free_failures = 3;   // failures before delays begin
  int throttle_lock_failures = 10;  // failures that lock the account or address
  std::chrono::minutes throttle_lock{15};
  // A key forgets its failures after this long without one.
  std::chrono::hours throttle_forget{24};
  // libsodium's minimum argon2id cost instead of INTERACTIVE. Only for test suites.
  bool fast_password_hashing_for_tests = false;
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
  // Sets a new password and revokes every session of the user. API tokens stay valid: they are
  // revoked one by one (revoke_token), since a password change need not break machine clients.
  Result<void> reset_password(const Principal& actor, const std::string& user_id,
                              const std::string& new_password);

  // --- sign-in ---
  // Checks throttling (by account and by address), the password and, when the user has TOTP
  // enabled, the code. Every failure answers the same unauthenticated error, whether or not the
  // user exists; throttled attempts answer unavailable with the wait in the message.
  // A user holding a confidential role who has not enrolled TOTP yet still signs in, with
  // principal.second_factor = false, so the policy can allow only enrolment and public reads.
  // Success forgets the account's failures but not the address's, or one valid account would let
  // an address guess other accounts' passwords without delay.
  // The throttle is checked before the password is, and failures counted after: simultaneous
  // attempts may each pass the check, so the limits can be overshot by the attempts in flight.
  Result<SessionGrant> sign_in(const std::string& username, const std::string& password,
                               const std::optional<std::string>& totp_code,
                               const std::string& client_address, const std::string& request_id);
  // The principal of a live session (touching its idle expiry at most once a minute), or
  // unauthenticated "sign in again" when it is unknown, revoked, idle or past its absolute expiry,
  // or its user is disabled. Roles are read afresh, so set_roles applies at the next request.
  Result<Principal> authenticate_session(const std::string& token);
  // True when `csrf_token` belongs to the session `session_token`.
  bool csrf_matches(const std::string& session_token, const std::string& csrf_token);
  Result<void> sign_out(const std::string& session_token);

  // --- second factor ---
  // Makes a new pending secret for the signed-in `actor` (replacing any pending one); conflict
  // when TOTP is already enabled.
  Result<TotpEnrolment> begin_totp_enrolment(const Principal& actor);
  // Enables TOTP once the user proves the app shows the right code (field "code" otherwise).
  // Sessions made before keep second_factor = false: the user signs in again with a code.
  Result<void> confirm_totp_enrolment(const Principal& actor, const std::string& code);

  // --- API tokens ---
  // Scopes are action names or families ending in ".*" ([a-z_.*], at least one); lifetime
  // defaults to 90 days, at most 365 (field "lifetime"). A token for a user who holds a
  // confidential role needs that user to have TOTP enabled (field "user") and an actor with a
  // second factor (permission_denied).
  Result<IssuedToken> issue_token(const Principal& actor, const std::string& user_id,
                                  const std::string& name, const std::set<std::string>& scopes,
                                  std::optional<std::chrono::hours> lifetime);
  Result<void> revoke_token(const Principal& actor, const std::string& token_id);
  // The principal of "cct_<id>_<secret>": credential api_token, the token's scopes, and
  // second_factor when its user has TOTP enabled. Unauthenticated when malformed, unknown,
  // tampered with, expired, revoked or its user disabled. Touches last_used_at once a minute.
  Result<Principal> authenticate_token(const std::string& token);

  const CommonPasswords& common_passwords() const;

 private:
  const std::string& dummy_password_hash() const;

  store::Database& db_;
  const ReferenceData& reference_;
  const Clock& clock_;
  IdGenerator& ids_;
  const AuditTrail& audit_;
  IdentityOptions options_;
  // Built on first use: the common-password list and a hash to verify against for unknown users
  // (so that their sign-in takes as long as a known user's).
  mutable std::once_flag common_once_;
  mutable std::unique_ptr<CommonPasswords> common_;
  mutable std::once_flag dummy_once_;
  mutable std::string dummy_hash_;
};

// Password rules (check_password_strength) live in passwords.h: it takes the CommonPasswords
// list, which needs ReferenceData for country names; the service holds one (common_passwords()).

// TOTP (RFC 6238, HMAC-SHA1, 30 s, 6 digits) for `secret` at `time`; exposed for tests.
std::string totp_code(const std::string& secret_bytes, TimePoint time);

}  // namespace concord::access
