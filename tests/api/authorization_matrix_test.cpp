// The authorization matrix: every route, called by every kind of caller, answers as the access
// policy says: the owning state's users allowed, another state's users, observers and callers
// without the role refused with 403, anonymous callers with 401, and no data in any refusal.
// A route added without a row here fails the test.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "api/api_fixture.h"
#include "api/route_list.h"

namespace concord::testing {
namespace {

using nlohmann::json;

// Who calls, and how they are signed in.
struct Caller {
  std::string name;
  std::optional<Session> session;
  std::string bearer;  // an API token instead of a session
};

// One request to make, and the callers that must be let through.
struct Row {
  std::string method;
  std::string pattern;  // the route it exercises
  std::string target;   // a concrete path
  std::string body;
  std::set<std::string> allowed;
};

const std::set<std::string> kEveryone = {
    "anonymous",   "operator",    "fr_contact", "de_contact", "fr_officer_without_2fa",
    "fr_observer", "states_token"};
const std::set<std::string> kSignedIn = {"operator", "fr_contact", "de_contact",
                                         "fr_officer_without_2fa", "fr_observer"};
const std::set<std::string> kOperator = {"operator"};

class AuthorizationMatrix : public ApiTest {
 protected:
  HttpResponse call(const Caller& caller, const Row& row) {
    HttpClient client("127.0.0.1", server_->port());
    if (caller.session) return as(client, *caller.session, row.method, row.target, row.body);
    std::map<std::string, std::string> headers = {{"Content-Type", "application/json"}};
    if (!caller.bearer.empty()) headers["Authorization"] = "Bearer " + caller.bearer;
    return client.request(row.method, row.target, row.body, headers);
  }
};

TEST_P(AuthorizationMatrix, EveryRouteAllowsAndRefusesExactlyAsThePolicySays) {
  add_user(db_url_, "fr.contact", "FR", {"national_contact"});
  add_user(db_url_, "de.contact", "DE", {"national_contact"});
  add_user(db_url_, "fr.officer", "FR", {"tracing_officer"});
  add_user(db_url_, "fr.observer", "FR", {"civil_society"});
  add_user(db_url_, "victim.one", "FR", {"analyst"});

  std::vector<Caller> callers = {
      {"anonymous", std::nullopt, ""},
      {"operator", operator_session(), ""},
      {"fr_contact", sign_in(*client_, "fr.contact"), ""},
      {"de_contact", sign_in(*client_, "de.contact"), ""},
      {"fr_officer_without_2fa", sign_in(*client_, "fr.officer", /*enrol_second_factor=*/false),
       ""},
      {"fr_observer", sign_in(*client_, "fr.observer"), ""},
  };

  // Records to point at.
  auto users = json::parse(as(*client_, operator_session(), "GET", "/api/v1/users").body);
  std::string victim_id, operator_id;
  for (const auto& user : users["users"]) {
    if (user["username"] == "victim.one") victim_id = user["id"];
    if (user["username"] == "root.operator") operator_id = user["id"];
  }
  ASSERT_FALSE(victim_id.empty());
  auto organisation = json::parse(
      post("/api/v1/organisations", R"({"name": "Matrix Organisation", "kind": "regional"})").body);
  const std::string organisation_id = organisation["id"];
  auto issue = [&](const std::string& scope) {
    auto issued =
        as(*client_, operator_session(), "POST", "/api/v1/tokens",
           json{{"user_id", operator_id}, {"name", "matrix " + scope}, {"scopes", {scope}}}.dump());
    EXPECT_EQ(issued.status, 201) << issued.body;
    return json::parse(issued.body, nullptr, false);
  };
  callers.push_back({"states_token", std::nullopt, issue("states.*").value("token", "")});
  const std::string revocable_token_id = issue("organisations.read").value("id", "");

  const std::string sign_in_body =
      json{{"username", "fr.observer"}, {"password", kTestPassword}}.dump();
  int organisation_number = 0;
  const std::vector<Row> rows = {
      {"GET", "/healthz", "/healthz", "", kEveryone},
      {"GET", "/readyz", "/readyz", "", kEveryone},
      {"GET", "/metrics", "/metrics", "", kEveryone},
      {"GET", "/api/v1/states", "/api/v1/states", "", kEveryone},
      {"GET", "/api/v1/states/{alpha2}", "/api/v1/states/FR", "", kEveryone},
      {"GET", "/api/v1/organisations", "/api/v1/organisations", "", kEveryone},
      {"GET", "/api/v1/organisations/{id}", "/api/v1/organisations/" + organisation_id, "",
       kEveryone},
      {"POST", "/api/v1/organisations", "/api/v1/organisations", "", kOperator},
      {"POST", "/api/v1/session", "/api/v1/session", sign_in_body, kEveryone},
      {"GET", "/api/v1/session", "/api/v1/session", "", kSignedIn},
      {"POST", "/api/v1/session/totp", "/api/v1/session/totp", "", kSignedIn},
      {"POST", "/api/v1/session/totp/confirm", "/api/v1/session/totp/confirm",
       R"({"code": "000000"})", kSignedIn},
      {"GET", "/api/v1/users", "/api/v1/users", "", kOperator},
      {"POST", "/api/v1/users", "/api/v1/users",
       json{{"username", "made.by.matrix"},
            {"state", "FR"},
            {"roles", {"analyst"}},
            {"password", kTestPassword}}
           .dump(),
       kOperator},
      {"PUT", "/api/v1/users/{id}/roles", "/api/v1/users/" + victim_id + "/roles",
       R"({"roles": ["analyst"]})", kOperator},
      {"POST", "/api/v1/users/{id}/password", "/api/v1/users/" + victim_id + "/password",
       json{{"password", kTestPassword + " again"}}.dump(), kOperator},
      {"POST", "/api/v1/users/{id}/disable", "/api/v1/users/" + victim_id + "/disable", "",
       kOperator},
      {"POST", "/api/v1/tokens", "/api/v1/tokens",
       json{{"user_id", victim_id}, {"name", "matrix"}, {"scopes", {"states.read"}}}.dump(),
       kOperator},
      {"DELETE", "/api/v1/tokens/{id}", "/api/v1/tokens/" + revocable_token_id, "", kOperator},
      {"GET", "/api/v1/audit", "/api/v1/audit?state=FR", "", {"operator", "fr_contact"}},
      {"GET", "/api/v1/audit", "/api/v1/audit?state=DE", "", {"operator", "de_contact"}},
      {"GET", "/api/v1/audit/verify", "/api/v1/audit/verify", "", kOperator},
      // Law enforcement and analysts of any state may search; each sees only what is shared
      // with it (search_api_test.cpp proves that part).
      {"GET",
       "/api/v1/search/markings",
       "/api/v1/search/markings?q=AB1234",
       "",
       {"fr_contact", "de_contact"}},
      // Last: it ends each caller's session.
      {"DELETE", "/api/v1/session", "/api/v1/session", "", kSignedIn},
  };

  std::set<std::pair<std::string, std::string>> covered;
  for (const auto& row : rows)
    covered.emplace(row.method, row.pattern);
  for (const auto& route : every_route()) {
    EXPECT_TRUE(covered.contains({route.method, route.pattern}))
        << route.method << " " << route.pattern << " has no row in the authorization matrix";
  }

  for (const auto& row : rows) {
    for (const auto& caller : callers) {
      Row request = row;
      if (row.pattern == "/api/v1/organisations" && row.method == "POST") {
        request.body = json{
            {"name", "Matrix body " + std::to_string(++organisation_number)},
            {"kind",
             "regional"}}.dump();
      }
      const auto response = call(caller, request);
      const std::string what = caller.name + ": " + row.method + " " + row.target + " -> " +
                               std::to_string(response.status) + " " + response.body;
      if (row.allowed.contains(caller.name)) {
        EXPECT_NE(response.status, 401) << what;
        EXPECT_NE(response.status, 403) << what;
        continue;
      }
      EXPECT_EQ(response.status, caller.name == "anonymous" ? 401 : 403) << what;
      // A refusal carries the error and nothing else.
      auto body = json::parse(response.body, nullptr, false);
      ASSERT_TRUE(body.is_object()) << what;
      EXPECT_EQ(body.size(), 1u) << what;
      EXPECT_TRUE(body.contains("error")) << what;
      EXPECT_EQ(response.body.find(victim_id), std::string::npos) << what;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AuthorizationMatrix, ::testing::ValuesIn(all_backends()),
                         backend_name);

}  // namespace
}  // namespace concord::testing
