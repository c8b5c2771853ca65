#include "access/identity_service.h"

#include <map>
#include <nlohmann/json.hpp>

#include "access/passwords.h"
#include "access/policy.h"
#include "access/secret_tokens.h"
#include "access/sign_in_throttle.h"
#include "access/totp.h"
#include "core/text.h"

namespace concord::access {
namespace {

using namespace std::chrono;
using store::Row;
using store::Transaction;
using store::TransactionMode;
using store::Value;

constexpr std::string_view kTokenPrefix = "cct_";
constexpr size_t kIdLength = 26;
constexpr auto kTouchInterval = minutes(1);  // last_seen_at / last_used_at written at most so often
constexpr size_t kMaxScopes = 50;
constexpr size_t kMaxScopeLength = 100;

// The one answer to every failed sign-in, so that it says nothing about which part was wrong.
Error wrong_credentials() {
  return {ErrorCode::unauthenticated, "wrong username, password or code", ""};
}
Error sign_in_again() {
  return {ErrorCode::unauthenticated, "sign in again", ""};
}
Error bad_api_token() {
  return {ErrorCode::unauthenticated, "the API token is unknown, expired or revoked", ""};
}

// A user row with the secrets that never leave this file.
struct Account {
  User user;
  std::string password_hash;
  std::optional<std::string> totp_secret;  // base32
  std::optional<std::int64_t> totp_last_step;
};

constexpr std::string_view kAccountColumns =
    "id, username, display_name, state, organisation_id, password_hash, totp_secret, "
    "totp_enabled, totp_last_step, disabled_at, created_at";

Account account_from_row(const Row& row) {
  Account account;
  account.user.id = row.text(0);
  account.user.username = row.text(1);
  account.user.display_name = row.text(2);
  account.user.state = row.optional_text(3);
  account.user.organisation_id = row.optional_text(4);
  account.password_hash = row.text(5);
  account.totp_secret = row.optional_text(6);
  account.user.totp_enabled = row.integer(7) != 0;
  account.totp_last_step = row.optional_integer(8);
  account.user.disabled_at = row.optional_text(9);
  account.user.created_at = row.text(10);
  return account;
}

Result<Roles> load_roles(Transaction& tx, const std::string& user_id) {
  CONCORD_ASSIGN_OR_RETURN(auto rows,
                           tx.query("SELECT role FROM user_roles WHERE user_id = $1", {user_id}));
  Roles roles;
  for (const auto& row : rows.rows) {
    if (auto role = role_from_string(row.text(0))) roles.insert(*role);
  }
  return roles;
}

enum class Key { id, username };

// The account whose id or username is `value`, with its roles; nullopt when there is none.
Result<std::optional<Account>> load_account(Transaction& tx, Key key, const std::string& value) {
  const std::string sql = "SELECT " + std::string(kAccountColumns) + " FROM users WHERE " +
                          (key == Key::id ? "id" : "username") + " = $1";
  CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query(sql, {value}));
  if (rows.rows.empty()) return std::optional<Account>();
  Account account = account_from_row(rows.rows.front());
  CONCORD_ASSIGN_OR_RETURN(account.user.roles, load_roles(tx, account.user.id));
  return std::optional<Account>(std::move(account));
}

Result<Account> require_account(Transaction& tx, const std::string& user_id) {
  CONCORD_ASSIGN_OR_RETURN(auto account, load_account(tx, Key::id, user_id));
  if (!account) return Error::not_found("user_id", "no user with id '" + user_id + "'");
  return std::move(*account);
}

Value optional_value(const std::optional<std::string>& text) {
  return text ? Value(*text) : Value();
}

std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool is_valid_username(std::string_view username) {
  if (username.size() < 3 || username.size() > 64) return false;
  for (char c : username) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::string> checked_username(std::string_view raw) {
  std::string username = lower_ascii(trim(raw));
  if (!is_valid_username(username)) {
    return Error::invalid("username",
                          "username must be 3 to 64 characters of a-z, 0-9, '.', '_' and '-'");
  }
  return username;
}

Result<std::string> checked_text(const std::string& field, std::string_view raw, size_t min_length,
                                 size_t max_length) {
  const std::string_view text = trim(raw);
  const auto length = utf8_length(text);
  if (!length) return Error::invalid(field, field + " is not valid UTF-8");
  if (has_control_characters(text)) {
    return Error::invalid(field, field + " contains control characters");
  }
  if (*length < min_length || *length > max_length) {
    return Error::invalid(field, field + " must be " + std::to_string(min_length) + " to " +
                                     std::to_string(max_length) + " characters");
  }
  return std::string(text);
}

Result<Roles> checked_roles(const std::vector<std::string>& names) {
  if (names.empty()) return Error::invalid("roles", "give at least one role: " + roles_list());
  Roles roles;
  for (const std::string& name : names) {
    auto role = role_from_string(name);
    if (!role) {
      return Error::invalid("roles", "unknown role '" + name + "'; roles are " + roles_list());
    }
    roles.insert(*role);
  }
  return roles;
}

nlohmann::json roles_json(const Roles& roles) {
  nlohmann::json out = nlohmann::json::array();
  for (Role role : roles)
    out.push_back(std::string(to_string(role)));
  return out;
}

bool holds_confidential_role(const Roles& roles) {
  for (Role role : roles) {
    if (reads_confidential_records(role)) return true;
  }
  return false;
}

Principal principal_for(const User& user, Credential credential, bool second_factor) {
  Principal principal;
  principal.user_id = user.id;
  principal.username = user.username;
  principal.state = user.state;
  principal.organisation_id = user.organisation_id;
  principal.roles = user.roles;
  principal.credential = credential;
  principal.second_factor = second_factor;
  return principal;
}

AuditEvent user_event(std::string action, const User& user, const nlohmann::json& details,
                      Outcome outcome = Outcome::success) {
  return {std::move(action), "user", user.id, user.state, outcome, details.dump()};
}

// "states.read", "tracing.*": lower-case words joined by dots, '*' only as a whole last word.
bool is_valid_scope(std::string_view scope) {
  if (scope.empty() || scope.size() > kMaxScopeLength) return false;
  if (scope.front() == '.' || scope.back() == '.') return false;
  for (size_t i = 0; i < scope.size(); ++i) {
    const char c = scope[i];
    if (c == '*') {
      if (i != scope.size() - 1 || i < 2 || scope[i - 1] != '.') return false;
    } else if (c == '.') {
      if (scope[i + 1] == '.') return false;
    } else if (!((c >= 'a' && c <= 'z') || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string join_scopes(const std::set<std::string>& scopes) {
  std::string out;
  for (const std::string& scope : scopes) {
    if (!out.empty()) out += ' ';
    out += scope;
  }
  return out;
}

std::set<std::string> split_scopes(std::string_view text) {
  std::set<std::string> scopes;
  while (!text.empty()) {
    const size_t space = text.find(' ');
    if (space != 0) scopes.emplace(text.substr(0, space));
    if (space == std::string_view::npos) break;
    text.remove_prefix(space + 1);
  }
  return scopes;
}

PasswordCost cost_of(const IdentityOptions& options) {
  return options.fast_password_hashing_for_tests ? PasswordCost::minimal
                                                 : PasswordCost::interactive;
}

bool is_past(const std::string& deadline, TimePoint now) {
  const auto parsed = parse_iso8601(deadline);
  return !parsed || *parsed <= now;
}

}  // namespace

IdentityService::IdentityService(store::Database& db, const ReferenceData& reference,
                                 const Clock& clock, IdGenerator& ids, const AuditTrail& audit,
                                 IdentityOptions options)
    : db_(db), reference_(reference), clock_(clock), ids_(ids), audit_(audit), options_(options) {}

const CommonPasswords& IdentityService::common_passwords() const {
  std::call_once(common_once_,
                 [this] { common_ = std::make_unique<CommonPasswords>(&reference_); });
  return *common_;
}

const std::string& IdentityService::dummy_password_hash() const {
  std::call_once(dummy_once_, [this] {
    auto hashed = hash_password(random_token(), cost_of(options_));
    // Without memory for one hash no sign-in can succeed either; an unparsable hash still makes
    // verification fail, only faster.
    dummy_hash_ = hashed.ok() ? *hashed : std::string("$argon2id$unavailable");
  });
  return dummy_hash_;
}

// --- users ---

Result<User> IdentityService::create_user(const Principal& actor, const NewUser& input) {
  CONCORD_TRY(authorize(actor, "users.create"));
  User user;
  CONCORD_ASSIGN_OR_RETURN(user.username, checked_username(input.username));
  CONCORD_ASSIGN_OR_RETURN(user.display_name,
                           checked_text("display_name", input.display_name, 1, 200));
  if (input.state.has_value() == input.organisation_id.has_value()) {
    return Error::invalid("state",
                          "a user belongs to exactly one of a state and an organisation_id");
  }
  if (input.state) {
    std::string code(trim(*input.state));
    for (char& c : code) {
      if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    }
    if (reference_.country(code) == nullptr) {
      return Error::invalid("state", "state must be an ISO 3166-1 alpha-2 code such as KE, got '" +
                                         *input.state + "'");
    }
    user.state = code;
  } else {
    user.organisation_id = std::string(trim(*input.organisation_id));
  }
  CONCORD_ASSIGN_OR_RETURN(user.roles, checked_roles(input.roles));
  CONCORD_TRY(check_password_strength(input.password, user.username, common_passwords()));
  // Hashing takes tens of milliseconds, so it happens before the transaction opens.
  CONCORD_ASSIGN_OR_RETURN(const std::string password_hash,
                           hash_password(input.password, cost_of(options_)));
  user.id = ids_.next();
  user.created_at = format_iso8601(clock_.now());

  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<User> {
        if (user.organisation_id) {
          CONCORD_ASSIGN_OR_RETURN(
              auto found,
              tx.query("SELECT id FROM organisations WHERE id = $1", {*user.organisation_id}));
          if (found.rows.empty()) {
            return Error::invalid("organisation_id",
                                  "no organisation with id '" + *user.organisation_id + "'");
          }
        }
        CONCORD_ASSIGN_OR_RETURN(
            const std::int64_t inserted,
            tx.execute("INSERT INTO users (id, username, display_name, state, organisation_id, "
                       "password_hash, password_changed_at, totp_enabled, created_at) VALUES "
                       "($1, $2, $3, $4, $5, $6, $7, 0, $7) ON CONFLICT (username) DO NOTHING",
                       {user.id, user.username, user.display_name, optional_value(user.state),
                        optional_value(user.organisation_id), password_hash, user.created_at}));
        if (inserted == 0) {
          return Error{ErrorCode::already_exists, "the username '" + user.username + "' is taken",
                       "username"};
        }
        for (Role role : user.roles) {
          CONCORD_TRY(tx.execute("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                                 {user.id, std::string(to_string(role))}));
        }
        nlohmann::json details = {{"username", user.username}, {"roles", roles_json(user.roles)}};
        if (user.organisation_id) details["organisation_id"] = *user.organisation_id;
        CONCORD_TRY(audit_.record(tx, actor, user_event("users.create", user, details)));
        return user;
      });
}

Result<std::vector<User>> IdentityService::list_users() {
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::vector<User>> {
        CONCORD_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT " + std::string(kAccountColumns) +
                                                     " FROM users ORDER BY username"));
        CONCORD_ASSIGN_OR_RETURN(auto role_rows, tx.query("SELECT user_id, role FROM user_roles"));
        std::map<std::string, Roles> roles;
        for (const auto& row : role_rows.rows) {
          if (auto role = role_from_string(row.text(1))) roles[row.text(0)].insert(*role);
        }
        std::vector<User> users;
        users.reserve(rows.rows.size());
        for (const auto& row : rows.rows) {
          User user = account_from_row(row).user;
          user.roles = roles[user.id];
          users.push_back(std::move(user));
        }
        return users;
      });
}

Result<User> IdentityService::get_user(const std::string& user_id) {
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<User> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, user_id));
        return account.user;
      });
}

Result<User> IdentityService::find_user_by_username(const std::string& username) {
  const std::string key = lower_ascii(trim(username));
  return store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<User> {
        CONCORD_ASSIGN_OR_RETURN(auto account, load_account(tx, Key::username, key));
        if (!account) return Error::not_found("username", "no user named '" + key + "'");
        return account->user;
      });
}

Result<User> IdentityService::disable_user(const Principal& actor, const std::string& user_id) {
  CONCORD_TRY(authorize(actor, "users.disable"));
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<User> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, user_id));
        if (account.user.disabled_at) return account.user;  // already disabled: nothing changes
        CONCORD_TRY(tx.execute("UPDATE users SET disabled_at = $1 WHERE id = $2", {now, user_id}));
        // Sessions would be refused anyway; revoking them also ends them for good if the user is
        // ever enabled again. Tokens are refused while the user is disabled.
        CONCORD_ASSIGN_OR_RETURN(
            const std::int64_t sessions,
            tx.execute("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS "
                       "NULL",
                       {now, user_id}));
        account.user.disabled_at = now;
        CONCORD_TRY(audit_.record(
            tx, actor,
            user_event("users.disable", account.user,
                       {{"username", account.user.username}, {"sessions_revoked", sessions}})));
        return account.user;
      });
}

Result<User> IdentityService::set_roles(const Principal& actor, const std::string& user_id,
                                        const std::vector<std::string>& roles) {
  CONCORD_TRY(authorize(actor, "users.set_roles"));
  CONCORD_ASSIGN_OR_RETURN(const Roles wanted, checked_roles(roles));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<User> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, user_id));
        const Roles before = account.user.roles;
        CONCORD_TRY(tx.execute("DELETE FROM user_roles WHERE user_id = $1", {user_id}));
        for (Role role : wanted) {
          CONCORD_TRY(tx.execute("INSERT INTO user_roles (user_id, role) VALUES ($1, $2)",
                                 {user_id, std::string(to_string(role))}));
        }
        account.user.roles = wanted;
        CONCORD_TRY(audit_.record(tx, actor,
                                  user_event("users.set_roles", account.user,
                                             {{"username", account.user.username},
                                              {"before", roles_json(before)},
                                              {"after", roles_json(wanted)}})));
        return account.user;
      });
}

Result<void> IdentityService::reset_password(const Principal& actor, const std::string& user_id,
                                             const std::string& new_password) {
  CONCORD_TRY(authorize(actor, "users.reset_password"));
  CONCORD_ASSIGN_OR_RETURN(const User user, get_user(user_id));
  CONCORD_TRY(check_password_strength(new_password, user.username, common_passwords()));
  CONCORD_ASSIGN_OR_RETURN(const std::string password_hash,
                           hash_password(new_password, cost_of(options_)));
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        CONCORD_TRY(tx.execute(
            "UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3",
            {password_hash, now, user_id}));
        CONCORD_ASSIGN_OR_RETURN(
            const std::int64_t sessions,
            tx.execute("UPDATE sessions SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS "
                       "NULL",
                       {now, user_id}));
        CONCORD_TRY(audit_.record(
            tx, actor,
            user_event("users.reset_password", user,
                       {{"username", user.username}, {"sessions_revoked", sessions}})));
        return ok();
      });
}

// --- sign-in ---

Result<SessionGrant> IdentityService::sign_in(const std::string& username,
                                              const std::string& password,
                                              const std::optional<std::string>& totp_code,
                                              const std::string& client_address,
                                              const std::string& request_id) {
  const TimePoint now = clock_.now();
  const ThrottlePolicy policy{options_.throttle_free_failures, options_.throttle_lock_failures,
                              options_.throttle_lock, options_.throttle_forget};
  const std::string name = lower_ascii(trim(username));
  const bool plausible = is_valid_username(name);
  // A name that cannot be a username shares one key: it can never succeed, and whatever was
  // typed (a pasted password, a NUL byte) stays out of the table.
  const std::string account_key = plausible ? "account:" + name : "account:(not a username)";
  const std::string address_key = "address:" + client_address.substr(0, 100);
  const bool by_address = !client_address.empty();
  const Principal anonymous = Principal::anonymous(client_address, request_id);

  auto refuse = [&](const std::optional<Account>& account, const std::string& reason,
                    bool count_failure) -> Result<void> {
    return store::in_transaction(
        db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
          if (count_failure) {
            CONCORD_TRY(record_throttle_failure(tx, account_key, now, policy));
            if (by_address) CONCORD_TRY(record_throttle_failure(tx, address_key, now, policy));
          }
          // An unknown name is not echoed: people type passwords into the username field.
          AuditEvent event{
              "session.sign_in", "user",          "",
              std::nullopt,      Outcome::failed, nlohmann::json{{"reason", reason}}.dump()};
          if (account) {
            event = user_event("session.sign_in", account->user,
                               {{"username", account->user.username}, {"reason", reason}},
                               Outcome::failed);
          }
          return audit_.record(tx, anonymous, event);
        });
  };

  // Made before anything else, so that the first unknown-user attempt is not slower than the rest.
  const std::string& dummy_hash = dummy_password_hash();

  // 1. Throttling and the account, read without holding a write lock during the slow hash.
  std::optional<Account> account;
  auto throttled =
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<void> {
        CONCORD_TRY(check_throttle(tx, account_key, now, policy));
        if (by_address) CONCORD_TRY(check_throttle(tx, address_key, now, policy));
        if (plausible) {
          CONCORD_ASSIGN_OR_RETURN(account, load_account(tx, Key::username, name));
        }
        return ok();
      });
  if (!throttled.ok()) {
    if (throttled.error().code != ErrorCode::unavailable) return std::move(throttled).error();
    // Not counted as a failure: a throttled attempt tested nothing.
    CONCORD_TRY(refuse(std::nullopt, "throttled", false));
    return std::move(throttled).error();
  }

  // 2. The password, against a fixed hash when there is no such user, so the time taken does not
  // tell whether the name exists.
  const bool password_ok = verify_password(account ? account->password_hash : dummy_hash, password);
  std::string failure;
  std::optional<std::int64_t> totp_step_used;
  if (!account) {
    failure = "unknown user";
  } else if (!password_ok) {
    failure = "wrong password";
  } else if (account->user.disabled_at) {
    failure = "user disabled";
  } else if (account->user.totp_enabled) {
    // Anyone who enabled TOTP must give a code, whatever their roles.
    const auto secret = base32_decode(account->totp_secret.value_or(""));
    if (!totp_code || !secret) {
      failure = "code missing";
    } else {
      totp_step_used = match_totp(*secret, trim(*totp_code), now, account->totp_last_step);
      if (!totp_step_used) failure = "wrong code";
    }
  }
  if (!failure.empty()) {
    CONCORD_TRY(refuse(account, failure, true));
    return wrong_credentials();
  }

  // 3. Success: a session, the account's throttle forgotten, the code's step used up.
  const PasswordCost cost = cost_of(options_);
  std::optional<std::string> rehashed;
  if (password_needs_rehash(account->password_hash, cost)) {
    auto fresh = hash_password(password, cost);
    if (fresh.ok()) rehashed = std::move(fresh).value();
  }
  SessionGrant grant;
  grant.token = random_token();
  grant.csrf_token = random_token();
  grant.expires_at = format_iso8601(now + duration_cast<milliseconds>(options_.session_absolute));
  grant.principal = principal_for(account->user, Credential::session, totp_step_used.has_value());
  grant.principal.client_address = client_address;
  grant.principal.request_id = request_id;
  const std::string now_text = format_iso8601(now);
  auto granted =
      store::in_transaction(db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        if (totp_step_used) {
          // Conditional, so that two sign-ins racing with one code cannot both use it.
          CONCORD_ASSIGN_OR_RETURN(
              const std::int64_t used,
              tx.execute("UPDATE users SET totp_last_step = $1 WHERE id = $2 AND "
                         "(totp_last_step IS NULL OR totp_last_step < $1)",
                         {*totp_step_used, account->user.id}));
          if (used == 0) return wrong_credentials();
        }
        if (rehashed) {
          CONCORD_TRY(tx.execute("UPDATE users SET password_hash = $1 WHERE id = $2",
                                 {*rehashed, account->user.id}));
        }
        CONCORD_TRY(reset_throttle(tx, account_key));
        CONCORD_TRY(tx.execute(
            "INSERT INTO sessions (id, token_hash, csrf_hash, user_id, created_at, last_seen_at, "
            "expires_at, second_factor) VALUES ($1, $2, $3, $4, $5, $5, $6, $7)",
            {ids_.next(), token_hash(grant.token), token_hash(grant.csrf_token), account->user.id,
             now_text, grant.expires_at, std::int64_t{totp_step_used ? 1 : 0}}));
        return audit_.record(tx, grant.principal,
                             user_event("session.sign_in", account->user,
                                        {{"username", account->user.username},
                                         {"second_factor", grant.principal.second_factor}}));
      });
  if (!granted.ok()) {
    if (granted.error().code == ErrorCode::unauthenticated) {
      CONCORD_TRY(refuse(account, "code already used", true));
    }
    return std::move(granted).error();
  }
  return grant;
}

Result<Principal> IdentityService::authenticate_session(const std::string& token) {
  if (token.size() != random_token_length() || !is_base64url(token)) return sign_in_again();
  const TimePoint now = clock_.now();
  struct Found {
    std::string id;
    std::string last_seen_at;
    bool second_factor = false;
    Account account;
  };
  auto found =
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Found> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows,
            tx.query("SELECT id, user_id, last_seen_at, expires_at, revoked_at, second_factor "
                     "FROM sessions WHERE token_hash = $1",
                     {token_hash(token)}));
        if (rows.rows.empty()) return sign_in_again();
        const Row& row = rows.rows.front();
        if (!row.is_null(4) || is_past(row.text(3), now)) return sign_in_again();
        const auto last_seen = parse_iso8601(row.text(2));
        if (!last_seen || now >= *last_seen + duration_cast<milliseconds>(options_.session_idle)) {
          return sign_in_again();
        }
        CONCORD_ASSIGN_OR_RETURN(auto account, load_account(tx, Key::id, row.text(1)));
        if (!account || account->user.disabled_at) return sign_in_again();
        return Found{row.text(0), row.text(2), row.integer(5) != 0, std::move(*account)};
      });
  if (!found.ok()) return std::move(found).error();
  const auto last_seen = parse_iso8601(found->last_seen_at);
  if (last_seen && now - *last_seen >= kTouchInterval) {
    auto touched = store::in_transaction(
        db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::int64_t> {
          return tx.execute(
              "UPDATE sessions SET last_seen_at = $1 WHERE id = $2 AND revoked_at IS NULL",
              {format_iso8601(now), found->id});
        });
    if (!touched.ok()) return std::move(touched).error();
  }
  return principal_for(found->account.user, Credential::session, found->second_factor);
}

bool IdentityService::csrf_matches(const std::string& session_token,
                                   const std::string& csrf_token) {
  if (session_token.size() != random_token_length() || csrf_token.size() != random_token_length()) {
    return false;
  }
  auto stored = store::in_transaction(
      db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<std::string> {
        CONCORD_ASSIGN_OR_RETURN(auto rows,
                                 tx.query("SELECT csrf_hash FROM sessions WHERE token_hash = $1",
                                          {token_hash(session_token)}));
        if (rows.rows.empty()) return Error::not_found("", "no such session");
        return rows.rows.front().text(0);
      });
  return stored.ok() && constant_time_equal(*stored, token_hash(csrf_token));
}

Result<void> IdentityService::sign_out(const std::string& session_token) {
  if (session_token.size() != random_token_length()) return ok();  // nothing to end
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows, tx.query("SELECT id, user_id FROM sessions WHERE token_hash = $1 AND "
                                "revoked_at IS NULL",
                                {token_hash(session_token)}));
        if (rows.rows.empty()) return ok();  // signing out twice is not an error
        CONCORD_TRY(tx.execute("UPDATE sessions SET revoked_at = $1 WHERE id = $2",
                               {now, rows.rows.front().text(0)}));
        CONCORD_ASSIGN_OR_RETURN(auto account,
                                 load_account(tx, Key::id, rows.rows.front().text(1)));
        if (!account) return ok();
        return audit_.record(
            tx, principal_for(account->user, Credential::session, false),
            user_event("session.sign_out", account->user, {{"username", account->user.username}}));
      });
}

// --- second factor ---

Result<TotpEnrolment> IdentityService::begin_totp_enrolment(const Principal& actor) {
  CONCORD_TRY(authorize(actor, "session.totp_enrol"));
  if (actor.user_id.empty()) {
    return Error{ErrorCode::unauthenticated, "sign in to enrol a second factor", ""};
  }
  const std::string secret = base32_encode(random_bytes(kTotpSecretBytes));
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<TotpEnrolment> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, actor.user_id));
        if (account.user.totp_enabled) {
          return Error{ErrorCode::conflict, "a second factor is already enabled", ""};
        }
        CONCORD_TRY(
            tx.execute("UPDATE users SET totp_secret = $1, totp_last_step = NULL WHERE id = $2 AND "
                       "totp_enabled = 0",
                       {secret, actor.user_id}));
        return TotpEnrolment{secret, otpauth_uri(account.user.username, secret)};
      });
}

Result<void> IdentityService::confirm_totp_enrolment(const Principal& actor,
                                                     const std::string& code) {
  CONCORD_TRY(authorize(actor, "session.totp_enrol"));
  if (actor.user_id.empty()) {
    return Error{ErrorCode::unauthenticated, "sign in to enrol a second factor", ""};
  }
  const TimePoint now = clock_.now();
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, actor.user_id));
        if (account.user.totp_enabled) {
          return Error{ErrorCode::conflict, "a second factor is already enabled", ""};
        }
        const auto secret = base32_decode(account.totp_secret.value_or(""));
        if (!account.totp_secret || !secret) {
          return Error{ErrorCode::conflict, "no enrolment is pending; begin one first", ""};
        }
        std::string digits;
        for (char c : code) {
          if (c != ' ') digits += c;
        }
        const auto step = match_totp(*secret, digits, now, account.totp_last_step);
        if (!step) {
          return Error::invalid("code",
                                "the code does not match; check that the device's clock is "
                                "right and enter the code it shows now");
        }
        CONCORD_ASSIGN_OR_RETURN(
            const std::int64_t enabled,
            tx.execute("UPDATE users SET totp_enabled = 1, totp_last_step = $1 WHERE id = $2 AND "
                       "totp_enabled = 0 AND totp_secret = $3",
                       {*step, actor.user_id, *account.totp_secret}));
        if (enabled == 0) {
          return Error{ErrorCode::conflict, "the enrolment changed meanwhile; begin again", ""};
        }
        account.user.totp_enabled = true;
        return audit_.record(
            tx, actor,
            user_event("session.totp_enable", account.user, {{"username", account.user.username}}));
      });
}

// --- API tokens ---

Result<IssuedToken> IdentityService::issue_token(const Principal& actor, const std::string& user_id,
                                                 const std::string& name,
                                                 const std::set<std::string>& scopes,
                                                 std::optional<std::chrono::hours> lifetime) {
  CONCORD_TRY(authorize(actor, "tokens.issue"));
  CONCORD_ASSIGN_OR_RETURN(const std::string token_name, checked_text("name", name, 1, 100));
  if (scopes.empty()) {
    return Error::invalid("scopes",
                          "give at least one scope: an action such as states.read or a "
                          "family such as tracing.*");
  }
  if (scopes.size() > kMaxScopes) {
    return Error::invalid("scopes", "at most " + std::to_string(kMaxScopes) + " scopes");
  }
  for (const std::string& scope : scopes) {
    if (!is_valid_scope(scope)) {
      return Error::invalid("scopes", "scope '" + scope +
                                          "' is neither an action such as states.read nor a "
                                          "family such as tracing.*");
    }
  }
  const hours life = lifetime.value_or(options_.token_default_lifetime);
  if (life < hours(1)) return Error::invalid("lifetime", "lifetime must be at least one hour");
  if (life > options_.token_max_lifetime) {
    return Error::invalid("lifetime", "lifetime must be at most " +
                                          std::to_string(options_.token_max_lifetime.count() / 24) +
                                          " days");
  }
  const TimePoint now = clock_.now();
  IssuedToken issued;
  issued.id = ids_.next();
  issued.token = std::string(kTokenPrefix) + issued.id + "_" + random_token();
  issued.scopes = scopes;
  issued.expires_at = format_iso8601(now + duration_cast<milliseconds>(life));

  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<IssuedToken> {
        CONCORD_ASSIGN_OR_RETURN(Account account, require_account(tx, user_id));
        if (account.user.disabled_at) {
          return Error{ErrorCode::conflict, "the user is disabled", "user"};
        }
        if (holds_confidential_role(account.user.roles)) {
          // A token would otherwise be a way around the second factor its user must have.
          if (!account.user.totp_enabled) {
            return Error::invalid("user", "enable a second factor first: " + account.user.username +
                                              " holds a role that reads confidential records");
          }
          if (!actor.second_factor) {
            return Error{ErrorCode::permission_denied,
                         "issuing a token for a confidential role needs a session with a second "
                         "factor",
                         "user"};
          }
        }
        CONCORD_TRY(
            tx.execute("INSERT INTO api_tokens (id, token_hash, user_id, name, scopes, created_at, "
                       "expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7)",
                       {issued.id, token_hash(issued.token), user_id, token_name,
                        join_scopes(scopes), format_iso8601(now), issued.expires_at}));
        CONCORD_TRY(audit_.record(
            tx, actor,
            AuditEvent{"tokens.issue", "api_token", issued.id, account.user.state, Outcome::success,
                       nlohmann::json{{"user_id", user_id},
                                      {"username", account.user.username},
                                      {"name", token_name},
                                      {"scopes", join_scopes(scopes)},
                                      {"expires_at", issued.expires_at}}
                           .dump()}));
        return issued;
      });
}

Result<void> IdentityService::revoke_token(const Principal& actor, const std::string& token_id) {
  CONCORD_TRY(authorize(actor, "tokens.revoke"));
  const std::string now = format_iso8601(clock_.now());
  return store::in_transaction(
      db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<void> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows, tx.query("SELECT t.user_id, t.name, t.revoked_at, u.state, u.username FROM "
                                "api_tokens t JOIN users u ON u.id = t.user_id WHERE t.id = $1",
                                {token_id}));
        if (rows.rows.empty()) {
          return Error::not_found("token_id", "no API token with id '" + token_id + "'");
        }
        const Row& row = rows.rows.front();
        if (!row.is_null(2)) return ok();  // already revoked
        CONCORD_TRY(
            tx.execute("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2", {now, token_id}));
        return audit_.record(
            tx, actor,
            AuditEvent{
                "tokens.revoke", "api_token", token_id, row.optional_text(3), Outcome::success,
                nlohmann::json{
                    {"user_id", row.text(0)}, {"username", row.text(4)}, {"name", row.text(1)}}
                    .dump()});
      });
}

Result<Principal> IdentityService::authenticate_token(const std::string& token) {
  // "cct_" + 26-character id + "_" + 43-character secret; the secret may itself hold '_'.
  const size_t secret_at = kTokenPrefix.size() + kIdLength + 1;
  if (token.size() != secret_at + random_token_length() || !token.starts_with(kTokenPrefix) ||
      token[secret_at - 1] != '_' || !is_base64url(token.substr(secret_at))) {
    return bad_api_token();
  }
  const std::string id = token.substr(kTokenPrefix.size(), kIdLength);
  if (!is_valid_id(id)) return bad_api_token();
  const TimePoint now = clock_.now();
  struct Found {
    std::set<std::string> scopes;
    std::optional<std::string> last_used_at;
    Account account;
  };
  auto found =
      store::in_transaction(db_, TransactionMode::read_only, [&](Transaction& tx) -> Result<Found> {
        CONCORD_ASSIGN_OR_RETURN(
            auto rows, tx.query("SELECT token_hash, user_id, scopes, expires_at, revoked_at, "
                                "last_used_at FROM api_tokens WHERE id = $1",
                                {id}));
        if (rows.rows.empty()) return bad_api_token();
        const Row& row = rows.rows.front();
        if (!constant_time_equal(row.text(0), token_hash(token))) return bad_api_token();
        if (!row.is_null(4) || is_past(row.text(3), now)) return bad_api_token();
        CONCORD_ASSIGN_OR_RETURN(auto account, load_account(tx, Key::id, row.text(1)));
        if (!account || account->user.disabled_at) return bad_api_token();
        return Found{split_scopes(row.text(2)), row.optional_text(5), std::move(*account)};
      });
  if (!found.ok()) return std::move(found).error();
  const auto last_used = found->last_used_at ? parse_iso8601(*found->last_used_at) : std::nullopt;
  if (!last_used || now - *last_used >= kTouchInterval) {
    auto touched = store::in_transaction(
        db_, TransactionMode::read_write, [&](Transaction& tx) -> Result<std::int64_t> {
          return tx.execute("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2",
                            {format_iso8601(now), id});
        });
    if (!touched.ok()) return std::move(touched).error();
  }
  Principal principal =
      principal_for(found->account.user, Credential::api_token, found->account.user.totp_enabled);
  principal.token_scopes = std::move(found->scopes);
  return principal;
}

}  // namespace concord::access
