#include "api/api_session.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "access/totp.h"
#include "core/clock.h"

namespace concord::testing {
namespace {

std::string session_cookie(const HttpResponse& response) {
  const std::string set_cookie = response.header("set-cookie");
  return set_cookie.substr(0, set_cookie.find(';'));
}

HttpResponse post_sign_in(HttpClient& client, const std::string& username,
                          const std::optional<std::string>& code) {
  nlohmann::json body = {{"username", username}, {"password", kTestPassword}};
  if (code) body["totp_code"] = *code;
  return client.request("POST", "/api/v1/session", body.dump(),
                        {{"Content-Type", "application/json"}});
}

}  // namespace

void add_user(const std::string& db_url, const std::string& username, const std::string& home,
              const std::vector<std::string>& roles, bool organisation) {
  std::vector<std::string> args = {"user",
                                   "add",
                                   "--db",
                                   db_url,
                                   "--username",
                                   username,
                                   organisation ? "--organisation" : "--state",
                                   home,
                                   "--password-stdin"};
  for (const auto& role : roles) {
    args.push_back("--role");
    args.push_back(role);
  }
  auto result = run_concord(args, {}, kTestPassword + "\n");
  ASSERT_EQ(result.exit_code, 0) << result.output;
}

Session sign_in(HttpClient& client, const std::string& username, bool enrol_second_factor) {
  Session session;
  auto first = post_sign_in(client, username, std::nullopt);
  EXPECT_EQ(first.status, 200) << first.body;
  auto body = nlohmann::json::parse(first.body, nullptr, false);
  session.cookie = session_cookie(first);
  session.csrf_token = body.value("csrf_token", "");
  if (!enrol_second_factor || !body.value("second_factor_required", false)) return session;

  auto enrolment = as(client, session, "POST", "/api/v1/session/totp");
  EXPECT_EQ(enrolment.status, 200) << enrolment.body;
  const auto secret = access::base32_decode(
      nlohmann::json::parse(enrolment.body, nullptr, false).value("secret", ""));
  EXPECT_TRUE(secret.has_value());
  session.totp_secret = secret.value_or("");
  const auto step = access::totp_step(SystemClock().now());
  const std::string confirm_code = access::hotp_code(session.totp_secret, step, 6);
  auto confirmed = as(client, session, "POST", "/api/v1/session/totp/confirm",
                      nlohmann::json{{"code", confirm_code}}.dump());
  EXPECT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(as(client, session, "DELETE", "/api/v1/session").status, 204);

  // The next step's code: within the accepted window, and not the one just used.
  auto second = post_sign_in(client, username, access::hotp_code(session.totp_secret, step + 1, 6));
  EXPECT_EQ(second.status, 200) << second.body;
  session.cookie = session_cookie(second);
  session.csrf_token = nlohmann::json::parse(second.body, nullptr, false).value("csrf_token", "");
  return session;
}

HttpResponse as(HttpClient& client, const Session& session, const std::string& method,
                const std::string& target, const std::string& body) {
  return client.request(method, target, body,
                        {{"Cookie", session.cookie},
                         {"X-CSRF-Token", session.csrf_token},
                         {"Content-Type", "application/json"}});
}

}  // namespace concord::testing
