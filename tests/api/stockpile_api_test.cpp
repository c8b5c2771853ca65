// The stockpile, deadline, casualty and victim-service routes over HTTP on both backends: a
// national contact's POST reads back with GET (anyone may read); a bad field is a 400 naming it
// and stores nothing; another state's contact is refused with 403; a batch of casualty rows with
// one bad row stores none.
#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;
using StockpileApi = ApiTest;

TEST_P(StockpileApi, AStateRecordsAndAnyoneReadsBack) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  const Session laos = sign_in(*client_, "la.contact");
  const std::string base = "/api/v1/countries/LA";

  auto declared =
      as(*client_, laos, "POST", base + "/stockpiles/declarations",
         R"({"category": "cluster_munitions", "quantity": 1000, "as_of": "2020-01-01"})");
  ASSERT_EQ(declared.status, 201) << declared.body;
  EXPECT_EQ(json_of(declared)["state"], "LA");
  auto destroyed = as(*client_, laos, "POST", base + "/stockpiles/destructions",
                      R"({"date": "2021-06-01", "category": "cluster_munitions", "quantity": 200,)"
                      R"( "method": "open_detonation", "site": "Depot 3", "verified_by": "NRA"})");
  ASSERT_EQ(destroyed.status, 201) << destroyed.body;
  auto deadline = as(*client_, laos, "PUT", base + "/deadlines",
                     R"({"instrument": "ccm", "obligation": "stockpile_destruction",)"
                     R"( "category": "cluster_munitions", "deadline": "2030-08-01"})");
  ASSERT_EQ(deadline.status, 200) << deadline.body;

  auto all = get(base + "/stockpiles");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(json_of(all)["declarations"].size(), 1u);
  EXPECT_EQ(json_of(all)["destructions"][0]["id"], json_of(destroyed)["id"]);
  auto of_2021 = get(base + "/stockpiles/destructions?year=2021");
  ASSERT_EQ(of_2021.status, 200) << of_2021.body;
  EXPECT_EQ(json_of(of_2021)["destructions"].size(), 1u);
  auto of_2022 = get(base + "/stockpiles/destructions?year=2022");
  EXPECT_EQ(json_of(of_2022)["destructions"].size(), 0u);

  auto progress = get(base + "/stockpiles/progress?category=cluster_munitions&on=2022-01-01");
  ASSERT_EQ(progress.status, 200) << progress.body;
  EXPECT_EQ(json_of(progress)["destroyed"], 200);
  EXPECT_EQ(json_of(progress)["remaining"], 800);
  EXPECT_EQ(json_of(progress)["deadline"], "2030-08-01");
  EXPECT_EQ(json_of(progress)["on"], "2022-01-01");

  auto batch = as(*client_, laos, "POST", base + "/casualties",
                  R"({"rows": [{"year": 2022, "area": "Xieng Khouang", "device_type": "other_erw",)"
                  R"( "outcome": "injured", "sex": "female", "count": 3}]})");
  ASSERT_EQ(batch.status, 201) << batch.body;
  auto summary = get(base + "/casualties/summary?year=2022");
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(json_of(summary)["total"], 3);
  EXPECT_EQ(json_of(summary)["by_sex"]["female"], 3);

  auto service = as(*client_, laos, "POST", base + "/victim-services",
                    R"({"year": 2022, "service": "rehabilitation", "area": "Xieng Khouang",)"
                    R"( "provider": "COPE", "people_reached": 50, "people_in_need": 200})");
  ASSERT_EQ(service.status, 201) << service.body;
  auto services = get(base + "/victim-services?year=2022");
  ASSERT_EQ(services.status, 200) << services.body;
  EXPECT_EQ(json_of(services)["services"][0]["coverage"], 0.25);
}

TEST_P(StockpileApi, ABadFieldIsNamedAndAnotherStateIsRefused) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  const Session laos = sign_in(*client_, "la.contact");
  const Session cambodia = sign_in(*client_, "kh.contact");
  const std::string base = "/api/v1/countries/LA";

  auto bad = as(*client_, laos, "POST", base + "/stockpiles/declarations",
                R"({"category": "cluster_munitions", "quantity": 12.5, "as_of": "2020-01-01"})");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_field(bad), "quantity");
  auto unknown = as(*client_, laos, "POST", base + "/stockpiles/retained",
                    R"({"category": "cluster_munitions", "quantity": 1, "as_of": "2020-01-01",)"
                    R"( "purpose": "training", "colour": "red"})");
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(error_field(unknown), "colour");
  auto rows = as(*client_, laos, "POST", base + "/casualties",
                 R"({"rows": [{"year": 2022, "area": "A", "device_type": "other_erw",)"
                 R"( "outcome": "injured", "count": 1}, {"year": 2022, "area": "B",)"
                 R"( "device_type": "other_erw", "outcome": "injured", "count": 1,)"
                 R"( "name": "Somchai"}]})");
  EXPECT_EQ(rows.status, 400) << rows.body;
  EXPECT_EQ(error_field(rows), "rows[1].name");
  auto no_year = get(base + "/casualties/summary");
  EXPECT_EQ(no_year.status, 400);
  EXPECT_EQ(error_field(no_year), "year");

  auto foreign = as(*client_, cambodia, "POST", base + "/stockpiles/declarations",
                    R"({"category": "cluster_munitions", "quantity": 1, "as_of": "2020-01-01"})");
  EXPECT_EQ(foreign.status, 403) << foreign.body;
  auto anonymous = client_->request("POST", base + "/casualties", R"({"rows": []})",
                                    {{"Content-Type", "application/json"}});
  EXPECT_EQ(anonymous.status, 401) << anonymous.body;

  auto all = get(base + "/stockpiles");
  ASSERT_EQ(all.status, 200);
  EXPECT_EQ(json_of(all)["declarations"].size(), 0u);
  EXPECT_EQ(json_of(all)["retained"].size(), 0u);
  EXPECT_EQ(json_of(get(base + "/casualties"))["casualties"].size(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Backends, StockpileApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
