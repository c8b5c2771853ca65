#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using DirectoryApi = ApiTest;

const std::string kValidOrganisation =
    R"({"name": "Mines Advisory Network", "acronym": "MAN", "kind": "non_governmental",
        "headquarters": "GB", "website": "https://man.example.org"})";

size_t organisation_count(ApiTest& test, HttpClient& client) {
  (void)test;
  auto response = client.request("GET", "/api/v1/organisations?limit=1000");
  return nlohmann::json::parse(response.body)["organisations"].size();
}

TEST_P(DirectoryApi, ListsEveryIso3166State) {
  auto response = get("/api/v1/states");
  ASSERT_EQ(response.status, 200);
  auto states = json_of(response)["states"];
  EXPECT_GE(states.size(), 249u);
  EXPECT_EQ(states[0]["alpha2"], "AD");  // sorted by code
}

TEST_P(DirectoryApi, GetsOneStateByCode) {
  auto response = get("/api/v1/states/FR");
  ASSERT_EQ(response.status, 200);
  auto state = json_of(response);
  EXPECT_EQ(state["alpha3"], "FRA");
  EXPECT_EQ(state["name"], "France");
  EXPECT_EQ(get("/api/v1/states/fr").status, 200);  // codes are case-insensitive on input
}

TEST_P(DirectoryApi, UnknownStateIsA404NamingTheField) {
  auto response = get("/api/v1/states/XX");
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(error_field(response), "alpha2");
  EXPECT_EQ(get("/api/v1/states/FRA").status, 400);
}

TEST_P(DirectoryApi, CreatesAndReadsAnOrganisation) {
  auto created = post("/api/v1/organisations", kValidOrganisation);
  ASSERT_EQ(created.status, 201) << created.body;
  auto body = json_of(created);
  const std::string id = body["id"];
  EXPECT_EQ(body["kind"], "non_governmental");
  EXPECT_EQ(created.header("location"), "/api/v1/organisations/" + id);

  auto fetched = get("/api/v1/organisations/" + id);
  ASSERT_EQ(fetched.status, 200);
  EXPECT_EQ(json_of(fetched)["name"], "Mines Advisory Network");
  EXPECT_EQ(json_of(fetched)["headquarters"], "GB");

  auto list = json_of(get("/api/v1/organisations"));
  ASSERT_EQ(list["organisations"].size(), 1u);
  EXPECT_TRUE(list["next_after"].is_null());
}

TEST_P(DirectoryApi, PagesThroughOrganisationsWithoutLosingAny) {
  for (int i = 0; i < 5; ++i) {
    ASSERT_EQ(post("/api/v1/organisations", R"({"name": "Regional Centre )" + std::to_string(i) +
                                                R"(", "kind": "regional"})")
                  .status,
              201);
  }
  std::vector<std::string> seen;
  std::string target = "/api/v1/organisations?limit=2";
  for (int page = 0; page < 5; ++page) {
    auto body = json_of(get(target));
    for (const auto& organisation : body["organisations"])
      seen.push_back(organisation["id"]);
    if (body["next_after"].is_null()) break;
    target = "/api/v1/organisations?limit=2&after=" + body["next_after"].get<std::string>();
  }
  EXPECT_EQ(seen.size(), 5u);
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(error_field(get("/api/v1/organisations?limit=0")), "limit");
  EXPECT_EQ(error_field(get("/api/v1/organisations?limit=ten")), "limit");
}

TEST_P(DirectoryApi, DuplicateNameIsAConflictNamingTheField) {
  ASSERT_EQ(post("/api/v1/organisations", kValidOrganisation).status, 201);
  auto again = post("/api/v1/organisations",
                    R"({"name": "  mines advisory   NETWORK ", "kind": "non_governmental"})");
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(error_field(again), "name");
  EXPECT_EQ(organisation_count(*this, *client_), 1u);
}

struct BadBody {
  std::string body;
  int status;
  std::string field;
};

TEST_P(DirectoryApi, BadInputIsRefusedNamingTheFieldAndChangesNothing) {
  const std::vector<BadBody> cases = {
      {"", 400, "body"},
      {"{", 400, "body"},
      {"[1, 2]", 400, "body"},
      {R"({"name": "Valid Name", "kind": "regional",})", 400, "body"},
      {R"({"kind": "regional"})", 400, "name"},
      {R"({"name": 42, "kind": "regional"})", 400, "name"},
      {R"({"name": "X", "kind": "regional"})", 400, "name"},
      {R"({"name": "Valid Name", "kind": "army"})", 400, "kind"},
      {R"({"name": "Valid Name", "kind": "regional", "headquarters": "XX"})", 400, "headquarters"},
      {R"({"name": "Valid Name", "kind": "regional", "website": "ftp://x.example"})", 400,
       "website"},
      {R"({"name": "Valid Name", "kind": "regional", "colour": "blue"})", 400, "colour"},
      {R"({"name": "Valid\u0000Name", "kind": "regional"})", 400, "name"},
      {"{\"name\": \"Valid \xff Name\", \"kind\": \"regional\"}", 400, "body"},
      {R"({"name": ")" + std::string(201, 'a') + R"(", "kind": "regional"})", 400, "name"},
      {std::string(40, '[') + std::string(40, ']'), 400, "body"},
  };
  for (const auto& bad : cases) {
    auto response = post("/api/v1/organisations", bad.body);
    EXPECT_EQ(response.status, bad.status) << bad.body << " -> " << response.body;
    EXPECT_EQ(error_field(response), bad.field) << bad.body << " -> " << response.body;
    EXPECT_FALSE(json_of(response)["error"]["message"].get<std::string>().empty());
  }
  EXPECT_EQ(organisation_count(*this, *client_), 0u);
}

TEST_P(DirectoryApi, TooLargeBodyIsA413AndChangesNothing) {
  const std::string huge =
      R"({"name": ")" + std::string(9 * 1024 * 1024, 'a') + R"(", "kind": "regional"})";
  auto response = post("/api/v1/organisations", huge);
  EXPECT_EQ(response.status, 413) << response.error;
  EXPECT_EQ(error_field(response), "body");
  HttpClient fresh("127.0.0.1", server_->port());
  EXPECT_EQ(organisation_count(*this, fresh), 0u);
}

TEST_P(DirectoryApi, WrongMethodIsA405) {
  auto response = client_->request("DELETE", "/api/v1/states");
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.header("allow"), "GET");
}

INSTANTIATE_TEST_SUITE_P(Backends, DirectoryApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
