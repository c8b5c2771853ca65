// The plan and offer routes over HTTP on both backends: a national contact publishes a plan with
// an obligation, a costed need and progress; anonymous callers and civil society see only its
// public parts; another state's contact cannot change it; bad fields are named and store nothing;
// an assistance officer publishes an offer and the state whose need fits is told in its inbox.
#include "api/api_fixture.h"

namespace concord::testing {
namespace {

using nlohmann::json;
using PlanApi = ApiTest;

TEST_P(PlanApi, AStatePublishesAPlanAndOnlyTheCommunitySeesItsRestrictedParts) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  add_user(db_url_, "kh.contact", "KH", {"national_contact"});
  add_user(db_url_, "de.observer", "DE", {"civil_society"});
  add_user(db_url_, "no.officer", "NO", {"assistance_officer"});
  const Session laos = sign_in(*client_, "la.contact");
  const Session cambodia = sign_in(*client_, "kh.contact");
  const Session observer = sign_in(*client_, "de.observer");
  const Session norway = sign_in(*client_, "no.officer");

  auto plan =
      as(*client_, laos, "POST", "/api/v1/assistance/plans",
         R"({"title": "National mine action plan", "first_year": 2027, "last_year": 2031})");
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::string plan_id = json_of(plan)["id"];
  EXPECT_EQ(json_of(plan)["state"], "LA");
  EXPECT_EQ(plan.header("location"), "/api/v1/assistance/plans/" + plan_id);
  const std::string plan_path = "/api/v1/assistance/plans/" + plan_id;

  auto obligation =
      as(*client_, laos, "POST", plan_path + "/obligations",
         R"({"theme": "clearance", "treaty_basis": "ccm", "description": "clear cluster munition)"
         R"( remnants", "unit": "km2", "target_quantity": 120.5, "baseline_quantity": 3,)"
         R"( "deadline": "2030-08-01", "extended_deadline": "2032-08-01"})");
  ASSERT_EQ(obligation.status, 201) << obligation.body;
  const std::string obligation_id = json_of(obligation)["id"];
  EXPECT_EQ(json_of(obligation)["effective_deadline"], "2032-08-01");
  auto restricted_obligation =
      as(*client_, laos, "POST", plan_path + "/obligations",
         R"({"theme": "salw_control", "capacity_area": "tracing", "treaty_basis": "poa_iti",)"
         R"( "description": "train tracing officers", "unit": "officers_trained",)"
         R"( "target_quantity": 40, "deadline": "2029-12-31", "visibility": "restricted"})");
  ASSERT_EQ(restricted_obligation.status, 201) << restricted_obligation.body;

  auto need = as(*client_, laos, "POST", plan_path + "/needs",
                 json{{"obligation_id", obligation_id},
                      {"description", "survey and clearance teams"},
                      {"currency", "USD"},
                      {"years",
                       {{{"year", 2027}, {"cost", "1500000.25"}, {"national", "250000"}},
                        {{"year", 2028}, {"cost", 2000000}}}}}
                     .dump());
  ASSERT_EQ(need.status, 201) << need.body;
  const json need_body = json_of(need);
  EXPECT_EQ(need_body["theme"], "clearance");
  EXPECT_EQ(need_body["years"][0]["gap"], "1250000.25");
  EXPECT_EQ(need_body["requested"]["amount"], "3250000.25");
  auto hidden_need = as(*client_, laos, "POST", plan_path + "/needs",
                        R"({"theme": "victim_assistance", "description": "rehabilitation centre",)"
                        R"( "currency": "EUR", "visibility": "restricted",)"
                        R"( "years": [{"year": 2029, "cost": "90000"}]})");
  ASSERT_EQ(hidden_need.status, 201) << hidden_need.body;
  const std::string hidden_need_id = json_of(hidden_need)["id"];

  auto progress =
      as(*client_, laos, "POST", "/api/v1/assistance/obligations/" + obligation_id + "/progress",
         R"({"as_of": "2026-01-31", "achieved_quantity": 12.5, "note": "north"})");
  ASSERT_EQ(progress.status, 201) << progress.body;

  // Anonymous callers and civil society see the public parts only.
  for (int who = 0; who < 2; ++who) {
    auto read = [&](const std::string& target) {
      return who == 0 ? get(target) : as(*client_, observer, "GET", target);
    };
    auto view = read(plan_path);
    ASSERT_EQ(view.status, 200) << view.body;
    EXPECT_EQ(json_of(view)["obligations"].size(), 1u);
    EXPECT_EQ(json_of(view)["needs"].size(), 1u);
    EXPECT_EQ(json_of(view)["obligations"][0]["latest_progress"]["achieved_quantity"], 12.5);
    EXPECT_EQ(read("/api/v1/assistance/needs/" + hidden_need_id).status, 404);
    EXPECT_EQ(json_of(read("/api/v1/assistance/needs?state=LA"))["needs"].size(), 1u);
  }
  // The assistance community sees everything.
  auto full = as(*client_, norway, "GET", plan_path);
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(json_of(full)["obligations"].size(), 2u);
  EXPECT_EQ(json_of(full)["needs"].size(), 2u);
  EXPECT_EQ(as(*client_, norway, "GET", "/api/v1/assistance/needs/" + hidden_need_id).status, 200);

  // Another state's contact cannot change the plan.
  auto taken = as(*client_, cambodia, "PUT", plan_path,
                  R"({"title": "Taken over", "first_year": 2027, "last_year": 2031})");
  EXPECT_EQ(taken.status, 403) << taken.body;
  EXPECT_EQ(as(*client_, cambodia, "POST", plan_path + "/needs",
               R"({"theme": "clearance", "description": "x needs", "currency": "USD",)"
               R"( "years": [{"year": 2027, "cost": "1"}]})")
                .status,
            403);
  EXPECT_EQ(json_of(get(plan_path))["title"], "National mine action plan");

  // An offer from Norway that fits the Lao need tells Laos, and not Cambodia.
  auto offer = as(*client_, norway, "POST", "/api/v1/assistance/offers",
                  R"({"title": "Norwegian clearance fund", "themes": ["clearance"],)"
                  R"( "eligible_countries": ["LA", "KH"], "amount": "5000000", "currency": "NOK",)"
                  R"( "first_year": 2027, "last_year": 2029, "modality": "grant"})");
  ASSERT_EQ(offer.status, 201) << offer.body;
  EXPECT_EQ(json_of(offer)["notified_states"], json::array({"LA"}));
  EXPECT_EQ(json_of(offer)["donor"], "state:NO");
  auto inbox = json_of(as(*client_, laos, "GET", "/api/v1/inbox"));
  bool told = false;
  for (const auto& entry : inbox.value("notifications", inbox.value("entries", json::array()))) {
    if (entry.value("topic", "") == "assistance.offer") told = true;
  }
  EXPECT_TRUE(told) << inbox.dump();
  const std::string offer_id = json_of(offer)["id"];
  EXPECT_EQ(json_of(get("/api/v1/assistance/offers/" + offer_id))["amount"], "5000000.00");
  EXPECT_EQ(
      as(*client_, laos, "POST", "/api/v1/assistance/offers/" + offer_id + "/withdraw").status,
      403);
  EXPECT_EQ(
      as(*client_, norway, "POST", "/api/v1/assistance/offers/" + offer_id + "/withdraw").status,
      200);
}

TEST_P(PlanApi, BadFieldsAreNamedAndNothingIsStored) {
  add_user(db_url_, "la.contact", "LA", {"national_contact"});
  const Session laos = sign_in(*client_, "la.contact");
  auto field_of = [&](const std::string& target, const std::string& body) {
    auto response = as(*client_, laos, "POST", target, body);
    EXPECT_EQ(response.status, 400) << body << " -> " << response.body;
    return error_field(response);
  };
  EXPECT_EQ(field_of("/api/v1/assistance/plans",
                     R"({"title": "Plan", "first_year": 2027, "last_year": 2020})"),
            "last_year");
  EXPECT_EQ(field_of("/api/v1/assistance/plans",
                     R"({"title": "Plan", "first_year": 2027, "last_year": 2030, "owner": "LA"})"),
            "owner");
  EXPECT_TRUE(json_of(get("/api/v1/assistance/plans"))["plans"].empty());

  auto plan = as(*client_, laos, "POST", "/api/v1/assistance/plans",
                 R"({"title": "Plan", "first_year": 2027, "last_year": 2030})");
  ASSERT_EQ(plan.status, 201);
  const std::string needs =
      "/api/v1/assistance/plans/" + json_of(plan)["id"].get<std::string>() + "/needs";
  const std::string need_start = R"({"theme": "clearance", "description": "teams", )";
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "USD", "years": [{"year": 2027,)"
                                         R"( "cost": "10"}, {"year": 2028, "cost": "1.234"}]})"),
            "years[1].cost");
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "USD", "years": [{"year": 2027,)"
                                         R"( "cost": 10.5}]})"),
            "years[0].cost");
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "USD", "years": [{"year": 2027,)"
                                         R"( "cost": "10", "national": "11"}]})"),
            "years[0].national");
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "USD", "years": [{"year": 2040,)"
                                         R"( "cost": "10"}]})"),
            "years[0].year");
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "DOLLARS", "years": [{"year": 2027,)"
                                         R"( "cost": "10"}]})"),
            "currency");
  EXPECT_EQ(field_of(needs, need_start + R"("currency": "USD", "years": [{"year": 2027,)"
                                         R"( "cost": "10", "spent": "1"}]})"),
            "years[0].spent");
  EXPECT_TRUE(json_of(get("/api/v1/assistance/needs"))["needs"].empty());
  EXPECT_EQ(as(*client_, laos, "GET", "/api/v1/assistance/needs?colour=red").status, 400);
}

INSTANTIATE_TEST_SUITE_P(Backends, PlanApi, ::testing::ValuesIn(all_backends()), backend_name);

}  // namespace
}  // namespace concord::testing
