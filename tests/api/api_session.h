// Signed-in callers for API tests: users made with `concord user add`, signed in over HTTP with a
// second factor enrolled on the way when their roles need one.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "support/http_client.h"
#include "support/server_process.h"

namespace concord::testing {

// A password that passes the strength rules.
inline const std::string kTestPassword = "correct horse battery staple 42";

// Adds a user with `concord user add` on the database `db_url` (before or while a server runs).
// `home` is a state's alpha-2 code or, with `organisation`, an organisation id.
void add_user(const std::string& db_url, const std::string& username, const std::string& home,
              const std::vector<std::string>& roles, bool organisation = false);

// A signed-in session: the cookie and the CSRF token that go with every request.
struct Session {
  std::string cookie;  // "concord_session=..."
  std::string csrf_token;
  std::string totp_secret;  // raw bytes; empty when no second factor was enrolled
};

// Signs `username` in on `client`. With `enrol_second_factor`, enrols TOTP when the sign-in says
// a second factor is required, then signs in again with a code. Fails the test on any refusal.
Session sign_in(HttpClient& client, const std::string& username, bool enrol_second_factor = true);

// A request carrying the session's cookie and CSRF token.
HttpResponse as(HttpClient& client, const Session& session, const std::string& method,
                const std::string& target, const std::string& body = {});

}  // namespace concord::testing
