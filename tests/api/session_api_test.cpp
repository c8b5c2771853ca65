// Sign-in over HTTP: the cookie's attributes, CSRF, sign-out, throttling and the second factor.
#include "access/totp.h"
#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using SessionApi = ApiTest;

TEST_P(SessionApi, SignInSetsAStrictHttpOnlyCookieAndACsrfToken) {
  auto response = client_->request(
      "POST", "/api/v1/session",
      nlohmann::json{{"username", "root.operator"}, {"password", kTestPassword}}.dump(),
      {{"Content-Type", "application/json"}});
  ASSERT_EQ(response.status, 200) << response.body;
  const std::string cookie = response.header("set-cookie");
  EXPECT_NE(cookie.find("concord_session="), std::string::npos);
  EXPECT_NE(cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(cookie.find("SameSite=Strict"), std::string::npos);
  auto body = json_of(response);
  EXPECT_FALSE(body["csrf_token"].get<std::string>().empty());
  EXPECT_EQ(body["second_factor_required"], true);  // operators need a second factor
  EXPECT_EQ(body.find("password"), body.end());
}

TEST_P(SessionApi, BehindTlsTheCookieIsSecure) {
  EXPECT_EQ(
      client_
          ->request(
              "POST", "/api/v1/session",
              nlohmann::json{{"username", "root.operator"}, {"password", kTestPassword}}.dump(),
              {{"Content-Type", "application/json"}})
          .header("set-cookie")
          .find("Secure"),
      std::string::npos);
  ServerProcess secure(db_url_, {"--secure-cookies", "true"});
  ASSERT_NE(secure.port(), 0);
  HttpClient client("127.0.0.1", secure.port());
  auto response = client.request(
      "POST", "/api/v1/session",
      nlohmann::json{{"username", "root.operator"}, {"password", kTestPassword}}.dump(),
      {{"Content-Type", "application/json"}});
  ASSERT_EQ(response.status, 200) << response.body;
  EXPECT_NE(response.header("set-cookie").find("; Secure"), std::string::npos);
}

TEST_P(SessionApi, AStateChangingCookieRequestWithoutTheCsrfTokenIsRefused) {
  const Session& session = operator_session();
  const std::string body = R"({"name": "Forged Request Org", "kind": "regional"})";
  auto without =
      client_->request("POST", "/api/v1/organisations", body,
                       {{"Cookie", session.cookie}, {"Content-Type", "application/json"}});
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(error_field(without), "X-CSRF-Token");
  auto wrong = client_->request("POST", "/api/v1/organisations", body,
                                {{"Cookie", session.cookie},
                                 {"X-CSRF-Token", "not-the-token"},
                                 {"Content-Type", "application/json"}});
  EXPECT_EQ(wrong.status, 403);
  EXPECT_EQ(json_of(get("/api/v1/organisations"))["organisations"].size(), 0u);
  EXPECT_EQ(as(*client_, session, "POST", "/api/v1/organisations", body).status, 201);
}

TEST_P(SessionApi, SignOutEndsTheSession) {
  const Session session = sign_in(*client_, "root.operator");
  EXPECT_EQ(as(*client_, session, "GET", "/api/v1/session").status, 200);
  EXPECT_EQ(as(*client_, session, "DELETE", "/api/v1/session").status, 204);
  EXPECT_EQ(as(*client_, session, "GET", "/api/v1/session").status, 401);
}

TEST_P(SessionApi, WrongPasswordsAndUnknownUsersGetTheSameAnswerThenAreThrottled) {
  auto attempt = [&](const std::string& username) {
    return client_->request(
        "POST", "/api/v1/session",
        nlohmann::json{{"username", username}, {"password", "wrong password here"}}.dump(),
        {{"Content-Type", "application/json"}});
  };
  auto wrong = attempt("root.operator");
  auto unknown = attempt("nobody.at.all");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(json_of(wrong)["error"], json_of(unknown)["error"]);
  int throttled = 0;
  for (int i = 0; i < 6; ++i)
    throttled += attempt("root.operator").status == 429 ? 1 : 0;
  EXPECT_GT(throttled, 0);
}

TEST_P(SessionApi, BadBearerTokensAreRefused) {
  for (const char* token : {"cct_forged_token", "nonsense", ""}) {
    auto response = client_->request("GET", "/api/v1/users", "",
                                     {{"Authorization", std::string("Bearer ") + token}});
    EXPECT_EQ(response.status, 401) << token;
  }
  EXPECT_EQ(client_->request("GET", "/api/v1/users", "", {{"Authorization", "Basic eDp5"}}).status,
            401);
}

TEST_P(SessionApi, ATotpCodeFromTheWrongWindowIsRefused) {
  const Session session = sign_in(*client_, "root.operator");
  ASSERT_FALSE(session.totp_secret.empty());
  const auto step = access::totp_step(SystemClock().now());
  auto stale = client_->request(
      "POST", "/api/v1/session",
      nlohmann::json{{"username", "root.operator"},
                     {"password", kTestPassword},
                     {"totp_code", access::hotp_code(session.totp_secret, step - 3, 6)}}
          .dump(),
      {{"Content-Type", "application/json"}});
  EXPECT_EQ(stale.status, 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, SessionApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
