// IdentityService on both backends: users, sessions and their expiry, CSRF, throttling, TOTP and
// API tokens. Time moves with a ManualClock; passwords hash at libsodium's minimum cost.
#include <gtest/gtest.h>

#include "access/identity_service.h"
#include "access/secret_tokens.h"
#include "access/totp.h"
#include "store/migrations.h"
#include "support/test_database.h"

namespace concord::access {
namespace {

using namespace std::chrono;
using store::Transaction;
using store::TransactionMode;

const ReferenceData& reference() {
  static const auto loaded = ReferenceData::load("/usr/share/iso-codes/json");
  return **loaded;
}

constexpr std::string_view kPassword = "gentle-otter-invoice-lamp";
constexpr std::string_view kAddress = "192.0.2.10";

class Identity : public ::testing::TestWithParam<store::Backend> {
 protected:
  void SetUp() override {
    db_ = concord::testing::open_fresh_database(GetParam());
    ASSERT_TRUE(store::migrate(*db_).ok());
    // The few states and the organisation these tests need, without the directory service.
    execute(
        "INSERT INTO states (alpha2, alpha3, numeric_code, name) VALUES ('KE', 'KEN', '404', "
        "'Kenya'), ('FR', 'FRA', '250', 'France')");
    execute(
        "INSERT INTO organisations (id, name, name_key, kind, created_at) VALUES ($1, "
        "'Regional Centre', 'regional centre', 'regional', '2027-01-01T00:00:00.000Z')",
        {std::string(kOrganisation)});
    IdentityOptions options;
    options.fast_password_hashing_for_tests = true;
    service_ = std::make_unique<IdentityService>(*db_, reference(), clock_, ids_, audit_, options);
  }

  void execute(const std::string& sql, const std::vector<store::Value>& params = {}) {
    auto done = store::in_transaction(*db_, TransactionMode::read_write,
                                      [&](Transaction& tx) { return tx.execute(sql, params); });
    ASSERT_TRUE(done.ok()) << sql << ": " << done.error().message;
  }

  NewUser new_user(const std::string& username, std::vector<std::string> roles = {"analyst"}) {
    return {username,     "Amina K.",       std::string("KE"),
            std::nullopt, std::move(roles), std::string(kPassword)};
  }

  User create(const std::string& username, std::vector<std::string> roles = {"civil_society"}) {
    auto created = service_->create_user(operator_, new_user(username, std::move(roles)));
    EXPECT_TRUE(created.ok()) << created.error().message;
    return created.ok() ? *created : User{};
  }

  Result<SessionGrant> sign_in(const std::string& username,
                               const std::string& password = std::string(kPassword),
                               std::optional<std::string> code = std::nullopt,
                               const std::string& address = std::string(kAddress)) {
    return service_->sign_in(username, password, code, address, "req-1");
  }

  // Enrols TOTP for `user` and returns the secret's bytes. Uses up the current step.
  std::string enrol_totp(const User& user) {
    Principal self;
    self.user_id = user.id;
    self.username = user.username;
    self.credential = Credential::session;
    auto enrolment = service_->begin_totp_enrolment(self);
    EXPECT_TRUE(enrolment.ok()) << enrolment.error().message;
    if (!enrolment.ok()) return {};
    const std::string secret = base32_decode(enrolment->secret_base32).value_or("");
    EXPECT_TRUE(service_->confirm_totp_enrolment(self, totp_code(secret, clock_.now())).ok());
    return secret;
  }

  std::vector<AuditEntry> audit_entries(const std::string& kind, const std::string& id) {
    auto entries = audit_.entries_for_target(*db_, kind, id, 100);
    EXPECT_TRUE(entries.ok());
    return entries.ok() ? *entries : std::vector<AuditEntry>{};
  }

  static constexpr std::string_view kOrganisation = "01JB0000000000000000000000";
  ManualClock clock_{TimePoint(milliseconds(1'800'000'000'000))};
  IdGenerator ids_{clock_};
  AuditTrail audit_{clock_};
  Principal operator_ = Principal::system("test");
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<IdentityService> service_;
};

void expect_error(const Error& error, ErrorCode code, const std::string& field) {
  EXPECT_EQ(error.code, code) << error.message;
  EXPECT_EQ(error.field, field) << error.message;
}

// --- users ---

TEST_P(Identity, CreatesFindsAndListsUsersAndAuditsTheCreation) {
  const User amina = create("amina.k", {"analyst", "tracing_officer"});
  EXPECT_TRUE(is_valid_id(amina.id));
  EXPECT_EQ(amina.state, "KE");
  EXPECT_EQ(amina.roles, (Roles{Role::analyst, Role::tracing_officer}));
  auto fetched = service_->get_user(amina.id);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(fetched->username, "amina.k");
  EXPECT_EQ(fetched->roles, amina.roles);
  EXPECT_FALSE(fetched->totp_enabled);
  auto by_name = service_->find_user_by_username("Amina.K");
  ASSERT_TRUE(by_name.ok());
  EXPECT_EQ(by_name->id, amina.id);

  NewUser member = new_user("org.member");
  member.state.reset();
  member.organisation_id = std::string(kOrganisation);
  auto created = service_->create_user(operator_, member);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->organisation_id, std::string(kOrganisation));

  auto users = service_->list_users();
  ASSERT_TRUE(users.ok());
  ASSERT_EQ(users->size(), 2u);
  EXPECT_EQ(users->front().username, "amina.k");

  const auto entries = audit_entries("user", amina.id);
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries.front().action, "users.create");
  EXPECT_EQ(entries.front().target_state, "KE");
  EXPECT_EQ(entries.front().details.find(kPassword), std::string::npos);
}

TEST_P(Identity, RefusesADuplicateUsername) {
  create("amina.k");
  auto duplicate = service_->create_user(operator_, new_user("AMINA.K"));
  ASSERT_FALSE(duplicate.ok());
  expect_error(duplicate.error(), ErrorCode::already_exists, "username");
}

TEST_P(Identity, RefusesBadUsersNamingTheField) {
  struct Case {
    NewUser input;
    std::string field;
  };
  std::vector<Case> cases;
  auto with = [&](auto change, std::string field) {
    NewUser input = new_user("amina.k");
    change(input);
    cases.push_back({input, std::move(field)});
  };
  with([](NewUser& u) { u.username = "am"; }, "username");
  with([](NewUser& u) { u.username = "amina k"; }, "username");
  with([](NewUser& u) { u.username = std::string(65, 'a'); }, "username");
  with([](NewUser& u) { u.display_name = " "; }, "display_name");
  with([](NewUser& u) { u.display_name = std::string(201, 'x'); }, "display_name");
  with([](NewUser& u) { u.roles = {}; }, "roles");
  with([](NewUser& u) { u.roles = {"analyst", "superuser"}; }, "roles");
  with([](NewUser& u) { u.state = "QQ"; }, "state");
  with([](NewUser& u) { u.organisation_id = std::string(kOrganisation); }, "state");
  with(
      [](NewUser& u) {
        u.state.reset();
        u.organisation_id = "01JB9999999999999999999999";
      },
      "organisation_id");
  with([](NewUser& u) { u.password = "short"; }, "password");
  with([](NewUser& u) { u.password = "Password1234"; }, "password");
  with([](NewUser& u) { u.password = "amina.k-is-my-name"; }, "password");
  for (const auto& bad : cases) {
    auto result = service_->create_user(operator_, bad.input);
    ASSERT_FALSE(result.ok()) << bad.field;
    expect_error(result.error(), ErrorCode::invalid_argument, bad.field);
  }
  auto users = service_->list_users();
  ASSERT_TRUE(users.ok());
  EXPECT_TRUE(users->empty());
}

TEST_P(Identity, SetRolesAppliesAtTheNextRequest) {
  const User amina = create("amina.k", {"civil_society"});
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  auto changed = service_->set_roles(operator_, amina.id, {"assistance_officer", "analyst"});
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(changed->roles, (Roles{Role::assistance_officer, Role::analyst}));
  auto principal = service_->authenticate_session(grant->token);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->roles, changed->roles);
  auto bad = service_->set_roles(operator_, amina.id, {"root"});
  ASSERT_FALSE(bad.ok());
  expect_error(bad.error(), ErrorCode::invalid_argument, "roles");
  const auto entries = audit_entries("user", amina.id);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().action, "users.set_roles");
}

// --- sessions ---

TEST_P(Identity, SignsInAndAuthenticatesTheSession) {
  const User amina = create("amina.k", {"assistance_officer"});
  auto grant = sign_in("Amina.K");
  ASSERT_TRUE(grant.ok()) << grant.error().message;
  EXPECT_EQ(grant->token.size(), 43u);
  EXPECT_NE(grant->token, grant->csrf_token);
  EXPECT_EQ(grant->principal.user_id, amina.id);
  EXPECT_EQ(grant->principal.credential, Credential::session);
  EXPECT_EQ(grant->principal.client_address, kAddress);
  EXPECT_EQ(grant->principal.request_id, "req-1");
  EXPECT_EQ(grant->expires_at, format_iso8601(clock_.now() + hours(12)));

  auto principal = service_->authenticate_session(grant->token);
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_EQ(principal->username, "amina.k");
  EXPECT_EQ(principal->state, "KE");
  EXPECT_EQ(principal->roles, Roles{Role::assistance_officer});
  EXPECT_FALSE(principal->second_factor);

  // Only the hash is stored.
  auto stored = store::in_transaction(*db_, TransactionMode::read_only, [&](Transaction& tx) {
    return tx.query("SELECT token_hash, csrf_hash FROM sessions");
  });
  ASSERT_TRUE(stored.ok());
  ASSERT_EQ(stored->rows.size(), 1u);
  EXPECT_EQ(stored->rows[0].text(0), token_hash(grant->token));
  EXPECT_NE(stored->rows[0].text(0), grant->token);

  const auto entries = audit_entries("user", amina.id);
  ASSERT_FALSE(entries.empty());
  EXPECT_EQ(entries.front().action, "session.sign_in");
  EXPECT_EQ(entries.front().outcome, "success");
  EXPECT_EQ(entries.front().client_address, kAddress);
}

TEST_P(Identity, CsrfTokenMatchesOnlyItsSession) {
  create("amina.k");
  create("bruno.f");
  auto first = sign_in("amina.k");
  auto second = sign_in("bruno.f");
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_TRUE(service_->csrf_matches(first->token, first->csrf_token));
  EXPECT_FALSE(service_->csrf_matches(first->token, second->csrf_token));
  EXPECT_FALSE(service_->csrf_matches(first->token, ""));
  EXPECT_FALSE(service_->csrf_matches(first->token, random_token()));
  EXPECT_FALSE(service_->csrf_matches(random_token(), first->csrf_token));
}

TEST_P(Identity, SessionsExpireWhenIdle) {
  create("amina.k");
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok());
  // Activity every 20 minutes keeps the session alive past the 30-minute idle limit.
  for (int i = 0; i < 3; ++i) {
    clock_.advance(minutes(20));
    ASSERT_TRUE(service_->authenticate_session(grant->token).ok()) << i;
  }
  clock_.advance(minutes(31));
  auto idle = service_->authenticate_session(grant->token);
  ASSERT_FALSE(idle.ok());
  EXPECT_EQ(idle.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(idle.error().message, "sign in again");
  EXPECT_EQ(idle.error().field, "");
}

TEST_P(Identity, SessionsExpireAtTheirAbsoluteLimitEvenWhenActive) {
  create("amina.k");
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok());
  for (int i = 0; i < 12 * 3 - 1; ++i) {
    clock_.advance(minutes(20));
    ASSERT_TRUE(service_->authenticate_session(grant->token).ok()) << i;
  }
  clock_.advance(minutes(20));  // 12 h after sign-in
  auto expired = service_->authenticate_session(grant->token);
  ASSERT_FALSE(expired.ok());
  EXPECT_EQ(expired.error().code, ErrorCode::unauthenticated);
}

TEST_P(Identity, RefusesForgedAndTamperedSessionTokens) {
  create("amina.k");
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok());
  std::string tampered = grant->token;
  tampered[5] = tampered[5] == 'A' ? 'B' : 'A';
  for (const std::string& token : {random_token(), tampered, std::string(), std::string("x"),
                                   grant->token + "A", grant->csrf_token}) {
    auto refused = service_->authenticate_session(token);
    ASSERT_FALSE(refused.ok()) << token;
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  }
}

TEST_P(Identity, SignOutRevokesTheSession) {
  const User amina = create("amina.k");
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok());
  ASSERT_TRUE(service_->sign_out(grant->token).ok());
  EXPECT_FALSE(service_->authenticate_session(grant->token).ok());
  EXPECT_TRUE(service_->sign_out(grant->token).ok());  // twice is fine
}

TEST_P(Identity, ResetPasswordRevokesEverySessionButNotTokens) {
  const User amina = create("amina.k");
  auto first = sign_in("amina.k");
  auto second = sign_in("amina.k");
  ASSERT_TRUE(first.ok() && second.ok());
  auto token = service_->issue_token(operator_, amina.id, "sync", {"states.read"}, std::nullopt);
  ASSERT_TRUE(token.ok()) << token.error().message;

  auto weak = service_->reset_password(operator_, amina.id, "qwertyuiop12");
  ASSERT_FALSE(weak.ok());
  expect_error(weak.error(), ErrorCode::invalid_argument, "password");
  EXPECT_TRUE(service_->authenticate_session(first->token).ok());  // nothing changed

  ASSERT_TRUE(service_->reset_password(operator_, amina.id, "lantern-basalt-meadow-echo").ok());
  EXPECT_FALSE(service_->authenticate_session(first->token).ok());
  EXPECT_FALSE(service_->authenticate_session(second->token).ok());
  EXPECT_TRUE(service_->authenticate_token(token->token).ok());
  EXPECT_FALSE(sign_in("amina.k").ok());
  EXPECT_TRUE(sign_in("amina.k", "lantern-basalt-meadow-echo").ok());
  EXPECT_EQ(audit_entries("user", amina.id).front().action, "session.sign_in");
}

TEST_P(Identity, DisabledUsersCannotSignInOrUseSessionsOrTokens) {
  const User amina = create("amina.k");
  auto grant = sign_in("amina.k");
  ASSERT_TRUE(grant.ok());
  auto token = service_->issue_token(operator_, amina.id, "sync", {"states.read"}, std::nullopt);
  ASSERT_TRUE(token.ok());
  auto disabled = service_->disable_user(operator_, amina.id);
  ASSERT_TRUE(disabled.ok());
  EXPECT_TRUE(disabled->disabled_at);
  EXPECT_FALSE(service_->authenticate_session(grant->token).ok());
  EXPECT_FALSE(service_->authenticate_token(token->token).ok());
  auto refused = sign_in("amina.k");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  EXPECT_EQ(refused.error().message, "wrong username, password or code");
  const auto entries = audit_entries("user", amina.id);
  ASSERT_GE(entries.size(), 2u);
  EXPECT_EQ(entries[0].action, "session.sign_in");
  EXPECT_EQ(entries[0].outcome, "failed");
  EXPECT_EQ(entries[1].action, "users.disable");
}

// --- throttling ---

TEST_P(Identity, UnknownUsersGetExactlyTheWrongPasswordAnswer) {
  create("amina.k");
  auto wrong_password = sign_in("amina.k", "not-the-password-at-all");
  auto unknown = sign_in("nobody.here", "not-the-password-at-all");
  auto nonsense = sign_in("", "");
  for (const auto* result : {&wrong_password, &unknown, &nonsense}) {
    ASSERT_FALSE(result->ok());
    EXPECT_EQ(result->error().code, ErrorCode::unauthenticated);
    EXPECT_EQ(result->error().message, "wrong username, password or code");
    EXPECT_EQ(result->error().field, "");
  }
  // The unknown name is not written to the audit trail: it may be a mistyped password.
  auto entries = audit_entries("user", "");
  ASSERT_EQ(entries.size(), 2u);
  for (const auto& entry : entries) {
    EXPECT_EQ(entry.outcome, "failed");
    EXPECT_EQ(entry.details.find("nobody"), std::string::npos);
    EXPECT_EQ(entry.details.find("not-the-password"), std::string::npos);
  }
}

TEST_P(Identity, DelaysThenLocksAnAccountAfterRepeatedFailures) {
  create("amina.k");
  for (int i = 0; i < 4; ++i) {
    auto failed = sign_in("amina.k", "wrong-password-guess");
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << i;
  }
  // Four failures, three free: the next attempt waits 2 s, even with the right password.
  auto delayed = sign_in("amina.k");
  ASSERT_FALSE(delayed.ok());
  EXPECT_EQ(delayed.error().code, ErrorCode::unavailable);
  EXPECT_EQ(delayed.error().message, "too many failed sign-ins; wait 2 seconds");
  clock_.advance(seconds(2));
  ASSERT_TRUE(sign_in("amina.k").ok());  // and success forgets the account's failures

  // Ten failures lock it for 15 minutes.
  create("bruno.f");
  for (int i = 0; i < 10; ++i) {
    auto failed =
        sign_in("bruno.f", "wrong-password-guess", std::nullopt, "198.51.100." + std::to_string(i));
    ASSERT_FALSE(failed.ok());
    EXPECT_EQ(failed.error().code, ErrorCode::unauthenticated) << i;
    clock_.advance(seconds(300));  // the longest delay
  }
  auto locked = sign_in("bruno.f");
  ASSERT_FALSE(locked.ok());
  EXPECT_EQ(locked.error().code, ErrorCode::unavailable);
  EXPECT_TRUE(locked.error().message.starts_with("too many failed sign-ins; try again after "))
      << locked.error().message;
  clock_.advance(minutes(15) - seconds(300));
  EXPECT_TRUE(sign_in("bruno.f").ok());
}

TEST_P(Identity, ThrottlesAnAddressAcrossUsernames) {
  create("amina.k");
  for (int i = 0; i < 4; ++i) {
    ASSERT_FALSE(sign_in("guess" + std::to_string(i), "wrong-password-guess").ok());
  }
  auto throttled = sign_in("amina.k");
  ASSERT_FALSE(throttled.ok());
  EXPECT_EQ(throttled.error().code, ErrorCode::unavailable);
  // The same account from elsewhere is fine: only the address is throttled.
  EXPECT_TRUE(sign_in("amina.k", std::string(kPassword), std::nullopt, "203.0.113.5").ok());
}

// --- TOTP ---

TEST_P(Identity, TotpIsRequiredOnceEnrolledAndCodesAreNotReplayed) {
  const User amina = create("amina.k", {"tracing_officer"});
  auto before = sign_in("amina.k");
  ASSERT_TRUE(before.ok());
  EXPECT_FALSE(before->principal.second_factor);  // not enrolled yet: limited, but signed in

  Principal self = before->principal;
  auto enrolment = service_->begin_totp_enrolment(self);
  ASSERT_TRUE(enrolment.ok()) << enrolment.error().message;
  EXPECT_EQ(enrolment->secret_base32.size(), 32u);
  EXPECT_EQ(enrolment->otpauth_uri,
            "otpauth://totp/Concord:amina.k?secret=" + enrolment->secret_base32 +
                "&issuer=Concord&algorithm=SHA1&digits=6&period=30");
  const std::string secret = *base32_decode(enrolment->secret_base32);
  auto wrong = service_->confirm_totp_enrolment(self, "000000");
  if (totp_code(secret, clock_.now()) != "000000") {
    ASSERT_FALSE(wrong.ok());
    expect_error(wrong.error(), ErrorCode::invalid_argument, "code");
  }
  ASSERT_TRUE(service_->confirm_totp_enrolment(self, totp_code(secret, clock_.now())).ok());
  auto user = service_->get_user(amina.id);
  ASSERT_TRUE(user.ok());
  EXPECT_TRUE(user->totp_enabled);
  EXPECT_EQ(audit_entries("user", amina.id).front().action, "session.totp_enable");
  EXPECT_FALSE(service_->begin_totp_enrolment(self).ok());  // already enabled

  EXPECT_FALSE(sign_in("amina.k").ok());  // no code
  // The code that confirmed enrolment is used up.
  EXPECT_FALSE(sign_in("amina.k", std::string(kPassword), totp_code(secret, clock_.now())).ok());

  clock_.advance(seconds(30));
  const std::string code = totp_code(secret, clock_.now());
  auto with_code = sign_in("amina.k", std::string(kPassword), code);
  ASSERT_TRUE(with_code.ok()) << with_code.error().message;
  EXPECT_TRUE(with_code->principal.second_factor);
  auto principal = service_->authenticate_session(with_code->token);
  ASSERT_TRUE(principal.ok());
  EXPECT_TRUE(principal->second_factor);

  auto replay = sign_in("amina.k", std::string(kPassword), code);
  ASSERT_FALSE(replay.ok());
  EXPECT_EQ(replay.error().message, "wrong username, password or code");

  clock_.advance(seconds(300));  // past any throttle delay
  auto too_old =
      sign_in("amina.k", std::string(kPassword), totp_code(secret, clock_.now() - seconds(60)));
  ASSERT_FALSE(too_old.ok());
  EXPECT_EQ(too_old.error().code, ErrorCode::unauthenticated);
  clock_.advance(seconds(300));
  auto too_new =
      sign_in("amina.k", std::string(kPassword), totp_code(secret, clock_.now() + seconds(60)));
  ASSERT_FALSE(too_new.ok());
  clock_.advance(seconds(300));
  // One step of drift is fine.
  EXPECT_TRUE(
      sign_in("amina.k", std::string(kPassword), totp_code(secret, clock_.now() - seconds(30)))
          .ok());
}

// --- API tokens ---

TEST_P(Identity, IssuesTokensThatCarryTheirScopes) {
  const User amina = create("amina.k", {"assistance_officer"});
  auto issued = service_->issue_token(operator_, amina.id, "nightly sync",
                                      {"states.read", "assistance.*"}, std::nullopt);
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  EXPECT_TRUE(issued->token.starts_with("cct_" + issued->id + "_"));
  EXPECT_EQ(issued->expires_at, format_iso8601(clock_.now() + hours(24 * 90)));
  auto principal = service_->authenticate_token(issued->token);
  ASSERT_TRUE(principal.ok()) << principal.error().message;
  EXPECT_EQ(principal->credential, Credential::api_token);
  EXPECT_EQ(principal->user_id, amina.id);
  EXPECT_EQ(principal->token_scopes, (std::set<std::string>{"states.read", "assistance.*"}));
  EXPECT_FALSE(principal->second_factor);
  EXPECT_EQ(audit_entries("api_token", issued->id).front().action, "tokens.issue");
  EXPECT_EQ(audit_entries("api_token", issued->id).front().details.find(issued->token),
            std::string::npos);
}

TEST_P(Identity, RefusesForgedTamperedExpiredAndRevokedTokens) {
  const User amina = create("amina.k");
  auto issued = service_->issue_token(operator_, amina.id, "sync", {"states.read"}, hours(24));
  ASSERT_TRUE(issued.ok());
  ASSERT_TRUE(service_->authenticate_token(issued->token).ok());

  std::string tampered = issued->token;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  std::string other_id = issued->token;
  other_id[10] = other_id[10] == '0' ? '1' : '0';
  const std::string forged = "cct_" + ids_.next() + "_" + random_token();
  for (const std::string& token :
       {tampered, other_id, forged, random_token(), std::string("cct_"), std::string()}) {
    auto refused = service_->authenticate_token(token);
    ASSERT_FALSE(refused.ok()) << token;
    EXPECT_EQ(refused.error().code, ErrorCode::unauthenticated);
  }

  clock_.advance(hours(24));
  EXPECT_FALSE(service_->authenticate_token(issued->token).ok());  // expired

  auto second = service_->issue_token(operator_, amina.id, "sync", {"states.read"}, std::nullopt);
  ASSERT_TRUE(second.ok());
  ASSERT_TRUE(service_->revoke_token(operator_, second->id).ok());
  EXPECT_FALSE(service_->authenticate_token(second->token).ok());
  EXPECT_EQ(audit_entries("api_token", second->id).front().action, "tokens.revoke");
  auto missing = service_->revoke_token(operator_, "01JB9999999999999999999999");
  ASSERT_FALSE(missing.ok());
  expect_error(missing.error(), ErrorCode::not_found, "token_id");
}

TEST_P(Identity, RefusesBadTokenRequestsNamingTheField) {
  const User amina = create("amina.k");
  const User officer = create("bruno.f", {"tracing_officer"});
  auto expect_field = [&](const Result<IssuedToken>& result, const std::string& field) {
    ASSERT_FALSE(result.ok()) << field;
    EXPECT_EQ(result.error().field, field) << result.error().message;
  };
  expect_field(service_->issue_token(operator_, amina.id, "x", {}, std::nullopt), "scopes");
  expect_field(service_->issue_token(operator_, amina.id, "x", {"States.Read"}, std::nullopt),
               "scopes");
  expect_field(service_->issue_token(operator_, amina.id, "x", {"*"}, std::nullopt), "scopes");
  expect_field(service_->issue_token(operator_, amina.id, "x", {"a*.b"}, std::nullopt), "scopes");
  expect_field(service_->issue_token(operator_, amina.id, " ", {"states.read"}, std::nullopt),
               "name");
  expect_field(service_->issue_token(operator_, amina.id, "x", {"states.read"}, hours(24 * 366)),
               "lifetime");
  EXPECT_TRUE(
      service_->issue_token(operator_, amina.id, "x", {"states.read"}, hours(24 * 365)).ok());
  expect_field(service_->issue_token(operator_, "01JB9999999999999999999999", "x", {"states.read"},
                                     std::nullopt),
               "user_id");
  // A confidential role needs TOTP before a token can stand in for it.
  auto no_totp = service_->issue_token(operator_, officer.id, "x", {"tracing.*"}, std::nullopt);
  expect_field(no_totp, "user");
  EXPECT_NE(no_totp.error().message.find("enable a second factor first"), std::string::npos);
  enrol_totp(officer);
  Principal without_second_factor = operator_;
  without_second_factor.second_factor = false;
  auto weak_actor =
      service_->issue_token(without_second_factor, officer.id, "x", {"tracing.*"}, std::nullopt);
  ASSERT_FALSE(weak_actor.ok());
  EXPECT_EQ(weak_actor.error().code, ErrorCode::permission_denied);
  auto issued = service_->issue_token(operator_, officer.id, "x", {"tracing.*"}, std::nullopt);
  ASSERT_TRUE(issued.ok()) << issued.error().message;
  auto principal = service_->authenticate_token(issued->token);
  ASSERT_TRUE(principal.ok());
  EXPECT_TRUE(principal->second_factor);
}

INSTANTIATE_TEST_SUITE_P(Backends, Identity, ::testing::ValuesIn(concord::testing::all_backends()));

}  // namespace
}  // namespace concord::access
