// Funding over the API and the CLI: an operator imports rates as text/csv (a bad row imports
// nothing and is named); a donor's contact records a commitment and amends it with the version
// it read (a stale one gets 409); anyone reads the flow with its history and the funding view,
// which states its conversion date; `concord import rates` and `concord flow add | view` do the
// same from the command line.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "api/api_fixture.h"

namespace concord::testing {
namespace {

const std::string kRates =
    "date,currency,quote,rate,source\n"
    "2027-01-01,EUR,USD,1.25,ECB\n"
    "2027-01-10,USD,JPY,150,BoJ\n";

class FundingApi : public ApiTest {
 protected:
  HttpResponse put_rates(const std::string& csv, const std::string& content_type = "text/csv") {
    HttpClient client("127.0.0.1", server_->port());
    return client.request("PUT", "/api/v1/assistance/exchange-rates", csv,
                          {{"Cookie", operator_session().cookie},
                           {"X-CSRF-Token", operator_session().csrf_token},
                           {"Content-Type", content_type}});
  }
};

TEST_P(FundingApi, RatesFlowsVersionsAndTheView) {
  auto json_rates = put_rates(kRates, "application/json");
  EXPECT_EQ(json_rates.status, 400);
  EXPECT_EQ(error_field(json_rates), "Content-Type");
  auto bad = put_rates("date,currency,quote,rate\n2027-01-01,EUR,USD,1.25\n2027-01-01,EUR,GBP,x\n");
  ASSERT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(error_field(bad), "rate");
  EXPECT_NE(bad.body.find("line 3"), std::string::npos) << bad.body;
  EXPECT_EQ(json_of(get("/api/v1/assistance/exchange-rates"))["rates"].size(), 0u);
  auto imported = put_rates(kRates);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(json_of(imported)["imported"], 2);
  EXPECT_EQ(json_of(get("/api/v1/assistance/exchange-rates"))["rates"].size(), 2u);

  add_user(db_url_, "no.officer", "NO", {"assistance_officer"});
  const Session norway = sign_in(*client_, "no.officer");
  auto recorded = as(*client_, norway, "POST", "/api/v1/assistance/flows",
                     R"({"kind": "commitment", "recipient_state": "LA", "amount": "250000",
                         "currency": "USD", "value_date": "2027-01-20", "budget_year": 2027,
                         "theme": "clearance"})");
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const auto flow = json_of(recorded);
  EXPECT_EQ(flow["donor"], "state:NO");
  EXPECT_EQ(flow["sector"], "15250");
  EXPECT_EQ(flow["amount"], "250000.00");
  EXPECT_EQ(flow["counted"], true);
  const std::string path = "/api/v1/assistance/flows/" + flow["flow_id"].get<std::string>();

  auto bad_field = as(*client_, norway, "POST", "/api/v1/assistance/flows",
                      R"({"kind": "commitment", "recipient_state": "LA", "amount": "1.234",
                          "currency": "USD", "value_date": "2027-01-20", "budget_year": 2027,
                          "theme": "clearance"})");
  EXPECT_EQ(bad_field.status, 400);
  EXPECT_EQ(error_field(bad_field), "amount");

  auto amended = as(*client_, norway, "POST", path + "/amend",
                    R"({"expected_version": 1, "amount": "300000"})");
  ASSERT_EQ(amended.status, 200) << amended.body;
  EXPECT_EQ(json_of(amended)["version"], 2);
  auto stale =
      as(*client_, norway, "POST", path + "/amend", R"({"expected_version": 1, "amount": "1"})");
  EXPECT_EQ(stale.status, 409) << stale.body;

  auto read = get(path);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(json_of(read)["flow"]["version"], 2);
  EXPECT_EQ(json_of(read)["history"].size(), 2u);

  auto view = get("/api/v1/assistance/funding?by=country&currency=EUR&rates_on=2027-02-01");
  ASSERT_EQ(view.status, 200) << view.body;
  const auto body = json_of(view);
  EXPECT_EQ(body["rates_on"], "2027-02-01");
  EXPECT_EQ(body["oldest_rate_date"], "2027-01-01");
  EXPECT_EQ(body["groups"][0]["key"], "LA");
  EXPECT_EQ(body["groups"][0]["counted"], "240000.00");  // 300,000 USD / 1.25
  EXPECT_EQ(body["groups"][0]["single_donor_dependency"], true);

  auto bad_by = get("/api/v1/assistance/funding?by=galaxy");
  EXPECT_EQ(bad_by.status, 400);
  EXPECT_EQ(error_field(bad_by), "by");
  auto continuity = get("/api/v1/assistance/funding/continuity?currency=EUR&rates_on=2027-02-01");
  ASSERT_EQ(continuity.status, 200) << continuity.body;
  EXPECT_EQ(json_of(continuity)["after_year"], 2027);
  EXPECT_EQ(json_of(continuity)["years"].size(), 0u);  // nothing after 2027 yet
  auto concentration =
      get("/api/v1/assistance/funding/concentration?currency=USD&rates_on=2027-02-01");
  ASSERT_EQ(concentration.status, 200) << concentration.body;
  EXPECT_EQ(json_of(concentration)["donors"][0]["donor"], "state:NO");
}

INSTANTIATE_TEST_SUITE_P(Backends, FundingApi, ::testing::ValuesIn(all_backends()), backend_name);

TEST(FundingCli, ImportsRatesRecordsAFlowAndShowsTheView) {
  const std::string url = fresh_database_url(store::Backend::sqlite);
  const std::string rates = (std::filesystem::temp_directory_path() /
                             ("concord-rates-" + std::to_string(::getpid()) + ".csv"))
                                .string();
  std::ofstream(rates) << kRates;
  auto imported = run_concord({"import", "rates", rates, "--db", url});
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  EXPECT_NE(imported.output.find("imported 2 exchange rates"), std::string::npos);

  auto added = run_concord({"flow",         "add",     "--as",      "state:JP",   "--kind",
                            "disbursement", "--to",    "LA",        "--amount",   "30000000",
                            "--currency",   "JPY",     "--date",    "2027-01-20", "--year",
                            "2027",         "--theme", "clearance", "--db",       url});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("state:JP -> LA  30000000 JPY"), std::string::npos) << added.output;

  auto view = run_concord({"flow", "view", "--by", "donor", "--currency", "USD", "--rates-on",
                           "2027-02-01", "--db", url});
  ASSERT_EQ(view.exit_code, 0) << view.output;
  EXPECT_NE(view.output.find("rates of 2027-02-01 (oldest rate used: 2027-01-10)"),
            std::string::npos)
      << view.output;
  EXPECT_NE(view.output.find("counted 200000.00"), std::string::npos) << view.output;

  std::ofstream(rates) << "date,currency,quote,rate\n2027-01-01,EUR,USD,0\n";
  auto refused = run_concord({"import", "rates", rates, "--db", url});
  EXPECT_EQ(refused.exit_code, 5) << refused.output;
  EXPECT_NE(refused.output.find("line 2"), std::string::npos) << refused.output;
  std::filesystem::remove(rates);
}

}  // namespace
}  // namespace concord::testing
