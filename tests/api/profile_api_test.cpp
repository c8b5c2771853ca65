// The country profile and draft report routes over HTTP on both backends: anyone reads a
// profile; the state's own national contact drafts (HTML marked DRAFT, tables as CSV linking back
// to their records); another state's contact is refused with 403; bad years, kinds and tables
// name what is wrong.
#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;
using ProfileApi = ApiTest;

TEST_P(ProfileApi, AnyoneReadsAProfileAndTheStateDraftsItsReports) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  const Session laos = sign_in(*client_, "la.contact");
  const Session cambodia = sign_in(*client_, "kh.contact");
  const std::string base = "/api/v1/countries/LA";
  ASSERT_EQ(as(*client_, laos, "POST", base + "/stockpiles/declarations",
               R"({"category": "cluster_munitions", "quantity": 1000, "as_of": "2020-01-01"})")
                .status,
            201);
  ASSERT_EQ(as(*client_, laos, "POST", base + "/stockpiles/destructions",
               R"({"date": "2021-06-01", "category": "cluster_munitions", "quantity": 200,)"
               R"( "method": "open_detonation", "site": "Depot <3>", "verified_by": "NRA"})")
                .status,
            201);

  auto profile = get(base + "/profile?year=2021");
  ASSERT_EQ(profile.status, 200) << profile.body;
  const auto figures = json_of(profile);
  EXPECT_EQ(figures["state"], "LA");
  EXPECT_EQ(figures["destruction"]["stockpiles"][0]["destroyed_in_year"], 200);
  EXPECT_EQ(figures["destruction"]["stockpiles"][0]["progress"]["remaining"], 800);
  EXPECT_EQ(figures["funding"]["total"]["counted"], "0.00");

  auto html = as(*client_, laos, "GET", base + "/reports/ccm-article-7?year=2021");
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_EQ(html.header("content-type").rfind("text/html", 0), 0u);
  EXPECT_NE(html.header("content-security-policy").find("default-src 'none'"), std::string::npos);
  EXPECT_NE(html.body.find("DRAFT"), std::string::npos);
  EXPECT_NE(html.body.find("href=\"/api/v1/countries/LA/stockpiles/destructions?year=2021\""),
            std::string::npos);

  auto csv = as(*client_, laos, "GET", base + "/reports/ccm-article-7/tables/stockpiles?year=2021");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("content-type").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("Category,", 0), 0u);
  EXPECT_NE(csv.body.find("cluster_munitions,,1000,2020-01-01,200,200,0,800"), std::string::npos);

  auto poa = as(*client_, laos, "GET", base + "/reports/poa-national-report?year=2021");
  ASSERT_EQ(poa.status, 200) << poa.body;
  EXPECT_NE(poa.body.find("Record-keeping"), std::string::npos);

  auto other_state = as(*client_, cambodia, "GET", base + "/reports/ccm-article-7?year=2021");
  EXPECT_EQ(other_state.status, 403) << other_state.body;
  EXPECT_EQ(get(base + "/reports/ccm-article-7?year=2021").status, 401);
}

TEST_P(ProfileApi, BadParametersNameWhatIsWrong) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  const Session laos = sign_in(*client_, "la.contact");
  const std::string base = "/api/v1/countries/LA";
  auto no_year = get(base + "/profile");
  EXPECT_EQ(no_year.status, 400);
  EXPECT_EQ(json_of(no_year)["error"]["field"], "year");
  auto unknown = get(base + "/profile?year=2021&colour=red");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_EQ(json_of(unknown)["error"]["field"], "colour");
  auto future = get(base + "/profile?year=2199");
  EXPECT_EQ(future.status, 400);
  EXPECT_EQ(json_of(future)["error"]["field"], "year");
  EXPECT_EQ(get("/api/v1/countries/XX/profile?year=2021").status, 400);
  auto kind = as(*client_, laos, "GET", base + "/reports/article-99?year=2021");
  EXPECT_EQ(kind.status, 404);
  EXPECT_EQ(json_of(kind)["error"]["field"], "kind");
  auto table = as(*client_, laos, "GET", base + "/reports/ccm-article-7/tables/nothing?year=2021");
  EXPECT_EQ(table.status, 404);
  EXPECT_EQ(json_of(table)["error"]["field"], "table");
}

INSTANTIATE_TEST_SUITE_P(Backends, ProfileApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
